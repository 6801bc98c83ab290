//! The reference backend of tilslut: the JSON API under `/api` on an embedded SQLite database,
//! and the built single-page app for every other path.

pub mod auth;
pub mod cases;
pub mod error;
pub mod mail;
pub mod register;
pub mod seed;
pub mod session_api;
pub mod workdays;

use axum::extract::DefaultBodyLimit;
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get, post, put};
use axum::Router;
use base64::Engine as _;
use sha2::{Digest, Sha256};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions};
use sqlx::SqlitePool;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;
use std::time::Duration;
use tilslut_api::{paths, CONTEXT_HEADER};
use tower_governor::governor::GovernorConfigBuilder;
use tower_governor::GovernorLayer;
use tower_http::compression::CompressionLayer;
use tower_http::services::{ServeDir, ServeFile};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;
use tower_sessions::cookie::SameSite;
use tower_sessions::{Expiry, SessionManagerLayer};
use tower_sessions_sqlx_store::SqliteStore;
use utoipa::OpenApi;

use error::{problem_response, ApiError};

/// What the running server needs, shared by every request.
#[derive(Clone)]
pub struct AppState {
    pub pool: SqlitePool,
    pub register: Arc<dyn register::Register>,
    pub identity: Arc<dyn auth::IdentityProvider>,
    /// Writes go one at a time: SQLite has one writer anyway, and this turns what would be
    /// "database is locked" errors into a short wait.
    pub write_lock: Arc<tokio::sync::Mutex<()>>,
    pub uploads: PathBuf,
    pub clock: Clock,
}

/// Seconds since the epoch, as the session's timeouts count them: the system's clock, which a test
/// moves on with `advance` instead of waiting half an hour.
#[derive(Clone, Debug, Default)]
pub struct Clock {
    ahead: Arc<AtomicI64>,
}

impl Clock {
    pub fn now(&self) -> i64 {
        chrono::Utc::now().timestamp() + self.ahead.load(Ordering::Relaxed)
    }

    pub fn advance(&self, seconds: i64) {
        self.ahead.fetch_add(seconds, Ordering::Relaxed);
    }
}

/// How the server is set up; read from the environment by `main`, built directly by tests.
#[derive(Clone, Debug)]
pub struct Config {
    pub database: PathBuf,
    pub dist: PathBuf,
    /// Let anyone log in as a demo person. Never in production.
    pub dev_login: bool,
    /// Mark the session cookie `Secure` (when served over HTTPS).
    pub secure_cookies: bool,
    /// Requests per minute allowed to the login endpoint from one address.
    pub login_per_minute: u32,
    /// Origins of host pages on another origin that embed the components and may call the API
    /// with the session cookie (CORS with credentials). Empty: same origin only.
    pub allowed_origins: Vec<HeaderValue>,
    /// `SameSite=None` on the session cookie, for hosts on another *site* (not just another port
    /// or subdomain); needs `secure_cookies`, as browsers refuse it otherwise.
    pub cross_site_cookie: bool,
    /// The system's; a test's own, to move on.
    pub clock: Clock,
}

/// Why the server could not start, each naming the setting that fixes it.
#[derive(Debug, thiserror::Error)]
pub enum StartupError {
    #[error("cannot create the data folder {path}: {source} (set TILSLUT_DATABASE to a writable path)")]
    DataFolder { path: String, source: std::io::Error },
    #[error("cannot open the database {path}: {source} (if the file is damaged, move it away; or set TILSLUT_DATABASE)")]
    Database { path: String, source: sqlx::Error },
    #[error("cannot migrate the database {path}: {source} (if the file is damaged, move it away; or set TILSLUT_DATABASE)")]
    Migration { path: String, source: sqlx::migrate::MigrateError },
}

pub async fn open_database(path: &Path) -> Result<SqlitePool, StartupError> {
    let shown = path.display().to_string();
    let folder = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::fs::create_dir_all(folder.join("uploads"))
        .map_err(|source| StartupError::DataFolder { path: folder.display().to_string(), source })?;
    let options = SqliteConnectOptions::new()
        .filename(path)
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .foreign_keys(true)
        .busy_timeout(Duration::from_secs(5));
    let pool = SqlitePoolOptions::new()
        .max_connections(8)
        .connect_with(options)
        .await
        .map_err(|source| StartupError::Database { path: shown.clone(), source })?;
    sqlx::migrate!("./migrations").run(&pool).await.map_err(|source| StartupError::Migration { path: shown.clone(), source })?;
    seed::seed_if_empty(&pool).await.map_err(|source| StartupError::Database { path: shown, source })?;
    Ok(pool)
}

#[derive(OpenApi)]
#[openapi(
    info(title = "tilslut API", description = "Connecting an organisation to MitID Erhverv, and acting for a company with a private ID."),
    paths(
        health,
        session_api::get_session,
        session_api::choose_context,
        session_api::logout,
        session_api::dev_persons,
        session_api::dev_login,
        cases::get_current_terms,
        cases::my_organisations,
        cases::lookup_organisation,
        cases::create_case,
        cases::list_cases,
        cases::get_case,
        cases::update_administrators,
        cases::choose_approver,
        cases::accept_terms,
        cases::submit,
        cases::approve,
        cases::reject,
        cases::withdraw,
        cases::upload_document,
        cases::manual_decision,
        cases::publish_terms,
        cases::mailbox,
    ),
    components(schemas(tilslut_api::Problem, tilslut_api::FieldError))
)]
pub struct ApiDoc;

#[utoipa::path(get, path = "/api/health", tag = "health", responses((status = 200, body = tilslut_api::Health)))]
async fn health(axum::extract::State(state): axum::extract::State<AppState>) -> error::ApiResult<tilslut_api::Health> {
    sqlx::query("SELECT 1").execute(&state.pool).await?;
    Ok(error::ApiJson(tilslut_api::Health { status: "ok".into(), version: env!("CARGO_PKG_VERSION").into() }))
}

/// State-changing requests must carry the context header, which a cross-site form cannot send
/// and a cross-site script cannot send without a CORS preflight that the server does not allow.
async fn require_custom_header(request: axum::extract::Request, next: Next) -> Response {
    let safe = matches!(*request.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    if !safe && !request.headers().contains_key(CONTEXT_HEADER) {
        return ApiError::forbidden("missing_context_header", format!("State-changing requests need the {CONTEXT_HEADER} header."))
            .into_response();
    }
    next.run(request).await
}

/// The Content-Security-Policy: the app's own files, its one inline start-up script (by hash)
/// and WebAssembly compilation; nothing else.
fn content_security_policy(dist: &Path) -> String {
    let index = std::fs::read_to_string(dist.join("index.html")).unwrap_or_default();
    let hashes: String = inline_scripts(&index)
        .map(|script| format!(" 'sha256-{}'", base64::engine::general_purpose::STANDARD.encode(Sha256::digest(script))))
        .collect();
    format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{hashes}; style-src 'self'; img-src 'self' data:; \
         font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
    )
}

/// The bodies of `<script>` elements without a `src`, exactly as the browser hashes them.
fn inline_scripts(html: &str) -> impl Iterator<Item = &str> {
    html.split("<script").skip(1).filter_map(|rest| {
        let (attributes, after) = rest.split_once('>')?;
        let (body, _) = after.split_once("</script>")?;
        (!attributes.contains("src=")).then_some(body)
    })
}

/// Host pages on the allowed origins may call the API with the session cookie and the context
/// header; a preflight from any other origin gets no CORS headers, so the browser blocks the call.
fn cors(allowed_origins: &[HeaderValue]) -> tower_http::cors::CorsLayer {
    use tower_http::cors::{AllowOrigin, CorsLayer};
    CorsLayer::new()
        .allow_origin(AllowOrigin::list(allowed_origins.iter().cloned()))
        .allow_credentials(true)
        .allow_methods([Method::GET, Method::POST, Method::PUT])
        .allow_headers([header::CONTENT_TYPE, header::HeaderName::from_static(CONTEXT_HEADER)])
        .max_age(Duration::from_secs(600))
}

/// The app's page for any path that is not a file: its first view pre-rendered at build time
/// (`dist/prerendered/<name>.html`, see `src/bin/prerender.rs`) when there is one, else index.html.
async fn app_page(dist: PathBuf, request: axum::extract::Request) -> Response {
    use tower::ServiceExt as _;
    let name = match request.uri().path().trim_matches('/') {
        "" => "index",
        path => path,
    };
    let prerendered = dist.join("prerendered").join(format!("{name}.html"));
    let page = if name.chars().all(|c| c.is_ascii_lowercase() || c == '-') && prerendered.is_file() {
        prerendered
    } else {
        dist.join("index.html")
    };
    match ServeFile::new(page).precompressed_br().precompressed_gzip().oneshot(request).await {
        Ok(response) => response.into_response(),
        Err(never) => match never {},
    }
}

/// Hashed file names (trunk and scripts/fonts.py add the hash) never change: cache them for a year.
/// Everything else, index.html above all, is revalidated so a new release is picked up at once.
async fn cache_control(request: axum::extract::Request, next: Next) -> Response {
    let hashed = request
        .uri()
        .path()
        .rsplit('/')
        .next()
        .is_some_and(|name| name.split(['-', '.', '_']).any(|part| part.len() >= 16 && part.chars().all(|c| c.is_ascii_hexdigit())));
    let mut response = next.run(request).await;
    let value = if hashed && response.status().is_success() { "public, max-age=31536000, immutable" } else { "no-cache" };
    response.headers_mut().entry(header::CACHE_CONTROL).or_insert(HeaderValue::from_static(value));
    response
}

pub async fn app(config: &Config, pool: SqlitePool) -> Router {
    let state = AppState {
        register: Arc::new(register::SqliteRegister::new(pool.clone())),
        identity: Arc::new(auth::DevIdentityProvider { pool: pool.clone() }),
        pool: pool.clone(),
        write_lock: Arc::new(tokio::sync::Mutex::new(())),
        uploads: config.database.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new(".")).join("uploads"),
        clock: config.clock.clone(),
    };
    let store = SqliteStore::new(pool);
    store.migrate().await.expect("session table migration");
    let sessions = SessionManagerLayer::new(store)
        .with_name("tilslut_session")
        .with_http_only(true)
        .with_same_site(if config.cross_site_cookie { SameSite::None } else { SameSite::Strict })
        .with_secure(config.secure_cookies)
        .with_expiry(Expiry::OnInactivity(tower_sessions::cookie::time::Duration::minutes(auth::IDLE_TIMEOUT_MINUTES)));

    let mut api = Router::new()
        .route(paths::HEALTH, get(health))
        .route(paths::OPENAPI, get(|| async { axum::Json(ApiDoc::openapi()) }))
        .route(paths::SESSION, get(session_api::get_session))
        .route(paths::SESSION_CONTEXT, put(session_api::choose_context))
        .route(paths::LOGOUT, post(session_api::logout))
        .route(paths::TERMS_CURRENT, get(cases::get_current_terms))
        .route(paths::MY_ORGANISATIONS, get(cases::my_organisations))
        .route("/api/organisations/{cvr}", get(cases::lookup_organisation))
        .route(paths::CASES, get(cases::list_cases).post(cases::create_case))
        .route("/api/cases/{id}", get(cases::get_case))
        .route("/api/cases/{id}/administrators", put(cases::update_administrators))
        .route("/api/cases/{id}/approver", put(cases::choose_approver))
        .route("/api/cases/{id}/terms", post(cases::accept_terms))
        .route("/api/cases/{id}/submit", post(cases::submit))
        .route("/api/cases/{id}/approve", post(cases::approve))
        .route("/api/cases/{id}/reject", post(cases::reject))
        .route("/api/cases/{id}/withdraw", post(cases::withdraw))
        .route(
            "/api/cases/{id}/documents",
            post(cases::upload_document).layer(DefaultBodyLimit::max(tilslut_api::MAX_DOCUMENT_BYTES + 64 * 1024)),
        );
    if config.dev_login {
        let per_minute = config.login_per_minute.max(1);
        let governor = GovernorConfigBuilder::default()
            .period(Duration::from_millis(60_000 / u64::from(per_minute)))
            .burst_size(per_minute)
            .error_handler(|_| ApiError::TooManyRequests.into_response())
            .finish()
            .expect("rate limit settings");
        let limited_login = post(session_api::dev_login).layer(GovernorLayer { config: Arc::new(governor) });
        api = api
            .route(paths::DEV_PERSONS, get(session_api::dev_persons))
            .route(paths::DEV_LOGIN, limited_login)
            .route(paths::DEV_MAILBOX, get(cases::mailbox))
            .route(paths::DEV_PUBLISH_TERMS, post(cases::publish_terms))
            .route("/api/dev/operator/cases/{id}/decision", post(cases::manual_decision));
    }
    let api = api
        // Unknown API paths answer as the API does, not with the app's index.html.
        .route(
            "/api/{*rest}",
            any(|| async { problem_response(StatusCode::NOT_FOUND, "not_found", Some("No such API endpoint.".into()), vec![]) }),
        )
        .layer(DefaultBodyLimit::max(64 * 1024))
        .layer(middleware::from_fn(require_custom_header))
        .layer(sessions)
        .layer(cors(&config.allowed_origins))
        .with_state(state);

    let dist = config.dist.clone();
    let spa = ServeDir::new(&config.dist)
        .precompressed_br()
        .precompressed_gzip()
        // `/` too goes to the app's page, which may be pre-rendered.
        .append_index_html_on_directories(false)
        .fallback(axum::handler::HandlerWithoutStateExt::into_service(move |request| app_page(dist.clone(), request)));
    let csp = HeaderValue::from_str(&content_security_policy(&config.dist)).expect("CSP is ASCII");
    Router::new()
        .merge(api)
        .fallback_service(spa)
        .layer(middleware::from_fn(cache_control))
        .layer(CompressionLayer::new())
        .layer(SetResponseHeaderLayer::overriding(header::CONTENT_SECURITY_POLICY, csp))
        .layer(SetResponseHeaderLayer::overriding(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff")))
        .layer(SetResponseHeaderLayer::overriding(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer")))
        .layer(SetResponseHeaderLayer::overriding(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY")))
        .layer(SetResponseHeaderLayer::overriding(
            header::HeaderName::from_static("cross-origin-opener-policy"),
            HeaderValue::from_static("same-origin"),
        ))
        .layer(TraceLayer::new_for_http())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_inline_scripts_only() {
        let html = r#"<script src="/a.js"></script><script type="module">init()</script>"#;
        assert_eq!(inline_scripts(html).collect::<Vec<_>>(), ["init()"]);
    }
}
