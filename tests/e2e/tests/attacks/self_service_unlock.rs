//! Self-service unlock opening a lock only the bank may open: with several unlock attempts
//! open at once, three wrong key-card codes on one lock the user code at the bank, and
//! another attempt, finished with the right SMS and key-card codes, clears that lock; or
//! an attempt started before the codes were blocked opens them afterwards. The bank must
//! keep one live unlock attempt per customer (a new one ends the old) and check the lock's
//! reason and the blocked codes in the same write job that opens the lock: a lock from
//! key-card codes, and blocked codes, never open here.

#![allow(clippy::unwrap_used, clippy::expect_used)] // helpers outside #[test] functions

use avain_core::api::{
    BlockRequest, ErrorCode, Secret, UserCodeUnlockFinish, UserCodeUnlockStart,
    UserCodeUnlockStarted, UserCodeUnlocked,
};
use avain_sandbox::client::{BankClient, SoftwareDevice};
use avain_sandbox::seed::{ANNA, MIKKO, SeedCustomer};

use super::password_guessing::{
    Answer, bank, code_of, customer, lock_with_wrong_passwords, login_start, post_raw, wire,
};

const PIN: &str = "2580";

/// An unlock attempt and the SMS code sent for it.
struct Attempt {
    started: UserCodeUnlockStarted,
    sms_code: String,
}

async fn start_unlock(client: &BankClient, who: &SeedCustomer) -> Answer {
    post_raw(
        client,
        "/v1/user-code-unlocks",
        None,
        wire!(UserCodeUnlockStart {
            hetu: Secret::new(who.hetu()),
            user_id: who.user_id.to_owned(),
        }),
    )
    .await
}

async fn open_attempt(client: &BankClient, who: &SeedCustomer) -> Attempt {
    let answer = start_unlock(client, who).await;
    assert_eq!(answer.0, 201, "{:?}", code_of(&answer));
    let sms_code = client
        .latest_sms_code(who.user_id, "user_code_unlock_sms_code")
        .await
        .expect("the SMS code was sent");
    Attempt {
        started: serde_json::from_slice(&answer.1).unwrap(),
        sms_code,
    }
}

async fn finish(client: &BankClient, attempt: &Attempt, key_card_code: String) -> Answer {
    post_raw(
        client,
        &format!(
            "/v1/user-code-unlocks/{}",
            attempt.started.key_card.attempt_id
        ),
        None,
        wire!(UserCodeUnlockFinish {
            sms_code: Secret::new(attempt.sms_code.clone()),
            key_card_code: Secret::new(key_card_code),
        }),
    )
    .await
}

/// The right key-card code for an attempt.
fn right_code(who: &SeedCustomer, attempt: &Attempt) -> String {
    who.key_card_code(attempt.started.key_card.key_card_index)
}

/// A wrong key-card code for an attempt.
fn wrong_code(who: &SeedCustomer, attempt: &Attempt) -> String {
    let right: u32 = right_code(who, attempt).parse().unwrap();
    format!("{:04}", (right + 1) % 10_000)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_older_unlock_attempt_cannot_open_a_lock_only_the_bank_may_open() {
    let (_bank, client) = bank().await;
    let mikko = customer(MIKKO);
    lock_with_wrong_passwords(&client, MIKKO).await;

    let first = open_attempt(&client, mikko).await;
    let second = open_attempt(&client, mikko).await;
    // Three wrong key-card codes on the second lock the user code at the bank.
    for left in [2, 1] {
        let wrong = finish(&client, &second, wrong_code(mikko, &second)).await;
        assert_eq!(
            (wrong.0, code_of(&wrong)),
            (401, Some(ErrorCode::KeyCardCodeWrong)),
            "{left} left"
        );
    }
    let locked = finish(&client, &second, wrong_code(mikko, &second)).await;
    assert_eq!(
        (locked.0, code_of(&locked)),
        (423, Some(ErrorCode::UserCodeLockedAtBank))
    );

    // The first attempt, with the right SMS code and the right key-card code: refused.
    let opened = finish(&client, &first, right_code(mikko, &first)).await;
    assert_ne!(opened.0, 200, "the bank's lock was opened by self-service");
    assert_eq!(
        (opened.0, code_of(&opened)),
        (410, Some(ErrorCode::Expired))
    );
    // The second one is over too, even with the right codes now.
    let again = finish(&client, &second, right_code(mikko, &second)).await;
    assert_eq!((again.0, code_of(&again)), (410, Some(ErrorCode::Expired)));

    // Still locked at the bank: the right password and a new unlock say so.
    let login = login_start(&client, MIKKO, mikko.password).await;
    assert_eq!(
        (login.0, code_of(&login)),
        (423, Some(ErrorCode::UserCodeLockedAtBank))
    );
    let restart = start_unlock(&client, mikko).await;
    assert_eq!(
        (restart.0, code_of(&restart)),
        (423, Some(ErrorCode::UserCodeLockedAtBank))
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_second_unlock_start_ends_the_first_attempt() {
    let (_bank, client) = bank().await;
    let mikko = customer(MIKKO);
    lock_with_wrong_passwords(&client, MIKKO).await;

    let first = open_attempt(&client, mikko).await;
    let second = open_attempt(&client, mikko).await;
    let stale = finish(&client, &first, right_code(mikko, &first)).await;
    assert_eq!((stale.0, code_of(&stale)), (410, Some(ErrorCode::Expired)));
    let still = login_start(&client, MIKKO, mikko.password).await;
    assert_eq!(
        (still.0, code_of(&still)),
        (423, Some(ErrorCode::UserCodeLocked))
    );

    // The live one opens the lock.
    let opened = finish(&client, &second, right_code(mikko, &second)).await;
    assert_eq!(opened.0, 200, "{:?}", code_of(&opened));
    let unlocked: UserCodeUnlocked = serde_json::from_slice(&opened.1).unwrap();
    assert_eq!(unlocked.password_is_key_card_code, Some(1));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unlock_started_before_the_codes_were_blocked_cannot_open_them() {
    let (_bank, client) = bank().await;
    let anna = customer(ANNA);
    let mut phone = SoftwareDevice::new();
    client.register_active(anna, &mut phone, PIN).await.unwrap();
    lock_with_wrong_passwords(&client, ANNA).await;
    let attempt = open_attempt(&client, anna).await;

    // Meanwhile the customer blocks the codes from the app (the phone still logs in: a
    // password lock does not lock the profile).
    let session = client.login(&phone, Some(PIN)).await.unwrap();
    let _: serde_json::Value = client
        .post(
            "/v1/blocking",
            Some(session.token.expose()),
            &BlockRequest {
                codes: true,
                cards: false,
            },
        )
        .await
        .unwrap();

    let opened = finish(&client, &attempt, right_code(anna, &attempt)).await;
    assert_eq!(
        (opened.0, code_of(&opened)),
        (403, Some(ErrorCode::CodesBlocked))
    );
    let login = login_start(&client, ANNA, anna.password).await;
    assert_eq!(
        (login.0, code_of(&login)),
        (403, Some(ErrorCode::CodesBlocked))
    );
}
