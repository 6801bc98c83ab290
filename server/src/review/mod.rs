//! The caseworker's side at MitID Erhverv: the queue of documentation cases by due day, a case with
//! its documents and history, the decision, and publishing new terms. Only for caseworkers; to
//! anyone else these addresses do not exist (404), so nobody learns a case by guessing its id.

pub mod service;
pub mod store;

use crate::audit::audit;
use crate::http::{answers, ApiError, ApiJson, ApiPath, ApiQuery, ApiResult};
use crate::session::{User, UserInAnyContext};
use crate::AppState;
use axum::extract::{FromRequestParts, State};
use axum::http::header;
use axum::http::request::Parts;
use axum::response::IntoResponse;
use axum::routing::{get, post};
use axum::Router;
use tilslut_api::{paths, Case, DecisionRequest, HistoryPage, PublishTermsRequest, ReviewItem, Terms};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(paths::REVIEW_CASES, get(queue))
        .route(paths::REVIEW_CASE, get(get_case))
        .route(paths::REVIEW_HISTORY, get(history))
        .route(paths::REVIEW_DOCUMENT, get(get_document))
        .route(paths::REVIEW_DECISION, post(decide))
        .route(paths::REVIEW_TERMS, get(all_terms).post(publish_terms))
}

/// A logged-in caseworker, in whatever context they act. Anyone else is told there is nothing
/// here, and the attempt is audited.
pub struct Caseworker(pub User);

impl FromRequestParts<AppState> for Caseworker {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let UserInAnyContext(user) = UserInAnyContext::from_request_parts(parts, state).await?;
        if !crate::people::is_caseworker(&state.pool, &user.person.id).await? {
            audit(&state.pool, Some(&user.person.id), "authorisation_failed", &format!("caseworker page {}", parts.uri.path())).await;
            return Err(ApiError::NotFound("page"));
        }
        Ok(Caseworker(user))
    }
}

#[utoipa::path(get, path = "/api/review/cases", tag = "review",
    responses((status = 200, body = Vec<ReviewItem>, description = "Documentation cases awaiting a decision, the earliest due first"), answers::Unauthenticated, answers::NotFound, answers::ServerError))]
pub async fn queue(State(state): State<AppState>, Caseworker(caseworker): Caseworker) -> ApiResult<Vec<ReviewItem>> {
    service::queue(&state, &caseworker).await.map(ApiJson)
}

#[utoipa::path(get, path = "/api/review/cases/{id}", tag = "review", params(("id" = String, Path)),
    responses((status = 200, body = Case), answers::Unauthenticated, answers::NotFound, answers::ServerError))]
pub async fn get_case(State(state): State<AppState>, Caseworker(caseworker): Caseworker, ApiPath(id): ApiPath<String>) -> ApiResult<Case> {
    service::case(&state, &caseworker, &id).await.map(ApiJson)
}

/// `?before=n`: the page of events before the `n`th.
#[derive(serde::Deserialize, utoipa::IntoParams)]
pub struct HistoryQuery {
    before: u32,
}

#[utoipa::path(get, path = "/api/review/cases/{id}/history", tag = "review", params(("id" = String, Path), HistoryQuery),
    responses((status = 200, body = HistoryPage, description = "The events before the `before`th, oldest first"),
        answers::BadRequest, answers::Unauthenticated, answers::NotFound, answers::ServerError))]
pub async fn history(
    State(state): State<AppState>,
    Caseworker(caseworker): Caseworker,
    ApiPath(id): ApiPath<String>,
    ApiQuery(query): ApiQuery<HistoryQuery>,
) -> ApiResult<HistoryPage> {
    service::history(&state, &caseworker, &id, query.before).await.map(ApiJson)
}

#[utoipa::path(get, path = "/api/review/cases/{id}/documents/{document}", tag = "review",
    params(("id" = String, Path), ("document" = String, Path)),
    responses((status = 200, description = "The document as uploaded", content(
        (Vec<u8> = "application/pdf"), (Vec<u8> = "image/jpeg"), (Vec<u8> = "image/png"))),
        answers::Unauthenticated, answers::NotFound, answers::ServerError))]
pub async fn get_document(
    State(state): State<AppState>,
    Caseworker(caseworker): Caseworker,
    ApiPath((id, document)): ApiPath<(String, String)>,
) -> Result<impl IntoResponse, ApiError> {
    let (info, bytes) = service::document(&state, &caseworker, &id, &document).await?;
    let disposition = format!(
        "attachment; filename*=UTF-8''{}",
        percent_encoding::utf8_percent_encode(&info.file_name, percent_encoding::NON_ALPHANUMERIC)
    );
    // An uploaded file is saved, not opened on this origin; were it opened, it could run nothing.
    let headers = [
        (header::CONTENT_TYPE, info.content_type),
        (header::CONTENT_DISPOSITION, disposition),
        (header::CONTENT_SECURITY_POLICY, "sandbox".to_string()),
    ];
    Ok((headers, bytes))
}

#[utoipa::path(post, path = "/api/review/cases/{id}/decision", tag = "review", params(("id" = String, Path)),
    request_body = DecisionRequest, responses((status = 200, body = Case), answers::CaseChangeRefused))]
pub async fn decide(
    State(state): State<AppState>,
    Caseworker(caseworker): Caseworker,
    ApiPath(id): ApiPath<String>,
    ApiJson(request): ApiJson<DecisionRequest>,
) -> ApiResult<Case> {
    service::decide(&state, &caseworker, &id, &request).await.map(ApiJson)
}

#[utoipa::path(get, path = "/api/review/terms", tag = "review",
    responses((status = 200, body = Vec<Terms>, description = "Every version, the latest to take effect first"), answers::Unauthenticated, answers::NotFound, answers::ServerError))]
pub async fn all_terms(State(state): State<AppState>, _caseworker: Caseworker) -> ApiResult<Vec<Terms>> {
    Ok(ApiJson(crate::terms::all(&state.pool).await?))
}

#[utoipa::path(post, path = "/api/review/terms", tag = "review", request_body = PublishTermsRequest,
    responses((status = 200, body = Terms, description = "Published; the administrators of every connected organisation are told"),
        answers::BadRequest, answers::Unauthenticated, answers::NotFound, answers::Conflict, answers::TooLarge, answers::Unprocessable, answers::ServerError))]
pub async fn publish_terms(
    State(state): State<AppState>,
    Caseworker(caseworker): Caseworker,
    ApiJson(request): ApiJson<PublishTermsRequest>,
) -> ApiResult<Terms> {
    service::publish_terms(&state, &caseworker, request).await.map(ApiJson)
}
