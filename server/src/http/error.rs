//! Every failure the API reports, as an RFC 9457 `application/problem+json` response.

use axum::extract::rejection::{JsonRejection, PathRejection, QueryRejection};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use tilslut_api::{FieldCode, FieldError, Problem, ProblemCode};

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("log in first")]
    Unauthenticated,
    #[error("{detail}")]
    Forbidden { code: ProblemCode, detail: String },
    #[error("{0} not found")]
    NotFound(&'static str),
    #[error("the input has errors")]
    Validation(Vec<FieldError>),
    #[error("{detail}")]
    Conflict { code: ProblemCode, detail: String },
    #[error("{detail}")]
    BadRequest { code: ProblemCode, detail: String },
    /// What the request names existed but is no more (410), with its own code.
    #[error("{detail}")]
    Gone { code: ProblemCode, detail: String },
    #[error("the request body is larger than allowed")]
    PayloadTooLarge,
    /// Too many in a short time: `retry_after` seconds until the next is let through.
    #[error("too many requests")]
    TooManyRequests { retry_after: u64 },
    /// A limit on what one person may do (429), with its own code, and when it lifts if time
    /// lifts it.
    #[error("{detail}")]
    Limit { code: ProblemCode, detail: String, retry_after: Option<u64> },
    /// The database cannot be reached, or is not what this version expects (503).
    #[error("the service is unavailable for a moment")]
    Unavailable(String),
    /// The cause is logged, never sent to the client.
    #[error("internal error")]
    Internal(String),
}

impl From<sqlx::Error> for ApiError {
    fn from(e: sqlx::Error) -> Self {
        match e {
            // The database is away for now, not wrong: the client may try again.
            sqlx::Error::PoolTimedOut | sqlx::Error::PoolClosed | sqlx::Error::Io(_) => ApiError::Unavailable(format!("database: {e}")),
            sqlx::Error::Database(ref db) if db.code().is_some_and(|code| is_passing(&code)) => {
                ApiError::Unavailable(format!("database: {e}"))
            }
            e => ApiError::Internal(format!("database: {e}")),
        }
    }
}

/// PostgreSQL's codes for what passes by itself: a transaction chosen to end a deadlock or a
/// serialization conflict (class 40), a server shutting down or restarting (class 57P), too few
/// resources (class 53: a full disk, memory, too many connections), an I/O error (58030).
/// SQLite's are a number whose low byte is the primary code (5 busy also as 261 or 517): its busy
/// database after its wait (5), an I/O error (10) and a full disk (13). PostgreSQL's codes are
/// five characters long.
fn is_passing(code: &str) -> bool {
    let sqlite = code.len() < 5 && code.parse::<u32>().is_ok_and(|code| matches!(code & 0xff, 5 | 10 | 13));
    code.starts_with("40") || code.starts_with("57P") || code.starts_with("53") || code == "58030" || sqlite
}

impl From<serde_json::Error> for ApiError {
    fn from(e: serde_json::Error) -> Self {
        ApiError::Internal(format!("json: {e}"))
    }
}
impl From<tower_sessions::session::Error> for ApiError {
    fn from(e: tower_sessions::session::Error) -> Self {
        match e {
            // The sessions are in the database: when it is away, so are they, for now.
            tower_sessions::session::Error::Store(_) => ApiError::Unavailable(format!("session: {e}")),
            e => ApiError::Internal(format!("session: {e}")),
        }
    }
}

impl ApiError {
    pub fn forbidden(code: ProblemCode, detail: impl Into<String>) -> Self {
        ApiError::Forbidden { code, detail: detail.into() }
    }
    pub fn conflict(code: ProblemCode, detail: impl Into<String>) -> Self {
        ApiError::Conflict { code, detail: detail.into() }
    }
    pub fn bad_request(code: ProblemCode, detail: impl Into<String>) -> Self {
        ApiError::BadRequest { code, detail: detail.into() }
    }
    pub fn limit(code: ProblemCode, detail: impl Into<String>, retry_after: Option<u64>) -> Self {
        ApiError::Limit { code, detail: detail.into(), retry_after }
    }
    pub fn field(field: &str, code: FieldCode) -> Self {
        ApiError::Validation(vec![FieldError::new(field, code)])
    }

    /// The problem's code, as the client reads it.
    pub fn code(&self) -> ProblemCode {
        self.status_and_code().1
    }

    fn status_and_code(&self) -> (StatusCode, ProblemCode) {
        match self {
            ApiError::Unauthenticated => (StatusCode::UNAUTHORIZED, ProblemCode::Unauthenticated),
            ApiError::Forbidden { code, .. } => (StatusCode::FORBIDDEN, *code),
            ApiError::NotFound(_) => (StatusCode::NOT_FOUND, ProblemCode::NotFound),
            ApiError::Validation(_) => (StatusCode::UNPROCESSABLE_ENTITY, ProblemCode::Validation),
            ApiError::Conflict { code, .. } => (StatusCode::CONFLICT, *code),
            ApiError::BadRequest { code, .. } => (StatusCode::BAD_REQUEST, *code),
            ApiError::Gone { code, .. } => (StatusCode::GONE, *code),
            ApiError::PayloadTooLarge => (StatusCode::PAYLOAD_TOO_LARGE, ProblemCode::PayloadTooLarge),
            ApiError::TooManyRequests { .. } => (StatusCode::TOO_MANY_REQUESTS, ProblemCode::RateLimited),
            ApiError::Limit { code, .. } => (StatusCode::TOO_MANY_REQUESTS, *code),
            ApiError::Unavailable(_) => (StatusCode::SERVICE_UNAVAILABLE, ProblemCode::Unavailable),
            ApiError::Internal(_) => (StatusCode::INTERNAL_SERVER_ERROR, ProblemCode::Internal),
        }
    }
}

pub fn problem_response(status: StatusCode, code: ProblemCode, detail: Option<String>, errors: Vec<FieldError>) -> Response {
    let problem = Problem {
        problem_type: format!("urn:tilslut:problem:{code}"),
        title: status.canonical_reason().unwrap_or("Error").to_string(),
        status: status.as_u16(),
        code,
        detail,
        errors,
    };
    let body = serde_json::to_vec(&problem).unwrap_or_default();
    (status, [(header::CONTENT_TYPE, "application/problem+json")], body).into_response()
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, code) = self.status_and_code();
        if let ApiError::Internal(cause) | ApiError::Unavailable(cause) = &self {
            tracing::error!(%cause, "request failed");
        }
        let detail = Some(self.to_string());
        let retry_after = match self {
            ApiError::TooManyRequests { retry_after } => Some(retry_after.max(1)),
            ApiError::Limit { retry_after, .. } => retry_after.map(|seconds| seconds.max(1)),
            _ => None,
        };
        let errors = match self {
            ApiError::Validation(errors) => errors,
            _ => Vec::new(),
        };
        let mut response = problem_response(status, code, detail, errors);
        if let Some(seconds) = retry_after {
            response.headers_mut().insert(header::RETRY_AFTER, seconds.into());
        }
        response
    }
}

impl From<JsonRejection> for ApiError {
    fn from(rejection: JsonRejection) -> Self {
        match rejection {
            JsonRejection::JsonDataError(e) => ApiError::bad_request(ProblemCode::InvalidBody, e.body_text()),
            JsonRejection::JsonSyntaxError(e) => ApiError::bad_request(ProblemCode::MalformedJson, e.body_text()),
            JsonRejection::MissingJsonContentType(e) => ApiError::bad_request(ProblemCode::ContentType, e.body_text()),
            JsonRejection::BytesRejection(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => ApiError::PayloadTooLarge,
            other => ApiError::bad_request(ProblemCode::InvalidBody, other.body_text()),
        }
    }
}

impl From<PathRejection> for ApiError {
    fn from(rejection: PathRejection) -> Self {
        ApiError::bad_request(ProblemCode::InvalidPath, rejection.body_text())
    }
}

impl From<QueryRejection> for ApiError {
    fn from(rejection: QueryRejection) -> Self {
        ApiError::bad_request(ProblemCode::InvalidQuery, rejection.body_text())
    }
}

/// `axum::extract::Query` whose rejections are problem documents like every other error.
#[derive(axum::extract::FromRequestParts)]
#[from_request(via(axum::extract::Query), rejection(ApiError))]
pub struct ApiQuery<T>(pub T);

/// `axum::extract::Path` whose rejections are problem documents like every other error.
#[derive(axum::extract::FromRequestParts)]
#[from_request(via(axum::extract::Path), rejection(ApiError))]
pub struct ApiPath<T>(pub T);

/// `axum::Json` whose rejections are problem documents like every other error.
#[derive(axum::extract::FromRequest)]
#[from_request(via(axum::Json), rejection(ApiError))]
pub struct ApiJson<T>(pub T);

impl<T: serde::Serialize> IntoResponse for ApiJson<T> {
    fn into_response(self) -> Response {
        axum::Json(self.0).into_response()
    }
}

pub type ApiResult<T> = Result<ApiJson<T>, ApiError>;

#[cfg(test)]
mod tests {
    use super::{is_passing, ApiError};
    use axum::http::header::RETRY_AFTER;
    use axum::response::IntoResponse;
    use tilslut_api::ProblemCode;

    #[test]
    fn a_limit_that_time_lifts_says_when() {
        let lifts = ApiError::limit(ProblemCode::TooManyCases, "a day's worth", Some(3600)).into_response();
        assert_eq!(lifts.headers()[RETRY_AFTER], "3600");
        let stays = ApiError::limit(ProblemCode::TooManyCases, "close one first", None).into_response();
        assert!(!stays.headers().contains_key(RETRY_AFTER));
    }

    #[test]
    fn only_failures_that_pass_by_themselves_are_unavailable() {
        // Serialization failure, deadlock, admin shutdown, too many connections; SQLite busy,
        // busy recovering, busy snapshot.
        // A full disk or an I/O error on either: PostgreSQL's disk_full, SQLite's full, write error.
        for code in ["40001", "40P01", "57P01", "53300", "5", "261", "517", "53100", "58030", "13", "778"] {
            assert!(is_passing(code), "{code}");
        }
        // Unique violation, undefined table; SQLite constraint, generic error, corrupt.
        for code in ["23505", "42P01", "2067", "1", "11"] {
            assert!(!is_passing(code), "{code}");
        }
    }
}
