use crate::i18n::*;
use crate::navigation::{Link, HOME};
use crate::title::use_title;
use leptos::prelude::*;

/// A page of a heading and a paragraph, both named by their text's key.
fn text_page(title: fn(Locale) -> &'static str, text: fn(Locale) -> &'static str) -> impl IntoView {
    let i18n = use_i18n();
    use_title(title, Signal::stored(false));
    view! {
        <h1>{move || title(i18n.get_locale())}</h1>
        <p>{move || text(i18n.get_locale())}</p>
    }
}

#[component]
pub fn NotFound() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        {text_page(|l| td_string!(l, not_found_title), |l| td_string!(l, not_found_text))}
        <Link href=HOME>{text!(i18n, go_home)}</Link>
    }
}

#[component]
pub fn AccessibilityStatement() -> impl IntoView {
    text_page(|l| td_string!(l, footer_accessibility), |l| td_string!(l, accessibility_text))
}
