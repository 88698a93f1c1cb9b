//! The bank verifies what the shared test vectors (tests/vectors/signed_bytes.json, made by
//! an independent implementation of docs/protocol.md) say it must: it rebuilds the same
//! bytes and accepts the vectors' signatures with its own verification calls.

#![allow(clippy::unwrap_used)] // test helpers outside #[test] functions

use avain_protocol::signed_bytes::{self, Approval, ChallengeContext};
use avain_protocol::verify::{
    verify_biometric_signature, verify_device_signature, verify_pin_signature,
};
use avain_sandbox::crypto;
use serde_json::Value;

fn vectors() -> Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../vectors/signed_bytes.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn encode(vector: &Value) -> Result<Vec<u8>, String> {
    let context: ChallengeContext = serde_json::from_value(vector["context"].clone()).unwrap();
    let approval: Approval = serde_json::from_value(vector["approval"].clone()).unwrap();
    signed_bytes::encode(&context, &approval)
        .map(|b| b.as_bytes().to_vec())
        .map_err(|e| e.code().to_owned())
}

#[test]
fn the_bank_rebuilds_every_valid_vector() {
    let all = vectors();
    let valid = all["valid"].as_array().unwrap();
    assert!(valid.len() >= 8);
    for vector in valid {
        let expected = hex::decode(vector["expected_hex"].as_str().unwrap()).unwrap();
        assert_eq!(encode(vector).unwrap(), expected, "{}", vector["name"]);
    }
    for vector in all["invalid"].as_array().unwrap() {
        assert_eq!(
            encode(vector).unwrap_err(),
            vector["error"].as_str().unwrap(),
            "{}",
            vector["name"]
        );
    }
}

#[test]
fn the_bank_accepts_the_vector_signatures_and_nothing_else() {
    let all = vectors();
    let sigs = &all["signatures"];
    let name = sigs["message_vector"].as_str().unwrap();
    let vector = all["valid"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["name"] == name)
        .unwrap();
    let bytes = encode(vector).unwrap();
    let h = |v: &Value| hex::decode(v.as_str().unwrap()).unwrap();
    let pin_key = h(&sigs["pin_key"]["public_key_hex"]);
    let pin_sig = h(&sigs["pin_key"]["signature_hex"]);
    let dev_key = h(&sigs["device_key"]["public_key_hex"]);
    let dev_sig = h(&sigs["device_key"]["signature_der_hex"]);
    assert!(verify_pin_signature(&pin_key, &bytes, &pin_sig));
    assert!(verify_device_signature(&dev_key, &bytes, &dev_sig));
    assert!(crypto::is_valid_p256_public_key(&dev_key));
    if let Some(bio) = sigs.get("biometric_key") {
        let bio_key = h(&bio["public_key_hex"]);
        let bio_sig = h(&bio["signature_der_hex"]);
        assert!(verify_biometric_signature(&bio_key, &bytes, &bio_sig));
    }
    // One changed byte of the bytes (say, the amount) and nothing verifies.
    let mut changed = bytes.clone();
    let last = changed.len() - 40;
    changed[last] ^= 1;
    assert!(!verify_pin_signature(&pin_key, &changed, &pin_sig));
    assert!(!verify_device_signature(&dev_key, &changed, &dev_sig));
}

/// tests/vectors/attestation.json: the bank binds evidence to what the vectors say (the
/// challenge it expects in an Android chain, the client data hash in an App Attest object),
/// and the registration vector's bytes are the ones the bank rebuilds.
#[test]
fn the_bank_binds_attestation_as_the_vectors_say() {
    use avain_protocol::attestation::{
        AttestedKeyRole, app_attest_client_data_hash, key_attestation_challenge,
    };
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../vectors/attestation.json");
    let all: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    for case in all["key_attestation_challenge"].as_array().unwrap() {
        let role = if case["role"] == "biometric" {
            AttestedKeyRole::Biometric
        } else {
            AttestedKeyRole::Device
        };
        let got = key_attestation_challenge(
            role,
            &hex::decode(case["nonce_hex"].as_str().unwrap()).unwrap(),
            case["profile_id"].as_str().unwrap(),
            case["device_id"].as_str().unwrap(),
        );
        assert_eq!(
            hex::encode(got),
            case["challenge_hex"].as_str().unwrap(),
            "{}",
            case["name"]
        );
    }
    let signed = vectors();
    for case in all["app_attest_client_data_hash"].as_array().unwrap() {
        let bytes = match case["signed_bytes_vector"].as_str() {
            Some(name) => {
                let vector = signed["valid"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .find(|v| v["name"] == name)
                    .unwrap();
                encode(vector).unwrap()
            }
            None => hex::decode(case["signed_bytes_hex"].as_str().unwrap()).unwrap(),
        };
        assert_eq!(
            hex::encode(app_attest_client_data_hash(&bytes)),
            case["client_data_hash_hex"].as_str().unwrap(),
            "{}",
            case["name"]
        );
    }
}
