//! Fault tests: concurrency at the lock, and crashes (SIGKILL) in the middle of requests.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers outside #[test] functions

mod common;

use std::collections::HashSet;
use std::path::Path;
use std::process::Stdio;
use std::time::Duration;

use avain_protocol::api::{
    ErrorCode, LoginChannel, LoginRequest, NewPayment, PaymentApproval, Personal, Session,
};
use avain_protocol::signed_bytes::Approval;
use avain_sandbox::client::{BankClient, LOGIN_TEXT, SoftwareDevice};
use avain_sandbox::seed::{self, ANNA};
use common::*;
use tokio::io::{AsyncBufReadExt, BufReader};

fn wrong_login() -> Approval {
    Approval::Login {
        channel: LoginChannel::App,
        shown_text: LOGIN_TEXT.to_owned(),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fifty_concurrent_wrong_pins_lock_after_exactly_five_recorded_failures() {
    let (bank, client) = bank().await;
    let device = active_device(&client, ANNA).await;
    let mut challenges = Vec::new();
    for _ in 0..50 {
        challenges.push(client.login_challenge(&device).await.unwrap());
    }
    let mut answers = tokio::task::JoinSet::new();
    for challenge in challenges {
        let assertion = device.answer(&challenge, &wrong_login(), Some("0000"));
        let client = client.clone();
        answers.spawn(async move {
            client
                .post::<Session>("/v1/sessions", None, &LoginRequest { assertion })
                .await
                .unwrap_err()
        });
    }
    let mut invalid = Vec::new();
    let mut locked = 0;
    while let Some(err) = answers.join_next().await {
        let err = err.unwrap();
        match err.code() {
            Some(ErrorCode::SignatureInvalid) => {
                invalid.push(err.body.unwrap().attempts_left.unwrap())
            }
            Some(ErrorCode::ProfileLocked) => locked += 1,
            other => panic!("unexpected answer {other:?}"),
        }
    }
    invalid.sort();
    assert_eq!(
        invalid,
        [1, 2, 3, 4],
        "each count answered once, in some order"
    );
    assert_eq!(locked, 46);

    let conn = avain_sandbox::db::connect(&bank.database_path()).unwrap();
    let (failures, state): (u32, String) = conn
        .query_row(
            "SELECT failures, state FROM profiles WHERE id = ?1",
            [&device.profile_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!((failures, state.as_str()), (5, "locked"));
    let recorded: Vec<String> = conn
        .prepare("SELECT outcome FROM approval_events WHERE profile_id = ?1 AND outcome <> 'approved' ORDER BY id")
        .unwrap()
        .query_map([&device.profile_id], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(recorded, ["failed", "failed", "failed", "failed", "locked"]);
}

/// A sandbox in a child process (`avain-sandbox serve`), for killing.
struct Child {
    process: tokio::process::Child,
    client: BankClient,
}

async fn start_child(dir: &Path) -> Child {
    let mut process = tokio::process::Command::new(env!("CARGO_BIN_EXE_avain-sandbox"))
        .args(["serve", "--port", "0", "--json", "--control", "--data-dir"])
        .arg(dir)
        .stdout(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .expect("the sandbox binary starts");
    let stdout = process.stdout.take().unwrap();
    let mut line = String::new();
    BufReader::new(stdout).read_line(&mut line).await.unwrap();
    let info: serde_json::Value = serde_json::from_str(&line).expect("the first line is JSON");
    let pem = info["root_ca_pem"].as_str().unwrap();
    let der = rustls_pki_types::pem::PemObject::from_pem_slice(pem.as_bytes())
        .map(|c: rustls_pki_types::CertificateDer<'static>| c.as_ref().to_vec())
        .unwrap();
    let client = BankClient::new(info["url"].as_str().unwrap(), &der).unwrap();
    Child { process, client }
}

/// What the client was told, and must therefore find in the database.
#[derive(Default)]
struct Acknowledged {
    failures: HashSet<String>,
    payments: HashSet<String>,
}

/// Runs `request`, killing the child after `delay` unless the request finished first.
/// Returns the request's result only if it finished before the kill.
async fn race_kill<T>(
    child: &mut Child,
    delay: Duration,
    request: impl std::future::Future<Output = T>,
) -> Option<T> {
    tokio::pin!(request);
    tokio::select! {
        result = &mut request => Some(result),
        () = tokio::time::sleep(delay) => {
            child.process.start_kill().expect("SIGKILL");
            // The answer may still have arrived in the same instant; it counts only if it
            // did (it was then committed before it was sent).
            tokio::time::timeout(Duration::from_secs(5), request).await.ok()
        }
    }
}

async fn kill_and_wait(child: &mut Child) {
    let _ = child.process.start_kill();
    let status = child.process.wait().await.unwrap();
    assert!(!status.success());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn killing_the_server_mid_request_loses_no_recorded_failure_or_confirmed_payment() {
    const KILLS: usize = 200;
    let dir = tempfile::tempdir().unwrap();
    let mut child = start_child(dir.path()).await;
    let mut device = SoftwareDevice::new();
    child
        .client
        .register_active(customer(ANNA), &mut device, PIN)
        .await
        .unwrap();
    let helen = seed::formats::iban_fi("10001000123456");
    let mut seen = Acknowledged::default();
    let mut kills_mid_request = 0;

    for round in 0..KILLS {
        if round > 0 {
            child = start_child(dir.path()).await;
        }
        let client = child.client.clone();
        // Where this round is killed: during the wrong-PIN answer (even rounds) or the
        // payment confirmation (odd rounds), after 0-4 ms, spread over the request.
        let delay = Duration::from_micros((round as u64 * 7919) % 4000);

        // 1. A wrong PIN: the failure must be recorded before the answer says so.
        let challenge = client.login_challenge(&device).await.unwrap();
        let assertion = device.answer(&challenge, &wrong_login(), Some("0000"));
        let body = LoginRequest { assertion };
        let wrong = client.post::<Session>("/v1/sessions", None, &body);
        if round % 2 == 0 {
            kills_mid_request += 1;
            if let Some(Err(err)) = race_kill(&mut child, delay, wrong).await
                && err.code() == Some(ErrorCode::SignatureInvalid)
            {
                seen.failures.insert(challenge.challenge_id.clone());
            }
            kill_and_wait(&mut child).await;
            continue;
        }
        let err = wrong.await.unwrap_err();
        assert_eq!(
            err.code(),
            Some(ErrorCode::SignatureInvalid),
            "round {round}"
        );
        seen.failures.insert(challenge.challenge_id.clone());

        // 2. Log in (which resets the failure count, so the profile never locks) and pay.
        let session = client.login(&device, Some(PIN)).await.unwrap();
        let token = session.token.expose().to_owned();
        let approval: PaymentApproval = client
            .post(
                "/v1/payments",
                Some(&token),
                &NewPayment {
                    from_account_id: "acc_anna_current".into(),
                    payee_name: "Helen Oy".into(),
                    payee_iban: Personal::from(helen.as_str()),
                    amount_cents: 1,
                    reference: None,
                    message: Some(format!("Kierros {round}")),
                    due_date: None,
                    invoice_id: None,
                },
            )
            .await
            .unwrap();
        let confirm = client.confirm_payment(&token, &device, &approval, Some(PIN), ANNA);
        kills_mid_request += 1;
        if let Some(Ok(paid)) = race_kill(&mut child, delay, confirm).await {
            seen.payments.insert(paid.payment_id);
        }
        kill_and_wait(&mut child).await;
    }
    assert_eq!(kills_mid_request, KILLS);

    let conn =
        avain_sandbox::db::connect(&avain_sandbox::server::database_path(dir.path())).unwrap();
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
    let recorded_failures: HashSet<String> = conn
        .prepare("SELECT challenge_id FROM approval_events WHERE outcome = 'failed'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let lost: Vec<_> = seen.failures.difference(&recorded_failures).collect();
    assert!(
        lost.is_empty(),
        "failures answered but not recorded: {lost:?}"
    );
    let booked: HashSet<String> = conn
        .prepare("SELECT id FROM payments WHERE status = 'booked'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let lost: Vec<_> = seen.payments.difference(&booked).collect();
    assert!(
        lost.is_empty(),
        "payments confirmed but not booked: {lost:?}"
    );
    // Money moved exactly with the bookings: never half a payment.
    let balance: i64 = conn
        .query_row(
            "SELECT balance_cents FROM accounts WHERE id = 'acc_anna_current'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(balance, 1_450_594 - booked.len() as i64);
    eprintln!(
        "{KILLS} kills: {} of {} killed wrong-PIN answers arrived, {} of {} confirmations \
         arrived, {} payments committed without an answer",
        seen.failures.len() - KILLS / 2,
        KILLS / 2,
        seen.payments.len(),
        KILLS / 2,
        booked.len() - seen.payments.len()
    );
    // Some kills landed before the answer and some after: the test exercised both.
    assert!(!seen.payments.is_empty());
    assert!(seen.failures.len() >= KILLS / 2);
}
