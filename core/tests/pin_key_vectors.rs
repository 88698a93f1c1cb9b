//! `tests/vectors/pin_key.json`, computed by an independent implementation of the K_pin
//! derivation, checked through the core's public API.

#![allow(clippy::expect_used)]

use avain_core::keys::{PinKdfParams, PinKey, verify_pin_signature};
use avain_core::pin::Pin;
use avain_core::secrets::SecretBytes;
use serde::Deserialize;

#[derive(Deserialize)]
struct Vectors {
    message_hex: String,
    cases: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    name: String,
    pin: String,
    salt_hex: String,
    iterations: u32,
    device_secret_hex: String,
    profile_id: String,
    public_key_hex: String,
    signature_hex: String,
}

fn unhex(text: &str) -> Vec<u8> {
    hex::decode(text).expect("hex in the vector file")
}

#[test]
fn the_core_derives_the_vectors_keys_and_signatures() {
    let vectors: Vectors =
        serde_json::from_str(include_str!("../../tests/vectors/pin_key.json")).expect("parses");
    let message = unhex(&vectors.message_hex);
    assert!(vectors.cases.len() >= 4);
    for case in &vectors.cases {
        let params = PinKdfParams::new(&unhex(&case.salt_hex), case.iterations).expect("params");
        let secret = SecretBytes::new(unhex(&case.device_secret_hex));
        let key = PinKey::derive(
            &Pin::new(case.pin.clone()),
            &params,
            &secret,
            &case.profile_id,
        )
        .expect("derives");
        assert_eq!(
            hex::encode(key.public_key()),
            case.public_key_hex,
            "{}",
            case.name
        );
        let signature = key.sign(&message).expect("signs");
        assert_eq!(hex::encode(signature), case.signature_hex, "{}", case.name);
        assert!(verify_pin_signature(
            &key.public_key(),
            &message,
            &signature
        ));
    }
    let keys: std::collections::HashSet<&str> = vectors
        .cases
        .iter()
        .map(|c| c.public_key_hex.as_str())
        .collect();
    assert_eq!(
        keys.len(),
        vectors.cases.len(),
        "every case gives its own key"
    );
}
