//! Accounts and their transactions.

use serde::{Deserialize, Serialize};
use time::Date;

use super::{Money, Personal};

/// What kind of account it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum AccountKind {
    /// Current account (käyttötili / brukskonto).
    Current,
    /// Savings account.
    Savings,
    /// An account shared by several customers.
    Joint,
    /// A company's account.
    Business,
    /// A value this version of the app does not know (the bank added one after it was
    /// released): read without failing, shown neutrally. Never sent.
    #[serde(other)]
    Unknown,
}

/// One account of the customer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Account {
    /// The account's id in this API.
    pub account_id: String,
    /// The IBAN, electronic form (no spaces).
    pub iban: Personal,
    /// The account's name ("Käyttötili").
    pub name: String,
    /// Its kind.
    pub kind: AccountKind,
    /// The booked balance.
    pub balance: Money,
    /// What can be spent now: the balance less payments already confirmed for later dates.
    pub available: Money,
}

/// `GET /v1/accounts`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountList {
    /// The customer's accounts.
    pub accounts: Vec<Account>,
}

/// One booked transaction.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Transaction {
    /// The transaction's id.
    pub transaction_id: String,
    /// The booking date.
    #[serde(with = "super::wire_time::date")]
    pub booked_on: Date,
    /// The amount: negative for money out.
    pub amount: Money,
    /// The other party's name.
    pub counterparty: String,
    /// Reference number or message, as given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference_or_message: Option<String>,
}

/// `GET /v1/accounts/{id}/transactions`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TransactionList {
    /// Newest first.
    pub transactions: Vec<Transaction>,
}
