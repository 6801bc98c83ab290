//! Manual review: a caseworker's view of a documentation case, and the decision on it.

use super::approval::{new_reference, send_connection_mails};
use super::change::{load, Change, Loaded};
use super::close_rejected;
use crate::cases::rules;
use crate::cases::store::{self, ApprovalRecord};
use crate::http::ApiError;
use crate::session::User;
use crate::{history, people, AppState};
use tilslut_api::validation::validate_reason;
use tilslut_api::{Case, CaseStatus, ContextKey, DocumentInfo, HistoryPage, ReviewConflict};

/// A documentation case that has been sent, as `caseworker` sees it: with why it is not hers to
/// decide, if it is not. No other case is hers to see, a draft's documents included.
pub async fn get_for_review(state: &AppState, caseworker: &User, id: &str) -> Result<Case, ApiError> {
    let mut conn = state.pool.acquire().await?;
    let loaded = load(state, &mut conn, id).await?;
    if !rules::is_sent_for_review(&loaded.case) {
        return Err(ApiError::NotFound("case"));
    }
    let email = people::email(&mut conn, &caseworker.person.id).await?;
    let conflict = conflict_of(&loaded, caseworker, &email);
    Ok(Case { review_conflict: conflict, ..loaded.case })
}

/// The events of a case in review before its `before`th (see [`history::of_case`]).
pub async fn history_for_review(state: &AppState, caseworker: &User, id: &str, before: u32) -> Result<HistoryPage, ApiError> {
    get_for_review(state, caseworker, id).await?;
    let mut conn = state.pool.acquire().await?;
    let (entries, earlier) = history::of_case(&mut conn, id, Some(before)).await?;
    Ok(HistoryPage { entries, earlier })
}

/// Why `caseworker`, whose address is `email`, may not decide the case, if she may not
/// ([`rules::review_conflict`]).
fn conflict_of(loaded: &Loaded, caseworker: &User, email: &str) -> Option<ReviewConflict> {
    let id = &caseworker.person.id;
    rules::review_conflict(&loaded.case, id, email, loaded.in_the_register(id))
}

/// A document of a documentation case, with its bytes; gone once the case is closed.
pub async fn document_for_review(
    state: &AppState,
    caseworker: &User,
    id: &str,
    document: &str,
) -> Result<(DocumentInfo, Vec<u8>), ApiError> {
    let case = get_for_review(state, caseworker, id).await?;
    let info = case.documents.into_iter().find(|d| d.id == document).ok_or(ApiError::NotFound("document"))?;
    let mut conn = state.pool.acquire().await?;
    let bytes = store::document_content(&mut conn, &info.id).await?.ok_or(ApiError::NotFound("document"))?;
    Ok((info, bytes))
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
    let mut change = Change::open(state, id).await?;
    if !rules::is_sent_for_review(&change.loaded.case) {
        return Err(ApiError::NotFound("case"));
    }
    let email = people::email(change.conn(), &caseworker.person.id).await?;
    let conflict = conflict_of(&change.loaded, caseworker, &email);
    let shows_request = |case: &Case| match &rejection {
        Some(reason) => case.status == CaseStatus::Rejected && case.rejection_reason.as_ref() == Some(reason),
        None => case.status == CaseStatus::Approved,
    };
    let by = &caseworker.person.id;
    change
        .apply(state, caseworker, version, "decide", shows_request, async |loaded, conn| {
            rules::may_decide_manually(&loaded.case, conflict)?;
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
                    store::approve(conn, id, &record).await?;
                    history::record(conn, id, Some(by), "approved_manually", Some(&reference)).await?;
                    send_connection_mails(state, conn, loaded, starter, &reference).await
                }
            }
        })
        .await
}
