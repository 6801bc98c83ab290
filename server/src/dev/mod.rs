//! Development-only endpoints, all in this one router, mounted only with the development login:
//! log in as a demo person, read the outbox, publish terms, decide a case in manual review. All but
//! the list of persons and the login itself need a login, and `main` serves them on loopback only.

use crate::adapters::mail;
use crate::cases;
use crate::http::{answers, ApiError, ApiJson, ApiPath, ApiResult};
use crate::session::{service, store, UserInAnyContext};
use crate::{terms, AppState, Config};
use axum::extract::State;
use axum::response::IntoResponse;
use axum::routing::{get, post};
use axum::Router;
use chrono::Utc;
use governor::clock::QuantaInstant;
use governor::middleware::NoOpMiddleware;
use std::sync::Arc;
use std::time::Duration;
use tilslut_api::{
    paths, Case, DemoPerson, DevLoginRequest, Mail, ManualDecisionRequest, ProblemCode, PublishTermsRequest, Session, Terms,
};
use tower_governor::governor::GovernorConfigBuilder;
use tower_governor::key_extractor::{KeyExtractor, PeerIpKeyExtractor, SmartIpKeyExtractor};
use tower_governor::GovernorLayer;
use tower_sessions::Session as CookieSession;

/// At most `per_minute` logins a minute for each client, told apart by `key`.
fn login_limit<K: KeyExtractor>(per_minute: u32, key: K) -> GovernorLayer<K, NoOpMiddleware<QuantaInstant>> {
    let config = GovernorConfigBuilder::default()
        .key_extractor(key)
        .period(Duration::from_secs(60) / per_minute)
        .burst_size(per_minute)
        .error_handler(|_| ApiError::TooManyRequests.into_response())
        .finish()
        .expect("rate limit settings");
    GovernorLayer { config: Arc::new(config) }
}

pub fn routes(config: &Config) -> Router<AppState> {
    let per_minute = config.login_per_minute.max(1);
    // Behind a proxy every request comes from the proxy's address: each client is then told apart
    // by the address the proxy forwards, or one client would lock everyone out.
    let login = if config.behind_proxy {
        post(login).layer(login_limit(per_minute, SmartIpKeyExtractor))
    } else {
        post(login).layer(login_limit(per_minute, PeerIpKeyExtractor))
    };
    Router::new()
        .route(paths::DEV_PERSONS, get(persons))
        .route(paths::DEV_LOGIN, login)
        .route(paths::DEV_MAILBOX, get(mailbox))
        .route(paths::DEV_PUBLISH_TERMS, post(publish_terms))
        .route(paths::DEV_DECISION, post(manual_decision))
}

#[utoipa::path(get, path = "/api/dev/persons", tag = "development", responses((status = 200, body = Vec<DemoPerson>), answers::ServerError))]
pub async fn persons(State(state): State<AppState>) -> ApiResult<Vec<DemoPerson>> {
    Ok(ApiJson(store::demo_persons(&state.pool).await?))
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

#[utoipa::path(post, path = "/api/dev/operator/terms", tag = "development", request_body = PublishTermsRequest,
    responses((status = 200, body = Terms), answers::BadRequest, answers::Unauthenticated, answers::Forbidden, answers::Conflict, answers::TooLarge, answers::ServerError))]
pub async fn publish_terms(
    State(state): State<AppState>,
    _logged_in: UserInAnyContext,
    ApiJson(request): ApiJson<PublishTermsRequest>,
) -> ApiResult<Terms> {
    let terms = Terms { version: request.version, title: request.title, body: request.body, effective_from: Utc::now().date_naive() };
    if !terms::store::publish(&state.pool, &terms).await? {
        return Err(ApiError::conflict(ProblemCode::TermsVersionExists, "That version of the terms is already published."));
    }
    Ok(ApiJson(terms))
}

#[utoipa::path(post, path = "/api/dev/operator/cases/{id}/decision", tag = "development", params(("id" = String, Path)),
    request_body = ManualDecisionRequest,
    responses((status = 200, body = Case), answers::CaseChangeRefused))]
pub async fn manual_decision(
    State(state): State<AppState>,
    _logged_in: UserInAnyContext,
    ApiPath(id): ApiPath<String>,
    ApiJson(request): ApiJson<ManualDecisionRequest>,
) -> ApiResult<Case> {
    let rejection = (!request.approve).then(|| request.reason.unwrap_or_default());
    cases::service::decide_manually(&state, &id, rejection).await.map(ApiJson)
}
