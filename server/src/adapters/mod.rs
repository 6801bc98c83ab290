//! The world outside: the business register, the identity provider and e-mail, each behind a
//! trait with the implementation the reference backend runs.

pub mod identity;
pub mod mail;
pub mod oidc;
pub mod register;
