//! Approving is signing: what the person signs, whether they may, and the approval with the
//! e-mails it sends (the receipt, a set-up link to each administrator, word to the preparer).

use super::change::{audited, change, load, Change, Loaded};
use super::mail_person;
use crate::adapters::mail;
use crate::cases::mails;
use crate::cases::rules::{self, Signer};
use crate::cases::store::{self, ApprovalRecord, SignatureRecord};
use crate::db::Conn;
use crate::http::ApiError;
use crate::session::User;
use crate::{history, setup, terms, AppState};
use tilslut_api::{ActingContext, Case, CaseRole, ContextKey, Language, Organisation, SigningTexts};

/// The context the person acts in, with the company's name from the register.
async fn acting_context(state: &AppState, user: &User) -> Result<ActingContext, ApiError> {
    match user.login.context {
        None | Some(ContextKey::Private) => Ok(ActingContext::Private),
        Some(ContextKey::Company { cvr }) => {
            let company = state.register.company(&cvr).await?.ok_or(ApiError::NotFound("organisation"))?;
            Ok(ActingContext::Company { cvr, name: company.name, form: company.form })
        }
    }
}

pub(super) fn new_reference() -> String {
    format!("TS-{}", &uuid::Uuid::new_v4().simple().to_string()[..8].to_uppercase())
}

/// What asking to approve came to.
pub enum Approving {
    /// Approved, by this request or an earlier one.
    Approved(Box<Case>),
    /// Everything holds; the signature for this organisation is still to be given.
    ToSign(Organisation),
}

/// How `user` stands as the signer of `case` in `context`.
fn signer_of(case: &Case, context: &ActingContext, user: &User) -> Signer {
    Signer {
        context_fits: match context.key() {
            ContextKey::Private => true,
            ContextKey::Company { cvr } => cvr == case.organisation.cvr,
        },
        is_chosen_approver: case.approver.as_ref().is_none_or(|a| a.id == user.person.id),
    }
}

/// The text `user` signs to approve `loaded` now: once the rules allow it, and only if it is the
/// text they saw (`shown_sha256`).
fn text_to_sign(
    loaded: &Loaded,
    user: &User,
    context: &ActingContext,
    terms_version: &str,
    language: Language,
    shown_sha256: &str,
) -> Result<String, ApiError> {
    rules::may_approve(&loaded.case, loaded.viewer(user), signer_of(&loaded.case, context, user), terms_version)?;
    rules::may_connect(&loaded.case.organisation, loaded.company_active)?;
    let text = loaded.case.signing_text(&user.person.name, terms_version, context, language);
    rules::ensure_same_text(shown_sha256, &text)?;
    Ok(text)
}

/// What `user` would sign to approve case `id` now, in each language.
pub async fn signing_texts(state: &AppState, user: &User, id: &str) -> Result<SigningTexts, ApiError> {
    let context = acting_context(state, user).await?;
    let mut conn = state.pool.acquire().await?;
    let loaded = load(state, &mut conn, id).await?;
    rules::ensure_visible(loaded.viewer(user))?;
    let terms = terms::current(&mut conn, state.clock.at().date_naive()).await?;
    let text = |language| loaded.case.signing_text(&user.person.name, &terms.version, &context, language);
    Ok(SigningTexts { da: text(Language::Da), en: text(Language::En) })
}

/// Whether `user` could approve case `id` at `version` with the text they saw, before they go
/// to sign: refused now with the reason, rather than after a login at the provider.
pub async fn check_signable(
    state: &AppState,
    user: &User,
    id: &str,
    version: i64,
    language: Language,
    shown_sha256: &str,
) -> Result<Approving, ApiError> {
    let context = acting_context(state, user).await?;
    let mut conn = state.pool.acquire().await?;
    let loaded = load(state, &mut conn, id).await?;
    rules::ensure_visible(loaded.viewer(user))?;
    if rules::is_repeated_approval(&loaded.case, &user.person.id) {
        return Ok(Approving::Approved(Box::new(loaded.case)));
    }
    let terms = terms::current(&mut conn, state.clock.at().date_naive()).await?;
    let checked = rules::ensure_version(&loaded.case, version)
        .and_then(|()| text_to_sign(&loaded, user, &context, &terms.version, language, shown_sha256));
    audited(state, user, "approve", checked).await?;
    Ok(Approving::ToSign(loaded.case.organisation))
}

/// Approves with `signature`. A repeated approval (double click, retried request) answers with
/// the approved case and changes nothing: one approval, one receipt. It is checked inside the
/// transaction, so two at once are repeated approvals too.
pub async fn approve(
    state: &AppState,
    user: &User,
    id: &str,
    version: i64,
    language: Language,
    signature: &SignatureRecord,
) -> Result<Case, ApiError> {
    let context = acting_context(state, user).await?;
    let change = Change::open_for(state, user, id).await?;
    if rules::is_repeated_approval(&change.loaded.case, &user.person.id) {
        return Ok(change.loaded.case);
    }
    change
        .apply(
            state,
            user,
            version,
            "approve",
            |_| false,
            async |loaded, conn| {
                let terms = terms::current(conn, state.clock.at().date_naive()).await?;
                let signing_text = text_to_sign(loaded, user, &context, &terms.version, language, &signature.signature.text_sha256)?;
                let reference = new_reference();
                let record = ApprovalRecord {
                    approved_by: &user.person.id,
                    context: context.key(),
                    signing_text: &signing_text,
                    reference: &reference,
                    signature: Some(signature),
                };
                store::approve(conn, id, &record).await?;
                history::record(conn, id, Some(&user.person.id), "approved", Some(&reference)).await?;
                send_connection_mails(state, conn, loaded, &user.person.id, &reference).await
            },
        )
        .await
}

/// The receipt to the approver, a set-up link to each administrator, and word to the preparer.
pub(super) async fn send_connection_mails(
    state: &AppState,
    conn: &mut Conn,
    loaded: &Loaded,
    approver_id: &str,
    reference: &str,
) -> Result<(), ApiError> {
    let case = &loaded.case;
    let org = &case.organisation;
    let site = &state.public_url;
    let now = state.clock.at();
    let coming = terms::coming(conn, now.date_naive()).await?;
    let receipt = mails::receipt(org, reference, &case.administrators, setup::service::last_day(now), coming.as_ref());
    mail_person(conn, approver_id, loaded.id(), &receipt).await?;
    for (index, admin) in case.administrators.iter().enumerate() {
        let (token, last_day) = setup::service::issue(conn, loaded.id(), index, now).await?;
        let link = mails::SetupMail { token, last_day, site };
        mail::enqueue(conn, &admin.email, Some(loaded.id()), &mails::administrator_setup(admin, org, &link, coming.as_ref())).await?;
    }
    if case.role == CaseRole::Anmelder {
        mail_person(conn, &case.started_by.id, loaded.id(), &mails::preparation_approved(org, reference)).await?;
    }
    Ok(())
}

/// Sends administrator `email` a new set-up link in place of their unused one (see
/// [`rules::may_renew_setup_link`]).
pub async fn renew_setup_link(state: &AppState, user: &User, id: &str, version: i64, email: &str) -> Result<Case, ApiError> {
    let now = state.clock.at();
    change(
        state,
        user,
        id,
        version,
        "renew setup link",
        |_| false,
        async |loaded, conn| {
            let index = rules::may_renew_setup_link(&loaded.case, loaded.viewer(user), &user.person.id, email)?;
            let (token, last_day) = setup::service::renew(conn, id, index, now).await?;
            let coming = terms::coming(conn, now.date_naive()).await?;
            let link = mails::SetupMail { token, last_day, site: &state.public_url };
            let admin = &loaded.case.administrators[index];
            let org = &loaded.case.organisation;
            mail::enqueue(conn, email, Some(id), &mails::administrator_setup(admin, org, &link, coming.as_ref())).await?;
            history::record(conn, id, Some(&user.person.id), "setup_link_renewed", Some(&(index + 1).to_string())).await?;
            Ok(())
        },
    )
    .await
}
