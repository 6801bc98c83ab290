//! Onboarding cases: creating, preparing, approving, rejecting, withdrawing, and documentation
//! for manual review. Every rule is the server's, whatever the browser did.
//!
//! `handlers` extract and answer, `service` owns each action's transaction, `rules` decide who may
//! do what, `store` holds the SQL, `mails` the e-mails' texts, `documents` the uploads.

pub mod documents;
pub mod handlers;
pub mod mails;
pub mod rules;
pub mod service;
pub mod signing;
pub mod store;
pub mod workdays;

use crate::http::{ApiError, ApiJson, ApiPath};
use crate::session::User;
use crate::AppState;
use axum::extract::{DefaultBodyLimit, FromRequest, FromRequestParts, Request};
use axum::routing::{get, post, put};
use axum::Router;
use tilslut_api::paths::{self, CaseAction};

pub fn routes() -> Router<AppState> {
    let action = |action| paths::case("{id}", Some(action));
    let uploads = DefaultBodyLimit::max(tilslut_api::MAX_DOCUMENT_BYTES + 64 * 1024);
    Router::new()
        .route(paths::CASES, get(handlers::list_cases).post(handlers::create_case))
        .route(&paths::case("{id}", None), get(handlers::get_case))
        .route(&action(CaseAction::Administrators), put(handlers::update_administrators))
        .route(&action(CaseAction::Approver), put(handlers::choose_approver))
        .route(&action(CaseAction::Terms), post(handlers::accept_terms))
        .route(&action(CaseAction::Submit), post(handlers::submit))
        .route(&action(CaseAction::Approve), post(handlers::approve))
        .route(&action(CaseAction::Reject), post(handlers::reject))
        .route(&action(CaseAction::Withdraw), post(handlers::withdraw))
        .route(&action(CaseAction::Documents), post(handlers::upload_document).layer(uploads))
        .route(&action(CaseAction::SigningText), get(handlers::signing_text))
        .route(&action(CaseAction::SetupLink), post(handlers::renew_setup_link))
}

/// A change to case `{id}` by the person logged in, with its JSON body: what each case action's
/// handler takes. Refusals come in the order a person can mend them: not logged in, then the
/// address, then the body.
pub struct CaseChange<T> {
    pub state: AppState,
    pub user: User,
    pub id: String,
    pub body: T,
}

impl<T: serde::de::DeserializeOwned> FromRequest<AppState> for CaseChange<T> {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &AppState) -> Result<Self, ApiError> {
        let (mut parts, body) = request.into_parts();
        let user = User::from_request_parts(&mut parts, state).await?;
        let ApiPath(id) = ApiPath::<String>::from_request_parts(&mut parts, state).await?;
        let ApiJson(body) = ApiJson::<T>::from_request(Request::from_parts(parts, body), state).await?;
        Ok(CaseChange { state: state.clone(), user, id, body })
    }
}
