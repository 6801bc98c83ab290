//! The public components, each in its own folder with its styles beside it.

pub mod context_switcher;
pub mod signing_text;
pub mod error_summary;
