//! The login session and the context a person acts in ("privat til erhverv").

pub mod handlers;
pub mod login;
pub mod service;
pub mod store;

pub use login::{User, UserInAnyContext};

use crate::db::Pool;
use crate::{AppState, Config};
use axum::routing::{get, post, put};
use axum::Router;
use tilslut_api::paths;
use tower_sessions::cookie::SameSite;
use tower_sessions::{Expiry, SessionManagerLayer};
use tower_sessions_sqlx_store::SqliteStore;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(paths::SESSION, get(handlers::get_session))
        .route(paths::SESSION_CONTEXT, put(handlers::choose_context))
        .route(paths::LOGOUT, post(handlers::logout))
}

/// Server-side sessions in the database, behind an HTTP-only cookie.
pub async fn layer(config: &Config, pool: Pool) -> SessionManagerLayer<SqliteStore> {
    let store = SqliteStore::new(pool);
    store.migrate().await.expect("session table migration");
    SessionManagerLayer::new(store)
        .with_name("tilslut_session")
        .with_http_only(true)
        .with_same_site(if config.cross_site_cookie { SameSite::None } else { SameSite::Strict })
        .with_secure(config.secure_cookies)
        .with_expiry(Expiry::OnInactivity(tower_sessions::cookie::time::Duration::minutes(login::IDLE_TIMEOUT_MINUTES)))
}
