//! Translations (leptos_i18n): Danish first, English available. The keys live in
//! `locales/da.json` and `locales/en.json`; a missing or misspelt key does not compile.
//!
//! A host needs [`Locale`] to fix the components' language, and may follow the person's choice
//! with [`use_i18n`] inside [`crate::Tilslut`]:
//!
//! ```no_run
//! use leptos::prelude::*;
//! use tilslut::i18n::{use_i18n, Locale};
//!
//! #[component]
//! fn LanguageNote() -> impl IntoView {
//!     let i18n = use_i18n();
//!     move || (i18n.get_locale() == Locale::en).then_some("The components speak English.")
//! }
//! ```
// The items below are generated from the locale files, one method per key: no place for docs;
// and the generated code nests a module of the same name.
#![allow(missing_docs, clippy::module_inception)]

include!(concat!(env!("OUT_DIR"), "/i18n/mod.rs"));

pub use i18n::*;

/// The language of a signed text, for the API: the one the person reads the page in.
pub(crate) fn language_of(locale: Locale) -> tilslut_api::Language {
    match locale {
        Locale::da => tilslut_api::Language::Da,
        Locale::en => tilslut_api::Language::En,
    }
}

/// A text without values in the person's language, following it when it changes:
/// `text!(i18n, summary.change)` in place of leptos_i18n's `t!` for such texts. `t!` makes a
/// closure type of its own at every use, and with it a copy of the code that renders it; every
/// `text!` shares one (see [`text_view`]): 53 KB less WebAssembly for the app's 135 texts.
macro_rules! text {
    ($i18n:expr, $($key:ident).+) => {
        $crate::i18n::text_view($i18n, |locale| $crate::i18n::td_string!(locale, $($key).+))
    };
}
pub(crate) use text;

/// The view behind [`text!`]: `key` gives the text in a language.
pub(crate) fn text_view(i18n: leptos_i18n::I18nContext<Locale>, key: fn(Locale) -> &'static str) -> impl leptos::prelude::IntoView + Copy {
    move || key(i18n.get_locale())
}
