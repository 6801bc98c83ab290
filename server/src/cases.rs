//! Onboarding cases: creating, preparing, approving, rejecting, withdrawing, and the manual
//! review of documentation. Every rule is enforced here, whatever the browser did.

use crate::auth::{audit, User};
use crate::error::{ApiError, ApiJson, ApiResult};
use crate::mail::{self, Outgoing};
use crate::register::Participation;
use crate::workdays::add_working_days;
use crate::AppState;
use axum::extract::{Multipart, Path, State};
use chrono::{DateTime, Days, NaiveDate, Utc};
use serde::de::DeserializeOwned;
use serde::Serialize;
use sqlx::SqliteConnection;
use tilslut_api::signing::connection_signing_text;
use tilslut_api::validation::{format_date, validate_administrators, validate_reason};
use tilslut_api::SETUP_LINK_DAYS;
use tilslut_api::*;

/// Manual review of documentation is promised within this many working days.
pub const MANUAL_REVIEW_WORKING_DAYS: u32 = 10;
/// An administrator's set-up link is valid this long.

fn to_db<T: Serialize>(value: T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        _ => unreachable!("unit enums serialise as strings"),
    }
}

fn from_db<T: DeserializeOwned>(text: &str) -> Result<T, ApiError> {
    serde_json::from_value(serde_json::Value::String(text.to_string()))
        .map_err(|_| ApiError::Internal(format!("database holds unknown value {text}")))
}

#[derive(sqlx::FromRow)]
struct CaseRow {
    id: String,
    cvr: String,
    version: i64,
    status: String,
    role: String,
    started_by: String,
    started_by_name: String,
    approver: Option<String>,
    approver_name: Option<String>,
    terms_version: Option<String>,
    terms_accepted_by: Option<String>,
    terms_accepted_by_name: Option<String>,
    terms_accepted_at: Option<DateTime<Utc>>,
    administrators: String,
    approved_by: Option<String>,
    approved_by_name: Option<String>,
    approved_at: Option<DateTime<Utc>>,
    approval_context: Option<String>,
    signing_text: Option<String>,
    reference: Option<String>,
    rejection_reason: Option<String>,
    decision_due: Option<NaiveDate>,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
}

const CASE_SELECT: &str = "SELECT c.id, c.cvr, c.version, c.status, c.role, c.started_by, sp.name AS started_by_name, \
    c.approver, ap.name AS approver_name, c.terms_version, c.terms_accepted_by, tp.name AS terms_accepted_by_name, \
    c.terms_accepted_at, c.administrators, c.approved_by, bp.name AS approved_by_name, c.approved_at, \
    c.approval_context, c.signing_text, c.reference, c.rejection_reason, c.decision_due, c.created_at, c.updated_at \
    FROM cases c JOIN persons sp ON sp.id = c.started_by LEFT JOIN persons ap ON ap.id = c.approver \
    LEFT JOIN persons tp ON tp.id = c.terms_accepted_by LEFT JOIN persons bp ON bp.id = c.approved_by";

fn person(id: Option<String>, name: Option<String>) -> Option<PersonRef> {
    Some(PersonRef { id: id?, name: name? })
}

/// A case as loaded for a decision: the row, the organisation and its participants.
struct Loaded {
    row: CaseRow,
    case: Case,
    participants: Vec<Participation>,
}

impl Loaded {
    fn is_representative(&self, person_id: &str) -> bool {
        self.participants.iter().any(|p| p.person_id == person_id && p.is_representative())
    }

    fn is_preparer(&self, person_id: &str) -> bool {
        self.row.started_by == person_id
    }

    fn ensure_visible_to(&self, user: &User) -> Result<(), ApiError> {
        if self.is_preparer(&user.person.id) || self.is_representative(&user.person.id) {
            Ok(())
        } else {
            // The same answer as for a case that does not exist: a stranger learns nothing.
            Err(ApiError::NotFound("case"))
        }
    }

    fn ensure_version(&self, version: i64) -> Result<(), ApiError> {
        if self.row.version == version {
            Ok(())
        } else {
            Err(ApiError::conflict("stale_version", format!("The case changed meanwhile (now version {}); reload it.", self.row.version)))
        }
    }

    fn ensure_status(&self, allowed: &[CaseStatus]) -> Result<(), ApiError> {
        if allowed.contains(&self.case.status) {
            Ok(())
        } else {
            Err(ApiError::conflict("wrong_status", format!("Not possible while the case is {}.", to_db(self.case.status))))
        }
    }
}

async fn load(state: &AppState, conn: &mut SqliteConnection, id: &str) -> Result<Loaded, ApiError> {
    let row: CaseRow = sqlx::query_as(&format!("{CASE_SELECT} WHERE c.id = ?"))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or(ApiError::NotFound("case"))?;
    let cvr = Cvr::parse(&row.cvr).map_err(|_| ApiError::Internal("bad CVR in case".into()))?;
    let company = state.register.company(&cvr).await?.ok_or(ApiError::NotFound("organisation"))?;
    let participants = state.register.participants_of_company(&cvr).await?;
    let events: Vec<(DateTime<Utc>, Option<String>, Option<String>, String, Option<String>)> = sqlx::query_as(
        "SELECT e.at, e.by_person, p.name, e.event, e.detail FROM case_events e \
         LEFT JOIN persons p ON p.id = e.by_person WHERE e.case_id = ? ORDER BY e.id",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    let documents: Vec<(String, String, String, String, i64, DateTime<Utc>)> =
        sqlx::query_as("SELECT id, kind, file_name, content_type, size, uploaded_at FROM documents WHERE case_id = ? ORDER BY uploaded_at")
            .bind(id)
            .fetch_all(&mut *conn)
            .await?;
    let approval = match (&row.approved_at, &row.approval_context, &row.signing_text, &row.reference) {
        (Some(at), Some(context), Some(text), Some(reference)) => Some(Approval {
            approved_by: person(row.approved_by.clone(), row.approved_by_name.clone())
                .ok_or_else(|| ApiError::Internal("approval without approver".into()))?,
            approved_at: *at,
            context: ContextKey::from_header_value(context).ok_or_else(|| ApiError::Internal("bad context".into()))?,
            signing_text: text.clone(),
            reference: reference.clone(),
        }),
        _ => None,
    };
    let case = Case {
        id: row.id.clone(),
        version: row.version,
        organisation: company.organisation(),
        status: from_db(&row.status)?,
        role: from_db(&row.role)?,
        started_by: PersonRef { id: row.started_by.clone(), name: row.started_by_name.clone() },
        approver: person(row.approver.clone(), row.approver_name.clone()),
        terms: match (&row.terms_version, &row.terms_accepted_at) {
            (Some(version), Some(at)) => Some(TermsAcceptance {
                version: version.clone(),
                accepted_by: person(row.terms_accepted_by.clone(), row.terms_accepted_by_name.clone())
                    .ok_or_else(|| ApiError::Internal("terms without person".into()))?,
                accepted_at: *at,
            }),
            _ => None,
        },
        administrators: serde_json::from_str(&row.administrators)?,
        approval,
        rejection_reason: row.rejection_reason.clone(),
        decision_due: row.decision_due,
        documents: documents
            .into_iter()
            .map(|(id, kind, file_name, content_type, size, uploaded_at)| {
                Ok(DocumentInfo { id, kind: from_db(&kind)?, file_name, content_type, size: size as u64, uploaded_at })
            })
            .collect::<Result<_, ApiError>>()?,
        history: events.into_iter().map(|(at, by, name, event, detail)| HistoryEntry { at, by: person(by, name), event, detail }).collect(),
        created_at: row.created_at,
        updated_at: row.updated_at,
    };
    Ok(Loaded { row, case, participants })
}

async fn record(conn: &mut SqliteConnection, case_id: &str, by: Option<&str>, event: &str, detail: Option<&str>) -> Result<(), ApiError> {
    sqlx::query("INSERT INTO case_events (case_id, at, by_person, event, detail) VALUES (?, ?, ?, ?, ?)")
        .bind(case_id)
        .bind(Utc::now())
        .bind(by)
        .bind(event)
        .bind(detail)
        .execute(conn)
        .await?;
    Ok(())
}

/// Bumps the version if it is still `version`; the one place every change passes through.
async fn bump(conn: &mut SqliteConnection, id: &str, version: i64) -> Result<(), ApiError> {
    let done = sqlx::query("UPDATE cases SET version = version + 1, updated_at = ? WHERE id = ? AND version = ?")
        .bind(Utc::now())
        .bind(id)
        .bind(version)
        .execute(conn)
        .await?;
    if done.rows_affected() == 1 {
        Ok(())
    } else {
        Err(ApiError::conflict("stale_version", "The case changed meanwhile; reload it."))
    }
}

async fn current_terms(conn: &mut SqliteConnection) -> Result<Terms, ApiError> {
    let today = Utc::now().date_naive();
    let (version, title, body, effective_from): (String, String, String, NaiveDate) = sqlx::query_as(
        "SELECT version, title, body, effective_from FROM terms WHERE effective_from <= ? ORDER BY effective_from DESC, rowid DESC LIMIT 1",
    )
    .bind(today)
    .fetch_optional(conn)
    .await?
    .ok_or_else(|| ApiError::Internal("no terms in force".into()))?;
    Ok(Terms { version, title, body, effective_from })
}

async fn email_of(conn: &mut SqliteConnection, person_id: &str) -> Result<String, ApiError> {
    let (email,): (String,) = sqlx::query_as("SELECT email FROM persons WHERE id = ?").bind(person_id).fetch_one(conn).await?;
    Ok(email)
}

#[utoipa::path(get, path = "/api/terms/current", tag = "terms", responses((status = 200, body = Terms)))]
pub async fn get_current_terms(State(state): State<AppState>) -> ApiResult<Terms> {
    let mut conn = state.pool.acquire().await?;
    current_terms(&mut conn).await.map(ApiJson)
}

#[utoipa::path(get, path = "/api/organisations", tag = "organisations",
    responses((status = 200, body = Vec<Organisation>, description = "The organisations the person is a management representative of")))]
pub async fn my_organisations(State(state): State<AppState>, user: User) -> ApiResult<Vec<Organisation>> {
    let mut organisations: Vec<Organisation> = state
        .register
        .participations_of_person(&user.person.id)
        .await?
        .into_iter()
        .filter(Participation::is_representative)
        .map(|p| p.company.organisation())
        .collect();
    organisations.sort_by(|a, b| a.name.cmp(&b.name));
    organisations.dedup_by_key(|o| o.cvr);
    Ok(ApiJson(organisations))
}

fn parse_cvr_path(text: &str) -> Result<Cvr, ApiError> {
    Cvr::parse(text).map_err(|e| ApiError::field("cvr", e.code()))
}

#[utoipa::path(get, path = "/api/organisations/{cvr}", tag = "organisations",
    params(("cvr" = String, Path, description = "CVR number")),
    responses((status = 200, body = OrganisationLookup), (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn lookup_organisation(State(state): State<AppState>, user: User, Path(cvr): Path<String>) -> ApiResult<OrganisationLookup> {
    let cvr = parse_cvr_path(&cvr)?;
    let company = state.register.company(&cvr).await?.ok_or(ApiError::NotFound("organisation"))?;
    let participants = state.register.participants_of_company(&cvr).await?;
    let representatives: Vec<Representative> = participants
        .iter()
        .filter(|p| p.is_representative())
        .map(|p| Representative {
            person: PersonRef { id: p.person_id.clone(), name: p.person_name.clone() },
            role: p.relation.as_str().to_string(),
        })
        .collect();
    let is_representative = representatives.iter().any(|r| r.person.id == user.person.id);
    let open: Option<(String, String, String, String)> = sqlx::query_as(
        "SELECT c.id, c.status, c.started_by, p.name FROM cases c JOIN persons p ON p.id = c.started_by \
         WHERE c.cvr = ? AND c.status IN ('draft', 'awaiting_approval', 'awaiting_manual_review')",
    )
    .bind(cvr.to_string())
    .fetch_optional(&state.pool)
    .await?;
    let open_case = open
        .map(|(case_id, status, started_by, name)| {
            Ok::<_, ApiError>(OpenCaseInfo {
                case_id,
                status: from_db(&status)?,
                visible_to_you: started_by == user.person.id || is_representative,
                started_by: PersonRef { id: started_by, name },
            })
        })
        .transpose()?;
    Ok(ApiJson(OrganisationLookup { organisation: company.organisation(), is_representative, representatives, open_case }))
}

#[utoipa::path(post, path = "/api/cases", tag = "cases", request_body = CreateCaseRequest,
    responses((status = 201, body = Case), (status = 403, body = Problem), (status = 409, body = Problem)))]
pub async fn create_case(
    State(state): State<AppState>,
    user: User,
    ApiJson(request): ApiJson<CreateCaseRequest>,
) -> Result<(axum::http::StatusCode, ApiJson<Case>), ApiError> {
    let company = state.register.company(&request.cvr).await?.ok_or(ApiError::NotFound("organisation"))?;
    if company.connected {
        return Err(ApiError::conflict("already_connected", format!("{} is already connected.", company.name)));
    }
    let participants = state.register.participants_of_company(&request.cvr).await?;
    let is_representative = participants.iter().any(|p| p.person_id == user.person.id && p.is_representative());
    match (request.role, is_representative) {
        (CaseRole::Representative, false) => {
            audit(&state.pool, Some(&user.person.id), "authorisation_failed", "create case as representative").await;
            return Err(ApiError::forbidden(
                "not_representative",
                "The register does not show you as a management representative of this organisation.",
            ));
        }
        (CaseRole::Anmelder | CaseRole::Documentation, true) => {
            return Err(ApiError::conflict("is_representative", "You are a representative: connect the organisation yourself."));
        }
        _ => {}
    }
    let _write = state.write_lock.lock().await;
    let mut tx = begin_write(&state.pool).await?;
    let id = uuid::Uuid::new_v4().to_string();
    let now = Utc::now();
    let inserted =
        sqlx::query("INSERT INTO cases (id, cvr, status, role, started_by, created_at, updated_at) VALUES (?, ?, 'draft', ?, ?, ?, ?)")
            .bind(&id)
            .bind(request.cvr.to_string())
            .bind(to_db(request.role))
            .bind(&user.person.id)
            .bind(now)
            .bind(now)
            .execute(&mut *tx)
            .await;
    match inserted {
        Err(sqlx::Error::Database(e)) if e.is_unique_violation() => {
            return Err(ApiError::conflict("case_open", "Another case for this organisation is already open."));
        }
        other => other?,
    };
    record(&mut tx, &id, Some(&user.person.id), "created", Some(&to_db(request.role))).await?;
    let loaded = load(&state, &mut tx, &id).await?;
    tx.commit().await?;
    Ok((axum::http::StatusCode::CREATED, ApiJson(loaded.case)))
}

#[utoipa::path(get, path = "/api/cases", tag = "cases",
    responses((status = 200, body = Vec<Case>, description = "Cases the person prepared or must approve")))]
pub async fn list_cases(State(state): State<AppState>, user: User) -> ApiResult<Vec<Case>> {
    let representative_of: Vec<String> = state
        .register
        .participations_of_person(&user.person.id)
        .await?
        .into_iter()
        .filter(Participation::is_representative)
        .map(|p| p.company.cvr.to_string())
        .collect();
    let ids: Vec<(String, String)> = sqlx::query_as(
        "SELECT id, cvr FROM cases WHERE started_by = ? OR cvr IN (SELECT value FROM json_each(?)) ORDER BY updated_at DESC",
    )
    .bind(&user.person.id)
    .bind(serde_json::to_string(&representative_of)?)
    .fetch_all(&state.pool)
    .await?;
    let mut conn = state.pool.acquire().await?;
    let mut cases = Vec::with_capacity(ids.len());
    for (id, _) in ids {
        cases.push(load(&state, &mut conn, &id).await?.case);
    }
    Ok(ApiJson(cases))
}

#[utoipa::path(get, path = "/api/cases/{id}", tag = "cases", params(("id" = String, Path)),
    responses((status = 200, body = Case), (status = 404, body = Problem)))]
pub async fn get_case(State(state): State<AppState>, user: User, Path(id): Path<String>) -> ApiResult<Case> {
    let mut conn = state.pool.acquire().await?;
    let loaded = load(&state, &mut conn, &id).await?;
    loaded.ensure_visible_to(&user)?;
    Ok(ApiJson(loaded.case))
}

/// One change to a case in progress: the write lock, the transaction, and the case as loaded
/// and checked (visible to the user, at the version the change was made against).
struct Change {
    _write: tokio::sync::OwnedMutexGuard<()>,
    tx: sqlx::Transaction<'static, sqlx::Sqlite>,
    loaded: Loaded,
}

/// Takes the write lock, opens the transaction and loads the case, checking only visibility.
/// A transaction that writes takes SQLite's write lock when it begins (`BEGIN IMMEDIATE`), so it
/// waits its turn (busy timeout) behind other writers — the session store, the audit log —
/// instead of failing with SQLITE_BUSY_SNAPSHOT when it upgrades from reading to writing.
async fn begin_write(pool: &sqlx::SqlitePool) -> Result<sqlx::Transaction<'static, sqlx::Sqlite>, sqlx::Error> {
    pool.begin_with("BEGIN IMMEDIATE").await
}

async fn lock_and_load(state: &AppState, user: &User, id: &str) -> Result<Change, ApiError> {
    let write = state.write_lock.clone().lock_owned().await;
    let mut tx = begin_write(&state.pool).await?;
    let loaded = load(state, &mut tx, id).await?;
    loaded.ensure_visible_to(user)?;
    Ok(Change { _write: write, tx, loaded })
}

async fn begin_change(state: &AppState, user: &User, id: &str, version: i64) -> Result<Change, ApiError> {
    let change = lock_and_load(state, user, id).await?;
    change.loaded.ensure_version(version)?;
    Ok(change)
}

impl Change {
    /// Makes a change to the case in the transaction (`change` checks what it must first): on
    /// success as [`Change::finish`] does; on failure the transaction is rolled back, and a
    /// refused authorisation is written to the audit log as `what` after that, on its own: inside
    /// the transaction the rollback would take the record with it.
    async fn apply(
        mut self,
        state: &AppState,
        user: &User,
        what: &str,
        change: impl AsyncFnOnce(&Loaded, &mut SqliteConnection) -> Result<(), ApiError>,
    ) -> ApiResult<Case> {
        match change(&self.loaded, &mut self.tx).await {
            Ok(()) => self.finish(state).await,
            Err(refused) => {
                drop(self);
                if matches!(refused, ApiError::Forbidden { .. }) {
                    audit(&state.pool, Some(&user.person.id), "authorisation_failed", what).await;
                }
                Err(refused)
            }
        }
    }

    /// Bumps the version, commits, and returns the case as it is now.
    async fn finish(mut self, state: &AppState) -> ApiResult<Case> {
        bump(&mut self.tx, &self.loaded.row.id, self.loaded.row.version).await?;
        self.tx.commit().await?;
        let mut conn = state.pool.acquire().await?;
        Ok(ApiJson(load(state, &mut conn, &self.loaded.row.id).await?.case))
    }
}

fn may_edit(loaded: &Loaded, user: &User) -> Result<(), ApiError> {
    let preparer_editing = loaded.is_preparer(&user.person.id) && loaded.case.status == CaseStatus::Draft;
    let representative_reviewing =
        loaded.is_representative(&user.person.id) && matches!(loaded.case.status, CaseStatus::Draft | CaseStatus::AwaitingApproval);
    let preparer_changing_submitted = loaded.is_preparer(&user.person.id) && loaded.case.status == CaseStatus::AwaitingApproval;
    if preparer_editing || representative_reviewing || preparer_changing_submitted {
        Ok(())
    } else {
        Err(ApiError::forbidden("not_allowed", "You cannot change this case now."))
    }
}

#[utoipa::path(put, path = "/api/cases/{id}/administrators", tag = "cases", params(("id" = String, Path)),
    request_body = UpdateAdministratorsRequest,
    responses((status = 200, body = Case), (status = 409, body = Problem), (status = 422, body = Problem)))]
pub async fn update_administrators(
    State(state): State<AppState>,
    user: User,
    Path(id): Path<String>,
    ApiJson(request): ApiJson<UpdateAdministratorsRequest>,
) -> ApiResult<Case> {
    let administrators = validate_administrators(&request.administrators, Utc::now().date_naive()).map_err(ApiError::Validation)?;
    let json = serde_json::to_string(&administrators)?;
    let change = begin_change(&state, &user, &id, request.version).await?;
    change
        .apply(&state, &user, "change administrators", async |loaded, conn| {
            may_edit(loaded, &user)?;
            sqlx::query("UPDATE cases SET administrators = ? WHERE id = ?").bind(&json).bind(&loaded.row.id).execute(&mut *conn).await?;
            record(conn, &loaded.row.id, Some(&user.person.id), "administrators_changed", Some(&administrators.len().to_string())).await?;
            notify_if_resubmitted(conn, loaded, &user).await
        })
        .await
}

/// A preparer's change after submission is sent to the representative again.
async fn notify_if_resubmitted(conn: &mut SqliteConnection, loaded: &Loaded, user: &User) -> Result<(), ApiError> {
    if loaded.case.status != CaseStatus::AwaitingApproval || !loaded.is_preparer(&user.person.id) {
        return Ok(());
    }
    if let Some(approver) = &loaded.case.approver {
        let to = email_of(conn, &approver.id).await?;
        mail::enqueue(conn, approval_request_mail(&to, loaded, true)).await?;
    }
    Ok(())
}

fn approval_request_mail<'a>(to: &'a str, loaded: &'a Loaded, changed: bool) -> Outgoing<'a> {
    let org = &loaded.case.organisation;
    let what = if changed { "er ændret og afventer" } else { "afventer" };
    Outgoing {
        to,
        subject: format!("Tilslutning af {} {what} din godkendelse", org.name),
        body: format!(
            "{} har forberedt tilslutningen af {} (CVR {}) til MitID Erhverv, og den {what} din godkendelse.\n\n\
             Log ind og godkend eller afvis: /godkend/{}",
            loaded.case.started_by.name, org.name, org.cvr, loaded.row.id
        ),
        kind: "approval_requested",
        case_id: Some(&loaded.row.id),
    }
}

#[utoipa::path(put, path = "/api/cases/{id}/approver", tag = "cases", params(("id" = String, Path)),
    request_body = ChooseApproverRequest, responses((status = 200, body = Case), (status = 422, body = Problem)))]
pub async fn choose_approver(
    State(state): State<AppState>,
    user: User,
    Path(id): Path<String>,
    ApiJson(request): ApiJson<ChooseApproverRequest>,
) -> ApiResult<Case> {
    let change = begin_change(&state, &user, &id, request.version).await?;
    change
        .apply(&state, &user, "choose approver", async |loaded, conn| {
            if !loaded.is_preparer(&user.person.id) || loaded.case.role != CaseRole::Anmelder {
                return Err(ApiError::forbidden("not_allowed", "Only the anmelder chooses who approves."));
            }
            loaded.ensure_status(&[CaseStatus::Draft, CaseStatus::AwaitingApproval])?;
            if !loaded.is_representative(&request.person_id) {
                return Err(ApiError::field("person_id", "approver_not_representative"));
            }
            sqlx::query("UPDATE cases SET approver = ? WHERE id = ?")
                .bind(&request.person_id)
                .bind(&loaded.row.id)
                .execute(&mut *conn)
                .await?;
            record(conn, &loaded.row.id, Some(&user.person.id), "approver_chosen", Some(&request.person_id)).await
        })
        .await
}

#[utoipa::path(post, path = "/api/cases/{id}/terms", tag = "cases", params(("id" = String, Path)),
    request_body = AcceptTermsRequest, responses((status = 200, body = Case), (status = 409, body = Problem)))]
pub async fn accept_terms(
    State(state): State<AppState>,
    user: User,
    Path(id): Path<String>,
    ApiJson(request): ApiJson<AcceptTermsRequest>,
) -> ApiResult<Case> {
    let change = begin_change(&state, &user, &id, request.version).await?;
    change
        .apply(&state, &user, "accept terms", async |loaded, conn| {
            let documentation_starter = loaded.case.role == CaseRole::Documentation && loaded.is_preparer(&user.person.id);
            if !loaded.is_representative(&user.person.id) && !documentation_starter {
                return Err(ApiError::forbidden("not_representative", "Only a management representative accepts the terms."));
            }
            loaded.ensure_status(&[CaseStatus::Draft, CaseStatus::AwaitingApproval])?;
            let terms = current_terms(conn).await?;
            if terms.version != request.terms_version {
                return Err(ApiError::conflict("terms_changed", format!("The terms now in force are version {}.", terms.version)));
            }
            sqlx::query("UPDATE cases SET terms_version = ?, terms_accepted_by = ?, terms_accepted_at = ? WHERE id = ?")
                .bind(&terms.version)
                .bind(&user.person.id)
                .bind(Utc::now())
                .bind(&loaded.row.id)
                .execute(&mut *conn)
                .await?;
            record(conn, &loaded.row.id, Some(&user.person.id), "terms_accepted", Some(&terms.version)).await
        })
        .await
}

#[utoipa::path(post, path = "/api/cases/{id}/submit", tag = "cases", params(("id" = String, Path)),
    request_body = VersionedRequest, responses((status = 200, body = Case), (status = 422, body = Problem)))]
pub async fn submit(
    State(state): State<AppState>,
    user: User,
    Path(id): Path<String>,
    ApiJson(request): ApiJson<VersionedRequest>,
) -> ApiResult<Case> {
    let change = begin_change(&state, &user, &id, request.version).await?;
    change
        .apply(&state, &user, "submit", async |loaded, conn| {
            if !loaded.is_preparer(&user.person.id) || loaded.case.role == CaseRole::Representative {
                return Err(ApiError::forbidden("not_allowed", "A representative approves instead of submitting."));
            }
            loaded.ensure_status(&[CaseStatus::Draft])?;
            let mut missing = Vec::new();
            if loaded.case.administrators.is_empty() {
                missing.push(FieldError::new("administrators", "administrators_required"));
            }
            if loaded.case.role == CaseRole::Anmelder {
                if loaded.case.approver.is_none() {
                    missing.push(FieldError::new("approver", "approver_required"));
                }
                if !missing.is_empty() {
                    return Err(ApiError::Validation(missing));
                }
                sqlx::query("UPDATE cases SET status = 'awaiting_approval' WHERE id = ?").bind(&loaded.row.id).execute(&mut *conn).await?;
                record(conn, &loaded.row.id, Some(&user.person.id), "submitted", None).await?;
                let approver = loaded.case.approver.as_ref().map(|a| a.id.clone()).unwrap_or_default();
                let to = email_of(conn, &approver).await?;
                mail::enqueue(conn, approval_request_mail(&to, loaded, false)).await?;
                return Ok(());
            }
            // Documentation: ID and proof of affiliation, then manual review.
            if loaded.case.terms.is_none() {
                missing.push(FieldError::new("terms", "terms_required"));
            }
            for kind in [DocumentKind::Identity, DocumentKind::Affiliation] {
                if !loaded.case.documents.iter().any(|d| d.kind == kind) {
                    missing.push(FieldError::new(format!("documents.{}", kind.as_str()), "document_required"));
                }
            }
            if !missing.is_empty() {
                return Err(ApiError::Validation(missing));
            }
            let due = add_working_days(Utc::now().date_naive(), MANUAL_REVIEW_WORKING_DAYS);
            sqlx::query("UPDATE cases SET status = 'awaiting_manual_review', decision_due = ? WHERE id = ?")
                .bind(due)
                .bind(&loaded.row.id)
                .execute(&mut *conn)
                .await?;
            record(conn, &loaded.row.id, Some(&user.person.id), "submitted_for_review", Some(&due.to_string())).await
        })
        .await
}

#[utoipa::path(post, path = "/api/cases/{id}/approve", tag = "cases", params(("id" = String, Path)),
    request_body = ApproveRequest,
    responses((status = 200, body = Case, description = "Approved (again, idempotently, for a repeated request)"),
        (status = 403, body = Problem), (status = 409, body = Problem)))]
pub async fn approve(
    State(state): State<AppState>,
    user: User,
    Path(id): Path<String>,
    ApiJson(request): ApiJson<ApproveRequest>,
) -> ApiResult<Case> {
    let context = session_context(&state, &user).await?;
    let change = lock_and_load(&state, &user, &id).await?;
    // A repeated approval (double click, retried request) answers with the approved case and
    // changes nothing: one approval, one receipt. Checked under the lock, so two at once are too.
    if change.loaded.case.status == CaseStatus::Approved && change.loaded.row.approved_by.as_deref() == Some(user.person.id.as_str()) {
        return Ok(ApiJson(change.loaded.case));
    }
    change.loaded.ensure_version(request.version)?;
    let response = change.apply(&state, &user, "approve", async |loaded, conn| {
        if !loaded.is_representative(&user.person.id) {
            return Err(ApiError::forbidden("not_representative", "Only a management representative can approve."));
        }
        if loaded.case.role == CaseRole::Documentation {
            return Err(ApiError::forbidden("not_allowed", "This case is decided by manual review."));
        }
        loaded.ensure_status(&[CaseStatus::Draft, CaseStatus::AwaitingApproval])?;
        let terms = current_terms(conn).await?;
        match &loaded.case.terms {
            Some(accepted) if accepted.version == terms.version => {}
            Some(_) => return Err(ApiError::conflict("terms_changed", "The terms changed; accept the new version first.")),
            None => return Err(ApiError::field("terms", "terms_required")),
        }
        if loaded.case.administrators.is_empty() {
            return Err(ApiError::field("administrators", "administrators_required"));
        }
        let signing_text = connection_signing_text(
            &user.person.name,
            &loaded.case.organisation,
            &terms.version,
            loaded.case.administrators.len(),
            &context,
            request.language,
        );
        let reference = format!("TS-{}", &uuid::Uuid::new_v4().simple().to_string()[..8].to_uppercase());
        sqlx::query(
            "UPDATE cases SET status = 'approved', approved_by = ?, approved_at = ?, approval_context = ?, signing_text = ?, reference = ? WHERE id = ?",
        )
        .bind(&user.person.id)
        .bind(Utc::now())
        .bind(context.key().header_value())
        .bind(&signing_text)
        .bind(&reference)
        .bind(&loaded.row.id)
        .execute(&mut *conn)
        .await?;
        sqlx::query("UPDATE companies SET connected = 1 WHERE cvr = ?").bind(&loaded.row.cvr).execute(&mut *conn).await?;
        record(conn, &loaded.row.id, Some(&user.person.id), "approved", Some(&reference)).await?;
        send_connection_mails(conn, loaded, &user.person.id, &reference).await
    })
    .await?;
    audit(&state.pool, Some(&user.person.id), "case_approved", &id).await;
    Ok(response)
}

async fn session_context(state: &AppState, user: &User) -> Result<ActingContext, ApiError> {
    match user.login.context {
        None | Some(ContextKey::Private) => Ok(ActingContext::Private),
        Some(ContextKey::Company { cvr }) => {
            let company = state.register.company(&cvr).await?.ok_or(ApiError::NotFound("organisation"))?;
            Ok(ActingContext::Company { cvr, name: company.name, form: company.form })
        }
    }
}

/// The receipt to the approver, a set-up link to each administrator, and word to the preparer.
async fn send_connection_mails(conn: &mut SqliteConnection, loaded: &Loaded, approver_id: &str, reference: &str) -> Result<(), ApiError> {
    let org = &loaded.case.organisation;
    let approver_email = email_of(conn, approver_id).await?;
    let admin_list: String = loaded.case.administrators.iter().map(|a| format!("- {} <{}>\n", a.name, a.email)).collect();
    mail::enqueue(
        conn,
        Outgoing {
            to: &approver_email,
            subject: format!("Kvittering: {} er tilsluttet MitID Erhverv ({reference})", org.name),
            body: format!(
                "{} (CVR {}) er tilsluttet MitID Erhverv.\nReferencenummer: {reference}\n\nOrganisationsadministratorer:\n{admin_list}\n\
             Hver administrator har fået en e-mail med et link til opsætning, som skal bruges inden {SETUP_LINK_DAYS} dage.",
                org.name, org.cvr
            ),
            kind: "receipt",
            case_id: Some(&loaded.row.id),
        },
    )
    .await?;
    let deadline = Utc::now().date_naive() + Days::new(SETUP_LINK_DAYS);
    for admin in &loaded.case.administrators {
        let token = uuid::Uuid::new_v4().simple().to_string();
        mail::enqueue(
            conn,
            Outgoing {
                to: &admin.email,
                subject: format!("Du er udpeget som organisationsadministrator for {}", org.name),
                body: format!(
                    "Kære {}\n\nDu er udpeget som organisationsadministrator for {} (CVR {}) i MitID Erhverv.\n\
                 Sæt organisationen op via dette link senest {}: /opsaet/{token}",
                    admin.name,
                    org.name,
                    org.cvr,
                    format_date(deadline)
                ),
                kind: "administrator_setup",
                case_id: Some(&loaded.row.id),
            },
        )
        .await?;
    }
    if loaded.case.role == CaseRole::Anmelder {
        let to = email_of(conn, &loaded.row.started_by).await?;
        mail::enqueue(
            conn,
            Outgoing {
                to: &to,
                subject: format!("Tilslutningen af {} er godkendt", org.name),
                body: format!("Din forberedelse af tilslutningen af {} (CVR {}) er godkendt. Reference: {reference}", org.name, org.cvr),
                kind: "case_approved",
                case_id: Some(&loaded.row.id),
            },
        )
        .await?;
    }
    Ok(())
}

#[utoipa::path(post, path = "/api/cases/{id}/reject", tag = "cases", params(("id" = String, Path)),
    request_body = RejectRequest, responses((status = 200, body = Case), (status = 422, body = Problem)))]
pub async fn reject(
    State(state): State<AppState>,
    user: User,
    Path(id): Path<String>,
    ApiJson(request): ApiJson<RejectRequest>,
) -> ApiResult<Case> {
    let reason = validate_reason(&request.reason).map_err(|e| ApiError::Validation(vec![e]))?;
    let change = begin_change(&state, &user, &id, request.version).await?;
    change
        .apply(&state, &user, "reject", async |loaded, conn| {
            if !loaded.is_representative(&user.person.id) {
                return Err(ApiError::forbidden("not_representative", "Only a management representative can reject."));
            }
            loaded.ensure_status(&[CaseStatus::AwaitingApproval])?;
            close_rejected(conn, loaded, Some(&user.person.id), &reason).await
        })
        .await
}

async fn close_rejected(conn: &mut SqliteConnection, loaded: &Loaded, by: Option<&str>, reason: &str) -> Result<(), ApiError> {
    sqlx::query("UPDATE cases SET status = 'rejected', rejection_reason = ? WHERE id = ?")
        .bind(reason)
        .bind(&loaded.row.id)
        .execute(&mut *conn)
        .await?;
    record(conn, &loaded.row.id, by, "rejected", Some(reason)).await?;
    let to = email_of(conn, &loaded.row.started_by).await?;
    let org = &loaded.case.organisation;
    mail::enqueue(
        conn,
        Outgoing {
            to: &to,
            subject: format!("Tilslutningen af {} er afvist", org.name),
            body: format!(
                "Tilslutningen af {} (CVR {}) er afvist.\n\nBegrundelse: {reason}\n\nDu kan starte en ny tilslutning.",
                org.name, org.cvr
            ),
            kind: "case_rejected",
            case_id: Some(&loaded.row.id),
        },
    )
    .await?;
    Ok(())
}

#[utoipa::path(post, path = "/api/cases/{id}/withdraw", tag = "cases", params(("id" = String, Path)),
    request_body = VersionedRequest, responses((status = 200, body = Case), (status = 409, body = Problem)))]
pub async fn withdraw(
    State(state): State<AppState>,
    user: User,
    Path(id): Path<String>,
    ApiJson(request): ApiJson<VersionedRequest>,
) -> ApiResult<Case> {
    let change = begin_change(&state, &user, &id, request.version).await?;
    change
        .apply(&state, &user, "withdraw", async |loaded, conn| {
            if !loaded.is_preparer(&user.person.id) {
                return Err(ApiError::forbidden("not_allowed", "Only the person who started the case can withdraw it."));
            }
            loaded.ensure_status(&[CaseStatus::Draft, CaseStatus::AwaitingApproval])?;
            sqlx::query("UPDATE cases SET status = 'withdrawn' WHERE id = ?").bind(&loaded.row.id).execute(&mut *conn).await?;
            // The representative asked to approve it should not go looking for it.
            if let (CaseStatus::AwaitingApproval, Some(approver)) = (loaded.case.status, &loaded.case.approver) {
                let to = email_of(conn, &approver.id).await?;
                let org = &loaded.case.organisation;
                mail::enqueue(
                    conn,
                    Outgoing {
                        to: &to,
                        subject: format!("Tilslutningen af {} er trukket tilbage", org.name),
                        body: format!(
                            "{} har trukket forberedelsen af tilslutningen af {} (CVR {}) tilbage. Du skal ikke godkende den.",
                            loaded.case.started_by.name, org.name, org.cvr
                        ),
                        kind: "preparation_withdrawn",
                        case_id: Some(&loaded.row.id),
                    },
                )
                .await?;
            }
            record(conn, &loaded.row.id, Some(&user.person.id), "withdrawn", None).await
        })
        .await
}

#[utoipa::path(post, path = "/api/cases/{id}/documents", tag = "cases", params(("id" = String, Path)),
    request_body(content_type = "multipart/form-data", description = "Fields `version`, `kind` (identity or affiliation) and `file`"),
    responses((status = 200, body = Case), (status = 413, body = Problem), (status = 422, body = Problem)))]
pub async fn upload_document(
    State(state): State<AppState>,
    user: User,
    Path(id): Path<String>,
    mut multipart: Multipart,
) -> ApiResult<Case> {
    let mut version = None;
    let mut kind = None;
    let mut file = None;
    let bad = |detail: String| ApiError::bad_request("invalid_upload", detail);
    while let Some(field) = multipart.next_field().await.map_err(|e| bad(e.body_text()))? {
        match field.name().unwrap_or_default() {
            "version" => version = field.text().await.map_err(|e| bad(e.body_text()))?.parse::<i64>().ok(),
            "kind" => {
                kind = Some(
                    from_db::<DocumentKind>(&field.text().await.map_err(|e| bad(e.body_text()))?)
                        .map_err(|_| ApiError::field("kind", "document_kind_invalid"))?,
                )
            }
            "file" => {
                let file_name = field.file_name().unwrap_or("dokument").chars().take(200).collect::<String>();
                let content_type = field.content_type().unwrap_or_default().to_string();
                let bytes = field.bytes().await.map_err(|e| {
                    if e.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
                        ApiError::PayloadTooLarge
                    } else {
                        bad(e.body_text())
                    }
                })?;
                file = Some((file_name, content_type, bytes));
            }
            _ => {}
        }
    }
    let version = version.ok_or_else(|| ApiError::field("version", "version_required"))?;
    let kind = kind.ok_or_else(|| ApiError::field("kind", "document_kind_invalid"))?;
    let (file_name, content_type, bytes) = file.ok_or_else(|| ApiError::field("file", "file_required"))?;
    if !DOCUMENT_TYPES.contains(&content_type.as_str()) {
        return Err(ApiError::field("file", "file_type"));
    }
    if bytes.len() > MAX_DOCUMENT_BYTES {
        return Err(ApiError::PayloadTooLarge);
    }
    if bytes.is_empty() {
        return Err(ApiError::field("file", "file_empty"));
    }
    let document_id = uuid::Uuid::new_v4().to_string();
    let stored = state.uploads.join(&document_id);
    tokio::fs::write(&stored, &bytes).await.map_err(|e| ApiError::Internal(format!("storing upload: {e}")))?;
    let outcome = async {
        let change = begin_change(&state, &user, &id, version).await?;
        change
            .apply(&state, &user, "upload document", async |loaded, conn| {
                if !loaded.is_preparer(&user.person.id) || loaded.case.role != CaseRole::Documentation {
                    return Err(ApiError::forbidden("not_allowed", "Documentation belongs to a documentation case."));
                }
                loaded.ensure_status(&[CaseStatus::Draft])?;
                sqlx::query(
                    "INSERT INTO documents (id, case_id, kind, file_name, content_type, size, uploaded_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                )
                .bind(&document_id)
                .bind(&loaded.row.id)
                .bind(kind.as_str())
                .bind(&file_name)
                .bind(&content_type)
                .bind(bytes.len() as i64)
                .bind(Utc::now())
                .execute(&mut *conn)
                .await?;
                record(conn, &loaded.row.id, Some(&user.person.id), "document_uploaded", Some(kind.as_str())).await
            })
            .await
    }
    .await;
    if outcome.is_err() {
        // Nothing refers to the file: do not keep it.
        let _ = tokio::fs::remove_file(&stored).await;
    }
    outcome
}

#[utoipa::path(post, path = "/api/dev/operator/cases/{id}/decision", tag = "development", params(("id" = String, Path)),
    request_body = ManualDecisionRequest, responses((status = 200, body = Case), (status = 409, body = Problem)))]
pub async fn manual_decision(
    State(state): State<AppState>,
    Path(id): Path<String>,
    ApiJson(request): ApiJson<ManualDecisionRequest>,
) -> ApiResult<Case> {
    let reason = if request.approve {
        None
    } else {
        Some(validate_reason(request.reason.as_deref().unwrap_or_default()).map_err(|e| ApiError::Validation(vec![e]))?)
    };
    let _write = state.write_lock.lock().await;
    let mut tx = begin_write(&state.pool).await?;
    let loaded = load(&state, &mut tx, &id).await?;
    loaded.ensure_status(&[CaseStatus::AwaitingManualReview])?;
    match reason {
        Some(reason) => close_rejected(&mut tx, &loaded, None, &reason).await?,
        None => {
            let reference = format!("TS-{}", &uuid::Uuid::new_v4().simple().to_string()[..8].to_uppercase());
            sqlx::query("UPDATE cases SET status = 'approved', approved_by = started_by, approved_at = ?, approval_context = 'private', signing_text = ?, reference = ? WHERE id = ?")
                .bind(Utc::now())
                .bind("Godkendt ved manuel sagsbehandling.")
                .bind(&reference)
                .bind(&id)
                .execute(&mut *tx)
                .await?;
            sqlx::query("UPDATE companies SET connected = 1 WHERE cvr = ?").bind(&loaded.row.cvr).execute(&mut *tx).await?;
            record(&mut tx, &id, None, "approved_manually", Some(&reference)).await?;
            send_connection_mails(&mut tx, &loaded, &loaded.row.started_by, &reference).await?;
        }
    }
    bump(&mut tx, &id, loaded.row.version).await?;
    tx.commit().await?;
    let mut conn = state.pool.acquire().await?;
    Ok(ApiJson(load(&state, &mut conn, &id).await?.case))
}

#[utoipa::path(post, path = "/api/dev/operator/terms", tag = "development",
    request_body = PublishTermsRequest, responses((status = 200, body = Terms), (status = 409, body = Problem)))]
pub async fn publish_terms(State(state): State<AppState>, ApiJson(request): ApiJson<PublishTermsRequest>) -> ApiResult<Terms> {
    let terms = Terms { version: request.version, title: request.title, body: request.body, effective_from: Utc::now().date_naive() };
    let inserted =
        sqlx::query("INSERT INTO terms (version, title, body, effective_from) VALUES (?, ?, ?, ?) ON CONFLICT (version) DO NOTHING")
            .bind(&terms.version)
            .bind(&terms.title)
            .bind(&terms.body)
            .bind(terms.effective_from)
            .execute(&state.pool)
            .await?;
    if inserted.rows_affected() == 0 {
        return Err(ApiError::conflict("terms_version_exists", "That version of the terms is already published."));
    }
    Ok(ApiJson(terms))
}

#[utoipa::path(get, path = "/api/dev/mailbox", tag = "development", responses((status = 200, body = Vec<Mail>)))]
pub async fn mailbox(State(state): State<AppState>) -> ApiResult<Vec<Mail>> {
    let rows: Vec<(i64, String, String, String, String, Option<String>, DateTime<Utc>)> =
        sqlx::query_as("SELECT id, to_address, subject, body, kind, case_id, created_at FROM outbox ORDER BY id")
            .fetch_all(&state.pool)
            .await?;
    Ok(ApiJson(
        rows.into_iter()
            .map(|(id, to, subject, body, kind, case_id, created_at)| Mail { id, to, subject, body, kind, case_id, created_at })
            .collect(),
    ))
}
