//! Bad evidence never panics: random bytes, and the vendors' samples with bytes changed or
//! cut off, always get a verdict (and a cut-off one is never valid).

#![allow(clippy::unwrap_used)] // test helpers outside #[test] functions

use avain_attest::android::{AndroidCheck, StatusList, verify_android};
use avain_attest::apple::{AppleCheck, AssertionCheck, verify_app_attest, verify_assertion};
use avain_attest::roots::certificates_from_pem;
use avain_attest::{AndroidPolicy, ApplePolicy, KeyRole, TrustAnchors};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use proptest::prelude::*;
use time::macros::datetime;

fn data(path: &str) -> String {
    std::fs::read_to_string(format!("{}/tests/data/{path}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

fn android_chain() -> Vec<Vec<u8>> {
    certificates_from_pem(&data("android/caiman_strongbox_ec.pem")).unwrap()
}

fn apple_object() -> Vec<u8> {
    STANDARD
        .decode(data("apple/apple_guide_attestation.b64").trim())
        .unwrap()
}

fn android_is_valid(chain: &[Vec<u8>]) -> bool {
    let check = AndroidCheck {
        chain,
        challenge: Some(b"7ccac1ea-4845-482e-858d-f6fa9aa8c295"),
        role: KeyRole::Device,
        at: datetime!(2025-10-01 12:00 UTC),
    };
    verify_android(
        &check,
        &AndroidPolicy::default(),
        &TrustAnchors::google(),
        &StatusList::empty(),
    )
    .verdict
    .is_valid()
}

fn apple_is_valid(object: &[u8]) -> bool {
    let key_id = STANDARD
        .decode("bSrEhF8TIzIvWSPwvZ0i2+UOBre4ASH84rK15m6emNY=")
        .unwrap();
    let check = AppleCheck {
        object,
        key_id: &key_id,
        client_data_hash: b"test_server_challenge",
        app_id: "0352187391.com.apple.example_app_attest",
        at: datetime!(2024-04-18 12:00 UTC),
    };
    verify_app_attest(&check, &ApplePolicy::default(), &TrustAnchors::apple())
        .verdict
        .is_valid()
}

#[test]
fn the_unchanged_samples_are_valid() {
    assert!(android_is_valid(&android_chain()));
    assert!(apple_is_valid(&apple_object()));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn random_bytes_get_a_verdict(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        prop_assert!(!android_is_valid(std::slice::from_ref(&bytes)));
        prop_assert!(!apple_is_valid(&bytes));
        let assertion = AssertionCheck {
            assertion: &bytes,
            client_data_hash: &[0; 32],
            public_key: &[4; 65],
            app_id: "A.b",
            previous_counter: 0,
        };
        prop_assert!(verify_assertion(&assertion).is_err());
    }

    #[test]
    fn changed_android_samples_get_a_verdict(
        certificate in 0usize..5,
        at in any::<prop::sample::Index>(),
        xor in 1u8..=255,
        cut in any::<prop::sample::Index>(),
    ) {
        let mut chain = android_chain();
        let index = at.index(chain[certificate].len());
        chain[certificate][index] ^= xor;
        let _ = android_is_valid(&chain);
        let mut cut_chain = android_chain();
        let keep = cut.index(cut_chain[0].len());
        cut_chain[0].truncate(keep);
        prop_assert!(!android_is_valid(&cut_chain));
    }

    #[test]
    fn changed_apple_samples_get_a_verdict(
        at in any::<prop::sample::Index>(),
        xor in 1u8..=255,
        cut in any::<prop::sample::Index>(),
    ) {
        let mut object = apple_object();
        let index = at.index(object.len());
        object[index] ^= xor;
        let _ = apple_is_valid(&object);
        let mut cut_object = apple_object();
        cut_object.truncate(cut.index(cut_object.len()));
        prop_assert!(!apple_is_valid(&cut_object));
    }
}
