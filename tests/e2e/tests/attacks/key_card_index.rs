//! Re-rolling the key-card code number: an attacker with the password and one phished
//! key-card code restarts the login until the bank happens to ask for that code (about 50
//! restarts for a 50-code card). The bank must keep asking the same number until it is
//! answered right, whatever the flow (online-bank login, registration, self-service
//! unlock), and a right answer in one flow ends the others still asking that number.

#![allow(clippy::unwrap_used, clippy::expect_used)] // helpers outside #[test] functions

use avain_core::api::{
    CodeRequest, ErrorCode, KeyCardChallenge, OnlineBankSession, RegistrationStart,
    RegistrationStarted, Secret,
};
use avain_sandbox::client::BankClient;
use avain_sandbox::seed::{ANNA, SeedCustomer};

use super::password_guessing::{bank, code_of, customer, login_start, post_raw, wire};

async fn start(client: &BankClient, who: &SeedCustomer) -> KeyCardChallenge {
    let answer = login_start(client, who.user_id, who.password).await;
    assert_eq!(answer.0, 201, "{:?}", code_of(&answer));
    serde_json::from_slice(&answer.1).unwrap()
}

async fn answer(
    client: &BankClient,
    attempt: &KeyCardChallenge,
    code: String,
) -> super::password_guessing::Answer {
    post_raw(
        client,
        &format!("/v1/online-bank/logins/{}", attempt.attempt_id),
        None,
        wire!(CodeRequest {
            code: Secret::new(code)
        }),
    )
    .await
}

/// A code of the card that is not code `index`.
fn wrong_code(who: &SeedCustomer, index: u32) -> String {
    let right = who.key_card_code(index);
    format!("{:04}", (right.parse::<u32>().unwrap() + 1) % 10_000)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn restarting_the_login_never_rerolls_the_key_card_code_number() {
    let (_bank, client) = bank().await;
    let anna = customer(ANNA);

    // 60 restarts with the right password: one number, every time. The bank throttles
    // login starts per user id (30 in 10 minutes), so the attacker waits out the window
    // every 20 restarts; the number stays the same across the windows.
    let first = start(&client, anna).await;
    let index = first.key_card_index;
    let mut last = first;
    for n in 1..60 {
        if n % 20 == 0 {
            let _: serde_json::Value = client
                .post(
                    "/v1/sandbox/clock",
                    None,
                    &serde_json::json!({"advance_s": 601}),
                )
                .await
                .expect("the clock moves");
        }
        last = start(&client, anna).await;
        assert_eq!(last.key_card_index, index, "restart {n} asked another code");
    }
    // Wrong answers do not move it either.
    for left in [2, 1] {
        let wrong = answer(&client, &last, wrong_code(anna, index)).await;
        assert_eq!(
            (wrong.0, code_of(&wrong)),
            (401, Some(ErrorCode::KeyCardCodeWrong))
        );
        let body: avain_core::api::ErrorBody = serde_json::from_slice(&wrong.1).unwrap();
        assert_eq!(body.attempts_left, Some(left));
    }
    let restarted = start(&client, anna).await;
    assert_eq!(restarted.key_card_index, index);

    // Registration asks the very same number.
    let registration: RegistrationStarted = client
        .post(
            "/v1/registrations",
            None,
            &RegistrationStart {
                username: ANNA.to_owned(),
                password: Secret::new(anna.password),
            },
        )
        .await
        .unwrap();
    assert_eq!(registration.key_card_index, index);

    // Only a right answer ends the number; the registration still asking it is over.
    let right = answer(&client, &restarted, anna.key_card_code(index)).await;
    assert_eq!(right.0, 201);
    let _: OnlineBankSession = serde_json::from_slice(&right.1).unwrap();
    let stale = post_raw(
        &client,
        &format!(
            "/v1/registrations/{}/key-card",
            registration.registration_id
        ),
        None,
        wire!(CodeRequest {
            code: Secret::new(anna.key_card_code(index))
        }),
    )
    .await;
    assert_eq!((stale.0, code_of(&stale)), (410, Some(ErrorCode::Expired)));
    let older = answer(&client, &last, anna.key_card_code(index)).await;
    assert_eq!((older.0, code_of(&older)), (410, Some(ErrorCode::Expired)));

    // The next login asks a number again, and keeps it.
    let next = start(&client, anna).await;
    for _ in 0..5 {
        assert_eq!(
            start(&client, anna).await.key_card_index,
            next.key_card_index
        );
    }
}
