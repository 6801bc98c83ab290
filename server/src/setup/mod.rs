//! The administrators' set-up links (`/opsaet/<token>` in the app): what a link is about, and the
//! administrator's confirmation of their e-mail address. The token in the e-mail is the
//! credential, as a password-reset link is: no login, and only its hash is stored.

pub mod service;
pub mod store;

use crate::http::{answers, ApiJson, ApiPath, ApiResult};
use crate::AppState;
use axum::extract::State;
use axum::routing::{get, post};
use axum::Router;
use tilslut_api::{paths, SetupLink};

pub fn routes() -> Router<AppState> {
    Router::new().route(paths::SETUP, get(get_setup_link)).route(paths::SETUP_CONFIRM, post(confirm_setup_link))
}

#[utoipa::path(get, path = "/api/setup/{token}", tag = "setup", params(("token" = String, Path)),
    responses((status = 200, body = SetupLink), answers::NotFound, answers::Gone, answers::ServerError))]
pub async fn get_setup_link(State(state): State<AppState>, ApiPath(token): ApiPath<String>) -> ApiResult<SetupLink> {
    service::view(&state, &token).await.map(ApiJson)
}

#[utoipa::path(post, path = "/api/setup/{token}/confirm", tag = "setup", params(("token" = String, Path)),
    responses((status = 200, body = SetupLink, description = "The address is confirmed; the link is used"), answers::Forbidden, answers::NotFound, answers::Gone, answers::ServerError))]
pub async fn confirm_setup_link(State(state): State<AppState>, ApiPath(token): ApiPath<String>) -> ApiResult<SetupLink> {
    service::confirm(&state, &token).await.map(ApiJson)
}
