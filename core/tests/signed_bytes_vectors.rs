//! The shared test vectors in `tests/vectors/signed_bytes.json`, made by an independent
//! implementation of `docs/protocol.md`, checked through avain-core's public API (the
//! same API the sandbox bank uses).

// Helpers outside #[test] functions panic on a broken vector file, which is the point.
#![allow(clippy::expect_used)]

use avain_core::signed_bytes::{self, Approval, ChallengeContext};
use ring::signature::{self, KeyPair};
use serde::Deserialize;

const VECTORS: &str = include_str!("../../tests/vectors/signed_bytes.json");

#[derive(Deserialize)]
struct Vectors {
    version: u8,
    valid: Vec<Valid>,
    invalid: Vec<Invalid>,
    signatures: Signatures,
}

#[derive(Deserialize)]
struct Valid {
    name: String,
    context: ChallengeContext,
    approval: Approval,
    expected_hex: String,
}

#[derive(Deserialize)]
struct Invalid {
    name: String,
    context: ChallengeContext,
    approval: Approval,
    error: String,
}

#[derive(Deserialize)]
struct Signatures {
    message_vector: String,
    pin_key: PinKey,
    device_key: EcKey,
    biometric_key: EcKey,
}

#[derive(Deserialize)]
struct PinKey {
    seed_hex: String,
    public_key_hex: String,
    signature_hex: String,
}

#[derive(Deserialize)]
struct EcKey {
    pkcs8_hex: String,
    public_key_hex: String,
    signature_der_hex: String,
}

fn vectors() -> Vectors {
    serde_json::from_str(VECTORS).expect("the vector file parses")
}

fn unhex(text: &str) -> Vec<u8> {
    hex::decode(text).expect("hex in the vector file")
}

#[test]
fn the_version_matches() {
    assert_eq!(vectors().version, signed_bytes::VERSION);
}

#[test]
fn every_valid_vector_encodes_to_its_expected_bytes() {
    let vectors = vectors();
    assert!(vectors.valid.len() >= 8);
    for v in &vectors.valid {
        let bytes = signed_bytes::encode(&v.context, &v.approval)
            .unwrap_or_else(|e| panic!("{}: {e}", v.name));
        assert_eq!(bytes.to_hex(), v.expected_hex, "{}", v.name);
        assert_eq!(bytes.purpose(), v.approval.purpose(), "{}", v.name);
    }
}

#[test]
fn every_purpose_has_a_vector() {
    let vectors = vectors();
    for purpose in signed_bytes::Purpose::ALL {
        assert!(
            vectors
                .valid
                .iter()
                .any(|v| v.approval.purpose() == purpose),
            "no vector for {purpose}"
        );
    }
}

#[test]
fn every_invalid_vector_is_refused_with_its_code() {
    let vectors = vectors();
    assert!(!vectors.invalid.is_empty());
    for v in &vectors.invalid {
        match signed_bytes::encode(&v.context, &v.approval) {
            Ok(_) => panic!("{}: accepted", v.name),
            Err(e) => assert_eq!(e.code(), v.error, "{}", v.name),
        }
    }
}

fn message(vectors: &Vectors) -> Vec<u8> {
    let v = vectors
        .valid
        .iter()
        .find(|v| v.name == vectors.signatures.message_vector)
        .expect("the signed vector exists");
    unhex(&v.expected_hex)
}

#[test]
fn ring_derives_the_same_pin_key_and_signature_from_the_seed() {
    let vectors = vectors();
    let pin = &vectors.signatures.pin_key;
    let pair = signature::Ed25519KeyPair::from_seed_unchecked(&unhex(&pin.seed_hex))
        .expect("a 32-byte seed");
    assert_eq!(hex::encode(pair.public_key().as_ref()), pin.public_key_hex);
    // Ed25519 is deterministic: the same seed and message give the same signature.
    let sig = pair.sign(&message(&vectors));
    assert_eq!(hex::encode(sig.as_ref()), pin.signature_hex);
}

#[test]
fn the_ecdsa_signatures_verify_and_tampering_is_refused() {
    let vectors = vectors();
    let msg = message(&vectors);
    for key in [
        &vectors.signatures.device_key,
        &vectors.signatures.biometric_key,
    ] {
        let public = signature::UnparsedPublicKey::new(
            &signature::ECDSA_P256_SHA256_ASN1,
            unhex(&key.public_key_hex),
        );
        let sig = unhex(&key.signature_der_hex);
        public
            .verify(&msg, &sig)
            .expect("the vector's signature verifies");
        let mut tampered = msg.clone();
        let last = tampered.len() - 1;
        tampered[last] ^= 1;
        assert!(public.verify(&tampered, &sig).is_err());
    }
    let pin = &vectors.signatures.pin_key;
    let public = signature::UnparsedPublicKey::new(&signature::ED25519, unhex(&pin.public_key_hex));
    public
        .verify(&msg, &unhex(&pin.signature_hex))
        .expect("the Ed25519 signature verifies");
}

#[test]
fn ring_loads_the_test_pkcs8_and_its_signatures_verify() {
    let vectors = vectors();
    let msg = message(&vectors);
    let rng = ring::rand::SystemRandom::new();
    let key = &vectors.signatures.device_key;
    let pair = signature::EcdsaKeyPair::from_pkcs8(
        &signature::ECDSA_P256_SHA256_ASN1_SIGNING,
        &unhex(&key.pkcs8_hex),
        &rng,
    )
    .expect("ring reads the generator's PKCS#8");
    assert_eq!(hex::encode(pair.public_key().as_ref()), key.public_key_hex);
    let sig = pair.sign(&rng, &msg).expect("signing works");
    signature::UnparsedPublicKey::new(
        &signature::ECDSA_P256_SHA256_ASN1,
        unhex(&key.public_key_hex),
    )
    .verify(&msg, sig.as_ref())
    .expect("ring's own signature verifies");
}
