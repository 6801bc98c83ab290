//! The login session and the context a person acts in ("privat til erhverv").

pub mod email;
pub mod handlers;
pub mod login;
pub mod oidc;
pub mod service;
pub mod store;

pub use login::{User, UserInAnyContext};

use crate::db::{SessionPool, SESSION_TABLE};
use crate::http::client::ClientKey;
use crate::http::ApiError;
use crate::{AppState, Config};
use axum::http::{header, HeaderValue};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put, MethodRouter};
use axum::Router;
use governor::clock::QuantaInstant;
use governor::middleware::NoOpMiddleware;
use std::sync::Arc;
use std::time::Duration;
use tilslut_api::paths;
use tower_governor::governor::GovernorConfigBuilder;
use tower_governor::key_extractor::KeyExtractor;
use tower_governor::{GovernorError, GovernorLayer};
use tower_sessions::cookie::SameSite;
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{self, ExpiredDeletion, SessionStore};
use tower_sessions::{Expiry, SessionManagerLayer};
use tower_sessions_sqlx_store::{PostgresStore, SqliteStore};

/// At most `per_minute` logins a minute for each client, told apart by `key`.
fn login_limit<K: KeyExtractor>(per_minute: u32, key: K) -> GovernorLayer<K, NoOpMiddleware<QuantaInstant>> {
    let config = GovernorConfigBuilder::default()
        .key_extractor(key)
        .period(Duration::from_secs(60) / per_minute)
        .burst_size(per_minute)
        .error_handler(|error| match error {
            GovernorError::TooManyRequests { wait_time, .. } => ApiError::TooManyRequests { retry_after: wait_time }.into_response(),
            other => ApiError::Internal(format!("login limit: {other}")).into_response(),
        })
        .finish()
        .expect("rate limit settings");
    GovernorLayer { config: Arc::new(config) }
}

/// `route`, answering each client at most `TILSLUT_LOGIN_PER_MINUTE` times a minute: a login
/// (each keeps a row until it is used or ten minutes old) is nobody's to start in bulk. Counted
/// in this process, so each instance allows that many.
pub fn login_rate_limited(config: &Config, route: MethodRouter<AppState>) -> MethodRouter<AppState> {
    let per_minute = config.login_per_minute.max(1);
    // Behind a proxy every request comes from the proxy's address: each client is then told apart
    // by the address the proxy forwards, or one client would lock everyone out.
    route.layer(login_limit(per_minute, ClientKey { trusted_proxies: config.trusted_proxies }))
}

pub fn routes(config: &Config) -> Router<AppState> {
    let routes = Router::new()
        .route(paths::SESSION, get(handlers::get_session))
        .route(paths::SESSION_CONTEXT, put(handlers::choose_context))
        .route(paths::SESSION_EMAIL, put(handlers::give_email))
        .route(paths::SESSION_EMAIL_CONFIRM, post(handlers::confirm_email))
        .route(paths::LOGOUT, post(handlers::logout));
    if config.oidc.is_some() {
        routes.route(paths::LOGIN, login_rate_limited(config, get(oidc::login)))
    } else {
        routes
    }
}

/// The sessions in the database, in the library's store for its engine.
#[derive(Clone, Debug)]
pub enum Store {
    Sqlite(SqliteStore),
    Postgres(PostgresStore),
}

#[async_trait::async_trait]
impl SessionStore for Store {
    async fn create(&self, record: &mut Record) -> session_store::Result<()> {
        match self {
            Store::Sqlite(store) => store.create(record).await,
            Store::Postgres(store) => store.create(record).await,
        }
    }
    async fn save(&self, record: &Record) -> session_store::Result<()> {
        match self {
            Store::Sqlite(store) => store.save(record).await,
            Store::Postgres(store) => store.save(record).await,
        }
    }
    async fn load(&self, id: &Id) -> session_store::Result<Option<Record>> {
        match self {
            Store::Sqlite(store) => store.load(id).await,
            Store::Postgres(store) => store.load(id).await,
        }
    }
    async fn delete(&self, id: &Id) -> session_store::Result<()> {
        match self {
            Store::Sqlite(store) => store.delete(id).await,
            Store::Postgres(store) => store.delete(id).await,
        }
    }
}

#[async_trait::async_trait]
impl ExpiredDeletion for Store {
    async fn delete_expired(&self) -> session_store::Result<()> {
        match self {
            Store::Sqlite(store) => store.delete_expired().await,
            Store::Postgres(store) => store.delete_expired().await,
        }
    }
}

/// The session store, its table created if missing.
pub async fn create_store(pool: &SessionPool) -> Result<Store, sqlx::Error> {
    Ok(match pool {
        SessionPool::Sqlite(pool) => {
            let store = SqliteStore::new(pool.clone()).with_table_name(SESSION_TABLE).map_err(|e| sqlx::Error::Configuration(e.into()))?;
            store.migrate().await?;
            Store::Sqlite(store)
        }
        SessionPool::Postgres(pool) => {
            let store = PostgresStore::new(pool.clone())
                .with_schema_name("public")
                .and_then(|store| store.with_table_name(SESSION_TABLE))
                .map_err(|e| sqlx::Error::Configuration(e.into()))?;
            store.migrate().await?;
            Store::Postgres(store)
        }
    })
}

/// How often sessions past their expiry are deleted: none lingers with its data for long.
const PURGE_EVERY: std::time::Duration = std::time::Duration::from_secs(10 * 60);

/// Deletes the sessions past their expiry now and every [`PURGE_EVERY`] while the server runs.
fn spawn_purge(store: Store) {
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

/// The session cookie's name. Over HTTPS with the `__Host-` prefix: browsers then take it only
/// `Secure`, for the whole host and from the host itself, so a sibling domain or a page on
/// another path cannot plant one.
pub fn cookie_name(secure: bool) -> &'static str {
    if secure {
        "__Host-tilslut_session"
    } else {
        "tilslut_session"
    }
}

/// A request that carries the session cookie twice is nobody's: one of the two was planted, and
/// which a server takes (the first, the last) is just what the planter counts on. Both are
/// dropped before the session is looked up.
pub async fn without_doubled_session_cookie(secure: bool, mut request: axum::extract::Request, next: Next) -> Response {
    let name = cookie_name(secure);
    let is_session = |pair: &str| pair.trim().split('=').next() == Some(name);
    let pairs: Vec<String> = request
        .headers()
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .map(|pair| pair.trim().to_string())
        .collect();
    if pairs.iter().filter(|pair| is_session(pair)).count() > 1 {
        let others: Vec<String> = pairs.into_iter().filter(|pair| !is_session(pair)).collect();
        request.headers_mut().remove(header::COOKIE);
        if let Ok(value) = HeaderValue::from_str(&others.join("; ")) {
            request.headers_mut().insert(header::COOKIE, value);
        }
    }
    next.run(request).await
}

/// Server-side sessions in the database, behind an HTTP-only cookie.
pub async fn layer(config: &Config, pool: &SessionPool) -> SessionManagerLayer<Store> {
    let store = create_store(pool).await.expect("session table, made by open_database");
    spawn_purge(store.clone());
    SessionManagerLayer::new(store)
        .with_name(cookie_name(config.secure_cookies))
        .with_http_only(true)
        .with_same_site(if config.cross_site_cookie { SameSite::None } else { SameSite::Strict })
        .with_secure(config.secure_cookies)
        .with_expiry(Expiry::OnInactivity(tower_sessions::cookie::time::Duration::minutes(login::IDLE_TIMEOUT_MINUTES)))
}
