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
// The items below are generated from the locale files, one method per key: no place for docs.
#![allow(missing_docs)]

include!(concat!(env!("OUT_DIR"), "/i18n/mod.rs"));

pub use i18n::*;

/// The language of a signed text, for the API: the one the person reads the page in.
pub(crate) fn language_of(locale: Locale) -> tilslut_api::Language {
    match locale {
        Locale::da => tilslut_api::Language::Da,
        Locale::en => tilslut_api::Language::En,
    }
}
