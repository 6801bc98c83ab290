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
pub mod store;
pub mod workdays;

use crate::AppState;
use axum::extract::DefaultBodyLimit;
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
}
