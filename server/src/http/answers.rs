//! The problem answers that operations list in the OpenAPI description, each declared once.

use tilslut_api::Problem;
use utoipa::IntoResponses;

/// Declares a problem answer that operations list by name, each once in the description.
macro_rules! problem_answer {
    ($($(#[doc = $doc:literal])+ $name:ident = $status:literal;)*) => {$(
        $(#[doc = $doc])+
        #[derive(IntoResponses)]
        #[response(status = $status, content_type = "application/problem+json")]
        #[allow(dead_code)]
        pub struct $name(Problem);
    )*};
}

problem_answer! {
    /// The body is not the request's JSON: malformed, of another shape, or not declared as JSON.
    BadRequest = 400;
    /// Nobody is logged in, or the session has ended.
    Unauthenticated = 401;
    /// The person may not do this, or a state-changing request lacks the context header.
    Forbidden = 403;
    /// No such case or organisation, or not one the person may see.
    NotFound = 404;
    /// The case changed meanwhile or is in another status, the terms changed, or another window switched context.
    Conflict = 409;
    /// It was there, and is no more: a set-up link that expired or was used; `code` says which.
    Gone = 410;
    /// The body is larger than allowed.
    TooLarge = 413;
    /// Fields are wrong; `errors` says which.
    Unprocessable = 422;
    /// Too many requests from this client.
    TooManyRequests = 429;
    /// The server failed (its database, say); the cause is in its log.
    ServerError = 500;
    /// The database cannot be reached, or its schema is not this version's; try again later.
    Unavailable = 503;
}

/// What a change to a case can answer instead of the case.
#[derive(IntoResponses)]
#[allow(dead_code)]
pub enum CaseChangeRefused {
    /// The body is not the request's JSON (or, for an upload, not a readable form).
    #[response(status = 400, content_type = "application/problem+json")]
    BadRequest(Problem),
    /// Nobody is logged in, or the session has ended.
    #[response(status = 401, content_type = "application/problem+json")]
    Unauthenticated(Problem),
    /// The person may not do this to the case, or the request lacks the context header.
    #[response(status = 403, content_type = "application/problem+json")]
    Forbidden(Problem),
    /// No such case, or not one the person may see.
    #[response(status = 404, content_type = "application/problem+json")]
    NotFound(Problem),
    /// The case changed meanwhile or is in another status, the terms changed, or another window switched context.
    #[response(status = 409, content_type = "application/problem+json")]
    Conflict(Problem),
    /// The body is larger than allowed.
    #[response(status = 413, content_type = "application/problem+json")]
    TooLarge(Problem),
    /// Fields are wrong; `errors` says which.
    #[response(status = 422, content_type = "application/problem+json")]
    Unprocessable(Problem),
    /// Too many changes to the case in a minute, or uploads at once; `Retry-After` says when to try again.
    #[response(status = 429, content_type = "application/problem+json")]
    TooManyRequests(Problem),
    /// The server failed; the cause is in its log.
    #[response(status = 500, content_type = "application/problem+json")]
    ServerError(Problem),
}
