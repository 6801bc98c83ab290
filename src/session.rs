//! Who is logged in and in which context, shared by every part of the page.

use crate::api::{ApiClient, ApiError};
use crate::i18n::*;
use leptos::prelude::*;
use tilslut_api::{ActingContext, Session};

#[derive(Clone, Debug, PartialEq)]
pub enum SessionState {
    Loading,
    Anonymous,
    LoggedIn(Session),
    /// The backend could not be asked; the page says so and offers to retry.
    Unavailable(ApiError),
}

/// The shared session, its API client, and the polite live region's text.
#[derive(Clone)]
pub struct SessionHandle {
    pub client: ApiClient,
    pub state: RwSignal<SessionState>,
    pub announcement: RwSignal<String>,
}

impl SessionHandle {
    pub fn session(&self) -> Option<Session> {
        match self.state.get() {
            SessionState::LoggedIn(session) => Some(session),
            _ => None,
        }
    }

    pub fn context(&self) -> Option<ActingContext> {
        self.session().and_then(|s| s.context)
    }

    pub fn set_session(&self, session: Option<Session>) {
        self.state.set(session.map_or(SessionState::Anonymous, SessionState::LoggedIn));
    }

    /// Asks the server again. Returns the new session's context when it differs from the one
    /// this page showed, so the caller can tell the user.
    pub async fn refresh(&self) -> Option<ActingContext> {
        let before = self.state.get_untracked();
        match self.client.session().await {
            Ok(session) => {
                let changed = match (&before, &session) {
                    (SessionState::LoggedIn(old), Some(new)) if old.context != new.context => new.context.clone(),
                    _ => None,
                };
                self.set_session(session);
                changed
            }
            Err(e) => {
                // For the developer embedding the components: the likely causes, in the console.
                leptos::logging::error!(
                    "tilslut: the API at {} could not be asked ({e:?}). Is the address right, and does the backend allow this page's origin (TILSLUT_ALLOWED_ORIGINS)?",
                    self.client.url("/api/session")
                );
                self.state.set(SessionState::Unavailable(e));
                None
            }
        }
    }
}

/// Creates the session handle, loads the session, and provides both to the component tree.
pub fn provide_session(client: ApiClient) -> SessionHandle {
    let handle = SessionHandle { client, state: RwSignal::new(SessionState::Loading), announcement: RwSignal::new(String::new()) };
    provide_context(handle.clone());
    let loader = handle.clone();
    leptos::task::spawn_local(async move {
        loader.refresh().await;
    });
    handle
}

pub fn use_session() -> SessionHandle {
    expect_context::<SessionHandle>()
}

/// "Privat" or "Navn ApS (CVR 12345678)": how a context is named everywhere.
pub fn context_label(context: &ActingContext, locale: Locale) -> String {
    match context {
        ActingContext::Private => td_string!(locale, private).to_string(),
        ActingContext::Company { name, cvr, .. } => format!("{name} (CVR {cvr})"),
    }
}

/// A failed call, in words for the user.
pub fn describe_error(error: &ApiError, locale: Locale) -> String {
    match error.code() {
        "network" => td_string!(locale, errors.network).to_string(),
        "unauthenticated" => td_string!(locale, errors.unauthenticated).to_string(),
        "context_not_allowed" => td_string!(locale, errors.context_not_allowed).to_string(),
        "rate_limited" => td_string!(locale, errors.rate_limited).to_string(),
        "not_found" => td_string!(locale, errors.not_found).to_string(),
        "not_allowed" | "not_representative" => td_string!(locale, errors.not_allowed).to_string(),
        "stale_version" => td_string!(locale, errors.stale_version).to_string(),
        "context_changed" => td_string!(locale, errors.context_changed).to_string(),
        _ => {
            let detail = match error {
                ApiError::Problem(problem) => problem.detail.clone().unwrap_or_else(|| problem.title.clone()),
                ApiError::Network(text) | ApiError::Unexpected(text) => text.clone(),
            };
            td_string!(locale, errors.unknown, detail = detail).to_string()
        }
    }
}
