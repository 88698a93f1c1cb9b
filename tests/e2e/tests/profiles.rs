//! A personal and a company profile on one phone ("+" on the login page adds a profile,
//! the picker chooses one): Anna Virtanen's own codes and Malliharjun Puutyö Oy's, in ONE
//! data directory, each with its own PIN, keys and state. The company's accounts,
//! e-invoice and payments work from the company profile only; removing one profile (in
//! the online bank or from the app, and locally) leaves the other working; reopening the
//! data directory shows both.

#![allow(clippy::unwrap_used)] // test helpers outside #[test] functions

use avain_core::api::{CustomerKind, PaymentKind, PaymentStatus};
use avain_core::client::{
    ApprovalFactor, Avain, AvainError, PaymentDraft, ProfileInfo, TransferDraft,
};
use avain_core::error::AvainErrorCode;
use avain_core::lifecycle::ProfileState;
use avain_e2e::{ANNA, Harness, PUUTYO, bank_config, reopen_phone};

const ANNA_PIN: &str = "4719";
const COMPANY_PIN: &str = "8253";

fn pin(pin: &str) -> ApprovalFactor {
    ApprovalFactor::Pin { pin: pin.into() }
}

/// Both profiles registered on the harness's phone ("+" on the login page), unlocked in
/// each customer's online bank and logged in to once (the phone learns a profile is
/// active at its first login): (Anna's local id, the company's).
async fn both_profiles(h: &Harness) -> (String, String) {
    let anna = Harness::customer(ANNA).unwrap();
    let anna_id = h
        .register_on(&h.avain, anna, ANNA_PIN, "Oma")
        .await
        .unwrap();
    h.unlock_in_online_bank(anna).await.unwrap();
    // The picker lists profiles oldest first: the company's comes a minute later.
    h.clock.advance(time::Duration::minutes(1));
    let company_id = add_company(h).await;
    h.avain
        .login_with_pin(anna_id.clone(), ANNA_PIN.into())
        .await
        .unwrap();
    h.avain.logout().await.unwrap();
    (anna_id, company_id)
}

/// The company's profile added to the phone, unlocked and logged in to once.
async fn add_company(h: &Harness) -> String {
    let company = Harness::customer(PUUTYO).unwrap();
    let id = h
        .register_on(&h.avain, company, COMPANY_PIN, "Yritys")
        .await
        .unwrap();
    h.unlock_in_online_bank(company).await.unwrap();
    h.avain
        .login_with_pin(id.clone(), COMPANY_PIN.into())
        .await
        .unwrap();
    h.avain.logout().await.unwrap();
    id
}

fn picker(profiles: &[ProfileInfo]) -> Vec<(&str, CustomerKind, ProfileState)> {
    profiles
        .iter()
        .map(|p| (p.name.as_str(), p.customer_kind, p.state))
        .collect()
}

async fn account_ids(phone: &Avain) -> Vec<String> {
    let accounts = phone.payments().accounts().await.unwrap();
    accounts.into_iter().map(|a| a.account_id).collect()
}

/// Names in the keystore that belong to `profile_id`.
fn keys_of(h: &Harness, profile_id: &str) -> usize {
    h.secrets
        .names()
        .iter()
        .filter(|n| n.contains(profile_id))
        .count()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_personal_and_a_company_profile_share_one_phone_each_with_its_own_pin_keys_and_accounts()
{
    let mut h = Harness::start().await.unwrap();
    let (anna_id, company_id) = both_profiles(&h).await;
    assert_ne!(anna_id, company_id);
    let profiles = h.avain.profiles().await.unwrap();
    assert_eq!(
        picker(&profiles),
        [
            ("Oma", CustomerKind::Personal, ProfileState::Active),
            ("Yritys", CustomerKind::Business, ProfileState::Active)
        ]
    );
    // Each has its own keys in the keystore, none shared.
    assert!(keys_of(&h, &anna_id) >= 2 && keys_of(&h, &company_id) >= 2);

    // Own PINs: the company's PIN is wrong for Anna's profile, and the failure counts for
    // her profile only.
    let wrong = h
        .avain
        .login_with_pin(anna_id.clone(), COMPANY_PIN.into())
        .await
        .unwrap_err();
    assert!(
        matches!(
            wrong,
            AvainError::WrongPin {
                attempts_left: Some(4),
                ..
            }
        ),
        "{wrong:?}"
    );
    let company_wrong = h
        .avain
        .login_with_pin(company_id.clone(), ANNA_PIN.into())
        .await
        .unwrap_err();
    assert!(
        matches!(
            company_wrong,
            AvainError::WrongPin {
                attempts_left: Some(4),
                ..
            }
        ),
        "{company_wrong:?}"
    );

    // Anna: her accounts only; the company's account is not hers, not even as "own".
    let login = h
        .avain
        .login_with_pin(anna_id.clone(), ANNA_PIN.into())
        .await
        .unwrap();
    assert_eq!(login.customer_name, "Anna Virtanen");
    assert_eq!(login.profile.customer_kind, CustomerKind::Personal);
    let anna_accounts = account_ids(&h.avain).await;
    assert_eq!(
        anna_accounts,
        ["acc_anna_current", "acc_anna_savings", "acc_joint"]
    );
    let not_hers = h
        .avain
        .payments()
        .start_transfer(TransferDraft {
            from_account_id: "acc_anna_current".into(),
            to_account_id: "acc_puutyo_business".into(),
            amount: "10".into(),
            ..TransferDraft::default()
        })
        .await
        .unwrap_err();
    assert_eq!(not_hers.code(), AvainErrorCode::NotFound, "{not_hers:?}");
    let invoices = h.avain.payments().e_invoices().await.unwrap();
    assert!(invoices.iter().all(|i| i.biller_name != "Sahatavara Oy"));

    // The company: log in to the other profile on the same phone.
    let login = h
        .avain
        .login_with_pin(company_id.clone(), COMPANY_PIN.into())
        .await
        .unwrap();
    assert_eq!(h.avain.logged_in_profile(), Some(company_id.clone()));
    assert_eq!(login.customer_name, "Malliharjun Puutyö Oy");
    assert_eq!(login.profile.customer_kind, CustomerKind::Business);
    let company_accounts = account_ids(&h.avain).await;
    assert_eq!(company_accounts, ["acc_puutyo_business", "acc_puutyo_tax"]);
    assert!(company_accounts.iter().all(|a| !anna_accounts.contains(a)));

    // The supplier's e-invoice, paid from the business account.
    let invoices = h.avain.payments().e_invoices().await.unwrap();
    let supplier = invoices
        .iter()
        .find(|i| i.biller_name == "Sahatavara Oy")
        .unwrap();
    let pending = h
        .avain
        .payments()
        .start_payment(PaymentDraft {
            from_account_id: "acc_puutyo_business".into(),
            payee_name: supplier.biller_name.clone(),
            payee_iban: supplier.iban.clone(),
            amount: "1845,50".into(),
            reference: supplier.reference.clone(),
            due_date: supplier.due_date_text.clone(),
            invoice_id: Some(supplier.invoice_id.clone()),
            ..PaymentDraft::default()
        })
        .await
        .unwrap();
    assert!(!pending.sms_code_required, "a supplier paid before");
    assert!(pending.confirmation_text.contains("Sahatavara Oy"));
    // Anna's PIN does not approve the company's payment.
    let refused = h
        .avain
        .payments()
        .confirm_payment(pending.payment_id.clone(), pin(ANNA_PIN), None)
        .await
        .unwrap_err();
    assert!(
        matches!(refused, AvainError::WrongPin { .. }),
        "{refused:?}"
    );
    let paid = h
        .avain
        .payments()
        .confirm_payment(pending.payment_id.clone(), pin(COMPANY_PIN), None)
        .await
        .unwrap();
    assert_eq!(paid.payment.status, PaymentStatus::Scheduled);
    assert_eq!(paid.payment.from_account_id, "acc_puutyo_business");
    let invoices = h.avain.payments().e_invoices().await.unwrap();
    assert!(invoices.iter().all(|i| i.biller_name != "Sahatavara Oy"));

    // The tax payment waiting from the online bank, approved in the company profile.
    let waiting = h
        .avain
        .payments()
        .payments_awaiting_approval()
        .await
        .unwrap();
    let tax = waiting
        .iter()
        .find(|p| p.payee_name == "Verohallinto")
        .unwrap();
    h.avain
        .payments()
        .prepare_payment_approval(tax.payment_id.clone())
        .await
        .unwrap();
    let done = h
        .avain
        .payments()
        .confirm_payment(tax.payment_id.clone(), pin(COMPANY_PIN), None)
        .await
        .unwrap();
    assert_eq!(done.payment.from_account_id, "acc_puutyo_business");

    // A transfer between the company's own accounts.
    let transfer = h
        .avain
        .payments()
        .start_transfer(TransferDraft {
            from_account_id: "acc_puutyo_business".into(),
            to_account_id: "acc_puutyo_tax".into(),
            amount: "2500".into(),
            message: "ALV-varaus".into(),
            ..TransferDraft::default()
        })
        .await
        .unwrap();
    assert_eq!(transfer.payment.kind, PaymentKind::OwnTransfer);
    assert!(!transfer.sms_code_required);
    let done = h
        .avain
        .payments()
        .confirm_payment(transfer.payment_id.clone(), pin(COMPANY_PIN), None)
        .await
        .unwrap();
    assert_eq!(done.payment.status, PaymentStatus::Booked);
    assert_eq!(done.message, "Siirto on tehty.");

    // Receipts are per profile: the company's approvals are not in Anna's list.
    let company_receipts = h.avain.receipts().list(&company_id, 50).await.unwrap();
    let anna_receipts = h.avain.receipts().list(&anna_id, 50).await.unwrap();
    assert!(company_receipts.len() >= 4, "{}", company_receipts.len());
    assert!(
        anna_receipts
            .iter()
            .all(|r| !r.shown_text.contains("Sahatavara")),
    );

    // The app restarts: the same data directory shows both profiles, both log in.
    h.avain.logout().await.unwrap();
    let reopened = reopen_phone(
        h.data_dir(),
        h.secrets.clone(),
        h.clock.clone(),
        bank_config(&h.bank).unwrap(),
    )
    .unwrap();
    h.avain = reopened;
    assert_eq!(
        picker(&h.avain.profiles().await.unwrap()),
        picker(&profiles)
    );
    h.avain
        .login_with_pin(anna_id.clone(), ANNA_PIN.into())
        .await
        .unwrap();
    assert_eq!(account_ids(&h.avain).await, anna_accounts);
    h.avain
        .login_with_pin(company_id.clone(), COMPANY_PIN.into())
        .await
        .unwrap();
    assert_eq!(account_ids(&h.avain).await, company_accounts);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn removing_one_profile_leaves_the_other_working() {
    let h = Harness::start().await.unwrap();
    let (anna_id, company_id) = both_profiles(&h).await;

    // The company's profile is removed in the company's online bank.
    let company = Harness::customer(PUUTYO).unwrap();
    let token = h.browser.online_bank_login(company).await.unwrap();
    let list: avain_core::api::OnlineBankDeviceList = h
        .browser
        .get("/v1/online-bank/devices", Some(&token))
        .await
        .unwrap();
    assert_eq!(list.devices.len(), 1, "the company's profile only");
    h.browser
        .delete(
            &format!("/v1/online-bank/devices/{}", list.devices[0].profile_id),
            Some(&token),
        )
        .await
        .unwrap();
    let removed = h
        .avain
        .login_with_pin(company_id.clone(), COMPANY_PIN.into())
        .await
        .unwrap_err();
    assert!(
        matches!(removed, AvainError::ProfileRemoved { .. }),
        "{removed:?}"
    );
    let profiles = h.avain.profiles().await.unwrap();
    assert_eq!(
        picker(&profiles),
        [
            ("Oma", CustomerKind::Personal, ProfileState::Active),
            ("Yritys", CustomerKind::Business, ProfileState::Revoked)
        ]
    );
    // Deleted here too: its keys are gone, Anna's stay.
    h.avain.delete_profile_locally(&company_id).await.unwrap();
    assert_eq!(keys_of(&h, &company_id), 0);
    assert!(keys_of(&h, &anna_id) >= 2);
    assert_eq!(
        picker(&h.avain.profiles().await.unwrap()),
        [("Oma", CustomerKind::Personal, ProfileState::Active)]
    );

    // Anna still logs in and moves money between her own accounts.
    h.avain
        .login_with_pin(anna_id.clone(), ANNA_PIN.into())
        .await
        .unwrap();
    let transfer = h
        .avain
        .payments()
        .start_transfer(TransferDraft {
            from_account_id: "acc_anna_current".into(),
            to_account_id: "acc_anna_savings".into(),
            amount: "100".into(),
            ..TransferDraft::default()
        })
        .await
        .unwrap();
    h.avain
        .payments()
        .confirm_payment(transfer.payment_id, pin(ANNA_PIN), None)
        .await
        .unwrap();

    // The company registers again, then Anna removes her own profile from the app (the
    // bank's list and this phone): the company's profile keeps working.
    let company_id = add_company(&h).await;
    h.avain
        .login_with_pin(anna_id.clone(), ANNA_PIN.into())
        .await
        .unwrap();
    let devices = h.avain.devices().list().await.unwrap();
    let this = devices.iter().find(|d| d.this_device).unwrap();
    h.avain
        .devices()
        .remove_device(this.device_id.clone(), pin(ANNA_PIN))
        .await
        .unwrap();
    assert_eq!(keys_of(&h, &anna_id), 0);
    assert_eq!(
        picker(&h.avain.profiles().await.unwrap()),
        [("Yritys", CustomerKind::Business, ProfileState::Active)]
    );
    h.avain
        .login_with_pin(company_id, COMPANY_PIN.into())
        .await
        .unwrap();
    assert_eq!(
        account_ids(&h.avain).await,
        ["acc_puutyo_business", "acc_puutyo_tax"]
    );
}
