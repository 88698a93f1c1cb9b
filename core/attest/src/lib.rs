//! # avain-attest
//!
//! The bank's side of key attestation: whether the keys a phone registers live in the
//! phone's secure hardware, as the platform vendor attests.
//!
//! - [`android`]: Android Key Attestation. The key's certificate chain up to Google's
//!   hardware attestation roots, every certificate's validity, Google's revocation status
//!   list, and the KeyDescription extension: security level, challenge, purpose, EC P-256,
//!   user authentication for K_bio, root of trust, the app.
//! - [`apple`]: App Attest. The attestation object (CBOR, `x5c` chain to Apple's App
//!   Attestation root, the nonce, the app id, counter, environment, key id) and the
//!   assertions that follow it, with their increasing counter.
//! - [`policy`]: required / preferred / off per platform and the minimum level;
//!   [`verdict`]: what the bank stores with the device; [`reason`]: why evidence was refused,
//!   as stable codes.
//! - [`roots`]: the vendors' roots, bundled from `data/` and replaceable.
//! - `testing` (feature `test-root`): a test authority whose chains and attestation objects
//!   look like the vendors', for the sandbox's simulated phones.
//!
//! Everything is pure: the time, the roots and the revocation list are arguments; no
//! network, no files, no clock. Bank side only: the phone library does not depend on it.
//! docs/attestation.md describes what is attested and what is not.

#![deny(missing_docs)]

pub mod android;
pub mod apple;
mod chain;
mod der;
pub mod evidence;
pub mod policy;
pub mod reason;
pub mod roots;
#[cfg(feature = "test-root")]
pub mod testing;
pub mod verdict;

pub use policy::{Admission, AndroidPolicy, ApplePolicy, KeyRole, Requirement};
pub use reason::Reason;
pub use roots::TrustAnchors;
pub use verdict::{AppleEnvironment, Attested, SecurityLevel, Verdict};
