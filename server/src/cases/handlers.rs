//! `/api/cases` and its actions: each extracts the request, calls the service once, and answers.

use crate::cases::{documents, service};
use crate::http::{ApiError, ApiJson, ApiResult};
use crate::session::User;
use crate::AppState;
use axum::extract::{Multipart, Path, State};
use axum::http::StatusCode;
use tilslut_api::{
    AcceptTermsRequest, ApproveRequest, Case, ChooseApproverRequest, CreateCaseRequest, Problem, RejectRequest,
    UpdateAdministratorsRequest, VersionedRequest,
};

#[utoipa::path(get, path = "/api/cases", tag = "cases",
    responses((status = 200, body = Vec<Case>, description = "Cases the person prepared or must approve"),
        (status = 401, body = Problem, content_type = "application/problem+json")))]
pub async fn list_cases(State(state): State<AppState>, user: User) -> ApiResult<Vec<Case>> {
    service::list(&state, &user).await.map(ApiJson)
}

#[utoipa::path(post, path = "/api/cases", tag = "cases", request_body = CreateCaseRequest,
    responses((status = 201, body = Case),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json")))]
pub async fn create_case(
    State(state): State<AppState>,
    user: User,
    ApiJson(request): ApiJson<CreateCaseRequest>,
) -> Result<(StatusCode, ApiJson<Case>), ApiError> {
    let case = service::create(&state, &user, request.cvr, request.role).await?;
    Ok((StatusCode::CREATED, ApiJson(case)))
}

#[utoipa::path(get, path = "/api/cases/{id}", tag = "cases", params(("id" = String, Path)),
    responses((status = 200, body = Case),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json")))]
pub async fn get_case(State(state): State<AppState>, user: User, Path(id): Path<String>) -> ApiResult<Case> {
    service::get(&state, &user, &id).await.map(ApiJson)
}

#[utoipa::path(put, path = "/api/cases/{id}/administrators", tag = "cases", params(("id" = String, Path)),
    request_body = UpdateAdministratorsRequest, responses((status = 200, body = Case), CaseChangeRefusals))]
pub async fn update_administrators(
    State(state): State<AppState>,
    user: User,
    Path(id): Path<String>,
    ApiJson(request): ApiJson<UpdateAdministratorsRequest>,
) -> ApiResult<Case> {
    service::update_administrators(&state, &user, &id, request.version, &request.administrators).await.map(ApiJson)
}

#[utoipa::path(put, path = "/api/cases/{id}/approver", tag = "cases", params(("id" = String, Path)),
    request_body = ChooseApproverRequest, responses((status = 200, body = Case), CaseChangeRefusals))]
pub async fn choose_approver(
    State(state): State<AppState>,
    user: User,
    Path(id): Path<String>,
    ApiJson(request): ApiJson<ChooseApproverRequest>,
) -> ApiResult<Case> {
    service::choose_approver(&state, &user, &id, request.version, &request.person_id).await.map(ApiJson)
}

#[utoipa::path(post, path = "/api/cases/{id}/terms", tag = "cases", params(("id" = String, Path)),
    request_body = AcceptTermsRequest, responses((status = 200, body = Case), CaseChangeRefusals))]
pub async fn accept_terms(
    State(state): State<AppState>,
    user: User,
    Path(id): Path<String>,
    ApiJson(request): ApiJson<AcceptTermsRequest>,
) -> ApiResult<Case> {
    service::accept_terms(&state, &user, &id, request.version, &request.terms_version).await.map(ApiJson)
}

#[utoipa::path(post, path = "/api/cases/{id}/submit", tag = "cases", params(("id" = String, Path)),
    request_body = VersionedRequest, responses((status = 200, body = Case), CaseChangeRefusals))]
pub async fn submit(
    State(state): State<AppState>,
    user: User,
    Path(id): Path<String>,
    ApiJson(request): ApiJson<VersionedRequest>,
) -> ApiResult<Case> {
    service::submit(&state, &user, &id, request.version).await.map(ApiJson)
}

#[utoipa::path(post, path = "/api/cases/{id}/approve", tag = "cases", params(("id" = String, Path)),
    request_body = ApproveRequest,
    responses((status = 200, body = Case, description = "Approved (again, idempotently, for a repeated request)"), CaseChangeRefusals))]
pub async fn approve(
    State(state): State<AppState>,
    user: User,
    Path(id): Path<String>,
    ApiJson(request): ApiJson<ApproveRequest>,
) -> ApiResult<Case> {
    service::approve(&state, &user, &id, request.version, request.language).await.map(ApiJson)
}

#[utoipa::path(post, path = "/api/cases/{id}/reject", tag = "cases", params(("id" = String, Path)),
    request_body = RejectRequest, responses((status = 200, body = Case), CaseChangeRefusals))]
pub async fn reject(
    State(state): State<AppState>,
    user: User,
    Path(id): Path<String>,
    ApiJson(request): ApiJson<RejectRequest>,
) -> ApiResult<Case> {
    service::reject(&state, &user, &id, request.version, &request.reason).await.map(ApiJson)
}

#[utoipa::path(post, path = "/api/cases/{id}/withdraw", tag = "cases", params(("id" = String, Path)),
    request_body = VersionedRequest, responses((status = 200, body = Case), CaseChangeRefusals))]
pub async fn withdraw(
    State(state): State<AppState>,
    user: User,
    Path(id): Path<String>,
    ApiJson(request): ApiJson<VersionedRequest>,
) -> ApiResult<Case> {
    service::withdraw(&state, &user, &id, request.version).await.map(ApiJson)
}

#[utoipa::path(post, path = "/api/cases/{id}/documents", tag = "cases", params(("id" = String, Path)),
    request_body(content_type = "multipart/form-data", description = "Fields `version`, `kind` (identity or affiliation) and `file`"),
    responses((status = 200, body = Case),
        (status = 413, body = Problem, content_type = "application/problem+json"), CaseChangeRefusals))]
pub async fn upload_document(State(state): State<AppState>, user: User, Path(id): Path<String>, multipart: Multipart) -> ApiResult<Case> {
    let upload = documents::read_upload(multipart).await?;
    service::upload_document(&state, &user, &id, upload).await.map(ApiJson)
}

/// What any change to a case can answer besides success.
#[derive(utoipa::IntoResponses)]
#[allow(dead_code)]
pub enum CaseChangeRefusals {
    /// The body is not the request's JSON (or form).
    #[response(status = 400, content_type = "application/problem+json")]
    BadRequest(Problem),
    /// Nobody is logged in.
    #[response(status = 401, content_type = "application/problem+json")]
    Unauthenticated(Problem),
    /// The person may not do this, or the request lacks the context header.
    #[response(status = 403, content_type = "application/problem+json")]
    Forbidden(Problem),
    /// No such case, or not one the person may see.
    #[response(status = 404, content_type = "application/problem+json")]
    NotFound(Problem),
    /// The case changed meanwhile, is in another status, the terms changed, or another tab switched context.
    #[response(status = 409, content_type = "application/problem+json")]
    Conflict(Problem),
    /// Fields are wrong; `errors` says which.
    #[response(status = 422, content_type = "application/problem+json")]
    Unprocessable(Problem),
}
