//! Accounts, their transactions, e-invoices and the payments waiting for approval, as
//! the app lists them: amounts already formatted in the customer's language, IBANs in
//! groups of four, references in groups of five. Each list is one read (retried on a
//! transient failure) in the current session.

use time::Date;

use avain_protocol::rules::ids::is_id;

use super::{AvainError, Payments};
use crate::api::{
    Account, AccountKind, AccountList, EInvoice, EInvoiceList, Payment, PaymentKind, PaymentList,
    PaymentStatus, Transaction, TransactionList,
};
use crate::confirmation::finnish_date;
use crate::error::AvainErrorCode;
use crate::i18n::Language;
use crate::payments::{Iban, Money, Reference};

/// One of the customer's accounts.
#[derive(Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct AccountInfo {
    /// The bank's id (pass it to [`Payments::transactions`](crate::client::Payments::transactions) and as a payment's
    /// `from_account_id`).
    pub account_id: String,
    /// The account's name ("Käyttötili").
    pub name: String,
    /// The IBAN in print form ("FI49 5000 9420 0287 30").
    pub iban: String,
    /// What kind of account it is.
    pub kind: AccountKind,
    /// The booked balance in cents.
    pub balance_cents: i64,
    /// The booked balance as the customer reads it ("14 505,94 €").
    pub balance: String,
    /// What can be spent now, in cents (balance less payments confirmed for later).
    pub available_cents: i64,
    /// What can be spent now, formatted.
    pub available: String,
}

/// One booked transaction.
#[derive(Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct TransactionInfo {
    /// The bank's id.
    pub transaction_id: String,
    /// The booking date.
    pub booked_on: Date,
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

/// An e-invoice waiting in the online bank.
#[derive(Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct EInvoiceInfo {
    /// The bank's id (a payment's `invoice_id`).
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
    pub due_date: Date,
    /// The due date as the customer reads it.
    pub due_date_text: String,
    /// The virtual barcode (54 digits), for [`Payments::read_barcode`](crate::client::Payments::read_barcode).
    pub virtual_barcode: String,
}

/// A payment as a list shows it.
#[derive(Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct PaymentInfo {
    /// The bank's id (pass it to [`Payments::prepare_payment_approval`](crate::client::Payments::prepare_payment_approval)).
    pub payment_id: String,
    /// A payment to a payee or a transfer between own accounts (then the payee is the
    /// account paid to).
    pub kind: PaymentKind,
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
    pub due_date: Date,
    /// The due date as the customer reads it.
    pub due_date_text: String,
    /// Where the payment is.
    pub status: PaymentStatus,
    /// Whether the customer has never paid this account (approval also needs an SMS code).
    pub new_payee: bool,
}

/// The print form of an IBAN from the bank, or the text as it came.
pub(crate) fn print_iban(text: &str) -> String {
    Iban::parse(text)
        .map(|i| i.print_form())
        .unwrap_or_else(|_| text.to_owned())
}

/// The grouped form of a reference from the bank, or the text as it came.
pub(crate) fn print_reference(text: &str) -> String {
    Reference::parse(text)
        .map(|r| r.display_form())
        .unwrap_or_else(|_| text.to_owned())
}

fn money(lang: Language, cents: i64) -> String {
    Money::from_cents(cents).format(lang)
}

impl AccountInfo {
    fn from_api(lang: Language, a: Account) -> Self {
        AccountInfo {
            iban: print_iban(a.iban.as_str()),
            kind: a.kind,
            balance: money(lang, a.balance.cents),
            balance_cents: a.balance.cents,
            available: money(lang, a.available.cents),
            available_cents: a.available.cents,
            account_id: a.account_id,
            name: a.name,
        }
    }
}

impl TransactionInfo {
    fn from_api(lang: Language, t: Transaction) -> Self {
        TransactionInfo {
            booked_on_text: finnish_date(t.booked_on),
            booked_on: t.booked_on,
            amount: money(lang, t.amount.cents),
            amount_cents: t.amount.cents,
            counterparty: t.counterparty,
            reference_or_message: t.reference_or_message.map(|r| print_reference(&r)),
            transaction_id: t.transaction_id,
        }
    }
}

impl EInvoiceInfo {
    fn from_api(lang: Language, i: EInvoice) -> Self {
        EInvoiceInfo {
            iban: print_iban(i.iban.as_str()),
            amount: money(lang, i.amount.cents),
            amount_cents: i.amount.cents,
            reference: print_reference(&i.reference),
            due_date_text: finnish_date(i.due_date),
            due_date: i.due_date,
            invoice_id: i.invoice_id,
            biller_name: i.biller_name,
            virtual_barcode: i.virtual_barcode,
        }
    }
}

impl PaymentInfo {
    pub(crate) fn from_api(lang: Language, p: Payment) -> Self {
        PaymentInfo {
            payee_iban: print_iban(p.payee_iban.as_str()),
            amount: money(lang, p.amount.cents),
            amount_cents: p.amount.cents,
            reference: p.reference.as_deref().map(print_reference),
            due_date_text: finnish_date(p.due_date),
            due_date: p.due_date,
            status: p.status,
            kind: p.kind,
            payment_id: p.payment_id,
            from_account_id: p.from_account_id,
            payee_name: p.payee_name,
            message: p.message,
            new_payee: p.new_payee,
        }
    }
}

impl Payments<'_> {
    /// The customer's accounts (needs a session).
    pub async fn accounts(self) -> Result<Vec<AccountInfo>, AvainError> {
        self.0
            .run(|inner| async move {
                let (token, _) = inner.session()?;
                let list: AccountList = inner
                    .http
                    .get("v1/accounts", Some(token.expose()))
                    .await
                    .map_err(|e| inner.bank_error(e))?;
                let lang = inner.lang();
                Ok(list
                    .accounts
                    .into_iter()
                    .map(|a| AccountInfo::from_api(lang, a))
                    .collect())
            })
            .await
    }

    /// An account's booked transactions, newest first (needs a session).
    pub async fn transactions(
        self,
        account_id: String,
    ) -> Result<Vec<TransactionInfo>, AvainError> {
        self.0
            .run(move |inner| async move {
                let lang = inner.lang();
                if !is_id(&account_id) {
                    return Err(AvainError::input(lang, AvainErrorCode::AccountUnknown));
                }
                let (token, _) = inner.session()?;
                let list: TransactionList = inner
                    .http
                    .get(
                        &format!("v1/accounts/{account_id}/transactions"),
                        Some(token.expose()),
                    )
                    .await
                    .map_err(|e| inner.bank_error(e))?;
                Ok(list
                    .transactions
                    .into_iter()
                    .map(|t| TransactionInfo::from_api(lang, t))
                    .collect())
            })
            .await
    }

    /// E-invoices waiting to be paid, earliest due first (needs a session).
    pub async fn e_invoices(self) -> Result<Vec<EInvoiceInfo>, AvainError> {
        self.0
            .run(|inner| async move {
                let (token, _) = inner.session()?;
                let list: EInvoiceList = inner
                    .http
                    .get("v1/e-invoices", Some(token.expose()))
                    .await
                    .map_err(|e| inner.bank_error(e))?;
                let lang = inner.lang();
                Ok(list
                    .invoices
                    .into_iter()
                    .map(|i| EInvoiceInfo::from_api(lang, i))
                    .collect())
            })
            .await
    }

    /// Payments waiting for the customer's approval, made here or in the online bank,
    /// newest first (needs a session). Approve one with
    /// [`Payments::prepare_payment_approval`](crate::client::Payments::prepare_payment_approval) and [`Payments::confirm_payment`](crate::client::Payments::confirm_payment).
    pub async fn payments_awaiting_approval(self) -> Result<Vec<PaymentInfo>, AvainError> {
        self.0
            .run(|inner| async move {
                let (token, _) = inner.session()?;
                let list: PaymentList = inner
                    .http
                    .get("v1/payments?status=awaiting_approval", Some(token.expose()))
                    .await
                    .map_err(|e| inner.bank_error(e))?;
                let lang = inner.lang();
                Ok(list
                    .payments
                    .into_iter()
                    .map(|p| PaymentInfo::from_api(lang, p))
                    .collect())
            })
            .await
    }
}

impl std::fmt::Debug for AccountInfo {
    /// Ids and codes only: names, IBANs and texts are personal data and stay out of logs.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AccountInfo")
            .field("account_id", &self.account_id)
            .field("kind", &self.kind)
            .finish_non_exhaustive()
    }
}

impl std::fmt::Debug for TransactionInfo {
    /// Ids and codes only: names, IBANs and texts are personal data and stay out of logs.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TransactionInfo")
            .field("transaction_id", &self.transaction_id)
            .field("booked_on", &self.booked_on)
            .finish_non_exhaustive()
    }
}

impl std::fmt::Debug for EInvoiceInfo {
    /// Ids and codes only: names, IBANs and texts are personal data and stay out of logs.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EInvoiceInfo")
            .field("invoice_id", &self.invoice_id)
            .field("due_date", &self.due_date)
            .finish_non_exhaustive()
    }
}

impl std::fmt::Debug for PaymentInfo {
    /// Ids and codes only: names, IBANs and texts are personal data and stay out of logs.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PaymentInfo")
            .field("payment_id", &self.payment_id)
            .field("status", &self.status)
            .field("new_payee", &self.new_payee)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bank_values_print_grouped() {
        assert_eq!(print_iban("FI4950009420028730"), "FI49 5000 9420 0287 30");
        assert_eq!(print_reference("1234561"), "12 34561");
        // Whatever the bank sent that does not parse is shown as it came.
        assert_eq!(print_reference("Vuokra"), "Vuokra");
    }
}
