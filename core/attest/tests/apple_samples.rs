//! Apple App Attest samples (tests/data/apple, README.md there says where from): the
//! attestation object of Apple's validation guide, a real app's production and development
//! attestations and one of its assertions; each checked inside its certificates'
//! validity, and tampered variants refused with the right reason.

#![allow(clippy::unwrap_used)] // test helpers outside #[test] functions

use avain_attest::apple::{
    AppleCheck, AppleKey, AssertionCheck, verify_app_attest, verify_assertion,
};
use avain_attest::{AppleEnvironment, ApplePolicy, Attested, Reason, TrustAnchors, Verdict};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use ring::digest::{SHA256, digest};
use time::OffsetDateTime;
use time::macros::datetime;

fn data(file: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/tests/data/apple/{file}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

struct Sample {
    object: Vec<u8>,
    key_id: Vec<u8>,
    client_data_hash: Vec<u8>,
    app_id: String,
    at: OffsetDateTime,
}

impl Sample {
    fn check(&self) -> AppleCheck<'_> {
        AppleCheck {
            object: &self.object,
            key_id: &self.key_id,
            client_data_hash: &self.client_data_hash,
            app_id: &self.app_id,
            at: self.at,
        }
    }

    fn verdict(&self) -> Verdict {
        self.verdict_with(
            &self.check(),
            &ApplePolicy::default(),
            &TrustAnchors::apple(),
        )
    }

    fn verdict_with(
        &self,
        check: &AppleCheck<'_>,
        policy: &ApplePolicy,
        anchors: &TrustAnchors,
    ) -> Verdict {
        verify_app_attest(check, policy, anchors).verdict
    }
}

/// Apple's guide: app id 0352187391.com.apple.example_app_attest, and its clientDataHash is
/// the challenge's own bytes ("test_server_challenge"); the key's certificate is valid
/// 17-20 April 2024.
fn guide() -> Sample {
    Sample {
        object: STANDARD
            .decode(data("apple_guide_attestation.b64").trim())
            .unwrap(),
        key_id: STANDARD
            .decode("bSrEhF8TIzIvWSPwvZ0i2+UOBre4ASH84rK15m6emNY=")
            .unwrap(),
        client_data_hash: b"test_server_challenge".to_vec(),
        app_id: "0352187391.com.apple.example_app_attest".to_owned(),
        at: datetime!(2024-04-18 12:00 UTC),
    }
}

/// A real app's attestations; its clientDataHash is SHA-256 of the challenge.
fn uebelack(file: &str) -> Sample {
    let fixture: serde_json::Value = serde_json::from_str(&data(file)).unwrap();
    let field = |name: &str| STANDARD.decode(fixture[name].as_str().unwrap()).unwrap();
    Sample {
        object: field("attestation"),
        key_id: field("keyId"),
        client_data_hash: digest(&SHA256, &field("challenge")).as_ref().to_vec(),
        app_id: "V8H6LQ9448.io.uebelacker.AppAttestExample".to_owned(),
        at: datetime!(2024-03-01 12:00 UTC),
    }
}

fn refused(reason: Reason) -> Verdict {
    Verdict::Refused(reason)
}

const PRODUCTION: Verdict = Verdict::Valid(Attested::Apple(AppleEnvironment::Production));

#[test]
fn the_guides_sample_is_valid() {
    let s = guide();
    let report = verify_app_attest(&s.check(), &ApplePolicy::default(), &TrustAnchors::apple());
    assert_eq!(report.verdict, PRODUCTION);
    let key: AppleKey = report.key.unwrap();
    assert_eq!(key.key_id, s.key_id);
    assert_eq!(key.public_key.len(), 65);
    assert!(!key.receipt.is_empty());
}

#[test]
fn a_real_apps_production_and_development_attestations_are_valid() {
    assert_eq!(uebelack("uebelack_production.json").verdict(), PRODUCTION);
    let development = uebelack("uebelack_development.json");
    let policy = ApplePolicy {
        development: true,
        ..ApplePolicy::default()
    };
    assert_eq!(
        development.verdict_with(&development.check(), &policy, &TrustAnchors::apple()),
        Verdict::Valid(Attested::Apple(AppleEnvironment::Development))
    );
    // The environment must be the one the policy names.
    assert_eq!(development.verdict(), refused(Reason::EnvironmentMismatch));
    let production = guide();
    assert_eq!(
        production.verdict_with(&production.check(), &policy, &TrustAnchors::apple()),
        refused(Reason::EnvironmentMismatch)
    );
}

/// The object with one byte of the credential certificate's signature flipped.
fn with_flipped_leaf_signature(s: &Sample) -> Vec<u8> {
    // The leaf's DER sits verbatim in the CBOR, right after the x5c array's header: find
    // it by its own length header and flip its last byte.
    let start = s.object.windows(2).position(|w| w == [0x30, 0x82]).unwrap();
    let length = usize::from(u16::from_be_bytes([
        s.object[start + 2],
        s.object[start + 3],
    ]));
    let mut object = s.object.clone();
    object[start + 4 + length - 1] ^= 0x01;
    object
}

#[test]
fn a_flipped_signature_byte_is_refused() {
    let s = guide();
    let object = with_flipped_leaf_signature(&s);
    let check = AppleCheck {
        object: &object,
        ..s.check()
    };
    assert_eq!(
        s.verdict_with(&check, &ApplePolicy::default(), &TrustAnchors::apple()),
        refused(Reason::SignatureInvalid)
    );
}

#[test]
fn the_wrong_challenge_is_refused() {
    let s = guide();
    let check = AppleCheck {
        client_data_hash: b"another_server_challenge",
        ..s.check()
    };
    assert_eq!(
        s.verdict_with(&check, &ApplePolicy::default(), &TrustAnchors::apple()),
        refused(Reason::ChallengeMismatch)
    );
}

#[test]
fn another_app_id_is_refused() {
    let s = guide();
    let check = AppleCheck {
        app_id: "0352187391.fi.avain.app",
        ..s.check()
    };
    assert_eq!(
        s.verdict_with(&check, &ApplePolicy::default(), &TrustAnchors::apple()),
        refused(Reason::AppMismatch)
    );
}

#[test]
fn another_key_id_is_refused() {
    let s = guide();
    let check = AppleCheck {
        key_id: &[0; 32],
        ..s.check()
    };
    assert_eq!(
        s.verdict_with(&check, &ApplePolicy::default(), &TrustAnchors::apple()),
        refused(Reason::KeyIdMismatch)
    );
}

#[test]
fn a_chain_to_a_root_that_is_not_apples_is_refused() {
    let s = guide();
    assert_eq!(
        s.verdict_with(&s.check(), &ApplePolicy::default(), &TrustAnchors::google()),
        refused(Reason::UntrustedRoot)
    );
}

#[test]
fn a_time_outside_the_validity_is_refused() {
    let s = guide();
    for (at, reason) in [
        (
            datetime!(2024-04-16 0:00 UTC),
            Reason::CertificateNotYetValid,
        ),
        (datetime!(2024-05-01 0:00 UTC), Reason::CertificateExpired),
    ] {
        let check = AppleCheck { at, ..s.check() };
        assert_eq!(
            s.verdict_with(&check, &ApplePolicy::default(), &TrustAnchors::apple()),
            refused(reason)
        );
    }
}

#[test]
fn another_format_or_garbage_is_refused() {
    let s = guide();
    let mut object = s.object.clone();
    let at = object
        .windows(15)
        .position(|w| w == b"apple-appattest")
        .unwrap();
    object[at + 14] = b'X';
    let check = AppleCheck {
        object: &object,
        ..s.check()
    };
    let policy = ApplePolicy::default();
    let anchors = TrustAnchors::apple();
    assert_eq!(
        s.verdict_with(&check, &policy, &anchors),
        refused(Reason::FormatInvalid)
    );
    for garbage in [&b""[..], b"\xa0", b"not cbor", &s.object[..100]] {
        let check = AppleCheck {
            object: garbage,
            ..s.check()
        };
        assert_eq!(
            s.verdict_with(&check, &policy, &anchors),
            refused(Reason::Malformed)
        );
    }
}

/// The real app's assertion, with the public key its attestation gave.
struct AssertionSample {
    assertion: Vec<u8>,
    public_key: Vec<u8>,
    client_data_hash: Vec<u8>,
    app_id: String,
}

fn assertion_sample() -> AssertionSample {
    let fixture: serde_json::Value =
        serde_json::from_str(&data("uebelack_assertion.json")).unwrap();
    let pem = fixture["public_key_pem"].as_str().unwrap();
    let body: String = pem.lines().filter(|l| !l.starts_with("-----")).collect();
    let spki = STANDARD.decode(body).unwrap();
    AssertionSample {
        assertion: STANDARD
            .decode(fixture["assertion"].as_str().unwrap())
            .unwrap(),
        // A P-256 SubjectPublicKeyInfo ends with the 65-byte uncompressed point.
        public_key: spki[spki.len() - 65..].to_vec(),
        client_data_hash: digest(&SHA256, fixture["client_data"].as_str().unwrap().as_bytes())
            .as_ref()
            .to_vec(),
        app_id: fixture["app_id"].as_str().unwrap().to_owned(),
    }
}

impl AssertionSample {
    fn check(&self, previous_counter: u32) -> AssertionCheck<'_> {
        AssertionCheck {
            assertion: &self.assertion,
            client_data_hash: &self.client_data_hash,
            public_key: &self.public_key,
            app_id: &self.app_id,
            previous_counter,
        }
    }
}

#[test]
fn a_real_assertion_is_valid_once_and_its_counter_cannot_go_back() {
    let s = assertion_sample();
    assert_eq!(verify_assertion(&s.check(0)), Ok(1));
    assert_eq!(verify_assertion(&s.check(1)), Err(Reason::CounterReplayed));
}

#[test]
fn a_tampered_assertion_is_refused() {
    let s = assertion_sample();
    let other_data = digest(&SHA256, b"{}");
    assert_eq!(
        verify_assertion(&AssertionCheck {
            client_data_hash: other_data.as_ref(),
            ..s.check(0)
        }),
        Err(Reason::SignatureInvalid)
    );
    assert_eq!(
        verify_assertion(&AssertionCheck {
            app_id: "V8H6LQ9448.fi.avain.app",
            ..s.check(0)
        }),
        Err(Reason::AppMismatch)
    );
    let mut flipped = s.assertion.clone();
    // The DER signature's last byte sits just before the "authenticatorData" key.
    let key_at = flipped
        .windows(17)
        .position(|w| w == b"authenticatorData")
        .unwrap();
    flipped[key_at - 2] ^= 0x01;
    assert_eq!(
        verify_assertion(&AssertionCheck {
            assertion: &flipped,
            ..s.check(0)
        }),
        Err(Reason::SignatureInvalid)
    );
    assert_eq!(
        verify_assertion(&AssertionCheck {
            assertion: b"\xa0",
            ..s.check(0)
        }),
        Err(Reason::Malformed)
    );
}
