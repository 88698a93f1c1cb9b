//! The shared vectors in `tests/vectors/attestation.json`, computed by an independent
//! implementation (tests/vectors/generate_attestation.py): the phone's binding of key
//! attestation is what the vectors say. The bank checks the same file
//! (tests/sandbox/tests/vectors.rs).

#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers outside #[test] functions

use avain_protocol::attestation::{
    AttestedKeyRole, app_attest_client_data_hash, key_attestation_challenge,
};
use serde_json::Value;

const VECTORS: &str = include_str!("../../../tests/vectors/attestation.json");

fn hex(text: &str) -> Vec<u8> {
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).expect("hex"))
        .collect()
}

#[test]
fn the_challenges_are_the_vectors() {
    let all: Value = serde_json::from_str(VECTORS).unwrap();
    let cases = all["key_attestation_challenge"].as_array().unwrap();
    assert!(cases.len() >= 6);
    for case in cases {
        let role = match case["role"].as_str().unwrap() {
            "device" => AttestedKeyRole::Device,
            "biometric" => AttestedKeyRole::Biometric,
            other => panic!("unknown role {other}"),
        };
        let got = key_attestation_challenge(
            role,
            &hex(case["nonce_hex"].as_str().unwrap()),
            case["profile_id"].as_str().unwrap(),
            case["device_id"].as_str().unwrap(),
        );
        assert_eq!(
            got.to_vec(),
            hex(case["challenge_hex"].as_str().unwrap()),
            "{}",
            case["name"]
        );
    }
}

#[test]
fn the_client_data_hashes_are_the_vectors() {
    let all: Value = serde_json::from_str(VECTORS).unwrap();
    for case in all["app_attest_client_data_hash"].as_array().unwrap() {
        let got = app_attest_client_data_hash(&hex(case["signed_bytes_hex"].as_str().unwrap()));
        assert_eq!(
            got.to_vec(),
            hex(case["client_data_hash_hex"].as_str().unwrap()),
            "{}",
            case["name"]
        );
    }
}
