//! The embeddable components, one folder each with its CSS beside it.

pub mod administrator_form;
pub mod case_summary;
pub mod context_switcher;
pub mod error_summary;
pub mod problem_alert;
pub mod signing_text;
pub mod step_indicator;
