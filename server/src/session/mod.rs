//! The login session and the context a person acts in ("privat til erhverv").

pub mod handlers;
pub mod login;
pub mod oidc;
pub mod service;
pub mod store;

pub use login::{User, UserInAnyContext};

use crate::db::Pool;
use crate::{AppState, Config};
use axum::routing::{get, post, put};
use axum::Router;
use tilslut_api::paths;
use tower_sessions::cookie::SameSite;
use tower_sessions::session_store::ExpiredDeletion;
use tower_sessions::{Expiry, SessionManagerLayer};
use tower_sessions_sqlx_store::SqliteStore;

pub fn routes(config: &Config) -> Router<AppState> {
    let routes = Router::new()
        .route(paths::SESSION, get(handlers::get_session))
        .route(paths::SESSION_CONTEXT, put(handlers::choose_context))
        .route(paths::LOGOUT, post(handlers::logout));
    if config.oidc.is_some() {
        routes.route(paths::LOGIN, get(oidc::login)).route(paths::LOGIN_CALLBACK, get(oidc::callback))
    } else {
        routes
    }
}

/// The session store, its table created if missing.
pub async fn create_store(pool: Pool) -> Result<SqliteStore, sqlx::Error> {
    let store = SqliteStore::new(pool);
    store.migrate().await?;
    Ok(store)
}

/// How often sessions past their expiry are deleted: none lingers with its data for long.
const PURGE_EVERY: std::time::Duration = std::time::Duration::from_secs(10 * 60);

/// Deletes the sessions past their expiry now and every [`PURGE_EVERY`] while the server runs.
fn spawn_purge(store: SqliteStore) {
    tokio::spawn(async move {
        let mut every = tokio::time::interval(PURGE_EVERY);
        loop {
            every.tick().await;
            if let Err(error) = store.delete_expired().await {
                tracing::warn!(%error, "deleting expired sessions failed");
            }
        }
    });
}

/// Server-side sessions in the database, behind an HTTP-only cookie.
pub async fn layer(config: &Config, pool: Pool) -> SessionManagerLayer<SqliteStore> {
    let store = create_store(pool).await.expect("session table, made by open_database");
    spawn_purge(store.clone());
    SessionManagerLayer::new(store)
        .with_name("tilslut_session")
        .with_http_only(true)
        .with_same_site(if config.cross_site_cookie { SameSite::None } else { SameSite::Strict })
        .with_secure(config.secure_cookies)
        .with_expiry(Expiry::OnInactivity(tower_sessions::cookie::time::Duration::minutes(login::IDLE_TIMEOUT_MINUTES)))
}
