//! Registering keys that are not in a phone's secure hardware, or evidence that is not for
//! them (issue 17). Before key attestation a 60-line script registered a software "phone";
//! under a required policy each of these must now be refused, with the key's evidence
//! checked against what the bank itself knows: its nonce, the profile and device, the key
//! being registered, the registration's bytes, the App Attest counter.

use avain_core::api::sandbox_attestation::{
    AttestationLevel, AttestationPolicySettings, AttestationRequirement,
};
use avain_core::api::{
    BiometricKeyRequest, BiometricKind, Challenge, ErrorCode, KeyAttestation, LoginChannel,
    LoginRequest, PendingChange, Session,
};
use avain_core::signed_bytes::Approval;
use avain_protocol::attestation::{AttestedKeyRole, key_attestation_challenge};
use avain_sandbox::attestation::{Attestation, RegistrationEvidence, check_registration};
use avain_sandbox::client::{
    BankClient, CallError, DeviceAttestation, LOGIN_TEXT, SoftwareDevice, registration_fields,
};
use avain_sandbox::seed::{self, ANNA, MIKKO, SeedCustomer};
use avain_sandbox::{AttestationConfig, Sandbox};

const PIN: &str = "2580";

fn required(minimum: AttestationLevel, assertions: bool) -> AttestationPolicySettings {
    AttestationPolicySettings {
        android: AttestationRequirement::Required,
        android_minimum_level: minimum,
        apple: AttestationRequirement::Required,
        apple_assertions: assertions,
    }
}

async fn strict_bank() -> (Sandbox, BankClient) {
    let bank = Sandbox::start_fresh().await.expect("sandbox starts");
    let client = BankClient::for_sandbox(&bank).expect("client");
    client
        .set_attestation_policy(required(AttestationLevel::TrustedEnvironment, true))
        .await
        .expect("policy");
    (bank, client)
}

fn anna() -> &'static SeedCustomer {
    seed::customer(ANNA).expect("seeded customer")
}

/// The registration's last step with `evidence` instead of the device's own.
async fn complete_with(
    client: &BankClient,
    device: &mut SoftwareDevice,
    evidence: impl AsyncFnOnce(
        &BankClient,
        &SoftwareDevice,
        &avain_core::api::RegistrationVerified,
    ) -> Option<KeyAttestation>,
) -> Result<avain_core::api::RegisteredProfile, CallError> {
    let (id, verified) = client.registration_verified(anna()).await?;
    let attestation = evidence(client, device, &verified).await;
    client
        .complete_registration(&id, &verified, device, PIN, "Puhelin", attestation)
        .await
}

fn challenge_for(verified: &avain_core::api::RegistrationVerified) -> [u8; 32] {
    key_attestation_challenge(
        AttestedKeyRole::Device,
        verified.nonce.as_slice(),
        &verified.profile_id,
        &verified.device_id,
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_software_phone_without_evidence_is_refused() {
    let (_bank, client) = strict_bank().await;
    let mut script = SoftwareDevice::new();
    let err = client
        .register(anna(), &mut script, PIN, "Puhelin")
        .await
        .unwrap_err();
    assert_eq!(err.code(), Some(ErrorCode::AttestationRequired));
    // Claiming to be an iPhone changes nothing.
    let mut script = SoftwareDevice::attested_iphone();
    script.attestation = DeviceAttestation::None;
    let err = client
        .register(anna(), &mut script, PIN, "Puhelin")
        .await
        .unwrap_err();
    assert_eq!(err.code(), Some(ErrorCode::AttestationRequired));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn evidence_for_another_key_is_refused() {
    let (_bank, client) = strict_bank().await;
    let mut device = SoftwareDevice::new();
    // A genuine chain, with this registration's challenge, for a key the attacker does not
    // register (the hardware key stays in the phone; the software key is registered).
    let other = SoftwareDevice::new().device_public_key();
    let err = complete_with(&client, &mut device, async |client, _, verified| {
        client
            .simulated_android_chain(
                &other,
                &challenge_for(verified),
                AttestedKeyRole::Device,
                AttestationLevel::StrongBox,
            )
            .await
            .ok()
    })
    .await
    .unwrap_err();
    assert_eq!(err.code(), Some(ErrorCode::AttestationFailed));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn evidence_made_for_another_registration_is_refused() {
    let (_bank, client) = strict_bank().await;
    let mut device = SoftwareDevice::new();
    let key = device.device_public_key();
    // Evidence for this very key, made for an earlier registration (its nonce, profile
    // and device ids), replayed in a new one.
    let (_, earlier) = client.registration_verified(anna()).await.unwrap();
    let replayed = client
        .simulated_android_chain(
            &key,
            &challenge_for(&earlier),
            AttestedKeyRole::Device,
            AttestationLevel::StrongBox,
        )
        .await
        .unwrap();
    let err = complete_with(&client, &mut device, async |_, _, _| Some(replayed))
        .await
        .unwrap_err();
    assert_eq!(err.code(), Some(ErrorCode::AttestationFailed));
    // A chain for the right nonce but another profile id (fields cannot be moved around).
    let err = complete_with(&client, &mut device, async |client, device, verified| {
        let shifted = key_attestation_challenge(
            AttestedKeyRole::Device,
            verified.nonce.as_slice(),
            &verified.device_id,
            &verified.profile_id,
        );
        client
            .simulated_android_chain(
                &device.device_public_key(),
                &shifted,
                AttestedKeyRole::Device,
                AttestationLevel::StrongBox,
            )
            .await
            .ok()
    })
    .await
    .unwrap_err();
    assert_eq!(err.code(), Some(ErrorCode::AttestationFailed));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_software_level_chain_is_refused_under_a_hardware_minimum() {
    let (_bank, client) = strict_bank().await;
    let mut device = SoftwareDevice::attested_android(AttestationLevel::Software);
    let err = client
        .register(anna(), &mut device, PIN, "Puhelin")
        .await
        .unwrap_err();
    assert_eq!(err.code(), Some(ErrorCode::AttestationFailed));
    // A TEE key where the bank asks for StrongBox.
    client
        .set_attestation_policy(required(AttestationLevel::StrongBox, false))
        .await
        .unwrap();
    let mut device = SoftwareDevice::attested_android(AttestationLevel::TrustedEnvironment);
    let err = client
        .register(anna(), &mut device, PIN, "Puhelin")
        .await
        .unwrap_err();
    assert_eq!(err.code(), Some(ErrorCode::AttestationFailed));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_test_roots_evidence_counts_only_in_test_mode() {
    let (bank, client) = strict_bank().await;
    let mut device = SoftwareDevice::attested_android(AttestationLevel::StrongBox);
    let (id, verified) = client.registration_verified(anna()).await.unwrap();
    let evidence = client
        .simulated_android_chain(
            &device.device_public_key(),
            &challenge_for(&verified),
            AttestedKeyRole::Device,
            AttestationLevel::StrongBox,
        )
        .await
        .unwrap();
    let (context, approval) = registration_fields(&verified, &device, PIN, "Puhelin");
    let bytes = avain_core::signed_bytes::encode(&context, &approval).unwrap();
    let key = device.device_public_key();
    let registration = RegistrationEvidence {
        platform: "android",
        evidence: Some(&evidence),
        nonce: verified.nonce.as_slice(),
        profile_id: &verified.profile_id,
        device_id: &verified.device_id,
        device_public_key: &key,
        signed_bytes: bytes.as_bytes(),
    };
    let config = AttestationConfig {
        policy: required(AttestationLevel::TrustedEnvironment, false),
        status_list: None,
    };
    let now = bank.clock().now();
    // A bank as `serve` runs it, without its control routes: the vendors' roots only.
    let production = Attestation::new(&config, false).unwrap();
    let err = check_registration(&production, &registration, now).unwrap_err();
    assert_eq!(err.code, ErrorCode::AttestationFailed);
    // Another sandbox in test mode has a root of its own.
    let other_sandbox = Attestation::new(&config, true).unwrap();
    let err = check_registration(&other_sandbox, &registration, now).unwrap_err();
    assert_eq!(err.code, ErrorCode::AttestationFailed);
    // The sandbox whose test root made it accepts the same evidence.
    let registered = client
        .complete_registration(&id, &verified, &mut device, PIN, "Puhelin", Some(evidence))
        .await
        .unwrap();
    assert_eq!(
        registered.key_protection,
        Some(avain_core::api::KeyProtection::StrongBox)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_app_attest_object_over_other_bytes_is_refused() {
    let (_bank, client) = strict_bank().await;
    let mut iphone = SoftwareDevice::attested_iphone();
    let err = complete_with(&client, &mut iphone, async |client, _, _| {
        // Attested over another registration's bytes (here: bytes of the attacker's
        // choosing), not this one's.
        client.simulated_app_attest(&[0x42; 32]).await.ok()
    })
    .await
    .unwrap_err();
    assert_eq!(err.code(), Some(ErrorCode::AttestationFailed));
}

fn login_approval() -> Approval {
    Approval::Login {
        channel: LoginChannel::App,
        shown_text: LOGIN_TEXT.to_owned(),
    }
}

/// The answer to `challenge` with the device's App Attest assertion.
async fn answer(
    client: &BankClient,
    device: &SoftwareDevice,
    challenge: &Challenge,
) -> avain_core::api::Assertion {
    let mut assertion = device.answer(challenge, &login_approval(), Some(PIN));
    client
        .add_app_attest_assertion(device, challenge, &login_approval(), &mut assertion)
        .await
        .expect("the simulated App Attest answers");
    assert!(assertion.app_attest_assertion.is_some());
    assertion
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_replayed_app_attest_assertion_is_refused() {
    let (_bank, client) = strict_bank().await;
    let mut iphone = SoftwareDevice::attested_iphone();
    client
        .register_active(seed::customer(MIKKO).unwrap(), &mut iphone, PIN)
        .await
        .unwrap();
    // Two challenges open at once; the later one's assertion is made first, so its App
    // Attest counter is the lower one.
    let first = client.login_challenge(&iphone).await.unwrap();
    let second = client.login_challenge(&iphone).await.unwrap();
    let early = answer(&client, &iphone, &second).await;
    let late = answer(&client, &iphone, &first).await;
    let _: Session = client
        .post("/v1/sessions", None, &LoginRequest { assertion: late })
        .await
        .unwrap();
    let err = client
        .post::<Session>("/v1/sessions", None, &LoginRequest { assertion: early })
        .await
        .unwrap_err();
    assert_eq!(err.code(), Some(ErrorCode::AttestationFailed));
    // An assertion made for one challenge, moved to another: not over its bytes.
    let third = client.login_challenge(&iphone).await.unwrap();
    let fourth = client.login_challenge(&iphone).await.unwrap();
    let mut moved = iphone.answer(&fourth, &login_approval(), Some(PIN));
    moved.app_attest_assertion = answer(&client, &iphone, &third).await.app_attest_assertion;
    let err = client
        .post::<Session>("/v1/sessions", None, &LoginRequest { assertion: moved })
        .await
        .unwrap_err();
    assert_eq!(err.code(), Some(ErrorCode::AttestationFailed));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_biometric_key_without_user_authentication_is_refused() {
    let (bank, client) = strict_bank().await;
    let mut device = SoftwareDevice::attested_android(AttestationLevel::StrongBox);
    client
        .register_active(anna(), &mut device, PIN)
        .await
        .unwrap();
    let session = client.login(&device, Some(PIN)).await.unwrap();
    let token = session.token.expose().to_owned();
    let public_key = device.enable_biometric();
    let request = client
        .biometric_key_request(
            &device,
            &session.token,
            BiometricKind::Face,
            public_key.clone(),
        )
        .await
        .unwrap();
    // The same challenge, but the chain of a key usable without a biometric (K_dev's kind).
    let nonce = request.attestation_nonce.clone().unwrap();
    let binding = key_attestation_challenge(
        AttestedKeyRole::Biometric,
        nonce.as_slice(),
        &device.profile_id,
        &device.device_id,
    );
    let no_user_auth = client
        .simulated_android_chain(
            &public_key,
            &binding,
            AttestedKeyRole::Device,
            AttestationLevel::StrongBox,
        )
        .await
        .unwrap();
    let forged = BiometricKeyRequest {
        attestation: Some(no_user_auth),
        ..request.clone()
    };
    let err = client
        .post::<PendingChange>("/v1/biometric-keys", Some(&token), &forged)
        .await
        .unwrap_err();
    assert_eq!(err.code(), Some(ErrorCode::AttestationFailed));
    // The nonce was spent by that attempt: the genuine chain cannot reuse it.
    let err = client
        .post::<PendingChange>("/v1/biometric-keys", Some(&token), &request)
        .await
        .unwrap_err();
    assert_eq!(err.code(), Some(ErrorCode::ChallengeUsed));
    // A nonce of its own, sent after it expired (the session kept alive meanwhile).
    let late = client
        .biometric_key_request(
            &device,
            &session.token,
            BiometricKind::Face,
            public_key.clone(),
        )
        .await
        .unwrap();
    bank.clock().advance(time::Duration::minutes(4));
    let _: avain_core::api::DeviceList = client.get("/v1/devices", Some(&token)).await.unwrap();
    bank.clock().advance(time::Duration::minutes(2));
    let err = client
        .post::<PendingChange>("/v1/biometric-keys", Some(&token), &late)
        .await
        .unwrap_err();
    assert_eq!(err.code(), Some(ErrorCode::ChallengeExpired));
    // Another profile's nonce.
    let mut other = SoftwareDevice::attested_android(AttestationLevel::StrongBox);
    client
        .register_active(anna(), &mut other, PIN)
        .await
        .unwrap();
    let other_session = client.login(&other, Some(PIN)).await.unwrap();
    let theirs = client
        .biometric_key_request(
            &other,
            &other_session.token,
            BiometricKind::Face,
            public_key,
        )
        .await
        .unwrap();
    let err = client
        .post::<PendingChange>("/v1/biometric-keys", Some(&token), &theirs)
        .await
        .unwrap_err();
    assert_eq!(err.code(), Some(ErrorCode::ChallengeMismatch));
}
