//! `GET /api/health` (readiness): the server runs, its database answers, and it holds the schema
//! this version needs; a load balancer sends no one to an instance whose database is away or
//! damaged. `GET /api/health/live` (liveness): the process answers; a supervisor restarts an
//! instance that does not, but not every instance because their database is away.

use crate::http::{answers, ApiError, ApiJson, ApiResult};
use crate::AppState;
use axum::extract::State;
use tilslut_api::Health;

#[utoipa::path(get, path = "/api/health", tag = "health",
    responses((status = 200, body = Health), answers::Unavailable))]
pub async fn health(State(state): State<AppState>) -> ApiResult<Health> {
    crate::db::verify_schema(&state.pool).await.map_err(|e| ApiError::Unavailable(format!("database: {e}")))?;
    live().await
}

#[utoipa::path(get, path = "/api/health/live", tag = "health", responses((status = 200, body = Health)))]
pub async fn live() -> ApiResult<Health> {
    Ok(ApiJson(Health { status: "ok".into(), version: env!("CARGO_PKG_VERSION").into() }))
}
