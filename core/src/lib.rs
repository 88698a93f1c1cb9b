//! # avain-core
//!
//! Every rule and flow of Avain, the Finnish mobile bank app and its authenticator,
//! usable from Rust without UniFFI. Pure decisions (PIN rules, OS gating, language,
//! Finnish formats, state machines) take "now" and their data as arguments and do no
//! I/O; storage, keys and networking live in their own modules around them.
//!
//! User-facing text comes from [`i18n`] in Finnish, Swedish and English.

#![deny(missing_docs)]

pub mod api;
pub mod client;
pub mod confirmation;
pub mod hetu;
mod hex_bytes;
pub mod i18n;
pub mod inbox;
pub mod keys;
pub mod language;
pub mod lifecycle;
pub mod net;
pub mod os_policy;
pub mod password;
pub mod payments;
pub mod pin;
pub mod random;
pub mod scam;
pub mod secrets;
pub mod signed_bytes;
pub mod store;

pub use client::{Avain, AvainConfig, AvainError, BankConfig, PlatformParts};
pub use i18n::Language;
