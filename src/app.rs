//! The single-page app: the shell (header, footer, live region, page title) and its routes.

use crate::api::ApiClient;
use crate::components::context_switcher::ContextSwitcher;
use crate::i18n::*;
use crate::navigation::{JourneyPage, Navigation, ACCESSIBILITY};
use crate::pages::{AccessibilityStatement, FollowUpPages, Home, Journeys};
use crate::session::{context_label, provide_session, use_session, SessionState};
use crate::title::PageTitle;
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes, A};
use leptos_router::hooks::use_navigate;
use leptos_router::{path, StaticSegment, WildcardSegment};
use tilslut_api::pages::{REVIEW_SECTION, SETUP_SECTION};

/// Provides what the components need — translations, the API client and the session — for a
/// host application that embeds them without the rest of the app.
///
/// `api_base` is empty for a backend on the same origin. `language` fixes the language; without
/// it the components speak Danish until the person picks English, and remember that choice.
///
/// ```no_run
/// use leptos::prelude::*;
/// use tilslut::i18n::Locale;
/// use tilslut::{ContextSwitcher, Preparation, Tilslut};
///
/// #[component]
/// fn EnglishPortal() -> impl IntoView {
///     // One session for both: the preparation is made in the context the switcher shows.
///     view! {
///         <Tilslut api_base="https://tilslut.example.dk" language=Locale::en>
///             <ContextSwitcher />
///             <Preparation />
///         </Tilslut>
///     }
/// }
/// ```
#[component]
pub fn Tilslut(
    /// The backend's address; empty (the default) for the page's own origin.
    #[prop(optional, into)]
    api_base: String,
    /// The language of every component inside; without it Danish, with the person's choice kept.
    #[prop(optional)]
    language: Option<Locale>,
    /// The components that share this provider's session.
    children: Children,
) -> impl IntoView {
    let initial = language.unwrap_or_else(stored_language);
    view! {
        <I18nSubContextProvider initial_locale=Signal::stored(initial)>
            {
                if language.is_none() {
                    remember_language();
                }
                provide_session(ApiClient::new(api_base));
                children()
            }
        </I18nSubContextProvider>
    }
}

const LANGUAGE_KEY: &str = "tilslut-language";

fn language_storage() -> Option<web_sys::Storage> {
    // Pre-rendering at build time has no browser: Danish, as for a first visit.
    if cfg!(feature = "ssr") {
        return None;
    }
    window().local_storage().ok().flatten()
}

/// Danish first, whatever the browser prefers; English once the person has chosen it.
fn stored_language() -> Locale {
    let stored = language_storage().and_then(|s| s.get_item(LANGUAGE_KEY).ok().flatten());
    if stored.as_deref() == Some("en") {
        Locale::en
    } else {
        Locale::da
    }
}

/// Keeps the person's choice of language over reloads, and `<html lang>` in step with it.
fn remember_language() {
    let i18n = use_i18n();
    Effect::new(move |_| {
        let locale = i18n.get_locale();
        if let Some(storage) = language_storage() {
            let _ = storage.set_item(LANGUAGE_KEY, locale.as_str());
        }
        let _ = document().document_element().map(|html| html.set_attribute("lang", locale.as_str()));
    });
}

/// The element that holds a page's first view pre-rendered at build time (`src/bin/prerender.rs`),
/// which [`mount_app`] replaces with the live app:
///
/// ```html
/// <body>
///     <div id="tilslut-prerendered"><!-- the first view, as HTML --></div>
/// </body>
/// ```
pub const PRERENDERED_ID: &str = "tilslut-prerendered";

/// Starts the app in the page's body, in place of the pre-rendered first view if there is one.
/// Both happen in one task, so the browser never paints the page without either.
///
/// ```no_run
/// console_error_panic_hook::set_once();
/// tilslut::mount_app();
/// ```
pub fn mount_app() {
    if let Some(prerendered) = document().get_element_by_id(PRERENDERED_ID) {
        prerendered.remove();
    }
    leptos::mount::mount_to_body(App);
}

/// The whole app: shell, router and every page, on the backend at the page's own origin. A page
/// that has no pre-rendered view can mount it directly:
///
/// ```no_run
/// leptos::mount::mount_to_body(tilslut::App);
/// ```
#[component]
pub fn App() -> impl IntoView {
    view! {
        <Tilslut>
            <Router>
                <Shell />
            </Router>
        </Tilslut>
    }
}

#[component]
fn Shell() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let page_title = PageTitle(RwSignal::new(String::new()));
    provide_context(page_title);
    provide_context(Navigation::from_router());

    // The title names the page and the context, so a tab in the task bar says whom it acts for.
    let title_session = session.clone();
    Effect::new(move |_| {
        let context = title_session.context().map(|c| context_label(&c, i18n.get_locale()));
        let parts: Vec<String> = [Some(page_title.0.get()), context, Some(td_string!(i18n.get_locale(), product).to_string())]
            .into_iter()
            .flatten()
            .filter(|part| !part.is_empty())
            .collect();
        document().set_title(&parts.join(" – "));
    });

    // Coming back to this tab, look again: another tab may have switched context or logged out.
    // Listening starts in an effect, which runs in the browser only, not in the pre-render.
    let focus_session = session.clone();
    Effect::new(move |_| {
        let focus_session = focus_session.clone();
        leptos::prelude::window_event_listener(leptos::ev::visibilitychange, move |_| {
            if document().visibility_state() == web_sys::VisibilityState::Visible {
                let session = focus_session.clone();
                leptos::task::spawn_local(async move {
                    if let Some(now) = session.refresh().await {
                        let label = context_label(&now, i18n.get_locale_untracked());
                        session
                            .announcement
                            .set(td_string!(i18n.get_locale_untracked(), context_changed_elsewhere, context = label).to_string());
                    }
                });
            }
        });
    });

    let announcement = session.announcement;
    let menu_open = RwSignal::new(false);
    view! {
        <a class="skipnav" href="#main-content">{text!(i18n, skip_to_content)}</a>
        <header class="header tilslut-header">
            <div class="container tilslut-header-bar">
                <A href="/" attr:class="tilslut-product">{text!(i18n, product)}</A>
                <CompactContext />
                // On small screens the language, the person and the context fold into a menu.
                <button type="button" class="button button-secondary tilslut-menu-toggle"
                    aria-expanded=move || menu_open.get().to_string() aria-controls="tilslut-header-menu"
                    on:click=move |_| menu_open.update(|open| *open = !*open)>
                    {text!(i18n, menu)}
                </button>
                <div class="tilslut-header-right" id="tilslut-header-menu" class:is-open=move || menu_open.get()>
                    <LanguageSwitch />
                    <Account />
                </div>
            </div>
        </header>
        <div class="tilslut-visually-hidden" aria-live="polite" aria-atomic="true" data-testid="announcer">
            {move || announcement.get()}
        </div>
        <main id="main-content" class="container page-container tilslut-main" tabindex="-1">
            // The journeys' pages have one table of their own (`JourneyPage`), shared with the
            // embedded components, which keep their address in memory.
            <Routes fallback=Journeys>
                <Route path=path!("/") view=Home />
                <Route path=StaticSegment(ACCESSIBILITY) view=AccessibilityStatement />
                <Route path=(StaticSegment(SETUP_SECTION), WildcardSegment("token")) view=FollowUpPages />
                <Route path=StaticSegment(REVIEW_SECTION) view=FollowUpPages />
                <Route path=(StaticSegment(REVIEW_SECTION), WildcardSegment("page")) view=FollowUpPages />
            </Routes>
        </main>
        <footer class="footer tilslut-footer">
            <div class="container">
                <ul class="footer-links">
                    <li><A href=ACCESSIBILITY>{text!(i18n, footer_accessibility)}</A></li>
                    <li><a href=tilslut_api::paths::OPENAPI>{text!(i18n, footer_api)}</a></li>
                </ul>
            </div>
        </footer>
    }
}

#[component]
fn LanguageSwitch() -> impl IntoView {
    let i18n = use_i18n();
    let switch = move |_| {
        let next = match i18n.get_locale_untracked() {
            Locale::da => Locale::en,
            Locale::en => Locale::da,
        };
        i18n.set_locale(next);
    };
    let other_lang = move || match i18n.get_locale() {
        Locale::da => "en",
        Locale::en => "da",
    };
    view! {
        <button type="button" class="button button-unstyled tilslut-language" lang=other_lang on:click=switch
            aria-label=move || td_string!(i18n.get_locale(), language_switch_label).to_string()>
            {text!(i18n, language_switch)}
        </button>
    }
}

/// The top right: not logged in, or the person, their context and "Log af".
#[component]
fn Account() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let navigate = use_navigate();
    let logout = {
        let session = session.clone();
        move |_| {
            let session = session.clone();
            let navigate = navigate.clone();
            leptos::task::spawn_local(async move {
                // Logged out here whatever the network says: the cookie is the server's to forget.
                let provider_logout = session.client.logout().await.ok().and_then(|out| out.provider_logout);
                session.set_session(None);
                match provider_logout {
                    // And at the identity provider, which sends the browser back to the start page.
                    Some(at_provider) => {
                        let _ = window().location().assign(&at_provider);
                    }
                    None => navigate("/", Default::default()),
                }
            });
        }
    };
    // Only a change of person re-renders the area: a switch of context must keep the switcher
    // (and the focus on its button) in place.
    let state = session.state;
    let person = Memo::new(move |_| match state.get() {
        SessionState::Loading => AccountShown::Loading,
        SessionState::Anonymous | SessionState::Unavailable(_) => AccountShown::Anonymous,
        SessionState::LoggedIn(current) => AccountShown::Person(current.person.name),
    });
    view! {
        <div class="tilslut-account" data-testid="account">
            {move || match person.get() {
                AccountShown::Loading => view! { <span>{text!(i18n, loading)}</span> }.into_any(),
                AccountShown::Anonymous => view! {
                    <span class="tilslut-not-logged-in">{text!(i18n, not_logged_in)}</span>
                    <A href=JourneyPage::Login.path() attr:class="button button-secondary">{text!(i18n, log_in)}</A>
                }
                .into_any(),
                AccountShown::Person(name) => {
                    let logout = logout.clone();
                    view! {
                        <span class="tilslut-person" data-testid="person-name">{name}</span>
                        <ContextSwitcher />
                        <button type="button" class="button button-secondary" on:click=logout>{text!(i18n, log_out)}</button>
                    }
                    .into_any()
                }
            }}
        </div>
    }
}

/// Below the header's breakpoint the menu folds the switcher away; who the person acts as stays in
/// view beside it (seed 003: the company's name and CVR number always visible).
#[component]
fn CompactContext() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let label = Memo::new(move |_| session.session().and_then(|s| s.context).map(|context| context_label(&context, i18n.get_locale())));
    move || {
        label.get().map(|label| {
            view! {
                <p class="tilslut-context-compact" data-testid="context-compact">
                    <span class="tilslut-visually-hidden">{text!(i18n, home_acting_as)} " "</span>
                    {label}
                </p>
            }
        })
    }
}

#[derive(Clone, PartialEq)]
enum AccountShown {
    Loading,
    Anonymous,
    Person(String),
}
