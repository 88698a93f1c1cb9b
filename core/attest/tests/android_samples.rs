//! Google's published attestation chains (tests/data/android, README.md there says where
//! from), each checked at a time inside its certificates' validity, and tampered variants
//! refused with the right reason.

#![allow(clippy::unwrap_used)] // test helpers outside #[test] functions

use avain_attest::android::{AndroidCheck, StatusList, VerifiedBootState, verify_android};
use avain_attest::roots::certificates_from_pem;
use avain_attest::{
    AndroidPolicy, Attested, KeyRole, Reason, SecurityLevel, TrustAnchors, Verdict,
};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use time::OffsetDateTime;
use time::macros::datetime;

const GOOGLE_APP: &str = "com.google.android.attestation";
const GOOGLE_SIGNER: &str = "EDk47kU35Z6O55L2VFBPuDRvxrNG0LvEQV/DOfz8jsE=";

struct Sample {
    chain: Vec<Vec<u8>>,
    challenge: &'static [u8],
    at: OffsetDateTime,
}

fn sample(file: &str, challenge: &'static [u8], at: OffsetDateTime) -> Sample {
    let path = format!("{}/tests/data/android/{file}", env!("CARGO_MANIFEST_DIR"));
    let pem = std::fs::read_to_string(path).unwrap();
    Sample {
        chain: certificates_from_pem(&pem).unwrap(),
        challenge,
        at,
    }
}

/// Pixel 9 Pro, StrongBox, EC P-256, locked and verified, under the RSA root.
fn caiman() -> Sample {
    sample(
        "caiman_strongbox_ec.pem",
        b"7ccac1ea-4845-482e-858d-f6fa9aa8c295",
        datetime!(2025-10-01 12:00 UTC),
    )
}

/// Pixel 9a (preproduction), TEE, EC P-256, locked and verified, under the EC root.
fn tegu() -> Sample {
    sample(
        "tegu_tee_ec_2026_root.pem",
        b"6417f92c-daef-4cc1-8828-5bb39338ffd5",
        datetime!(2026-03-01 12:00 UTC),
    )
}

/// Pixel 8a, TEE, EC P-256, bootloader unlocked.
fn akita() -> Sample {
    sample(
        "akita_tee_ec_unlocked.pem",
        b"challenge",
        datetime!(2024-09-20 12:00 UTC),
    )
}

fn bank_policy() -> AndroidPolicy {
    AndroidPolicy {
        packages: vec![GOOGLE_APP.to_owned()],
        signer_digests: vec![STANDARD.decode(GOOGLE_SIGNER).unwrap().try_into().unwrap()],
        ..AndroidPolicy::default()
    }
}

fn unlocked_allowed() -> AndroidPolicy {
    AndroidPolicy {
        require_locked_bootloader: false,
        require_verified_boot: false,
        ..AndroidPolicy::default()
    }
}

fn check_with(
    s: &Sample,
    chain: &[Vec<u8>],
    policy: &AndroidPolicy,
    anchors: &TrustAnchors,
    at: OffsetDateTime,
    challenge: &[u8],
    role: KeyRole,
) -> Verdict {
    let _ = s;
    let check = AndroidCheck {
        chain,
        challenge: Some(challenge),
        role,
        at,
    };
    verify_android(&check, policy, anchors, &StatusList::empty()).verdict
}

fn verdict(s: &Sample, policy: &AndroidPolicy) -> Verdict {
    check_with(
        s,
        &s.chain,
        policy,
        &TrustAnchors::google(),
        s.at,
        s.challenge,
        KeyRole::Device,
    )
}

fn refused(reason: Reason) -> Verdict {
    Verdict::Refused(reason)
}

#[test]
fn strongbox_sample_is_valid_under_the_rsa_root() {
    let s = caiman();
    assert_eq!(
        verdict(&s, &bank_policy()),
        Verdict::Valid(Attested::Android(SecurityLevel::StrongBox))
    );
    let report = verify_android(
        &AndroidCheck {
            chain: &s.chain,
            challenge: Some(s.challenge),
            role: KeyRole::Device,
            at: s.at,
        },
        &bank_policy(),
        &TrustAnchors::google(),
        &StatusList::empty(),
    );
    let description = report.description.unwrap();
    assert_eq!(description.challenge, s.challenge);
    assert_eq!(
        description.attestation_security_level,
        SecurityLevel::StrongBox
    );
    let root = description.root_of_trust().unwrap();
    assert!(root.device_locked);
    assert_eq!(root.verified_boot_state, VerifiedBootState::Verified);
    assert_eq!(description.application_id().unwrap().packages, [GOOGLE_APP]);
}

#[test]
fn tee_sample_is_valid_under_the_ec_root() {
    assert_eq!(
        verdict(&tegu(), &bank_policy()),
        Verdict::Valid(Attested::Android(SecurityLevel::TrustedEnvironment))
    );
}

#[test]
fn a_chain_without_its_root_certificate_is_anchored_by_the_root_that_signed_it() {
    let s = caiman();
    let without_root = &s.chain[..s.chain.len() - 1];
    let anchors = TrustAnchors::google();
    assert_eq!(
        check_with(
            &s,
            without_root,
            &bank_policy(),
            &anchors,
            s.at,
            s.challenge,
            KeyRole::Device
        ),
        Verdict::Valid(Attested::Android(SecurityLevel::StrongBox))
    );
}

#[test]
fn unlocked_bootloader_is_refused_unless_the_policy_allows_it() {
    let s = akita();
    assert_eq!(
        verdict(&s, &AndroidPolicy::default()),
        refused(Reason::BootloaderUnlocked)
    );
    let verified_only = AndroidPolicy {
        require_locked_bootloader: false,
        ..AndroidPolicy::default()
    };
    assert_eq!(
        verdict(&s, &verified_only),
        refused(Reason::BootNotVerified)
    );
    assert_eq!(
        verdict(&s, &unlocked_allowed()),
        Verdict::Valid(Attested::Android(SecurityLevel::TrustedEnvironment))
    );
}

#[test]
fn an_older_chain_is_valid_in_its_time_and_expired_now() {
    let s = sample(
        "blueline_tee_ec_2018.pem",
        b"challenge",
        datetime!(2019-01-01 0:00 UTC),
    );
    assert_eq!(
        verdict(&s, &unlocked_allowed()),
        Verdict::Valid(Attested::Android(SecurityLevel::TrustedEnvironment))
    );
    // Its copy of the root expired in May 2026.
    let now = datetime!(2026-12-04 12:00 UTC);
    let anchors = TrustAnchors::google();
    assert_eq!(
        check_with(
            &s,
            &s.chain,
            &unlocked_allowed(),
            &anchors,
            now,
            s.challenge,
            KeyRole::Device
        ),
        refused(Reason::CertificateExpired)
    );
}

#[test]
fn an_rsa_key_is_not_accepted() {
    let s = sample(
        "akita_tee_rsa_userauth.pem",
        b"challenge",
        datetime!(2024-09-20 12:00 UTC),
    );
    assert_eq!(
        verdict(&s, &unlocked_allowed()),
        refused(Reason::KeyNotP256)
    );
}

#[test]
fn a_flipped_signature_byte_is_refused() {
    let s = caiman();
    for index in [0, 1, 2] {
        let mut chain = s.chain.clone();
        let last = chain[index].len() - 1;
        chain[index][last] ^= 0x01;
        let anchors = TrustAnchors::google();
        assert_eq!(
            check_with(
                &s,
                &chain,
                &bank_policy(),
                &anchors,
                s.at,
                s.challenge,
                KeyRole::Device
            ),
            refused(Reason::SignatureInvalid),
            "certificate {index}"
        );
    }
}

#[test]
fn the_wrong_challenge_is_refused() {
    let s = caiman();
    let anchors = TrustAnchors::google();
    assert_eq!(
        check_with(
            &s,
            &s.chain,
            &bank_policy(),
            &anchors,
            s.at,
            b"another",
            KeyRole::Device
        ),
        refused(Reason::ChallengeMismatch)
    );
}

#[test]
fn another_package_or_signer_is_refused() {
    let s = caiman();
    let other_package = AndroidPolicy {
        packages: vec!["fi.avain.app".to_owned()],
        ..bank_policy()
    };
    assert_eq!(verdict(&s, &other_package), refused(Reason::AppMismatch));
    let other_signer = AndroidPolicy {
        signer_digests: vec![[7; 32]],
        ..bank_policy()
    };
    assert_eq!(
        verdict(&s, &other_signer),
        refused(Reason::AppSignerMismatch)
    );
}

#[test]
fn a_chain_to_a_root_that_is_not_googles_is_refused() {
    let s = caiman();
    let apple = TrustAnchors::apple();
    assert_eq!(
        check_with(
            &s,
            &s.chain,
            &bank_policy(),
            &apple,
            s.at,
            s.challenge,
            KeyRole::Device
        ),
        refused(Reason::UntrustedRoot)
    );
    // The sample's own root is trusted by key, not by its presence in the chain.
    let only_ec_root =
        TrustAnchors::from_der(vec![TrustAnchors::google().roots()[1].clone()]).unwrap();
    assert_eq!(
        check_with(
            &s,
            &s.chain,
            &bank_policy(),
            &only_ec_root,
            s.at,
            s.challenge,
            KeyRole::Device
        ),
        refused(Reason::UntrustedRoot)
    );
}

#[test]
fn a_tee_key_where_strongbox_is_required_is_refused() {
    let strongbox = AndroidPolicy {
        minimum_level: SecurityLevel::StrongBox,
        ..bank_policy()
    };
    assert_eq!(
        verdict(&tegu(), &strongbox),
        refused(Reason::SecurityLevelTooLow)
    );
    assert_eq!(
        verdict(&caiman(), &strongbox),
        Verdict::Valid(Attested::Android(SecurityLevel::StrongBox))
    );
}

#[test]
fn a_time_outside_the_validity_is_refused() {
    let s = caiman();
    let anchors = TrustAnchors::google();
    let run = |at| {
        check_with(
            &s,
            &s.chain,
            &bank_policy(),
            &anchors,
            at,
            s.challenge,
            KeyRole::Device,
        )
    };
    assert_eq!(
        run(datetime!(2025-09-01 0:00 UTC)),
        refused(Reason::CertificateNotYetValid)
    );
    assert_eq!(
        run(datetime!(2025-10-10 0:00 UTC)),
        refused(Reason::CertificateExpired)
    );
}

#[test]
fn a_key_without_user_authentication_is_not_a_biometric_key() {
    let s = caiman();
    let anchors = TrustAnchors::google();
    assert_eq!(
        check_with(
            &s,
            &s.chain,
            &bank_policy(),
            &anchors,
            s.at,
            s.challenge,
            KeyRole::Biometric
        ),
        refused(Reason::UserAuthNotRequired)
    );
}

#[test]
fn a_revoked_intermediate_is_refused() {
    let s = caiman();
    // The sample's "Droid CA2", listed by its serial as Google's status list writes it.
    let serial = serial_hex(&s.chain[3]);
    let list = StatusList::from_json(&format!(
        r#"{{"entries": {{"{serial}": {{"status": "REVOKED", "reason": "KEY_COMPROMISE"}}}}}}"#
    ))
    .unwrap();
    let check = AndroidCheck {
        chain: &s.chain,
        challenge: Some(s.challenge),
        role: KeyRole::Device,
        at: s.at,
    };
    let anchors = TrustAnchors::google();
    assert_eq!(
        verify_android(&check, &bank_policy(), &anchors, &list).verdict,
        refused(Reason::CertificateRevoked)
    );
    // Google's own sample list (tests/data) names none of the sample's certificates.
    let path = format!(
        "{}/tests/data/android/google_status_sample.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let google = StatusList::from_json(&std::fs::read_to_string(path).unwrap()).unwrap();
    assert_eq!(google.len(), 5);
    assert!(
        verify_android(&check, &bank_policy(), &anchors, &google)
            .verdict
            .is_valid()
    );
}

#[test]
fn garbage_is_malformed_and_an_empty_chain_too_short() {
    let s = caiman();
    let anchors = TrustAnchors::google();
    let garbage = vec![vec![0x30, 0x03, 0x02, 0x01, 0x01]];
    assert_eq!(
        check_with(
            &s,
            &garbage,
            &bank_policy(),
            &anchors,
            s.at,
            s.challenge,
            KeyRole::Device
        ),
        refused(Reason::Malformed)
    );
    assert_eq!(
        check_with(
            &s,
            &[],
            &bank_policy(),
            &anchors,
            s.at,
            s.challenge,
            KeyRole::Device
        ),
        refused(Reason::ChainTooShort)
    );
}

/// The certificate's serial number as Google's status list writes it: lowercase hex.
fn serial_hex(der: &[u8]) -> String {
    let (_, certificate) = x509_parser::parse_x509_certificate(der).unwrap();
    hex::encode(certificate.raw_serial())
        .trim_start_matches('0')
        .to_owned()
}
