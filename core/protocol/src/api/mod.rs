//! The JSON wire types of the bank API (`/v1`), shared by the sandbox bank and the client.
//!
//! Pure serde types, no I/O: the sandbox bank (`tests/sandbox`) serves them and the core's
//! client sends them, so both sides compile against one definition. The endpoints, their
//! order and their rules are described in `tests/sandbox/openapi.yaml` and
//! `docs/sandbox.md`.
//!
//! Conventions on the wire:
//! - Every request body is a JSON object; unknown fields are refused
//!   (`deny_unknown_fields`), so a typo never silently drops a value.
//! - Binary values (public keys, signatures, nonces) are base64url without padding
//!   ([`Base64Bytes`]).
//! - Times are RFC 3339 in UTC; money is integer cents with an ISO 4217 currency.
//! - Errors are an [`ErrorBody`] with a stable [`ErrorCode`] and a message localized by the
//!   request's `Accept-Language`.
//! - Secrets (passwords, codes, tokens, HETU) travel in [`Secret`], personal data (IBAN,
//!   phone number) in [`Personal`]: neither prints itself in `Debug`.

mod accounts;
mod auth;
mod blocking;
mod devices;
mod encoding;
mod error;
mod identification;
mod inbox;
mod meetings;
mod online_bank;
mod payments;
mod registration;
mod reports;
pub mod sandbox;
mod signing;
pub mod wire_time;

pub use accounts::*;
pub use auth::*;
pub use blocking::*;
pub use devices::*;
pub use encoding::*;
pub use error::*;
pub use identification::*;
pub use inbox::*;
pub use meetings::*;
pub use online_bank::*;
pub use payments::*;
pub use registration::*;
pub use reports::*;
pub use signing::*;

pub use crate::lifecycle::{BiometricKind, ProfileState};
pub use crate::signed_bytes::{LoginChannel, Purpose};

/// The path prefix of every endpoint of this API version.
pub const API_PREFIX: &str = "/v1";

/// The header carrying a session token: `Authorization: Bearer <token>`.
pub const AUTHORIZATION_SCHEME: &str = "Bearer";
