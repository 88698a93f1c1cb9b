//! The test authority: what it makes verifies under its own root, with the same checks as
//! the vendors' evidence, and is refused under the vendors' real roots.

#![allow(clippy::unwrap_used)] // test helpers outside #[test] functions

use avain_attest::android::{AndroidCheck, StatusList, verify_android};
use avain_attest::apple::{AppleCheck, AssertionCheck, verify_app_attest, verify_assertion};
use avain_attest::testing::{AndroidKeySpec, TestAuthority};
use avain_attest::{
    AndroidPolicy, AppleEnvironment, ApplePolicy, Attested, KeyRole, Reason, SecurityLevel,
    TrustAnchors, Verdict,
};
use time::OffsetDateTime;
use time::macros::datetime;

const PACKAGE: &str = "fi.avain.app";
const APP_ID: &str = "ABCDE12345.fi.avain.app";
const AT: OffsetDateTime = datetime!(2026-12-04 12:00 UTC);

fn android(
    authority_anchors: &TrustAnchors,
    chain: &[Vec<u8>],
    role: KeyRole,
    policy: &AndroidPolicy,
) -> Verdict {
    let check = AndroidCheck {
        chain,
        challenge: Some(b"bank challenge"),
        role,
        at: AT,
    };
    verify_android(&check, policy, authority_anchors, &StatusList::empty()).verdict
}

fn policy() -> AndroidPolicy {
    AndroidPolicy {
        packages: vec![PACKAGE.to_owned()],
        ..AndroidPolicy::default()
    }
}

#[test]
fn android_chains_verify_under_the_test_root_only() {
    let authority = TestAuthority::new().unwrap();
    let chain = authority
        .android_chain_for_new_key(&AndroidKeySpec::device_key(b"bank challenge", PACKAGE))
        .unwrap();
    assert_eq!(
        android(&authority.anchors(), &chain, KeyRole::Device, &policy()),
        Verdict::Valid(Attested::Android(SecurityLevel::TrustedEnvironment))
    );
    assert_eq!(
        android(&TrustAnchors::google(), &chain, KeyRole::Device, &policy()),
        Verdict::Refused(Reason::UntrustedRoot)
    );
    let other = TestAuthority::new().unwrap();
    assert_eq!(
        android(&other.anchors(), &chain, KeyRole::Device, &policy()),
        Verdict::Refused(Reason::UntrustedRoot)
    );
}

#[test]
fn the_test_chain_attests_the_key_it_is_given() {
    let authority = TestAuthority::new().unwrap();
    let key = ring::signature::EcdsaKeyPair::generate_pkcs8(
        &ring::signature::ECDSA_P256_SHA256_ASN1_SIGNING,
        &ring::rand::SystemRandom::new(),
    )
    .unwrap();
    let pair = ring::signature::EcdsaKeyPair::from_pkcs8(
        &ring::signature::ECDSA_P256_SHA256_ASN1_SIGNING,
        key.as_ref(),
        &ring::rand::SystemRandom::new(),
    )
    .unwrap();
    use ring::signature::KeyPair as _;
    let point = pair.public_key().as_ref().to_vec();
    let chain = authority
        .android_chain(
            &point,
            &AndroidKeySpec::device_key(b"bank challenge", PACKAGE),
        )
        .unwrap();
    let (_, leaf) = x509_parser::parse_x509_certificate(&chain[0]).unwrap();
    assert_eq!(
        leaf.public_key().subject_public_key.data.as_ref(),
        point.as_slice()
    );
    assert!(android(&authority.anchors(), &chain, KeyRole::Device, &policy()).is_valid());
}

#[test]
fn the_test_key_description_carries_level_role_and_root_of_trust() {
    let authority = TestAuthority::new().unwrap();
    let anchors = authority.anchors();
    let spec = AndroidKeySpec::device_key(b"bank challenge", PACKAGE);

    let software = authority
        .android_chain_for_new_key(&AndroidKeySpec {
            level: SecurityLevel::Software,
            ..spec.clone()
        })
        .unwrap();
    assert_eq!(
        android(&anchors, &software, KeyRole::Device, &policy()),
        Verdict::Refused(Reason::SecurityLevelTooLow)
    );

    let strongbox_bio = authority
        .android_chain_for_new_key(&AndroidKeySpec {
            level: SecurityLevel::StrongBox,
            role: KeyRole::Biometric,
            ..spec.clone()
        })
        .unwrap();
    assert_eq!(
        android(&anchors, &strongbox_bio, KeyRole::Biometric, &policy()),
        Verdict::Valid(Attested::Android(SecurityLevel::StrongBox))
    );

    let device_key = authority.android_chain_for_new_key(&spec).unwrap();
    assert_eq!(
        android(&anchors, &device_key, KeyRole::Biometric, &policy()),
        Verdict::Refused(Reason::UserAuthNotRequired)
    );

    let unlocked = authority
        .android_chain_for_new_key(&AndroidKeySpec {
            device_locked: false,
            ..spec.clone()
        })
        .unwrap();
    assert_eq!(
        android(&anchors, &unlocked, KeyRole::Device, &policy()),
        Verdict::Refused(Reason::BootloaderUnlocked)
    );

    let other_app = authority
        .android_chain_for_new_key(&AndroidKeySpec::device_key(
            b"bank challenge",
            "com.example.other",
        ))
        .unwrap();
    assert_eq!(
        android(&anchors, &other_app, KeyRole::Device, &policy()),
        Verdict::Refused(Reason::AppMismatch)
    );
}

#[test]
fn a_certificate_signed_by_an_attested_key_is_refused() {
    // The attack: a phone has a genuinely attested signing key and signs, with it, a
    // certificate of its own making that carries whatever KeyDescription it likes.
    let authority = TestAuthority::new().unwrap();
    let attested = rcgen::KeyPair::generate_for(&rcgen::PKCS_ECDSA_P256_SHA256).unwrap();
    let spec = AndroidKeySpec::device_key(b"bank challenge", PACKAGE);
    let chain = authority
        .android_chain(attested.public_key_raw(), &spec)
        .unwrap();
    assert!(android(&authority.anchors(), &chain, KeyRole::Device, &policy()).is_valid());

    let (_, leaf) = x509_parser::parse_x509_certificate(&chain[0]).unwrap();
    let description = leaf
        .iter_extensions()
        .find(|e| e.oid.to_id_string() == "1.3.6.1.4.1.11129.2.1.17")
        .unwrap()
        .value
        .to_vec();
    let mut issuer_params = rcgen::CertificateParams::new(Vec::<String>::new()).unwrap();
    issuer_params
        .distinguished_name
        .push(rcgen::DnType::CommonName, "Android Keystore Key");
    let issuer = rcgen::Issuer::new(issuer_params, attested);
    let mut forged = rcgen::CertificateParams::new(Vec::<String>::new()).unwrap();
    forged
        .distinguished_name
        .push(rcgen::DnType::CommonName, "Android Keystore Key");
    forged
        .custom_extensions
        .push(rcgen::CustomExtension::from_oid_content(
            &[1, 3, 6, 1, 4, 1, 11129, 2, 1, 17],
            description,
        ));
    let forged_key = rcgen::KeyPair::generate_for(&rcgen::PKCS_ECDSA_P256_SHA256).unwrap();
    let forged = forged.signed_by(&forged_key, &issuer).unwrap();
    let mut forged_chain = vec![forged.der().to_vec()];
    forged_chain.extend(chain);
    assert_eq!(
        android(
            &authority.anchors(),
            &forged_chain,
            KeyRole::Device,
            &policy()
        ),
        Verdict::Refused(Reason::ExtensionMisplaced)
    );
}

#[test]
fn apple_objects_and_assertions_verify_under_the_test_root_only() {
    let authority = TestAuthority::new().unwrap();
    let client_data_hash = [9u8; 32];
    let key = authority
        .apple_attestation(APP_ID, &client_data_hash, false)
        .unwrap();
    let check = AppleCheck {
        object: &key.object,
        key_id: &key.key_id,
        client_data_hash: &client_data_hash,
        app_id: APP_ID,
        at: AT,
    };
    let report = verify_app_attest(&check, &ApplePolicy::default(), &authority.anchors());
    assert_eq!(
        report.verdict,
        Verdict::Valid(Attested::Apple(AppleEnvironment::Production))
    );
    let attested = report.key.unwrap();
    assert_eq!(attested.public_key, key.public_key());
    assert_eq!(
        verify_app_attest(&check, &ApplePolicy::default(), &TrustAnchors::apple()).verdict,
        Verdict::Refused(Reason::UntrustedRoot)
    );

    let first = key.assertion(APP_ID, b"approval 1", 1).unwrap();
    let assertion = |bytes: &'_ [u8], hash: &'_ [u8], previous| {
        verify_assertion(&AssertionCheck {
            assertion: bytes,
            client_data_hash: hash,
            public_key: &attested.public_key,
            app_id: APP_ID,
            previous_counter: previous,
        })
    };
    assert_eq!(assertion(&first, b"approval 1", 0), Ok(1));
    assert_eq!(
        assertion(&first, b"approval 1", 1),
        Err(Reason::CounterReplayed)
    );
    assert_eq!(
        assertion(&first, b"approval 2", 0),
        Err(Reason::SignatureInvalid)
    );
    let second = key.assertion(APP_ID, b"approval 2", 2).unwrap();
    assert_eq!(assertion(&second, b"approval 2", 1), Ok(2));
}

#[test]
fn evidence_turns_into_the_checks() {
    use avain_attest::evidence::{AndroidEvidence, AppleEvidence, Evidence};
    let authority = TestAuthority::new().unwrap();
    let chain = authority
        .android_chain_for_new_key(&AndroidKeySpec::device_key(b"bank challenge", PACKAGE))
        .unwrap();
    let android_evidence = Evidence::Android(AndroidEvidence { chain });
    let Evidence::Android(evidence) = &android_evidence else {
        unreachable!()
    };
    let report = verify_android(
        &evidence.check(b"bank challenge", KeyRole::Device, AT),
        &policy(),
        &authority.anchors(),
        &StatusList::empty(),
    );
    assert!(report.verdict.is_valid());

    let key = authority
        .apple_attestation(APP_ID, &[5; 32], false)
        .unwrap();
    let evidence = AppleEvidence {
        object: key.object.clone(),
        key_id: key.key_id.clone(),
    };
    let report = verify_app_attest(
        &evidence.check(&[5; 32], APP_ID, AT),
        &ApplePolicy::default(),
        &authority.anchors(),
    );
    assert!(report.verdict.is_valid());
}

#[test]
fn apple_development_objects_need_the_development_policy() {
    let authority = TestAuthority::new().unwrap();
    let key = authority.apple_attestation(APP_ID, &[1; 32], true).unwrap();
    let check = AppleCheck {
        object: &key.object,
        key_id: &key.key_id,
        client_data_hash: &[1; 32],
        app_id: APP_ID,
        at: AT,
    };
    let anchors = authority.anchors();
    assert_eq!(
        verify_app_attest(&check, &ApplePolicy::default(), &anchors).verdict,
        Verdict::Refused(Reason::EnvironmentMismatch)
    );
    let development = ApplePolicy {
        development: true,
        ..ApplePolicy::default()
    };
    assert_eq!(
        verify_app_attest(&check, &development, &anchors).verdict,
        Verdict::Valid(Attested::Apple(AppleEnvironment::Development))
    );
}
