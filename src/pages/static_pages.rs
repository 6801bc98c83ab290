use crate::app::set_page_title;
use crate::i18n::*;
use crate::navigation::Link;
use leptos::prelude::*;

#[component]
pub fn NotFound() -> impl IntoView {
    let i18n = use_i18n();
    Effect::new(move |_| set_page_title(td_string!(i18n.get_locale(), not_found_title).to_string()));
    view! {
        <h1>{text!(i18n, not_found_title)}</h1>
        <p>{text!(i18n, not_found_text)}</p>
        <Link href="/">{text!(i18n, go_home)}</Link>
    }
}

#[component]
pub fn AccessibilityStatement() -> impl IntoView {
    let i18n = use_i18n();
    Effect::new(move |_| set_page_title(td_string!(i18n.get_locale(), footer_accessibility).to_string()));
    view! {
        <h1>{text!(i18n, footer_accessibility)}</h1>
        <p>{text!(i18n, accessibility_text)}</p>
    }
}
