//! The demo's steps about more than one account and more than one profile: a transfer
//! between the customer's own accounts, and the company's profile beside the personal one
//! on the same phone (its accounts, its supplier's e-invoice, its own PIN).

use avain_core::Language;
use avain_core::api::{CustomerKind, PaymentStatus};
use avain_core::client::{ApprovalFactor, PaymentDraft, TransferDraft};
use avain_core::i18n::{self, Arg};
use avain_e2e::{Harness, PUUTYO, fail};

/// The PIN the company's user chooses for the company's profile.
pub(crate) const COMPANY_PIN: &str = "8253";

type StepResult = Result<Vec<String>, String>;

/// Anna moves money from her current account to her savings account: no payee to type,
/// no SMS code; the confirmation shows both accounts and the amount, the PIN approves it.
pub(crate) async fn own_transfer(h: &Harness, pin: &str) -> StepResult {
    let payments = h.avain.payments();
    let accounts = payments.accounts().await.map_err(fail("accounts"))?;
    let kind = |kind| {
        accounts
            .iter()
            .find(|a| a.kind == kind)
            .map(|a| a.account_id.clone())
            .ok_or_else(|| format!("no {kind:?} account"))
    };
    let pending = payments
        .start_transfer(TransferDraft {
            from_account_id: kind(avain_core::api::AccountKind::Current)?,
            to_account_id: kind(avain_core::api::AccountKind::Savings)?,
            amount: "200".into(),
            message: "Säästöön".into(),
            ..TransferDraft::default()
        })
        .await
        .map_err(fail("start_transfer"))?;
    if pending.sms_code_required {
        return Err("the bank asked for an SMS code for a transfer".into());
    }
    let mut lines = vec![pending.confirmation_text.clone()];
    let done = payments
        .confirm_payment(
            pending.payment_id,
            ApprovalFactor::Pin { pin: pin.into() },
            None,
        )
        .await
        .map_err(fail("confirm_payment"))?;
    if done.payment.status != PaymentStatus::Booked {
        return Err(format!("transfer ended as {:?}", done.payment.status));
    }
    lines.push(done.message);
    Ok(lines)
}

/// The company's profile added to the same phone ("+" on the login page): registered
/// with the company user's codes, unlocked in the company's online bank, logged in with
/// its own PIN; the picker shows both profiles; the supplier's e-invoice is paid from the
/// business account.
pub(crate) async fn company_profile(h: &Harness, lang: Language) -> StepResult {
    let company = Harness::customer(PUUTYO)?;
    let id = h
        .register_on(&h.avain, company, COMPANY_PIN, "Yritys")
        .await?;
    h.unlock_in_online_bank(company).await?;
    let login = h
        .avain
        .login_with_pin(id.clone(), COMPANY_PIN.to_owned())
        .await
        .map_err(fail("company login"))?;
    if login.profile.customer_kind != CustomerKind::Business {
        return Err(format!("customer kind {:?}", login.profile.customer_kind));
    }
    let profiles = h.avain.profiles().await.map_err(fail("profiles"))?;
    let picker: Vec<String> = profiles
        .iter()
        .map(|p| {
            let kind = i18n::text(
                lang,
                &format!("demo-customer-kind-{}", p.customer_kind.code()),
            );
            format!("{} ({kind})", p.name)
        })
        .collect();
    let payments = h.avain.payments();
    let accounts = payments.accounts().await.map_err(fail("accounts"))?;
    let names: Vec<String> = accounts
        .iter()
        .map(|a| format!("{} {}", a.name, a.balance))
        .collect();
    let mut lines = vec![
        i18n::text_with(
            lang,
            "demo-company-profiles",
            &[("profiles", Arg::Text(picker.join(", ")))],
        ),
        format!("{} — {}", login.customer_name, names.join(", ")),
    ];
    let business = accounts
        .first()
        .ok_or("the company has no account")?
        .account_id
        .clone();
    let invoices = payments.e_invoices().await.map_err(fail("e_invoices"))?;
    let invoice = invoices.first().ok_or("no e-invoice for the company")?;
    let pending = payments
        .start_payment(PaymentDraft {
            from_account_id: business,
            payee_name: invoice.biller_name.clone(),
            payee_iban: invoice.iban.clone(),
            amount: avain_core::client::amount_field(
                lang,
                avain_core::payments::Money::from_cents(invoice.amount_cents),
            ),
            reference: invoice.reference.clone(),
            due_date: invoice.due_date_text.clone(),
            invoice_id: Some(invoice.invoice_id.clone()),
            ..PaymentDraft::default()
        })
        .await
        .map_err(fail("start_payment"))?;
    lines.push(pending.confirmation_text.clone());
    let done = payments
        .confirm_payment(
            pending.payment_id,
            ApprovalFactor::Pin {
                pin: COMPANY_PIN.into(),
            },
            None,
        )
        .await
        .map_err(fail("confirm_payment"))?;
    if done.payment.status == PaymentStatus::AwaitingApproval {
        return Err("the company's payment was not approved".into());
    }
    lines.push(done.message);
    Ok(lines)
}
