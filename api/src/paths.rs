//! The API's paths, named once for the client and the router.

/// Liveness and version.
pub const HEALTH: &str = "/api/health";
/// The OpenAPI description.
pub const OPENAPI: &str = "/api/openapi.json";
/// The demo persons (development only).
pub const DEV_PERSONS: &str = "/api/dev/persons";
/// Log in as a demo person (development only).
pub const DEV_LOGIN: &str = "/api/dev/login";
/// The outbox (development only).
pub const DEV_MAILBOX: &str = "/api/dev/mailbox";
/// Publish new terms (development only).
pub const DEV_PUBLISH_TERMS: &str = "/api/dev/operator/terms";
/// Log out.
pub const LOGOUT: &str = "/api/logout";
/// Who is logged in, in which context.
pub const SESSION: &str = "/api/session";
/// Choose the context to act in.
pub const SESSION_CONTEXT: &str = "/api/session/context";
/// The terms in force.
pub const TERMS_CURRENT: &str = "/api/terms/current";
/// The organisations the register shows the person in.
pub const MY_ORGANISATIONS: &str = "/api/organisations";
/// The person's cases; a new case.
pub const CASES: &str = "/api/cases";

/// `/api/organisations/{cvr}`
///
/// ```
/// let cvr = tilslut_api::Cvr::parse("13748136").unwrap();
/// assert_eq!(tilslut_api::paths::organisation(&cvr), "/api/organisations/13748136");
/// ```
pub fn organisation(cvr: &crate::Cvr) -> String {
    format!("{MY_ORGANISATIONS}/{cvr}")
}

/// `/api/cases/{id}` and its actions, `/api/cases/{id}/{action}`.
///
/// ```
/// assert_eq!(tilslut_api::paths::case("c-1", Some("approve")), "/api/cases/c-1/approve");
/// ```
pub fn case(id: &str, action: Option<&str>) -> String {
    match action {
        Some(action) => format!("{CASES}/{id}/{action}"),
        None => format!("{CASES}/{id}"),
    }
}
