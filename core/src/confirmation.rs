//! The texts the customer reads before approving something: a payment, a transfer
//! between own accounts, a login, a third-party identification, a document signature, a
//! device removal.
//!
//! The exact text shown is what gets hashed into the signed bytes (`shown_text` in
//! docs/protocol.md) and kept in the receipt, so it is rendered here, in the core, once
//! for every shell: the phone cannot show one thing and sign another. Every field that
//! the signed bytes carry (amount, payee name and IBAN, reference) appears in the text.

use time::Date;

use crate::api::{Payment, PaymentKind};
use crate::i18n::{Arg, Language, text_with};
use crate::payments::{Iban, Money, Reference};

/// What a payment confirmation shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaymentDetails {
    /// Amount in cents (positive).
    pub amount: Money,
    /// The payee's name as the customer typed it or the invoice gave it.
    pub payee_name: String,
    /// The payee's account.
    pub payee_iban: Iban,
    /// The reference, if the payment has one.
    pub reference: Option<Reference>,
    /// The message, if the payment has one instead of a reference.
    pub message: Option<String>,
    /// The due date, if not today.
    pub due_date: Option<Date>,
    /// Whether the bank has never seen this customer pay to this account (an SMS code
    /// is asked for as well).
    pub new_payee: bool,
}

impl PaymentDetails {
    /// What the confirmation of `payment` shows, from the bank's record of it: the phone
    /// renders the text it signs from this, and the bank renders the text it accepts from
    /// the same record, so both arrive at the same bytes. The due date is shown when it is
    /// not the day the payment was made; the SMS line when the payee is new. `None` when
    /// the record does not parse (then nothing is shown or signed).
    pub fn of(payment: &Payment) -> Option<PaymentDetails> {
        if payment.amount.cents <= 0 || payment.kind != PaymentKind::Payment {
            return None;
        }
        let reference = payment
            .reference
            .as_deref()
            .map(Reference::parse)
            .transpose()
            .ok()?;
        Some(PaymentDetails {
            amount: Money::from_cents(payment.amount.cents),
            payee_name: payment.payee_name.clone(),
            payee_iban: Iban::parse(payment.payee_iban.as_str()).ok()?,
            reference,
            message: payment.message.clone(),
            due_date: (payment.due_date != payment.created_at.date()).then_some(payment.due_date),
            new_payee: payment.new_payee,
        })
    }
}

/// What the confirmation of a transfer between two accounts of the same customer shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TransferDetails {
    /// Amount in cents (positive).
    pub amount: Money,
    /// The account the money leaves.
    pub from_iban: Iban,
    /// The name of the account it goes to ("Säästötili").
    pub to_name: String,
    /// The account it goes to.
    pub to_iban: Iban,
    /// The message, if any.
    pub message: Option<String>,
    /// The due date, if not today.
    pub due_date: Option<Date>,
}

impl TransferDetails {
    /// What the confirmation of the transfer `payment` shows, from the bank's record of
    /// it (as [`PaymentDetails::of`] does for payments). `None` when the record is not a
    /// transfer or does not parse (then nothing is shown or signed).
    pub fn of(payment: &Payment) -> Option<TransferDetails> {
        if payment.amount.cents <= 0 || payment.kind != PaymentKind::OwnTransfer {
            return None;
        }
        let from_iban = Iban::parse(payment.from_iban.as_ref()?.as_str()).ok()?;
        let to_iban = Iban::parse(payment.payee_iban.as_str()).ok()?;
        if from_iban == to_iban || payment.reference.is_some() {
            return None;
        }
        Some(TransferDetails {
            amount: Money::from_cents(payment.amount.cents),
            from_iban,
            to_name: payment.payee_name.clone(),
            to_iban,
            message: payment.message.clone(),
            due_date: (payment.due_date != payment.created_at.date()).then_some(payment.due_date),
        })
    }
}

/// The confirmation text of the payment or transfer `payment` (the bank's record), by its
/// kind; `None` for a kind this version does not know or a record that does not parse.
pub fn of_record(lang: Language, payment: &Payment) -> Option<String> {
    match payment.kind {
        PaymentKind::Payment => PaymentDetails::of(payment).map(|d| self::payment(lang, &d)),
        PaymentKind::OwnTransfer => TransferDetails::of(payment).map(|d| own_transfer(lang, &d)),
        PaymentKind::Unknown => None,
    }
}

/// The confirmation text of a transfer between own accounts, one item per line: both
/// accounts and the amount (the signed fields), then the message and the due date.
pub fn own_transfer(lang: Language, details: &TransferDetails) -> String {
    let mut lines = vec![
        text_with(lang, "confirm-transfer-title", &[]),
        line(
            lang,
            "confirm-transfer-from",
            details.from_iban.print_form(),
        ),
        text_with(
            lang,
            "confirm-transfer-to",
            &[
                ("name", Arg::Text(details.to_name.clone())),
                ("iban", Arg::Text(details.to_iban.print_form())),
            ],
        ),
        line(lang, "confirm-amount", details.amount.format(lang)),
    ];
    if let Some(message) = &details.message {
        lines.push(line(lang, "confirm-message", message.clone()));
    }
    if let Some(due) = details.due_date {
        lines.push(line(lang, "confirm-due-date", finnish_date(due)));
    }
    lines.join("\n")
}

/// The confirmation text of a payment, one item per line.
pub fn payment(lang: Language, details: &PaymentDetails) -> String {
    let mut lines = vec![
        text_with(lang, "confirm-payment-title", &[]),
        line(lang, "confirm-payee", details.payee_name.clone()),
        line(lang, "confirm-account", details.payee_iban.print_form()),
        line(lang, "confirm-amount", details.amount.format(lang)),
    ];
    if let Some(reference) = &details.reference {
        lines.push(line(lang, "confirm-reference", reference.display_form()));
    }
    if let Some(message) = &details.message {
        lines.push(line(lang, "confirm-message", message.clone()));
    }
    if let Some(due) = details.due_date {
        lines.push(line(lang, "confirm-due-date", finnish_date(due)));
    }
    if details.new_payee {
        lines.push(text_with(lang, "confirm-new-payee", &[]));
    }
    lines.join("\n")
}

/// Where a login happens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LoginChannel<'a> {
    /// Logging in to this app.
    App,
    /// Logging in to the online bank in a browser that shows `code`: the customer
    /// compares it with the one in the app before approving.
    OnlineBank {
        /// The short code both screens show.
        code: &'a str,
    },
}

/// The confirmation text of a login.
pub fn login(lang: Language, channel: LoginChannel<'_>) -> String {
    match channel {
        LoginChannel::App => text_with(lang, "confirm-login-app", &[]),
        LoginChannel::OnlineBank { code } => text_with(
            lang,
            "confirm-login-online-bank",
            &[("code", Arg::from(code))],
        ),
    }
}

/// The confirmation text of a strong identification for a third party (the tax
/// authority, Kela, ...) through an identification broker.
pub fn identification(lang: Language, requester: &str, broker: &str) -> String {
    text_with(
        lang,
        "confirm-identification",
        &[
            ("requester", Arg::from(requester)),
            ("broker", Arg::from(broker)),
        ],
    )
}

/// The confirmation text of signing a document.
pub fn document_signing(lang: Language, title: &str) -> String {
    text_with(
        lang,
        "confirm-document-signing",
        &[("title", Arg::from(title))],
    )
}

/// The confirmation text of removing a trusted device.
pub fn device_removal(lang: Language, device_name: &str) -> String {
    text_with(
        lang,
        "confirm-device-removal",
        &[("device", Arg::from(device_name))],
    )
}

fn line(lang: Language, id: &str, value: String) -> String {
    text_with(lang, id, &[("value", Arg::Text(value))])
}

/// "24.12.2026": how Finnish and Swedish (and this bank's English) write dates.
pub fn finnish_date(date: Date) -> String {
    format!("{}.{}.{}", date.day(), u8::from(date.month()), date.year())
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::{date, datetime};

    fn invoice() -> PaymentDetails {
        PaymentDetails {
            amount: Money::from_cents(1_450_594),
            payee_name: "Helsingin Energia Oy".to_owned(),
            payee_iban: Iban::parse("FI2112345600000785").expect("valid IBAN"),
            reference: Some(Reference::parse("1234561").expect("valid reference")),
            message: None,
            due_date: Some(date!(2026 - 12 - 24)),
            new_payee: true,
        }
    }

    #[test]
    fn a_payment_shows_every_signed_field_in_finnish() {
        assert_eq!(
            payment(Language::Fi, &invoice()),
            "Vahvista maksu\n\
             Saaja: Helsingin Energia Oy\n\
             Tilinumero: FI21 1234 5600 0007 85\n\
             Summa: 14\u{a0}505,94\u{a0}€\n\
             Viite: 12 34561\n\
             Eräpäivä: 24.12.2026\n\
             Maksat tälle saajalle ensimmäistä kertaa. Saat tekstiviestinä turvaluvun."
        );
    }

    fn bank_payment() -> Payment {
        Payment {
            payment_id: "pay_1".into(),
            kind: PaymentKind::Payment,
            from_account_id: "acc_anna_current".into(),
            from_iban: None,
            payee_name: "Helsingin Energia Oy".into(),
            payee_iban: crate::api::Personal::from("FI2112345600000785"),
            amount: crate::api::Money::eur(14_550),
            reference: Some("1234561".into()),
            message: None,
            due_date: date!(2026 - 12 - 24),
            status: crate::api::PaymentStatus::AwaitingApproval,
            new_payee: true,
            created_at: datetime!(2026-11-22 10:00 UTC),
        }
    }

    #[test]
    fn the_confirmation_shows_the_banks_record() {
        let details = PaymentDetails::of(&bank_payment()).unwrap();
        let text = payment(Language::Fi, &details);
        assert!(text.contains("145,50\u{a0}€"), "{text}");
        assert!(text.contains("FI21 1234 5600 0007 85"));
        assert!(text.contains("Eräpäivä: 24.12.2026"));
        assert!(text.contains("tekstiviestinä"));
        let mut today = bank_payment();
        today.due_date = date!(2026 - 11 - 22);
        today.new_payee = false;
        let text = payment(Language::Fi, &PaymentDetails::of(&today).unwrap());
        assert!(
            !text.contains("Eräpäivä") && !text.contains("tekstiviest"),
            "{text}"
        );
        let mut broken = bank_payment();
        broken.payee_iban = crate::api::Personal::from("FI00");
        assert!(PaymentDetails::of(&broken).is_none());
        let mut zero = bank_payment();
        zero.amount = crate::api::Money::eur(0);
        assert!(PaymentDetails::of(&zero).is_none());
    }

    fn bank_transfer() -> Payment {
        Payment {
            kind: PaymentKind::OwnTransfer,
            from_iban: Some(crate::api::Personal::from("FI4950009420028730")),
            payee_name: "Säästötili".into(),
            reference: None,
            message: Some("Lomarahat".into()),
            new_payee: false,
            ..bank_payment()
        }
    }

    #[test]
    fn a_transfer_shows_both_accounts_and_the_amount() {
        let text = of_record(Language::Fi, &bank_transfer()).unwrap();
        assert_eq!(
            text,
            "Vahvista siirto omien tilien välillä\n\
             Tililtä: FI49 5000 9420 0287 30\n\
             Tilille: Säästötili, FI21 1234 5600 0007 85\n\
             Summa: 145,50\u{a0}€\n\
             Viesti: Lomarahat\n\
             Eräpäivä: 24.12.2026"
        );
        for lang in Language::ALL {
            let text = of_record(lang, &bank_transfer()).unwrap();
            assert!(text.contains("FI49 5000 9420 0287 30"), "{text}");
            assert!(text.contains("FI21 1234 5600 0007 85"), "{text}");
        }
        // A payment's text is not a transfer's, and neither renders as the other.
        assert!(PaymentDetails::of(&bank_transfer()).is_none());
        assert!(TransferDetails::of(&bank_payment()).is_none());
        let mut no_source = bank_transfer();
        no_source.from_iban = None;
        assert!(of_record(Language::Fi, &no_source).is_none());
        let mut to_itself = bank_transfer();
        to_itself.from_iban = Some(to_itself.payee_iban.clone());
        assert!(of_record(Language::Fi, &to_itself).is_none());
        let mut unknown = bank_transfer();
        unknown.kind = PaymentKind::Unknown;
        assert!(of_record(Language::Fi, &unknown).is_none());
    }

    #[test]
    fn a_payment_reads_naturally_in_swedish_and_english() {
        let sv = payment(Language::Sv, &invoice());
        assert!(sv.starts_with("Bekräfta betalningen\nMottagare: Helsingin Energia Oy\n"));
        assert!(sv.contains("Belopp: 14\u{a0}505,94\u{a0}€"));
        assert!(sv.contains("Förfallodag: 24.12.2026"));
        let en = payment(Language::En, &invoice());
        assert!(en.contains("Amount: €14,505.94"), "{en}");
        assert!(en.contains("Account: FI21 1234 5600 0007 85"));
    }

    #[test]
    fn a_message_replaces_the_reference_and_known_payees_get_no_sms_line() {
        let details = PaymentDetails {
            reference: None,
            message: Some("Vuokra joulukuu".to_owned()),
            due_date: None,
            new_payee: false,
            ..invoice()
        };
        let text = payment(Language::Fi, &details);
        assert!(text.contains("Viesti: Vuokra joulukuu"));
        assert!(!text.contains("Viite"));
        assert!(!text.contains("Eräpäivä"));
        assert!(!text.contains("tekstiviest"));
    }

    #[test]
    fn different_amounts_give_different_texts() {
        let other = PaymentDetails {
            amount: Money::from_cents(1_450_595),
            ..invoice()
        };
        for lang in Language::ALL {
            assert_ne!(payment(lang, &invoice()), payment(lang, &other));
        }
    }

    #[test]
    fn the_other_approvals_name_what_is_approved() {
        for lang in Language::ALL {
            assert!(identification(lang, "Verohallinto", "Signicat").contains("Verohallinto"));
            assert!(identification(lang, "Verohallinto", "Signicat").contains("Signicat"));
            assert!(document_signing(lang, "Asuntolaina 2026").contains("Asuntolaina 2026"));
            assert!(device_removal(lang, "Annan iPad").contains("Annan iPad"));
            assert!(login(lang, LoginChannel::OnlineBank { code: "4821" }).contains("4821"));
            assert!(!login(lang, LoginChannel::App).is_empty());
        }
    }
}
