//! Component tests of the context switcher in headless Chromium:
//! `cargo test --target wasm32-unknown-unknown -p tilslut` (or `make test-components`).
//!
//! The switcher is mounted with a session already in place, as the shell gives it one; no test
//! here needs the backend, because none of them switches (the end-to-end tests do).
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use tilslut::api::ApiClient;
use tilslut::i18n::{I18nSubContextProvider, Locale};
use tilslut::session::{SessionHandle, SessionState};
use tilslut::ContextSwitcher;
use tilslut_api::{ActingContext, CompanyForm, Cvr, PersonRef, Session};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{HtmlElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

/// A valid CVR number for the n-th test company.
fn cvr(n: u32) -> Cvr {
    (3_000_000 + 10 * n..).find_map(Cvr::with_check_digit).unwrap()
}

fn company(n: u32, name: &str) -> ActingContext {
    ActingContext::Company { cvr: cvr(n), name: name.to_string(), form: CompanyForm::Anpartsselskab }
}

fn session(contexts: Vec<ActingContext>, current: ActingContext) -> Session {
    Session {
        person: PersonRef { id: "test".into(), name: "Test Testesen".into() },
        context: Some(current),
        contexts,
        last_context: None,
        caseworker: false,
        email: "lars@example.dk".into(),
        email_confirmed: true,
        email_pending: None,
    }
}

/// Mounts the switcher in a fresh element and returns that element.
fn mount(session: Session) -> HtmlElement {
    mount_labelled(session, None)
}

/// As `mount`, with the host's `label` for the button.
fn mount_labelled(session: Session, label: Option<&'static str>) -> HtmlElement {
    let host: HtmlElement = document().create_element("div").unwrap().unchecked_into();
    document().body().unwrap().append_child(&host).unwrap();
    let root = host.clone();
    let handle = leptos::mount::mount_to(root, move || {
        view! {
            // Danish, the app's default, whatever language the test browser has.
            <I18nSubContextProvider initial_locale=Signal::stored(Locale::da)>
                {
                    provide_context(SessionHandle {
                        // Nothing listens here: a call would fail, which no test below makes.
                        client: ApiClient::new("http://127.0.0.1:9"),
                        state: RwSignal::new(SessionState::LoggedIn(session.clone())),
                        announcement: RwSignal::new(String::new()),
                    });
                    view! { <ContextSwitcher label=label.map(String::from) /> }
                }
            </I18nSubContextProvider>
        }
    });
    handle.forget();
    host
}

fn find(host: &HtmlElement, selector: &str) -> Option<HtmlElement> {
    host.query_selector(selector).unwrap().map(|e| e.unchecked_into())
}

fn items(host: &HtmlElement) -> Vec<String> {
    let nodes = host.query_selector_all("button[data-context]").unwrap();
    (0..nodes.length()).map(|i| nodes.item(i).unwrap().text_content().unwrap_or_default()).collect()
}

fn key(target: &HtmlElement, key: &str) {
    let init = web_sys::KeyboardEventInit::new();
    init.set_key(key);
    init.set_bubbles(true);
    let event = web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    target.dispatch_event(&event).unwrap();
}

fn many_companies() -> Vec<ActingContext> {
    let names = ["Alfa", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot", "Golf", "Hotel", "India", "Juliett"];
    std::iter::once(ActingContext::Private)
        .chain(names.iter().enumerate().map(|(i, name)| company(i as u32, &format!("{name} ApS"))))
        .collect()
}

#[wasm_bindgen_test]
async fn one_context_shows_it_without_a_button() {
    let host = mount(session(vec![ActingContext::Private], ActingContext::Private));
    leptos::task::tick().await;
    assert!(find(&host, "button").is_none(), "nothing to open with one context");
    let current = find(&host, "[data-testid=context-current]").expect("the current context is shown");
    assert_eq!(current.text_content().unwrap(), "Privat");
}

#[wasm_bindgen_test]
async fn the_disclosure_lists_the_current_context_first_and_marks_it() {
    let havnen = company(1, "Havnens Rederi ApS");
    let contexts = vec![ActingContext::Private, company(2, "Andet ApS"), havnen.clone()];
    let host = mount(session(contexts, havnen));
    leptos::task::tick().await;

    let toggle = find(&host, ".tilslut-context-toggle").expect("a toggle with several contexts");
    let list_id = toggle.get_attribute("aria-controls").unwrap();
    let panel = find(&host, &format!("#{list_id}")).expect("aria-controls names the panel");
    assert_eq!(toggle.get_attribute("aria-expanded").as_deref(), Some("false"));
    assert!(panel.hidden());

    toggle.click();
    leptos::task::tick().await;
    assert_eq!(toggle.get_attribute("aria-expanded").as_deref(), Some("true"));
    assert!(!panel.hidden());
    let listed = items(&host);
    assert_eq!(listed.len(), 3);
    assert!(listed[0].contains("Havnens Rederi ApS"), "current first: {listed:?}");
    let first = find(&host, "button[data-context]").unwrap();
    assert_eq!(first.get_attribute("aria-current").as_deref(), Some("true"));
    assert!(find(&host, "input[type=search]").is_none(), "no filter for {} contexts", listed.len());
}

#[wasm_bindgen_test]
async fn the_button_is_named_by_the_hosts_label_or_else_the_default() {
    let contexts = || vec![ActingContext::Private, company(1, "Havnens Rederi ApS")];
    let by_default = mount(session(contexts(), ActingContext::Private));
    let by_host = mount_labelled(session(contexts(), ActingContext::Private), Some("Skift rolle"));
    leptos::task::tick().await;
    let name_of = |host: &HtmlElement| find(host, ".tilslut-context-toggle").unwrap().get_attribute("aria-label");
    assert_eq!(name_of(&by_default).as_deref(), Some("Skift kontekst. Du handler nu som Privat"));
    assert_eq!(name_of(&by_host).as_deref(), Some("Skift rolle. Du handler nu som Privat"));
}

#[wasm_bindgen_test]
async fn arrow_keys_move_and_escape_closes_with_focus_on_the_button() {
    let contexts = vec![ActingContext::Private, company(1, "Et ApS"), company(2, "To ApS")];
    let host = mount(session(contexts, ActingContext::Private));
    leptos::task::tick().await;
    let toggle = find(&host, ".tilslut-context-toggle").unwrap();
    toggle.click();
    leptos::task::tick().await;
    let panel = find(&host, ".tilslut-context-panel").unwrap();

    // Opening puts focus on the first context (the current one), so the keys work at once.
    let focused = || document().active_element().and_then(|e| e.text_content()).unwrap_or_default();
    assert!(focused().contains("Privat"), "first item focused on opening, got {}", focused());
    key(&panel, "ArrowDown");
    assert!(focused().contains("Et ApS"), "the next item, got {}", focused());
    key(&panel, "End");
    assert!(focused().contains("To ApS"), "last item focused, got {}", focused());
    key(&panel, "Home");
    assert!(focused().contains("Privat"));

    key(&panel, "Escape");
    leptos::task::tick().await;
    assert_eq!(toggle.get_attribute("aria-expanded").as_deref(), Some("false"));
    let active: Option<HtmlElement> = document().active_element().map(|e| e.unchecked_into());
    assert_eq!(active.as_ref(), Some(&toggle), "focus back on the toggle");

    // From the toggle, the arrow key opens it too.
    key(&toggle, "ArrowDown");
    leptos::task::tick().await;
    assert_eq!(toggle.get_attribute("aria-expanded").as_deref(), Some("true"));
    assert!(focused().contains("Privat"), "into the list, got {}", focused());
}

/// Opens the switcher in `host` and returns its filter field.
async fn open_filter(host: &HtmlElement) -> HtmlInputElement {
    find(host, ".tilslut-context-toggle").unwrap().click();
    leptos::task::tick().await;
    find(host, "input[type=search]").expect("a filter field").unchecked_into()
}

/// Types `text` into the filter, as the person's typing would (an `input` event), and lets it render.
async fn filter_by(filter: &HtmlInputElement, text: &str) {
    filter.set_value(text);
    filter.dispatch_event(&web_sys::Event::new("input").unwrap()).unwrap();
    leptos::task::tick().await;
}

#[wasm_bindgen_test]
async fn more_than_eight_contexts_get_a_filter_with_a_no_matches_state() {
    let contexts = many_companies();
    assert!(contexts.len() > 8);
    let host = mount(session(contexts, ActingContext::Private));
    leptos::task::tick().await;
    let filter = open_filter(&host).await;
    let active: Option<HtmlElement> = document().active_element().map(|e| e.unchecked_into());
    assert_eq!(active.as_ref(), Some(filter.unchecked_ref::<HtmlElement>()), "opening puts focus in the filter");
    let label = find(&host, &format!("label[for={}]", filter.id())).expect("the filter is labelled");
    assert!(!label.text_content().unwrap().is_empty());

    filter_by(&filter, "golf").await;
    assert_eq!(items(&host).len(), 1);
    assert!(items(&host)[0].contains("Golf ApS"));

    filter_by(&filter, "zzz").await;
    assert!(items(&host).is_empty());
    let empty = find(&host, ".tilslut-context-empty").expect("a no-matches message");
    assert_eq!(empty.get_attribute("role").as_deref(), Some("status"));
    assert_eq!(empty.text_content().unwrap(), "Ingen virksomheder matcher din søgning.");
}

#[wasm_bindgen_test]
async fn the_filter_matches_names_and_cvr_numbers_with_or_without_spaces() {
    let contexts = many_companies();
    let host = mount(session(contexts.clone(), ActingContext::Private));
    leptos::task::tick().await;
    let filter = open_filter(&host).await;
    let delta_cvr = cvr(3).to_string();
    let spaced = format!("{} {}", &delta_cvr[..4], &delta_cvr[4..]);
    for query in [delta_cvr.as_str(), spaced.as_str(), "DELTA", " delta "] {
        filter_by(&filter, query).await;
        let found = items(&host);
        assert!(found.len() == 1 && found[0].contains("Delta ApS"), "query {query:?}: {found:?}");
    }
    filter_by(&filter, "").await;
    assert_eq!(items(&host).len(), contexts.len());
    filter_by(&filter, "privat").await;
    assert!(items(&host).is_empty(), "the filter is for companies");
}
