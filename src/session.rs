//! Who is logged in and in which context, shared by every part of the page. Inside
//! [`crate::Tilslut`], a host's own component can read it too:
//!
//! ```no_run
//! use leptos::prelude::*;
//! use tilslut::session::{context_label, use_session};
//!
//! #[component]
//! fn ActingAs() -> impl IntoView {
//!     let session = use_session();
//!     move || session.context().map(|context| context_label(&context, tilslut::i18n::Locale::da))
//! }
//! ```

use crate::api::{ApiClient, ApiError};
use crate::i18n::*;
use leptos::prelude::*;
use tilslut_api::{ActingContext, ProblemCode, Session};

/// Where the session stands.
///
/// ```no_run
/// use leptos::prelude::*;
/// use tilslut::session::{use_session, SessionState};
///
/// #[component]
/// fn LoginHint() -> impl IntoView {
///     let state = use_session().state;
///     move || matches!(state.get(), SessionState::Anonymous).then_some("Log ind for at fortsætte.")
/// }
/// ```
#[derive(Clone, Debug, PartialEq)]
pub enum SessionState {
    /// Asked, no answer yet.
    Loading,
    /// Nobody is logged in.
    Anonymous,
    /// A person is logged in; the session says who, in which context, and which they may choose.
    LoggedIn(Session),
    /// The backend could not be asked; the page says so and offers to retry.
    Unavailable(ApiError),
}

/// The shared session, its API client, and the polite live region's text. Get it with
/// [`use_session`]; [`provide_session`] (or [`crate::Tilslut`]) makes it. A test can provide one
/// in a state of its choosing, with no backend:
///
/// ```no_run
/// use leptos::prelude::*;
/// use tilslut::api::ApiClient;
/// use tilslut::session::{SessionHandle, SessionState};
///
/// provide_context(SessionHandle {
///     client: ApiClient::new("http://127.0.0.1:9"),
///     state: RwSignal::new(SessionState::Anonymous),
///     announcement: RwSignal::new(String::new()),
/// });
/// ```
#[derive(Clone)]
pub struct SessionHandle {
    /// The API the session came from, and which the components call.
    pub client: ApiClient,
    /// The session as the server last said it.
    pub state: RwSignal<SessionState>,
    /// What the page's polite live region says (the app's shell shows it; a host may too).
    pub announcement: RwSignal<String>,
}

impl SessionHandle {
    /// The logged-in session, or `None`; tracked, so a view re-renders when it changes.
    ///
    /// ```no_run
    /// # use leptos::prelude::*;
    /// let session = tilslut::session::use_session();
    /// let name = move || session.session().map(|s| s.person.name);
    /// ```
    pub fn session(&self) -> Option<Session> {
        match self.state.get() {
            SessionState::LoggedIn(session) => Some(session),
            _ => None,
        }
    }

    /// The context the person acts in now, or `None` before they have chosen; tracked.
    ///
    /// ```no_run
    /// # use leptos::prelude::*;
    /// use tilslut_api::ActingContext;
    ///
    /// let session = tilslut::session::use_session();
    /// let for_a_company = move || matches!(session.context(), Some(ActingContext::Company { .. }));
    /// ```
    pub fn context(&self) -> Option<ActingContext> {
        self.session().and_then(|s| s.context)
    }

    /// Replaces the session with one the server returned (`None`: logged out).
    ///
    /// ```no_run
    /// tilslut::session::use_session().set_session(None);
    /// ```
    pub fn set_session(&self, session: Option<Session>) {
        self.state.set(session.map_or(SessionState::Anonymous, SessionState::LoggedIn));
    }

    /// Asks the server again. Returns the new session's context when it differs from the one
    /// this page showed, so the caller can tell the user.
    ///
    /// ```no_run
    /// let session = tilslut::session::use_session();
    /// leptos::task::spawn_local(async move {
    ///     if let Some(context) = session.refresh().await {
    ///         leptos::logging::log!("switched in another tab to {context:?}");
    ///     }
    /// });
    /// ```
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
                    self.client.url(tilslut_api::paths::SESSION)
                );
                self.state.set(SessionState::Unavailable(e));
                None
            }
        }
    }
}

/// Creates the session handle, loads the session, and provides both to the component tree.
/// [`crate::Tilslut`] calls it; call it yourself only to provide translations your own way.
///
/// ```no_run
/// use leptos::prelude::*;
/// use tilslut::api::ApiClient;
/// use tilslut::i18n::{I18nSubContextProvider, Locale};
/// use tilslut::session::provide_session;
/// use tilslut::ContextSwitcher;
///
/// view! {
///     <I18nSubContextProvider initial_locale=Signal::stored(Locale::da)>
///         {provide_session(ApiClient::new("")); view! { <ContextSwitcher /> }}
///     </I18nSubContextProvider>
/// };
/// ```
pub fn provide_session(client: ApiClient) -> SessionHandle {
    let handle = SessionHandle { client, state: RwSignal::new(SessionState::Loading), announcement: RwSignal::new(String::new()) };
    provide_context(handle.clone());
    let loader = handle.clone();
    leptos::task::spawn_local(async move {
        loader.refresh().await;
    });
    handle
}

/// The session of the nearest [`crate::Tilslut`] (or [`provide_session`]); panics outside one.
///
/// ```no_run
/// let logged_in = tilslut::session::use_session().session().is_some();
/// ```
pub fn use_session() -> SessionHandle {
    expect_context::<SessionHandle>()
}

/// "Privat" or "Navn ApS (CVR 12345678)": how a context is named everywhere.
///
/// ```no_run
/// use tilslut::i18n::Locale;
/// use tilslut::session::context_label;
/// use tilslut_api::ActingContext;
///
/// assert_eq!(context_label(&ActingContext::Private, Locale::en), "Private");
/// ```
pub fn context_label(context: &ActingContext, locale: Locale) -> String {
    match context {
        ActingContext::Private => td_string!(locale, private).to_string(),
        ActingContext::Company { name, cvr, .. } => format!("{name} (CVR {cvr})"),
    }
}

/// A failed call, in words for the user: what the components show, for a host that shows it
/// elsewhere too.
///
/// ```no_run
/// use tilslut::api::ApiError;
/// use tilslut::i18n::Locale;
/// use tilslut::session::describe_error;
///
/// let words = describe_error(&ApiError::Network("HTTP 502".into()), Locale::da);
/// assert!(words.starts_with("Vi kan ikke få forbindelse"));
/// ```
pub fn describe_error(error: &ApiError, locale: Locale) -> String {
    let text = match error {
        ApiError::Network(_) => td_string!(locale, errors.network),
        ApiError::Problem(problem) => match problem.code {
            ProblemCode::Unauthenticated => td_string!(locale, errors.unauthenticated),
            ProblemCode::ContextNotAllowed => td_string!(locale, errors.context_not_allowed),
            ProblemCode::RateLimited => td_string!(locale, errors.rate_limited),
            ProblemCode::NotFound => td_string!(locale, errors.not_found),
            ProblemCode::NotAllowed | ProblemCode::NotRepresentative => td_string!(locale, errors.not_allowed),
            ProblemCode::StaleVersion => td_string!(locale, errors.stale_version),
            ProblemCode::ContextChanged => td_string!(locale, errors.context_changed),
            ProblemCode::WrongContext => td_string!(locale, errors.wrong_context),
            ProblemCode::NotApprover => td_string!(locale, errors.not_approver),
            ProblemCode::CompanyCeased => td_string!(locale, errors.company_ceased),
            ProblemCode::TooManyCases => td_string!(locale, errors.too_many_cases),
            ProblemCode::TooManyDocuments => td_string!(locale, errors.too_many_documents),
            ProblemCode::Unavailable => td_string!(locale, errors.unavailable),
            ProblemCode::SetupLinkUsed => td_string!(locale, setup.used),
            ProblemCode::SetupLinkExpired => td_string!(locale, setup.expired),
            ProblemCode::TermsVersionExists => td_string!(locale, errors.terms_version_exists),
            ProblemCode::RegisterShowsRepresentatives => td_string!(locale, errors.register_shows_representatives),
            ProblemCode::OwnCase => td_string!(locale, errors.own_case),
            _ => {
                let detail = problem.detail.clone().unwrap_or_else(|| problem.title.clone());
                return td_string!(locale, errors.unknown, detail = detail).to_string();
            }
        },
        ApiError::Unexpected(text) => return td_string!(locale, errors.unknown, detail = text.clone()).to_string(),
    };
    text.to_string()
}
