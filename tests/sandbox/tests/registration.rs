//! Registration of the code app, and the online-bank unlock that makes a profile usable.

#![allow(clippy::unwrap_used)] // test helpers outside #[test] functions

mod common;

use avain_protocol::api::sandbox::Outbox;
use avain_protocol::api::{
    CodeRequest, ErrorCode, OnlineBankDeviceList, ProfileState, RegistrationStart,
    RegistrationStarted, Secret,
};
use avain_sandbox::client::SoftwareDevice;
use avain_sandbox::seed::{ANNA, LIISA, MIKKO, PEKKA, PUUTYO, SANNA};
use common::*;

fn start(user_id: &str, password: &str) -> RegistrationStart {
    RegistrationStart {
        username: user_id.to_owned(),
        password: Secret::new(password),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_registered_profile_is_pending_until_unlocked_in_the_online_bank() {
    let (_bank, client) = bank().await;
    let anna = customer(ANNA);
    let mut device = SoftwareDevice::new();
    let registered = client
        .register(anna, &mut device, PIN, "Annan puhelin")
        .await
        .unwrap();
    assert_eq!(registered.state, ProfileState::PendingUnlock);
    assert_eq!(registered.profile_id, device.profile_id);

    // The SMS code went to Anna's phone, and then the "unlock in the online bank" notice.
    let outbox: Outbox = client
        .get("/v1/sandbox/outbox?user_id=50010001", None)
        .await
        .unwrap();
    let kinds: Vec<&str> = outbox.messages.iter().map(|m| m.kind.as_str()).collect();
    assert_eq!(kinds, ["registration_sms_code", "profile_pending_unlock"]);
    assert_eq!(outbox.messages[0].to.as_str(), "+358401234567");

    // Pending: no login yet.
    let err = client.login(&device, Some(PIN)).await.unwrap_err();
    assert_eq!(err.code(), Some(ErrorCode::ProfilePendingUnlock));

    // The online bank lists it as pending and unlocks it; SMS and push tell so.
    let token = client.online_bank_login(anna).await.unwrap();
    let devices: OnlineBankDeviceList = client
        .get("/v1/online-bank/devices", Some(&token))
        .await
        .unwrap();
    assert_eq!(devices.devices.len(), 1);
    assert_eq!(devices.devices[0].state, ProfileState::PendingUnlock);
    assert_eq!(devices.devices[0].profile_name, "Annan puhelin");
    let _: serde_json::Value = client
        .post_empty(
            &format!("/v1/online-bank/devices/{}/unlock", device.profile_id),
            Some(&token),
        )
        .await
        .unwrap();
    let outbox: Outbox = client
        .get("/v1/sandbox/outbox?user_id=50010001&after=2", None)
        .await
        .unwrap();
    let kinds: Vec<&str> = outbox.messages.iter().map(|m| m.kind.as_str()).collect();
    assert_eq!(kinds, ["profile_unlocked", "profile_unlocked"]);
    assert!(
        outbox
            .messages
            .iter()
            .any(|m| m.text.is_none() && m.to.as_str() == device.profile_id)
    );

    let session = client.login(&device, Some(PIN)).await.unwrap();
    assert_eq!(session.profile_state, ProfileState::Active);
    assert_eq!(session.customer.name, "Anna Virtanen");
    assert_eq!(session.idle_timeout_s, 300);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn registration_refuses_customers_without_phone_or_sms_service() {
    let (_bank, client) = bank().await;
    let err = client
        .post::<RegistrationStarted>(
            "/v1/registrations",
            None,
            &start(LIISA, customer(LIISA).password),
        )
        .await
        .unwrap_err();
    assert_eq!(err.code(), Some(ErrorCode::NoPhoneNumber));
    assert_eq!(err.status, 403);
    let err = client
        .post::<RegistrationStarted>(
            "/v1/registrations",
            None,
            &start(PEKKA, customer(PEKKA).password),
        )
        .await
        .unwrap_err();
    assert_eq!(err.code(), Some(ErrorCode::SmsServiceOff));
    // The reason is explained in the customer's language.
    assert!(err.body.unwrap().message.contains("tekstiviesti"));

    // Business and Swedish-speaking customers register like anyone else.
    for user in [PUUTYO, SANNA, MIKKO] {
        let mut device = SoftwareDevice::new();
        client
            .register(customer(user), &mut device, PIN, "Tabletti")
            .await
            .unwrap();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn wrong_password_and_unknown_user_get_the_same_answer() {
    let (_bank, client) = bank().await;
    let wrong = client
        .post::<RegistrationStarted>("/v1/registrations", None, &start(ANNA, "wrong-pw"))
        .await
        .unwrap_err();
    let unknown = client
        .post::<RegistrationStarted>("/v1/registrations", None, &start("99999999", "wrong-pw"))
        .await
        .unwrap_err();
    assert_eq!(wrong, unknown);
    assert_eq!(wrong.code(), Some(ErrorCode::InvalidCredentials));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn three_wrong_key_card_codes_lock_the_user_code_at_the_bank() {
    let (_bank, client) = bank().await;
    let mikko = customer(MIKKO);
    let started: RegistrationStarted = client
        .post("/v1/registrations", None, &start(MIKKO, mikko.password))
        .await
        .unwrap();
    let right = mikko.key_card_code(started.key_card_index);
    let wrong = format!("{:04}", (right.parse::<u32>().unwrap() + 1) % 10_000);
    let path = format!("/v1/registrations/{}/key-card", started.registration_id);
    // Steps out of order are refused.
    let err = client
        .post::<serde_json::Value>(
            &format!("/v1/registrations/{}/sms", started.registration_id),
            None,
            &CodeRequest {
                code: Secret::new("123456"),
            },
        )
        .await
        .unwrap_err();
    assert_eq!(err.code(), Some(ErrorCode::WrongStep));
    for left in [2, 1] {
        let err = client
            .post::<serde_json::Value>(
                &path,
                None,
                &CodeRequest {
                    code: Secret::new(wrong.clone()),
                },
            )
            .await
            .unwrap_err();
        assert_eq!(err.code(), Some(ErrorCode::KeyCardCodeWrong));
        assert_eq!(err.body.unwrap().attempts_left, Some(left));
    }
    let err = client
        .post::<serde_json::Value>(
            &path,
            None,
            &CodeRequest {
                code: Secret::new(wrong),
            },
        )
        .await
        .unwrap_err();
    assert_eq!(err.code(), Some(ErrorCode::UserCodeLockedAtBank));
    // Even the right password now gets the bank-only lock, and self-service is refused.
    let err = client
        .post::<RegistrationStarted>("/v1/registrations", None, &start(MIKKO, mikko.password))
        .await
        .unwrap_err();
    assert_eq!(err.code(), Some(ErrorCode::UserCodeLockedAtBank));
    let err = client
        .post::<serde_json::Value>(
            "/v1/user-code-unlocks",
            None,
            &avain_protocol::api::UserCodeUnlockStart {
                hetu: Secret::new(mikko.hetu()),
                user_id: MIKKO.to_owned(),
            },
        )
        .await
        .unwrap_err();
    assert_eq!(err.code(), Some(ErrorCode::UserCodeLockedAtBank));
    // The branch opens it.
    let _: serde_json::Value = client
        .post_empty(
            &format!("/v1/sandbox/branch/customers/{MIKKO}/unlock"),
            None,
        )
        .await
        .unwrap();
    let mut device = SoftwareDevice::new();
    client
        .register(mikko, &mut device, PIN, "Puhelin")
        .await
        .unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn three_wrong_sms_codes_end_the_registration() {
    let (_bank, client) = bank().await;
    let anna = customer(ANNA);
    let started: RegistrationStarted = client
        .post("/v1/registrations", None, &start(ANNA, anna.password))
        .await
        .unwrap();
    let id = &started.registration_id;
    let _: serde_json::Value = client
        .post(
            &format!("/v1/registrations/{id}/key-card"),
            None,
            &CodeRequest {
                code: Secret::new(anna.key_card_code(started.key_card_index)),
            },
        )
        .await
        .unwrap();
    let code = client
        .latest_sms_code(ANNA, "registration_sms_code")
        .await
        .unwrap();
    let wrong = if code == "000000" { "000001" } else { "000000" };
    let mut codes = vec![];
    for _ in 0..3 {
        let err = client
            .post::<serde_json::Value>(
                &format!("/v1/registrations/{id}/sms"),
                None,
                &CodeRequest {
                    code: Secret::new(wrong),
                },
            )
            .await
            .unwrap_err();
        codes.push((err.code(), err.body.and_then(|b| b.attempts_left)));
    }
    assert_eq!(
        codes,
        [
            (Some(ErrorCode::SmsCodeWrong), Some(2)),
            (Some(ErrorCode::SmsCodeWrong), Some(1)),
            (Some(ErrorCode::Expired), None)
        ]
    );
    let err = client
        .post::<serde_json::Value>(
            &format!("/v1/registrations/{id}/sms"),
            None,
            &CodeRequest {
                code: Secret::new(code),
            },
        )
        .await
        .unwrap_err();
    assert_eq!(err.code(), Some(ErrorCode::Expired));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_database_holds_no_secret_in_clear() {
    let (bank, client) = bank().await;
    let anna = customer(ANNA);
    let mut device = SoftwareDevice::new();
    client
        .register(anna, &mut device, PIN, "Puhelin")
        .await
        .unwrap();
    let sms = client
        .latest_sms_code(ANNA, "registration_sms_code")
        .await
        .unwrap();
    let db = std::fs::read(bank.database_path()).unwrap();
    let mut wal = bank.database_path().into_os_string();
    wal.push("-wal");
    let wal = std::fs::read(wal).unwrap_or_default();
    let hay = [db, wal].concat();
    let contains = |needle: &str| hay.windows(needle.len()).any(|w| w == needle.as_bytes());
    assert!(!contains(anna.password));
    assert!(!contains(&anna.hetu()));
    assert!(!contains(&sms));
    assert!(!contains(&anna.key_card().join("")));
}
