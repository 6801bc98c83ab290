//! `GET /api/login/callback`: back from the OpenID Connect provider. A login starts the session
//! (`session`); a signing makes the approval (`cases::signing`) instead. Above both, so that
//! neither reaches up to the other. Whatever goes wrong, the browser lands on the app's login page
//! with a code (`/log-ind?fejl=…`) that the page says in words, never on an error body; a failed
//! signing is told on the page it began on (`?underskrift=…`).
//!
//! The callback's checks, in order: a login cookie that names an attempt begun here in the last
//! ten minutes (taken, so a replayed callback finds none); no `error` from the provider; `state`
//! equal to the attempt's; a `code`, redeemed with the attempt's PKCE verifier; an ID token whose
//! signature, issuer, audience, expiry and nonce hold (openidconnect); an assurance level of at
//! least substantial; then the person, found in
//! the register by the CPR claim or else known by the token's subject. For a signing, also: the
//! same person who began it, an `auth_time` after it began and at most five minutes old, and
//! then the approval's own checks, the text's hash among them (`cases::service::approve`).

use crate::adapters::oidc::{CallbackError, Identity, PendingLogin};
use crate::audit::audit;
use crate::cases::signing::{self, PendingSigning};
use crate::http::ApiError;
use crate::session::oidc::{key_of, login_cookie, redirect, ATTEMPT_LIFETIME, LOGIN_COOKIE};
use crate::session::{service, store};
use crate::AppState;
use axum::extract::{Query, State};
use axum::http::{header, HeaderMap};
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use chrono::TimeDelta;
use serde::Deserialize;
use tilslut_api::pages::JourneyPage;
use tilslut_api::{paths, LoginFailure};
use tower_sessions::cookie::Cookie;
use tower_sessions::Session as CookieSession;

pub fn routes() -> Router<AppState> {
    Router::new().route(paths::LOGIN_CALLBACK, get(callback))
}

#[derive(Deserialize)]
pub struct CallbackQuery {
    code: Option<String>,
    state: Option<String>,
    error: Option<String>,
}

/// `GET /api/login/callback`: back from the provider.
pub async fn callback(
    State(state): State<AppState>,
    session: CookieSession,
    headers: HeaderMap,
    Query(query): Query<CallbackQuery>,
) -> Response {
    let outcome = complete(&state, session, &headers, query).await;
    // The login cookie has done its work either way.
    let spent = login_cookie(String::new(), state.secure_cookies, TimeDelta::zero());
    match outcome {
        Ok(to) => redirect(&to, Some(spent)),
        Err(Refused { failure, why, told_at }) => {
            let what = if matches!(told_at, FailurePage::Signing(_)) { "signing_failed" } else { "login_failed" };
            audit(&state.pool, None, what, why).await;
            redirect(&told_at.with_failure(failure), Some(spent))
        }
    }
}

/// Where a failure is told: the login page, or the page a signing began on.
enum FailurePage {
    Login,
    Signing(String),
}

impl FailurePage {
    fn with_failure(&self, failure: LoginFailure) -> String {
        match self {
            FailurePage::Login => format!("{}?fejl={}", JourneyPage::Login.path(), failure.as_str()),
            FailurePage::Signing(page) => {
                let joiner = if page.contains('?') { '&' } else { '?' };
                format!("{page}{joiner}{}={}", paths::SIGNING_FAILURE_PARAM, failure.as_str())
            }
        }
    }
}

struct Refused {
    failure: LoginFailure,
    why: &'static str,
    told_at: FailurePage,
}

fn refused((failure, why): (LoginFailure, &'static str), told_at: FailurePage) -> Refused {
    Refused { failure, why, told_at }
}

/// Where the browser goes next: the page it was going to, or the signed case's receipt.
async fn complete(state: &AppState, session: CookieSession, headers: &HeaderMap, query: CallbackQuery) -> Result<String, Refused> {
    let attempt = attempt_of(state, headers).await.map_err(|refusal| refused(refusal, FailurePage::Login))?;
    let (return_to, began_at) = (attempt.return_to.clone(), attempt.created_at.0);
    let signing = attempt.signing.as_deref().map(serde_json::from_str::<PendingSigning>).transpose();
    let signing = signing.map_err(|_| refused((LoginFailure::Failed, "signing"), FailurePage::Login))?;
    let told_at = if signing.is_some() { FailurePage::Signing(return_to.clone()) } else { FailurePage::Login };
    let identity = match verify(state, attempt, query).await {
        Ok(identity) => identity,
        Err(refusal) => return Err(refused(refusal, told_at)),
    };
    let person_id = match person_of(state, &identity).await {
        Ok(person_id) => person_id,
        Err(_) => return Err(refused((LoginFailure::Failed, "person"), told_at)),
    };
    match signing {
        Some(signing) => {
            signing::finish(state, session, signing, began_at, &person_id, identity).await.map_err(|refusal| refused(refusal, told_at))
        }
        None => {
            service::start(state, session, person_id, "openid connect")
                .await
                .map_err(|_| refused((LoginFailure::Failed, "session"), told_at))?;
            Ok(if return_to.is_empty() { JourneyPage::ChooseContext.path() } else { return_to })
        }
    }
}

type Refusal = (LoginFailure, &'static str);

/// The attempt the browser's login cookie names, taken: a callback is answered once.
async fn attempt_of(state: &AppState, headers: &HeaderMap) -> Result<store::LoginAttempt, Refusal> {
    let secret = headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(Cookie::split_parse)
        .filter_map(Result::ok)
        .find(|cookie| cookie.name() == LOGIN_COOKIE)
        .map(|cookie| cookie.value().to_string())
        .ok_or((LoginFailure::Expired, "no login cookie"))?;
    store::take_login_attempt(&state.pool, &key_of(&secret))
        .await
        .map_err(|_| (LoginFailure::Failed, "database"))?
        .filter(|attempt| attempt.created_at.0 > state.clock.at() - ATTEMPT_LIFETIME)
        .ok_or((LoginFailure::Expired, "no such login attempt"))
}

/// The provider's answer to `attempt`, checked: who logged in.
async fn verify(state: &AppState, attempt: store::LoginAttempt, query: CallbackQuery) -> Result<Identity, Refusal> {
    let oidc = state.oidc.as_ref().ok_or((LoginFailure::Failed, "no provider"))?;
    if query.error.is_some() {
        return Err((LoginFailure::Cancelled, "the provider answered with an error"));
    }
    if query.state.as_deref() != Some(attempt.state.as_str()) {
        return Err((LoginFailure::Failed, "state mismatch"));
    }
    let code = query.code.ok_or((LoginFailure::Failed, "no code"))?;
    let pending = PendingLogin { state: attempt.state, nonce: attempt.nonce, pkce_verifier: attempt.pkce_verifier };
    oidc.finish(code, pending).await.map_err(|error| {
        tracing::warn!(%error, "login refused");
        match error {
            CallbackError::Assurance(_) => (LoginFailure::LowAssurance, "assurance level too low"),
            _ => (LoginFailure::Failed, "token refused"),
        }
    })
}

/// tilslut's person for `identity`: the register's, found by the CPR number; or else one known by
/// the provider's subject, who acts privately.
async fn person_of(state: &AppState, identity: &Identity) -> Result<String, ApiError> {
    if let Some(cpr) = identity.cpr.as_deref() {
        if let Some(person) = state.register.person_with_cpr(cpr).await? {
            crate::people::upsert(&state.pool, &person.id, &person.name, &person.email, true).await?;
            return Ok(person.id);
        }
    }
    let id = format!("oidc-{}", &key_of(&identity.subject)[..24]);
    let name = identity.name.as_deref().unwrap_or("MitID-bruger");
    crate::people::upsert(&state.pool, &id, name, identity.email.as_deref().unwrap_or_default(), false).await?;
    Ok(id)
}
