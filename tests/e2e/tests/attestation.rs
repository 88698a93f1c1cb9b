//! Key attestation, the phone's side, through the core against the sandbox
//! (docs/attestation.md): the core carries the platform's evidence at registration, when
//! biometrics are switched on and (iOS) on approvals where the bank asks, and the bank's
//! verdict reaches the device list. The evidence comes from the sandbox's simulated
//! platform services under its test root (`avain_e2e::attesting`).

#![allow(clippy::unwrap_used)] // test helpers outside #[test] functions

use avain_core::api::KeyProtection;
use avain_core::api::sandbox_attestation::{
    AttestationLevel, AttestationPolicySettings, AttestationRequirement,
};
use avain_core::attestation::app_attest_client_data_hash;
use avain_core::client::{Avain, AvainError, RegistrationStep};
use avain_core::error::AvainErrorCode;
use avain_core::lifecycle::BiometricKind;
use avain_e2e::attesting::Flavour;
use avain_e2e::{ANNA, Harness};

const PIN: &str = "4719";

fn policy(
    android: AttestationRequirement,
    apple: AttestationRequirement,
) -> AttestationPolicySettings {
    AttestationPolicySettings {
        android,
        android_minimum_level: AttestationLevel::TrustedEnvironment,
        apple,
        apple_assertions: apple == AttestationRequirement::Required,
    }
}

/// The protection the bank shows for the phone in hand, after logging in.
async fn own_protection(
    phone: &Avain,
    profile_id: &str,
) -> (Option<KeyProtection>, Option<String>) {
    phone
        .login_with_pin(profile_id.to_owned(), PIN.into())
        .await
        .unwrap();
    let devices = phone.devices().list().await.unwrap();
    let mine = devices.into_iter().find(|d| d.this_device).unwrap();
    (mine.key_protection, mine.key_protection_label)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_android_phone_registers_and_switches_biometrics_on_with_its_keys_evidence() {
    let h = Harness::start().await.unwrap();
    h.set_attestation_policy(policy(
        AttestationRequirement::Required,
        AttestationRequirement::Required,
    ))
    .await
    .unwrap();
    let anna = Harness::customer(ANNA).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let phone = h
        .attesting_phone(dir.path(), Flavour::Android(AttestationLevel::StrongBox))
        .unwrap();
    let profile_id = h
        .register_on(&phone.avain, anna, PIN, "Attestoitu")
        .await
        .unwrap();
    h.unlock_in_online_bank(anna).await.unwrap();
    let (protection, label) = own_protection(&phone.avain, &profile_id).await;
    assert_eq!(protection, Some(KeyProtection::StrongBox));
    assert_eq!(
        label.as_deref(),
        Some("Laitteistoon suojattu avain, StrongBox")
    );

    // K_bio is made with the bank's fresh challenge and its chain goes with it: under a
    // required policy the bank takes nothing less.
    phone
        .avain
        .enable_biometrics(BiometricKind::Fingerprint, PIN.into())
        .await
        .unwrap();
    assert!(
        phone
            .avain
            .profile(&profile_id)
            .await
            .unwrap()
            .biometrics_enabled
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_phone_without_evidence_is_refused_under_a_required_policy_with_what_to_do() {
    let h = Harness::start().await.unwrap();
    h.set_attestation_policy(policy(
        AttestationRequirement::Required,
        AttestationRequirement::Required,
    ))
    .await
    .unwrap();
    let anna = Harness::customer(ANNA).unwrap();
    // The harness's own phone: software keys that cannot attest.
    let registration = h
        .registration_before_finish(&h.avain, anna, PIN)
        .await
        .unwrap();
    let refused = registration
        .finish("Todistamaton".into())
        .await
        .unwrap_err();
    assert_eq!(refused.code(), AvainErrorCode::AttestationRequired);
    assert!(
        matches!(refused, AvainError::DeviceNotSupported { .. }),
        "{refused:?}"
    );
    assert!(
        refused.user_message().contains("verkkopankkia"),
        "{}",
        refused.user_message()
    );
    // Nothing was kept: no profile, and the keys are gone again.
    assert!(h.avain.profiles().await.unwrap().is_empty());
    let left: Vec<String> = h
        .secrets
        .names()
        .into_iter()
        .filter(|n| n.starts_with("avain/profile/"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
    // The device secret K_pin came from is gone with them: the PIN is chosen again.
    assert!(
        matches!(registration.step(), RegistrationStep::ChoosePin { .. }),
        "{:?}",
        registration.step()
    );

    // Under a preferred policy the same registration goes through, as not attested, and
    // the profile's PIN works.
    h.set_attestation_policy(policy(
        AttestationRequirement::Preferred,
        AttestationRequirement::Preferred,
    ))
    .await
    .unwrap();
    registration
        .choose_pin(PIN.into(), PIN.into())
        .await
        .unwrap();
    let RegistrationStep::PendingUnlock { profile, .. } =
        registration.finish("Todistamaton".into()).await.unwrap()
    else {
        panic!("expected pending unlock");
    };
    let id = profile.id;
    h.unlock_in_online_bank(anna).await.unwrap();
    let (protection, label) = own_protection(&h.avain, &id).await;
    assert_eq!(protection, Some(KeyProtection::NotAttested));
    assert_eq!(
        label.as_deref(),
        Some("Avaimen suojausta ei ole varmistettu")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_ios_phone_attests_its_registration_and_asserts_its_approvals_when_asked() {
    let h = Harness::start().await.unwrap();
    h.set_attestation_policy(policy(
        AttestationRequirement::Preferred,
        AttestationRequirement::Required,
    ))
    .await
    .unwrap();
    let anna = Harness::customer(ANNA).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let phone = h.attesting_phone(dir.path(), Flavour::Ios).unwrap();
    let profile_id = h
        .register_on(&phone.avain, anna, PIN, "Attestoitu")
        .await
        .unwrap();
    assert!(phone.services.assertions().is_empty());
    h.unlock_in_online_bank(anna).await.unwrap();
    // The login is an approval: the bank asks for an assertion and gets one.
    let (protection, _) = own_protection(&phone.avain, &profile_id).await;
    assert_eq!(protection, Some(KeyProtection::AppAttest));
    let asked = phone.services.assertions();
    assert_eq!(asked.len(), 1, "one assertion per approval");
    assert_eq!(asked[0].len(), 32);
    // Each approval's client data hash is its own (the hash of its signed bytes).
    phone.avain.logout().await.unwrap();
    phone
        .avain
        .login_with_pin(profile_id.clone(), PIN.into())
        .await
        .unwrap();
    let asked = phone.services.assertions();
    assert_eq!(asked.len(), 2);
    assert_ne!(asked[0], asked[1]);
    assert_ne!(asked[1], app_attest_client_data_hash(b"").to_vec());

    // iOS vouches for K_bio with the assertion on the approval that registers it.
    phone
        .avain
        .enable_biometrics(BiometricKind::Face, PIN.into())
        .await
        .unwrap();
    assert_eq!(phone.services.assertions().len(), 3);
}
