use crate::i18n::*;
use crate::navigation::{Link, HOME};
use crate::title::use_title;
use leptos::prelude::*;

#[component]
pub fn NotFound() -> impl IntoView {
    let i18n = use_i18n();
    use_title(|l| td_string!(l, not_found_title), Signal::stored(false));
    view! {
        <h1>{text!(i18n, not_found_title)}</h1>
        <p>{text!(i18n, not_found_text)}</p>
        <Link href=HOME>{text!(i18n, go_home)}</Link>
    }
}

#[component]
pub fn AccessibilityStatement() -> impl IntoView {
    let i18n = use_i18n();
    use_title(|l| td_string!(l, footer_accessibility), Signal::stored(false));
    view! {
        <h1>{text!(i18n, footer_accessibility)}</h1>
        <p>{text!(i18n, accessibility_text)}</p>
    }
}
