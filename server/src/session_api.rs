//! Login, the session, and the acting context ("privat til erhverv").

use crate::auth::{self, audit, User, UserInAnyContext};
use crate::error::{ApiError, ApiJson, ApiResult};
use crate::register::company_contexts;
use crate::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use tilslut_api::{ActingContext, ChooseContextRequest, ContextKey, DemoPerson, DevLoginRequest, Session};
use tower_sessions::Session as CookieSession;

async fn contexts_of(state: &AppState, person_id: &str) -> Result<Vec<ActingContext>, ApiError> {
    let participations = state.register.participations_of_person(person_id).await?;
    let mut contexts = vec![ActingContext::Private];
    contexts.extend(company_contexts(&participations));
    Ok(contexts)
}

async fn last_context(state: &AppState, person_id: &str) -> Result<Option<ContextKey>, ApiError> {
    let stored: Option<(Option<String>,)> = sqlx::query_as("SELECT last_context FROM person_preferences WHERE person_id = ?")
        .bind(person_id)
        .fetch_optional(&state.pool)
        .await?;
    Ok(stored.and_then(|(value,)| value).and_then(|v| ContextKey::from_header_value(&v)))
}

/// Builds the session view. A company context the register no longer allows is dropped here,
/// so every request sees the register's current answer, not the one from login time.
async fn session_view(state: &AppState, user: User) -> Result<Session, ApiError> {
    let contexts = contexts_of(state, &user.person.id).await?;
    let mut login = user.login;
    if let Some(current) = login.context {
        if !contexts.iter().any(|c| c.key() == current) {
            audit(&state.pool, Some(&user.person.id), "context_revoked", &current.header_value()).await;
            auth::set_context(&user.session, login.clone(), None).await?;
            login.context = None;
        }
    }
    // With nothing to choose between, the person acts privately.
    if login.context.is_none() && contexts.len() == 1 {
        auth::set_context(&user.session, login.clone(), Some(ContextKey::Private)).await?;
        login.context = Some(ContextKey::Private);
    }
    let last = last_context(state, &user.person.id).await?;
    let context = login.context.and_then(|key| contexts.iter().find(|c| c.key() == key).cloned());
    Ok(Session { person: user.person, context, contexts, last_context: last })
}

#[utoipa::path(get, path = "/api/session", tag = "session",
    responses((status = 200, body = Session), (status = 401, body = tilslut_api::Problem)))]
pub async fn get_session(State(state): State<AppState>, UserInAnyContext(user): UserInAnyContext) -> ApiResult<Session> {
    session_view(&state, user).await.map(ApiJson)
}

#[utoipa::path(put, path = "/api/session/context", tag = "session", request_body = ChooseContextRequest,
    responses((status = 200, body = Session), (status = 403, body = tilslut_api::Problem)))]
pub async fn choose_context(
    State(state): State<AppState>,
    UserInAnyContext(user): UserInAnyContext,
    ApiJson(request): ApiJson<ChooseContextRequest>,
) -> ApiResult<Session> {
    let contexts = contexts_of(&state, &user.person.id).await?;
    if !contexts.iter().any(|c| c.key() == request.context) {
        audit(&state.pool, Some(&user.person.id), "context_refused", &request.context.header_value()).await;
        return Err(ApiError::forbidden("context_not_allowed", "The register does not show that you can sign alone for this company."));
    }
    let value = request.context.header_value();
    sqlx::query(
        "INSERT INTO person_preferences (person_id, last_context) VALUES (?, ?) \
         ON CONFLICT (person_id) DO UPDATE SET last_context = excluded.last_context",
    )
    .bind(&user.person.id)
    .bind(&value)
    .execute(&state.pool)
    .await?;
    auth::set_context(&user.session, user.login.clone(), Some(request.context)).await?;
    audit(&state.pool, Some(&user.person.id), "context_changed", &value).await;
    let login = auth::Login { context: Some(request.context), ..user.login };
    session_view(&state, User { login, ..user }).await.map(ApiJson)
}

#[utoipa::path(post, path = "/api/logout", tag = "session", responses((status = 204)))]
pub async fn logout(State(state): State<AppState>, session: CookieSession) -> Result<StatusCode, ApiError> {
    let person: Option<auth::Login> = session.get("login").await?;
    session.flush().await?;
    if let Some(login) = person {
        audit(&state.pool, Some(&login.person_id), "logout", "").await;
    }
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(get, path = "/api/dev/persons", tag = "development",
    responses((status = 200, body = Vec<DemoPerson>), (status = 404, body = tilslut_api::Problem)))]
pub async fn dev_persons(State(state): State<AppState>) -> ApiResult<Vec<DemoPerson>> {
    let rows: Vec<(String, String, String)> =
        sqlx::query_as("SELECT id, name, description FROM persons ORDER BY rowid").fetch_all(&state.pool).await?;
    Ok(ApiJson(rows.into_iter().map(|(id, name, description)| DemoPerson { id, name, description }).collect()))
}

#[utoipa::path(post, path = "/api/dev/login", tag = "development", request_body = DevLoginRequest,
    responses((status = 200, body = Session), (status = 422, body = tilslut_api::Problem), (status = 429, body = tilslut_api::Problem)))]
pub async fn dev_login(
    State(state): State<AppState>,
    session: CookieSession,
    ApiJson(request): ApiJson<DevLoginRequest>,
) -> ApiResult<Session> {
    let verified = match state.identity.verify(&request.person_id).await {
        Ok(verified) => verified,
        Err(e) => {
            audit(&state.pool, None, "login_failed", "unknown person").await;
            return Err(e);
        }
    };
    auth::start_session(&session, verified.id.clone(), state.clock.now()).await?;
    audit(&state.pool, Some(&verified.id), "login", "development identity provider").await;
    let login: auth::Login = session.get("login").await?.ok_or(ApiError::Unauthenticated)?;
    let name: (String,) = sqlx::query_as("SELECT name FROM persons WHERE id = ?").bind(&verified.id).fetch_one(&state.pool).await?;
    let user = User { person: tilslut_api::PersonRef { id: verified.id, name: name.0 }, login, session };
    session_view(&state, user).await.map(ApiJson)
}
