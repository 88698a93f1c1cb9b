//! # avain-protocol
//!
//! The contract between Avain's phone side and the bank: what both sides compile against,
//! so that no rule of the protocol is written twice. The phone's core (`avain-core`) and
//! the sandbox bank (`tests/sandbox`, the reference for a bank's side) both depend on it.
//!
//! What it holds:
//! - [`api`]: the JSON wire types of `/v1`. Requests (what the bank reads) refuse unknown
//!   fields; responses (what the phone reads) are read tolerantly. Dates and instants are
//!   ISO 8601 ([`api::wire_time`]).
//! - [`signed_bytes`]: the canonical bytes every approval signs, built from typed fields.
//! - [`verify`]: checking signatures against the public keys the bank stored.
//! - [`lifecycle`]: the profile's state machine, which the phone and the bank both apply.
//! - [`rules`]: the limits and checks both sides apply (text fields, the meeting join
//!   window and booking rules, the session idle timeout, the download period).
//! - [`app_link`]: the link that opens the app from the online bank on the same phone.
//! - [`attestation`]: what key attestation binds to (the Android challenge, the App Attest
//!   client data hash).
//! - [`i18n`]: the one message catalog (fi, sv, en) and [`Language`]; the bank's error
//!   messages and the app's texts come from the same `core/locales`.
//!
//! What it must not hold: I/O (no network, no files, no database), storage, client or
//! server state, clocks ("now" is always an argument), or anything only one side needs.

#![deny(missing_docs)]

pub mod api;
pub mod app_link;
pub mod attestation;
pub mod hex_bytes;
pub mod i18n;
pub mod lifecycle;
pub mod rules;
pub mod signed_bytes;
pub mod verify;

#[cfg(feature = "uniffi")]
uniffi::setup_scaffolding!("avain_protocol");
#[cfg(feature = "uniffi")]
pub mod uniffi_types;

pub use i18n::Language;
