//! The caseworker's actions.

use crate::adapters::mail;
use crate::audit::audit;
use crate::cases;
use crate::db::begin_write;
use crate::http::ApiError;
use crate::review::store;
use crate::session::User;
use crate::{terms, AppState};
use tilslut_api::validation::validate_terms;
use tilslut_api::{Administrator, Case, Cvr, DecisionRequest, DocumentInfo, HistoryPage, PublishTermsRequest, ReviewItem, Terms};

/// The cases awaiting a decision, the earliest due first, each with why `caseworker` may not
/// decide it, if she may not.
pub async fn queue(state: &AppState, caseworker: &User) -> Result<Vec<ReviewItem>, ApiError> {
    let today = state.clock.at().date_naive();
    let mut items = Vec::new();
    for id in store::queue(&state.pool).await? {
        let case = cases::service::get_for_review(state, caseworker, &id).await?;
        let Some(decision_due) = case.decision_due else { continue };
        items.push(ReviewItem {
            case_id: case.id,
            organisation: case.organisation,
            started_by: case.started_by,
            overdue: decision_due < today,
            decision_due,
            documents: u32::try_from(case.documents.len()).unwrap_or_default(),
            conflict: case.review_conflict,
        });
    }
    Ok(items)
}

pub async fn case(state: &AppState, caseworker: &User, id: &str) -> Result<Case, ApiError> {
    cases::service::get_for_review(state, caseworker, id).await
}

pub async fn history(state: &AppState, caseworker: &User, id: &str, before: u32) -> Result<HistoryPage, ApiError> {
    cases::service::history_for_review(state, caseworker, id, before).await
}

/// A document of a documentation case that has been sent, with its bytes; gone once the case is closed.
pub async fn document(state: &AppState, caseworker: &User, id: &str, document: &str) -> Result<(DocumentInfo, Vec<u8>), ApiError> {
    cases::service::document_for_review(state, caseworker, id, document).await
}

pub async fn decide(state: &AppState, caseworker: &User, id: &str, request: &DecisionRequest) -> Result<Case, ApiError> {
    let rejection = (!request.approve).then(|| request.reason.clone().unwrap_or_default());
    let case = cases::service::decide_manually(state, caseworker, id, request.version, rejection).await?;
    let outcome = if request.approve { "approved" } else { "rejected" };
    audit(&state.pool, Some(&caseworker.person.id), "case_decided", &format!("{id} {outcome}")).await;
    Ok(case)
}

/// Publishes new terms ahead of their day and tells the administrators of every connected
/// organisation, in one transaction: published and told, or neither.
pub async fn publish_terms(state: &AppState, caseworker: &User, request: PublishTermsRequest) -> Result<Terms, ApiError> {
    validate_terms(&request, state.clock.at().date_naive()).map_err(ApiError::Validation)?;
    let trim = |text: &str| tilslut_api::validation::trim(text).to_string();
    let terms =
        Terms { version: trim(&request.version), title: trim(&request.title), body: request.body, effective_from: request.effective_from };
    // The register is asked before the transaction begins, as everywhere.
    let mut notices = Vec::new();
    for (case_id, cvr, administrators) in store::connected(&state.pool).await? {
        let Ok(cvr) = Cvr::parse(&cvr) else { continue };
        let Some(company) = state.register.company(&cvr).await? else { continue };
        let administrators: Vec<Administrator> = serde_json::from_str(&administrators)?;
        for admin in administrators {
            notices.push((case_id.clone(), admin.email.clone(), terms::mails::published(&admin, &company.organisation(true), &terms)));
        }
    }
    let mut tx = begin_write(&state.pool).await?;
    terms::publish(&mut tx, &terms).await?;
    for (case_id, to, message) in &notices {
        mail::enqueue(&mut tx, to, Some(case_id), message).await?;
    }
    tx.commit().await?;
    audit(
        &state.pool,
        Some(&caseworker.person.id),
        "terms_published",
        &format!("{} from {}, {} told", terms.version, terms.effective_from, notices.len()),
    )
    .await;
    Ok(terms)
}
