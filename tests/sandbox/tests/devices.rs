//! Trusted devices, PIN change and biometric keys.

#![allow(clippy::unwrap_used)] // test helpers outside #[test] functions

mod common;

use avain_protocol::api::{
    ApprovalRequired, Base64Bytes, BiometricKeyRequest, BiometricKind, ConfirmRequest, DeviceList,
    ErrorCode, OnlineBankDeviceList, PendingChange, PinChangeRequest, ProfileState, ProfileStatus,
};
use avain_protocol::signed_bytes::Approval;
use avain_sandbox::client::SoftwareDevice;
use avain_sandbox::seed::{ANNA, MIKKO};
use common::*;
use ring::signature::KeyPair;

/// Starts a PIN change to `new_pin` in `token`'s session: the pending change and the new
/// K_pin public key.
async fn start_pin_change(
    client: &avain_sandbox::client::BankClient,
    token: &str,
    device: &SoftwareDevice,
    new_pin: &str,
) -> (PendingChange, Vec<u8>) {
    let new_key = device.pin_key(new_pin).public_key().as_ref().to_vec();
    let change: PendingChange = client
        .post(
            "/v1/pin-changes",
            Some(token),
            &PinChangeRequest {
                new_pin_public_key: Base64Bytes(new_key.clone()),
            },
        )
        .await
        .unwrap();
    (change, new_key)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_pin_changes_with_the_old_pin_and_only_the_new_one_works_after() {
    let (_bank, client) = bank().await;
    let (device, token) = logged_in(&client, ANNA).await;
    let (change, new_key) = start_pin_change(&client, &token, &device, "135790").await;
    let approval = Approval::PinChange {
        new_pin_public_key: new_key,
    };
    // Signed with the new PIN instead of the old: a failed approval.
    let wrong = device.answer(&change.challenge, &approval, Some("135790"));
    let err = client
        .post::<ProfileStatus>(
            &format!("/v1/pin-changes/{}/confirm", change.change_id),
            Some(&token),
            &ConfirmRequest { assertion: wrong },
        )
        .await
        .unwrap_err();
    assert_eq!(err.code(), Some(ErrorCode::SignatureInvalid));
    let (change, _) = start_pin_change(&client, &token, &device, "135790").await;
    let right = device.answer(&change.challenge, &approval, Some(PIN));
    let _: ProfileStatus = client
        .post(
            &format!("/v1/pin-changes/{}/confirm", change.change_id),
            Some(&token),
            &ConfirmRequest { assertion: right },
        )
        .await
        .unwrap();
    assert_eq!(
        client.login(&device, Some(PIN)).await.unwrap_err().code(),
        Some(ErrorCode::SignatureInvalid)
    );
    client.login(&device, Some("135790")).await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn biometrics_register_while_active_and_then_approve() {
    let (_bank, client) = bank().await;
    let (mut device, token) = logged_in(&client, ANNA).await;
    // No key yet: a biometric answer is refused without counting.
    let err = client.login(&device, None).await.unwrap_err();
    assert_eq!(err.code(), Some(ErrorCode::BiometricNotRegistered));
    let public = device.enable_biometric();
    let change: PendingChange = client
        .post(
            "/v1/biometric-keys",
            Some(&token),
            &BiometricKeyRequest {
                kind: BiometricKind::Fingerprint,
                public_key: Base64Bytes(public.clone()),
                attestation_nonce: None,
                attestation: None,
            },
        )
        .await
        .unwrap();
    let approval = Approval::BiometricRegistration {
        biometric_public_key: public,
    };
    let status: ProfileStatus = client
        .post(
            &format!("/v1/biometric-keys/{}/confirm", change.change_id),
            Some(&token),
            &ConfirmRequest {
                assertion: device.answer(&change.challenge, &approval, Some(PIN)),
            },
        )
        .await
        .unwrap();
    assert_eq!(status.biometric, Some(BiometricKind::Fingerprint));
    let session = client.login(&device, None).await.unwrap();
    assert_eq!(session.biometric, Some(BiometricKind::Fingerprint));
    // The platform reported a new fingerprint set: biometrics off, the PIN still works.
    let token = session.token.expose().to_owned();
    let _: ProfileStatus = client
        .call(
            reqwest::Method::DELETE,
            "/v1/biometric-keys/current",
            Some(&token),
            None::<&()>,
        )
        .await
        .unwrap();
    assert_eq!(
        client.login(&device, None).await.unwrap_err().code(),
        Some(ErrorCode::BiometricNotRegistered)
    );
    client.login(&device, Some(PIN)).await.unwrap();
    // An off-curve key is refused.
    let err = client
        .post::<PendingChange>(
            "/v1/biometric-keys",
            Some(&token),
            &BiometricKeyRequest {
                kind: BiometricKind::Face,
                public_key: Base64Bytes(vec![4; 65]),
                attestation_nonce: None,
                attestation: None,
            },
        )
        .await
        .unwrap_err();
    assert_eq!(err.code(), Some(ErrorCode::InvalidValue));
    // Only while active: five wrong PINs lock the profile and end its open session, so
    // no key can be registered with it.
    for _ in 0..5 {
        client.login(&device, Some("0000")).await.unwrap_err();
    }
    let err = client
        .post::<PendingChange>(
            "/v1/biometric-keys",
            Some(&token),
            &BiometricKeyRequest {
                kind: BiometricKind::Fingerprint,
                public_key: Base64Bytes(device.enable_biometric()),
                attestation_nonce: None,
                attestation: None,
            },
        )
        .await
        .unwrap_err();
    assert_eq!(err.code(), Some(ErrorCode::Unauthorized));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_device_removed_in_the_app_is_revoked_for_good() {
    let (_bank, client) = bank().await;
    let (phone, token) = logged_in(&client, ANNA).await;
    let tablet = active_device(&client, ANNA).await;
    let devices: DeviceList = client.get("/v1/devices", Some(&token)).await.unwrap();
    assert_eq!(devices.devices.len(), 2);
    assert_eq!(devices.devices.iter().filter(|d| d.this_device).count(), 1);
    assert!(
        devices
            .devices
            .iter()
            .find(|d| d.this_device)
            .unwrap()
            .profile_id
            == phone.profile_id
    );

    // The tablet asked for a challenge before it was removed.
    let open = client.login_challenge(&tablet).await.unwrap();
    let removal: ApprovalRequired = client
        .post_empty(
            &format!("/v1/devices/{}/removal", tablet.device_id),
            Some(&token),
        )
        .await
        .unwrap();
    let approval = Approval::DeviceRemoval {
        target_device_id: tablet.device_id.clone(),
        shown_text: "Poista laite Puhelin".to_owned(),
    };
    client
        .post::<serde_json::Value>(
            &format!("/v1/devices/{}/removal/confirm", tablet.device_id),
            Some(&token),
            &ConfirmRequest {
                assertion: phone.answer(&removal.challenge, &approval, Some(PIN)),
            },
        )
        .await
        .unwrap();
    let err = client.login(&tablet, Some(PIN)).await.unwrap_err();
    assert_eq!(err.code(), Some(ErrorCode::ProfileRevoked));
    // Its open challenge died with it: a right answer is refused, not counted.
    let err = client
        .answer_login(&tablet, &open, Some(PIN))
        .await
        .unwrap_err();
    assert_eq!(err.code(), Some(ErrorCode::ProfileRevoked));
    let devices: DeviceList = client.get("/v1/devices", Some(&token)).await.unwrap();
    assert_eq!(devices.devices.len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_device_removed_in_the_online_bank_is_revoked_and_its_session_ends() {
    let (_bank, client) = bank().await;
    let (device, app_token) = logged_in(&client, MIKKO).await;
    let token = client.online_bank_login(customer(MIKKO)).await.unwrap();
    client
        .delete(
            &format!("/v1/online-bank/devices/{}", device.profile_id),
            Some(&token),
        )
        .await
        .unwrap();
    let err = client
        .get::<DeviceList>("/v1/devices", Some(&app_token))
        .await
        .unwrap_err();
    assert_eq!(err.code(), Some(ErrorCode::Unauthorized));
    let err = client.login(&device, Some(PIN)).await.unwrap_err();
    assert_eq!(err.code(), Some(ErrorCode::ProfileRevoked));
    let list: OnlineBankDeviceList = client
        .get("/v1/online-bank/devices", Some(&token))
        .await
        .unwrap();
    assert!(list.devices.is_empty());
    // A new phone: register anew.
    let mut new_phone = SoftwareDevice::new();
    let registered = client
        .register(customer(MIKKO), &mut new_phone, PIN, "Uusi")
        .await
        .unwrap();
    assert_eq!(registered.state, ProfileState::PendingUnlock);
}

/// Logins answered with the old PIN race the PIN change's commit: each login's signatures
/// are verified before the bank's writer takes it, so a login verified against the old
/// K_pin may reach the writer after the commit (its challenge is newer than the change's,
/// so its counter passes). The bank must decide against the keys in force when it
/// writes: no login signed with the old PIN is accepted after the commit.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn no_login_with_the_old_pin_is_accepted_after_the_pin_change_commits() {
    let (bank, client) = bank().await;
    let (device, token) = logged_in(&client, ANNA).await;
    let (change, new_key) = start_pin_change(&client, &token, &device, "135790").await;
    let mut challenges = Vec::new();
    for _ in 0..40 {
        challenges.push(client.login_challenge(&device).await.unwrap());
    }
    let login = avain_protocol::signed_bytes::Approval::Login {
        channel: avain_protocol::api::LoginChannel::App,
        shown_text: avain_sandbox::client::LOGIN_TEXT.to_owned(),
    };
    let commit = ConfirmRequest {
        assertion: device.answer(
            &change.challenge,
            &Approval::PinChange {
                new_pin_public_key: new_key,
            },
            Some(PIN),
        ),
    };
    // The commit first, the logins right behind it, all in flight at once.
    let path = format!("/v1/pin-changes/{}/confirm", change.change_id);
    let committing = {
        let client = client.clone();
        tokio::spawn(async move {
            client
                .post::<ProfileStatus>(&path, Some(&token), &commit)
                .await
        })
    };
    let mut logins = tokio::task::JoinSet::new();
    for challenge in &challenges {
        let request = avain_protocol::api::LoginRequest {
            assertion: device.answer(challenge, &login, Some(PIN)),
        };
        let client = client.clone();
        logins.spawn(async move {
            let _ = client
                .post::<serde_json::Value>("/v1/sessions", None, &request)
                .await;
        });
    }
    while let Some(done) = logins.join_next().await {
        done.unwrap();
    }
    // A login taken before the commit makes the commit's counter stale: then there is
    // nothing after a commit to check.
    if let Err(refused) = committing.await.unwrap() {
        assert_eq!(refused.code(), Some(ErrorCode::CounterNotIncreasing));
        return;
    }
    // The writer's order is the events' order.
    let db = rusqlite::Connection::open(bank.database_path()).unwrap();
    let event = |purpose: &str, aggregate: &str| -> Option<i64> {
        db.query_row(
            &format!(
                "SELECT {aggregate}(id) FROM approval_events
                 WHERE purpose = ?1 AND outcome = 'approved'"
            ),
            [purpose],
            |r| r.get(0),
        )
        .unwrap()
    };
    let committed = event("pin_change", "min").expect("the PIN change is recorded");
    if let Some(last_login) = event("login", "max") {
        assert!(
            last_login < committed,
            "a login with the old PIN was accepted after the commit"
        );
    }
}
