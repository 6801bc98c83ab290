//! The built single-page app: its files, pre-compressed, and its page for every client route.

use axum::http::{header, HeaderValue};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Router;
use std::path::{Path, PathBuf};
use tilslut_api::pages::FOLLOW_UP_SECTIONS;
use tower::ServiceExt as _;
use tower_http::services::{ServeDir, ServeFile};

/// The files in `dist`, brotli or gzip where the browser takes them, for every path no other
/// route has; any other path gets the app's page ([`app_page`]), `/` included.
pub fn app_files(dist: &Path) -> Router {
    let pages = dist.to_path_buf();
    let files = ServeDir::new(dist)
        .precompressed_br()
        .precompressed_gzip()
        .append_index_html_on_directories(false)
        .fallback(axum::handler::HandlerWithoutStateExt::into_service(move |request| app_page(pages.clone(), request)));
    Router::new().fallback_service(files)
}

/// Where the follow-up bundle is in `dist` (`make build`): the app with the set-up link's and the
/// caseworker's pages, which it serves for their paths (`FOLLOW_UP_SECTIONS`).
pub const FOLLOW_UP_BUNDLE: &str = "followup";

/// The app's page for any path that is not a file: its first view pre-rendered at build time
/// (`dist/prerendered/<name>.html`, see `src/bin/prerender.rs`) when there is one, the
/// follow-up bundle for its pages, else index.html.
async fn app_page(dist: PathBuf, request: axum::extract::Request) -> Response {
    let name = match request.uri().path().trim_matches('/') {
        "" => "index",
        path => path,
    };
    let prerendered = dist.join("prerendered").join(format!("{name}.html"));
    let follow_up = name.split('/').next().is_some_and(|first| FOLLOW_UP_SECTIONS.contains(&first));
    let page = if name.chars().all(|c| c.is_ascii_lowercase() || c == '-') && prerendered.is_file() {
        prerendered
    } else if follow_up {
        dist.join(FOLLOW_UP_BUNDLE).join("index.html")
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
pub async fn cache_control(request: axum::extract::Request, next: Next) -> Response {
    // The API's answers hold personal data: kept in no cache, not even the browser's.
    let api = request.uri().path().starts_with("/api/");
    let hashed = request
        .uri()
        .path()
        .rsplit('/')
        .next()
        .is_some_and(|name| name.split(['-', '.', '_']).any(|part| part.len() >= 16 && part.chars().all(|c| c.is_ascii_hexdigit())));
    let mut response = next.run(request).await;
    let value = if api {
        "no-store"
    } else if hashed && response.status().is_success() {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    response.headers_mut().entry(header::CACHE_CONTROL).or_insert(HeaderValue::from_static(value));
    response
}
