//! Challenges, assertions and sessions: two signatures, single use, server TTL, strictly
//! increasing counters, five failures lock, five idle minutes end a session.

#![allow(clippy::unwrap_used)] // test helpers outside #[test] functions

mod common;

use avain_core::os_policy::{OsPolicy, SignedPolicy};
use avain_protocol::api::sandbox::{BankKeys, ClockChange};
use avain_protocol::api::{
    Base64Bytes, ChallengeRequest, DeviceState, ErrorCode, LoginChannel, LoginRequest,
    PendingChange, PinChangeRequest, ProfileState, Session,
};
use avain_protocol::signed_bytes::Approval;
use avain_sandbox::client::{LOGIN_TEXT, SoftwareDevice};
use avain_sandbox::seed::{ANNA, MIKKO};
use common::*;
use ring::signature::KeyPair;

fn login_approval() -> Approval {
    Approval::Login {
        channel: LoginChannel::App,
        shown_text: LOGIN_TEXT.to_owned(),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn challenges_are_signed_by_the_bank_and_single_use() {
    let (bank, client) = bank().await;
    let device = active_device(&client, ANNA).await;
    let challenge = client.login_challenge(&device).await.unwrap();
    assert!(challenge.verify_bank_signature(bank.bank_keys().challenge_key.as_slice()));
    let keys: BankKeys = client.get("/v1/sandbox/bank-keys", None).await.unwrap();
    assert_eq!(&keys, bank.bank_keys());
    assert_eq!(challenge.nonce.as_slice().len(), 32);
    assert_eq!(challenge.device_id, device.device_id);
    assert!(challenge.expires_at - challenge.issued_at == time::Duration::seconds(120));
    let mut tampered = challenge.clone();
    tampered.counter += 1;
    assert!(!tampered.verify_bank_signature(bank.bank_keys().challenge_key.as_slice()));

    let assertion = device.answer(&challenge, &login_approval(), Some(PIN));
    let _: Session = client
        .post(
            "/v1/sessions",
            None,
            &LoginRequest {
                assertion: assertion.clone(),
            },
        )
        .await
        .unwrap();
    let replay = client
        .post::<Session>("/v1/sessions", None, &LoginRequest { assertion })
        .await
        .unwrap_err();
    assert_eq!(replay.code(), Some(ErrorCode::ChallengeUsed));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_expired_challenge_is_refused_by_server_time() {
    let (_bank, client) = bank().await;
    let device = active_device(&client, ANNA).await;
    let challenge = client.login_challenge(&device).await.unwrap();
    let _: serde_json::Value = client
        .post(
            "/v1/sandbox/clock",
            None,
            &ClockChange {
                advance_s: Some(121),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    let err = client
        .answer_login(&device, &challenge, Some(PIN))
        .await
        .unwrap_err();
    assert_eq!(err.code(), Some(ErrorCode::ChallengeExpired));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn counters_must_increase() {
    let (_bank, client) = bank().await;
    let device = active_device(&client, ANNA).await;
    let older = client.login_challenge(&device).await.unwrap();
    let newer = client.login_challenge(&device).await.unwrap();
    assert!(newer.counter > older.counter);
    client
        .answer_login(&device, &newer, Some(PIN))
        .await
        .unwrap();
    let err = client
        .answer_login(&device, &older, Some(PIN))
        .await
        .unwrap_err();
    assert_eq!(err.code(), Some(ErrorCode::CounterNotIncreasing));
    // A new challenge continues above the last accepted counter.
    let next = client.login_challenge(&device).await.unwrap();
    assert!(next.counter > newer.counter);
    client
        .answer_login(&device, &next, Some(PIN))
        .await
        .unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn five_wrong_pins_lock_with_a_warning_before_the_last() {
    let (_bank, client) = bank().await;
    let device = active_device(&client, ANNA).await;
    let mut answers = vec![];
    for _ in 0..5 {
        let err = client.login(&device, Some("0000")).await.unwrap_err();
        let body = err.body.clone().unwrap();
        answers.push((body.code, body.attempts_left));
    }
    assert_eq!(
        answers,
        [
            (ErrorCode::SignatureInvalid, Some(4)),
            (ErrorCode::SignatureInvalid, Some(3)),
            (ErrorCode::SignatureInvalid, Some(2)),
            (ErrorCode::SignatureInvalid, Some(1)),
            (ErrorCode::ProfileLocked, None),
        ]
    );
    // Locked: even the right PIN no longer gets a challenge, and the user code is locked.
    let err = client.login(&device, Some(PIN)).await.unwrap_err();
    assert_eq!(err.code(), Some(ErrorCode::ProfileLocked));
    let err = client.online_bank_login(customer(ANNA)).await.unwrap_err();
    assert_eq!(err.code(), Some(ErrorCode::UserCodeLocked));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_warning_before_the_last_attempt_is_in_the_requested_language() {
    let (_bank, client) = bank().await;
    let device = active_device(&client, ANNA).await;
    for _ in 0..3 {
        client.login(&device, Some("1111")).await.unwrap_err();
    }
    let challenge = client.login_challenge(&device).await.unwrap();
    let assertion = device.answer(&challenge, &login_approval(), Some("1111"));
    let (status, body) = client
        .raw(
            reqwest::Method::POST,
            "/v1/sessions",
            None,
            Some("application/json"),
            serde_json::to_vec(&LoginRequest { assertion }).unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(status, 401);
    let body: avain_protocol::api::ErrorBody = serde_json::from_slice(&body).unwrap();
    assert_eq!(body.attempts_left, Some(1));
    assert!(body.message.contains("lukitsee"), "{}", body.message);
    // The message names no factor.
    assert!(!body.message.to_lowercase().contains("laite"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bad_device_signature_is_not_counted_and_says_nothing_about_the_pin() {
    let (_bank, client) = bank().await;
    let device = active_device(&client, ANNA).await;
    let other = SoftwareDevice::new();
    // K_dev's signature from another phone, once with the right PIN's signature and once
    // with a wrong one: the same answer both times, so it is no PIN oracle.
    let mut answers = Vec::new();
    for pin in [PIN, "9999"] {
        let challenge = client.login_challenge(&device).await.unwrap();
        let mut assertion = device.answer(&challenge, &login_approval(), Some(pin));
        assertion.device_signature = other
            .answer(&challenge, &login_approval(), Some(pin))
            .device_signature;
        let err = client
            .post::<Session>("/v1/sessions", None, &LoginRequest { assertion })
            .await
            .unwrap_err();
        answers.push((err.status, err.body.unwrap()));
    }
    assert_eq!(answers[0], answers[1]);
    assert_eq!(answers[0].0, 401);
    assert_eq!(answers[0].1.code, ErrorCode::SignatureInvalid);
    assert_eq!(answers[0].1.attempts_left, None);
    // Possession not proven, so nothing was counted: the first wrong PIN leaves four.
    let err = client.login(&device, Some("9999")).await.unwrap_err();
    assert_eq!(err.body.unwrap().attempts_left, Some(4));
    // A right answer resets the count.
    client.login(&device, Some(PIN)).await.unwrap();
    let err = client.login(&device, Some("9999")).await.unwrap_err();
    assert_eq!(err.body.unwrap().attempts_left, Some(4));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sessions_end_after_five_idle_minutes() {
    let (_bank, client) = bank().await;
    let (_device, token) = logged_in(&client, ANNA).await;
    let advance = |s: i64| ClockChange {
        advance_s: Some(s),
        ..Default::default()
    };
    let _: serde_json::Value = client
        .post("/v1/sandbox/clock", None, &advance(240))
        .await
        .unwrap();
    let _: Session = client
        .get("/v1/sessions/current", Some(&token))
        .await
        .unwrap();
    let _: serde_json::Value = client
        .post("/v1/sandbox/clock", None, &advance(240))
        .await
        .unwrap();
    let _: Session = client
        .get("/v1/sessions/current", Some(&token))
        .await
        .unwrap();
    let _: serde_json::Value = client
        .post("/v1/sandbox/clock", None, &advance(301))
        .await
        .unwrap();
    let err = client
        .get::<Session>("/v1/sessions/current", Some(&token))
        .await
        .unwrap_err();
    assert_eq!(err.code(), Some(ErrorCode::SessionExpired));
    let err = client
        .get::<Session>("/v1/sessions/current", Some("nonsense"))
        .await
        .unwrap_err();
    assert_eq!(err.code(), Some(ErrorCode::Unauthorized));
    let err = client
        .get::<Session>("/v1/sessions/current", None)
        .await
        .unwrap_err();
    assert_eq!(
        (err.status, err.code()),
        (401, Some(ErrorCode::Unauthorized))
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn logout_ends_the_session() {
    let (_bank, client) = bank().await;
    let (_device, token) = logged_in(&client, MIKKO).await;
    client
        .delete("/v1/sessions/current", Some(&token))
        .await
        .unwrap();
    let err = client
        .get::<Session>("/v1/sessions/current", Some(&token))
        .await
        .unwrap_err();
    assert_eq!(err.code(), Some(ErrorCode::Unauthorized));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_os_policy_is_signed_sequenced_and_enforced() {
    let (bank, client) = bank().await;
    let device = active_device(&client, ANNA).await;
    let key = bank.policy_bank_key().unwrap();
    let first: SignedPolicy = client.get("/v1/policy", None).await.unwrap();
    let first_policy = first.accept(std::slice::from_ref(&key), None).unwrap();
    assert_eq!(first_policy.sequence, 1);
    // A session and an open challenge from before the new policy.
    let token = client
        .login(&device, Some(PIN))
        .await
        .unwrap()
        .token
        .expose()
        .to_owned();
    let open = client.login_challenge(&device).await.unwrap();

    // The bank raises Android's minimum to 15, effective at once.
    let mut stricter = OsPolicy::builtin();
    let rule = stricter
        .platforms
        .get_mut(&avain_core::os_policy::Platform::Android)
        .unwrap();
    rule.min_os_run = avain_core::os_policy::Version::parse("15").unwrap();
    rule.warn_from = None;
    rule.effective = None;
    let published: SignedPolicy = client
        .post("/v1/sandbox/policy", None, &stricter)
        .await
        .unwrap();
    let second = published
        .accept(std::slice::from_ref(&key), Some(1))
        .unwrap();
    assert_eq!(second.sequence, 2);
    // An old policy is refused by the core once a newer one was accepted.
    assert!(first.accept(std::slice::from_ref(&key), Some(2)).is_err());

    let err = client.login_challenge(&device).await.unwrap_err();
    assert_eq!(err.code(), Some(ErrorCode::OsNotSupported));
    // It also stops the answer to the open challenge and approvals inside the session.
    let err = client
        .answer_login(&device, &open, Some(PIN))
        .await
        .unwrap_err();
    assert_eq!(err.code(), Some(ErrorCode::OsNotSupported));
    let err = client
        .post::<PendingChange>(
            "/v1/pin-changes",
            Some(&token),
            &PinChangeRequest {
                new_pin_public_key: Base64Bytes(
                    device.pin_key("135790").public_key().as_ref().to_vec(),
                ),
            },
        )
        .await
        .unwrap_err();
    assert_eq!(err.code(), Some(ErrorCode::OsNotSupported));
    let err = client
        .post::<serde_json::Value>(
            "/v1/challenges",
            None,
            &ChallengeRequest {
                profile_id: device.profile_id.clone(),
                device: DeviceState {
                    os_version: "fourteen".into(),
                    app_version: "1.0".into(),
                },
                channel: LoginChannel::App,
            },
        )
        .await
        .unwrap_err();
    assert_eq!(err.code(), Some(ErrorCode::InvalidValue));
    let mut updated = device;
    updated.description.os_version = "15".into();
    client.login(&updated, Some(PIN)).await.unwrap();

    // A minimum app version blocks old apps with its own code.
    let mut needs_app = stricter.clone();
    needs_app
        .platforms
        .get_mut(&avain_core::os_policy::Platform::Android)
        .unwrap()
        .min_app = Some(avain_core::os_policy::Version::parse("2.0").unwrap());
    let _: SignedPolicy = client
        .post("/v1/sandbox/policy", None, &needs_app)
        .await
        .unwrap();
    let err = client.login(&updated, Some(PIN)).await.unwrap_err();
    assert_eq!(err.code(), Some(ErrorCode::AppUpdateRequired));

    // Registration from an unsupported platform is refused.
    let mut windows = SoftwareDevice::new();
    windows.description.platform = "windows_phone".into();
    let err = client
        .register(customer(MIKKO), &mut windows, PIN, "Lumia")
        .await
        .unwrap_err();
    assert_eq!(err.code(), Some(ErrorCode::OsNotSupported));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_restarted_bank_keeps_profiles_counters_and_keys() {
    let dir = tempfile::tempdir().unwrap();
    let options = avain_sandbox::SandboxOptions {
        data_dir: Some(dir.path().to_owned()),
        control: true,
        ..Default::default()
    };
    let bank = avain_sandbox::Sandbox::start(options.clone())
        .await
        .unwrap();
    let client = avain_sandbox::client::BankClient::for_sandbox(&bank).unwrap();
    let device = active_device(&client, ANNA).await;
    let session = client.login(&device, Some(PIN)).await.unwrap();
    let keys = bank.bank_keys().clone();
    let root = bank.root_certificate_pem().to_owned();
    bank.stop().await;

    let bank = avain_sandbox::Sandbox::start(options).await.unwrap();
    assert_eq!(bank.bank_keys(), &keys);
    assert_eq!(bank.root_certificate_pem(), root);
    let client = avain_sandbox::client::BankClient::for_sandbox(&bank).unwrap();
    // Sessions do not survive a restart; the profile and its counter do.
    let err = client
        .get::<Session>("/v1/sessions/current", Some(session.token.expose()))
        .await
        .unwrap_err();
    assert_eq!(err.code(), Some(ErrorCode::Unauthorized));
    let challenge = client.login_challenge(&device).await.unwrap();
    assert!(challenge.counter >= 2);
    let session = client
        .answer_login(&device, &challenge, Some(PIN))
        .await
        .unwrap();
    assert_eq!(session.profile_state, ProfileState::Active);
}
