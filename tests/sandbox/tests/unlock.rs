//! Opening locks: self-service unlock of a user code (HETU, user id, SMS code, key-card
//! code), the password reset it brings, and the blocking service.

#![allow(clippy::unwrap_used)] // test helpers outside #[test] functions

mod common;

use avain_protocol::api::{
    BlockRequest, BlockResult, BlockingInfo, CodeRequest, ErrorCode, KeyCardChallenge,
    OnlineBankLoginStart, OnlineBankSession, PasswordChange, ProfileState, Secret, TrustedDevice,
    UserCodeUnlockFinish, UserCodeUnlockStart, UserCodeUnlockStarted, UserCodeUnlocked,
};
use avain_sandbox::seed::{ANNA, MIKKO, SANNA};
use common::*;

async fn self_service_unlock(
    client: &avain_sandbox::client::BankClient,
    user_id: &str,
) -> Result<UserCodeUnlocked, avain_sandbox::client::CallError> {
    let c = customer(user_id);
    let started: UserCodeUnlockStarted = client
        .post(
            "/v1/user-code-unlocks",
            None,
            &UserCodeUnlockStart {
                hetu: Secret::new(c.hetu()),
                user_id: user_id.to_owned(),
            },
        )
        .await?;
    let sms = client
        .latest_sms_code(user_id, "user_code_unlock_sms_code")
        .await
        .unwrap();
    client
        .post(
            &format!("/v1/user-code-unlocks/{}", started.key_card.attempt_id),
            None,
            &UserCodeUnlockFinish {
                sms_code: Secret::new(sms),
                key_card_code: Secret::new(c.key_card_code(started.key_card.key_card_index)),
            },
        )
        .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn self_service_unlock_opens_a_user_code_locked_by_wrong_pins() {
    let (_bank, client) = bank().await;
    let device = active_device(&client, ANNA).await;
    for _ in 0..5 {
        client.login(&device, Some("0000")).await.unwrap_err();
    }
    assert_eq!(
        client.login(&device, Some(PIN)).await.unwrap_err().code(),
        Some(ErrorCode::ProfileLocked)
    );
    // A wrong HETU gets nowhere: the same answer as the right one (no oracle), but its
    // attempt only ever fails like wrong SMS codes.
    let decoy = client
        .post::<UserCodeUnlockStarted>(
            "/v1/user-code-unlocks",
            None,
            &UserCodeUnlockStart {
                hetu: Secret::new("131052-308T"),
                user_id: ANNA.to_owned(),
            },
        )
        .await
        .unwrap();
    let err = client
        .post::<UserCodeUnlocked>(
            &format!("/v1/user-code-unlocks/{}", decoy.key_card.attempt_id),
            None,
            &UserCodeUnlockFinish {
                sms_code: Secret::new("123456"),
                key_card_code: Secret::new(
                    customer(ANNA).key_card_code(decoy.key_card.key_card_index),
                ),
            },
        )
        .await
        .unwrap_err();
    assert_eq!(err.code(), Some(ErrorCode::SmsCodeWrong));
    let unlocked = self_service_unlock(&client, ANNA).await.unwrap();
    assert_eq!(unlocked.profiles_unlocked, 1);
    assert_eq!(unlocked.password_is_key_card_code, None);
    client.login(&device, Some(PIN)).await.unwrap();
    // Nothing is locked any more.
    let err = self_service_unlock(&client, ANNA).await.unwrap_err();
    assert_eq!(err.code(), Some(ErrorCode::Conflict));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn wrong_passwords_lock_and_unlocking_makes_key_card_code_1_the_password() {
    let (_bank, client) = bank().await;
    let mikko = customer(MIKKO);
    for _ in 0..4 {
        let err = client
            .online_bank_login_with(mikko, "vaara123")
            .await
            .unwrap_err();
        assert_eq!(err.code(), Some(ErrorCode::InvalidCredentials));
    }
    let err = client
        .online_bank_login_with(mikko, "vaara123")
        .await
        .unwrap_err();
    assert_eq!(err.code(), Some(ErrorCode::UserCodeLocked));
    assert_eq!(
        client.online_bank_login(mikko).await.unwrap_err().code(),
        Some(ErrorCode::UserCodeLocked)
    );

    let unlocked = self_service_unlock(&client, MIKKO).await.unwrap();
    assert_eq!(unlocked.password_is_key_card_code, Some(1));
    // The old password no longer works; key-card code 1 does, and must be replaced first.
    assert!(client.online_bank_login(mikko).await.is_err());
    let first = mikko.key_card_code(1);
    let challenge: KeyCardChallenge = client
        .post(
            "/v1/online-bank/logins",
            None,
            &OnlineBankLoginStart {
                username: MIKKO.into(),
                password: Secret::new(first.clone()),
            },
        )
        .await
        .unwrap();
    let session: OnlineBankSession = client
        .post(
            &format!("/v1/online-bank/logins/{}", challenge.attempt_id),
            None,
            &CodeRequest {
                code: Secret::new(mikko.key_card_code(challenge.key_card_index)),
            },
        )
        .await
        .unwrap();
    assert!(session.password_change_required);
    let token = session.token.expose();
    let err = client
        .get::<serde_json::Value>("/v1/online-bank/devices", Some(token))
        .await
        .unwrap_err();
    assert_eq!(err.code(), Some(ErrorCode::PasswordChangeRequired));
    let err = client
        .post::<serde_json::Value>(
            "/v1/online-bank/password",
            Some(token),
            &PasswordChange {
                current_password: Secret::new(first.clone()),
                new_password: Secret::new("abc"),
            },
        )
        .await
        .unwrap_err();
    assert_eq!(err.code(), Some(ErrorCode::PasswordRejected));
    let _: serde_json::Value = client
        .post(
            "/v1/online-bank/password",
            Some(token),
            &PasswordChange {
                current_password: Secret::new(first),
                new_password: Secret::new("Uusi-77"),
            },
        )
        .await
        .unwrap();
    let _: serde_json::Value = client
        .get("/v1/online-bank/devices", Some(token))
        .await
        .unwrap();
    client
        .online_bank_login_with(mikko, "Uusi-77")
        .await
        .unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn blocking_codes_locks_every_profile_until_the_bank_opens_them() {
    let (_bank, client) = bank().await;
    let info: BlockingInfo = client.get("/v1/blocking", None).await.unwrap();
    assert_eq!(
        (
            info.phone_in_finland.as_str(),
            info.phone_from_abroad.as_str()
        ),
        ("020 333", "+358 20 333")
    );
    let (device, token) = logged_in(&client, SANNA).await;
    let result: BlockResult = client
        .post(
            "/v1/blocking",
            Some(&token),
            &BlockRequest {
                codes: true,
                cards: true,
            },
        )
        .await
        .unwrap();
    assert!(result.codes_blocked);
    assert_eq!(result.cards_blocked, 1);
    // The session ended; nothing works until the bank opens it.
    assert!(
        client
            .get::<serde_json::Value>("/v1/devices", Some(&token))
            .await
            .is_err()
    );
    assert_eq!(
        client.login(&device, Some(PIN)).await.unwrap_err().code(),
        Some(ErrorCode::CodesBlocked)
    );
    assert_eq!(
        client
            .online_bank_login(customer(SANNA))
            .await
            .unwrap_err()
            .code(),
        Some(ErrorCode::CodesBlocked)
    );
    let _: serde_json::Value = client
        .post_empty(
            &format!("/v1/sandbox/branch/customers/{SANNA}/unlock"),
            None,
        )
        .await
        .unwrap();
    let session = client.login(&device, Some(PIN)).await.unwrap();
    assert_eq!(session.profile_state, ProfileState::Active);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn blocking_only_cards_leaves_the_codes_working() {
    let (_bank, client) = bank().await;
    let device = active_device(&client, ANNA).await;
    let token = client.online_bank_login(customer(ANNA)).await.unwrap();
    let result: BlockResult = client
        .post(
            "/v1/online-bank/blocking",
            Some(&token),
            &BlockRequest {
                codes: false,
                cards: true,
            },
        )
        .await
        .unwrap();
    assert_eq!((result.codes_blocked, result.cards_blocked), (false, 2));
    client.login(&device, Some(PIN)).await.unwrap();
    let err = client
        .post::<BlockResult>(
            "/v1/online-bank/blocking",
            Some(&token),
            &BlockRequest {
                codes: false,
                cards: false,
            },
        )
        .await
        .unwrap_err();
    assert_eq!(err.code(), Some(ErrorCode::InvalidValue));
    // Unlocking a profile that is not locked is refused.
    let err = client
        .post_empty::<TrustedDevice>(
            &format!("/v1/online-bank/devices/{}/unlock", device.profile_id),
            Some(&token),
        )
        .await
        .unwrap_err();
    assert_eq!(err.code(), Some(ErrorCode::Conflict));
}

/// What a guesser sees for one user id: the answers to five wrong passwords, to a sixth
/// password (the right one where there is one), and to two self-service unlock starts with
/// a HETU that is not the user id's, then to a wrong SMS code.
async fn answers_to_a_guesser(
    client: &avain_sandbox::client::BankClient,
    user_id: &str,
    sixth_password: &str,
) -> Vec<String> {
    let mut seen = vec![];
    for password in [
        "wrong-1",
        "wrong-2",
        "wrong-3",
        "wrong-4",
        "wrong-5",
        sixth_password,
    ] {
        let err = client
            .post::<KeyCardChallenge>(
                "/v1/online-bank/logins",
                None,
                &OnlineBankLoginStart {
                    username: user_id.to_owned(),
                    password: Secret::new(password),
                },
            )
            .await
            .unwrap_err();
        seen.push(format!("login {} {:?}", err.status, err.code()));
    }
    let mut first: Option<UserCodeUnlockStarted> = None;
    for _ in 0..2 {
        let started: UserCodeUnlockStarted = client
            .post(
                "/v1/user-code-unlocks",
                None,
                &UserCodeUnlockStart {
                    hetu: Secret::new(customer(SANNA).hetu()),
                    user_id: user_id.to_owned(),
                },
            )
            .await
            .unwrap();
        // The shape is the same (the digits differ per customer); a restart keeps both.
        let masked: String = started
            .phone_hint
            .chars()
            .map(|c| if c.is_ascii_digit() { '9' } else { c })
            .collect();
        seen.push(format!("unlock start {masked}"));
        if let Some(first) = &first {
            assert_eq!(started.phone_hint, first.phone_hint, "{user_id}");
            assert_eq!(
                started.key_card.key_card_index, first.key_card.key_card_index,
                "{user_id}"
            );
        }
        first.get_or_insert(started);
    }
    let attempt = first.unwrap().key_card.attempt_id;
    let err = client
        .post::<UserCodeUnlocked>(
            &format!("/v1/user-code-unlocks/{attempt}"),
            None,
            &UserCodeUnlockFinish {
                sms_code: Secret::new("000000"),
                key_card_code: Secret::new("0000"),
            },
        )
        .await
        .unwrap_err();
    let body = err.body.unwrap();
    seen.push(format!(
        "unlock finish {} {:?} {:?}",
        err.status, body.code, body.attempts_left
    ));
    seen
}

/// The attack: five wrong passwords lock a real user code, so if an unknown user id kept
/// answering `invalid_credentials` (as it did), the fifth answer told which user ids
/// exist. An unknown id now locks alike, and its self-service unlock starts like a real
/// locked code's with a HETU that does not match.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn five_wrong_passwords_do_not_tell_whether_a_user_id_exists() {
    let (_bank, client) = bank().await;
    let real = answers_to_a_guesser(&client, MIKKO, customer(MIKKO).password).await;
    let unknown = answers_to_a_guesser(&client, "50019999", "any-password").await;
    assert_eq!(real, unknown);
    assert_eq!(real[4], "login 423 Some(UserCodeLocked)", "{real:?}");
    assert_eq!(real[5], real[4]);
}
