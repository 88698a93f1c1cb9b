//! Paying: a form (typed, or filled from a virtual barcode) checked in the core, sent to
//! the bank, which answers with the payment's challenge in the same response (one round
//! trip); the confirmation text rendered here from the bank's own record of the payment;
//! for a payee never paid before, the SMS code the bank sends; then two signatures over
//! the payment's fields and the text's hash (dynamic linking), and a receipt.
//!
//! A transfer between two of the customer's own accounts ([`PaymentKind::OwnTransfer`],
//! [`Payments::start_transfer`]) takes the same path with no payee to type and no SMS
//! step; its challenge is for [`Purpose::OwnTransfer`](crate::signed_bytes::Purpose::OwnTransfer) and the bytes carry the amount and
//! both accounts' IBANs.
//!
//! The state machine, per payment:
//!
//! ```text
//! start_payment / prepare_payment_approval
//!        │  (stored on the device: survives an app restart)
//!        ▼
//!   awaiting approval ──confirm_payment(PIN|biometrics, SMS code if new payee)──▶ done
//!        │    ▲                                                         (receipt kept)
//!        │    └── prepare_payment_approval (challenge expired or used: new challenge,
//!        │                                  and a new SMS code for a new payee)
//!        └──cancel_payment──▶ cancelled
//! ```
//!
//! What survives a restart: the payment, its challenge and the exact confirmation text,
//! sealed in the local database. The session does not; after logging in again the app
//! lists [`Payments::pending_payments`](crate::client::Payments::pending_payments) and continues where the customer was (the SMS code
//! they received still works while it is valid).

use std::sync::Arc;

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::accounts::PaymentInfo;
use super::payment_form::{self, BarcodeForm, PaymentDraft, PaymentFieldError, ValidPayment};
use super::payment_qr::{self, QrForm};
use super::transfer_form::{self, TransferDraft, ValidTransfer};
use super::{ApprovalFactor, AvainError, Inner, Payments};
use crate::api::{
    NewPayment, NewTransfer, Payment, PaymentApproval, PaymentConfirm, PaymentKind, PaymentStatus,
    Personal, Secret,
};
use crate::confirmation::{self, finnish_date};
use crate::error::AvainErrorCode;
use crate::i18n::{self, Arg, Language};
use crate::payments::Iban;
use crate::signed_bytes::Approval;
use crate::store::{PendingPaymentRecord, Profile};
use avain_protocol::rules::ids::is_id;

/// A payment waiting for the customer's approval on this device: what to show and what
/// the approval needs.
#[derive(Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct PendingPayment {
    /// The bank's id of the payment.
    pub payment_id: String,
    /// The payment as a list shows it.
    pub payment: PaymentInfo,
    /// The exact text to show above the approve button. It is what gets signed (its
    /// SHA-256 is in the signed bytes) and what the receipt keeps; show it as is.
    pub confirmation_text: String,
    /// The payee is new: the approval also needs the SMS code the bank just sent.
    pub sms_code_required: bool,
    /// When the bank stops accepting this approval (the bank's clock decides); after it,
    /// call [`Payments::prepare_payment_approval`](crate::client::Payments::prepare_payment_approval) for a new one.
    pub expires_at: OffsetDateTime,
}

/// A payment the bank accepted.
#[derive(Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct PaymentDone {
    /// The payment, now `scheduled` (a later due date) or `booked` (paid today).
    pub payment: PaymentInfo,
    /// What to tell the customer ("Maksu on maksettu." / "... maksetaan 24.12.2026.").
    pub message: String,
    /// The receipt of the approval, for [`Receipts::list`](crate::client::Receipts::list).
    pub receipt_id: Option<String>,
}

/// What the device keeps about a pending payment (sealed in the database).
#[derive(Serialize, Deserialize)]
struct Stored {
    approval: PaymentApproval,
    shown_text: String,
    /// The language `shown_text` is in; the bank renders the text again in it. Missing in
    /// payments kept by versions before it was stored: those were shown in the app's
    /// language.
    #[serde(default)]
    shown_language: Option<Language>,
}

impl Inner {
    /// Renders, checks and stores what the bank answered for a payment to approve.
    fn keep_pending(
        &self,
        profile: &Profile,
        approval: PaymentApproval,
    ) -> Result<PendingPayment, AvainError> {
        let lang = self.lang();
        let payment = &approval.payment;
        let challenge = &approval.challenge;
        if payment.kind.purpose() != Some(challenge.purpose)
            || challenge.subject_id.as_deref() != Some(payment.payment_id.as_str())
            || payment.status != PaymentStatus::AwaitingApproval
            || !is_id(&payment.payment_id)
        {
            return Err(AvainError::refused(lang, AvainErrorCode::ChallengeMismatch));
        }
        // The text comes from the bank's record of the payment, the same fields the bank
        // rebuilds the signed bytes from: what the customer reads is what is paid. A kind
        // this version does not know renders nothing and is not approved.
        let shown_text = confirmation::of_record(lang, payment)
            .ok_or_else(|| AvainError::refused(lang, AvainErrorCode::PaymentMismatch))?;
        let stored = Stored {
            approval,
            shown_text,
            shown_language: Some(lang),
        };
        let body = serde_json::to_string(&stored)
            .map_err(|_| AvainError::internal(lang, AvainErrorCode::Serialize))?;
        self.store
            .save_pending_payment(
                &profile.id,
                &stored.approval.payment.payment_id,
                &body,
                self.now(),
            )
            .map_err(|e| AvainError::from_store(lang, e))?;
        Ok(pending_of(lang, stored))
    }

    fn load_pending(&self, profile_id: &str, payment_id: &str) -> Result<Stored, AvainError> {
        let lang = self.lang();
        let record = match self.store.pending_payment(profile_id, payment_id) {
            Ok(record) => record,
            Err(crate::store::StoreError::NotFound) => {
                return Err(AvainError::input(lang, AvainErrorCode::PaymentUnknown));
            }
            Err(e) => return Err(AvainError::from_store(lang, e)),
        };
        decode(&record)
            .ok_or_else(|| AvainError::internal(lang, AvainErrorCode::PendingPaymentCorrupt))
    }

    async fn start_payment(
        self: &Arc<Self>,
        draft: PaymentDraft,
    ) -> Result<PendingPayment, AvainError> {
        let lang = self.lang();
        let valid = payment_form::validate(lang, &draft, self.now().date()).map_err(first_error)?;
        let (token, profile_id) = self.session()?;
        let profile = self.profile(&profile_id)?;
        let request = NewPayment {
            from_account_id: valid.from_account_id.clone(),
            payee_name: valid.payee_name.clone(),
            payee_iban: Personal::from(valid.iban.electronic()),
            amount_cents: valid.amount.cents(),
            reference: valid.reference.as_ref().map(|r| r.machine().to_owned()),
            message: valid.message.clone(),
            due_date: valid.due_date,
            invoice_id: valid.invoice_id.clone(),
        };
        let approval: PaymentApproval = self
            .http
            .post("v1/payments", &request, Some(token.expose()))
            .await
            .map_err(|e| self.bank_error(e))?;
        if !same_payment(&valid, &approval.payment) {
            // The bank must echo what the customer typed; anything else is not approved.
            tracing::warn!(target: "avain::client", "bank answered with another payment");
            return Err(AvainError::refused(lang, AvainErrorCode::PaymentMismatch));
        }
        self.keep_pending(&profile, approval)
    }

    async fn start_transfer(
        self: &Arc<Self>,
        draft: TransferDraft,
    ) -> Result<PendingPayment, AvainError> {
        let lang = self.lang();
        let valid =
            transfer_form::validate(lang, &draft, self.now().date()).map_err(first_error)?;
        let (token, profile_id) = self.session()?;
        let profile = self.profile(&profile_id)?;
        let request = NewTransfer {
            from_account_id: valid.from_account_id.clone(),
            to_account_id: valid.to_account_id.clone(),
            amount_cents: valid.amount.cents(),
            message: valid.message.clone(),
            due_date: valid.due_date,
        };
        let approval: PaymentApproval = self
            .http
            .post("v1/transfers", &request, Some(token.expose()))
            .await
            .map_err(|e| self.bank_error(e))?;
        if !same_transfer(&valid, &approval.payment) {
            tracing::warn!(target: "avain::client", "bank answered with another transfer");
            return Err(AvainError::refused(lang, AvainErrorCode::PaymentMismatch));
        }
        self.keep_pending(&profile, approval)
    }

    async fn prepare_approval(
        self: &Arc<Self>,
        payment_id: String,
    ) -> Result<PendingPayment, AvainError> {
        let lang = self.lang();
        if !is_id(&payment_id) {
            return Err(AvainError::input(lang, AvainErrorCode::PaymentUnknown));
        }
        let (token, profile_id) = self.session()?;
        let profile = self.profile(&profile_id)?;
        let stored = self.fetch_approval(&profile, &token, &payment_id).await?;
        Ok(pending_of(lang, stored))
    }

    /// A new challenge for `payment_id` from the bank, rendered and stored.
    async fn fetch_approval(
        self: &Arc<Self>,
        profile: &Profile,
        token: &Secret,
        payment_id: &str,
    ) -> Result<Stored, AvainError> {
        let lang = self.lang();
        let path = format!("v1/payments/{payment_id}/approval");
        let approval: PaymentApproval =
            match self.http.post_empty(&path, Some(token.expose())).await {
                Ok(approval) => approval,
                Err(e) => {
                    let error = self.bank_error(e);
                    self.forget_if_settled(profile, payment_id, &error);
                    return Err(error);
                }
            };
        if approval.payment.payment_id != payment_id {
            return Err(AvainError::refused(lang, AvainErrorCode::ChallengeMismatch));
        }
        self.keep_pending(profile, approval)?;
        self.load_pending(&profile.id, payment_id)
    }

    async fn confirm_payment(
        self: &Arc<Self>,
        payment_id: String,
        factor: ApprovalFactor,
        sms_code: Option<String>,
    ) -> Result<PaymentDone, AvainError> {
        let lang = self.lang();
        let sms_code = sms_code
            .map(|c| c.trim().to_owned())
            .filter(|c| !c.is_empty());
        if sms_code
            .as_deref()
            .is_some_and(|c| c.len() > 12 || !c.bytes().all(|b| b.is_ascii_digit()))
        {
            return Err(AvainError::input(lang, AvainErrorCode::SmsCodeInvalid));
        }
        let (token, profile_id) = self.session()?;
        let profile = self.profile(&profile_id)?;
        let mut stored = self.load_pending(&profile.id, &payment_id)?;
        // A login or another approval answered since this challenge was issued (after an
        // app restart, say): the bank would refuse its counter, so ask for a new one first.
        // The SMS code already sent stays valid.
        if stored.approval.challenge.counter <= self.answered_counter(&profile.id) {
            stored = self.fetch_approval(&profile, &token, &payment_id).await?;
        }
        let payment = &stored.approval.payment;
        let approval = signed_fields(payment, &stored.shown_text)
            .ok_or_else(|| AvainError::refused(lang, AvainErrorCode::PaymentMismatch))?;
        let signed = self
            .sign(&profile, &stored.approval.challenge, approval, factor)
            .await?;
        let body = PaymentConfirm {
            assertion: signed.assertion.clone(),
            sms_code: sms_code.map(Secret::new),
            shown_language: stored.shown_language.unwrap_or(lang),
        };
        let path = format!("v1/payments/{payment_id}/confirm");
        let confirmed: Payment = match self
            .answer(&signed, self.http.post(&path, &body, Some(token.expose())))
            .await
        {
            Ok(payment) => payment,
            Err(e) => {
                let error = self.bank_error(e);
                self.mirror_refusal(&profile, &error);
                self.forget_if_settled(&profile, &payment_id, &error);
                return Err(error);
            }
        };
        let receipt_id = signed.receipt.id();
        // An own account is no payee: only payments fill the recent payees.
        let payee = match confirmed.kind {
            PaymentKind::Payment => Iban::parse(confirmed.payee_iban.as_str()).ok(),
            _ => None,
        };
        if let Err(e) = self.store.payment_accepted(
            &profile.id,
            &payment_id,
            payee
                .as_ref()
                .map(|iban| (iban, confirmed.payee_name.as_str())),
            self.now(),
        ) {
            tracing::warn!(target: "avain::client", code = e.code(), "payment bookkeeping not saved");
        }
        let (booked, scheduled) = match confirmed.kind {
            PaymentKind::OwnTransfer => ("client-transfer-booked", "client-transfer-scheduled"),
            _ => ("client-payment-booked", "client-payment-scheduled"),
        };
        let message = match confirmed.status {
            PaymentStatus::Scheduled => i18n::text_with(
                lang,
                scheduled,
                &[("date", Arg::Text(finnish_date(confirmed.due_date)))],
            ),
            _ => i18n::text(lang, booked),
        };
        Ok(PaymentDone {
            payment: PaymentInfo::from_api(lang, confirmed),
            message,
            receipt_id,
        })
    }

    /// Forgets the local copy of a payment the bank no longer waits for.
    fn forget_if_settled(&self, profile: &Profile, payment_id: &str, error: &AvainError) {
        if matches!(
            error.code(),
            AvainErrorCode::Conflict | AvainErrorCode::NotFound
        ) {
            let _ = self.store.remove_pending_payment(&profile.id, payment_id);
        }
    }

    async fn cancel_payment(
        self: &Arc<Self>,
        payment_id: String,
    ) -> Result<PaymentInfo, AvainError> {
        let lang = self.lang();
        if !is_id(&payment_id) {
            return Err(AvainError::input(lang, AvainErrorCode::PaymentUnknown));
        }
        let (token, profile_id) = self.session()?;
        let profile = self.profile(&profile_id)?;
        let cancelled: Payment = match self
            .http
            .delete(&format!("v1/payments/{payment_id}"), Some(token.expose()))
            .await
        {
            Ok(payment) => payment,
            Err(e) => {
                let error = self.bank_error(e);
                self.forget_if_settled(&profile, &payment_id, &error);
                return Err(error);
            }
        };
        let _ = self.store.remove_pending_payment(&profile.id, &payment_id);
        Ok(PaymentInfo::from_api(lang, cancelled))
    }
}

fn decode(record: &PendingPaymentRecord) -> Option<Stored> {
    serde_json::from_str(&record.body).ok()
}

fn pending_of(lang: Language, stored: Stored) -> PendingPayment {
    PendingPayment {
        payment_id: stored.approval.payment.payment_id.clone(),
        sms_code_required: stored.approval.payment.new_payee,
        expires_at: stored.approval.challenge.expires_at,
        confirmation_text: stored.shown_text,
        payment: PaymentInfo::from_api(lang, stored.approval.payment),
    }
}

/// The fields the approval of the bank's record `payment` signs, by its kind, with the
/// text shown; `None` when the record does not give them (then nothing is signed).
fn signed_fields(payment: &Payment, shown_text: &str) -> Option<Approval> {
    let amount_cents = u64::try_from(payment.amount.cents).ok()?;
    let currency = payment.amount.currency.code().to_owned();
    let payee_iban = Iban::parse(payment.payee_iban.as_str()).ok()?;
    match payment.kind {
        PaymentKind::Payment => Some(Approval::Payment {
            amount_cents,
            currency,
            payee_iban: payee_iban.electronic().to_owned(),
            payee_name: payment.payee_name.clone(),
            reference: payment.reference.clone().unwrap_or_default(),
            shown_text: shown_text.to_owned(),
        }),
        PaymentKind::OwnTransfer => {
            let from_iban = Iban::parse(payment.from_iban.as_ref()?.as_str()).ok()?;
            Some(Approval::OwnTransfer {
                amount_cents,
                currency,
                from_iban: from_iban.electronic().to_owned(),
                to_iban: payee_iban.electronic().to_owned(),
                shown_text: shown_text.to_owned(),
            })
        }
        PaymentKind::Unknown => None,
    }
}

/// Whether the bank's record is the transfer the customer asked for: between the chosen
/// accounts (the bank names the account paid to by its IBAN and name, which the
/// confirmation shows), with no payee step.
fn same_transfer(valid: &ValidTransfer, payment: &Payment) -> bool {
    payment.kind == PaymentKind::OwnTransfer
        && !payment.new_payee
        && payment.from_iban.is_some()
        && payment.amount.cents == valid.amount.cents()
        && payment.from_account_id == valid.from_account_id
        && payment.reference.is_none()
        && payment.message == valid.message
        && valid.due_date.is_none_or(|d| d == payment.due_date)
}

/// Whether the bank's record is the payment the customer typed.
fn same_payment(valid: &ValidPayment, payment: &Payment) -> bool {
    payment.kind == PaymentKind::Payment
        && payment.amount.cents == valid.amount.cents()
        && payment.payee_name == valid.payee_name
        && payment.payee_iban.as_str() == valid.iban.electronic()
        && payment.from_account_id == valid.from_account_id
        && payment.reference.as_deref() == valid.reference.as_ref().map(|r| r.machine())
        && payment.message == valid.message
        && valid.due_date.is_none_or(|d| d == payment.due_date)
}

/// The first field error as the one error of a call (the app can show all of them
/// beforehand with [`Payments::check_payment`](crate::client::Payments::check_payment)).
fn first_error(errors: Vec<PaymentFieldError>) -> AvainError {
    match errors.into_iter().next() {
        Some(e) => AvainError::InvalidInput {
            code: e.code,
            user_message: e.message,
        },
        None => AvainError::InvalidInput {
            code: AvainErrorCode::PaymentInvalid,
            user_message: String::new(),
        },
    }
}

impl Payments<'_> {
    /// Fills a payment form from a virtual barcode (pasted or scanned): IBAN, reference,
    /// due date and, when the barcode has one, the amount. With no amount in the barcode
    /// the amount stays empty and `amount_required` is set: the customer types it. Works
    /// offline.
    pub fn read_barcode(self, barcode: String) -> Result<BarcodeForm, AvainError> {
        payment_form::read_barcode(self.0.inner.lang(), &barcode).map_err(|e| {
            AvainError::InvalidInput {
                code: e.code,
                user_message: e.message,
            }
        })
    }

    /// Fills a payment form from an invoice's EPC QR code (the text the platform's
    /// scanner read): payee name, IBAN, the reference or the message, the due date (from
    /// the information line's `ReqdExctnDt/`) and, when the code has one, the amount;
    /// without one, `amount_required` is set. A Finnish account's BIC is checked against
    /// the bank's on today's date. Works offline.
    pub fn read_qr(self, text: String) -> Result<QrForm, AvainError> {
        let inner = &self.0.inner;
        payment_qr::read_qr(inner.lang(), &text, inner.now().date()).map_err(|e| {
            AvainError::InvalidInput {
                code: e.code,
                user_message: e.message,
            }
        })
    }

    /// Every problem of a payment form at once, each at its field, in the customer's
    /// language (empty when the form is ready to send). Works offline; the bank checks
    /// again.
    pub fn check_payment(self, draft: PaymentDraft) -> Vec<PaymentFieldError> {
        let inner = &self.0.inner;
        payment_form::validate(inner.lang(), &draft, inner.now().date())
            .err()
            .unwrap_or_default()
    }

    /// Sends a new payment to the bank (needs a session) and returns what to show for its
    /// approval: the exact confirmation text and whether an SMS code is needed (new
    /// payee). One round trip: the bank's answer carries the challenge. The payment is
    /// kept on the device until approved or cancelled. Changes persisted state.
    pub async fn start_payment(self, draft: PaymentDraft) -> Result<PendingPayment, AvainError> {
        self.0
            .run(move |inner| async move { inner.start_payment(draft).await })
            .await
    }

    /// Every problem of a transfer form at once, each at its field, in the customer's
    /// language (empty when the form is ready to send). Works offline; the bank checks
    /// again, including that both accounts are the customer's.
    pub fn check_transfer(self, draft: TransferDraft) -> Vec<PaymentFieldError> {
        let inner = &self.0.inner;
        transfer_form::validate(inner.lang(), &draft, inner.now().date())
            .err()
            .unwrap_or_default()
    }

    /// Sends a transfer between two of the customer's own accounts to the bank (needs a
    /// session) and returns what to show for its approval, as
    /// [`Payments::start_payment`](crate::client::Payments::start_payment) does. There is
    /// no payee and never an SMS code; the confirmation text shows both accounts and the
    /// amount, which the approval signs. Approve it with
    /// [`Payments::confirm_payment`](crate::client::Payments::confirm_payment) (no SMS
    /// code). The bank refuses an account that is not the customer's (`not_found`).
    /// Changes persisted state.
    pub async fn start_transfer(self, draft: TransferDraft) -> Result<PendingPayment, AvainError> {
        self.0
            .run(move |inner| async move { inner.start_transfer(draft).await })
            .await
    }

    /// Asks the bank for a new approval of a payment waiting for one: one made in the
    /// online bank, or one whose challenge expired or was used by a failed attempt. For a
    /// new payee the bank sends a new SMS code. Changes persisted state.
    pub async fn prepare_payment_approval(
        self,
        payment_id: String,
    ) -> Result<PendingPayment, AvainError> {
        self.0
            .run(move |inner| async move { inner.prepare_approval(payment_id).await })
            .await
    }

    /// Approves a pending payment with the PIN or biometrics, and the SMS code when the
    /// payee is new (the bank refuses the approval without it). The OS policy is applied
    /// first. On success the receipt is kept, the payee remembered and the pending payment
    /// forgotten. A stored challenge that can no longer be answered (a login or another
    /// approval since, an attempt refused after signing: `wrong_pin`,
    /// `challenge_expired`) is renewed by the next call itself, keeping the SMS code
    /// already sent while it is valid; [`Payments::prepare_payment_approval`](crate::client::Payments::prepare_payment_approval) does the same
    /// on demand. Changes persisted state.
    pub async fn confirm_payment(
        self,
        payment_id: String,
        factor: ApprovalFactor,
        sms_code: Option<String>,
    ) -> Result<PaymentDone, AvainError> {
        self.0.run(
            move |inner| async move { inner.confirm_payment(payment_id, factor, sms_code).await },
        )
        .await
    }

    /// Cancels a payment waiting for approval (or scheduled) at the bank, and forgets it
    /// here. Changes persisted state.
    pub async fn cancel_payment(self, payment_id: String) -> Result<PaymentInfo, AvainError> {
        self.0
            .run(move |inner| async move { inner.cancel_payment(payment_id).await })
            .await
    }

    /// The payments this profile started approving on this device and has not finished,
    /// oldest first: after an app restart, the app shows them again (with the same
    /// confirmation text). Works offline.
    pub async fn pending_payments(
        self,
        profile_id: &str,
    ) -> Result<Vec<PendingPayment>, AvainError> {
        let profile_id = profile_id.to_owned();
        self.0
            .local(move |inner| {
                let lang = inner.lang();
                let records = inner
                    .store
                    .pending_payments(&profile_id)
                    .map_err(|e| AvainError::from_store(lang, e))?;
                Ok(records
                    .iter()
                    .filter_map(decode)
                    .map(|stored| pending_of(lang, stored))
                    .collect())
            })
            .await
    }
}

impl std::fmt::Debug for PendingPayment {
    /// Ids and codes only: names, IBANs and texts are personal data and stay out of logs.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PendingPayment")
            .field("payment_id", &self.payment_id)
            .field("payment", &self.payment)
            .field("sms_code_required", &self.sms_code_required)
            .field("expires_at", &self.expires_at)
            .finish_non_exhaustive()
    }
}

impl std::fmt::Debug for PaymentDone {
    /// Ids and codes only: names, IBANs and texts are personal data and stay out of logs.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PaymentDone")
            .field("payment", &self.payment)
            .field("receipt_id", &self.receipt_id)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::{Base64Bytes, Challenge};
    use crate::signed_bytes::Purpose;
    use time::macros::{date, datetime};

    fn bank_payment() -> Payment {
        Payment {
            payment_id: "pay_1".into(),
            kind: PaymentKind::Payment,
            from_account_id: "acc_anna_current".into(),
            from_iban: None,
            payee_name: "Helsingin Energia Oy".into(),
            payee_iban: Personal::from("FI2112345600000785"),
            amount: crate::api::Money::eur(14_550),
            reference: Some("1234561".into()),
            message: None,
            due_date: date!(2026 - 12 - 24),
            status: PaymentStatus::AwaitingApproval,
            new_payee: true,
            created_at: datetime!(2026-11-22 10:00 UTC),
        }
    }

    fn valid() -> ValidPayment {
        payment_form::validate(
            Language::Fi,
            &PaymentDraft {
                from_account_id: "acc_anna_current".into(),
                payee_name: "Helsingin Energia Oy".into(),
                payee_iban: "FI21 1234 5600 0007 85".into(),
                amount: "145,50".into(),
                reference: "12 34561".into(),
                due_date: "24.12.2026".into(),
                ..PaymentDraft::default()
            },
            date!(2026 - 11 - 22),
        )
        .unwrap()
    }

    #[test]
    fn the_bank_must_echo_the_typed_payment() {
        assert!(same_payment(&valid(), &bank_payment()));
        let mut more = bank_payment();
        more.amount = crate::api::Money::eur(14_551);
        assert!(!same_payment(&valid(), &more));
        let mut elsewhere = bank_payment();
        elsewhere.payee_iban = Personal::from("FI4950009420028730");
        assert!(!same_payment(&valid(), &elsewhere));
        let mut renamed = bank_payment();
        renamed.payee_name = "Helsingin Energia".into();
        assert!(!same_payment(&valid(), &renamed));
    }

    #[test]
    fn the_bank_must_echo_the_transfer_and_its_fields_are_signed() {
        let valid = transfer_form::validate(
            Language::Fi,
            &TransferDraft {
                from_account_id: "acc_anna_current".into(),
                to_account_id: "acc_anna_savings".into(),
                amount: "145,50".into(),
                ..TransferDraft::default()
            },
            date!(2026 - 11 - 22),
        )
        .unwrap();
        let transfer = Payment {
            kind: PaymentKind::OwnTransfer,
            from_iban: Some(Personal::from("FI4950009420028730")),
            payee_name: "Säästötili".into(),
            reference: None,
            new_payee: false,
            ..bank_payment()
        };
        assert!(same_transfer(&valid, &transfer));
        assert!(!same_payment(&valid_payment_for_kind_check(), &transfer));
        let as_payment = Payment {
            kind: PaymentKind::Payment,
            ..transfer.clone()
        };
        assert!(!same_transfer(&valid, &as_payment));
        let with_sms = Payment {
            new_payee: true,
            ..transfer.clone()
        };
        assert!(!same_transfer(&valid, &with_sms));
        let Some(Approval::OwnTransfer {
            amount_cents,
            from_iban,
            to_iban,
            ..
        }) = signed_fields(&transfer, "Vahvista siirto")
        else {
            panic!("a transfer signs the transfer's fields");
        };
        assert_eq!(amount_cents, 14_550);
        assert_eq!(from_iban, "FI4950009420028730");
        assert_eq!(to_iban, "FI2112345600000785");
        assert!(matches!(
            signed_fields(&bank_payment(), "Vahvista maksu"),
            Some(Approval::Payment { .. })
        ));
        let unknown = Payment {
            kind: PaymentKind::Unknown,
            ..transfer
        };
        assert!(signed_fields(&unknown, "?").is_none());
    }

    fn valid_payment_for_kind_check() -> ValidPayment {
        let mut valid = valid();
        valid.payee_name = "Säästötili".into();
        valid.reference = None;
        valid
    }

    #[test]
    fn a_stored_pending_payment_reads_back_the_same() {
        let stored = Stored {
            approval: PaymentApproval {
                payment: bank_payment(),
                challenge: Challenge {
                    challenge_id: "chl_1".into(),
                    profile_id: "prf_1".into(),
                    device_id: "dev_1".into(),
                    purpose: Purpose::Payment,
                    nonce: Base64Bytes(vec![7; 32]),
                    counter: 3,
                    requester: "Avain".into(),
                    subject_id: Some("pay_1".into()),
                    issued_at: datetime!(2026-11-22 10:00 UTC),
                    expires_at: datetime!(2026-11-22 10:02 UTC),
                    pin_key_id: None,
                    app_attest_assertion_requested: false,
                    bank_signature: Base64Bytes(vec![1, 2, 3]),
                },
                sms_code_sent: true,
            },
            shown_text: "Vahvista maksu".into(),
            shown_language: Some(Language::Sv),
        };
        let record = PendingPaymentRecord {
            payment_id: "pay_1".into(),
            profile_id: "p".into(),
            body: serde_json::to_string(&stored).unwrap(),
            created_at: datetime!(2026-11-22 10:00 UTC),
        };
        assert_eq!(decode(&record).unwrap().shown_language, Some(Language::Sv));
        // Kept by a version that did not store the language: still readable.
        let mut older: serde_json::Value = serde_json::from_str(&record.body).unwrap();
        older.as_object_mut().unwrap().remove("shown_language");
        let older = PendingPaymentRecord {
            body: older.to_string(),
            ..record.clone()
        };
        assert_eq!(decode(&older).unwrap().shown_language, None);
        let back = pending_of(Language::Fi, decode(&record).unwrap());
        assert_eq!(back.payment_id, "pay_1");
        assert!(back.sms_code_required);
        assert_eq!(back.confirmation_text, "Vahvista maksu");
        assert_eq!(back.payment.amount, "145,50\u{a0}€");
        assert_eq!(back.expires_at, datetime!(2026-11-22 10:02 UTC));
        let printed = format!("{back:?}");
        assert!(printed.contains("pay_1"), "{printed}");
        for hidden in ["FI21", "Helsingin", "Vahvista", "145,50"] {
            assert!(!printed.contains(hidden), "{printed}");
        }
        let broken = PendingPaymentRecord {
            body: "{".into(),
            ..record
        };
        assert!(decode(&broken).is_none());
    }
}
