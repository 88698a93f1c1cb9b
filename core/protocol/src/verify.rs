//! Checking signatures against public keys: what the server does with an assertion, and
//! what the core does with keys it just made.

use ring::signature::{ECDSA_P256_SHA256_ASN1, ED25519, UnparsedPublicKey};

/// Whether `signature` (ASN.1 DER) is K_dev's ECDSA P-256 SHA-256 signature of `message`.
pub fn verify_device_signature(public_key: &[u8], message: &[u8], signature: &[u8]) -> bool {
    UnparsedPublicKey::new(&ECDSA_P256_SHA256_ASN1, public_key)
        .verify(message, signature)
        .is_ok()
}

/// Whether `signature` (64 bytes) is K_pin's Ed25519 signature of `message`.
pub fn verify_pin_signature(public_key: &[u8], message: &[u8], signature: &[u8]) -> bool {
    UnparsedPublicKey::new(&ED25519, public_key)
        .verify(message, signature)
        .is_ok()
}

/// Whether `signature` (ASN.1 DER) is K_bio's ECDSA P-256 SHA-256 signature of `message`.
pub fn verify_biometric_signature(public_key: &[u8], message: &[u8], signature: &[u8]) -> bool {
    verify_device_signature(public_key, message, signature)
}
