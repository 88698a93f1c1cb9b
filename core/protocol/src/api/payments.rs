//! Payments, payees and e-invoices.

use serde::{Deserialize, Serialize};
use time::{Date, OffsetDateTime};

use super::{Assertion, Challenge, Money, Personal, Secret};
use crate::i18n::Language;

/// Where a payment is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum PaymentStatus {
    /// Created (in the app, the online bank, or from an e-invoice); waits for approval.
    AwaitingApproval,
    /// Approved; will be paid on its due date.
    Scheduled,
    /// Approved and paid.
    Booked,
    /// Refused or cancelled by the customer before approval.
    Cancelled,
    /// A value this version of the app does not know (the bank added one after it was
    /// released): read without failing, shown neutrally. Never sent.
    #[serde(other)]
    Unknown,
}

/// A payment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Payment {
    /// The payment's id.
    pub payment_id: String,
    /// The account paid from.
    pub from_account_id: String,
    /// The payee's name.
    pub payee_name: String,
    /// The payee's IBAN, electronic form.
    pub payee_iban: Personal,
    /// The amount (positive).
    pub amount: Money,
    /// Finnish reference or RF creditor reference, electronic form.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    /// Free-text message (when there is no reference).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// The due date.
    #[serde(with = "super::wire_time::date")]
    pub due_date: Date,
    /// Its status.
    pub status: PaymentStatus,
    /// Whether this customer has never paid to this IBAN before: approval then also needs
    /// the SMS code the bank sends.
    pub new_payee: bool,
    /// When it was created.
    #[serde(with = "super::wire_time::instant")]
    pub created_at: OffsetDateTime,
}

/// `GET /v1/payments?status=awaiting_approval` and friends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaymentList {
    /// Newest first.
    pub payments: Vec<Payment>,
}

/// `POST /v1/payments`: a new payment, made in the app.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewPayment {
    /// The account to pay from (one of the customer's).
    pub from_account_id: String,
    /// The payee's name (1-70 characters).
    pub payee_name: String,
    /// The payee's IBAN (spaces allowed).
    pub payee_iban: Personal,
    /// The amount in cents, 1 to 99 999 999 999 (999 999 999,99 €, the SEPA maximum).
    pub amount_cents: i64,
    /// A Finnish or RF reference; a payment has a reference or a message, not both.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    /// A message (at most 140 characters).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// The due date; today when missing. Not in the past.
    #[serde(
        default,
        with = "super::wire_time::date_option",
        skip_serializing_if = "Option::is_none"
    )]
    pub due_date: Option<Date>,
    /// The e-invoice this pays, if any: it leaves the e-invoice list once the payment is
    /// approved.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub invoice_id: Option<String>,
}

/// A payment and the approval it waits for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaymentApproval {
    /// The payment.
    pub payment: Payment,
    /// The challenge to sign.
    pub challenge: Challenge,
    /// Whether an SMS code must accompany the confirmation (new payee): sent now, or sent
    /// earlier for this payment and still valid (the bank keeps a valid code when it
    /// issues a new challenge).
    pub sms_code_sent: bool,
}

/// `POST /v1/payments/{id}/confirm`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PaymentConfirm {
    /// The signed answer to the payment's challenge; its `shown_text` is the exact
    /// confirmation text, which the bank keeps with the payment.
    pub assertion: Assertion,
    /// The SMS code, required when the payee is new.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sms_code: Option<Secret>,
    /// The language the confirmation text was shown in: the bank renders the text from its
    /// own record of the payment in this language and accepts only that exact text.
    pub shown_language: Language,
}

/// A payee this customer has paid before.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Payee {
    /// The name used last time.
    pub name: String,
    /// The IBAN, electronic form.
    pub iban: Personal,
    /// When they were last paid.
    #[serde(with = "super::wire_time::date")]
    pub last_paid_on: Date,
}

/// `GET /v1/payees`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PayeeList {
    /// Most recently paid first.
    pub payees: Vec<Payee>,
}

/// An e-invoice delivered to the customer's online bank.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EInvoice {
    /// The invoice's id.
    pub invoice_id: String,
    /// Who sent it.
    pub biller_name: String,
    /// The biller's IBAN.
    pub iban: Personal,
    /// The amount.
    pub amount: Money,
    /// Reference, electronic form.
    pub reference: String,
    /// Due date.
    #[serde(with = "super::wire_time::date")]
    pub due_date: Date,
    /// The Finnish virtual barcode (version 4 or 5, 54 digits).
    pub virtual_barcode: String,
}

/// `GET /v1/e-invoices`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EInvoiceList {
    /// Earliest due first.
    pub invoices: Vec<EInvoice>,
}
