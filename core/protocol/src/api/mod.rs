//! The JSON wire types of the bank API (`/v1`), shared by the sandbox bank and the client.
//!
//! Pure serde types, no I/O: the sandbox bank (`tests/sandbox`) serves them and the core's
//! client sends them, so both sides compile against one definition. The endpoints, their
//! order and their rules are described in `tests/sandbox/openapi.yaml` and
//! `docs/sandbox.md`.
//!
//! Conventions on the wire:
//! - Requests are written strictly, responses read tolerantly. Every request body (what
//!   the bank reads) is a JSON object whose unknown fields are refused
//!   (`deny_unknown_fields`), so a typo never silently drops a value. Every response (what
//!   the phone reads) ignores fields it does not know, and every enum in a response has
//!   an `Unknown` variant for a value a newer bank added, which the app handles (a neutral
//!   display or a clear error): the day the bank adds an optional field or a status, the
//!   installed apps keep working. The bank refuses `Unknown` in a request.
//! - Binary values (public keys, signatures, nonces) are base64url without padding
//!   ([`Base64Bytes`]).
//! - Dates are `YYYY-MM-DD`, instants RFC 3339 in UTC ([`wire_time`]); money is integer
//!   cents with an ISO 4217 currency.
//! - Errors are an [`ErrorBody`] with a stable [`ErrorCode`] and a message localized by the
//!   request's `Accept-Language`.
//! - Secrets (passwords, codes, tokens, HETU) travel in [`Secret`], personal data (IBAN,
//!   phone number) in [`Personal`]: neither prints itself in `Debug`.

mod accounts;
mod attestation;
mod auth;
mod blocking;
mod devices;
mod encoding;
mod error;
mod extra_services;
mod identification;
mod inbox;
mod meeting_guests;
mod meetings;
mod online_bank;
mod payments;
mod registration;
mod reports;
pub mod sandbox;
pub mod sandbox_attestation;
mod signing;
pub mod wire_time;

#[cfg(test)]
mod tolerance_tests;

pub use accounts::*;
pub use attestation::*;
pub use auth::*;
pub use blocking::*;
pub use devices::*;
pub use encoding::*;
pub use error::*;
pub use extra_services::*;
pub use identification::*;
pub use inbox::*;
pub use meeting_guests::*;
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
