//! The terms of use (vilkår): the version in force, which a case's acceptance must match.

pub mod mails;
pub mod store;

use crate::db::{Conn, Pool};
use crate::http::{answers, ApiError, ApiJson, ApiResult};
use crate::AppState;
use axum::extract::State;
use axum::routing::get;
use axum::Router;
use chrono::NaiveDate;
use tilslut_api::{paths, ProblemCode, Terms};

pub fn routes() -> Router<AppState> {
    Router::new().route(paths::TERMS_CURRENT, get(get_current_terms))
}

/// The version in force on `today`.
pub async fn current(conn: &mut Conn, today: NaiveDate) -> Result<Terms, ApiError> {
    store::in_force(conn, today).await?.ok_or_else(|| ApiError::Internal("no terms in force".into()))
}

/// The next version to take effect after `today`, published ahead, if there is one.
pub async fn coming(conn: &mut Conn, today: NaiveDate) -> Result<Option<Terms>, ApiError> {
    Ok(store::coming(conn, today).await?)
}

/// Every version, the latest to take effect first.
pub async fn all(pool: &Pool) -> Result<Vec<Terms>, ApiError> {
    Ok(store::all(pool).await?)
}

/// Publishes `terms` (a version is published once).
pub async fn publish(conn: &mut Conn, terms: &Terms) -> Result<(), ApiError> {
    if !store::publish(conn, terms).await? {
        return Err(ApiError::conflict(ProblemCode::TermsVersionExists, "That version of the terms is already published."));
    }
    Ok(())
}

#[utoipa::path(get, path = "/api/terms/current", tag = "terms",
    responses((status = 200, body = Terms), answers::ServerError))]
pub async fn get_current_terms(State(state): State<AppState>) -> ApiResult<Terms> {
    let mut conn = state.pool.acquire().await?;
    current(&mut conn, state.clock.at().date_naive()).await.map(ApiJson)
}
