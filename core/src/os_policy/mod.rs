//! OS and app version gating: which phones may run the app, decided from a policy the
//! bank signs.
//!
//! - [`version`]: dotted versions ("13.4.1" counts as 13.4 for an OS).
//! - [`document`]: the policy document (serde), per platform.
//! - [`builtin`]: the default that ships with the app, from the bank's announcement.
//! - [`gate`]: the decision for (platform, OS version, app version, today).
//! - [`signed`]: signature verification against the bank's keys and replay protection.
//! - [`rollback`]: the floor under the cached policy, kept in the secret store.
//!
//! Everything here is pure: "today", the keys, the last accepted sequence number and the
//! random source for signing are arguments. The store keeps the last accepted policy.

pub mod builtin;
pub mod document;
pub mod gate;
pub mod rollback;
pub mod signed;
pub mod version;

pub use builtin::{BUILTIN_CUTOFF, BUILTIN_WARN_FROM};
pub use document::{Fallback, OsPolicy, POLICY_FORMAT, Platform, PlatformRule, PolicyRuleError};
pub use gate::{GateDecision, GateError, GateReason};
pub use rollback::{ROLLBACK_FLOOR_NAME, Standing};
pub use signed::{BankKey, POLICY_SIGNING_DOMAIN, PolicyError, SignedPolicy, signing_input};
pub use version::{Version, VersionError};
