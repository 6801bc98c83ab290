//! tilslut: Leptos components for connecting an organisation to MitID Erhverv ("Tilslut") and for
//! acting for a company with a private ID ("privat til erhverv"), and the single-page app that
//! puts them together.
//!
//! Embed a component by wrapping it in [`Tilslut`], which provides translations, the API client
//! and the session:
//!
//! ```no_run
//! use leptos::prelude::*;
//! use tilslut::{ContextSwitcher, Tilslut};
//!
//! leptos::mount::mount_to_body(|| view! {
//!     <Tilslut api_base="">
//!         <ContextSwitcher />
//!     </Tilslut>
//! });
//! ```

// The server-side renderer's nested view types are deep.
#![recursion_limit = "256"]
// Every public item is documented (`make test-components` builds the docs with warnings as errors).
#![warn(missing_docs)]

pub mod api;
mod app;
mod components;
mod dates;
mod embedded;
pub mod i18n;
mod navigation;
mod pages;
pub mod session;
mod title;

pub use app::{mount_app, App, Tilslut, PRERENDERED_ID};
pub use components::context_switcher::ContextSwitcher;
pub use embedded::{Approval, Onboarding, Preparation};

// The unit tests run in headless Chromium, as the component tests in tests/ do.
#[cfg(test)]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);
