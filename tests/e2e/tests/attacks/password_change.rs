//! The password change as a way in: an attacker holding an online-bank session guesses the
//! current password through the change endpoint, where nothing counted the failures; a
//! customer who changes the password after a break-in keeps the attacker's other sessions
//! alive; and obvious new passwords are accepted. The bank must count wrong current
//! passwords towards the same five-failure lock as a login (decided in one write job, so
//! concurrent guesses stop at five) and end the online-bank sessions at the lock; end
//! every other session of the customer (online bank and app) after a change; and refuse
//! one repeated character, the user id and the most common passwords with their own codes
//! (`avain_core::password`, the rule the phone can check before sending).

#![allow(clippy::unwrap_used, clippy::expect_used)] // helpers outside #[test] functions

use std::time::{Duration, Instant};

use avain_core::api::{ErrorCode, PasswordChange, Secret};
use avain_core::password::{PasswordReason, check_new_password};
use avain_sandbox::client::{BankClient, SoftwareDevice};
use avain_sandbox::seed::{ANNA, MIKKO};
use reqwest::Method;

use super::password_guessing::{Answer, bank, code_of, customer, login_start, post_raw, wire};

const PIN: &str = "2580";

async fn change(client: &BankClient, token: &str, current: &str, new: &str) -> Answer {
    post_raw(
        client,
        "/v1/online-bank/password",
        Some(token),
        wire!(PasswordChange {
            current_password: Secret::new(current),
            new_password: Secret::new(new),
        }),
    )
    .await
}

/// The status of an authenticated `GET`: whether a session still works.
async fn get_status(client: &BankClient, path: &str, token: &str) -> u16 {
    let (status, _) = client
        .raw(Method::GET, path, Some(token), None, Vec::new())
        .await
        .expect("the bank answers");
    status.as_u16()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn brute_forcing_the_current_password_through_the_change_endpoint_locks_after_five() {
    let (_bank, client) = bank().await;
    let mikko = customer(MIKKO);
    let token = client.online_bank_login(mikko).await.unwrap();

    // How long one password check takes here (an unknown user costs the same hashing).
    let started = Instant::now();
    login_start(&client, "59999999", "Arvaus-0").await;
    let one_check = started.elapsed();

    let mut guesses = Vec::new();
    for n in 0..20 {
        let client = client.clone();
        let token = token.clone();
        guesses.push(tokio::spawn(async move {
            change(&client, &token, &format!("Arvaus{n:02}"), "Oma-5566").await
        }));
    }
    // The right current password, while the guesses are being checked.
    tokio::time::sleep((one_check * 2).max(Duration::from_millis(30))).await;
    let right = change(&client, &token, mikko.password, "Oma-5566").await;
    let mut wrong = Vec::new();
    for guess in guesses {
        wrong.push(guess.await.unwrap());
    }
    let codes: Vec<_> = wrong.iter().map(|a| (a.0, code_of(a))).collect();
    let failures = codes
        .iter()
        .filter(|c| **c == (401, Some(ErrorCode::InvalidCredentials)))
        .count();
    let locks = codes
        .iter()
        .filter(|c| **c == (423, Some(ErrorCode::UserCodeLocked)))
        .count();
    // Four failures answered, the fifth is the lock; later guesses meet the lock or, once
    // the lock ended the session, no session at all.
    assert_eq!(failures, 4, "{codes:?}");
    assert!(locks >= 1, "{codes:?}");
    assert_eq!(
        failures
            + locks
            + codes
                .iter()
                .filter(|c| **c == (401, Some(ErrorCode::Unauthorized)))
                .count(),
        20,
        "{codes:?}"
    );
    assert_ne!(right.0, 204, "the password was changed after the lock");

    // The lock ended the session, and the user code is locked for the right password too.
    assert_eq!(
        get_status(&client, "/v1/online-bank/devices", &token).await,
        401
    );
    let login = login_start(&client, MIKKO, mikko.password).await;
    assert_eq!(
        (login.0, code_of(&login)),
        (423, Some(ErrorCode::UserCodeLocked))
    );
    let new = login_start(&client, MIKKO, "Oma-5566").await;
    assert_eq!(login, new);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_password_change_ends_the_attackers_other_sessions() {
    let (_bank, client) = bank().await;
    let anna = customer(ANNA);
    let mut phone = SoftwareDevice::new();
    client.register_active(anna, &mut phone, PIN).await.unwrap();
    let app = client.login(&phone, Some(PIN)).await.unwrap();
    let app = app.token.expose().to_owned();
    // The attacker logged in with the stolen password and key-card code; the customer too.
    let attacker = client.online_bank_login(anna).await.unwrap();
    let own = client.online_bank_login(anna).await.unwrap();
    assert_eq!(
        get_status(&client, "/v1/online-bank/devices", &attacker).await,
        200
    );

    let changed = change(&client, &own, anna.password, "Uusi-77x").await;
    assert_eq!(changed.0, 204, "{:?}", code_of(&changed));
    assert_eq!(
        get_status(&client, "/v1/online-bank/devices", &attacker).await,
        401
    );
    assert_eq!(get_status(&client, "/v1/devices", &app).await, 401);
    // The session that changed it goes on, and the new password is the password.
    assert_eq!(
        get_status(&client, "/v1/online-bank/devices", &own).await,
        200
    );
    let old = login_start(&client, ANNA, anna.password).await;
    assert_eq!(
        (old.0, code_of(&old)),
        (401, Some(ErrorCode::InvalidCredentials))
    );
    assert_eq!(login_start(&client, ANNA, "Uusi-77x").await.0, 201);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn obvious_new_passwords_are_refused_with_their_reason() {
    let (_bank, client) = bank().await;
    let anna = customer(ANNA);
    let token = client.online_bank_login(anna).await.unwrap();
    for (new, reason) in [
        ("aaaaaa", PasswordReason::RepeatedCharacter),
        ("77777777", PasswordReason::RepeatedCharacter),
        (ANNA, PasswordReason::ContainsUserId),
        ("0010001", PasswordReason::ContainsUserId),
        ("500100", PasswordReason::ContainsUserId),
        ("123456", PasswordReason::Common),
        ("Password", PasswordReason::Common),
        ("salasana", PasswordReason::Common),
        ("QWERTY", PasswordReason::Common),
        ("lösenord", PasswordReason::Common),
        ("abc", PasswordReason::Length),
        ("Uusi 77", PasswordReason::Length),
        (anna.password, PasswordReason::SameAsCurrent),
    ] {
        // The phone's check and the bank's answer agree.
        assert_eq!(
            check_new_password(new, ANNA, Some(anna.password)),
            Err(reason),
            "{new}"
        );
        let refused = change(&client, &token, anna.password, new).await;
        assert_eq!(
            (refused.0, code_of(&refused)),
            (422, Some(reason.error_code())),
            "{new}"
        );
    }
    // None of that was a wrong password: the customer is not locked, and a good one works.
    let changed = change(&client, &token, anna.password, "Kesä-26").await;
    assert_eq!(changed.0, 204, "{:?}", code_of(&changed));
    assert_eq!(login_start(&client, ANNA, "Kesä-26").await.0, 201);
}
