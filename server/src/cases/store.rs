//! Every SQL statement about cases: their rows, documents, and the changes the service makes
//! inside its transaction. Their history is `crate::history`'s, the people in them `crate::people`'s.

use crate::cases::rules;
use crate::db::{Conn, Day, Engine, Pool, Timestamp};
use crate::http::ApiError;
use chrono::{DateTime, NaiveDate, Utc};
use tilslut_api::{
    Administrator, Approval, Case, CaseRole, CaseStatus, ContextKey, Cvr, DocumentInfo, DocumentKind, HistoryEntry, Organisation,
    PersonRef, Signature, SignatureMethod, TermsAcceptance,
};

/// A case's row, with the names of the people it refers to.
#[derive(sqlx::FromRow)]
pub struct CaseRow {
    id: String,
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
    terms_accepted_at: Option<Timestamp>,
    administrators: String,
    approved_by: Option<String>,
    approved_by_name: Option<String>,
    approved_at: Option<Timestamp>,
    approval_context: Option<String>,
    signing_text: Option<String>,
    reference: Option<String>,
    signature_method: Option<String>,
    signature_authenticated_at: Option<Timestamp>,
    signing_text_sha256: Option<String>,
    signing_reference_text: Option<String>,
    rejection_reason: Option<String>,
    decision_due: Option<Day>,
    stated_role: Option<String>,
    created_at: Timestamp,
    updated_at: Timestamp,
}

fn person(id: Option<String>, name: Option<String>) -> Option<PersonRef> {
    Some(PersonRef { id: id?, name: name? })
}

fn unknown(what: &str, value: &str) -> ApiError {
    ApiError::Internal(format!("database holds unknown {what} {value}"))
}

impl CaseRow {
    /// The case, with what the row does not hold: its organisation (from the register), its
    /// documents and its history.
    pub fn into_case(
        self,
        organisation: Organisation,
        documents: Vec<DocumentInfo>,
        history: (Vec<HistoryEntry>, u32),
    ) -> Result<Case, ApiError> {
        let (history, earlier_history) = history;
        Ok(Case {
            status: CaseStatus::parse(&self.status).ok_or_else(|| unknown("status", &self.status))?,
            role: CaseRole::parse(&self.role).ok_or_else(|| unknown("role", &self.role))?,
            started_by: PersonRef { id: self.started_by.clone(), name: self.started_by_name.clone() },
            approver: person(self.approver.clone(), self.approver_name.clone()),
            terms: self.terms()?,
            administrators: serde_json::from_str(&self.administrators)?,
            setup: Vec::new(),
            approval: self.approval()?,
            id: self.id,
            version: self.version,
            organisation,
            rejection_reason: self.rejection_reason,
            decision_due: self.decision_due.map(|day| day.0),
            documents,
            stated_role: self.stated_role,
            review_conflict: None,
            history,
            earlier_history,
            created_at: self.created_at.0,
            updated_at: self.updated_at.0,
        })
    }

    fn terms(&self) -> Result<Option<TermsAcceptance>, ApiError> {
        let (Some(version), Some(Timestamp(accepted_at))) = (&self.terms_version, self.terms_accepted_at) else { return Ok(None) };
        let accepted_by = person(self.terms_accepted_by.clone(), self.terms_accepted_by_name.clone())
            .ok_or_else(|| ApiError::Internal("terms without person".into()))?;
        Ok(Some(TermsAcceptance { version: version.clone(), accepted_by, accepted_at }))
    }
    fn approval(&self) -> Result<Option<Approval>, ApiError> {
        let (Some(Timestamp(approved_at)), Some(context), Some(signing_text), Some(reference)) =
            (self.approved_at, &self.approval_context, &self.signing_text, &self.reference)
        else {
            return Ok(None);
        };
        Ok(Some(Approval {
            approved_by: person(self.approved_by.clone(), self.approved_by_name.clone())
                .ok_or_else(|| ApiError::Internal("approval without approver".into()))?,
            approved_at,
            context: ContextKey::from_header_value(context).ok_or_else(|| unknown("context", context))?,
            signing_text: signing_text.clone(),
            reference: reference.clone(),
            signature: self.signature()?,
        }))
    }

    fn signature(&self) -> Result<Option<Signature>, ApiError> {
        let (Some(method), Some(Timestamp(authenticated_at)), Some(text_sha256)) =
            (&self.signature_method, self.signature_authenticated_at, &self.signing_text_sha256)
        else {
            return Ok(None);
        };
        let method = SignatureMethod::parse(method).ok_or_else(|| unknown("signature method", method))?;
        let reference_text = self.signing_reference_text.clone();
        Ok(Some(Signature { method, authenticated_at, text_sha256: text_sha256.clone(), reference_text }))
    }
}

const CASE_SELECT: &str = "SELECT c.id, c.version, c.status, c.role, c.started_by, sp.name AS started_by_name, \
    c.approver, ap.name AS approver_name, c.terms_version, c.terms_accepted_by, tp.name AS terms_accepted_by_name, \
    c.terms_accepted_at, c.administrators, c.approved_by, bp.name AS approved_by_name, c.approved_at, \
    c.approval_context, c.signing_text, c.reference, c.signature_method, c.signature_authenticated_at, \
    c.signing_text_sha256, c.signing_reference_text, c.rejection_reason, c.decision_due, c.stated_role, c.created_at, c.updated_at \
    FROM cases c JOIN persons sp ON sp.id = c.started_by LEFT JOIN persons ap ON ap.id = c.approver \
    LEFT JOIN persons tp ON tp.id = c.terms_accepted_by LEFT JOIN persons bp ON bp.id = c.approved_by";

pub async fn cvr_of(pool: &Pool, id: &str) -> Result<Option<Cvr>, ApiError> {
    let cvr: Option<String> = sqlx::query_scalar("SELECT cvr FROM cases WHERE id = $1").bind(id).fetch_optional(pool).await?;
    cvr.map(|cvr| Cvr::parse(&cvr).map_err(|_| unknown("CVR", &cvr))).transpose()
}

pub async fn case_row(conn: &mut Conn, id: &str) -> Result<Option<CaseRow>, sqlx::Error> {
    sqlx::query_as(&format!("{CASE_SELECT} WHERE c.id = $1")).bind(id).fetch_optional(conn).await
}

#[derive(sqlx::FromRow)]
struct DocumentRow {
    id: String,
    kind: String,
    file_name: String,
    content_type: String,
    size: i64,
    uploaded_at: Timestamp,
}

pub async fn documents(conn: &mut Conn, id: &str) -> Result<Vec<DocumentInfo>, ApiError> {
    let rows: Vec<DocumentRow> = sqlx::query_as(
        "SELECT id, kind, file_name, content_type, size, uploaded_at FROM documents WHERE case_id = $1 ORDER BY uploaded_at",
    )
    .bind(id)
    .fetch_all(conn)
    .await?;
    rows.into_iter()
        .map(|row| {
            Ok(DocumentInfo {
                kind: DocumentKind::parse(&row.kind).ok_or_else(|| unknown("document kind", &row.kind))?,
                id: row.id,
                file_name: row.file_name,
                content_type: row.content_type,
                size: u64::try_from(row.size).unwrap_or_default(),
                uploaded_at: row.uploaded_at.0,
            })
        })
        .collect()
}

/// The ids of the cases `person_id` started or is a representative of (`cvrs`), newest first.
pub async fn ids_of(pool: &Pool, person_id: &str, cvrs: &[String]) -> Result<Vec<String>, ApiError> {
    // `IN ()` is no SQL: without companies, only the cases the person started. The list's
    // parameters are numbered by hand, as both engines read them (sqlx's builder writes `?`).
    let companies = if cvrs.is_empty() {
        String::new()
    } else {
        let numbers: Vec<String> = (2..cvrs.len() + 2).map(|n| format!("${n}")).collect();
        format!(" OR cvr IN ({})", numbers.join(", "))
    };
    let sql = format!("SELECT id FROM cases WHERE started_by = $1{companies} ORDER BY updated_at DESC");
    let mut query = sqlx::query_scalar(&sql).bind(person_id);
    for cvr in cvrs {
        query = query.bind(cvr);
    }
    Ok(query.fetch_all(pool).await?)
}

/// The organisation's open case, if it has one (there is at most one: a unique index). A draft
/// untouched for [`rules::DRAFT_LIFETIME`] before `now` is not open: it has expired.
pub struct OpenCase {
    pub id: String,
    pub status: CaseStatus,
    pub role: CaseRole,
    pub started_by: PersonRef,
}

pub async fn open_case_of(conn: &mut Conn, cvr: &Cvr, now: DateTime<Utc>) -> Result<Option<OpenCase>, ApiError> {
    #[derive(sqlx::FromRow)]
    struct Row {
        id: String,
        status: String,
        role: String,
        started_by: String,
        name: String,
    }
    let row: Option<Row> = sqlx::query_as(
        "SELECT c.id, c.status, c.role, c.started_by, p.name FROM cases c JOIN persons p ON p.id = c.started_by \
         WHERE c.cvr = $1 AND c.status IN ('draft', 'awaiting_approval', 'awaiting_manual_review') \
         AND NOT (c.status = 'draft' AND c.updated_at < $2)",
    )
    .bind(cvr.to_string())
    .bind(Timestamp(now - rules::DRAFT_LIFETIME))
    .fetch_optional(conn)
    .await?;
    row.map(|row| {
        Ok(OpenCase {
            status: CaseStatus::parse(&row.status).ok_or_else(|| unknown("status", &row.status))?,
            role: CaseRole::parse(&row.role).ok_or_else(|| unknown("role", &row.role))?,
            id: row.id,
            started_by: PersonRef { id: row.started_by, name: row.name },
        })
    })
    .transpose()
}

/// Whether the organisation is connected: a case of it was approved.
pub async fn is_connected(pool: &Pool, cvr: &Cvr) -> Result<bool, sqlx::Error> {
    let found: Option<i64> =
        sqlx::query_scalar("SELECT 1 FROM cases WHERE cvr = $1 AND status = 'approved'").bind(cvr.to_string()).fetch_optional(pool).await?;
    Ok(found.is_some())
}

/// Closes the organisation's drafts last changed before `before`, recording why; returns their ids.
pub async fn expire_drafts(conn: &mut Conn, cvr: &Cvr, before: DateTime<Utc>) -> Result<Vec<String>, sqlx::Error> {
    let ids: Vec<String> = sqlx::query_scalar(
        "UPDATE cases SET status = 'withdrawn', version = version + 1 WHERE cvr = $1 AND status = 'draft' AND updated_at < $2 RETURNING id",
    )
    .bind(cvr.to_string())
    .bind(Timestamp(before))
    .fetch_all(&mut *conn)
    .await?;
    for id in &ids {
        crate::history::record(conn, id, None, "expired", None).await?;
    }
    Ok(ids)
}

/// How many open cases `person_id` has, how many they started since `since`, and when the first
/// of those.
pub async fn counts_of(conn: &mut Conn, person_id: &str, since: DateTime<Utc>) -> Result<(i64, i64, Option<Timestamp>), sqlx::Error> {
    sqlx::query_as(
        "SELECT count(*) FILTER (WHERE status IN ('draft', 'awaiting_approval', 'awaiting_manual_review')), \
         count(*) FILTER (WHERE created_at > $1), min(created_at) FILTER (WHERE created_at > $1) FROM cases WHERE started_by = $2",
    )
    .bind(Timestamp(since))
    .bind(person_id)
    .fetch_one(conn)
    .await
}

/// Deletes the bytes of the documents of the cases `case_ids`, which are closed: their rows stay
/// as a record of what was sent.
pub async fn discard_contents(conn: &mut Conn, case_ids: &[String]) -> Result<(), sqlx::Error> {
    for case_id in case_ids {
        sqlx::query("DELETE FROM document_contents WHERE document_id IN (SELECT id FROM documents WHERE case_id = $1)")
            .bind(case_id)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// The bytes of document `id`; none once its case was closed.
pub async fn document_content(conn: &mut Conn, id: &str) -> Result<Option<Vec<u8>>, sqlx::Error> {
    sqlx::query_scalar("SELECT bytes FROM document_contents WHERE document_id = $1").bind(id).fetch_optional(conn).await
}

/// A new draft; `Ok(false)` if the organisation has an open case already.
/// A new case, as a draft; `stated_role` is a documentation applicant's own title or role.
pub async fn insert(
    conn: &mut Conn,
    id: &str,
    cvr: &Cvr,
    role: CaseRole,
    started_by: &str,
    stated_role: Option<&str>,
) -> Result<bool, sqlx::Error> {
    let now = Utc::now();
    let inserted = sqlx::query(
        "INSERT INTO cases (id, cvr, status, role, started_by, stated_role, created_at, updated_at) \
         VALUES ($1, $2, 'draft', $3, $4, $5, $6, $7)",
    )
    .bind(id)
    .bind(cvr.to_string())
    .bind(role.as_str())
    .bind(started_by)
    .bind(stated_role)
    .bind(Timestamp(now))
    .bind(Timestamp(now))
    .execute(conn)
    .await;
    match inserted {
        Ok(_) => Ok(true),
        Err(sqlx::Error::Database(e)) if e.is_unique_violation() => Ok(false),
        Err(e) => Err(e),
    }
}

/// Holds case `id` until the transaction ends: a second change of the case, on any instance,
/// waits for this one and then finds the version moved on.
pub async fn hold_case(conn: &mut Conn, id: &str) -> Result<(), sqlx::Error> {
    hold(conn, "SELECT id FROM cases WHERE id = $1", id).await
}

/// Holds person `id` until the transaction ends: their case limits are counted one request at a time.
pub async fn hold_person(conn: &mut Conn, id: &str) -> Result<(), sqlx::Error> {
    hold(conn, "SELECT id FROM persons WHERE id = $1", id).await
}

/// On SQLite there is nothing to do: a writing transaction holds the whole file (`db::begin_write`).
async fn hold(conn: &mut Conn, select: &str, id: &str) -> Result<(), sqlx::Error> {
    if Engine::of(conn) == Engine::Postgres {
        sqlx::query(&format!("{select} FOR UPDATE")).bind(id).execute(conn).await?;
    }
    Ok(())
}

/// Moves the version on if it is still `version`: every change passes through here, so of two
/// changes made against the same version only the first commits.
pub async fn bump(conn: &mut Conn, id: &str, version: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("UPDATE cases SET version = version + 1, updated_at = $1 WHERE id = $2 AND version = $3")
        .bind(Timestamp(Utc::now()))
        .bind(id)
        .bind(version)
        .execute(conn)
        .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn set_administrators(conn: &mut Conn, id: &str, administrators: &[Administrator]) -> Result<(), ApiError> {
    sqlx::query("UPDATE cases SET administrators = $1 WHERE id = $2")
        .bind(serde_json::to_string(administrators)?)
        .bind(id)
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn set_approver(conn: &mut Conn, id: &str, person_id: &str) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE cases SET approver = $1 WHERE id = $2").bind(person_id).bind(id).execute(conn).await?;
    Ok(())
}

pub async fn accept_terms(conn: &mut Conn, id: &str, version: &str, by: &str) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE cases SET terms_version = $1, terms_accepted_by = $2, terms_accepted_at = $3 WHERE id = $4")
        .bind(version)
        .bind(by)
        .bind(Timestamp(Utc::now()))
        .bind(id)
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn set_status(conn: &mut Conn, id: &str, status: CaseStatus) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE cases SET status = $1 WHERE id = $2").bind(status.as_str()).bind(id).execute(conn).await?;
    Ok(())
}

pub async fn await_manual_review(conn: &mut Conn, id: &str, due: NaiveDate) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE cases SET status = 'awaiting_manual_review', decision_due = $1 WHERE id = $2")
        .bind(Day(due))
        .bind(id)
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn reject(conn: &mut Conn, id: &str, reason: &str) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE cases SET status = 'rejected', rejection_reason = $1 WHERE id = $2").bind(reason).bind(id).execute(conn).await?;
    Ok(())
}

/// What an approval records: who, in which context, the text signed, and the receipt's reference.
pub struct ApprovalRecord<'a> {
    pub approved_by: &'a str,
    pub context: ContextKey,
    pub signing_text: &'a str,
    pub reference: &'a str,
    /// None for an approval by manual review.
    pub signature: Option<&'a SignatureRecord>,
}

/// A signature as recorded: [`Signature`] and the provider's subject for the login.
#[derive(Clone, Debug)]
pub struct SignatureRecord {
    pub signature: Signature,
    /// The ID token's `sub`; none for the development login's confirmation.
    pub subject: Option<String>,
}

/// Approves the case and marks its organisation connected in the (demo) register.
pub async fn approve(conn: &mut Conn, id: &str, approval: &ApprovalRecord<'_>) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE cases SET status = 'approved', approved_by = $1, approved_at = $2, approval_context = $3, signing_text = $4, reference = $5, \
         signature_method = $6, signature_authenticated_at = $7, signing_text_sha256 = $8, signing_subject = $9, \
         signing_reference_text = $10 WHERE id = $11",
    )
    .bind(approval.approved_by)
    .bind(Timestamp(Utc::now()))
    .bind(approval.context.header_value())
    .bind(approval.signing_text)
    .bind(approval.reference)
    .bind(approval.signature.map(|s| s.signature.method.as_str()))
    .bind(approval.signature.map(|s| Timestamp(s.signature.authenticated_at)))
    .bind(approval.signature.map(|s| s.signature.text_sha256.as_str()))
    .bind(approval.signature.and_then(|s| s.subject.as_deref()))
    .bind(approval.signature.and_then(|s| s.signature.reference_text.as_deref()))
    .bind(id)
    .execute(conn)
    .await?;
    Ok(())
}

/// A stored document's details.
pub struct NewDocument<'a> {
    pub id: &'a str,
    pub kind: DocumentKind,
    pub file_name: &'a str,
    pub content_type: &'a str,
    pub size: usize,
}

pub async fn insert_document(conn: &mut Conn, case_id: &str, document: &NewDocument<'_>, bytes: &[u8]) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO documents (id, case_id, kind, file_name, content_type, size, uploaded_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(document.id)
    .bind(case_id)
    .bind(document.kind.as_str())
    .bind(document.file_name)
    .bind(document.content_type)
    .bind(i64::try_from(document.size).unwrap_or(i64::MAX))
    .bind(Timestamp(Utc::now()))
    .execute(&mut *conn)
    .await?;
    sqlx::query("INSERT INTO document_contents (document_id, bytes) VALUES ($1, $2)").bind(document.id).bind(bytes).execute(conn).await?;
    Ok(())
}
