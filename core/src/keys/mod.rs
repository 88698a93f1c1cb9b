//! The three keys of a profile, each one PSD2 factor:
//!
//! - K_dev, possession ([`DeviceKey`]): ECDSA P-256, made by the platform keystore on a phone
//!   (never exportable), or by [`SoftwareDeviceKeys`] with `ring` in Rust programs.
//! - K_pin, knowledge ([`PinKey`]): an Ed25519 key *derived* from the PIN, the profile's
//!   salt and device secret, and stored nowhere. Every PIN gives a valid-looking key; only
//!   the server, which holds the public key, can tell a wrong PIN, and it counts failures.
//! - K_bio, inherence ([`BiometricKey`]): ECDSA P-256 bound to the current biometric set;
//!   the shells implement it, [`SoftwareBiometrics`] stands in for tests and Rust programs.
//!
//! Every approval carries two signatures over the same [`SignedBytes`]: K_dev plus K_pin or
//! K_bio (the wire's `Assertion`, which the bank checks with
//! `avain_protocol::verify::verify_assertion`). Keys are handles: private key bytes never leave this module, and
//! no method holds key material beyond one synchronous call, so an async caller never
//! carries a key across an `.await`.
//!
//! New keys come with the platform's evidence when it can attest them ([`CreatedKey`],
//! [`AppAttest`]); the core carries it to the bank and never judges it.
//!
//! [`SignedBytes`]: crate::signed_bytes::SignedBytes

mod attestation;
mod bio_key;
mod device_key;
mod error;
mod pin_key;
mod wipe;

pub use attestation::{
    AppAttest, AppAttestError, CreatedKey, delete_app_attest_key_id, load_app_attest_key_id,
    store_app_attest_key_id,
};
/// The second factor next to possession: the wire's [`Factor`](avain_protocol::api::Factor),
/// one type on both sides.
pub use avain_protocol::api::Factor as SecondFactor;
pub use avain_protocol::verify::{
    verify_biometric_signature, verify_device_signature, verify_pin_signature,
};
pub use bio_key::{
    BiometricKey, BiometricKeyFactory, PromptResponse, SimulatedSensor, SoftwareBiometrics,
};
pub use device_key::{DeviceKey, DeviceKeyFactory, SoftwareDeviceKeys};
pub use error::KeyError;
pub use pin_key::{
    DEFAULT_PIN_KDF_ITERATIONS, PinKdfParams, PinKey, calibrate_pin_kdf_iterations,
    create_device_secret, delete_device_secret, load_device_secret,
};
pub use wipe::delete_profile_keys;

/// Length of an uncompressed SEC1 P-256 public key (0x04, X, Y).
pub const P256_PUBLIC_KEY_LEN: usize = 65;
/// Length of an Ed25519 public key.
pub const ED25519_PUBLIC_KEY_LEN: usize = 32;
