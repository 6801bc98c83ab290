//! The document's title: each page names itself, and the shell adds the context and the product.

use crate::i18n::*;
use leptos::prelude::*;

/// The title of the current page, without the context and product, which the shell adds.
#[derive(Clone, Copy)]
pub struct PageTitle(pub RwSignal<String>);

/// Names the page in the document's title; embedded in a host's page, the host's title stays.
pub fn set_page_title(title: impl Into<String>) {
    if let Some(PageTitle(title_signal)) = use_context::<PageTitle>() {
        title_signal.set(title.into());
    }
}

/// Names the page `key` in the person's language, prefixed "Fejl: " while `errors` holds.
pub fn use_title(key: fn(Locale) -> &'static str, errors: Signal<bool>) {
    let i18n = use_i18n();
    Effect::new(move |_| {
        let locale = i18n.get_locale();
        set_page_title(title_with_errors(key(locale).to_string(), errors.get(), locale));
    });
}

/// The title, prefixed with "Fejl: " while the page shows errors.
pub fn title_with_errors(title: String, has_errors: bool, locale: Locale) -> String {
    if has_errors {
        format!("{}{title}", td_string!(locale, error_title_prefix))
    } else {
        title
    }
}
