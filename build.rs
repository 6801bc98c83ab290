//! Generates the typed translations module from `locales/*.json` (leptos_i18n).

use leptos_i18n_build::{Config, ParseOptions, TranslationsInfos};
use std::error::Error;
use std::path::PathBuf;

fn main() -> Result<(), Box<dyn Error>> {
    println!("cargo::rerun-if-changed=build.rs");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").ok_or("OUT_DIR is not set")?).join("i18n");
    let translations = TranslationsInfos::parse(
        // Interpolated strings are needed as plain text too: page titles, aria-labels, announcements.
        Config::new("da")?.add_locale("en")?.parse_options(ParseOptions::default().interpolate_display(true)),
    )?;
    translations.emit_diagnostics();
    translations.rerun_if_locales_changed();
    translations.generate_i18n_module(out)?;
    Ok(())
}
