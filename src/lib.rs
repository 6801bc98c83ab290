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

pub mod api;
pub mod app;
pub mod components;
pub mod embedded;
pub mod i18n;
pub mod navigation;
pub mod pages;
pub mod session;

pub use app::{mount_app, App, Tilslut, PRERENDERED_ID};
pub use components::context_switcher::ContextSwitcher;
pub use components::signing_text::SigningText;
pub use embedded::{Approval, Onboarding, Preparation};
