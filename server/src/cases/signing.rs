//! "Godkend og underskriv": approving is signing. With an identity provider the person logs in
//! there again, and the approval is made when they come back, bound to the hash of the text they
//! read; with the development login they confirm on a page of the app instead.

use crate::adapters::oidc::broker::echo_matches;
use crate::adapters::oidc::Identity;
use crate::audit::audit;
use crate::cases::rules::{self, SignatureLogin};
use crate::cases::service::{self, Approving};
use crate::cases::store::SignatureRecord;
use crate::http::ApiError;
use crate::people;
use crate::session::login::Login;
use crate::session::oidc::{self, safe_return_to, SigningAttempt};
use crate::session::User;
use crate::AppState;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use tilslut_api::pages::JourneyPage;
use tilslut_api::{ApproveRequest, Case, ContextKey, Language, LoginFailure, PersonRef, ProblemCode, Signature, SignatureMethod};
use tower_sessions::cookie::Cookie;

/// A signing on its way through the provider: what is signed, by whom, in which context.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct PendingSigning {
    pub case_id: String,
    pub version: i64,
    pub language: Language,
    pub text_sha256: String,
    pub person_id: String,
    pub context: Option<ContextKey>,
    /// The short text MitID was asked to show.
    #[serde(default)]
    pub reference_text: String,
}

/// What asking to approve leads to.
pub enum Begun {
    /// Approved (now, or by an earlier request).
    Approved(Box<Case>),
    /// Development login: the app's confirmation page, then the request again, confirmed.
    Confirm,
    /// To the provider, with the cookie that finds the signing again.
    IdentityProvider { location: String, cookie: Cookie<'static> },
}

/// The longest signing text and `return_to` taken (the contract's limits).
const MAX_SIGNING_TEXT: usize = 2000;
const MAX_RETURN_TO: usize = 500;

/// `POST /api/cases/{id}/approve`.
pub async fn begin(state: &AppState, user: &User, id: &str, request: ApproveRequest) -> Result<Begun, ApiError> {
    if request.signing_text.chars().count() > MAX_SIGNING_TEXT
        || request.return_to.as_ref().is_some_and(|r| r.chars().count() > MAX_RETURN_TO)
    {
        return Err(ApiError::BadRequest { code: ProblemCode::InvalidBody, detail: "signing_text or return_to is too long".into() });
    }
    let shown = rules::text_digest(&request.signing_text);
    if state.oidc.is_none() && request.confirmed {
        let signature = Signature {
            method: SignatureMethod::Confirmation,
            authenticated_at: state.clock.at(),
            text_sha256: shown,
            reference_text: None,
        };
        let record = SignatureRecord { signature, subject: None };
        return service::approve(state, user, id, request.version, request.language, &record)
            .await
            .map(|case| Begun::Approved(Box::new(case)));
    }
    match service::check_signable(state, user, id, request.version, request.language, &shown).await? {
        Approving::Approved(case) => Ok(Begun::Approved(case)),
        Approving::ToSign(_) if state.oidc.is_none() => Ok(Begun::Confirm),
        Approving::ToSign(organisation) => {
            let reference_text = rules::reference_text(&organisation, request.language);
            let pending = PendingSigning {
                case_id: id.to_string(),
                version: request.version,
                language: request.language,
                text_sha256: shown,
                person_id: user.person.id.clone(),
                context: user.login.context,
                reference_text: reference_text.clone(),
            };
            let return_to = safe_return_to(request.return_to.as_deref()).unwrap_or_else(|| "/".into());
            let attempt = SigningAttempt { pending: serde_json::to_string(&pending)?, reference_text };
            let (location, cookie) = oidc::begin(state, return_to, Some(attempt)).await?;
            Ok(Begun::IdentityProvider { location, cookie })
        }
    }
}

/// Back from the provider as `returned` (tilslut's person for `identity`): the approval, if
/// the login is a signature by the person who began it, fresh, MitID showed the reference text
/// sent (where the broker says what it showed), and the text is still the one they read. Where
/// the browser goes next: the receipt.
pub async fn finish(
    state: &AppState,
    session: tower_sessions::Session,
    signing: PendingSigning,
    began_at: DateTime<Utc>,
    returned: &str,
    identity: Identity,
) -> Result<String, (LoginFailure, &'static str)> {
    let login = SignatureLogin { began_by: &signing.person_id, began_at, returned, authenticated_at: identity.authenticated_at };
    let authenticated_at = rules::signature_holds(login, state.clock.at()).map_err(|failure| (failure, "signature login refused"))?;
    if identity.echoed_reference.as_deref().is_some_and(|echoed| !echo_matches(&signing.reference_text, echoed)) {
        return Err((LoginFailure::TextMismatch, "the broker showed another reference text"));
    }
    let name = people::name(&state.pool, &signing.person_id).await.ok().flatten().ok_or((LoginFailure::Failed, "no such person"))?;
    // The person as they were when they began, in the context they signed in.
    let login = Login { person_id: signing.person_id.clone(), logged_in_at: 0, seen_at: 0, context: signing.context, logouts_before: 0 };
    let user = User { person: PersonRef { id: signing.person_id.clone(), name }, login, session };
    let reference_text = Some(signing.reference_text).filter(|text| !text.is_empty());
    let signature =
        Signature { method: SignatureMethod::IdentityProvider, authenticated_at, text_sha256: signing.text_sha256, reference_text };
    let record = SignatureRecord { signature, subject: Some(identity.subject) };
    match service::approve(state, &user, &signing.case_id, signing.version, signing.language, &record).await {
        Ok(_) => Ok(JourneyPage::Receipt(signing.case_id).path()),
        Err(error) => {
            tracing::info!(%error, case = %signing.case_id, "signature not recorded");
            audit(&state.pool, Some(&signing.person_id), "signature_refused", &error.to_string()).await;
            Err((LoginFailure::Refused, "approval refused"))
        }
    }
}
