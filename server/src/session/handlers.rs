//! `/api/session`, `/api/session/context`, `/api/session/email` and `/api/logout`.

use crate::http::{answers, ApiJson, ApiResult};
use crate::session::login::UserInAnyContext;
use crate::session::{email, service};
use crate::AppState;
use axum::extract::State;
use tilslut_api::{ChooseContextRequest, ConfirmEmailRequest, GiveEmailRequest, LoggedOut, Session};
use tower_sessions::Session as CookieSession;

#[utoipa::path(get, path = "/api/session", tag = "session",
    responses((status = 200, body = Session), answers::Unauthenticated, answers::ServerError))]
pub async fn get_session(State(state): State<AppState>, UserInAnyContext(user): UserInAnyContext) -> ApiResult<Session> {
    service::session_view(&state, user).await.map(ApiJson)
}

#[utoipa::path(put, path = "/api/session/context", tag = "session", request_body = ChooseContextRequest,
    responses((status = 200, body = Session), answers::BadRequest, answers::Unauthenticated, answers::Forbidden, answers::TooLarge, answers::ServerError))]
pub async fn choose_context(
    State(state): State<AppState>,
    UserInAnyContext(user): UserInAnyContext,
    ApiJson(request): ApiJson<ChooseContextRequest>,
) -> ApiResult<Session> {
    service::choose_context(&state, user, request.context).await.map(ApiJson)
}

#[utoipa::path(put, path = "/api/session/email", tag = "session", request_body = GiveEmailRequest,
    responses((status = 200, body = Session, description = "A code is sent to the address; the session names it as pending"),
        answers::BadRequest, answers::Unauthenticated, answers::TooLarge, answers::Unprocessable, answers::TooManyRequests, answers::ServerError))]
pub async fn give_email(
    State(state): State<AppState>,
    UserInAnyContext(user): UserInAnyContext,
    ApiJson(request): ApiJson<GiveEmailRequest>,
) -> ApiResult<Session> {
    email::give(&state, &user, &request.email).await?;
    service::session_view(&state, user).await.map(ApiJson)
}

#[utoipa::path(post, path = "/api/session/email/confirm", tag = "session", request_body = ConfirmEmailRequest,
    responses((status = 200, body = Session, description = "The address is confirmed: mail goes there"),
        answers::BadRequest, answers::Unauthenticated, answers::TooLarge, answers::Unprocessable, answers::ServerError))]
pub async fn confirm_email(
    State(state): State<AppState>,
    UserInAnyContext(user): UserInAnyContext,
    ApiJson(request): ApiJson<ConfirmEmailRequest>,
) -> ApiResult<Session> {
    email::confirm(&state, &user, &request.code).await?;
    service::session_view(&state, user).await.map(ApiJson)
}

#[utoipa::path(post, path = "/api/logout", tag = "session",
    responses((status = 200, body = LoggedOut, description = "Logged out here; where to go to log out at the provider too"),
        answers::Forbidden, answers::ServerError))]
pub async fn logout(State(state): State<AppState>, session: CookieSession) -> ApiResult<LoggedOut> {
    service::log_out(&state, session).await?;
    Ok(ApiJson(LoggedOut { provider_logout: state.oidc.as_ref().and_then(|oidc| oidc.logout_url()).map(String::from) }))
}
