//! The journeys as embedded components, in headless Chromium (`make test-components`): their
//! address in memory, and the callbacks a host hears. No backend: a journey walked to its end
//! against the real one is in e2e/embedding.test.mjs.
#![cfg(target_arch = "wasm32")]

mod support;

use leptos::prelude::*;
use support::until;
use tilslut::api::{ApiClient, ApiError};
use tilslut::i18n::{I18nSubContextProvider, Locale};
use tilslut::session::{SessionHandle, SessionState};
use tilslut::{Approval, Onboarding, Preparation};
use tilslut_api::{ActingContext, PersonRef, Session};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::HtmlElement;

wasm_bindgen_test_configure!(run_in_browser);

/// Mounts `component` in a fresh element with a session in `state`, in Danish, and an API client
/// for an address where nothing listens.
fn mount<V: IntoView + 'static>(state: SessionState, component: impl FnOnce() -> V + Send + 'static) -> HtmlElement {
    let host: HtmlElement = document().create_element("div").unwrap().unchecked_into();
    document().body().unwrap().append_child(&host).unwrap();
    let handle = leptos::mount::mount_to(host.clone(), move || {
        view! {
            <I18nSubContextProvider initial_locale=Signal::stored(Locale::da)>
                {
                    provide_context(SessionHandle {
                        client: ApiClient::new("http://127.0.0.1:9"),
                        state: RwSignal::new(state),
                        announcement: RwSignal::new(String::new()),
                    });
                    component()
                }
            </I18nSubContextProvider>
        }
    });
    handle.forget();
    host
}

fn text_of(host: &HtmlElement, selector: &str) -> Option<String> {
    host.query_selector(selector).unwrap().and_then(|found| found.text_content())
}

#[wasm_bindgen_test]
async fn the_onboarding_moves_in_its_own_address_and_leaves_the_page_alone() {
    let page_before = window().location().href().unwrap();
    let host = mount(SessionState::Anonymous, || view! { <Onboarding /> });
    until(|| text_of(&host, "a.button").is_some()).await;
    let login: HtmlElement = host.query_selector("a.button").unwrap().unwrap().unchecked_into();
    assert_eq!(login.text_content().unwrap(), "Log ind");

    login.click();
    until(|| text_of(&host, "h1").as_deref() == Some("Log ind med MitID")).await;
    assert_eq!(window().location().href().unwrap(), page_before, "the host's address is untouched");
}

#[wasm_bindgen_test]
async fn the_approval_tells_the_host_of_the_error_it_shows() {
    let session = Session {
        person: PersonRef { id: "p".into(), name: "Karen Hansen".into() },
        context: Some(ActingContext::Private),
        contexts: vec![ActingContext::Private],
        last_context: None,
        caseworker: false,
        email: "lars@example.dk".into(),
        email_confirmed: true,
        email_pending: None,
    };
    let heard = RwSignal::new(Vec::<ApiError>::new());
    let host = mount(SessionState::LoggedIn(session), move || {
        view! { <Approval case_id="c-1" on_error=move |error| heard.update(|all| all.push(error)) /> }
    });
    until(|| text_of(&host, "[data-testid=problem]").is_some()).await;
    let shown = text_of(&host, "[data-testid=problem]").unwrap();
    assert_eq!(heard.get_untracked().len(), 1, "one error shown, one heard");
    assert!(!shown.is_empty());
}

#[wasm_bindgen_test]
async fn a_journey_is_a_region_named_by_the_hosts_label_or_else_the_default() {
    let by_default = mount(SessionState::Anonymous, || view! { <Preparation /> });
    let by_host = mount(SessionState::Anonymous, || view! { <Onboarding label="Tilslut jeres forening" /> });
    let name_of =
        |host: &HtmlElement| host.query_selector("section.tilslut-embedded").unwrap().and_then(|region| region.get_attribute("aria-label"));
    until(|| name_of(&by_default).is_some() && name_of(&by_host).is_some()).await;
    assert_eq!(name_of(&by_default).as_deref(), Some("Forbered tilslutning til MitID Erhverv"));
    assert_eq!(name_of(&by_host).as_deref(), Some("Tilslut jeres forening"));
}
