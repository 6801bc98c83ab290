//! Development-only endpoints, all in this one router, mounted only with the development login:
//! log in as a demo person, read the outbox, put new terms in force at once. All but
//! the list of persons and the login itself need a login, and `main` serves them on loopback only.

use crate::adapters::mail;
use crate::http::{answers, ApiJson, ApiResult};
use crate::session::{login_rate_limited, service, UserInAnyContext};
use crate::{terms, AppState, Config};
use axum::extract::State;
use axum::routing::{get, post};
use axum::Router;
use tilslut_api::{paths, DemoPerson, DevLoginRequest, DevTermsRequest, Mail, Session, Terms};
use tower_sessions::Session as CookieSession;

pub fn routes(config: &Config) -> Router<AppState> {
    Router::new()
        .route(paths::DEV_PERSONS, get(persons))
        .route(paths::DEV_LOGIN, login_rate_limited(config, post(login)))
        .route(paths::DEV_MAILBOX, get(mailbox))
        .route(paths::DEV_TERMS, post(terms_at_once))
}

#[utoipa::path(get, path = "/api/dev/persons", tag = "development", responses((status = 200, body = Vec<DemoPerson>), answers::ServerError))]
pub async fn persons(State(state): State<AppState>) -> ApiResult<Vec<DemoPerson>> {
    let everyone = state.register.persons().everyone().await?;
    Ok(ApiJson(
        everyone.into_iter().map(|person| DemoPerson { id: person.id, name: person.name, description: person.description }).collect(),
    ))
}

#[utoipa::path(post, path = "/api/dev/login", tag = "development", request_body = DevLoginRequest,
    responses((status = 200, body = Session), answers::BadRequest, answers::Forbidden, answers::TooLarge, answers::Unprocessable, answers::TooManyRequests, answers::ServerError))]
pub async fn login(
    State(state): State<AppState>,
    session: CookieSession,
    ApiJson(request): ApiJson<DevLoginRequest>,
) -> ApiResult<Session> {
    service::log_in(&state, session, &request.person_id, "development identity provider").await.map(ApiJson)
}

#[utoipa::path(get, path = "/api/dev/mailbox", tag = "development",
    responses((status = 200, body = Vec<Mail>), answers::Unauthenticated, answers::ServerError))]
pub async fn mailbox(State(state): State<AppState>, _logged_in: UserInAnyContext) -> ApiResult<Vec<Mail>> {
    Ok(ApiJson(mail::outbox(&state.pool).await?))
}

#[utoipa::path(post, path = "/api/dev/terms", tag = "development", request_body = DevTermsRequest,
    responses((status = 200, body = Terms), answers::BadRequest, answers::Unauthenticated, answers::Forbidden, answers::Conflict, answers::TooLarge, answers::ServerError))]
pub async fn terms_at_once(
    State(state): State<AppState>,
    _logged_in: UserInAnyContext,
    ApiJson(request): ApiJson<DevTermsRequest>,
) -> ApiResult<Terms> {
    let effective_from = state.clock.at().date_naive();
    let terms = Terms { version: request.version, title: request.title, body: request.body, effective_from };
    terms::publish(&mut *state.pool.acquire().await?, &terms).await?;
    Ok(ApiJson(terms))
}
