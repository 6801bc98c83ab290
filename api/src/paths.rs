//! The API's paths, named once for the client and the router (the app's own addresses are
//! [`crate::pages`]).

/// Readiness and version: the database answers with this version's schema.
pub const HEALTH: &str = "/api/health";
/// Liveness and version: the process answers, whatever its database does.
pub const LIVE: &str = "/api/health/live";
/// The OpenAPI description.
pub const OPENAPI: &str = "/api/openapi.json";
/// The demo persons (development only).
pub const DEV_PERSONS: &str = "/api/dev/persons";
/// Log in as a demo person (development only).
pub const DEV_LOGIN: &str = "/api/dev/login";
/// The outbox (development only).
pub const DEV_MAILBOX: &str = "/api/dev/mailbox";
/// New terms in force at once (development only).
pub const DEV_TERMS: &str = "/api/dev/terms";
/// Log in through the OpenID Connect provider: `?return_to=/a/path` (answers with a redirect).
pub const LOGIN: &str = "/api/login";
/// Where the provider sends the browser back.
pub const LOGIN_CALLBACK: &str = "/api/login/callback";
/// The query parameter that tells the page a signing came back to why it failed (a
/// [`crate::LoginFailure`]).
pub const SIGNING_FAILURE_PARAM: &str = "underskrift";
/// Log out.
pub const LOGOUT: &str = "/api/logout";
/// Who is logged in, in which context.
pub const SESSION: &str = "/api/session";
/// Choose the context to act in.
pub const SESSION_CONTEXT: &str = "/api/session/context";
/// The person's own e-mail address: given (a code is sent there), and confirmed with the code.
pub const SESSION_EMAIL: &str = "/api/session/email";
/// Confirms the address given with the code sent to it.
pub const SESSION_EMAIL_CONFIRM: &str = "/api/session/email/confirm";
/// The terms in force.
pub const TERMS_CURRENT: &str = "/api/terms/current";
/// The organisations the register shows the person in.
pub const MY_ORGANISATIONS: &str = "/api/organisations";
/// One organisation, by CVR number, as the router writes it ([`organisation`] fills it in).
pub const ORGANISATION: &str = "/api/organisations/{cvr}";
/// The person's cases; a new case.
pub const CASES: &str = "/api/cases";
/// What an administrator's set-up link is about, as the router writes it ([`setup`] fills it in).
pub const SETUP: &str = "/api/setup/{token}";
/// The administrator confirms their e-mail address through the link.
pub const SETUP_CONFIRM: &str = "/api/setup/{token}/confirm";
/// The caseworker's queue of documentation cases.
pub const REVIEW_CASES: &str = "/api/review/cases";
/// One case in review, as the router writes it ([`review_case`] fills it in).
pub const REVIEW_CASE: &str = "/api/review/cases/{id}";
/// A document of a case in review, as the router writes it ([`review_document`] fills it in).
pub const REVIEW_DOCUMENT: &str = "/api/review/cases/{id}/documents/{document}";
/// A page of a case's history for the caseworker, as the router writes it ([`review_history`] fills it in).
pub const REVIEW_HISTORY: &str = "/api/review/cases/{id}/history";
/// The caseworker's decision on a case, as the router writes it.
pub const REVIEW_DECISION: &str = "/api/review/cases/{id}/decision";
/// The terms: every version, and a new one to publish.
pub const REVIEW_TERMS: &str = "/api/review/terms";

/// What can be done to a case: the last segment of `/api/cases/{id}/{action}`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CaseAction {
    /// `PUT`: the organisation administrators.
    Administrators,
    /// `PUT`: the representative who must approve a preparation.
    Approver,
    /// `POST`: accept the terms in force.
    Terms,
    /// `POST`: send a preparation to its approver, or documentation to manual review.
    Submit,
    /// `POST`: approve and sign.
    Approve,
    /// `POST`: reject a preparation, with a reason.
    Reject,
    /// `POST`: withdraw a preparation.
    Withdraw,
    /// `POST`: upload a document (multipart).
    Documents,
    /// `GET`: the text the person would sign to approve the case now.
    SigningText,
    /// `POST`: a new set-up link for an administrator of a connected organisation.
    SetupLink,
}

impl CaseAction {
    /// The path segment.
    pub fn as_str(self) -> &'static str {
        match self {
            CaseAction::Administrators => "administrators",
            CaseAction::Approver => "approver",
            CaseAction::Terms => "terms",
            CaseAction::Submit => "submit",
            CaseAction::Approve => "approve",
            CaseAction::Reject => "reject",
            CaseAction::Withdraw => "withdraw",
            CaseAction::Documents => "documents",
            CaseAction::SigningText => "signing-text",
            CaseAction::SetupLink => "setup-link",
        }
    }
}

/// `/api/organisations/{cvr}`
///
/// ```
/// let cvr = tilslut_api::Cvr::parse("13748136").unwrap();
/// assert_eq!(tilslut_api::paths::organisation(&cvr), "/api/organisations/13748136");
/// ```
pub fn organisation(cvr: &crate::Cvr) -> String {
    format!("{MY_ORGANISATIONS}/{cvr}")
}

/// `/api/cases/{id}` and its actions, `/api/cases/{id}/{action}`; the router's templates are
/// these with the id `{id}`.
///
/// ```
/// use tilslut_api::paths::{case, CaseAction};
///
/// assert_eq!(case("c-1", Some(CaseAction::Approve)), "/api/cases/c-1/approve");
/// assert_eq!(case("{id}", None), "/api/cases/{id}");
/// ```
pub fn case(id: &str, action: Option<CaseAction>) -> String {
    match action {
        Some(action) => format!("{CASES}/{id}/{}", action.as_str()),
        None => format!("{CASES}/{id}"),
    }
}

/// `/api/setup/{token}`, or its confirmation.
///
/// ```
/// assert_eq!(tilslut_api::paths::setup("abc", true), "/api/setup/abc/confirm");
/// ```
pub fn setup(token: &str, confirm: bool) -> String {
    let path = SETUP.replace("{token}", token);
    if confirm {
        format!("{path}/confirm")
    } else {
        path
    }
}

/// `/api/review/cases/{id}`, or its decision.
///
/// ```
/// assert_eq!(tilslut_api::paths::review_case("c-1", true), "/api/review/cases/c-1/decision");
/// ```
pub fn review_case(id: &str, decision: bool) -> String {
    let path = REVIEW_CASE.replace("{id}", id);
    if decision {
        format!("{path}/decision")
    } else {
        path
    }
}

/// `/api/review/cases/{id}/history?before={before}`: the events before the `before`th.
///
/// ```
/// assert_eq!(tilslut_api::paths::review_history("c-1", 51), "/api/review/cases/c-1/history?before=51");
/// ```
pub fn review_history(id: &str, before: u32) -> String {
    format!("{}?before={before}", REVIEW_HISTORY.replace("{id}", id))
}

/// `/api/review/cases/{id}/documents/{document}`.
///
/// ```
/// assert_eq!(tilslut_api::paths::review_document("c-1", "d-2"), "/api/review/cases/c-1/documents/d-2");
/// ```
pub fn review_document(id: &str, document: &str) -> String {
    REVIEW_DOCUMENT.replace("{id}", id).replace("{document}", document)
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_filled_in_template_is_the_client_path() {
        let cvr = crate::Cvr::parse("13748136").unwrap();
        assert_eq!(super::organisation(&cvr), super::ORGANISATION.replace("{cvr}", "13748136"));
        assert_eq!(super::setup("t", true), super::SETUP_CONFIRM.replace("{token}", "t"));
        assert_eq!(super::review_case("c", true), super::REVIEW_DECISION.replace("{id}", "c"));
    }
}
