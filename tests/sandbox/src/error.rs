//! The server's error type: a stable code (shared with the client in `avain_protocol::api`),
//! rendered as the JSON [`ErrorBody`] in the request's language.

use avain_protocol::api::{ErrorBody, ErrorCode};
use axum::http::header::{RETRY_AFTER, WWW_AUTHENTICATE};
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

use crate::language;

/// An error answer. Carries no personal data, by construction: only a code and a count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ApiError {
    /// The stable code.
    pub code: ErrorCode,
    /// Attempts left before a lock, where that applies.
    pub attempts_left: Option<u32>,
    /// Seconds until a throttled request may be tried again (`Retry-After`).
    pub retry_after_s: Option<u32>,
}

impl ApiError {
    /// An error with just a code.
    pub fn new(code: ErrorCode) -> Self {
        ApiError {
            code,
            attempts_left: None,
            retry_after_s: None,
        }
    }

    /// An error that also says how many attempts are left.
    pub fn with_attempts_left(code: ErrorCode, attempts_left: u32) -> Self {
        ApiError {
            code,
            attempts_left: Some(attempts_left),
            retry_after_s: None,
        }
    }

    /// A throttled request: `rate_limited` (429) with `Retry-After: seconds`.
    pub fn rate_limited(seconds: u32) -> Self {
        ApiError {
            code: ErrorCode::RateLimited,
            attempts_left: None,
            retry_after_s: Some(seconds),
        }
    }

    /// An internal failure. `what` says where, `err` why; both go to stderr for the
    /// operator and never to the client. Callers pass errors that hold no personal data
    /// (database and I/O errors name statements and paths, not bound values).
    pub fn internal(what: &str, err: impl std::fmt::Display) -> Self {
        eprintln!("avain-sandbox: internal error: {what}: {err}");
        ApiError::new(ErrorCode::Internal)
    }
}

impl From<ErrorCode> for ApiError {
    fn from(code: ErrorCode) -> Self {
        ApiError::new(code)
    }
}

impl From<rusqlite::Error> for ApiError {
    fn from(err: rusqlite::Error) -> Self {
        ApiError::internal("database", err)
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code.as_str())
    }
}

impl std::error::Error for ApiError {}

/// The `WWW-Authenticate` value of every 401 answer.
pub const BEARER_CHALLENGE: &str = "Bearer realm=\"avain\"";

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let lang = language::current();
        let body = match self.attempts_left {
            Some(n) => ErrorBody::with_attempts_left(self.code, lang, n),
            None => ErrorBody::new(self.code, lang),
        };
        let status =
            StatusCode::from_u16(self.code.http_status()).unwrap_or(StatusCode::BAD_REQUEST);
        let mut response = (status, axum::Json(body)).into_response();
        if status == StatusCode::UNAUTHORIZED {
            // HTTP requires a challenge with every 401 (RFC 9110 section 15.5.2): the API's
            // only scheme is the bearer session (RFC 6750), whichever check refused.
            response
                .headers_mut()
                .insert(WWW_AUTHENTICATE, HeaderValue::from_static(BEARER_CHALLENGE));
        }
        if let Some(seconds) = self.retry_after_s {
            response
                .headers_mut()
                .insert(RETRY_AFTER, HeaderValue::from(seconds));
        }
        response
    }
}

/// The result type of handlers and database jobs.
pub type ApiResult<T> = Result<T, ApiError>;
