//! An app killed (SIGKILL) the moment the bank's answer reached it, before it could read
//! it: the receipt of the login, or of the payment approved in the session, must be on
//! the phone when the app opens again. The phone writes the receipt while K_pin is being
//! derived, before the signed answer leaves (core/src/client/approval.rs); before that
//! change it was written after the answer and a kill at this point lost it.
//!
//! The phone is a process of its own (this test binary started again with
//! `phone_process_approving` selected), talking to the bank through a relay that holds the
//! bank's answer once the bank has committed the approval; the test freezes the process
//! (SIGSTOP), lets the answer through into its socket and kills it (SIGKILL), so the app
//! never reads the answer. With the receipt written after the answer, as before, both
//! tests fail every time.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers outside #[test] functions

use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use avain_core::client::{ApprovalFactor, PaymentDraft};
use avain_core::store::DATABASE_FILE;
use avain_e2e::rows::count;
use avain_e2e::{ANNA, Harness, ManualClock, bank_config};
use avain_sandbox::relay::{Faults, Relay};

use crate::pin_change_crash::{
    FileKeystore, PhoneOnDisk, open_app, phone_process, read_bank, through, write_bank,
};

const PIN: &str = "4719";
/// Where the phone process finds its data directory, keystore, bank and what to approve.
const PHONE_DIR: &str = "AVAIN_RECEIPT_KILL_PHONE_DIR";
/// Anna's current account.
const CURRENT: &str = "acc_anna_current";

/// Approvals of `purpose` the bank accepted.
fn approved(db: &Path, purpose: &str) -> i64 {
    count(
        db,
        &format!(
            "SELECT count(*) FROM approval_events WHERE purpose = '{purpose}' AND outcome = 'approved'"
        ),
    )
}

/// The phone's receipts of `purpose` that name the bank's last accepted approval of it.
fn receipts_of_last_approval(phone_db: &Path, bank_db: &Path, purpose: &str) -> i64 {
    let challenge: String = rusqlite::Connection::open(bank_db)
        .unwrap()
        .query_row(
            "SELECT challenge_id FROM approval_events WHERE purpose = ?1 AND outcome = 'approved'
             ORDER BY rowid DESC LIMIT 1",
            [purpose],
            |r| r.get(0),
        )
        .unwrap();
    count(
        phone_db,
        &format!(
            "SELECT count(*) FROM receipts WHERE purpose = '{purpose}' AND approval_id = '{challenge}'"
        ),
    )
}

/// The phone process: opens the app on the files the test prepared and, through the
/// test's relay, logs in (`login`) or logs in and approves a payment (`payment`). The
/// test kills it before it can finish.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "the phone process of the receipt kill tests, started by them"]
async fn phone_process_approving() {
    let dir = PathBuf::from(std::env::var_os(PHONE_DIR).expect("started by a kill test"));
    let phone = open_app(
        &dir.join("app"),
        Arc::new(FileKeystore(dir.join("keystore"))),
        Arc::new(ManualClock::default()),
        read_bank(&dir),
    );
    let id = std::fs::read_to_string(dir.join("profile_id")).unwrap();
    let what = std::fs::read_to_string(dir.join("approve")).unwrap();
    phone.login_with_pin(id, PIN.into()).await.unwrap();
    if what == "payment" {
        let invoices = phone.payments().e_invoices().await.unwrap();
        let helen = invoices
            .iter()
            .find(|i| i.biller_name == "Helen Oy")
            .unwrap();
        let pending = phone
            .payments()
            .start_payment(PaymentDraft {
                from_account_id: CURRENT.into(),
                payee_name: "Helen Oy".into(),
                payee_iban: helen.iban.clone(),
                amount: "12,50".into(),
                reference: helen.reference.clone(),
                ..PaymentDraft::default()
            })
            .await
            .unwrap();
        let outcome = phone
            .payments()
            .confirm_payment(
                pending.payment_id,
                ApprovalFactor::Pin { pin: PIN.into() },
                None,
            )
            .await;
        panic!("the phone process must be killed before the payment's answer: {outcome:?}");
    }
    panic!("the phone process must be killed before the login's answer");
}

/// Runs the phone process approving `what` (`login` or `payment`), kills it as soon as
/// the bank's answer to the approval of `purpose` reached it, and checks the reopened app
/// has the receipt.
async fn killed_after_the_answer_keeps_the_receipt(what: &str, purpose: &'static str) {
    let h = Harness::start().await.unwrap();
    let PhoneOnDisk {
        dir,
        keystore,
        clock,
        app_dir,
        id,
    } = PhoneOnDisk::registered(&h, PIN).await;
    std::fs::write(dir.path().join("profile_id"), &id).unwrap();
    std::fs::write(dir.path().join("approve"), what).unwrap();

    let bank_db = h.bank.database_path();
    let before = approved(&bank_db, purpose);
    let for_condition = bank_db.clone();
    let relay = Relay::start(
        h.bank.addr(),
        Faults {
            hold_answers: Some(Box::new(move || approved(&for_condition, purpose) > before)),
            ..Faults::default()
        },
    )
    .await
    .unwrap();
    write_bank(dir.path(), &h, &through(&relay, &h).url);
    let mut process = phone_process(
        "receipt_kill::phone_process_approving",
        PHONE_DIR,
        dir.path(),
    );
    let deadline = Instant::now() + Duration::from_secs(120);
    while !relay.is_holding() {
        assert!(
            process.try_wait().unwrap().is_none(),
            "the phone process ended before the bank answered"
        );
        assert!(Instant::now() < deadline, "the bank never accepted");
        tokio::time::sleep(Duration::from_millis(2)).await;
    }
    // The bank committed and answered. The phone is frozen (SIGSTOP), the answer goes on
    // into its socket, and it is killed there: it never gets to read the answer, the
    // worst moment for whatever it meant to write after it.
    let stopped = std::process::Command::new("kill")
        .args(["-STOP", &process.id().to_string()])
        .status()
        .unwrap();
    assert!(stopped.success());
    relay.release();
    while !relay.has_passed() {
        tokio::time::sleep(Duration::from_millis(1)).await;
    }
    process.kill().unwrap();
    let status = process.wait().unwrap();
    assert_eq!(status.signal(), Some(9), "killed, not finished: {status:?}");
    drop(relay);

    let phone_db = app_dir.join(DATABASE_FILE);
    assert_eq!(
        receipts_of_last_approval(&phone_db, &bank_db, purpose),
        1,
        "the receipt of the {purpose} the bank accepted"
    );
    // The reopened app lists it.
    let phone = open_app(&app_dir, keystore, clock, bank_config(&h.bank).unwrap());
    let receipts = phone.receipts().list(&id, 50).await.unwrap();
    assert!(
        receipts.iter().any(|r| r.purpose.code() == purpose),
        "{receipts:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_app_killed_right_after_the_bank_accepted_its_login_keeps_the_receipt() {
    killed_after_the_answer_keeps_the_receipt("login", "login").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_app_killed_right_after_the_bank_accepted_its_payment_keeps_the_receipt() {
    killed_after_the_answer_keeps_the_receipt("payment", "payment").await;
}

/// A refused approval leaves no receipt: a wrong PIN's receipt, written before the answer,
/// is removed when the bank says no; the right PIN's stays.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_login_the_bank_refuses_leaves_no_receipt() {
    let h = Harness::start().await.unwrap();
    let id = h
        .active_profile(Harness::customer(ANNA).unwrap(), PIN)
        .await
        .unwrap();
    let logins = |receipts: &[avain_core::client::ReceiptInfo]| {
        receipts
            .iter()
            .filter(|r| r.purpose.code() == "login")
            .count()
    };
    let before = logins(&h.avain.receipts().list(&id, 50).await.unwrap());
    h.avain
        .login_with_pin(id.clone(), "0852".into())
        .await
        .unwrap_err();
    assert_eq!(
        logins(&h.avain.receipts().list(&id, 50).await.unwrap()),
        before
    );
    h.avain
        .login_with_pin(id.clone(), PIN.into())
        .await
        .unwrap();
    assert_eq!(
        logins(&h.avain.receipts().list(&id, 50).await.unwrap()),
        before + 1
    );
}
