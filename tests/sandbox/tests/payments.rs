//! Accounts and payments: dynamic linking (the bank rebuilds the signed bytes from its own
//! record of the payment), SMS step-up for new payees, balances, e-invoices.

#![allow(clippy::unwrap_used)] // test helpers outside #[test] functions

mod common;

use avain_core::payments::Barcode;
use avain_protocol::Language;
use avain_protocol::api::sandbox::ClockChange;
use avain_protocol::api::{
    AccountList, EInvoiceList, ErrorCode, NewPayment, PayeeList, Payment, PaymentApproval,
    PaymentConfirm, PaymentList, PaymentStatus, Personal, Secret, TransactionList,
};
use avain_sandbox::client::{payment_approval, payment_text};
use avain_sandbox::seed::{self, ANNA, MIKKO};
use common::*;

fn new_payment(iban: &str, cents: i64) -> NewPayment {
    NewPayment {
        from_account_id: "acc_anna_current".into(),
        payee_name: "Kukka-Kauppa Oy".into(),
        payee_iban: Personal::from(iban),
        amount_cents: cents,
        reference: Some("1232".into()),
        message: None,
        due_date: None,
        invoice_id: None,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn accounts_show_the_seeded_balances() {
    let (_bank, client) = bank().await;
    let (_device, token) = logged_in(&client, ANNA).await;
    let accounts: AccountList = client.get("/v1/accounts", Some(&token)).await.unwrap();
    let names: Vec<(&str, i64)> = accounts
        .accounts
        .iter()
        .map(|a| (a.name.as_str(), a.balance.cents))
        .collect();
    assert_eq!(
        names,
        [
            ("Käyttötili", 1_450_594),
            ("Säästötili", 1_024_371),
            ("Yhteinen tili", 20_836)
        ]
    );
    let history: TransactionList = client
        .get("/v1/accounts/acc_anna_current/transactions", Some(&token))
        .await
        .unwrap();
    assert!(!history.transactions.is_empty());
    // Someone else's account does not exist for Anna.
    let err = client
        .get::<TransactionList>("/v1/accounts/acc_mikko_current/transactions", Some(&token))
        .await
        .unwrap_err();
    assert_eq!(err.code(), Some(ErrorCode::NotFound));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_known_payee_needs_only_the_two_signatures() {
    let (_bank, client) = bank().await;
    let (device, token) = logged_in(&client, ANNA).await;
    let payees: PayeeList = client.get("/v1/payees", Some(&token)).await.unwrap();
    let helen = payees
        .payees
        .iter()
        .find(|p| p.name == "Helen Oy")
        .unwrap()
        .iban
        .clone();
    let approval: PaymentApproval = client
        .post(
            "/v1/payments",
            Some(&token),
            &new_payment(helen.as_str(), 12_345),
        )
        .await
        .unwrap();
    assert!(!approval.payment.new_payee);
    assert!(!approval.sms_code_sent);
    assert_eq!(approval.payment.status, PaymentStatus::AwaitingApproval);
    let before = balance(&client, &token, "acc_anna_current").await;
    let paid = client
        .confirm_payment(&token, &device, &approval, Some(PIN), ANNA)
        .await
        .unwrap();
    assert_eq!(paid.status, PaymentStatus::Booked);
    assert_eq!(
        balance(&client, &token, "acc_anna_current").await,
        before - 12_345
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_payee_also_needs_the_sms_code() {
    let (_bank, client) = bank().await;
    let (device, token) = logged_in(&client, ANNA).await;
    let iban = seed::formats::iban_fi("12345600000785");
    let approval: PaymentApproval = client
        .post("/v1/payments", Some(&token), &new_payment(&iban, 5_000))
        .await
        .unwrap();
    assert!(approval.payment.new_payee && approval.sms_code_sent);
    let fields = payment_approval(&approval.payment, payment_text(&approval.payment));
    let path = format!("/v1/payments/{}/confirm", approval.payment.payment_id);

    // Without the code: refused before the challenge is spent.
    let assertion = device.answer(&approval.challenge, &fields, Some(PIN));
    let err = client
        .post::<Payment>(
            &path,
            Some(&token),
            &PaymentConfirm {
                assertion: assertion.clone(),
                sms_code: None,
                shown_language: Language::Fi,
            },
        )
        .await
        .unwrap_err();
    assert_eq!(err.code(), Some(ErrorCode::SmsCodeRequired));
    // A wrong code: counted.
    let code = client
        .latest_sms_code(ANNA, "payment_sms_code")
        .await
        .unwrap();
    let wrong = if code == "111111" { "222222" } else { "111111" };
    let err = client
        .post::<Payment>(
            &path,
            Some(&token),
            &PaymentConfirm {
                assertion: assertion.clone(),
                sms_code: Some(Secret::new(wrong)),
                shown_language: Language::Fi,
            },
        )
        .await
        .unwrap_err();
    assert_eq!(
        (err.code(), err.body.unwrap().attempts_left),
        (Some(ErrorCode::SmsCodeWrong), Some(2))
    );
    // The right code with the same (unspent) challenge goes through.
    let paid: Payment = client
        .post(
            &path,
            Some(&token),
            &PaymentConfirm {
                assertion,
                sms_code: Some(Secret::new(code)),
                shown_language: Language::Fi,
            },
        )
        .await
        .unwrap();
    assert_eq!(paid.status, PaymentStatus::Booked);
    // Now the payee is known.
    let payees: PayeeList = client.get("/v1/payees", Some(&token)).await.unwrap();
    assert!(payees.payees.iter().any(|p| p.iban.as_str() == iban));
    let again: PaymentApproval = client
        .post("/v1/payments", Some(&token), &new_payment(&iban, 100))
        .await
        .unwrap();
    assert!(!again.payment.new_payee);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_signature_over_other_payment_details_does_not_verify() {
    let (_bank, client) = bank().await;
    let (device, token) = logged_in(&client, ANNA).await;
    let payees: PayeeList = client.get("/v1/payees", Some(&token)).await.unwrap();
    let helen = payees
        .payees
        .iter()
        .find(|p| p.name == "Helen Oy")
        .unwrap()
        .iban
        .clone();
    let approval: PaymentApproval = client
        .post(
            "/v1/payments",
            Some(&token),
            &new_payment(helen.as_str(), 9_000),
        )
        .await
        .unwrap();
    // Malware shows and signs 90,00 € to another account; the bank rebuilds the bytes from
    // its own record (the real payment) and the signatures do not match them.
    let mut forged = approval.payment.clone();
    forged.amount.cents = 900;
    forged.payee_iban = Personal::from(seed::formats::iban_fi("12345600000785"));
    let fields = payment_approval(&forged, payment_text(&approval.payment));
    let assertion = device.answer(&approval.challenge, &fields, Some(PIN));
    let err = client
        .post::<Payment>(
            &format!("/v1/payments/{}/confirm", approval.payment.payment_id),
            Some(&token),
            &PaymentConfirm {
                assertion,
                sms_code: None,
                shown_language: Language::Fi,
            },
        )
        .await
        .unwrap_err();
    assert_eq!(err.code(), Some(ErrorCode::SignatureInvalid));

    // A text other than the one the bank renders from its record is refused outright
    // (and not counted).
    let approval: PaymentApproval = client
        .post(
            &format!("/v1/payments/{}/approval", approval.payment.payment_id),
            Some(&token),
            &(),
        )
        .await
        .unwrap();
    let fields = payment_approval(&approval.payment, "Hyväksy".to_owned());
    let assertion = device.answer(&approval.challenge, &fields, Some(PIN));
    let err = client
        .post::<Payment>(
            &format!("/v1/payments/{}/confirm", approval.payment.payment_id),
            Some(&token),
            &PaymentConfirm {
                assertion,
                sms_code: None,
                shown_language: Language::Fi,
            },
        )
        .await
        .unwrap_err();
    assert_eq!(err.code(), Some(ErrorCode::ShownTextMismatch));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_payment_waiting_from_the_online_bank_can_be_approved_or_cancelled() {
    let (_bank, client) = bank().await;
    let (device, token) = logged_in(&client, ANNA).await;
    let waiting: PaymentList = client
        .get("/v1/payments?status=awaiting_approval", Some(&token))
        .await
        .unwrap();
    assert_eq!(waiting.payments.len(), 1);
    let payment = &waiting.payments[0];
    assert_eq!(payment.payee_name, "As Oy Malliharjun Kartano");
    let approval: PaymentApproval = client
        .post_empty(
            &format!("/v1/payments/{}/approval", payment.payment_id),
            Some(&token),
        )
        .await
        .unwrap();
    let paid = client
        .confirm_payment(&token, &device, &approval, Some(PIN), ANNA)
        .await
        .unwrap();
    // Due in two days: scheduled, the money reserved but not yet booked.
    assert_eq!(paid.status, PaymentStatus::Scheduled);
    let accounts: AccountList = client.get("/v1/accounts", Some(&token)).await.unwrap();
    let current = &accounts.accounts[0];
    assert_eq!(current.balance.cents - current.available.cents, 28_500);
    // Two days later it is booked.
    let _: serde_json::Value = client
        .post(
            "/v1/sandbox/clock",
            None,
            &ClockChange {
                advance_s: Some(2 * 86_400),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    let token = client
        .login(&device, Some(PIN))
        .await
        .unwrap()
        .token
        .expose()
        .to_owned();
    let accounts: AccountList = client.get("/v1/accounts", Some(&token)).await.unwrap();
    assert_eq!(accounts.accounts[0].balance.cents, 1_450_594 - 28_500);
    assert_eq!(
        accounts.accounts[0].available.cents,
        accounts.accounts[0].balance.cents
    );

    // A confirmed payment cannot be confirmed again; cancelling a booked one is refused.
    let err = client
        .post_empty::<PaymentApproval>(
            &format!("/v1/payments/{}/approval", payment.payment_id),
            Some(&token),
        )
        .await
        .unwrap_err();
    assert_eq!(err.code(), Some(ErrorCode::Conflict));
    let err = client
        .delete(
            &format!("/v1/payments/{}", payment.payment_id),
            Some(&token),
        )
        .await
        .unwrap_err();
    assert_eq!(err.code(), Some(ErrorCode::Conflict));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn e_invoices_carry_valid_virtual_barcodes_and_leave_the_list_when_paid() {
    let (_bank, client) = bank().await;
    let (device, token) = logged_in(&client, ANNA).await;
    let invoices: EInvoiceList = client.get("/v1/e-invoices", Some(&token)).await.unwrap();
    assert_eq!(invoices.invoices.len(), 2);
    for invoice in &invoices.invoices {
        let barcode = Barcode::parse(&invoice.virtual_barcode).unwrap();
        assert_eq!(barcode.iban().electronic(), invoice.iban.as_str());
        assert_eq!(barcode.amount().unwrap().cents(), invoice.amount.cents);
        assert_eq!(barcode.reference().machine(), invoice.reference);
        assert_eq!(barcode.due_date(), Some(invoice.due_date));
    }
    let versions: Vec<u8> = invoices
        .invoices
        .iter()
        .map(|i| {
            Barcode::parse(&i.virtual_barcode)
                .unwrap()
                .version()
                .number()
        })
        .collect();
    assert!(versions.contains(&4) && versions.contains(&5));

    let invoice = &invoices.invoices[0];
    let barcode = Barcode::parse(&invoice.virtual_barcode).unwrap();
    let approval: PaymentApproval = client
        .post(
            "/v1/payments",
            Some(&token),
            &NewPayment {
                from_account_id: "acc_anna_current".into(),
                payee_name: invoice.biller_name.clone(),
                payee_iban: Personal::from(barcode.iban().electronic()),
                amount_cents: barcode.amount().unwrap().cents(),
                reference: Some(barcode.reference().machine().to_owned()),
                message: None,
                due_date: barcode.due_date(),
                invoice_id: Some(invoice.invoice_id.clone()),
            },
        )
        .await
        .unwrap();
    client
        .confirm_payment(&token, &device, &approval, Some(PIN), ANNA)
        .await
        .unwrap();
    let invoices: EInvoiceList = client.get("/v1/e-invoices", Some(&token)).await.unwrap();
    assert_eq!(invoices.invoices.len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn payments_are_checked_before_and_when_approved() {
    let (_bank, client) = bank().await;
    let (device, token) = logged_in(&client, MIKKO).await;
    let helen = seed::formats::iban_fi("10001000123456");
    let mut payment = new_payment(&helen, 100);
    payment.from_account_id = "acc_mikko_current".into();
    for bad in [
        NewPayment {
            payee_iban: Personal::from("FI00 1234"),
            ..payment.clone()
        },
        NewPayment {
            amount_cents: 0,
            ..payment.clone()
        },
        NewPayment {
            payee_name: " ".into(),
            ..payment.clone()
        },
        NewPayment {
            reference: Some("1234".into()),
            ..payment.clone()
        },
        NewPayment {
            message: Some("Kiitos".into()),
            ..payment.clone()
        },
        NewPayment {
            due_date: Some(time::macros::date!(2000 - 01 - 01)),
            ..payment.clone()
        },
    ] {
        let err = client
            .post::<PaymentApproval>("/v1/payments", Some(&token), &bad)
            .await
            .unwrap_err();
        assert_eq!(err.code(), Some(ErrorCode::InvalidValue), "{bad:?}");
    }
    let err = client
        .post::<PaymentApproval>(
            "/v1/payments",
            Some(&token),
            &NewPayment {
                from_account_id: "acc_anna_current".into(),
                ..payment.clone()
            },
        )
        .await
        .unwrap_err();
    assert_eq!(err.code(), Some(ErrorCode::NotFound));
    // More than the account holds: refused when approved, nothing moves.
    let approval: PaymentApproval = client
        .post(
            "/v1/payments",
            Some(&token),
            &NewPayment {
                amount_cents: 99_999_900,
                ..payment
            },
        )
        .await
        .unwrap();
    let err = client
        .confirm_payment(&token, &device, &approval, Some(PIN), MIKKO)
        .await
        .unwrap_err();
    assert_eq!(err.code(), Some(ErrorCode::InsufficientFunds));
    assert_eq!(balance(&client, &token, "acc_mikko_current").await, 312_050);
}
