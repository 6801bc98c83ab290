//! The session's actions: what a person may act as, switching context, and logging in.

use crate::adapters::register::company_contexts;
use crate::audit::audit;
use crate::http::ApiError;
use crate::people;
use crate::session::login::{self, Login, User};
use crate::session::store;
use crate::AppState;
use tilslut_api::{ActingContext, ContextKey, PersonRef, ProblemCode, Session};
use tower_sessions::Session as CookieSession;

/// Private, and every company the register lets the person act for alone.
async fn contexts_of(state: &AppState, person_id: &str) -> Result<Vec<ActingContext>, ApiError> {
    let participations = state.register.participations_of_person(person_id).await?;
    let mut contexts = vec![ActingContext::Private];
    contexts.extend(company_contexts(&participations));
    Ok(contexts)
}

/// Builds the session view. A company context the register no longer allows is dropped here,
/// so every request sees the register's current answer, not the one from login time.
pub async fn session_view(state: &AppState, user: User) -> Result<Session, ApiError> {
    let contexts = contexts_of(state, &user.person.id).await?;
    let mut login = user.login;
    if let Some(current) = login.context {
        if !contexts.iter().any(|c| c.key() == current) {
            audit(&state.pool, Some(&user.person.id), "context_revoked", &current.header_value()).await;
            login::set_context(&user.session, login.clone(), None).await?;
            login.context = None;
        }
    }
    // With nothing to choose between, the person acts privately.
    if login.context.is_none() && contexts.len() == 1 {
        login::set_context(&user.session, login.clone(), Some(ContextKey::Private)).await?;
        login.context = Some(ContextKey::Private);
    }
    let last = store::last_context(&state.pool, &user.person.id).await?;
    let context = login.context.and_then(|key| contexts.iter().find(|c| c.key() == key).cloned());
    let caseworker = people::is_caseworker(&state.pool, &user.person.id).await?;
    let mut conn = state.pool.acquire().await?;
    let (email, email_confirmed) = people::contact(&mut conn, &user.person.id).await?;
    let email_pending = super::email::pending(&mut conn, &user.person.id, state.clock.at()).await?;
    Ok(Session { person: user.person, context, contexts, last_context: last, caseworker, email, email_confirmed, email_pending })
}

/// Acts as `context` from now on, if the register allows it.
pub async fn choose_context(state: &AppState, user: User, context: ContextKey) -> Result<Session, ApiError> {
    let contexts = contexts_of(state, &user.person.id).await?;
    if !contexts.iter().any(|c| c.key() == context) {
        audit(&state.pool, Some(&user.person.id), "context_refused", &context.header_value()).await;
        return Err(ApiError::forbidden(
            ProblemCode::ContextNotAllowed,
            "The register does not show that you can sign alone for this company.",
        ));
    }
    store::remember_context(&state.pool, &user.person.id, context).await?;
    login::set_context(&user.session, user.login.clone(), Some(context)).await?;
    audit(&state.pool, Some(&user.person.id), "context_changed", &context.header_value()).await;
    let login = Login { context: Some(context), ..user.login };
    session_view(state, User { login, ..user }).await
}

/// Starts a session for whoever the identity provider verifies `assertion` to be.
pub async fn log_in(state: &AppState, session: CookieSession, assertion: &str, provider: &str) -> Result<Session, ApiError> {
    // Only a person the provider does not know is a failed login to audit; a database that is
    // away would refuse the record too, after another wait.
    let verified = match state.identity.verify(assertion).await {
        Err(unknown @ ApiError::Validation(_)) => {
            audit(&state.pool, None, "login_failed", "unknown person").await;
            return Err(unknown);
        }
        verified => verified?,
    };
    start(state, session, verified.id, provider).await
}

/// Starts a session for `person_id`, whom `provider` has verified.
pub async fn start(state: &AppState, session: CookieSession, person_id: String, provider: &str) -> Result<Session, ApiError> {
    let logouts = store::logouts(&state.pool, &person_id).await?;
    let login = login::start_session(&session, person_id.clone(), state.clock.now(), logouts).await?;
    audit(&state.pool, Some(&person_id), "login", provider).await;
    let name = people::name(&state.pool, &person_id).await?.ok_or(ApiError::Unauthenticated)?;
    session_view(state, User { person: PersonRef { id: person_id, name }, login, session }).await
}

/// Ends the session, if there is one, and every other session of the same person: a person who
/// logs out on one device is logged out on all (a forgotten one included).
pub async fn log_out(state: &AppState, session: CookieSession) -> Result<(), ApiError> {
    let login: Option<Login> = session.get(login::SESSION_KEY).await?;
    session.flush().await?;
    if let Some(login) = login {
        store::end_sessions(&state.pool, &login.person_id, state.clock.now()).await?;
        audit(&state.pool, Some(&login.person_id), "logout", "").await;
    }
    Ok(())
}
