//! What key attestation binds to, written once for the phone and the bank
//! (docs/attestation.md, "What is attested"; vectors in `tests/vectors/attestation.json`).
//!
//! - Android: a Keystore key is generated with an attestation challenge, so the challenge
//!   must exist before the key does. It is [`key_attestation_challenge`]: the bank's fresh
//!   nonce (registration's `nonce`, or a biometric key's attestation challenge) bound to
//!   the key's role, the profile and the device, so evidence made for one key, profile or
//!   device never counts for another.
//! - Apple: App Attest signs a client data hash the app chooses after the keys exist. At
//!   registration it is [`app_attest_client_data_hash`] of the registration's signed bytes
//!   (the bank's nonce, the ids, K_dev, K_pin and the profile name), and an App Attest
//!   assertion on an approval hashes that approval's signed bytes the same way.

use ring::digest;
use serde::{Deserialize, Serialize};

/// The key an attestation speaks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AttestedKeyRole {
    /// K_dev, the device key (possession), attested at registration.
    Device,
    /// K_bio, the biometric key (inherence), attested when biometrics are switched on.
    Biometric,
}

impl AttestedKeyRole {
    /// The domain hashed first: `avain/attestation/device_key` or `.../biometric_key`.
    pub fn domain(self) -> &'static str {
        match self {
            AttestedKeyRole::Device => "avain/attestation/device_key",
            AttestedKeyRole::Biometric => "avain/attestation/biometric_key",
        }
    }
}

/// The Android attestation challenge for a key: SHA-256 over the length-prefixed fields
/// `domain`, `nonce`, `profile_id`, `device_id` (each a 4-byte big-endian length, then the
/// bytes, as in the signed bytes). 32 bytes, within Keystore's 128-byte limit.
pub fn key_attestation_challenge(
    role: AttestedKeyRole,
    nonce: &[u8],
    profile_id: &str,
    device_id: &str,
) -> [u8; 32] {
    let mut hash = digest::Context::new(&digest::SHA256);
    for field in [
        role.domain().as_bytes(),
        nonce,
        profile_id.as_bytes(),
        device_id.as_bytes(),
    ] {
        // Every field the bank or the phone passes is far below 4 GiB.
        let len = u32::try_from(field.len()).unwrap_or(u32::MAX);
        hash.update(&len.to_be_bytes());
        hash.update(field);
    }
    let mut out = [0u8; 32];
    out.copy_from_slice(hash.finish().as_ref());
    out
}

/// App Attest's client data hash for signed bytes: SHA-256 of them, as Apple's
/// `attestKey` and `generateAssertion` take it.
pub fn app_attest_client_data_hash(signed_bytes: &[u8]) -> [u8; 32] {
    let mut out = [0u8; 32];
    out.copy_from_slice(digest::digest(&digest::SHA256, signed_bytes).as_ref());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_field_changes_the_challenge_and_fields_cannot_shift() {
        let base = key_attestation_challenge(AttestedKeyRole::Device, b"nonce", "p1", "d1");
        assert_ne!(
            base,
            key_attestation_challenge(AttestedKeyRole::Biometric, b"nonce", "p1", "d1")
        );
        assert_ne!(
            base,
            key_attestation_challenge(AttestedKeyRole::Device, b"nonc", "p1", "d1")
        );
        assert_ne!(
            base,
            key_attestation_challenge(AttestedKeyRole::Device, b"nonce", "p2", "d1")
        );
        assert_ne!(
            base,
            key_attestation_challenge(AttestedKeyRole::Device, b"nonce", "p1", "d2")
        );
        // Moving a byte from one field to the next gives other bytes (the length prefixes).
        assert_ne!(
            key_attestation_challenge(AttestedKeyRole::Device, b"nonce", "p1d", "1"),
            key_attestation_challenge(AttestedKeyRole::Device, b"nonce", "p1", "d1"),
        );
    }

    #[test]
    fn the_client_data_hash_is_sha256_of_the_bytes() {
        assert_eq!(
            hex::encode(app_attest_client_data_hash(b"abc")),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
