//! tilslut's components as custom elements, for host pages that are not Leptos apps (plain HTML,
//! React, Angular …). Loading the module registers:
//!
//! | element | attributes | events |
//! |---|---|---|
//! | `<tilslut-context-switcher>` | `api`, `lang`, `label` | `tilslut-context-change` |
//! | `<tilslut-onboarding>` | `api`, `lang`, `label` | `tilslut-case-submitted`, `tilslut-case-approved`, `tilslut-error` |
//! | `<tilslut-preparation>` | `api`, `lang`, `label` | `tilslut-case-submitted`, `tilslut-error` |
//! | `<tilslut-approval>` | `api`, `lang`, `label`, `case` (required) | `tilslut-case-approved`, `tilslut-case-rejected`, `tilslut-error` |
//!
//! Attributes: `api`, the backend's address (empty or absent: the page's own origin; another
//! origin must be in the backend's `TILSLUT_ALLOWED_ORIGINS`); `lang`, `da` (default) or `en`;
//! `label`, what a screen reader calls the element (the switcher's button, a journey's region) in
//! place of the translated default; `case`, the prepared case to approve (the id in the e-mail's
//! `/godkend/<id>` link).
//!
//! Events bubble and are composed (they leave the shadow root). Their `detail` is in the API's
//! JSON shape: the new context (`{ "kind": "private" }` or `{ "kind": "company", "cvr": …, "name":
//! …, "form": … }`), the case, or for `tilslut-error` `{ "code": …, "message": … }` with the
//! message the person was shown.
//!
//! Each element renders in its own shadow root with its own stylesheet, so neither the host's CSS
//! nor the component's leaks across. The journeys move between their pages inside the element:
//! the host's address and history are left alone. Theming: the custom properties listed in
//! docs/embedding.md. A bad attribute value is shown inside the element and logged to the console.
//!
//! Built without the default feature `journeys`, the module registers the switcher alone, at less
//! than half the size (`make elements` writes it to `target/elements-dist/switcher-only/`).
//!
//! ```html
//! <script type="module">
//!   import init from '/tilslut/tilslut_elements.js';
//!   await init();
//! </script>
//! <tilslut-onboarding api="https://tilslut.example.dk" lang="en"></tilslut-onboarding>
//! ```
#![warn(missing_docs)]

use leptos::prelude::*;
use send_wrapper::SendWrapper;
use std::any::Any;
use std::cell::RefCell;
use tilslut::i18n::Locale;
use tilslut::{ContextSwitcher, Tilslut};
use tilslut_api::ActingContext;
use wasm_bindgen::prelude::*;
#[cfg(feature = "journeys")]
use {
    tilslut::api::ApiError,
    tilslut::session::describe_error,
    tilslut::{Approval, Onboarding, Preparation},
    tilslut_api::Case,
};

/// The context switcher's element.
///
/// ```html
/// <tilslut-context-switcher lang="da" label="Skift rolle"></tilslut-context-switcher>
/// ```
pub const CONTEXT_SWITCHER: &str = "tilslut-context-switcher";
/// The onboarding wizard's element.
///
/// ```html
/// <tilslut-onboarding api="https://tilslut.example.dk"></tilslut-onboarding>
/// ```
pub const ONBOARDING: &str = "tilslut-onboarding";
/// The anmelder's preparation view's element.
///
/// ```html
/// <tilslut-preparation label="Forbered jeres tilslutning"></tilslut-preparation>
/// ```
pub const PREPARATION: &str = "tilslut-preparation";
/// The approval summary's element; its `case` attribute names the case.
///
/// ```html
/// <tilslut-approval case="3f2c9a61-…"></tilslut-approval>
/// ```
pub const APPROVAL: &str = "tilslut-approval";

/// Fired after the server has switched the context; `detail` is the new context.
///
/// ```js
/// document.addEventListener('tilslut-context-change', (event) => console.log(event.detail.kind));
/// ```
pub const CONTEXT_CHANGE_EVENT: &str = "tilslut-context-change";
/// Fired when a case is sent: by an anmelder for approval, or with documentation for review;
/// `detail` is the case.
///
/// ```js
/// document.addEventListener('tilslut-case-submitted', (event) => console.log('sent', event.detail.id));
/// ```
pub const CASE_SUBMITTED_EVENT: &str = "tilslut-case-submitted";
/// Fired when the representative has approved and signed; `detail` is the case.
///
/// ```js
/// document.addEventListener('tilslut-case-approved', (event) => console.log(event.detail.organisation.name));
/// ```
pub const CASE_APPROVED_EVENT: &str = "tilslut-case-approved";
/// Fired when the representative has rejected a prepared case; `detail` is the case.
///
/// ```js
/// document.addEventListener('tilslut-case-rejected', (event) => console.log(event.detail.rejection_reason));
/// ```
pub const CASE_REJECTED_EVENT: &str = "tilslut-case-rejected";
/// Fired with every error the element shows the person; `detail` is `{ code, message }`.
///
/// ```js
/// document.addEventListener('tilslut-error', (event) => console.warn(event.detail.code, event.detail.message));
/// ```
pub const ERROR_EVENT: &str = "tilslut-error";

const CONTEXT_SWITCHER_CSS: &str = include_str!("../../src/components/context_switcher/context_switcher.css");
/// The app's stylesheet for a shadow root (`make css` writes it; scripts/css.mjs says how).
#[cfg(feature = "journeys")]
const JOURNEY_CSS: &str = include_str!("../../style/generated/tilslut-shadow.css");

/// The elements this module defines.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Element {
    ContextSwitcher,
    #[cfg(feature = "journeys")]
    Journey(Journey),
}

/// The elements of the journeys (cargo feature `journeys`).
#[cfg(feature = "journeys")]
#[derive(Clone, Copy, Debug, PartialEq)]
enum Journey {
    Onboarding,
    Preparation,
    Approval,
}

impl Element {
    const ALL: &[Element] = &[
        Element::ContextSwitcher,
        #[cfg(feature = "journeys")]
        Element::Journey(Journey::Onboarding),
        #[cfg(feature = "journeys")]
        Element::Journey(Journey::Preparation),
        #[cfg(feature = "journeys")]
        Element::Journey(Journey::Approval),
    ];

    fn name(self) -> &'static str {
        match self {
            Element::ContextSwitcher => CONTEXT_SWITCHER,
            #[cfg(feature = "journeys")]
            Element::Journey(Journey::Onboarding) => ONBOARDING,
            #[cfg(feature = "journeys")]
            Element::Journey(Journey::Preparation) => PREPARATION,
            #[cfg(feature = "journeys")]
            Element::Journey(Journey::Approval) => APPROVAL,
        }
    }

    fn attributes(self) -> &'static [&'static str] {
        match self {
            #[cfg(feature = "journeys")]
            Element::Journey(Journey::Approval) => &["api", "lang", "label", "case"],
            _ => &["api", "lang", "label"],
        }
    }

    fn stylesheet(self) -> &'static str {
        match self {
            Element::ContextSwitcher => CONTEXT_SWITCHER_CSS,
            #[cfg(feature = "journeys")]
            _ => JOURNEY_CSS,
        }
    }
}

// A custom element needs a class that extends HTMLElement, which Rust cannot declare: this small
// class forwards its life cycle to Rust. Attributes re-render the element when they change.
#[wasm_bindgen(inline_js = r#"
export function define_element(name, attributes, connect, disconnect) {
  if (customElements.get(name)) return;
  customElements.define(name, class extends HTMLElement {
    static get observedAttributes() { return attributes; }
    connectedCallback() { this.tilslutMounted = true; connect(this, this.shadowRoot ?? this.attachShadow({ mode: 'open' })); }
    disconnectedCallback() { this.tilslutMounted = false; disconnect(this); }
    attributeChangedCallback() { if (this.tilslutMounted) { disconnect(this); connect(this, this.shadowRoot); } }
  });
}
"#)]
extern "C" {
    fn define_element(
        name: &str,
        attributes: js_sys::Array,
        connect: &Closure<dyn FnMut(web_sys::HtmlElement, web_sys::ShadowRoot)>,
        disconnect: &Closure<dyn FnMut(web_sys::HtmlElement)>,
    );
}

thread_local! {
    /// The mounted elements and what unmounts each (dropping the handle unmounts the view).
    static MOUNTED: RefCell<Vec<(web_sys::HtmlElement, Box<dyn Any>)>> = const { RefCell::new(Vec::new()) };
}

/// Registers the elements; runs when the module is initialised, and does nothing for an element
/// already defined. From JavaScript:
///
/// ```js
/// import init from '/tilslut/tilslut_elements.js';
/// await init(); // calls register()
/// ```
#[wasm_bindgen(start)]
pub fn register() {
    let disconnect = Closure::<dyn FnMut(web_sys::HtmlElement)>::new(|host: web_sys::HtmlElement| {
        MOUNTED.with_borrow_mut(|mounted| mounted.retain(|(element, _)| *element != host));
    });
    for &element in Element::ALL {
        let connect =
            Closure::<dyn FnMut(web_sys::HtmlElement, web_sys::ShadowRoot)>::new(move |host, shadow| connect(element, host, shadow));
        let attributes = element.attributes().iter().copied().map(JsValue::from).collect();
        define_element(element.name(), attributes, &connect, &disconnect);
        // The class calls it for as long as the page lives.
        connect.forget();
    }
    disconnect.forget();
}

/// The `lang` attribute as a language; absent is Danish.
fn language_of(attribute: Option<&str>) -> Result<Locale, String> {
    match attribute.map(str::trim) {
        None | Some("") | Some("da") => Ok(Locale::da),
        Some("en") => Ok(Locale::en),
        Some(other) => Err(format!("lang=\"{other}\" is not a language of this component; use \"da\" or \"en\".")),
    }
}

/// Renders `element` into its shadow root, in place of what was there.
fn connect(element: Element, host: web_sys::HtmlElement, shadow: web_sys::ShadowRoot) {
    shadow.set_inner_html("");
    let document = document();
    let style = document.create_element("style").expect("a style element");
    style.set_text_content(Some(element.stylesheet()));
    let root: web_sys::HtmlElement = document.create_element("div").expect("a div").unchecked_into();
    let _ = shadow.append_child(&style);
    let _ = shadow.append_child(&root);

    #[cfg(feature = "journeys")]
    let case = host.get_attribute("case").map(|case| case.trim().to_string()).filter(|case| !case.is_empty());
    let set_up = language_of(host.get_attribute("lang").as_deref()).and_then(|language| match element {
        #[cfg(feature = "journeys")]
        Element::Journey(Journey::Approval) if case.is_none() => {
            Err("the case attribute is missing: give the id of the case to approve.".to_string())
        }
        _ => Ok(language),
    });
    let language = match set_up {
        Ok(language) => language,
        Err(message) => {
            leptos::logging::error!("<{}>: {message}", element.name());
            root.set_class_name("tilslut-context-error alert alert-error");
            root.set_attribute("role", "alert").expect("role");
            root.set_text_content(Some(&format!("Komponenten er sat forkert op / The component is set up wrongly: {message}")));
            return;
        }
    };
    let api = host.get_attribute("api").unwrap_or_default();
    let label = host.get_attribute("label");
    let target = SendWrapper::new(host.clone());
    let handle = leptos::mount::mount_to(root, move || {
        // Built inside `Tilslut` (the children run there), where its context is.
        let component = move || match element {
            Element::ContextSwitcher => {
                let on_change = event_callback::<ActingContext>(&target, CONTEXT_CHANGE_EVENT);
                view! { <ContextSwitcher on_change label /> }.into_any()
            }
            #[cfg(feature = "journeys")]
            Element::Journey(journey) => journey_view(journey, &target, language, label, case),
        };
        view! { <Tilslut api_base=api language=language>{component()}</Tilslut> }
    });
    MOUNTED.with_borrow_mut(|mounted| mounted.push((host, Box::new(handle))));
}

/// A journey's component, its callbacks firing the element's events.
#[cfg(feature = "journeys")]
fn journey_view(
    journey: Journey,
    target: &SendWrapper<web_sys::HtmlElement>,
    language: Locale,
    label: Option<String>,
    case: Option<String>,
) -> AnyView {
    let on_case_submitted = event_callback::<Case>(target, CASE_SUBMITTED_EVENT);
    let on_case_approved = event_callback::<Case>(target, CASE_APPROVED_EVENT);
    let on_case_rejected = event_callback::<Case>(target, CASE_REJECTED_EVENT);
    let report = event_callback::<serde_json::Value>(target, ERROR_EVENT);
    let on_error = Callback::new(move |error: ApiError| {
        report.run(serde_json::json!({ "code": error.code(), "message": describe_error(&error, language) }))
    });
    match journey {
        Journey::Onboarding => view! { <Onboarding on_case_submitted on_case_approved on_error label /> }.into_any(),
        Journey::Preparation => view! { <Preparation on_case_submitted on_error label /> }.into_any(),
        Journey::Approval => {
            view! { <Approval case_id=case.unwrap_or_default() on_case_approved on_case_rejected on_error label /> }.into_any()
        }
    }
}

/// A callback that fires `name` on `host`, with the value in the API's JSON shape as `detail`.
fn event_callback<T: serde::Serialize + 'static>(host: &SendWrapper<web_sys::HtmlElement>, name: &'static str) -> Callback<T> {
    let host = host.clone();
    Callback::new(move |value: T| dispatch(&host, name, &as_json(&value)))
}

/// A value in the API's JSON shape, as a JavaScript object.
fn as_json(value: &impl serde::Serialize) -> JsValue {
    serde_json::to_string(value).ok().and_then(|json| js_sys::JSON::parse(&json).ok()).unwrap_or(JsValue::NULL)
}

fn dispatch(host: &web_sys::HtmlElement, name: &str, detail: &JsValue) {
    let init = web_sys::CustomEventInit::new();
    init.set_detail(detail);
    init.set_bubbles(true);
    // Out of the shadow root, so a listener anywhere on the host page hears it.
    init.set_composed(true);
    if let Ok(event) = web_sys::CustomEvent::new_with_event_init_dict(name, &init) {
        let _ = host.dispatch_event(&event);
    }
}

#[cfg(all(test, target_arch = "wasm32"))]
mod tests;
