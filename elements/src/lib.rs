//! tilslut's components as custom elements, for host pages that are not Leptos apps (plain HTML,
//! React, Angular …). Loading the module registers:
//!
//! - `<tilslut-context-switcher api="https://tilslut.example.dk" lang="da">`: the context
//!   switcher. It fires `tilslut-context-change` (bubbling, composed) with the new context as
//!   `detail`, in the API's JSON shape: `{ "kind": "private" }` or
//!   `{ "kind": "company", "cvr": "…", "name": "…", "form": … }`.
//!
//! Attributes: `api`, the backend's address (empty or absent: the page's own origin; another
//! origin must be in the backend's `TILSLUT_ALLOWED_ORIGINS`); `lang`, `da` (default) or `en`.
//! Each element renders in its own shadow root with its own stylesheet, so neither the host's CSS
//! nor the component's leaks across; it inherits only the font and colour, and its custom
//! properties (`--tilslut-primary`, `--tilslut-context-bg`, `--tilslut-context-border`).
//! A bad attribute value is shown inside the element and logged to the console.

use leptos::prelude::*;
use send_wrapper::SendWrapper;
use std::any::Any;
use std::cell::RefCell;
use tilslut::i18n::Locale;
use tilslut::{ContextSwitcher, Tilslut};
use tilslut_api::ActingContext;
use wasm_bindgen::prelude::*;

/// The element's name for the context switcher.
pub const CONTEXT_SWITCHER: &str = "tilslut-context-switcher";
/// The event it fires after the server has switched the context.
pub const CONTEXT_CHANGE_EVENT: &str = "tilslut-context-change";

const CONTEXT_SWITCHER_CSS: &str = include_str!("../../src/components/context_switcher/context_switcher.css");

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

/// Registers the elements; runs when the module is initialised.
#[wasm_bindgen(start)]
pub fn register() {
    let connect = Closure::<dyn FnMut(web_sys::HtmlElement, web_sys::ShadowRoot)>::new(connect_switcher);
    let disconnect = Closure::<dyn FnMut(web_sys::HtmlElement)>::new(|host: web_sys::HtmlElement| {
        MOUNTED.with_borrow_mut(|mounted| mounted.retain(|(element, _)| *element != host));
    });
    define_element(CONTEXT_SWITCHER, ["api", "lang"].into_iter().map(JsValue::from).collect(), &connect, &disconnect);
    // The class calls these for as long as the page lives.
    connect.forget();
    disconnect.forget();
}

/// The `lang` attribute as a language; absent is Danish.
pub fn language_of(attribute: Option<&str>) -> Result<Locale, String> {
    match attribute.map(str::trim) {
        None | Some("") | Some("da") => Ok(Locale::da),
        Some("en") => Ok(Locale::en),
        Some(other) => Err(format!("lang=\"{other}\" is not a language of this component; use \"da\" or \"en\".")),
    }
}

fn connect_switcher(host: web_sys::HtmlElement, shadow: web_sys::ShadowRoot) {
    shadow.set_inner_html("");
    let document = document();
    let style = document.create_element("style").expect("a style element");
    style.set_text_content(Some(CONTEXT_SWITCHER_CSS));
    let root: web_sys::HtmlElement = document.create_element("div").expect("a div").unchecked_into();
    let _ = shadow.append_child(&style);
    let _ = shadow.append_child(&root);

    let language = match language_of(host.get_attribute("lang").as_deref()) {
        Ok(language) => language,
        Err(message) => {
            leptos::logging::error!("<{CONTEXT_SWITCHER}>: {message}");
            root.set_class_name("tilslut-context-error");
            root.set_attribute("role", "alert").expect("role");
            root.set_text_content(Some(&format!("Komponenten er sat forkert op / The component is set up wrongly: {message}")));
            return;
        }
    };
    let api = host.get_attribute("api").unwrap_or_default();
    let target = SendWrapper::new(host.clone());
    let on_change = Callback::new(move |context: ActingContext| dispatch_context_change(&target, &context));
    let handle = leptos::mount::mount_to(root, move || {
        view! {
            <Tilslut api_base=api language=language>
                <ContextSwitcher on_change=on_change />
            </Tilslut>
        }
    });
    MOUNTED.with_borrow_mut(|mounted| mounted.push((host, Box::new(handle))));
}

fn dispatch_context_change(host: &web_sys::HtmlElement, context: &ActingContext) {
    let detail = serde_json::to_string(context).ok().and_then(|json| js_sys::JSON::parse(&json).ok()).unwrap_or(JsValue::NULL);
    let init = web_sys::CustomEventInit::new();
    init.set_detail(&detail);
    init.set_bubbles(true);
    // Out of the shadow root, so a listener anywhere on the host page hears it.
    init.set_composed(true);
    if let Ok(event) = web_sys::CustomEvent::new_with_event_init_dict(CONTEXT_CHANGE_EVENT, &init) {
        let _ = host.dispatch_event(&event);
    }
}
