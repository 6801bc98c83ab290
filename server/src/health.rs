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
    if let Some(folder) = &state.database_folder {
        room_to_write(folder).await.map_err(|e| ApiError::Unavailable(format!("no room to write in {}: {e}", folder.display())))?;
    }
    live().await
}

/// Whether the SQLite database's disk takes a write: a full disk fails every save, yet reading
/// the schema still works. A small file is written and removed (reserving its space fails at
/// once on a full filesystem).
async fn room_to_write(folder: &std::path::Path) -> std::io::Result<()> {
    let probe = folder.join(".tilslut-room-to-write");
    let written = tokio::fs::write(&probe, [0_u8; 64 * 1024]).await;
    let _ = tokio::fs::remove_file(&probe).await;
    written
}

#[utoipa::path(get, path = "/api/health/live", tag = "health", responses((status = 200, body = Health)))]
pub async fn live() -> ApiResult<Health> {
    Ok(ApiJson(Health { status: "ok".into(), version: env!("CARGO_PKG_VERSION").into() }))
}
