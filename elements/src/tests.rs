//! The custom element in headless Chromium: `cargo test --target wasm32-unknown-unknown -p
//! tilslut-elements` (part of `make test-components`). No backend: what needs one is in
//! e2e/embedding.test.mjs. Unit tests of the library rather than an integration test: that would
//! need the library as an rlib too, and an rlib beside the cdylib makes every dependency's release
//! build differ from the app's (objects and bitcode, not bitcode only), so nothing is shared.

use crate::{register, CONTEXT_SWITCHER, ONBOARDING};
use wasm_bindgen_test::*;
use web_sys::{Element, ShadowRoot};

#[path = "../../tests/support/mod.rs"]
mod support;
use support::until;

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// A `<tilslut-context-switcher>` with these attributes, added to the page.
fn element(attributes: &[(&str, &str)]) -> Element {
    element_named(CONTEXT_SWITCHER, attributes)
}

/// The element `name` with these attributes, added to the page.
fn element_named(name: &str, attributes: &[(&str, &str)]) -> Element {
    register();
    let element = document().create_element(name).unwrap();
    for (name, value) in attributes {
        element.set_attribute(name, value).unwrap();
    }
    document().body().unwrap().append_child(&element).unwrap();
    element
}

fn shadow(element: &Element) -> ShadowRoot {
    element.shadow_root().expect("the element renders in a shadow root")
}

fn text_of(root: &ShadowRoot, selector: &str) -> Option<String> {
    root.query_selector(selector).unwrap().and_then(|found| found.text_content())
}

#[wasm_bindgen_test]
fn an_unknown_language_is_explained_inside_the_element() {
    let switcher = element(&[("lang", "de")]);
    let alert = text_of(&shadow(&switcher), "[role=alert]").expect("an alert inside");
    assert!(alert.contains("lang=\"de\" is not a language of this component"), "{alert}");
}

#[wasm_bindgen_test]
fn its_stylesheet_is_inside_the_shadow_root() {
    let switcher = element(&[("api", "http://127.0.0.1:9")]);
    let css = text_of(&shadow(&switcher), "style").expect("a style element");
    assert!(css.contains(".tilslut-context-toggle"));
}

#[wasm_bindgen_test]
async fn an_api_that_cannot_be_asked_is_said_in_words_in_the_chosen_language() {
    let switcher = element(&[("api", "http://127.0.0.1:9"), ("lang", "en")]);
    let root = shadow(&switcher);
    until(|| text_of(&root, "[data-testid=switcher-error]").is_some()).await;
    let text = text_of(&root, "[data-testid=switcher-error]").unwrap();
    assert!(text.contains("cannot reach"), "{text}");
}

#[wasm_bindgen_test]
async fn changing_an_attribute_renders_the_element_again() {
    let switcher = element(&[("api", "http://127.0.0.1:9"), ("lang", "xx")]);
    let root = shadow(&switcher);
    assert!(text_of(&root, "[role=alert]").is_some_and(|t| t.contains("lang=\"xx\"")));
    switcher.set_attribute("lang", "da").unwrap();
    until(|| text_of(&root, "[data-testid=switcher-error]").is_some()).await;
    assert_eq!(root.query_selector_all("style").unwrap().length(), 1, "one render, not two");
}

#[wasm_bindgen_test]
async fn the_label_attribute_names_the_journeys_region() {
    let onboarding = element_named(ONBOARDING, &[("api", "http://127.0.0.1:9"), ("label", "Tilslut jeres forening")]);
    let root = shadow(&onboarding);
    let region_name = || root.query_selector("section.tilslut-embedded").unwrap().and_then(|region| region.get_attribute("aria-label"));
    until(|| region_name().is_some()).await;
    assert_eq!(region_name().as_deref(), Some("Tilslut jeres forening"));
}
