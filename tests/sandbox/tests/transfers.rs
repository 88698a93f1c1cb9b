//! Transfers between own accounts: both accounts must be the customer's, no SMS step, the
//! signed bytes carry the amount and both accounts (a payment's bytes for the same
//! challenge are refused), and the money moves between the two accounts.

#![allow(clippy::unwrap_used)] // test helpers outside #[test] functions

mod common;

use avain_protocol::Language;
use avain_protocol::api::{
    ErrorCode, NewTransfer, PayeeList, Payment, PaymentApproval, PaymentConfirm, PaymentKind,
    PaymentStatus, Purpose,
};
use avain_protocol::signed_bytes::Approval;
use avain_sandbox::client::{payment_approval, payment_text};
use avain_sandbox::seed::{ANNA, PUUTYO, own_iban};
use common::*;

fn transfer(from: &str, to: &str, cents: i64) -> NewTransfer {
    NewTransfer {
        from_account_id: from.into(),
        to_account_id: to.into(),
        amount_cents: cents,
        message: Some("Lomarahat".into()),
        due_date: None,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_transfer_moves_money_between_own_accounts_without_an_sms_code() {
    let (_bank, client) = bank().await;
    let (device, token) = logged_in(&client, ANNA).await;
    let approval: PaymentApproval = client
        .post(
            "/v1/transfers",
            Some(&token),
            &transfer("acc_anna_current", "acc_anna_savings", 50_000),
        )
        .await
        .unwrap();
    let payment = &approval.payment;
    assert_eq!(payment.kind, PaymentKind::OwnTransfer);
    assert_eq!(approval.challenge.purpose, Purpose::OwnTransfer);
    assert!(!payment.new_payee && !approval.sms_code_sent);
    assert_eq!(
        payment.from_iban.as_ref().unwrap().as_str(),
        own_iban(10_000_012)
    );
    assert_eq!(payment.payee_iban.as_str(), own_iban(10_000_020));
    assert_eq!(payment.payee_name, "Säästötili");
    let text = payment_text(payment);
    assert!(
        text.starts_with("Vahvista siirto omien tilien välillä"),
        "{text}"
    );

    let (current, savings) = (
        balance(&client, &token, "acc_anna_current").await,
        balance(&client, &token, "acc_anna_savings").await,
    );
    let done = client
        .confirm_payment(&token, &device, &approval, Some(PIN), ANNA)
        .await
        .unwrap();
    assert_eq!(done.status, PaymentStatus::Booked);
    assert_eq!(
        balance(&client, &token, "acc_anna_current").await,
        current - 50_000
    );
    assert_eq!(
        balance(&client, &token, "acc_anna_savings").await,
        savings + 50_000
    );
    // An own account is not a payee.
    let payees: PayeeList = client.get("/v1/payees", Some(&token)).await.unwrap();
    assert!(payees.payees.iter().all(|p| p.name != "Säästötili"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn someone_elses_account_is_never_an_own_account() {
    let (_bank, client) = bank().await;
    let (_device, token) = logged_in(&client, ANNA).await;
    // An attacker with Anna's session names the company's account as "own", either way.
    for (from, to) in [
        ("acc_anna_current", "acc_puutyo_business"),
        ("acc_puutyo_business", "acc_anna_current"),
        ("acc_anna_current", "acc_nobody"),
    ] {
        let err = client
            .post::<PaymentApproval>("/v1/transfers", Some(&token), &transfer(from, to, 100))
            .await
            .unwrap_err();
        assert_eq!(err.code(), Some(ErrorCode::NotFound), "{from} -> {to}");
    }
    for bad in [
        transfer("acc_anna_current", "acc_anna_current", 100),
        transfer("acc_anna_current", "acc_anna_savings", 0),
    ] {
        let err = client
            .post::<PaymentApproval>("/v1/transfers", Some(&token), &bad)
            .await
            .unwrap_err();
        assert_eq!(err.code(), Some(ErrorCode::InvalidValue));
    }
    // The joint account is Anna's too: a transfer to it is an own transfer.
    let approval: PaymentApproval = client
        .post(
            "/v1/transfers",
            Some(&token),
            &transfer("acc_anna_current", "acc_joint", 100),
        )
        .await
        .unwrap();
    assert_eq!(approval.payment.kind, PaymentKind::OwnTransfer);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_signature_must_cover_both_accounts_under_the_transfer_purpose() {
    let (_bank, client) = bank().await;
    let (device, token) = logged_in(&client, PUUTYO).await;
    let approval: PaymentApproval = client
        .post(
            "/v1/transfers",
            Some(&token),
            &transfer("acc_puutyo_business", "acc_puutyo_tax", 120_000),
        )
        .await
        .unwrap();
    let text = payment_text(&approval.payment);
    let path = format!("/v1/payments/{}/confirm", approval.payment.payment_id);
    let confirm = |fields: &Approval| PaymentConfirm {
        assertion: device.answer(&approval.challenge, fields, Some(PIN)),
        sms_code: None,
        shown_language: Language::Fi,
    };
    // Signed with another account paid from: the bank's bytes differ.
    let Approval::OwnTransfer {
        amount_cents,
        currency,
        to_iban,
        ..
    } = payment_approval(&approval.payment, text.clone())
    else {
        panic!("a transfer's approval");
    };
    let elsewhere = Approval::OwnTransfer {
        amount_cents,
        currency,
        from_iban: own_iban(10_000_012),
        to_iban,
        shown_text: text.clone(),
    };
    let err = client
        .post::<Payment>(&path, Some(&token), &confirm(&elsewhere))
        .await
        .unwrap_err();
    assert_eq!(err.code(), Some(ErrorCode::SignatureInvalid));
    // The right fields with a fresh challenge go through.
    let again: PaymentApproval = client
        .post_empty(
            &format!("/v1/payments/{}/approval", approval.payment.payment_id),
            Some(&token),
        )
        .await
        .unwrap();
    let done = client
        .confirm_payment(&token, &device, &again, Some(PIN), PUUTYO)
        .await
        .unwrap();
    assert_eq!(done.status, PaymentStatus::Booked);
    assert_eq!(done.kind, PaymentKind::OwnTransfer);
}
