//! Password guessing against the five-wrong-passwords lock: many guesses at once, so that
//! guesses checked before the lock are answered after it, and the right password, sent
//! while the wrong ones are still being checked, slips in after the lock. The bank must
//! commit each verdict in one write job that reads the lock and the count again: at most
//! five failures are ever answered (the fifth already as the lock), nothing is let in
//! after the lock, and once locked the right password gets exactly (status and body) the
//! answer a wrong one gets. Registration checks passwords the same way and counts towards
//! the same lock.

#![allow(clippy::unwrap_used, clippy::expect_used)] // helpers outside #[test] functions

use std::time::{Duration, Instant};

use avain_core::api::{ErrorBody, ErrorCode, OnlineBankLoginStart, RegistrationStart, Secret};
use avain_sandbox::Sandbox;
use avain_sandbox::client::BankClient;
use avain_sandbox::seed::{self, ANNA, SeedCustomer};
use reqwest::Method;

/// A fresh bank and a client trusting only its root.
pub(crate) async fn bank() -> (Sandbox, BankClient) {
    let bank = Sandbox::start_fresh().await.expect("sandbox starts");
    let client = BankClient::for_sandbox(&bank).expect("client");
    (bank, client)
}

/// A seeded customer.
pub(crate) fn customer(user_id: &str) -> &'static SeedCustomer {
    seed::customer(user_id).expect("seeded customer")
}

/// An answer as it came: HTTP status and body bytes.
pub(crate) type Answer = (u16, Vec<u8>);

/// `POST`s JSON (a wire type, turned into a value with `wire!`) and returns the answer
/// as it came.
pub(crate) async fn post_raw(
    client: &BankClient,
    path: &str,
    token: Option<&str>,
    body: serde_json::Value,
) -> Answer {
    let (status, bytes) = client
        .raw(
            Method::POST,
            path,
            token,
            Some("application/json"),
            serde_json::to_vec(&body).expect("JSON"),
        )
        .await
        .expect("the bank answers");
    (status.as_u16(), bytes)
}

/// A wire type as JSON, for [`post_raw`].
macro_rules! wire {
    ($body:expr) => {
        serde_json::to_value(&$body).expect("wire types serialize")
    };
}
pub(crate) use wire;

/// The error code of an answer (none for a success or a body that is not an error).
pub(crate) fn code_of(answer: &Answer) -> Option<ErrorCode> {
    serde_json::from_slice::<ErrorBody>(&answer.1)
        .ok()
        .map(|b| b.code)
}

/// `POST /v1/online-bank/logins` with this password.
pub(crate) async fn login_start(client: &BankClient, user_id: &str, password: &str) -> Answer {
    post_raw(
        client,
        "/v1/online-bank/logins",
        None,
        wire!(OnlineBankLoginStart {
            username: user_id.to_owned(),
            password: Secret::new(password),
        }),
    )
    .await
}

/// `POST /v1/registrations` with this password.
async fn registration_start(client: &BankClient, user_id: &str, password: &str) -> Answer {
    post_raw(
        client,
        "/v1/registrations",
        None,
        wire!(RegistrationStart {
            username: user_id.to_owned(),
            password: Secret::new(password),
        }),
    )
    .await
}

/// Five wrong passwords in a row: the user code is locked (the fifth answer says so).
pub(crate) async fn lock_with_wrong_passwords(client: &BankClient, user_id: &str) {
    for n in 1..=5 {
        let answer = login_start(client, user_id, &format!("Vaara-{n}")).await;
        let expected = if n < 5 {
            ErrorCode::InvalidCredentials
        } else {
            ErrorCode::UserCodeLocked
        };
        assert_eq!(code_of(&answer), Some(expected), "wrong password {n}");
    }
}

/// How many answers have this status and code.
fn count(answers: &[Answer], status: u16, code: ErrorCode) -> usize {
    answers
        .iter()
        .filter(|a| a.0 == status && code_of(a) == Some(code))
        .count()
}

/// Concurrent wrong guesses in the race below.
const GUESSES: usize = 24;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_password_guesses_stop_at_the_lock() {
    let (_bank, client) = bank().await;
    let anna = customer(ANNA);

    // How long one password check takes here (an unknown user costs the same hashing).
    let started = Instant::now();
    let unknown = login_start(&client, "59999999", "Arvaus-0").await;
    assert_eq!(code_of(&unknown), Some(ErrorCode::InvalidCredentials));
    let one_check = started.elapsed();

    // 24 wrong guesses at once, half through the online-bank login, half through
    // registration; the right password follows while they are still being hashed, so it
    // is read before the lock and decided after it. (Both doors count towards the user
    // id's 30 login starts per window; with the four tries below the test stays under it,
    // so what it sees is the lock, not the throttle.)
    let mut guesses = Vec::new();
    for n in 0..GUESSES {
        let client = client.clone();
        guesses.push(tokio::spawn(async move {
            let guess = format!("Arvaus{n:02}");
            if n % 2 == 0 {
                login_start(&client, ANNA, &guess).await
            } else {
                registration_start(&client, ANNA, &guess).await
            }
        }));
    }
    tokio::time::sleep((one_check * 2).max(Duration::from_millis(30))).await;
    let right = {
        let client = client.clone();
        tokio::spawn(async move { login_start(&client, ANNA, anna.password).await })
    };
    let mut wrong = Vec::new();
    for guess in guesses {
        wrong.push(guess.await.unwrap());
    }
    let right = right.await.unwrap();

    // The right password, decided after the lock, is not let in.
    assert_ne!(right.0, 201, "the right password got in after the lock");
    // Four failures answered as such, the fifth as the lock, and every later guess too.
    assert_eq!(
        count(&wrong, 401, ErrorCode::InvalidCredentials),
        4,
        "{:?}",
        wrong.iter().map(code_of).collect::<Vec<_>>()
    );
    assert_eq!(count(&wrong, 423, ErrorCode::UserCodeLocked), GUESSES - 4);
    // Its answer is the very answer of a wrong guess after the lock.
    let locked = wrong
        .iter()
        .find(|a| a.0 == 423)
        .expect("a locked answer")
        .clone();
    assert_eq!(right, locked);

    // Later, one at a time: right or wrong, the same bytes.
    let right_later = login_start(&client, ANNA, anna.password).await;
    let wrong_later = login_start(&client, ANNA, "Arvaus99").await;
    assert_eq!(right_later, wrong_later);
    assert_eq!(right_later, locked);
    let registration = registration_start(&client, ANNA, anna.password).await;
    assert_eq!(registration, locked);
}
