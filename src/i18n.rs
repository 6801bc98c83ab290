//! Translations (leptos_i18n): Danish first, English available. The keys live in
//! `locales/da.json` and `locales/en.json`; a missing or misspelt key does not compile.

include!(concat!(env!("OUT_DIR"), "/i18n/mod.rs"));

pub use i18n::*;
