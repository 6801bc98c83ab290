//! The cases' actions, one function each. Each owns its transaction: it loads the case, asks the
//! rules, changes the case through the store, queues its e-mails in the same transaction, and
//! moves the version on, so a change is whole or not at all and two never cross.

use crate::adapters::mail;
use crate::adapters::register::Participation;
use crate::audit::audit;
use crate::cases::documents::Upload;
use crate::cases::mails;
use crate::cases::rules::{self, Signer, Submission, Viewer};
use crate::cases::store::{self, ApprovalRecord, NewDocument, SignatureRecord};
use crate::cases::workdays::add_working_days;
use crate::db::{begin_write, Conn, Tx};
use crate::http::ApiError;
use crate::session::User;
use crate::{setup, terms, AppState};
use chrono::{Days, Utc};
use tilslut_api::validation::{validate_administrators, validate_reason};
use tilslut_api::{
    ActingContext, Administrator, AdministratorInput, Case, CaseRole, CaseStatus, ContextKey, Cvr, FieldCode, FieldError, Language,
    Organisation, PersonRef, ProblemCode, SigningTexts,
};
use unicode_normalization::UnicodeNormalization;

/// Manual review of documentation is promised within this many working days.
pub const MANUAL_REVIEW_WORKING_DAYS: u32 = 10;

/// A case as loaded for a decision: the case, and its organisation's participants and standing
/// in the register.
struct Loaded {
    case: Case,
    participants: Vec<Participation>,
    company_active: bool,
}

/// Whether the register shows `person_id` as a management representative among `participants`.
fn represents(participants: &[Participation], person_id: &str) -> bool {
    participants.iter().any(|p| p.person_id == person_id && p.is_representative())
}

impl Loaded {
    fn is_representative(&self, person_id: &str) -> bool {
        represents(&self.participants, person_id)
    }

    fn viewer(&self, user: &User) -> Viewer {
        Viewer { is_preparer: self.case.started_by.id == user.person.id, is_representative: self.is_representative(&user.person.id) }
    }

    fn id(&self) -> &str {
        &self.case.id
    }
}

/// The register's view of a case's organisation. Asked before a transaction begins, never inside
/// one: the register is not this database (in production, a web service), and a transaction
/// holding the write lock must not wait for it, nor for another connection from the pool.
struct RegisterView {
    organisation: Organisation,
    participants: Vec<Participation>,
    active: bool,
}

async fn register_view(state: &AppState, cvr: &Cvr) -> Result<RegisterView, ApiError> {
    let company = state.register.company(cvr).await?.ok_or(ApiError::NotFound("organisation"))?;
    let participants = state.register.participants_of_company(cvr).await?;
    Ok(RegisterView { organisation: company.organisation(), participants, active: company.active })
}

/// The register's view of case `id`'s organisation (a case's organisation never changes).
async fn register_view_of_case(state: &AppState, id: &str) -> Result<RegisterView, ApiError> {
    let cvr = store::cvr_of(&state.pool, id).await?.ok_or(ApiError::NotFound("case"))?;
    register_view(state, &cvr).await
}

/// Case `id` as the database holds it now, with the register's view of its organisation.
async fn load_with(conn: &mut Conn, id: &str, view: RegisterView) -> Result<Loaded, ApiError> {
    let row = store::case_row(conn, id).await?.ok_or(ApiError::NotFound("case"))?;
    let documents = store::documents(conn, id).await?;
    let history = store::history(conn, id).await?;
    let mut case = row.into_case(view.organisation, documents, history)?;
    case.setup = setup::service::of_case(conn, id, &case.administrators).await?;
    Ok(Loaded { case, participants: view.participants, company_active: view.active })
}

async fn load(state: &AppState, conn: &mut Conn, id: &str) -> Result<Loaded, ApiError> {
    let view = register_view_of_case(state, id).await?;
    load_with(conn, id, view).await
}

/// A refused authorisation goes to the audit log as `what`. Written outside any transaction: one
/// that rolls back would take the record with it.
async fn audited<T>(state: &AppState, user: &User, what: &str, outcome: Result<T, ApiError>) -> Result<T, ApiError> {
    if let Err(ApiError::Forbidden { .. }) = &outcome {
        audit(&state.pool, Some(&user.person.id), "authorisation_failed", what).await;
    }
    outcome
}

/// One change to a case: the transaction and the case as loaded in it.
struct Change {
    tx: Tx,
    loaded: Loaded,
}

impl Change {
    async fn open(state: &AppState, id: &str) -> Result<Change, ApiError> {
        let view = register_view_of_case(state, id).await?;
        let mut tx = begin_write(&state.pool).await?;
        store::hold_case(&mut tx, id).await?;
        let loaded = load_with(&mut tx, id, view).await?;
        Ok(Change { tx, loaded })
    }

    /// Opens the change for `user`, who must be able to see the case.
    async fn open_for(state: &AppState, user: &User, id: &str) -> Result<Change, ApiError> {
        let change = Change::open(state, id).await?;
        rules::ensure_visible(change.loaded.viewer(user))?;
        Ok(change)
    }

    /// Checks the version and makes the change (`change` asks the rules first); on success as
    /// [`Change::finish`], on failure rolled back and a refusal audited. A replay of the change
    /// that made the case what it is (`shows_request` says the case shows what was asked) answers
    /// with the case: a retried save whose answer was lost gets the saved case, not a conflict.
    async fn apply(
        mut self,
        state: &AppState,
        user: &User,
        version: i64,
        what: &str,
        shows_request: impl FnOnce(&Case) -> bool,
        change: impl AsyncFnOnce(&Loaded, &mut Conn) -> Result<(), ApiError>,
    ) -> Result<Case, ApiError> {
        let case = &self.loaded.case;
        if case.version != version && rules::is_replay(case, version, &user.person.id, shows_request(case)) {
            return Ok(self.loaded.case);
        }
        let outcome = match rules::ensure_version(&self.loaded.case, version) {
            Ok(()) => change(&self.loaded, &mut self.tx).await,
            Err(stale) => Err(stale),
        };
        match outcome {
            Ok(()) => self.finish(state).await,
            Err(refused) => {
                drop(self);
                audited(state, user, what, Err(refused)).await
            }
        }
    }

    /// Moves the version on, commits, and returns the case as it is now.
    async fn finish(mut self, state: &AppState) -> Result<Case, ApiError> {
        let id = self.loaded.case.id.clone();
        if !store::bump(&mut self.tx, &id, self.loaded.case.version).await? {
            return Err(ApiError::conflict(ProblemCode::StaleVersion, "The case changed meanwhile; reload it."));
        }
        self.tx.commit().await?;
        let mut conn = state.pool.acquire().await?;
        Ok(load(state, &mut conn, &id).await?.case)
    }
}

/// Opens a change for `user` and applies it at `version` (see [`Change::apply`]).
async fn change(
    state: &AppState,
    user: &User,
    id: &str,
    version: i64,
    what: &str,
    shows_request: impl FnOnce(&Case) -> bool,
    change: impl AsyncFnOnce(&Loaded, &mut Conn) -> Result<(), ApiError>,
) -> Result<Case, ApiError> {
    Change::open_for(state, user, id).await?.apply(state, user, version, what, shows_request, change).await
}

pub async fn get(state: &AppState, user: &User, id: &str) -> Result<Case, ApiError> {
    let mut conn = state.pool.acquire().await?;
    let loaded = load(state, &mut conn, id).await?;
    rules::ensure_visible(loaded.viewer(user))?;
    Ok(loaded.case)
}

/// The cases the person started or, as a representative, must approve; newest first.
pub async fn list(state: &AppState, user: &User) -> Result<Vec<Case>, ApiError> {
    let representative_of: Vec<String> = state
        .register
        .participations_of_person(&user.person.id)
        .await?
        .into_iter()
        .filter(Participation::is_representative)
        .map(|p| p.company.cvr.to_string())
        .collect();
    let ids = store::ids_of(&state.pool, &user.person.id, &representative_of).await?;
    let mut conn = state.pool.acquire().await?;
    let mut cases = Vec::with_capacity(ids.len());
    for id in ids {
        cases.push(load(state, &mut conn, &id).await?.case);
    }
    Ok(cases)
}

pub async fn create(state: &AppState, user: &User, cvr: Cvr, role: CaseRole) -> Result<Case, ApiError> {
    let view = register_view(state, &cvr).await?;
    rules::may_connect(&view.organisation, view.active)?;
    let is_representative = represents(&view.participants, &user.person.id);
    audited(state, user, "create case as representative", rules::may_create(role, is_representative)).await?;
    let now = state.clock.at();
    let mut tx = begin_write(&state.pool).await?;
    if !is_representative {
        store::hold_person(&mut tx, &user.person.id).await?;
        let (open, started_today) = store::counts_of(&mut tx, &user.person.id, now - Days::new(1)).await?;
        rules::within_case_limits(open, started_today)?;
    }
    let mut closed = store::expire_drafts(&mut tx, &cvr, now - rules::DRAFT_LIFETIME).await?;
    if is_representative {
        if let Some(open) = store::open_case_of(&mut tx, &cvr, now).await?.filter(|open| rules::supersedes(open.role)) {
            supersede(&mut tx, &open, &view.organisation, &user.person).await?;
            closed.push(open.id);
        }
    }
    let id = uuid::Uuid::new_v4().to_string();
    if !store::insert(&mut tx, &id, &cvr, role, &user.person.id).await? {
        return Err(ApiError::conflict(ProblemCode::CaseOpen, "Another case for this organisation is already open."));
    }
    store::record(&mut tx, &id, Some(&user.person.id), "created", Some(role.as_str())).await?;
    store::discard_contents(&mut tx, &closed).await?;
    let loaded = load_with(&mut tx, &id, view).await?;
    tx.commit().await?;
    Ok(loaded.case)
}

/// Closes `open` because a representative starts the connection themself, and tells its preparer.
async fn supersede(conn: &mut Conn, open: &store::OpenCase, organisation: &Organisation, by: &PersonRef) -> Result<(), ApiError> {
    store::set_status(conn, &open.id, CaseStatus::Withdrawn).await?;
    store::record(conn, &open.id, Some(&by.id), "superseded", None).await?;
    let to = store::email_of(conn, &open.started_by.id).await?;
    mail::enqueue(conn, &to, Some(&open.id), &mails::superseded(organisation, &by.name)).await?;
    Ok(())
}

pub async fn update_administrators(
    state: &AppState,
    user: &User,
    id: &str,
    version: i64,
    inputs: &[AdministratorInput],
) -> Result<Case, ApiError> {
    let administrators = validate_administrators(inputs, Utc::now().date_naive()).map_err(ApiError::Validation)?;
    let administrators = deliverable(administrators)?;
    let shows_request = |case: &Case| case.administrators == administrators;
    change(state, user, id, version, "change administrators", shows_request, async |loaded, conn| {
        let viewer = loaded.viewer(user);
        rules::may_edit(&loaded.case, viewer)?;
        store::set_administrators(conn, id, &administrators).await?;
        store::record(conn, id, Some(&user.person.id), "administrators_changed", Some(&administrators.len().to_string())).await?;
        if rules::resubmits(&loaded.case, viewer) {
            request_approval(conn, loaded, true, &state.public_url).await?;
        }
        Ok(())
    })
    .await
}

/// The administrators with their names in one Unicode form (NFC: `é` one character, however it
/// was typed), each address checked by the parser that will send to it.
fn deliverable(administrators: Vec<Administrator>) -> Result<Vec<Administrator>, ApiError> {
    let refused: Vec<FieldError> = administrators
        .iter()
        .enumerate()
        .filter(|(_, admin)| mail::parse_address(&admin.email).is_none())
        .map(|(index, _)| FieldError::new(format!("administrators.{index}.email"), FieldCode::EmailInvalid))
        .collect();
    if !refused.is_empty() {
        return Err(ApiError::Validation(refused));
    }
    Ok(administrators.into_iter().map(|admin| Administrator { name: admin.name.nfc().collect(), ..admin }).collect())
}

/// Asks the chosen approver to approve the preparation. A change to it (`changed`) is told at most
/// once per [`mail::NOTIFICATION_INTERVAL`], however often the preparer saves.
async fn request_approval(conn: &mut Conn, loaded: &Loaded, changed: bool, site: &str) -> Result<(), ApiError> {
    let Some(approver) = &loaded.case.approver else { return Ok(()) };
    let to = store::email_of(conn, &approver.id).await?;
    let message = mails::approval_requested(&loaded.case.organisation, &loaded.case.started_by.name, loaded.id(), changed, site);
    if changed {
        mail::notify(conn, &to, loaded.id(), &message).await?;
    } else {
        mail::enqueue(conn, &to, Some(loaded.id()), &message).await?;
    }
    Ok(())
}

pub async fn choose_approver(state: &AppState, user: &User, id: &str, version: i64, person_id: &str) -> Result<Case, ApiError> {
    let shows_request = |case: &Case| case.approver.as_ref().is_some_and(|a| a.id == person_id);
    change(state, user, id, version, "choose approver", shows_request, async |loaded, conn| {
        rules::may_choose_approver(&loaded.case, loaded.viewer(user), loaded.is_representative(person_id))?;
        store::set_approver(conn, id, person_id).await?;
        store::record(conn, id, Some(&user.person.id), "approver_chosen", Some(person_id)).await?;
        Ok(())
    })
    .await
}

pub async fn accept_terms(state: &AppState, user: &User, id: &str, version: i64, terms_version: &str) -> Result<Case, ApiError> {
    let shows_request = |case: &Case| case.terms.as_ref().is_some_and(|t| t.version == terms_version);
    change(state, user, id, version, "accept terms", shows_request, async |loaded, conn| {
        let in_force = terms::current(conn, state.clock.at().date_naive()).await?;
        rules::may_accept_terms(&loaded.case, loaded.viewer(user), &in_force.version, terms_version)?;
        store::accept_terms(conn, id, &in_force.version, &user.person.id).await?;
        store::record(conn, id, Some(&user.person.id), "terms_accepted", Some(&in_force.version)).await?;
        Ok(())
    })
    .await
}

pub async fn submit(state: &AppState, user: &User, id: &str, version: i64) -> Result<Case, ApiError> {
    let shows_request = |case: &Case| matches!(case.status, CaseStatus::AwaitingApproval | CaseStatus::AwaitingManualReview);
    change(state, user, id, version, "submit", shows_request, async |loaded, conn| {
        match rules::submission(&loaded.case, loaded.viewer(user))? {
            Submission::ToApprover(_) => {
                store::set_status(conn, id, CaseStatus::AwaitingApproval).await?;
                store::record(conn, id, Some(&user.person.id), "submitted", None).await?;
                request_approval(conn, loaded, false, &state.public_url).await
            }
            Submission::ToManualReview => {
                let due = add_working_days(state.clock.at().date_naive(), MANUAL_REVIEW_WORKING_DAYS);
                store::await_manual_review(conn, id, due).await?;
                store::record(conn, id, Some(&user.person.id), "submitted_for_review", Some(&due.to_string())).await?;
                Ok(())
            }
        }
    })
    .await
}

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

fn new_reference() -> String {
    format!("TS-{}", &uuid::Uuid::new_v4().simple().to_string()[..8].to_uppercase())
}

/// What asking to approve came to.
pub enum Approving {
    /// Approved, by this request or an earlier one.
    Approved(Box<Case>),
    /// Everything holds; the signature is still to be given.
    ToSign,
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
    Ok(Approving::ToSign)
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
                store::approve(conn, id, &loaded.case.organisation.cvr.to_string(), &record).await?;
                store::record(conn, id, Some(&user.person.id), "approved", Some(&reference)).await?;
                send_connection_mails(state, conn, loaded, &user.person.id, &reference).await
            },
        )
        .await
}

/// The receipt to the approver, a set-up link to each administrator, and word to the preparer.
async fn send_connection_mails(
    state: &AppState,
    conn: &mut Conn,
    loaded: &Loaded,
    approver_id: &str,
    reference: &str,
) -> Result<(), ApiError> {
    let case = &loaded.case;
    let org = &case.organisation;
    let site = &state.public_url;
    let to = store::email_of(conn, approver_id).await?;
    mail::enqueue(conn, &to, Some(loaded.id()), &mails::receipt(org, reference, &case.administrators)).await?;
    for (index, admin) in case.administrators.iter().enumerate() {
        let (token, last_day) = setup::service::issue(conn, loaded.id(), index, state.clock.at()).await?;
        mail::enqueue(conn, &admin.email, Some(loaded.id()), &mails::administrator_setup(admin, org, last_day, &token, site)).await?;
    }
    if case.role == CaseRole::Anmelder {
        let to = store::email_of(conn, &case.started_by.id).await?;
        mail::enqueue(conn, &to, Some(loaded.id()), &mails::preparation_approved(org, reference)).await?;
    }
    Ok(())
}

pub async fn reject(state: &AppState, user: &User, id: &str, version: i64, reason: &str) -> Result<Case, ApiError> {
    let reason = validate_reason(reason).map_err(|e| ApiError::Validation(vec![e]))?;
    let shows_request = |case: &Case| case.status == CaseStatus::Rejected && case.rejection_reason.as_deref() == Some(reason.as_str());
    change(state, user, id, version, "reject", shows_request, async |loaded, conn| {
        rules::may_reject(&loaded.case, loaded.viewer(user))?;
        close_rejected(conn, loaded, Some(&user.person.id), &reason).await
    })
    .await
}

/// Rejects the case with `reason`, which the person who started it is sent.
async fn close_rejected(conn: &mut Conn, loaded: &Loaded, by: Option<&str>, reason: &str) -> Result<(), ApiError> {
    store::reject(conn, loaded.id(), reason).await?;
    store::discard_contents(conn, &[loaded.id().to_string()]).await?;
    store::record(conn, loaded.id(), by, "rejected", Some(reason)).await?;
    let to = store::email_of(conn, &loaded.case.started_by.id).await?;
    mail::enqueue(conn, &to, Some(loaded.id()), &mails::rejected(&loaded.case.organisation, reason)).await?;
    Ok(())
}

pub async fn withdraw(state: &AppState, user: &User, id: &str, version: i64) -> Result<Case, ApiError> {
    let shows_request = |case: &Case| case.status == CaseStatus::Withdrawn;
    change(state, user, id, version, "withdraw", shows_request, async |loaded, conn| {
        rules::may_withdraw(&loaded.case, loaded.viewer(user))?;
        store::set_status(conn, id, CaseStatus::Withdrawn).await?;
        store::discard_contents(conn, &[id.to_string()]).await?;
        // The representative asked to approve it should not go looking for it.
        if let (CaseStatus::AwaitingApproval, Some(approver)) = (loaded.case.status, &loaded.case.approver) {
            let to = store::email_of(conn, &approver.id).await?;
            let message = mails::withdrawn(&loaded.case.organisation, &loaded.case.started_by.name);
            mail::enqueue(conn, &to, Some(id), &message).await?;
        }
        store::record(conn, id, Some(&user.person.id), "withdrawn", None).await?;
        Ok(())
    })
    .await
}

/// Stores an upload on a documentation case, its bytes in the database with its row: every
/// instance reads it, and it is kept whole or not at all. The person and the case are checked first.
pub async fn upload_document(state: &AppState, user: &User, id: &str, upload: Upload) -> Result<Case, ApiError> {
    let document_id = uuid::Uuid::new_v4().to_string();
    change(
        state,
        user,
        id,
        upload.version,
        "upload document",
        |_| false,
        async |loaded, conn| {
            rules::may_upload(&loaded.case, loaded.viewer(user))?;
            let document = NewDocument {
                id: &document_id,
                kind: upload.kind,
                file_name: &upload.file_name,
                content_type: &upload.content_type,
                size: upload.bytes.len(),
            };
            store::insert_document(conn, id, &document, &upload.bytes).await?;
            store::record(conn, id, Some(&user.person.id), "document_uploaded", Some(upload.kind.as_str())).await?;
            Ok(())
        },
    )
    .await
}

/// A documentation case, as the caseworker sees it; no other case is theirs to see.
pub async fn get_for_review(state: &AppState, id: &str) -> Result<Case, ApiError> {
    let mut conn = state.pool.acquire().await?;
    let case = load(state, &mut conn, id).await?.case;
    match case.role {
        CaseRole::Documentation => Ok(case),
        _ => Err(ApiError::NotFound("case")),
    }
}

/// A caseworker's decision on a case in manual review: approved (recorded as signed by the person
/// who sent the documentation, privately; the history names the caseworker) or rejected with
/// `reason`, which the person is sent.
pub async fn decide_manually(
    state: &AppState,
    caseworker: &User,
    id: &str,
    version: i64,
    rejection: Option<String>,
) -> Result<Case, ApiError> {
    let rejection = rejection.map(|reason| validate_reason(&reason).map_err(|e| ApiError::Validation(vec![e]))).transpose()?;
    let change = Change::open(state, id).await?;
    if change.loaded.case.role != CaseRole::Documentation {
        return Err(ApiError::NotFound("case"));
    }
    let shows_request = |case: &Case| match &rejection {
        Some(reason) => case.status == CaseStatus::Rejected && case.rejection_reason.as_ref() == Some(reason),
        None => case.status == CaseStatus::Approved,
    };
    let by = &caseworker.person.id;
    change
        .apply(state, caseworker, version, "decide", shows_request, async |loaded, conn| {
            rules::may_decide_manually(&loaded.case)?;
            match &rejection {
                Some(reason) => close_rejected(conn, loaded, Some(by), reason).await,
                None => {
                    let reference = new_reference();
                    let starter = &loaded.case.started_by.id;
                    let record = ApprovalRecord {
                        approved_by: starter,
                        context: ContextKey::Private,
                        signing_text: "Godkendt ved manuel sagsbehandling.",
                        reference: &reference,
                        signature: None,
                    };
                    store::approve(conn, id, &loaded.case.organisation.cvr.to_string(), &record).await?;
                    store::record(conn, id, Some(by), "approved_manually", Some(&reference)).await?;
                    send_connection_mails(state, conn, loaded, starter, &reference).await
                }
            }
        })
        .await
}
