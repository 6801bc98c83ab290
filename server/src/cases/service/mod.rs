//! The cases' actions, one function each. Each owns its transaction: it loads the case, asks the
//! rules, changes the case through the store, queues its e-mails in the same transaction, and
//! moves the version on, so a change is whole or not at all and two never cross.

mod approval;
mod change;
mod review;

pub use approval::{approve, check_signable, renew_setup_link, signing_texts, Approving};
pub use review::{decide_manually, document_for_review, get_for_review, history_for_review};

use crate::adapters::mail;
use crate::adapters::register::Participation;
use crate::cases::documents::Upload;
use crate::cases::mails;
use crate::cases::rules::{self, Submission};
use crate::cases::store::{self, NewDocument};
use crate::cases::workdays::add_working_days;
use crate::db::{begin_write, Conn};
use crate::http::in_flight::Ticket;
use crate::http::ApiError;
use crate::session::User;
use crate::{history, people, terms, AppState};
use change::{audited, change, load, load_with, register_view, represents, Loaded};
use chrono::{Days, Utc};
use tilslut_api::validation::{validate_administrators, validate_reason, validate_stated_role};
use tilslut_api::{
    Administrator, AdministratorInput, Case, CaseRole, CaseStatus, CreateCaseRequest, Cvr, FieldCode, FieldError, Organisation, PersonRef,
    ProblemCode,
};
use unicode_normalization::UnicodeNormalization;
use unicode_security::MixedScript;

/// Manual review of documentation is promised within this many working days.
pub const MANUAL_REVIEW_WORKING_DAYS: u32 = 10;

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

/// Whether the organisation is connected (tilslut's own knowledge, not the register's).
pub async fn is_connected(state: &AppState, cvr: &Cvr) -> Result<bool, ApiError> {
    Ok(store::is_connected(&state.pool, cvr).await?)
}

/// The organisation's open case, if any (a draft only while it has not expired).
pub async fn open_case_of(state: &AppState, cvr: &Cvr) -> Result<Option<store::OpenCase>, ApiError> {
    let mut conn = state.pool.acquire().await?;
    store::open_case_of(&mut conn, cvr, state.clock.at()).await
}

pub async fn create(state: &AppState, user: &User, request: &CreateCaseRequest) -> Result<Case, ApiError> {
    let (cvr, role) = (request.cvr, request.role);
    let view = register_view(state, &cvr).await?;
    rules::may_connect(&view.organisation, view.active)?;
    let is_representative = represents(&view.participants, &user.person.id);
    let shows_representatives = view.participants.iter().any(Participation::is_representative);
    audited(state, user, "create case as representative", rules::may_create(role, is_representative, shows_representatives)).await?;
    let stated_role = match role {
        CaseRole::Documentation => {
            let stated = request.stated_role.as_deref().unwrap_or_default();
            Some(validate_stated_role(stated).map_err(|e| ApiError::Validation(vec![e]))?)
        }
        _ => None,
    };
    let now = state.clock.at();
    let mut tx = begin_write(&state.pool).await?;
    if !is_representative {
        store::hold_person(&mut tx, &user.person.id).await?;
        let (open, started, first_started) = store::counts_of(&mut tx, &user.person.id, now - Days::new(1)).await?;
        rules::within_case_limits(open, started, first_started.map(|at| at.0), now)?;
    }
    let mut closed = store::expire_drafts(&mut tx, &cvr, now - rules::DRAFT_LIFETIME).await?;
    if is_representative {
        if let Some(open) = store::open_case_of(&mut tx, &cvr, now).await? {
            if rules::supersedes(open.role, request.supersede)? {
                supersede(&mut tx, &open, &view.organisation, &user.person).await?;
                closed.push(open.id);
            }
        }
    }
    let id = uuid::Uuid::new_v4().to_string();
    if !store::insert(&mut tx, &id, &cvr, role, &user.person.id, stated_role.as_deref()).await? {
        return Err(ApiError::conflict(ProblemCode::CaseOpen, "Another case for this organisation is already open."));
    }
    history::record(&mut tx, &id, Some(&user.person.id), "created", Some(role.as_str())).await?;
    store::discard_contents(&mut tx, &closed).await?;
    let loaded = load_with(&mut tx, &id, view).await?;
    tx.commit().await?;
    Ok(loaded.case)
}

/// Closes `open` because a representative starts the connection themself, and tells its preparer.
async fn supersede(conn: &mut Conn, open: &store::OpenCase, organisation: &Organisation, by: &PersonRef) -> Result<(), ApiError> {
    store::set_status(conn, &open.id, CaseStatus::Withdrawn).await?;
    history::record(conn, &open.id, Some(&by.id), "superseded", None).await?;
    mail_person(conn, &open.started_by.id, &open.id, &mails::superseded(organisation, &by.name)).await?;
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
        history::record(conn, id, Some(&user.person.id), "administrators_changed", Some(&administrators.len().to_string())).await?;
        if rules::resubmits(&loaded.case, viewer) {
            request_approval(conn, loaded, true, &state.public_url).await?;
        }
        Ok(())
    })
    .await
}

/// The administrators with their names in one Unicode form (NFC: `é` one character, however it
/// was typed) and in one script, each address checked by the parser that will send to it.
fn deliverable(administrators: Vec<Administrator>) -> Result<Vec<Administrator>, ApiError> {
    let refused: Vec<FieldError> = administrators
        .iter()
        .enumerate()
        .flat_map(|(index, admin)| {
            let mixed = !admin.name.is_single_script();
            let undeliverable = mail::parse_address(&admin.email).is_none();
            let name = mixed.then(|| FieldError::new(format!("administrators.{index}.name"), FieldCode::NameMixedScripts));
            let email = undeliverable.then(|| FieldError::new(format!("administrators.{index}.email"), FieldCode::EmailInvalid));
            name.into_iter().chain(email)
        })
        .collect();
    if !refused.is_empty() {
        return Err(ApiError::Validation(refused));
    }
    Ok(administrators.into_iter().map(|admin| Administrator { name: admin.name.nfc().collect(), ..admin }).collect())
}

/// Queues `message` about case `case_id` to the person, at the address they confirmed; a person
/// without one is told in the app only.
pub(super) async fn mail_person(conn: &mut Conn, person_id: &str, case_id: &str, message: &mail::Message) -> Result<(), sqlx::Error> {
    match people::mail_address(conn, person_id).await? {
        Some(to) => mail::enqueue(conn, &to, Some(case_id), message).await,
        None => Ok(()),
    }
}

/// Asks the chosen approver to approve the preparation. A change to it (`changed`) is told at most
/// once per [`mail::NOTIFICATION_INTERVAL`], however often the preparer saves.
async fn request_approval(conn: &mut Conn, loaded: &Loaded, changed: bool, site: &str) -> Result<(), ApiError> {
    let Some(approver) = &loaded.case.approver else { return Ok(()) };
    // Without a confirmed address, the approver finds it on their start page.
    let Some(to) = people::mail_address(conn, &approver.id).await? else { return Ok(()) };
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
        history::record(conn, id, Some(&user.person.id), "approver_chosen", Some(person_id)).await?;
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
        history::record(conn, id, Some(&user.person.id), "terms_accepted", Some(&in_force.version)).await?;
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
                history::record(conn, id, Some(&user.person.id), "submitted", None).await?;
                request_approval(conn, loaded, false, &state.public_url).await
            }
            Submission::ToManualReview => {
                let due = add_working_days(state.clock.at().date_naive(), MANUAL_REVIEW_WORKING_DAYS);
                store::await_manual_review(conn, id, due).await?;
                history::record(conn, id, Some(&user.person.id), "submitted_for_review", Some(&due.to_string())).await?;
                let receipt = mails::sent_for_review(&loaded.case.organisation, due, id, &state.public_url);
                mail_person(conn, &user.person.id, id, &receipt).await.map_err(ApiError::from)
            }
        }
    })
    .await
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
    history::record(conn, loaded.id(), by, "rejected", Some(reason)).await?;
    mail_person(conn, &loaded.case.started_by.id, loaded.id(), &mails::rejected(&loaded.case.organisation, reason)).await?;
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
            let message = mails::withdrawn(&loaded.case.organisation, &loaded.case.started_by.name);
            mail_person(conn, &approver.id, id, &message).await?;
        }
        history::record(conn, id, Some(&user.person.id), "withdrawn", None).await?;
        Ok(())
    })
    .await
}

/// Stores an upload on a documentation case, its bytes in the database with its row: every
/// instance reads it, and it is kept whole or not at all. The person and the case are checked first.
/// Whether `user` may upload to case `id` now, asked before the upload's body is read: a place
/// among the uploads in flight (held until the returned ticket is dropped), and the case, visible
/// to them, in a state that takes documents.
pub async fn admit_upload(state: &AppState, user: &User, id: &str) -> Result<Ticket, ApiError> {
    let ticket = state.uploads.admit(&user.person.id)?;
    let mut conn = state.pool.acquire().await?;
    let loaded = load(state, &mut conn, id).await?;
    rules::ensure_visible(loaded.viewer(user))?;
    rules::may_upload(&loaded.case, loaded.viewer(user))?;
    Ok(ticket)
}

/// Stores `upload`, admitted by [`admit_upload`] (its rules are checked again in the change).
pub async fn upload_document(state: &AppState, user: &User, id: &str, upload: Upload, _admitted: Ticket) -> Result<Case, ApiError> {
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
            history::record(conn, id, Some(&user.person.id), "document_uploaded", Some(upload.kind.as_str())).await?;
            Ok(())
        },
    )
    .await
}
