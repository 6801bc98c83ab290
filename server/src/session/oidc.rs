//! Login through the OpenID Connect provider, begun: `GET /api/login` sends the browser there
//! with a cookie that finds the attempt again. A signing (`cases::signing`) begins the same way.
//! The way back, `GET /api/login/callback`, is `crate::callback`'s: it leads to a session or to
//! an approval, so it sits above both.
//!
use crate::adapters::oidc::Purpose;
use crate::db::Timestamp;
use crate::http::ApiError;
use crate::session::store;
use crate::AppState;
use axum::extract::{Query, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use chrono::TimeDelta;
use serde::Deserialize;
use sha2::{Digest, Sha256};
use tilslut_api::paths;
use tower_sessions::cookie::{Cookie, SameSite};

/// The cookie that ties a callback to the browser that began the login.
pub(crate) const LOGIN_COOKIE: &str = "tilslut_login";
/// How long a person may take at the provider.
pub(crate) const ATTEMPT_LIFETIME: TimeDelta = TimeDelta::minutes(10);

#[derive(Deserialize)]
pub struct LoginQuery {
    return_to: Option<String>,
}

/// Where a login may send the person back: a path of this site, nothing else (not `//host`,
/// not `/\host`, not another scheme), and not the API.
pub fn safe_return_to(asked: Option<&str>) -> Option<String> {
    let path = asked?;
    let local = path.starts_with('/') && !path.starts_with("//") && !path.contains('\\') && !path.chars().any(char::is_control);
    (local && !path.starts_with("/api/")).then(|| path.to_string())
}

pub(crate) fn key_of(secret: &str) -> String {
    format!("{:x}", Sha256::digest(secret.as_bytes()))
}

pub(crate) fn redirect(to: &str, cookie: Option<Cookie<'static>>) -> Response {
    let mut response = (StatusCode::FOUND, [(header::LOCATION, to.to_string())]).into_response();
    if let Some(value) = cookie.and_then(|cookie| HeaderValue::from_str(&cookie.to_string()).ok()) {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
    response
}

pub(crate) fn login_cookie(value: String, secure: bool, max_age: TimeDelta) -> Cookie<'static> {
    Cookie::build((LOGIN_COOKIE, value))
        .path(paths::LOGIN)
        .http_only(true)
        .secure(secure)
        // Lax: sent on the provider's top-level redirect back, which Strict would not be.
        .same_site(SameSite::Lax)
        .max_age(tower_sessions::cookie::time::Duration::seconds(max_age.num_seconds()))
        .build()
}

/// A signature to begin at the provider.
pub struct SigningAttempt {
    /// What the signing's callback needs back (`cases::signing::PendingSigning` as JSON), kept
    /// with the attempt unread.
    pub pending: String,
    /// The short text MitID shows the person.
    pub reference_text: String,
}

/// A login (or, with `signing`, a signature) begun: where to send the browser, and the cookie
/// that finds the attempt again. `return_to` is a checked path of this site, or empty.
pub async fn begin(state: &AppState, return_to: String, signing: Option<SigningAttempt>) -> Result<(String, Cookie<'static>), ApiError> {
    let oidc = state.oidc.as_ref().ok_or(ApiError::NotFound("login"))?;
    let purpose = match &signing {
        Some(attempt) => Purpose::Sign { reference_text: &attempt.reference_text },
        None => Purpose::LogIn,
    };
    let (url, pending) = oidc.start(purpose);
    let secret = format!("{}{}", uuid::Uuid::new_v4().simple(), uuid::Uuid::new_v4().simple());
    let now = state.clock.at();
    let attempt = store::LoginAttempt {
        state: pending.state,
        nonce: pending.nonce,
        pkce_verifier: pending.pkce_verifier,
        return_to,
        created_at: Timestamp(now),
        signing: signing.map(|attempt| attempt.pending),
    };
    store::save_login_attempt(&state.pool, &key_of(&secret), &attempt, now - ATTEMPT_LIFETIME).await?;
    Ok((url, login_cookie(secret, state.secure_cookies, ATTEMPT_LIFETIME)))
}

/// `GET /api/login?return_to=/a/path`: to the provider.
pub async fn login(State(state): State<AppState>, Query(query): Query<LoginQuery>) -> Result<Response, ApiError> {
    let (url, cookie) = begin(&state, safe_return_to(query.return_to.as_deref()).unwrap_or_default(), None).await?;
    Ok(redirect(&url, Some(cookie)))
}

#[cfg(test)]
mod tests {
    use super::safe_return_to;

    #[test]
    fn a_login_returns_to_a_path_of_this_site_only() {
        assert_eq!(safe_return_to(Some("/tilslut/organisation?x=1")).as_deref(), Some("/tilslut/organisation?x=1"));
        for away in ["https://evil.example", "//evil.example", "/\\evil.example", "evil", "/api/logout", "/a\nb", ""] {
            assert_eq!(safe_return_to(Some(away)), None, "{away:?}");
        }
        assert_eq!(safe_return_to(None), None);
    }
}
