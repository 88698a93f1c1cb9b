//! Approving a payment the customer did not read: a shown text that merely contains the
//! payee, the IBAN and the amount, and an SMS code that says nothing about what it
//! approves.
//!
//! PSD2 dynamic linking (RTS art. 5) binds what the customer approves to the amount and
//! the payee, on the confirmation screen and in the SMS code for a new payee alike. The
//! bank renders the confirmation text itself from its own record of the payment, with the
//! core's `avain_core::confirmation` (the function the phone renders it with) in the
//! language the phone says it showed, and accepts only that exact text (SHA-256 digests
//! compared in constant time); any other text is refused with `shown_text_mismatch` (422),
//! nothing is paid and no wrong PIN is counted. The new-payee SMS names the amount and the
//! payee in the customer's language, keeps the IBAN out and warns never to give the code
//! to anyone.

use avain_core::Language;
use avain_core::api::sandbox::Outbox;
use avain_core::api::{
    AccountList, ErrorCode, NewPayment, Payment, PaymentApproval, PaymentConfirm, PaymentStatus,
    Personal, Secret,
};
use avain_core::client::{ApprovalFactor, PaymentDraft};
use avain_core::confirmation::{self, PaymentDetails};
use avain_core::payments::{Iban, Money};
use avain_e2e::Harness;
use avain_sandbox::Sandbox;
use avain_sandbox::client::{BankClient, CallError, SoftwareDevice, payment_approval};
use avain_sandbox::seed::{self, ANNA, SANNA};

const PIN: &str = "4719";
const PAYEE: &str = "Kukka-Kauppa Oy";
/// An account neither Anna nor Sanna has ever paid to.
const NEW_IBAN: &str = "FI21 1234 5600 0007 85";

/// A fresh bank and a logged-in software phone of `user_id`: the device and the token.
async fn logged_in(user_id: &str) -> (Sandbox, BankClient, SoftwareDevice, String) {
    let bank = Sandbox::start_fresh().await.expect("sandbox starts");
    let client = BankClient::for_sandbox(&bank).expect("client");
    let mut device = SoftwareDevice::new();
    let customer = seed::customer(user_id).expect("seeded customer");
    client
        .register_active(customer, &mut device, PIN)
        .await
        .expect("registration and unlock");
    let session = client.login(&device, Some(PIN)).await.expect("login");
    let token = session.token.expose().to_owned();
    (bank, client, device, token)
}

/// 50,00 € to a payee never paid before, from `account`: the bank sends an SMS code.
async fn new_payee_payment(client: &BankClient, token: &str, account: &str) -> PaymentApproval {
    let approval: PaymentApproval = client
        .post(
            "/v1/payments",
            Some(token),
            &NewPayment {
                from_account_id: account.to_owned(),
                payee_name: PAYEE.to_owned(),
                payee_iban: Personal::from(NEW_IBAN),
                amount_cents: 5_000,
                reference: Some("1232".to_owned()),
                message: None,
                due_date: None,
                invoice_id: None,
            },
        )
        .await
        .expect("payment created");
    assert!(approval.payment.new_payee && approval.sms_code_sent);
    approval
}

/// The text of the newest SMS of `kind` to `user_id`.
async fn latest_sms(client: &BankClient, user_id: &str, kind: &str) -> String {
    let outbox: Outbox = client
        .get(&format!("/v1/sandbox/outbox?user_id={user_id}"), None)
        .await
        .expect("outbox");
    outbox
        .messages
        .iter()
        .rev()
        .find(|m| m.kind == kind)
        .and_then(|m| m.text.as_ref())
        .expect("the SMS was sent")
        .expose()
        .to_owned()
}

/// The core's confirmation text of `payment` in `lang`.
fn rendered(payment: &Payment, lang: Language) -> String {
    let details = PaymentDetails::of(payment).expect("the bank's record renders");
    confirmation::payment(lang, &details)
}

/// Signs `shown_text` (said to be shown in `shown_language`) with the device's real keys
/// and the right PIN over a fresh challenge, and sends it with the right SMS code.
async fn confirm_with_text(
    client: &BankClient,
    token: &str,
    device: &SoftwareDevice,
    payment: &Payment,
    shown_text: String,
    shown_language: Language,
    sms_code: &str,
) -> Result<Payment, CallError> {
    let id = &payment.payment_id;
    let approval: PaymentApproval = client
        .post_empty(&format!("/v1/payments/{id}/approval"), Some(token))
        .await
        .expect("a new challenge");
    let fields = payment_approval(&approval.payment, shown_text);
    let assertion = device.answer(&approval.challenge, &fields, Some(PIN));
    client
        .post(
            &format!("/v1/payments/{id}/confirm"),
            Some(token),
            &PaymentConfirm {
                assertion,
                sms_code: Some(Secret::new(sms_code)),
                shown_language,
            },
        )
        .await
}

async fn balance(client: &BankClient, token: &str, account: &str) -> i64 {
    let accounts: AccountList = client
        .get("/v1/accounts", Some(token))
        .await
        .expect("accounts");
    accounts
        .accounts
        .iter()
        .find(|a| a.account_id == account)
        .expect("the account is listed")
        .balance
        .cents
}

fn failures(bank: &Sandbox, profile_id: &str) -> u32 {
    let conn = avain_sandbox::db::connect(&bank.database_path()).expect("database opens");
    conn.query_row(
        "SELECT failures FROM profiles WHERE id = ?1",
        [profile_id],
        |r| r.get(0),
    )
    .expect("the profile exists")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_shown_text_with_payee_iban_and_amount_but_other_words_is_refused() {
    let (bank, client, device, token) = logged_in(ANNA).await;
    let account = "acc_anna_current";
    let before = balance(&client, &token, account).await;
    let approval = new_payee_payment(&client, &token, account).await;
    let payment = approval.payment;
    let code = client
        .latest_sms_code(ANNA, "payment_sms_code")
        .await
        .expect("the SMS code");
    let exact = rendered(&payment, Language::Fi);
    let iban = Iban::parse(NEW_IBAN).expect("valid IBAN").print_form();
    let amount = Money::from_cents(5_000).format(Language::Fi);

    // Each still shows the payee's name, the IBAN and the amount, signed with the real
    // keys, the right PIN and the right SMS code.
    let forgeries = [
        (
            format!("{exact}\nSumma kirjaimin: viisisataa euroa"),
            Language::Fi,
        ),
        (
            exact.replace(
                &format!("Saaja: {PAYEE}"),
                &format!("Saaja: {PAYEE}:n perintä, maksu Huijari Oy:lle"),
            ),
            Language::Fi,
        ),
        (format!("Maksa {PAYEE} {iban} {amount}"), Language::Fi),
        (rendered(&payment, Language::Sv), Language::Fi),
        (exact.clone(), Language::Sv),
    ];
    for (text, lang) in forgeries {
        assert!(text.contains(PAYEE) && text.contains(&iban) && text.contains(&amount));
        let refused = confirm_with_text(&client, &token, &device, &payment, text, lang, &code)
            .await
            .expect_err("only the bank's own rendering is accepted");
        assert_eq!(refused.status, 422, "{refused}");
        assert_eq!(refused.code(), Some(ErrorCode::ShownTextMismatch));
    }

    let still: Payment = client
        .get(
            &format!("/v1/payments/{}", payment.payment_id),
            Some(&token),
        )
        .await
        .expect("payment");
    assert_eq!(still.status, PaymentStatus::AwaitingApproval);
    assert_eq!(balance(&client, &token, account).await, before);
    assert_eq!(
        failures(&bank, &device.profile_id),
        0,
        "no wrong PIN counted"
    );

    // The exact text, as the phone renders it, goes through with the same SMS code.
    let paid = confirm_with_text(
        &client,
        &token,
        &device,
        &payment,
        exact,
        Language::Fi,
        &code,
    )
    .await
    .expect("the exact rendered text is accepted");
    assert_eq!(paid.status, PaymentStatus::Booked);
    assert_eq!(balance(&client, &token, account).await, before - 5_000);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_exact_rendered_text_is_accepted_in_the_language_the_phone_showed() {
    // A phone set to Swedish, through the core's own payment flow: it renders the text in
    // Swedish, tells the bank so, and the bank's rendering matches.
    let h = Harness::start_with(None, vec!["sv-FI".to_owned(), "fi-FI".to_owned()])
        .await
        .expect("harness");
    let anna = Harness::customer(ANNA).expect("seeded customer");
    h.active_profile(anna, PIN).await.expect("active profile");
    let pending = h
        .avain
        .payments()
        .start_payment(PaymentDraft {
            from_account_id: "acc_anna_current".to_owned(),
            payee_name: PAYEE.to_owned(),
            payee_iban: NEW_IBAN.to_owned(),
            amount: "50,00".to_owned(),
            reference: "1232".to_owned(),
            ..PaymentDraft::default()
        })
        .await
        .expect("payment started");
    assert!(pending.sms_code_required);
    assert!(
        pending
            .confirmation_text
            .starts_with("Bekräfta betalningen"),
        "{}",
        pending.confirmation_text
    );
    let code = h
        .sms_code(ANNA, "payment_sms_code")
        .await
        .expect("the SMS code");
    let done = h
        .avain
        .payments()
        .confirm_payment(
            pending.payment_id,
            ApprovalFactor::Pin {
                pin: PIN.to_owned(),
            },
            Some(code),
        )
        .await
        .expect("the bank accepts the text the phone showed");
    assert_eq!(done.payment.status, avain_core::api::PaymentStatus::Booked);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_new_payee_sms_names_the_amount_and_the_payee_in_the_customers_language() {
    let iban = Iban::parse(NEW_IBAN).expect("valid IBAN");
    for (user_id, account, lang, warning) in [
        (ANNA, "acc_anna_current", Language::Fi, "Älä kerro"),
        (
            SANNA,
            "acc_sanna_current",
            Language::Sv,
            "Ge det inte till någon",
        ),
    ] {
        let (_bank, client, _device, token) = logged_in(user_id).await;
        new_payee_payment(&client, &token, account).await;
        let sms = latest_sms(&client, user_id, "payment_sms_code").await;
        let code = client
            .latest_sms_code(user_id, "payment_sms_code")
            .await
            .expect("the code is the first six digits of the SMS");
        assert!(sms.contains(&code), "{sms}");
        assert!(
            sms.contains(&Money::from_cents(5_000).format(lang)),
            "the amount as the customer reads it: {sms}"
        );
        assert!(sms.contains(PAYEE), "the payee: {sms}");
        assert!(sms.contains(warning), "the warning: {sms}");
        for hidden in [iban.electronic(), iban.print_form().as_str(), "00000785"] {
            assert!(!sms.contains(hidden), "no IBAN in the SMS: {sms}");
        }
    }
}
