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

/// What kind of payment it is: it decides what is signed (the purpose of its challenge)
/// and what the confirmation shows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum PaymentKind {
    /// A payment to a payee (typed, from a barcode or QR code, or an e-invoice): signed as
    /// [`Purpose::Payment`](crate::signed_bytes::Purpose::Payment), an SMS code for a new
    /// payee.
    #[default]
    Payment,
    /// A transfer between two accounts of the same customer: no payee to type, no SMS
    /// step; signed as [`Purpose::OwnTransfer`](crate::signed_bytes::Purpose::OwnTransfer)
    /// with the amount and both accounts.
    OwnTransfer,
    /// A value this version of the app does not know (the bank added one after it was
    /// released): listed neutrally, never approved. Never sent.
    #[serde(other)]
    Unknown,
}

impl PaymentKind {
    /// The stable snake_case code, as in JSON.
    pub fn code(self) -> &'static str {
        match self {
            PaymentKind::Payment => "payment",
            PaymentKind::OwnTransfer => "own_transfer",
            PaymentKind::Unknown => "unknown",
        }
    }

    /// The purpose a challenge for a payment of this kind has (`None` for an unknown kind:
    /// nothing is signed for it).
    pub fn purpose(self) -> Option<crate::signed_bytes::Purpose> {
        match self {
            PaymentKind::Payment => Some(crate::signed_bytes::Purpose::Payment),
            PaymentKind::OwnTransfer => Some(crate::signed_bytes::Purpose::OwnTransfer),
            PaymentKind::Unknown => None,
        }
    }
}

/// A payment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Payment {
    /// The payment's id.
    pub payment_id: String,
    /// A payment to a payee or a transfer between the customer's own accounts; missing
    /// from banks before transfers existed, which only had payments.
    #[serde(default)]
    pub kind: PaymentKind,
    /// The account paid from.
    pub from_account_id: String,
    /// The IBAN of the account paid from, electronic form (signed in an own-account
    /// transfer). Missing from banks before transfers existed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from_iban: Option<Personal>,
    /// The payee's name; in an own-account transfer, the name of the account paid to.
    pub payee_name: String,
    /// The payee's IBAN, electronic form; in an own-account transfer, the IBAN of the
    /// account paid to.
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

/// `POST /v1/transfers`: a transfer between two accounts of the same customer. The bank
/// checks that both accounts are the customer's; there is no payee to type and no SMS
/// step, but it is approved like a payment, with the amount and both accounts signed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewTransfer {
    /// The account to take the money from (one of the customer's).
    pub from_account_id: String,
    /// The account to put it in (another of the same customer's).
    pub to_account_id: String,
    /// The amount in cents, 1 to 99 999 999 999.
    pub amount_cents: i64,
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
