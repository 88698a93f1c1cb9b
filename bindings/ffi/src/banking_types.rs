//! The records of the banking calls (accounts, payments, receipts): the core's own types
//! where UniFFI can carry them as they are (`#[uniffi::remote]`), mirrors where they hold
//! dates and times (a `time::Date` becomes a [`CalendarDate`], an instant a timestamp:
//! Kotlin `java.time.Instant`, Swift `Date`).

use std::time::SystemTime;

use avain_core::client::{self as core, AccountInfo, BarcodeForm, PaymentDraft, PaymentFieldError};

use crate::calendar::{CalendarDate, CalendarDays};
use crate::error::AvainErrorCode;

/// A payment as the customer filled it in: every field as typed; optional ones empty.
#[uniffi::remote(Record)]
pub struct PaymentDraft {
    /// The account to pay from (an `accountId` of `accounts()`).
    pub from_account_id: String,
    /// The payee's name.
    pub payee_name: String,
    /// The payee's IBAN, spaces allowed.
    pub payee_iban: String,
    /// The amount as typed ("1 234,50", "12 €"); empty when not typed yet.
    pub amount: String,
    /// A Finnish or RF reference, or empty.
    pub reference: String,
    /// A message (when there is no reference), or empty.
    pub message: String,
    /// The due date, "24.12.2026" or "2026-12-24"; empty for today.
    pub due_date: String,
    /// The e-invoice this pays, if any.
    pub invoice_id: Option<String>,
}

/// A payment form filled from a virtual barcode.
#[uniffi::remote(Record)]
pub struct BarcodeForm {
    /// IBAN, reference, due date and (when the barcode has one) the amount; the payee's
    /// name and the account to pay from are for the customer to fill in.
    pub draft: PaymentDraft,
    /// The barcode has no amount: the amount field is empty and the customer types it.
    pub amount_required: bool,
    /// The barcode's version (4: Finnish reference, 5: RF reference).
    pub version: u8,
}

/// One problem with one field of the payment form.
#[uniffi::remote(Record)]
pub struct PaymentFieldError {
    /// The field: `from_account_id`, `payee_name`, `payee_iban`, `amount`, `reference`,
    /// `message`, `due_date` (or `barcode`).
    pub field: String,
    /// What is wrong (`AmountMissing`, `IbanBadChecksum`, `DueDatePast`, ...).
    pub code: AvainErrorCode,
    /// What to show at the field, in the customer's language.
    pub message: String,
}

/// One of the customer's accounts.
#[uniffi::remote(Record)]
pub struct AccountInfo {
    /// The bank's id (for `transactions` and a payment's `fromAccountId`).
    pub account_id: String,
    /// The account's name ("Käyttötili").
    pub name: String,
    /// The IBAN in print form.
    pub iban: String,
    /// `current`, `savings`, `joint` or `business`.
    pub kind: String,
    /// The booked balance in cents.
    pub balance_cents: i64,
    /// The booked balance as the customer reads it ("14 505,94 €").
    pub balance: String,
    /// What can be spent now, in cents.
    pub available_cents: i64,
    /// What can be spent now, formatted.
    pub available: String,
}

/// One booked transaction.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct TransactionInfo {
    /// The bank's id.
    pub transaction_id: String,
    /// The booking date.
    pub booked_on: CalendarDate,
    /// The booking date as the customer reads it ("24.12.2026").
    pub booked_on_text: String,
    /// Cents; negative for money out.
    pub amount_cents: i64,
    /// Formatted ("−45,90 €").
    pub amount: String,
    /// The other party.
    pub counterparty: String,
    /// The reference (grouped) or the message.
    pub reference_or_message: Option<String>,
}

impl From<core::TransactionInfo> for TransactionInfo {
    fn from(t: core::TransactionInfo) -> TransactionInfo {
        TransactionInfo {
            transaction_id: t.transaction_id,
            booked_on: CalendarDate::from_date(t.booked_on),
            booked_on_text: t.booked_on_text,
            amount_cents: t.amount_cents,
            amount: t.amount,
            counterparty: t.counterparty,
            reference_or_message: t.reference_or_message,
        }
    }
}

/// An e-invoice waiting in the online bank.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct EInvoiceInfo {
    /// The bank's id (a payment's `invoiceId`).
    pub invoice_id: String,
    /// Who sent it.
    pub biller_name: String,
    /// The biller's IBAN, print form.
    pub iban: String,
    /// Cents.
    pub amount_cents: i64,
    /// Formatted.
    pub amount: String,
    /// The reference, grouped.
    pub reference: String,
    /// The due date.
    pub due_date: CalendarDate,
    /// The due date as the customer reads it.
    pub due_date_text: String,
    /// The virtual barcode (54 digits), for `readBarcode`.
    pub virtual_barcode: String,
}

impl From<core::EInvoiceInfo> for EInvoiceInfo {
    fn from(i: core::EInvoiceInfo) -> EInvoiceInfo {
        EInvoiceInfo {
            invoice_id: i.invoice_id,
            biller_name: i.biller_name,
            iban: i.iban,
            amount_cents: i.amount_cents,
            amount: i.amount,
            reference: i.reference,
            due_date: CalendarDate::from_date(i.due_date),
            due_date_text: i.due_date_text,
            virtual_barcode: i.virtual_barcode,
        }
    }
}

/// A payment as a list shows it.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct PaymentInfo {
    /// The bank's id (for `preparePaymentApproval`, `confirmPayment`, `cancelPayment`).
    pub payment_id: String,
    /// The account paid from.
    pub from_account_id: String,
    /// The payee.
    pub payee_name: String,
    /// The payee's IBAN, print form.
    pub payee_iban: String,
    /// Cents.
    pub amount_cents: i64,
    /// Formatted.
    pub amount: String,
    /// The reference (grouped), if any.
    pub reference: Option<String>,
    /// The message, if any.
    pub message: Option<String>,
    /// The due date.
    pub due_date: CalendarDate,
    /// The due date as the customer reads it.
    pub due_date_text: String,
    /// `awaiting_approval`, `scheduled`, `booked` or `cancelled`.
    pub status: String,
    /// The customer has never paid this account: the approval also needs an SMS code.
    pub new_payee: bool,
}

impl From<core::PaymentInfo> for PaymentInfo {
    fn from(p: core::PaymentInfo) -> PaymentInfo {
        PaymentInfo {
            payment_id: p.payment_id,
            from_account_id: p.from_account_id,
            payee_name: p.payee_name,
            payee_iban: p.payee_iban,
            amount_cents: p.amount_cents,
            amount: p.amount,
            reference: p.reference,
            message: p.message,
            due_date: CalendarDate::from_date(p.due_date),
            due_date_text: p.due_date_text,
            status: p.status,
            new_payee: p.new_payee,
        }
    }
}

/// A payment waiting for the customer's approval on this device.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct PendingPayment {
    /// The bank's id.
    pub payment_id: String,
    /// The payment as a list shows it.
    pub payment: PaymentInfo,
    /// The exact text to show above the approve button: what gets signed (its SHA-256 is
    /// in the signed bytes) and what the receipt keeps. Show it as is.
    pub confirmation_text: String,
    /// The payee is new: the approval also needs the SMS code the bank just sent.
    pub sms_code_required: bool,
    /// When the bank stops accepting this approval; after it, call
    /// `preparePaymentApproval` for a new one.
    pub expires_at: SystemTime,
}

impl From<core::PendingPayment> for PendingPayment {
    fn from(p: core::PendingPayment) -> PendingPayment {
        PendingPayment {
            payment_id: p.payment_id,
            payment: p.payment.into(),
            confirmation_text: p.confirmation_text,
            sms_code_required: p.sms_code_required,
            expires_at: p.expires_at.into(),
        }
    }
}

/// A payment the bank accepted.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct PaymentDone {
    /// The payment, now `scheduled` (a later due date) or `booked` (paid today).
    pub payment: PaymentInfo,
    /// What to tell the customer ("Maksu on maksettu.").
    pub message: String,
    /// The receipt of the approval, if the device could keep one.
    pub receipt_id: Option<String>,
}

impl From<core::PaymentDone> for PaymentDone {
    fn from(d: core::PaymentDone) -> PaymentDone {
        PaymentDone {
            payment: d.payment.into(),
            message: d.message,
            receipt_id: d.receipt_id,
        }
    }
}

/// One approval, as the receipts screen shows it.
#[derive(Clone, PartialEq, Eq, uniffi::Record)]
pub struct ReceiptInfo {
    /// The receipt's id (for `reportNotMe`).
    pub receipt_id: String,
    /// What was approved: `login`, `payment`, `third_party_identification`,
    /// `document_signing`, `device_removal`, `pin_change`, `biometric_registration`,
    /// `registration`.
    pub purpose: String,
    /// The purpose in the customer's language ("Maksu").
    pub purpose_label: String,
    /// `pin` or `biometric`.
    pub factor: String,
    /// The exact text the customer saw when approving.
    pub shown_text: String,
    /// When.
    pub approved_at: SystemTime,
    /// The bank's id of the device that approved.
    pub device_id: Option<String>,
    /// That device, as the customer knows it ("Pixel 8, tämä laite").
    pub device_label: String,
    /// When the customer reported it as "this was not me", if they did.
    pub reported_not_me_at: Option<SystemTime>,
}

/// The receipt's text is what the customer approved (payee, amount): kept out of logs.
impl std::fmt::Debug for ReceiptInfo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ReceiptInfo")
            .field("receipt_id", &self.receipt_id)
            .field("purpose", &self.purpose)
            .field("factor", &self.factor)
            .finish_non_exhaustive()
    }
}

impl From<core::ReceiptInfo> for ReceiptInfo {
    fn from(r: core::ReceiptInfo) -> ReceiptInfo {
        ReceiptInfo {
            receipt_id: r.receipt_id,
            purpose: r.purpose,
            purpose_label: r.purpose_label,
            factor: r.factor,
            shown_text: r.shown_text,
            approved_at: r.approved_at.into(),
            device_id: r.device_id,
            device_label: r.device_label,
            reported_not_me_at: r.reported_not_me_at.map(Into::into),
        }
    }
}

/// The bank recorded a "this was not me" report.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct NotMeReported {
    /// The bank's id of the report, to quote when the bank calls.
    pub report_id: String,
    /// When the bank recorded it.
    pub received_at: SystemTime,
    /// What happens next, with the blocking service's 24/7 numbers.
    pub message: String,
}

impl From<core::NotMeReported> for NotMeReported {
    fn from(r: core::NotMeReported) -> NotMeReported {
        NotMeReported {
            report_id: r.report_id,
            received_at: r.received_at.into(),
            message: r.message,
        }
    }
}
