//! Key attestation at the bank: the verdict on K_dev's evidence stored with the device and
//! shown in the device lists, the policy per platform (required refuses, preferred records,
//! off ignores), K_bio's evidence with its single-use challenge, and App Attest assertions
//! on an iOS device's approvals. The attacks are in tests/e2e/tests/attacks/key_attestation.rs.

#![allow(clippy::unwrap_used)] // test helpers outside #[test] functions

mod common;

use avain_protocol::api::sandbox_attestation::{
    AttestationLevel, AttestationPolicySettings, AttestationRequirement,
};
use avain_protocol::api::{
    AttestationChallenge, BiometricKind, DeviceList, ErrorCode, KeyProtection, PendingChange,
    ProfileStatus, Secret,
};
use avain_protocol::signed_bytes::Approval;
use avain_sandbox::client::{BankClient, SoftwareDevice};
use avain_sandbox::seed::{ANNA, MIKKO};
use common::*;

fn policy(
    android: AttestationRequirement,
    apple: AttestationRequirement,
) -> AttestationPolicySettings {
    AttestationPolicySettings {
        android,
        android_minimum_level: AttestationLevel::TrustedEnvironment,
        apple,
        apple_assertions: false,
    }
}

const REQUIRED: AttestationRequirement = AttestationRequirement::Required;
const PREFERRED: AttestationRequirement = AttestationRequirement::Preferred;
const OFF: AttestationRequirement = AttestationRequirement::Off;

/// Registers and unlocks `device` for `user_id`; what the bank concluded.
async fn register(
    client: &BankClient,
    user_id: &str,
    device: &mut SoftwareDevice,
) -> Result<Option<KeyProtection>, avain_sandbox::client::CallError> {
    let registered = client
        .register(customer(user_id), device, PIN, "Puhelin")
        .await?;
    let token = client.online_bank_login(customer(user_id)).await?;
    let _: serde_json::Value = client
        .post_empty(
            &format!("/v1/online-bank/devices/{}/unlock", device.profile_id),
            Some(&token),
        )
        .await?;
    Ok(registered.key_protection)
}

async fn listed_protection(client: &BankClient, device: &SoftwareDevice) -> Option<KeyProtection> {
    let session = client.login(device, Some(PIN)).await.unwrap();
    let list: DeviceList = client
        .get("/v1/devices", Some(session.token.expose()))
        .await
        .unwrap();
    list.devices
        .iter()
        .find(|d| d.this_device)
        .and_then(|d| d.key_protection)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_default_policy_records_what_each_phone_proves_and_refuses_none() {
    let (bank, client) = bank().await;
    let settings: AttestationPolicySettings = client
        .get("/v1/sandbox/attestation/policy", None)
        .await
        .unwrap();
    assert_eq!(settings, policy(PREFERRED, PREFERRED));

    let mut plain = SoftwareDevice::new();
    assert_eq!(
        register(&client, ANNA, &mut plain).await.unwrap(),
        Some(KeyProtection::NotAttested)
    );
    assert_eq!(
        listed_protection(&client, &plain).await,
        Some(KeyProtection::NotAttested)
    );

    let mut strong = SoftwareDevice::attested_android(AttestationLevel::StrongBox);
    assert_eq!(
        register(&client, ANNA, &mut strong).await.unwrap(),
        Some(KeyProtection::StrongBox)
    );
    assert_eq!(
        listed_protection(&client, &strong).await,
        Some(KeyProtection::StrongBox)
    );

    // Valid evidence of a software key under a hardware minimum: registered, recorded as
    // software.
    let mut software = SoftwareDevice::attested_android(AttestationLevel::Software);
    assert_eq!(
        register(&client, ANNA, &mut software).await.unwrap(),
        Some(KeyProtection::Software)
    );

    let mut iphone = SoftwareDevice::attested_iphone();
    assert_eq!(
        register(&client, MIKKO, &mut iphone).await.unwrap(),
        Some(KeyProtection::AppAttest)
    );
    assert_eq!(
        listed_protection(&client, &iphone).await,
        Some(KeyProtection::AppAttest)
    );

    // What the bank keeps: the reason a key is not attested, Android's levels, the App
    // Attest key with its counter at 0.
    let db = rusqlite::Connection::open(bank.database_path()).unwrap();
    let stored = |profile_id: &str| -> (
        String,
        Option<String>,
        Option<String>,
        Option<String>,
        bool,
        Option<u32>,
    ) {
        db.query_row(
            "SELECT key_protection, attestation_reason, attestation_security_level,
                    keymint_security_level, app_attest_key IS NOT NULL, app_attest_counter
             FROM profiles WHERE id = ?1",
            [profile_id],
            |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                ))
            },
        )
        .unwrap()
    };
    let text = |s: &str| Some(s.to_owned());
    assert_eq!(
        stored(&plain.profile_id),
        (
            "not_attested".to_owned(),
            text("none"),
            None,
            None,
            false,
            None
        )
    );
    assert_eq!(
        stored(&strong.profile_id),
        (
            "strong_box".to_owned(),
            None,
            text("strong_box"),
            text("strong_box"),
            false,
            None
        )
    );
    assert_eq!(
        stored(&software.profile_id),
        (
            "software".to_owned(),
            text("security_level_too_low"),
            text("software"),
            text("software"),
            false,
            None
        )
    );
    assert_eq!(
        stored(&iphone.profile_id),
        ("app_attest".to_owned(), None, None, None, true, Some(0))
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_required_policy_admits_attested_phones_only() {
    let (_bank, client) = bank().await;
    client
        .set_attestation_policy(policy(REQUIRED, REQUIRED))
        .await
        .unwrap();

    let mut tee = SoftwareDevice::attested_android(AttestationLevel::TrustedEnvironment);
    assert_eq!(
        register(&client, ANNA, &mut tee).await.unwrap(),
        Some(KeyProtection::TrustedEnvironment)
    );
    let mut iphone = SoftwareDevice::attested_iphone();
    assert_eq!(
        register(&client, ANNA, &mut iphone).await.unwrap(),
        Some(KeyProtection::AppAttest)
    );

    let err = register(&client, ANNA, &mut SoftwareDevice::new())
        .await
        .unwrap_err();
    assert_eq!(err.code(), Some(ErrorCode::AttestationRequired));
    assert_eq!(err.status, 403);
    let mut old_iphone = SoftwareDevice::attested_iphone();
    old_iphone.attestation = avain_sandbox::client::DeviceAttestation::None;
    let err = register(&client, ANNA, &mut old_iphone).await.unwrap_err();
    assert_eq!(err.code(), Some(ErrorCode::AttestationRequired));
    let mut software = SoftwareDevice::attested_android(AttestationLevel::Software);
    let err = register(&client, ANNA, &mut software).await.unwrap_err();
    assert_eq!(err.code(), Some(ErrorCode::AttestationFailed));
    let text = err.body.unwrap().message;
    assert!(text.contains("laitteiston"), "{text}");

    // Off: nothing asked, nothing checked, nothing claimed.
    client
        .set_attestation_policy(policy(OFF, OFF))
        .await
        .unwrap();
    let mut strong = SoftwareDevice::attested_android(AttestationLevel::StrongBox);
    assert_eq!(
        register(&client, ANNA, &mut strong).await.unwrap(),
        Some(KeyProtection::NotAttested)
    );
}

/// Starts biometrics with `request` and approves the change with the PIN.
async fn switch_biometrics_on(
    client: &BankClient,
    token: &Secret,
    device: &mut SoftwareDevice,
    attest: bool,
) -> Result<ProfileStatus, avain_sandbox::client::CallError> {
    let public_key = device.enable_biometric();
    let mut request = client
        .biometric_key_request(
            device,
            token,
            BiometricKind::Fingerprint,
            public_key.clone(),
        )
        .await?;
    if !attest {
        request.attestation = None;
        request.attestation_nonce = None;
    }
    let change: PendingChange = client
        .post("/v1/biometric-keys", Some(token.expose()), &request)
        .await?;
    let approval = Approval::BiometricRegistration {
        biometric_public_key: public_key,
    };
    let assertion = device.answer(&change.challenge, &approval, Some(PIN));
    client
        .post(
            &format!("/v1/biometric-keys/{}/confirm", change.change_id),
            Some(token.expose()),
            &avain_protocol::api::ConfirmRequest { assertion },
        )
        .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_android_biometric_key_comes_with_its_chain_under_a_required_policy() {
    let (_bank, client) = bank().await;
    client
        .set_attestation_policy(policy(REQUIRED, PREFERRED))
        .await
        .unwrap();
    let mut device = SoftwareDevice::attested_android(AttestationLevel::StrongBox);
    register(&client, ANNA, &mut device).await.unwrap();
    let session = client.login(&device, Some(PIN)).await.unwrap();
    let token = session.token;

    let status = switch_biometrics_on(&client, &token, &mut device, true)
        .await
        .unwrap();
    assert_eq!(status.biometric, Some(BiometricKind::Fingerprint));
    // K_bio approves a login afterwards.
    client.login(&device, None).await.unwrap();

    let err = switch_biometrics_on(&client, &token, &mut device, false)
        .await
        .unwrap_err();
    assert_eq!(err.code(), Some(ErrorCode::AttestationRequired));

    // The challenge is for this profile, once.
    let challenge: AttestationChallenge = client
        .post_empty(
            "/v1/biometric-keys/attestation-challenges",
            Some(token.expose()),
        )
        .await
        .unwrap();
    assert_eq!(challenge.nonce.as_slice().len(), 32);
    let expires_in = challenge.expires_at - session_now(&client).await;
    assert!(expires_in <= time::Duration::minutes(5), "{expires_in}");
}

async fn session_now(client: &BankClient) -> time::OffsetDateTime {
    let clock: avain_protocol::api::sandbox::ClockState =
        client.get("/v1/sandbox/clock", None).await.unwrap();
    clock.now
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_iphone_answers_with_an_app_attest_assertion_when_the_bank_asks() {
    let (_bank, client) = bank().await;
    let mut asks = policy(PREFERRED, REQUIRED);
    asks.apple_assertions = true;
    client.set_attestation_policy(asks).await.unwrap();
    let mut iphone = SoftwareDevice::attested_iphone();
    register(&client, MIKKO, &mut iphone).await.unwrap();

    let challenge = client.login_challenge(&iphone).await.unwrap();
    assert!(challenge.app_attest_assertion_requested);
    // Two logins in a row: the assertion's counter goes up each time.
    client
        .answer_login(&iphone, &challenge, Some(PIN))
        .await
        .unwrap();
    client.login(&iphone, Some(PIN)).await.unwrap();

    // Without the assertion the answer is refused, and it is not a failed approval.
    let challenge = client.login_challenge(&iphone).await.unwrap();
    let approval = Approval::Login {
        channel: avain_protocol::api::LoginChannel::App,
        shown_text: avain_sandbox::client::LOGIN_TEXT.to_owned(),
    };
    let assertion = iphone.answer(&challenge, &approval, Some(PIN));
    let err = client
        .post::<avain_protocol::api::Session>(
            "/v1/sessions",
            None,
            &avain_protocol::api::LoginRequest { assertion },
        )
        .await
        .unwrap_err();
    assert_eq!(err.code(), Some(ErrorCode::AttestationFailed));
    assert_eq!(err.body.unwrap().attempts_left, None);

    // An Android device is never asked.
    let mut android = SoftwareDevice::attested_android(AttestationLevel::TrustedEnvironment);
    register(&client, ANNA, &mut android).await.unwrap();
    assert!(
        !client
            .login_challenge(&android)
            .await
            .unwrap()
            .app_attest_assertion_requested
    );
}
