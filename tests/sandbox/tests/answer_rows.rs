//! The answer to a login challenge checks the profile and customer read when the challenge
//! was issued (one read per login instead of two), and still answers as if it had read
//! them again: rows changed between the challenge and its answer (a lock, blocked codes,
//! new keys) decide it, in the order of checks of docs/protocol.md, and two answers to one
//! challenge at once make one session.

#![allow(clippy::unwrap_used)] // test helpers outside #[test] functions

mod common;

use avain_protocol::api::{Challenge, ErrorCode, LoginChannel, LoginRequest, Session};
use avain_protocol::lifecycle::{LockReason, ProfileState};
use avain_protocol::signed_bytes::Approval;
use avain_sandbox::Sandbox;
use avain_sandbox::client::{BankClient, LOGIN_TEXT, SoftwareDevice};
use avain_sandbox::seed::ANNA;
use common::*;
use ring::signature::KeyPair;
use rusqlite::Connection;

fn login_approval() -> Approval {
    Approval::Login {
        channel: LoginChannel::App,
        shown_text: LOGIN_TEXT.to_owned(),
    }
}

/// A connection of the test's own to the bank's database, to change rows behind its back.
/// The error code of the bank's answer to `challenge` when K_dev's signature in it comes
/// from another phone (K_pin's is the device's own); `None` if it was accepted.
async fn forged_device_answer(
    client: &BankClient,
    device: &SoftwareDevice,
    challenge: &Challenge,
) -> Option<ErrorCode> {
    let mut forged = device.answer(challenge, &login_approval(), Some(PIN));
    forged.device_signature = SoftwareDevice::new()
        .answer(challenge, &login_approval(), Some(PIN))
        .device_signature;
    client
        .post::<Session>("/v1/sessions", None, &LoginRequest { assertion: forged })
        .await
        .err()?
        .code()
}

fn database(bank: &Sandbox) -> Connection {
    avain_sandbox::db::connect(&bank.database_path()).unwrap()
}

fn failures(conn: &Connection, profile_id: &str) -> u32 {
    conn.query_row(
        "SELECT failures FROM profiles WHERE id = ?1",
        [profile_id],
        |r| r.get(0),
    )
    .unwrap()
}

fn approved_logins(conn: &Connection, profile_id: &str) -> i64 {
    conn.query_row(
        "SELECT COUNT(*) FROM approval_events
         WHERE profile_id = ?1 AND purpose = 'login' AND outcome = 'approved'",
        [profile_id],
        |r| r.get(0),
    )
    .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_profile_locked_after_the_challenge_refuses_the_answer_before_its_signatures() {
    let (bank, client) = bank().await;
    let device = active_device(&client, ANNA).await;
    let first = client.login_challenge(&device).await.unwrap();
    let second = client.login_challenge(&device).await.unwrap();
    let conn = database(&bank);
    let approved_before = approved_logins(&conn, &device.profile_id);
    avain_sandbox::db::records::set_profile_state(
        &conn,
        &device.profile_id,
        ProfileState::Locked {
            reason: LockReason::WrongPins,
        },
        time::OffsetDateTime::now_utc(),
    )
    .unwrap();

    // K_dev's signature from another phone: the profile check comes first, so the answer
    // is the lock, not `signature_invalid`.
    assert_eq!(
        forged_device_answer(&client, &device, &first).await,
        Some(ErrorCode::ProfileLocked)
    );
    // The right answer is refused too, and nothing was counted or approved.
    let err = client
        .answer_login(&device, &second, Some(PIN))
        .await
        .unwrap_err();
    assert_eq!(err.code(), Some(ErrorCode::ProfileLocked));
    assert_eq!(failures(&conn, &device.profile_id), 0);
    assert_eq!(approved_logins(&conn, &device.profile_id), approved_before);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn codes_blocked_after_the_challenge_refuse_the_answer_without_counting_it() {
    let (bank, client) = bank().await;
    let device = active_device(&client, ANNA).await;
    let mut challenges = Vec::new();
    for _ in 0..3 {
        challenges.push(client.login_challenge(&device).await.unwrap());
    }
    let conn = database(&bank);
    let approved_before = approved_logins(&conn, &device.profile_id);
    conn.execute(
        "UPDATE customers SET codes_blocked = 1
         WHERE id = (SELECT customer_id FROM profiles WHERE id = ?1)",
        [&device.profile_id],
    )
    .unwrap();

    // A wrong PIN (decided in the writer's transaction), a forged K_dev signature
    // (refused before it) and the right answer: all three are the blocked codes.
    let wrong_pin = client.answer_login(&device, &challenges[0], Some("9999"));
    let err = wrong_pin.await.unwrap_err();
    assert_eq!(err.code(), Some(ErrorCode::CodesBlocked));
    assert_eq!(
        forged_device_answer(&client, &device, &challenges[1]).await,
        Some(ErrorCode::CodesBlocked)
    );
    let err = client
        .answer_login(&device, &challenges[2], Some(PIN))
        .await
        .unwrap_err();
    assert_eq!(err.code(), Some(ErrorCode::CodesBlocked));
    assert_eq!(failures(&conn, &device.profile_id), 0);
    assert_eq!(approved_logins(&conn, &device.profile_id), approved_before);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_profile_re_keyed_after_the_challenge_is_checked_with_its_current_keys() {
    let (bank, client) = bank().await;
    let device = active_device(&client, ANNA).await;
    let conn = database(&bank);
    let approved_before = approved_logins(&conn, &device.profile_id);

    // A new K_pin stored after the challenge: the device's signature with the old one
    // verifies against the rows read at issue, but not against the current key, and the
    // answer is what the current key says: a wrong second factor, counted.
    let challenge = client.login_challenge(&device).await.unwrap();
    let other = SoftwareDevice::new();
    conn.execute(
        "UPDATE profiles SET pin_key = ?2, keys_version = keys_version + 1 WHERE id = ?1",
        rusqlite::params![
            device.profile_id,
            other.pin_key(PIN).public_key().as_ref().to_vec()
        ],
    )
    .unwrap();
    let err = client
        .answer_login(&device, &challenge, Some(PIN))
        .await
        .unwrap_err();
    assert_eq!(err.code(), Some(ErrorCode::SignatureInvalid));
    assert_eq!(err.body.unwrap().attempts_left, Some(4));
    assert_eq!(failures(&conn, &device.profile_id), 1);

    // A new K_dev stored after the challenge: possession is not proven with the current
    // key, so nothing is counted.
    let challenge = client.login_challenge(&device).await.unwrap();
    conn.execute(
        "UPDATE profiles SET device_key = ?2, keys_version = keys_version + 1 WHERE id = ?1",
        rusqlite::params![device.profile_id, other.device_public_key()],
    )
    .unwrap();
    let err = client
        .answer_login(&device, &challenge, Some(PIN))
        .await
        .unwrap_err();
    assert_eq!(err.code(), Some(ErrorCode::SignatureInvalid));
    assert_eq!(err.body.unwrap().attempts_left, None);
    assert_eq!(failures(&conn, &device.profile_id), 1);
    assert_eq!(approved_logins(&conn, &device.profile_id), approved_before);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_answers_to_one_challenge_at_once_make_one_session() {
    let (bank, client) = bank().await;
    let device = active_device(&client, ANNA).await;
    let conn = database(&bank);
    let approved_before = approved_logins(&conn, &device.profile_id);
    for _ in 0..5 {
        let challenge = client.login_challenge(&device).await.unwrap();
        let assertion = device.answer(&challenge, &login_approval(), Some(PIN));
        let mut answers = tokio::task::JoinSet::new();
        for _ in 0..8 {
            let client = client.clone();
            let assertion = assertion.clone();
            answers.spawn(async move {
                client
                    .post::<Session>("/v1/sessions", None, &LoginRequest { assertion })
                    .await
            });
        }
        let mut sessions = 0;
        while let Some(answer) = answers.join_next().await {
            match answer.unwrap() {
                Ok(_) => sessions += 1,
                Err(err) => assert_eq!(err.code(), Some(ErrorCode::ChallengeUsed)),
            }
        }
        assert_eq!(sessions, 1);
    }
    assert_eq!(
        approved_logins(&conn, &device.profile_id),
        approved_before + 5
    );
    assert_eq!(failures(&conn, &device.profile_id), 0);
}
