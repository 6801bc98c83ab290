//! Who is asking, and in which context: the login a session stands for, its timeouts, and the
//! check that a tab acts only in the context it shows.

use crate::http::ApiError;
use crate::session::store;
use crate::AppState;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use serde::{Deserialize, Serialize};
use tilslut_api::{ContextKey, PersonRef, ProblemCode, CONTEXT_HEADER};
use tower_sessions::Session;

/// A session lives at most this long after login, however active it is.
pub const ABSOLUTE_TIMEOUT_SECONDS: i64 = 8 * 60 * 60;
/// A session ends after this long without a request.
pub const IDLE_TIMEOUT_MINUTES: i64 = 30;
/// How often requests re-save the session to say it is in use. A save is what pushes the stored
/// session's and the cookie's expiry on (tower-sessions does not on a read), and saving on every
/// request would make every read a database write. Such a save writes the session back as this
/// request read it: a context switch landing in between is undone, and the tab that switched has
/// its next change refused as `context_changed`, never made for the wrong company.
const SEEN_EVERY_SECONDS: i64 = 60;

pub const SESSION_KEY: &str = "login";

/// What the session cookie stands for on the server.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Login {
    pub person_id: String,
    pub logged_in_at: i64,
    /// The last request that re-saved the session (at most one a minute); 0 in sessions from before.
    #[serde(default)]
    pub seen_at: i64,
    pub context: Option<ContextKey>,
    /// How many times the person had logged out when this session began: one more logout, on any
    /// device, ends it. 0 in sessions from before.
    #[serde(default)]
    pub logouts_before: i64,
}

/// Starts a session for `person_id`, who has logged out `logouts_before` times so far.
pub async fn start_session(session: &Session, person_id: String, now: i64, logouts_before: i64) -> Result<Login, ApiError> {
    // A new identifier at every login defeats session fixation.
    session.cycle_id().await?;
    let login = Login { person_id, logged_in_at: now, seen_at: now, context: None, logouts_before };
    session.insert(SESSION_KEY, &login).await?;
    // Stored now, not after the answer: a login whose session could not be stored (a full disk)
    // is refused, never answered as a success with a cookie that names nothing.
    session.save().await?;
    Ok(login)
}

/// The identifier stays (unlike at login): whoever holds the cookie may switch anyway, and a request
/// still on its way with a replaced identifier would come back with a cookie removal, logging the
/// person out in every tab.
pub async fn set_context(session: &Session, mut login: Login, context: Option<ContextKey>) -> Result<(), ApiError> {
    login.context = context;
    session.insert(SESSION_KEY, login).await?;
    Ok(())
}

/// The logged-in person, for any request. State-changing requests must also name the context the
/// tab shows ([`CONTEXT_HEADER`]); a mismatch means another tab switched context, and the request
/// is refused before it acts for the wrong company.
pub struct User {
    pub person: PersonRef,
    pub login: Login,
    pub session: Session,
}

/// Like [`User`], but without the context check: for switching context and logging out, which are
/// exactly how a tab that is behind catches up.
pub struct UserInAnyContext(pub User);

async fn load_user(parts: &mut Parts, state: &AppState) -> Result<User, ApiError> {
    let session =
        Session::from_request_parts(parts, state).await.map_err(|(_, message)| ApiError::Internal(format!("session layer: {message}")))?;
    let mut login: Login = session.get(SESSION_KEY).await?.ok_or(ApiError::Unauthenticated)?;
    let now = state.clock.now();
    let last_seen = login.seen_at.max(login.logged_in_at);
    if now - login.logged_in_at > ABSOLUTE_TIMEOUT_SECONDS || now - last_seen > IDLE_TIMEOUT_MINUTES * 60 {
        session.flush().await?;
        return Err(ApiError::Unauthenticated);
    }
    if now - last_seen >= SEEN_EVERY_SECONDS {
        login.seen_at = now;
        session.insert(SESSION_KEY, &login).await?;
    }
    let (name, logouts, last_logout_at) =
        store::person_and_logouts(&state.pool, &login.person_id).await?.ok_or(ApiError::Unauthenticated)?;
    // The count decides; the time still ends sessions from before it was kept.
    if login.logouts_before < logouts || last_logout_at.is_some_and(|at| login.logged_in_at < at) {
        session.flush().await?;
        return Err(ApiError::Unauthenticated);
    }
    Ok(User { person: PersonRef { id: login.person_id.clone(), name }, login, session })
}

impl FromRequestParts<AppState> for UserInAnyContext {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        load_user(parts, state).await.map(UserInAnyContext)
    }
}

impl FromRequestParts<AppState> for User {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let user = load_user(parts, state).await?;
        if !parts.method.is_safe() {
            let shown = parts.headers.get(CONTEXT_HEADER).and_then(|v| v.to_str().ok()).unwrap_or_default();
            let actual = user.login.context.map(|c| c.header_value()).unwrap_or_else(|| "none".to_string());
            if shown != actual {
                return Err(ApiError::conflict(
                    ProblemCode::ContextChanged,
                    "The context was changed in another window; reload to see the current one.",
                ));
            }
        }
        Ok(user)
    }
}
