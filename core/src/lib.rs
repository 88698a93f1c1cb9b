//! # avain-core
//!
//! Every rule and flow of Avain, the Finnish mobile bank app and its authenticator,
//! usable from Rust without UniFFI. Pure decisions (PIN rules, OS gating, language,
//! Finnish formats, state machines) take "now" and their data as arguments and do no
//! I/O; storage, keys and networking live in their own modules around them.
//!
//! User-facing text comes from [`i18n`] in Finnish, Swedish and English.

#![deny(missing_docs)]

pub mod client;
pub mod confirmation;
pub mod error;
pub mod hetu;
pub mod inbox;
pub mod keys;
pub mod language;
pub mod net;
pub mod os_policy;
pub mod password;
pub mod payments;
pub mod pin;
pub mod random;
pub mod scam;
pub mod secrets;
pub mod store;

#[cfg(feature = "uniffi")]
uniffi::setup_scaffolding!("avain_core");
// The protocol's times cross the FFI as declared there (avain_protocol::uniffi_types).
#[cfg(feature = "uniffi")]
uniffi::use_remote_type!(avain_protocol::time::OffsetDateTime);
#[cfg(feature = "uniffi")]
uniffi::use_remote_type!(avain_protocol::time::Date);

pub use avain_protocol::Language;
pub use client::{Avain, AvainConfig, AvainError, BankConfig, PlatformParts};

// The contract with the bank lives in avain-protocol; these keep its modules at the paths
// the core, the bindings and the tests have always used.
pub use avain_protocol::{api, app_link, attestation, i18n, lifecycle, signed_bytes};
