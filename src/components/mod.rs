//! The components the pages are built from, one folder each (with its CSS beside it where it has
//! its own).

pub mod administrator_form;
pub mod case_summary;
pub mod context_switcher;
pub mod error_summary;
pub mod own_email;
pub mod problem_alert;
pub mod signing;
pub mod step_form;
pub mod step_indicator;
pub mod terms_body;
