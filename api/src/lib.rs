//! The contract between the tilslut app and its backend: request/response types, the problem and
//! field codes, the API's paths and the app's addresses, and the validation rules both sides apply, so the two can never
//! disagree.

#![warn(missing_docs)]

pub mod cvr;
pub mod dates;
pub mod model;
pub mod pages;
pub mod paths;
pub mod problem;
pub mod signing;
pub mod validation;

pub use cvr::{Cvr, CvrError};
pub use model::*;
pub use problem::{FieldCode, FieldError, Problem, ProblemCode};
