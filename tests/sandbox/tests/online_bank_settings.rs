//! The online bank's settings, the bank's side: a new mobile number's confirmation (the SMS
//! code bound to the change and the new number, 3 tries, the key-card code counted as
//! everywhere, starts throttled), the SMS service switched off (the customer is told)
//! and the customer's profile lock (who may lock what, and that only a key-card code
//! opens it).

#![allow(clippy::unwrap_used)] // test helpers outside #[test] functions

mod common;

use avain_protocol::api::{
    CodeRequest, ErrorCode, KeyCardChallenge, Personal, PhoneChangeFinish, PhoneChangeStart,
    PhoneChangeStarted, Secret, TrustedDevice,
};
use avain_protocol::lifecycle::{LockReason, ProfileState};
use avain_sandbox::client::{BankClient, CallError, SoftwareDevice};
use avain_sandbox::seed::{ANNA, LIISA, MIKKO};
use common::*;
use reqwest::Method;

const KIND: &str = "phone_change_sms_code";

async fn start(
    client: &BankClient,
    token: &str,
    phone: &str,
) -> Result<PhoneChangeStarted, CallError> {
    client
        .post(
            "/v1/online-bank/phone-changes",
            Some(token),
            &PhoneChangeStart {
                phone: Personal::from(phone),
            },
        )
        .await
}

async fn finish(
    client: &BankClient,
    token: &str,
    id: &str,
    sms: &str,
    key_card: &str,
) -> Result<serde_json::Value, CallError> {
    client
        .call(
            Method::POST,
            &format!("/v1/online-bank/phone-changes/{id}"),
            Some(token),
            Some(&PhoneChangeFinish {
                sms_code: Secret::new(sms),
                key_card_code: Secret::new(key_card),
            }),
        )
        .await
}

fn wrong(code: &str) -> String {
    let last = code.chars().last().unwrap().to_digit(10).unwrap();
    format!("{}{}", &code[..code.len() - 1], (last + 1) % 10)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_number_needs_the_code_sent_to_it_and_the_key_card_code() {
    let (_bank, client) = bank().await;
    let liisa = customer(LIISA);
    let token = client.online_bank_login(liisa).await.unwrap();
    for bad in [
        "",
        "12345",
        "09 123 4567",
        "+358 9 123 4567",
        "040 123 456x",
    ] {
        let refused = start(&client, &token, bad).await.unwrap_err();
        assert_eq!(refused.code(), Some(ErrorCode::PhoneNumberInvalid), "{bad}");
    }

    // The first change's code does not confirm a second one: a new start ends the first.
    let first = start(&client, &token, "040 111 2222").await.unwrap();
    let first_code = client.latest_sms_code(LIISA, KIND).await.unwrap();
    let second = start(&client, &token, "040 765 4321").await.unwrap();
    assert_eq!(second.phone_hint, "+358 40 *** **21");
    let key_card = liisa.key_card_code(second.key_card.key_card_index);
    let ended = finish(
        &client,
        &token,
        &first.key_card.attempt_id,
        &first_code,
        &key_card,
    )
    .await
    .unwrap_err();
    assert_eq!(ended.code(), Some(ErrorCode::Expired));
    let code = client.latest_sms_code(LIISA, KIND).await.unwrap();

    // Three wrong SMS codes end the change.
    let id = &second.key_card.attempt_id;
    let once = finish(&client, &token, id, &wrong(&code), &key_card)
        .await
        .unwrap_err();
    assert_eq!(once.code(), Some(ErrorCode::SmsCodeWrong));
    assert_eq!(once.body.unwrap().attempts_left, Some(2));
    finish(&client, &token, id, &wrong(&code), &key_card)
        .await
        .unwrap_err();
    let third = finish(&client, &token, id, &wrong(&code), &key_card)
        .await
        .unwrap_err();
    assert_eq!(third.code(), Some(ErrorCode::Expired));
    let after = finish(&client, &token, id, &code, &key_card)
        .await
        .unwrap_err();
    assert_eq!(after.code(), Some(ErrorCode::Expired));

    // A wrong key-card code is counted as every key-card code.
    let again = start(&client, &token, "040 765 4321").await.unwrap();
    let code = client.latest_sms_code(LIISA, KIND).await.unwrap();
    let index = again.key_card.key_card_index;
    let id = &again.key_card.attempt_id;
    let counted = finish(
        &client,
        &token,
        id,
        &code,
        &wrong(&liisa.key_card_code(index)),
    )
    .await
    .unwrap_err();
    assert_eq!(counted.code(), Some(ErrorCode::KeyCardCodeWrong));
    assert_eq!(counted.body.unwrap().attempts_left, Some(2));
    // Another customer's session does not see the change.
    let mikko = client.online_bank_login(customer(MIKKO)).await.unwrap();
    let foreign = finish(&client, &mikko, id, &code, &liisa.key_card_code(index))
        .await
        .unwrap_err();
    assert_eq!(foreign.code(), Some(ErrorCode::NotFound));
    finish(&client, &token, id, &code, &liisa.key_card_code(index))
        .await
        .unwrap();

    // Five starts an hour per customer: each sends an SMS to a number the customer typed.
    let token = client.online_bank_login(liisa).await.unwrap();
    let mut limited = None;
    for _ in 0..5 {
        if let Err(e) = start(&client, &token, "040 765 4321").await {
            limited = Some(e);
            break;
        }
    }
    assert_eq!(
        limited.map(|e| e.code()),
        Some(Some(ErrorCode::RateLimited))
    );
}

async fn lock(
    client: &BankClient,
    token: &str,
    profile_id: &str,
) -> Result<TrustedDevice, CallError> {
    client
        .post_empty(
            &format!("/v1/online-bank/devices/{profile_id}/lock"),
            Some(token),
        )
        .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_the_customer_locks_a_profile_and_only_a_key_card_code_opens_it() {
    let (_bank, client) = bank().await;
    let anna = customer(ANNA);
    let device = active_device(&client, ANNA).await;
    let mut pending = SoftwareDevice::new();
    client
        .register(anna, &mut pending, PIN, "Uusi")
        .await
        .unwrap();
    let token = client.online_bank_login(anna).await.unwrap();
    // A new profile has nothing to protect yet; another customer's profile is not found.
    let conflict = lock(&client, &token, &pending.profile_id)
        .await
        .unwrap_err();
    assert_eq!(conflict.code(), Some(ErrorCode::Conflict));
    let mikko = client.online_bank_login(customer(MIKKO)).await.unwrap();
    let foreign = lock(&client, &mikko, &device.profile_id).await.unwrap_err();
    assert_eq!(foreign.code(), Some(ErrorCode::NotFound));

    let locked = lock(&client, &token, &device.profile_id).await.unwrap();
    let mine = ProfileState::Locked {
        reason: LockReason::ByCustomer,
    };
    assert_eq!(locked.state, mine);
    assert_eq!(
        client.login(&device, Some(PIN)).await.unwrap_err().code(),
        Some(ErrorCode::ProfileLockedByCustomer)
    );
    // Locking again changes nothing; opening needs the key-card code.
    assert_eq!(
        lock(&client, &token, &device.profile_id)
            .await
            .unwrap()
            .state,
        mine
    );
    let challenge: KeyCardChallenge = client
        .post_empty(
            &format!("/v1/online-bank/devices/{}/open", device.profile_id),
            Some(&token),
        )
        .await
        .unwrap();
    let open = |code: String| {
        let client = client.clone();
        let token = token.clone();
        let id = challenge.attempt_id.clone();
        async move {
            client
                .post::<TrustedDevice>(
                    &format!("/v1/online-bank/device-opens/{id}"),
                    Some(&token),
                    &CodeRequest {
                        code: Secret::new(code),
                    },
                )
                .await
        }
    };
    let right = anna.key_card_code(challenge.key_card_index);
    let wrong_code = open(wrong(&right)).await.unwrap_err();
    assert_eq!(wrong_code.code(), Some(ErrorCode::KeyCardCodeWrong));
    assert_eq!(open(right).await.unwrap().state, ProfileState::Active);
    client.login(&device, Some(PIN)).await.unwrap();
}

/// The SMS kinds sent to `user_id`, oldest first.
async fn sms_kinds(client: &BankClient, user_id: &str) -> Vec<String> {
    let outbox: avain_protocol::api::sandbox::Outbox = client
        .get(&format!("/v1/sandbox/outbox?user_id={user_id}"), None)
        .await
        .unwrap();
    outbox
        .messages
        .into_iter()
        .filter(|m| m.channel == avain_protocol::api::sandbox::Channel::Sms)
        .map(|m| m.kind)
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn switching_the_sms_service_off_is_told_to_the_customer_by_sms() {
    let (_bank, client) = bank().await;
    let anna = customer(ANNA);
    let off = client.set_sms_service(anna, false).await.unwrap();
    assert!(!off.sms_service);
    let notices = |kinds: Vec<String>| kinds.iter().filter(|k| *k == "sms_service_off").count();
    assert_eq!(notices(sms_kinds(&client, ANNA).await), 1);
    // Off again is a conflict, and on says nothing more.
    let again = client.set_sms_service(anna, false).await.unwrap_err();
    assert_eq!(again.code(), Some(ErrorCode::Conflict));
    assert!(
        client
            .set_sms_service(anna, true)
            .await
            .unwrap()
            .sms_service
    );
    assert_eq!(notices(sms_kinds(&client, ANNA).await), 1);
}

/// Whoever holds an online-bank session (a browser left open, a stolen session cookie)
/// cannot take away the new-payee SMS confirmation without the customer's key-code card:
/// the plain switch refuses "off", and a wrong key-card code counts toward the card's lock.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_sms_service_is_switched_off_only_with_a_key_card_code() {
    let (_bank, client) = bank().await;
    let anna = customer(ANNA);
    let token = client.online_bank_login(anna).await.unwrap();
    let plain = client
        .call::<serde_json::Value>(
            Method::PUT,
            "/v1/online-bank/sms-service",
            Some(&token),
            Some(&avain_protocol::api::SmsServiceChange { enabled: false }),
        )
        .await
        .unwrap_err();
    assert_eq!(plain.code(), Some(ErrorCode::WrongStep));

    let asked: KeyCardChallenge = client
        .call(
            Method::POST,
            "/v1/online-bank/sms-service-off",
            Some(&token),
            None::<&()>,
        )
        .await
        .unwrap();
    let answer = |code: String| {
        let client = client.clone();
        let token = token.clone();
        let path = format!("/v1/online-bank/sms-service-offs/{}", asked.attempt_id);
        async move {
            client
                .call::<serde_json::Value>(
                    Method::POST,
                    &path,
                    Some(&token),
                    Some(&CodeRequest {
                        code: Secret::new(code),
                    }),
                )
                .await
        }
    };
    let right = anna.key_card_code(asked.key_card_index);
    let refused = answer(wrong(&right)).await.unwrap_err();
    assert_eq!(refused.code(), Some(ErrorCode::KeyCardCodeWrong));
    let services: avain_protocol::api::ExtraServices = client
        .get("/v1/online-bank/extra-services", Some(&token))
        .await
        .unwrap();
    assert!(services.sms_service, "a wrong code switched it off");
    // Another customer's session cannot answer Anna's confirmation.
    let mikko = client.online_bank_login(customer(MIKKO)).await.unwrap();
    let foreign = client
        .call::<serde_json::Value>(
            Method::POST,
            &format!("/v1/online-bank/sms-service-offs/{}", asked.attempt_id),
            Some(&mikko),
            Some(&CodeRequest {
                code: Secret::new(right.clone()),
            }),
        )
        .await
        .unwrap_err();
    assert_eq!(foreign.code(), Some(ErrorCode::NotFound));
    answer(right).await.unwrap();
    let services: avain_protocol::api::ExtraServices = client
        .get("/v1/online-bank/extra-services", Some(&token))
        .await
        .unwrap();
    assert!(!services.sms_service);
}
