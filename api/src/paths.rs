//! The API's paths, named once for the client and the router.

pub const HEALTH: &str = "/api/health";
pub const OPENAPI: &str = "/api/openapi.json";
pub const DEV_PERSONS: &str = "/api/dev/persons";
pub const DEV_LOGIN: &str = "/api/dev/login";
pub const DEV_MAILBOX: &str = "/api/dev/mailbox";
pub const DEV_PUBLISH_TERMS: &str = "/api/dev/operator/terms";
pub const LOGOUT: &str = "/api/logout";
pub const SESSION: &str = "/api/session";
pub const SESSION_CONTEXT: &str = "/api/session/context";
pub const TERMS_CURRENT: &str = "/api/terms/current";
pub const MY_ORGANISATIONS: &str = "/api/organisations";
pub const CASES: &str = "/api/cases";

/// `/api/organisations/{cvr}`
pub fn organisation(cvr: &crate::Cvr) -> String {
    format!("{MY_ORGANISATIONS}/{cvr}")
}

/// `/api/cases/{id}` and its actions, `/api/cases/{id}/{action}`.
pub fn case(id: &str, action: Option<&str>) -> String {
    match action {
        Some(action) => format!("{CASES}/{id}/{action}"),
        None => format!("{CASES}/{id}"),
    }
}
