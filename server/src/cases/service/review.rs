//! Manual review: a caseworker's view of a documentation case, and the decision on it.

use super::approval::{new_reference, send_connection_mails};
use super::change::{load, Change};
use super::close_rejected;
use crate::cases::rules;
use crate::cases::store::{self, ApprovalRecord};
use crate::http::ApiError;
use crate::session::User;
use crate::{history, AppState};
use tilslut_api::validation::validate_reason;
use tilslut_api::{Case, CaseRole, CaseStatus, ContextKey, DocumentInfo};

/// A documentation case, as the caseworker sees it; no other case is theirs to see.
pub async fn get_for_review(state: &AppState, id: &str) -> Result<Case, ApiError> {
    let mut conn = state.pool.acquire().await?;
    let case = load(state, &mut conn, id).await?.case;
    match case.role {
        CaseRole::Documentation => Ok(case),
        _ => Err(ApiError::NotFound("case")),
    }
}

/// A document of a documentation case, with its bytes; gone once the case is closed.
pub async fn document_for_review(state: &AppState, id: &str, document: &str) -> Result<(DocumentInfo, Vec<u8>), ApiError> {
    let case = get_for_review(state, id).await?;
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
                    store::approve(conn, id, &record).await?;
                    history::record(conn, id, Some(by), "approved_manually", Some(&reference)).await?;
                    send_connection_mails(state, conn, loaded, starter, &reference).await
                }
            }
        })
        .await
}
