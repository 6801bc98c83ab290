//! `/api/cases` and its actions: each extracts the request, calls the service once, and answers.

use crate::cases::documents::{Upload, UploadForm};
use crate::cases::service;
use crate::cases::signing::{self, Begun};
use crate::cases::CaseChange;
use crate::http::{answers, ApiError, ApiJson, ApiPath, ApiResult};
use crate::session::User;
use crate::AppState;
use axum::extract::{FromRequest, Request, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use tilslut_api::{
    AcceptTermsRequest, ApproveRequest, Case, ChooseApproverRequest, CreateCaseRequest, RejectRequest, RenewSetupLinkRequest, SigningStep,
    SigningTexts, UpdateAdministratorsRequest, VersionedRequest,
};

#[utoipa::path(get, path = "/api/cases", tag = "cases",
    responses((status = 200, body = Vec<Case>, description = "Cases the person prepared or must approve"), answers::Unauthenticated, answers::ServerError))]
pub async fn list_cases(State(state): State<AppState>, user: User) -> ApiResult<Vec<Case>> {
    service::list(&state, &user).await.map(ApiJson)
}

#[utoipa::path(post, path = "/api/cases", tag = "cases", request_body = CreateCaseRequest,
    responses((status = 201, body = Case), answers::BadRequest, answers::Unauthenticated, answers::Forbidden, answers::NotFound, answers::Conflict, answers::TooLarge, answers::TooManyRequests, answers::ServerError))]
pub async fn create_case(
    State(state): State<AppState>,
    user: User,
    ApiJson(request): ApiJson<CreateCaseRequest>,
) -> Result<(StatusCode, ApiJson<Case>), ApiError> {
    let case = service::create(&state, &user, &request).await?;
    Ok((StatusCode::CREATED, ApiJson(case)))
}

#[utoipa::path(get, path = "/api/cases/{id}", tag = "cases", params(("id" = String, Path)),
    responses((status = 200, body = Case), answers::Unauthenticated, answers::NotFound, answers::ServerError))]
pub async fn get_case(State(state): State<AppState>, user: User, ApiPath(id): ApiPath<String>) -> ApiResult<Case> {
    service::get(&state, &user, &id).await.map(ApiJson)
}

#[utoipa::path(get, path = "/api/cases/{id}/signing-text", tag = "cases", params(("id" = String, Path)),
    responses((status = 200, body = SigningTexts), answers::Unauthenticated, answers::NotFound, answers::ServerError))]
pub async fn signing_text(State(state): State<AppState>, user: User, ApiPath(id): ApiPath<String>) -> ApiResult<SigningTexts> {
    service::signing_texts(&state, &user, &id).await.map(ApiJson)
}

#[utoipa::path(put, path = "/api/cases/{id}/administrators", tag = "cases", params(("id" = String, Path)),
    request_body = UpdateAdministratorsRequest, responses((status = 200, body = Case), answers::CaseChangeRefused))]
pub async fn update_administrators(change: CaseChange<UpdateAdministratorsRequest>) -> ApiResult<Case> {
    service::update_administrators(&change.state, &change.user, &change.id, change.body.version, &change.body.administrators)
        .await
        .map(ApiJson)
}

#[utoipa::path(put, path = "/api/cases/{id}/approver", tag = "cases", params(("id" = String, Path)),
    request_body = ChooseApproverRequest, responses((status = 200, body = Case), answers::CaseChangeRefused))]
pub async fn choose_approver(change: CaseChange<ChooseApproverRequest>) -> ApiResult<Case> {
    service::choose_approver(&change.state, &change.user, &change.id, change.body.version, &change.body.person_id).await.map(ApiJson)
}

#[utoipa::path(post, path = "/api/cases/{id}/terms", tag = "cases", params(("id" = String, Path)),
    request_body = AcceptTermsRequest, responses((status = 200, body = Case), answers::CaseChangeRefused))]
pub async fn accept_terms(change: CaseChange<AcceptTermsRequest>) -> ApiResult<Case> {
    service::accept_terms(&change.state, &change.user, &change.id, change.body.version, &change.body.terms_version).await.map(ApiJson)
}

#[utoipa::path(post, path = "/api/cases/{id}/setup-link", tag = "cases", params(("id" = String, Path)),
    request_body = RenewSetupLinkRequest, responses((status = 200, body = Case, description = "A new link is mailed; the old one is dead"), answers::Gone, answers::CaseChangeRefused))]
pub async fn renew_setup_link(change: CaseChange<RenewSetupLinkRequest>) -> ApiResult<Case> {
    service::renew_setup_link(&change.state, &change.user, &change.id, change.body.version, &change.body.email).await.map(ApiJson)
}

#[utoipa::path(post, path = "/api/cases/{id}/submit", tag = "cases", params(("id" = String, Path)),
    request_body = VersionedRequest, responses((status = 200, body = Case), answers::CaseChangeRefused))]
pub async fn submit(change: CaseChange<VersionedRequest>) -> ApiResult<Case> {
    service::submit(&change.state, &change.user, &change.id, change.body.version).await.map(ApiJson)
}

#[utoipa::path(post, path = "/api/cases/{id}/approve", tag = "cases", params(("id" = String, Path)),
    request_body = ApproveRequest,
    responses(
        (status = 200, body = Case, description = "Approved (again, idempotently, for a repeated request)"),
        (status = 202, body = SigningStep, description = "Everything holds; now sign where this says"),
        answers::CaseChangeRefused))]
pub async fn approve(change: CaseChange<ApproveRequest>) -> Result<Response, ApiError> {
    Ok(match signing::begin(&change.state, &change.user, &change.id, change.body).await? {
        Begun::Approved(case) => ApiJson(*case).into_response(),
        Begun::Confirm => (StatusCode::ACCEPTED, ApiJson(SigningStep::Confirm)).into_response(),
        Begun::IdentityProvider { location, cookie } => {
            (StatusCode::ACCEPTED, [(header::SET_COOKIE, cookie.to_string())], ApiJson(SigningStep::IdentityProvider { location }))
                .into_response()
        }
    })
}

#[utoipa::path(post, path = "/api/cases/{id}/reject", tag = "cases", params(("id" = String, Path)),
    request_body = RejectRequest, responses((status = 200, body = Case), answers::CaseChangeRefused))]
pub async fn reject(change: CaseChange<RejectRequest>) -> ApiResult<Case> {
    service::reject(&change.state, &change.user, &change.id, change.body.version, &change.body.reason).await.map(ApiJson)
}

#[utoipa::path(post, path = "/api/cases/{id}/withdraw", tag = "cases", params(("id" = String, Path)),
    request_body = VersionedRequest, responses((status = 200, body = Case), answers::CaseChangeRefused))]
pub async fn withdraw(change: CaseChange<VersionedRequest>) -> ApiResult<Case> {
    service::withdraw(&change.state, &change.user, &change.id, change.body.version).await.map(ApiJson)
}

#[utoipa::path(post, path = "/api/cases/{id}/documents", tag = "cases", params(("id" = String, Path)),
    request_body(content = UploadForm, content_type = "multipart/form-data"),
    responses((status = 200, body = Case), answers::CaseChangeRefused))]
pub async fn upload_document(State(state): State<AppState>, user: User, ApiPath(id): ApiPath<String>, body: Request) -> ApiResult<Case> {
    // Who, which case and its state are checked before the body is read: until then nobody
    // makes the server hold ten megabytes.
    let admitted = service::admit_upload(&state, &user, &id).await?;
    let upload = Upload::from_request(body, &state).await?;
    service::upload_document(&state, &user, &id, upload, admitted).await.map(ApiJson)
}
