//! `GET /api/health`: the server runs and its database answers.

use crate::http::{answers, ApiJson, ApiResult};
use crate::AppState;
use axum::extract::State;
use tilslut_api::Health;

#[utoipa::path(get, path = "/api/health", tag = "health",
    responses((status = 200, body = Health), answers::ServerError))]
pub async fn health(State(state): State<AppState>) -> ApiResult<Health> {
    sqlx::query("SELECT 1").execute(&state.pool).await?;
    Ok(ApiJson(Health { status: "ok".into(), version: env!("CARGO_PKG_VERSION").into() }))
}
