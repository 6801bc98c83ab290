//! Login through the OpenID Connect provider: `GET /api/login` sends the browser there, and
//! `GET /api/login/callback` takes it back, checks everything, and starts the session. Whatever
//! goes wrong, the browser lands on the app's login page with a code (`/log-ind?fejl=…`) that the
//! page says in words, never on an error body.
//!
//! The callback's checks, in order: a login cookie that names an attempt begun here in the last
//! ten minutes (taken, so a replayed callback finds none); no `error` from the provider; `state`
//! equal to the attempt's; a `code`, redeemed with the attempt's PKCE verifier; an ID token whose
//! signature, issuer, audience, expiry and nonce hold (openidconnect); then the person, found in
//! the register by the CPR claim or else known by the token's subject.

use crate::adapters::oidc::{Identity, PendingLogin};
use crate::audit::audit;
use crate::http::ApiError;
use crate::session::{service, store};
use crate::AppState;
use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use chrono::TimeDelta;
use serde::Deserialize;
use sha2::{Digest, Sha256};
use tilslut_api::{paths, LoginFailure};
use tower_sessions::cookie::{Cookie, SameSite};
use tower_sessions::Session as CookieSession;

/// The cookie that ties a callback to the browser that began the login.
const LOGIN_COOKIE: &str = "tilslut_login";
/// How long a person may take at the provider.
const ATTEMPT_LIFETIME: TimeDelta = TimeDelta::minutes(10);

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

fn key_of(secret: &str) -> String {
    format!("{:x}", Sha256::digest(secret.as_bytes()))
}

fn redirect(to: &str, cookie: Option<Cookie<'static>>) -> Response {
    let mut response = (StatusCode::FOUND, [(header::LOCATION, to.to_string())]).into_response();
    if let Some(value) = cookie.and_then(|cookie| HeaderValue::from_str(&cookie.to_string()).ok()) {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
    response
}

fn login_cookie(value: String, secure: bool, max_age: TimeDelta) -> Cookie<'static> {
    Cookie::build((LOGIN_COOKIE, value))
        .path(paths::LOGIN)
        .http_only(true)
        .secure(secure)
        // Lax: sent on the provider's top-level redirect back, which Strict would not be.
        .same_site(SameSite::Lax)
        .max_age(tower_sessions::cookie::time::Duration::seconds(max_age.num_seconds()))
        .build()
}

/// `GET /api/login?return_to=/a/path`: to the provider.
pub async fn login(State(state): State<AppState>, Query(query): Query<LoginQuery>) -> Result<Response, ApiError> {
    let oidc = state.oidc.as_ref().ok_or(ApiError::NotFound("login"))?;
    let (url, pending) = oidc.start();
    let secret = format!("{}{}", uuid::Uuid::new_v4().simple(), uuid::Uuid::new_v4().simple());
    let now = state.clock.at();
    let attempt = store::LoginAttempt {
        state: pending.state,
        nonce: pending.nonce,
        pkce_verifier: pending.pkce_verifier,
        return_to: safe_return_to(query.return_to.as_deref()).unwrap_or_default(),
        created_at: now,
    };
    store::save_login_attempt(&state.pool, &key_of(&secret), &attempt, now - ATTEMPT_LIFETIME).await?;
    Ok(redirect(&url, Some(login_cookie(secret, state.secure_cookies, ATTEMPT_LIFETIME))))
}

#[derive(Deserialize)]
pub struct CallbackQuery {
    code: Option<String>,
    state: Option<String>,
    error: Option<String>,
}

/// `GET /api/login/callback`: back from the provider.
pub async fn callback(
    State(state): State<AppState>,
    session: CookieSession,
    headers: HeaderMap,
    Query(query): Query<CallbackQuery>,
) -> Response {
    let outcome = complete(&state, session, &headers, query).await;
    // The login cookie has done its work either way.
    let spent = login_cookie(String::new(), state.secure_cookies, TimeDelta::zero());
    match outcome {
        Ok(return_to) => redirect(&return_to, Some(spent)),
        Err((failure, why)) => {
            audit(&state.pool, None, "login_failed", why).await;
            redirect(&format!("{}?fejl={}", paths::APP_LOGIN, failure.as_str()), Some(spent))
        }
    }
}

type Refusal = (LoginFailure, &'static str);

async fn complete(state: &AppState, session: CookieSession, headers: &HeaderMap, query: CallbackQuery) -> Result<String, Refusal> {
    let oidc = state.oidc.as_ref().ok_or((LoginFailure::Failed, "no provider"))?;
    let secret = headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(Cookie::split_parse)
        .filter_map(Result::ok)
        .find(|cookie| cookie.name() == LOGIN_COOKIE)
        .map(|cookie| cookie.value().to_string())
        .ok_or((LoginFailure::Expired, "no login cookie"))?;
    let attempt = store::take_login_attempt(&state.pool, &key_of(&secret))
        .await
        .map_err(|_| (LoginFailure::Failed, "database"))?
        .filter(|attempt| attempt.created_at > state.clock.at() - ATTEMPT_LIFETIME)
        .ok_or((LoginFailure::Expired, "no such login attempt"))?;
    if query.error.is_some() {
        return Err((LoginFailure::Cancelled, "the provider answered with an error"));
    }
    if query.state.as_deref() != Some(attempt.state.as_str()) {
        return Err((LoginFailure::Failed, "state mismatch"));
    }
    let code = query.code.ok_or((LoginFailure::Failed, "no code"))?;
    let pending = PendingLogin { state: attempt.state, nonce: attempt.nonce, pkce_verifier: attempt.pkce_verifier };
    let identity = oidc.finish(code, pending).await.map_err(|error| {
        tracing::warn!(%error, "login refused");
        (LoginFailure::Failed, "token refused")
    })?;
    let person_id = person_of(state, identity).await.map_err(|_| (LoginFailure::Failed, "person"))?;
    service::start(state, session, person_id, "openid connect").await.map_err(|_| (LoginFailure::Failed, "session"))?;
    Ok(if attempt.return_to.is_empty() { paths::APP_CHOOSE_CONTEXT.to_string() } else { attempt.return_to })
}

/// tilslut's person for `identity`: the register's, found by the CPR number; or else one known by
/// the provider's subject, who acts privately.
async fn person_of(state: &AppState, identity: Identity) -> Result<String, ApiError> {
    if let Some(cpr) = identity.cpr.as_deref() {
        if let Some(id) = state.register.person_with_cpr(cpr).await? {
            return Ok(id);
        }
    }
    let id = format!("oidc-{}", &key_of(&identity.subject)[..24]);
    let name = identity.name.unwrap_or_else(|| "MitID-bruger".into());
    store::upsert_person(&state.pool, &id, &name, identity.email.as_deref().unwrap_or_default()).await?;
    Ok(id)
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
