//! The reference backend of tilslut: the JSON API under `/api`, on SQLite (one instance) or
//! PostgreSQL (several), and the built single-page app for every other path.
//!
//! One folder per resource (`session`, `organisations`, `terms`, `cases`, `setup`, `review`), each
//! with its routes; below them `people`, `history`, `audit`, `db` and `adapters` (the CVR
//! register, the identity provider, the OpenID Connect broker, e-mail); above them `callback` (the
//! broker's way back) and `startup`; `http` for what every request meets; `dev` for the
//! development-only routes; `settings` reads the environment once.

pub mod adapters;
pub mod audit;
pub mod callback;
pub mod cases;
pub mod clock;
pub mod db;
pub mod dev;
pub mod health;
pub mod history;
pub mod http;
pub mod openapi;
pub mod organisations;
pub mod people;
pub mod review;
pub mod seed;
pub mod serve;
pub mod session;
pub mod settings;
pub mod setup;
pub mod startup;
mod state;
pub mod terms;

pub use clock::Clock;
pub use db::Database;
pub use startup::{open_database, StartupError};
pub use state::{AppState, Config};

use axum::extract::DefaultBodyLimit;
use axum::http::StatusCode;
use axum::middleware;
use axum::routing::{any, get};
use axum::Router;
use tilslut_api::{paths, ProblemCode};
use tower_http::compression::CompressionLayer;
use tower_http::trace::TraceLayer;

/// The whole server: the API, then the app's files and pages for every other path.
pub async fn app(config: &Config, pools: db::Pools) -> Router {
    let state = AppState::new(config, pools.pool.clone());
    let description = openapi::description(config.dev_login);
    let mut api = Router::new()
        .route(paths::HEALTH, get(health::health))
        .route(paths::LIVE, get(health::live))
        .route(paths::OPENAPI, get(move || async move { axum::Json(description) }))
        .merge(session::routes(config))
        .merge(organisations::routes())
        .merge(terms::routes())
        .merge(cases::routes())
        .merge(setup::routes())
        .merge(review::routes());
    if config.oidc.is_some() {
        api = api.merge(callback::routes());
    }
    if config.dev_login {
        api = api.merge(dev::routes(config));
    }
    let api = api
        // Unknown API paths answer as the API does, not with the app's index.html.
        .route(
            "/api/{*rest}",
            any(|| async {
                http::error::problem_response(StatusCode::NOT_FOUND, ProblemCode::NotFound, Some("No such API endpoint.".into()), vec![])
            }),
        )
        .layer(DefaultBodyLimit::max(64 * 1024))
        .layer(middleware::from_fn(http::security::require_custom_header))
        .layer(session::layer(config, &pools.sessions).await)
        .layer(middleware::from_fn({
            let secure = config.secure_cookies;
            move |request, next| session::without_doubled_session_cookie(secure, request, next)
        }))
        .layer(http::security::cors(&config.allowed_origins))
        .layer(middleware::map_response(http::security::credentials_only_with_an_allowed_origin))
        .with_state(state);
    let router = Router::new()
        .merge(api)
        .merge(http::pages::app_files(&config.dist))
        .layer(middleware::from_fn(http::pages::cache_control))
        .layer(CompressionLayer::new());
    http::security::with_security_headers(router, &config.dist, config.secure_cookies).layer(TraceLayer::new_for_http())
}
