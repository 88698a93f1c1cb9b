//! Accounts, payments and receipts: the core against the sandbox bank over HTTPS. An
//! e-invoice paid from its virtual barcode to a new payee (SMS step-up, across an app
//! restart); the bank refusing a new payee without the SMS code, an amount changed after
//! signing, a replayed assertion and an expired challenge; an approval sent after the
//! bank closed the idle connection; receipts and the "this was not me" report.

#![allow(clippy::unwrap_used)] // test helpers outside #[test] functions

use avain_core::Language;
use avain_core::api::{
    ErrorCode, NewPayment, Payment, PaymentApproval, PaymentConfirm, PaymentStatus, Personal,
};
use avain_core::client::{ApprovalFactor, AvainError, PaymentDraft, PendingPayment};
use avain_core::confirmation::{self, PaymentDetails};
use avain_core::error::AvainErrorCode;
use avain_core::payments::{Iban, Money, Reference};
use avain_core::signed_bytes::{Approval, Purpose};
use avain_e2e::{ANNA, Harness, RawPhone};
use avain_sandbox::client::CallError;

const PIN: &str = "4719";
const CURRENT: &str = "acc_anna_current";
/// A payee Anna has never paid.
const NEW_IBAN: &str = "FI21 1234 5600 0007 85";

fn pin() -> ApprovalFactor {
    ApprovalFactor::Pin { pin: PIN.into() }
}

async fn balances(h: &Harness) -> (i64, i64) {
    let accounts = h.avain.payments().accounts().await.unwrap();
    let current = accounts.iter().find(|a| a.account_id == CURRENT).unwrap();
    (current.balance_cents, current.available_cents)
}

/// Helen Oy, a payee Anna has paid before (from her e-invoice).
async fn helen(h: &Harness, amount: &str) -> PaymentDraft {
    let invoices = h.avain.payments().e_invoices().await.unwrap();
    let invoice = invoices
        .iter()
        .find(|i| i.biller_name == "Helen Oy")
        .unwrap();
    PaymentDraft {
        from_account_id: CURRENT.into(),
        payee_name: "Helen Oy".into(),
        payee_iban: invoice.iban.clone(),
        amount: amount.into(),
        reference: invoice.reference.clone(),
        ..PaymentDraft::default()
    }
}

fn code_of(error: &CallError) -> Option<ErrorCode> {
    error.code()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_e_invoice_from_its_barcode_to_a_new_payee_needs_the_sms_code_even_after_a_restart() {
    let mut h = Harness::start().await.unwrap();
    let anna = Harness::customer(ANNA).unwrap();
    let id = h.active_profile(anna, PIN).await.unwrap();

    let accounts = h.avain.payments().accounts().await.unwrap();
    let current = accounts.iter().find(|a| a.account_id == CURRENT).unwrap();
    assert_eq!(current.balance_cents, 1_450_594);
    assert_eq!(current.balance, "14\u{a0}505,94\u{a0}€");
    assert_eq!(current.name, "Käyttötili");
    let history = h
        .avain
        .payments()
        .transactions(CURRENT.into())
        .await
        .unwrap();
    assert!(!history.is_empty());
    let (balance, available) = (current.balance_cents, current.available_cents);

    let invoices = h.avain.payments().e_invoices().await.unwrap();
    let elisa = invoices
        .iter()
        .find(|i| i.biller_name == "Elisa Oyj")
        .unwrap()
        .clone();
    assert_eq!(elisa.amount_cents, 3_990);

    // The customer pastes the barcode: IBAN, amount, RF reference and due date are filled.
    let form = h
        .avain
        .payments()
        .read_barcode(elisa.virtual_barcode.clone())
        .unwrap();
    assert_eq!(form.version, 5);
    assert!(!form.amount_required);
    assert_eq!(form.draft.amount, "39,90");
    assert_eq!(form.draft.payee_iban, elisa.iban);
    assert_eq!(form.draft.due_date, elisa.due_date_text);
    assert!(form.draft.reference.starts_with("RF"));
    // The barcode has no name: the customer types it; an empty one is refused at its field.
    let mut draft = form.draft;
    draft.from_account_id = CURRENT.into();
    let problems = h.avain.payments().check_payment(draft.clone());
    assert_eq!(problems.len(), 1);
    assert_eq!(
        (problems[0].field.code(), problems[0].code),
        ("payee_name", AvainErrorCode::PayeeNameMissing)
    );
    assert_eq!(problems[0].message, "Kirjoita saajan nimi.");
    draft.payee_name = "Elisa Oyj".into();
    draft.invoice_id = Some(elisa.invoice_id.clone());
    assert!(h.avain.payments().check_payment(draft.clone()).is_empty());

    let before = h.avain.round_trips();
    let pending = h.avain.payments().start_payment(draft).await.unwrap();
    assert_eq!(
        h.avain.round_trips() - before,
        1,
        "the answer carries the challenge"
    );
    assert!(pending.sms_code_required);
    assert_eq!(pending.payment.amount_cents, 3_990);
    assert_eq!(
        pending.payment.status,
        avain_core::api::PaymentStatus::AwaitingApproval
    );
    let text = &pending.confirmation_text;
    assert!(
        text.starts_with("Vahvista maksu\nSaaja: Elisa Oyj\n"),
        "{text}"
    );
    assert!(
        text.contains(&format!("Tilinumero: {}", elisa.iban)),
        "{text}"
    );
    assert!(text.contains("Summa: 39,90\u{a0}€"), "{text}");
    assert!(
        text.contains(&format!("Eräpäivä: {}", elisa.due_date_text)),
        "{text}"
    );
    assert!(text.ends_with("Saat tekstiviestinä turvaluvun."), "{text}");
    let sms = h.sms_code(ANNA, "payment_sms_code").await.unwrap();

    // The app is closed while the customer reads the SMS; it opens where it was.
    h.avain = h.reopen().unwrap();
    let restored = h.avain.payments().pending_payments(&id).await.unwrap();
    assert_eq!(restored, vec![pending.clone()]);
    let logged_out = h
        .avain
        .payments()
        .confirm_payment(pending.payment_id.clone(), pin(), Some(sms.clone()))
        .await
        .unwrap_err();
    assert!(
        matches!(logged_out, AvainError::LoggedOut { .. }),
        "{logged_out:?}"
    );
    h.avain
        .login_with_pin(id.clone(), PIN.into())
        .await
        .unwrap();

    let before = h.avain.round_trips();
    let done = h
        .avain
        .payments()
        .confirm_payment(pending.payment_id.clone(), pin(), Some(sms.clone()))
        .await
        .unwrap();
    // The login after the restart answered a newer challenge than the stored one, so the
    // core asked for a new challenge first; the SMS code already received still works.
    assert_eq!(h.avain.round_trips() - before, 2);
    assert_eq!(
        done.payment.status,
        avain_core::api::PaymentStatus::Scheduled
    );
    assert_eq!(
        done.message,
        format!(
            "Maksu on hyväksytty, ja se maksetaan {}.",
            elisa.due_date_text
        )
    );
    assert!(
        h.avain
            .payments()
            .pending_payments(&id)
            .await
            .unwrap()
            .is_empty()
    );
    // Scheduled: the balance stays, the available amount drops by exactly the invoice.
    assert_eq!(balances(&h).await, (balance, available - 3_990));
    assert!(
        !h.avain
            .payments()
            .e_invoices()
            .await
            .unwrap()
            .iter()
            .any(|i| i.invoice_id == elisa.invoice_id)
    );

    // The receipt keeps the exact text shown, the factor and the device.
    let receipts = h.avain.receipts().list(&id, 10).await.unwrap();
    let receipt = receipts
        .iter()
        .find(|r| Some(&r.receipt_id) == done.receipt_id.as_ref())
        .unwrap();
    assert_eq!(receipt.purpose, avain_core::signed_bytes::Purpose::Payment);
    assert_eq!(receipt.purpose_label, "Maksu");
    assert_eq!(receipt.factor, avain_core::keys::SecondFactor::Pin);
    assert_eq!(&receipt.shown_text, text);
    assert_eq!(receipt.device_label, "Pixel 8 (tämä laite)");
    assert!(receipt.device_id.is_some());

    // Elisa is a known payee now: the next payment needs no SMS code, and is paid today.
    let next = h
        .avain
        .payments()
        .start_payment(PaymentDraft {
            from_account_id: CURRENT.into(),
            payee_name: "Elisa Oyj".into(),
            payee_iban: elisa.iban.clone(),
            amount: "5".into(),
            message: "Lisälaite".into(),
            ..PaymentDraft::default()
        })
        .await
        .unwrap();
    assert!(!next.sms_code_required);
    assert!(!next.confirmation_text.contains("tekstiviest"));
    let before = h.avain.round_trips();
    let paid = h
        .avain
        .payments()
        .confirm_payment(next.payment_id, pin(), None)
        .await
        .unwrap();
    assert_eq!(
        h.avain.round_trips() - before,
        1,
        "an approval in a session: one request"
    );
    assert_eq!(paid.payment.status, avain_core::api::PaymentStatus::Booked);
    assert_eq!(paid.message, "Maksu on maksettu.");
    assert_eq!(balances(&h).await, (balance - 500, available - 3_990 - 500));

    // Nothing typed or shown is in the phone's files in clear.
    let iban = Iban::parse(&elisa.iban).unwrap();
    let found = h.secrets_in_data_dir(&[PIN, &sms, iban.electronic(), "Elisa Oyj", "Lisälaite"]);
    assert!(
        found.is_empty(),
        "found in the data directory: {}",
        found.len()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_payee_without_the_sms_code_is_refused_by_the_bank() {
    let h = Harness::start().await.unwrap();
    let anna = Harness::customer(ANNA).unwrap();
    let id = h.active_profile(anna, PIN).await.unwrap();
    let (balance, _) = balances(&h).await;
    let pending = h
        .avain
        .payments()
        .start_payment(PaymentDraft {
            from_account_id: CURRENT.into(),
            payee_name: "Kukka-Kauppa Oy".into(),
            payee_iban: NEW_IBAN.into(),
            amount: "24,90".into(),
            reference: "1232".into(),
            ..PaymentDraft::default()
        })
        .await
        .unwrap();
    assert!(pending.sms_code_required);
    let code = h.sms_code(ANNA, "payment_sms_code").await.unwrap();

    // The core sends no code; the bank refuses, the payment keeps waiting.
    let missing = h
        .avain
        .payments()
        .confirm_payment(pending.payment_id.clone(), pin(), None)
        .await
        .unwrap_err();
    assert_eq!(
        missing.code(),
        AvainErrorCode::SmsCodeRequired,
        "{missing:?}"
    );
    let waiting = h
        .avain
        .payments()
        .payments_awaiting_approval()
        .await
        .unwrap();
    assert!(waiting.iter().any(|p| p.payment_id == pending.payment_id));

    // A wrong code: refused with the attempts left.
    let last = code.chars().last().unwrap().to_digit(10).unwrap();
    let wrong = format!("{}{}", &code[..code.len() - 1], (last + 1) % 10);
    match h
        .avain
        .payments()
        .confirm_payment(pending.payment_id.clone(), pin(), Some(wrong))
        .await
        .unwrap_err()
    {
        AvainError::InvalidInput { code, user_message } => {
            assert_eq!(code, AvainErrorCode::SmsCodeWrong);
            assert!(!user_message.is_empty());
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        h.avain
            .payments()
            .pending_payments(&id)
            .await
            .unwrap()
            .len(),
        1
    );
    assert_eq!(balances(&h).await.0, balance);

    let done = h
        .avain
        .payments()
        .confirm_payment(pending.payment_id.clone(), pin(), Some(code))
        .await
        .unwrap();
    assert_eq!(done.payment.status, avain_core::api::PaymentStatus::Booked);
    assert_eq!(balances(&h).await.0, balance - 2_490);
}

/// The bank's own challenge for a payment waiting for approval, fetched by the raw phone.
async fn raw_approval(raw: &RawPhone, payment_id: &str) -> PaymentApproval {
    raw.client
        .post_empty(
            &format!("/v1/payments/{payment_id}/approval"),
            raw.token.as_deref(),
        )
        .await
        .unwrap()
}

/// The approval a phone would sign for `payment`, showing `amount` instead of its own.
fn payment_approval(payment: &Payment, amount_cents: i64) -> Approval {
    let iban = Iban::parse(payment.payee_iban.as_str()).unwrap();
    let details = PaymentDetails {
        amount: Money::from_cents(amount_cents),
        payee_name: payment.payee_name.clone(),
        payee_iban: iban.clone(),
        reference: payment
            .reference
            .as_deref()
            .map(|r| Reference::parse(r).unwrap()),
        message: payment.message.clone(),
        due_date: None,
        new_payee: false,
    };
    Approval::Payment {
        amount_cents: u64::try_from(amount_cents).unwrap(),
        currency: "EUR".into(),
        payee_iban: iban.electronic().into(),
        payee_name: payment.payee_name.clone(),
        reference: payment.reference.clone().unwrap_or_default(),
        shown_text: confirmation::payment(Language::Fi, &details),
    }
}

async fn confirm_raw(
    raw: &RawPhone,
    payment_id: &str,
    body: &PaymentConfirm,
) -> Result<Payment, CallError> {
    raw.client
        .post(
            &format!("/v1/payments/{payment_id}/confirm"),
            raw.token.as_deref(),
            body,
        )
        .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_amount_changed_after_signing_is_refused_by_the_bank() {
    let h = Harness::start().await.unwrap();
    let anna = Harness::customer(ANNA).unwrap();
    let id = h.active_profile(anna, PIN).await.unwrap();
    let (balance, _) = balances(&h).await;
    let pending = h
        .avain
        .payments()
        .start_payment(helen(&h, "10,00").await)
        .await
        .unwrap();
    assert!(!pending.sms_code_required);

    // Malware holding the keys and the PIN signs the payment for another amount, or
    // changes the text after the customer signed it: the bank rebuilds the bytes from its
    // own record of the payment (they do not verify), and accepts only the text it renders
    // itself from that record.
    let mut raw = h.raw_phone(&id, PIN).unwrap();
    raw.log_in().await.unwrap();
    let approval = raw_approval(&raw, &pending.payment_id).await;
    assert_eq!(approval.payment.amount.cents, 1_000);
    let other_amount = payment_approval(&approval.payment, 100_000);
    let mut assertion = raw.sign(&approval.challenge, &other_amount).unwrap();
    // The text still shows the bank's amount, so only the signed amount differs.
    assertion.shown_text = payment_approval(&approval.payment, 1_000)
        .shown_text()
        .map(str::to_owned);
    let refused = confirm_raw(
        &raw,
        &pending.payment_id,
        &PaymentConfirm {
            assertion,
            sms_code: None,
            shown_language: Language::Fi,
        },
    )
    .await
    .unwrap_err();
    assert_eq!(
        code_of(&refused),
        Some(ErrorCode::SignatureInvalid),
        "{refused:?}"
    );
    // K_dev's signature is over other bytes than the bank's, so possession of this
    // payment's approval is not proven: refused, and not counted as a wrong PIN.
    assert_eq!(refused.body.as_ref().and_then(|b| b.attempts_left), None);

    // Signed honestly, then the shown text swapped for another one (a line added).
    let approval = raw_approval(&raw, &pending.payment_id).await;
    let honest = payment_approval(&approval.payment, 1_000);
    let mut assertion = raw.sign(&approval.challenge, &honest).unwrap();
    assertion.shown_text = Some(format!("{}\n", honest.shown_text().unwrap()));
    let refused = confirm_raw(
        &raw,
        &pending.payment_id,
        &PaymentConfirm {
            assertion,
            sms_code: None,
            shown_language: Language::Fi,
        },
    )
    .await
    .unwrap_err();
    assert_eq!(
        code_of(&refused),
        Some(ErrorCode::ShownTextMismatch),
        "{refused:?}"
    );

    let still: Payment = raw
        .client
        .get(
            &format!("/v1/payments/{}", pending.payment_id),
            raw.token.as_deref(),
        )
        .await
        .unwrap();
    assert_eq!(still.status, PaymentStatus::AwaitingApproval);
    assert_eq!(balances(&h).await.0, balance);

    // The customer's own approval, through the core, pays exactly 10,00 €.
    let renewed = h
        .avain
        .payments()
        .prepare_payment_approval(pending.payment_id.clone())
        .await
        .unwrap();
    assert_eq!(renewed.confirmation_text, pending.confirmation_text);
    let done = h
        .avain
        .payments()
        .confirm_payment(pending.payment_id.clone(), pin(), None)
        .await
        .unwrap();
    assert_eq!(done.payment.status, avain_core::api::PaymentStatus::Booked);
    assert_eq!(balances(&h).await.0, balance - 1_000);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_replayed_assertion_is_refused_by_the_bank() {
    let h = Harness::start().await.unwrap();
    let anna = Harness::customer(ANNA).unwrap();
    let id = h.active_profile(anna, PIN).await.unwrap();
    let (balance, _) = balances(&h).await;
    let mut raw = h.raw_phone(&id, PIN).unwrap();

    // A login answer works once.
    let challenge = raw.login_challenge().await.unwrap();
    let login = raw.login_request(&challenge).unwrap();
    let session: avain_core::api::Session =
        raw.client.post("/v1/sessions", None, &login).await.unwrap();
    raw.token = Some(session.token.expose().to_owned());
    let replay = raw
        .client
        .post::<avain_core::api::Session>("/v1/sessions", None, &login)
        .await
        .unwrap_err();
    assert_eq!(
        code_of(&replay),
        Some(ErrorCode::ChallengeUsed),
        "{replay:?}"
    );

    // A payment's answer is single use, and only for its own payment.
    let helen = helen(&h, "12,50").await;
    let new_payment = |amount_cents| NewPayment {
        from_account_id: CURRENT.into(),
        payee_name: helen.payee_name.clone(),
        payee_iban: Personal::from(helen.payee_iban.as_str()),
        amount_cents,
        reference: Some(helen.reference.clone()),
        message: None,
        due_date: None,
        invoice_id: None,
    };
    let first: PaymentApproval = raw
        .client
        .post("/v1/payments", raw.token.as_deref(), &new_payment(1_250))
        .await
        .unwrap();
    let second: PaymentApproval = raw
        .client
        .post("/v1/payments", raw.token.as_deref(), &new_payment(1_250))
        .await
        .unwrap();
    let body = PaymentConfirm {
        assertion: raw
            .sign(&first.challenge, &payment_approval(&first.payment, 1_250))
            .unwrap(),
        sms_code: None,
        shown_language: Language::Fi,
    };
    let elsewhere = confirm_raw(&raw, &second.payment.payment_id, &body)
        .await
        .unwrap_err();
    assert_eq!(
        code_of(&elsewhere),
        Some(ErrorCode::ChallengeMismatch),
        "{elsewhere:?}"
    );
    // Taken by that attempt: the same answer no longer works for its own payment either.
    let used = confirm_raw(&raw, &first.payment.payment_id, &body)
        .await
        .unwrap_err();
    assert_eq!(code_of(&used), Some(ErrorCode::ChallengeUsed), "{used:?}");

    let fresh = raw_approval(&raw, &first.payment.payment_id).await;
    let body = PaymentConfirm {
        assertion: raw
            .sign(&fresh.challenge, &payment_approval(&fresh.payment, 1_250))
            .unwrap(),
        sms_code: None,
        shown_language: Language::Fi,
    };
    let paid = confirm_raw(&raw, &first.payment.payment_id, &body)
        .await
        .unwrap();
    assert_eq!(paid.status, PaymentStatus::Booked);
    let again = confirm_raw(&raw, &first.payment.payment_id, &body)
        .await
        .unwrap_err();
    assert_eq!(code_of(&again), Some(ErrorCode::Conflict), "{again:?}");
    // Paid once.
    assert_eq!(balances(&h).await.0, balance - 1_250);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_expired_challenge_is_refused_and_the_next_attempt_gets_a_new_one() {
    let h = Harness::start().await.unwrap();
    let anna = Harness::customer(ANNA).unwrap();
    let id = h.active_profile(anna, PIN).await.unwrap();
    let (balance, _) = balances(&h).await;
    let pending: PendingPayment = h
        .avain
        .payments()
        .start_payment(helen(&h, "7,25").await)
        .await
        .unwrap();
    // The bank's clock decides: two minutes and a bit later the challenge is gone.
    h.advance_bank_clock(125).await.unwrap();
    let expired = h
        .avain
        .payments()
        .confirm_payment(pending.payment_id.clone(), pin(), None)
        .await
        .unwrap_err();
    assert_eq!(
        expired.code(),
        AvainErrorCode::ChallengeExpired,
        "{expired:?}"
    );
    assert!(matches!(expired, AvainError::Refused { .. }));
    assert_eq!(
        h.avain
            .payments()
            .pending_payments(&id)
            .await
            .unwrap()
            .len(),
        1
    );
    assert_eq!(balances(&h).await.0, balance);

    // Trying again: the core sees the stored challenge was used and asks for a new one
    // before signing (two requests).
    let before = h.avain.round_trips();
    let done = h
        .avain
        .payments()
        .confirm_payment(pending.payment_id.clone(), pin(), None)
        .await
        .unwrap();
    assert_eq!(h.avain.round_trips() - before, 2);
    assert_eq!(done.payment.status, avain_core::api::PaymentStatus::Booked);
    assert_eq!(balances(&h).await.0, balance - 725);
    assert!(
        h.avain
            .payments()
            .pending_payments(&id)
            .await
            .unwrap()
            .is_empty()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn receipts_list_every_approval_and_a_not_me_report_reaches_the_bank() {
    let h = Harness::start().await.unwrap();
    let anna = Harness::customer(ANNA).unwrap();
    let id = h.active_profile(anna, PIN).await.unwrap();
    let pending = h
        .avain
        .payments()
        .start_payment(helen(&h, "1,00").await)
        .await
        .unwrap();
    h.avain
        .payments()
        .confirm_payment(pending.payment_id.clone(), pin(), None)
        .await
        .unwrap();

    let receipts = h.avain.receipts().list(&id, 10).await.unwrap();
    let purposes: Vec<Purpose> = receipts.iter().map(|r| r.purpose).collect();
    assert_eq!(purposes, [Purpose::Payment, Purpose::Login], "newest first");
    let login = &receipts[1];
    assert_eq!(
        login.shown_text,
        confirmation::login(Language::Fi, confirmation::LoginChannel::App)
    );
    assert_eq!(login.purpose_label, "Kirjautuminen");
    assert_eq!(receipts[0].shown_text, pending.confirmation_text);
    assert!(receipts.iter().all(|r| r.reported_not_me_at.is_none()));

    // "This was not me" about the login: the bank records it and texts the customer.
    let report = h
        .avain
        .receipts()
        .report_not_me(
            login.receipt_id.clone(),
            Some("En kirjautunut silloin".into()),
        )
        .await
        .unwrap();
    assert!(report.report_id.starts_with("rpt_"), "{}", report.report_id);
    assert!(report.message.contains("020 333"), "{}", report.message);
    assert!(report.message.contains("+358 20 333"), "{}", report.message);
    let marked = h.avain.receipts().list(&id, 10).await.unwrap();
    assert!(marked[1].reported_not_me_at.is_some());
    assert!(marked[0].reported_not_me_at.is_none());
    let outbox = h.outbox(ANNA).await.unwrap();
    assert_eq!(
        outbox
            .messages
            .iter()
            .filter(|m| m.kind == "approval_reported")
            .count(),
        1
    );
    // The bank keeps the first report: reporting again answers with the same one.
    let again = h
        .avain
        .receipts()
        .report_not_me(login.receipt_id.clone(), None)
        .await
        .unwrap();
    assert_eq!(again.report_id, report.report_id);
    assert_eq!(again.received_at, report.received_at);

    let unknown = h
        .avain
        .receipts()
        .report_not_me("no-such-receipt".into(), None)
        .await
        .unwrap_err();
    assert_eq!(unknown.code(), AvainErrorCode::ReceiptUnknown);
    // Receipts stay on the device, readable without a session.
    h.avain.logout().await.unwrap();
    assert_eq!(h.avain.receipts().list(&id, 1).await.unwrap().len(), 1);
}

/// The wire carries ISO 8601, as openapi.yaml says: a client that never saw this crate
/// posts `"due_date": "2026-12-20"` as JSON text and reads dates back in the same form,
/// instants as RFC 3339 in UTC.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dates_travel_as_iso_8601_on_the_wire() {
    let h = Harness::start().await.unwrap();
    let anna = Harness::customer(ANNA).unwrap();
    let id = h.active_profile(anna, PIN).await.unwrap();
    let helen = helen(&h, "12,50").await;
    h.set_clocks(time::macros::datetime!(2026-12-10 10:00 UTC))
        .await
        .unwrap();
    let mut raw = h.raw_phone(&id, PIN).unwrap();
    raw.log_in().await.unwrap();
    let body = serde_json::json!({
        "from_account_id": CURRENT,
        "payee_name": helen.payee_name,
        "payee_iban": helen.payee_iban,
        "amount_cents": 1_250,
        "reference": helen.reference,
        "due_date": "2026-12-20",
    });
    let (status, bytes) = raw
        .client
        .raw(
            reqwest::Method::POST,
            "/v1/payments",
            raw.token.as_deref(),
            Some("application/json"),
            serde_json::to_vec(&body).unwrap(),
        )
        .await
        .unwrap();
    let answer: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
    assert!(status.is_success(), "{status}: {answer}");
    assert_eq!(answer["payment"]["due_date"], "2026-12-20", "{answer}");
    let created = answer["payment"]["created_at"].as_str().unwrap();
    assert_eq!(created, "2026-12-10T10:00:00Z");
    let expires = answer["challenge"]["expires_at"].as_str().unwrap();
    assert!(
        expires.starts_with("2026-12-10T10:") && expires.ends_with('Z'),
        "{expires}"
    );

    let listed: serde_json::Value = raw
        .client
        .get(
            "/v1/payments?status=awaiting_approval",
            raw.token.as_deref(),
        )
        .await
        .unwrap();
    let payment_id = answer["payment"]["payment_id"].as_str().unwrap();
    let mine = listed["payments"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["payment_id"] == payment_id)
        .unwrap();
    assert_eq!(mine["due_date"], "2026-12-20");
    let payees: serde_json::Value = raw
        .client
        .get("/v1/payees", raw.token.as_deref())
        .await
        .unwrap();
    for payee in payees["payees"].as_array().unwrap() {
        let day = payee["last_paid_on"].as_str().unwrap();
        assert!(
            time::Date::parse(
                day,
                time::macros::format_description!("[year]-[month]-[day]")
            )
            .is_ok(),
            "{day}"
        );
    }
    h.restore_clocks().await.unwrap();
}

/// A customer reads the payment longer than the bank keeps an idle connection open (here
/// 2 s instead of 10): the bank has closed the connection the challenge came on, and the
/// approval, which must not be sent twice, goes on a new one in one request. (Under
/// `strace -e connect` the test binary opens three connections to the bank, two without
/// the wait.)
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_payment_approved_after_the_bank_closed_the_idle_connection_is_booked() {
    let header_timeout = std::time::Duration::from_secs(2);
    let bank = avain_sandbox::Sandbox::start(avain_sandbox::SandboxOptions {
        control: true,
        connections: avain_sandbox::ConnectionLimits {
            header_timeout,
            ..avain_sandbox::ConnectionLimits::default()
        },
        ..avain_sandbox::SandboxOptions::default()
    })
    .await
    .unwrap();
    let h = Harness::with_bank(
        bank,
        None,
        vec!["fi-FI".into()],
        avain_e2e::TEST_PIN_KDF_ITERATIONS,
    )
    .unwrap();
    let anna = Harness::customer(ANNA).unwrap();
    h.active_profile(anna, PIN).await.unwrap();
    let (balance, _) = balances(&h).await;
    let pending = h
        .avain
        .payments()
        .start_payment(helen(&h, "3,10").await)
        .await
        .unwrap();
    tokio::time::sleep(header_timeout + std::time::Duration::from_secs(1)).await;
    let before = h.avain.round_trips();
    let done = h
        .avain
        .payments()
        .confirm_payment(pending.payment_id, pin(), None)
        .await
        .unwrap();
    assert_eq!(h.avain.round_trips() - before, 1);
    assert_eq!(done.payment.status, PaymentStatus::Booked);
    assert_eq!(balances(&h).await.0, balance - 310);
}
