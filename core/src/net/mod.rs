//! Talking to the bank: HTTPS only, rustls on `ring`, explicit trust (system roots, an
//! extra root, pinned keys), timeouts, and retries only for idempotent reads.

mod caller;
mod http;
mod spki;
mod tls;

use thiserror::Error;

use crate::api::ErrorCode;

pub use caller::{Caller, must_finish, still_waiting};
pub use http::{BankHttp, HttpOptions};
pub use tls::{Trust, client_config, spki_sha256};

/// What went wrong between the core and the bank. Never carries request or response
/// bodies, tokens or URLs with query strings: only codes safe to log.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum NetError {
    /// The app's configuration is wrong (an `http://` bank URL, no trust anchor...).
    /// The code names which part.
    #[error("network configuration: {0}")]
    Configuration(&'static str),
    /// A configured certificate is not well-formed DER.
    #[error("a configured certificate is malformed")]
    BadCertificate,
    /// The server's certificate chain or pinned key was not accepted: possibly an
    /// attack, never retried.
    #[error("the server is not trusted")]
    UntrustedServer,
    /// No answer in time.
    #[error("the bank did not answer in time")]
    Timeout,
    /// No connection (offline, DNS, refused).
    #[error("no connection to the bank")]
    Connect,
    /// The bank answered with an error; `code` is its stable error code.
    #[error("the bank refused the request: {code} (HTTP {status})")]
    Bank {
        /// HTTP status.
        status: u16,
        /// The bank's stable error code, e.g. [`ErrorCode::ChallengeExpired`]; a code this
        /// version does not know is [`ErrorCode::Unknown`], an answer without a code is
        /// [`ErrorCode::Internal`] from a 5xx status and `Unknown` from any other.
        code: ErrorCode,
        /// Attempts left before a lock, when the bank says (wrong PIN, wrong code).
        attempts_left: Option<u32>,
    },
    /// The answer was not what the protocol says.
    #[error("unexpected answer from the bank")]
    Protocol,
    /// The bank throttled the request (HTTP 429): too many attempts; `retry_after_s` is
    /// its `Retry-After` in seconds, when it said. Not retried automatically.
    #[error("the bank asks to wait before trying again")]
    Throttled {
        /// Seconds to wait, from `Retry-After` (at most a day).
        retry_after_s: Option<u32>,
    },
    /// Not sent: the app stopped waiting for the flow ([`Caller::leave`]).
    #[error("the app stopped waiting; the request was not sent")]
    Cancelled,
}

impl NetError {
    /// A stable snake_case code for logs and the FFI.
    pub fn code(&self) -> &'static str {
        match self {
            NetError::Configuration(_) => "configuration",
            NetError::BadCertificate => "bad_certificate",
            NetError::UntrustedServer => "untrusted_server",
            NetError::Timeout => "timeout",
            NetError::Connect => "connect",
            NetError::Bank { code, .. } => code.as_str(),
            NetError::Protocol => "protocol",
            NetError::Throttled { .. } => "rate_limited",
            NetError::Cancelled => "cancelled",
        }
    }

    /// Whether trying the same idempotent request again may help.
    pub fn is_transient(&self) -> bool {
        match self {
            NetError::Timeout | NetError::Connect => true,
            NetError::Bank { status, .. } => matches!(status, 502..=504),
            _ => false,
        }
    }
}
