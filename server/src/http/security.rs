//! The rules that protect every request: the custom header against cross-site requests, CORS for
//! the host pages allowed to embed the components, and the security headers of every response.

use crate::http::ApiError;
use axum::http::{header, HeaderName, HeaderValue, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Router;
use base64::Engine as _;
use sha2::{Digest, Sha256};
use std::path::Path;
use std::time::Duration;
use tilslut_api::{ProblemCode, CONTEXT_HEADER};
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::set_header::SetResponseHeaderLayer;

/// State-changing requests must carry the context header, which a cross-site form cannot send
/// and a cross-site script cannot send without a CORS preflight that the server does not allow.
pub async fn require_custom_header(request: axum::extract::Request, next: Next) -> Response {
    let safe = matches!(*request.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    if !safe && !request.headers().contains_key(CONTEXT_HEADER) {
        return ApiError::forbidden(
            ProblemCode::MissingContextHeader,
            format!("State-changing requests need the {CONTEXT_HEADER} header."),
        )
        .into_response();
    }
    next.run(request).await
}

/// Host pages on the allowed origins may call the API with the session cookie and the context
/// header; a preflight from any other origin gets no CORS headers, so the browser blocks the call.
pub fn cors(allowed_origins: &[HeaderValue]) -> CorsLayer {
    CorsLayer::new()
        .allow_origin(AllowOrigin::list(allowed_origins.iter().cloned()))
        .allow_credentials(true)
        .allow_methods([Method::GET, Method::POST, Method::PUT])
        .allow_headers([header::CONTENT_TYPE, HeaderName::from_static(CONTEXT_HEADER)])
        .max_age(Duration::from_secs(600))
}

/// tower-http's CORS layer says `Access-Control-Allow-Credentials: true` on every answer; it means
/// something only beside an allowed origin, and elsewhere it tells any prober that the API takes
/// cookies from other sites.
pub async fn credentials_only_with_an_allowed_origin(mut response: Response) -> Response {
    if !response.headers().contains_key(header::ACCESS_CONTROL_ALLOW_ORIGIN) {
        response.headers_mut().remove(header::ACCESS_CONTROL_ALLOW_CREDENTIALS);
    }
    response
}

/// The headers every response carries: the content security policy for the app in `dist`, and
/// no sniffing, no referrer, no framing, no shared browsing context. A response with a stricter
/// policy of its own (an uploaded document's `sandbox`) keeps it.
pub fn with_security_headers(router: Router, dist: &Path, https: bool) -> Router {
    let csp = HeaderValue::from_str(&content_security_policy(dist)).expect("CSP is ASCII");
    let router = router.layer(SetResponseHeaderLayer::if_not_present(header::CONTENT_SECURITY_POLICY, csp));
    let fixed = [
        (header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff")),
        (header::REFERRER_POLICY, HeaderValue::from_static("no-referrer")),
        (header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY")),
        (HeaderName::from_static("cross-origin-opener-policy"), HeaderValue::from_static("same-origin")),
    ];
    let router = fixed.into_iter().fold(router, |router, (name, value)| router.layer(SetResponseHeaderLayer::overriding(name, value)));
    if https {
        // Served over HTTPS: browsers are to use nothing else for this host for a year.
        router.layer(SetResponseHeaderLayer::overriding(header::STRICT_TRANSPORT_SECURITY, HeaderValue::from_static("max-age=31536000")))
    } else {
        router
    }
}

/// The Content-Security-Policy: the app's own files, the inline start-up script of each bundle
/// (by hash) and WebAssembly compilation; nothing else.
fn content_security_policy(dist: &Path) -> String {
    let pages = [dist.join("index.html"), dist.join(crate::http::pages::FOLLOW_UP_BUNDLE).join("index.html")];
    let hashes: String = pages
        .iter()
        .map(|page| std::fs::read_to_string(page).unwrap_or_default())
        .flat_map(|index| {
            inline_scripts(&index)
                .map(|script| format!(" 'sha256-{}'", base64::engine::general_purpose::STANDARD.encode(Sha256::digest(script))))
                .collect::<Vec<_>>()
        })
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_inline_scripts_only() {
        let html = r#"<script src="/a.js"></script><script type="module">init()</script>"#;
        assert_eq!(inline_scripts(html).collect::<Vec<_>>(), ["init()"]);
    }
}
