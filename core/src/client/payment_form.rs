//! The payment form: what the customer typed (or a virtual barcode or, in `payment_qr`,
//! a QR code filled in), checked in
//! the core before anything goes to the bank. Pure: "today" is an argument.
//!
//! The bank checks the same rules again (it is the authority); checking here first gives
//! the customer every problem at once, at the right field, in their language.

use avain_protocol::rules::payments::is_too_far;
use time::{Date, Month};

use crate::error::AvainErrorCode;
use crate::i18n::{self, Language};
use crate::payments::{Barcode, Iban, Money, Reference};

/// The longest payee name the bank accepts (SEPA: 70 characters).
pub const MAX_PAYEE_NAME: usize = avain_protocol::rules::text::PAYEE_NAME_MAX;
/// The longest message (SEPA unstructured remittance information: 140 characters).
pub const MAX_MESSAGE: usize = avain_protocol::rules::text::PAYMENT_MESSAGE_MAX;

/// A payment as the customer filled it in. Every field is text as typed; optional fields
/// may be empty. Pass it to [`Payments::start_payment`](crate::client::Payments::start_payment).
#[derive(Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct PaymentDraft {
    /// The account to pay from (an `account_id` of [`Payments::accounts`](crate::client::Payments::accounts)).
    pub from_account_id: String,
    /// The payee's name.
    pub payee_name: String,
    /// The payee's IBAN, spaces allowed.
    pub payee_iban: String,
    /// The amount as typed ("1 234,50", "12 €"). Empty when not typed yet.
    pub amount: String,
    /// A Finnish or RF reference, or empty.
    pub reference: String,
    /// A message (when there is no reference), or empty.
    pub message: String,
    /// The due date, "24.12.2026" or "2026-12-24"; empty for today.
    pub due_date: String,
    /// The e-invoice this pays, if any (it leaves the e-invoice list once paid).
    pub invoice_id: Option<String>,
}

/// A payment form filled from a virtual barcode.
#[derive(Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct BarcodeForm {
    /// The form: IBAN, reference, due date and (when the barcode has one) the amount.
    /// The payee's name and the account to pay from are for the customer to fill.
    pub draft: PaymentDraft,
    /// The barcode carries no amount (it reads 0,00): the customer must type it. The
    /// amount field is then empty, never "0,00".
    pub amount_required: bool,
    /// The barcode's version (4: Finnish reference, 5: RF reference).
    pub version: u8,
}

/// A field of the payment form, where the app shows a problem.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum PaymentField {
    /// The pasted or scanned virtual barcode.
    Barcode,
    /// The scanned EPC QR code, as a whole (its header, size, purpose or information
    /// line); its other problems are at the field they concern.
    QrCode,
    /// The account paid from.
    FromAccountId,
    /// The account an own-account transfer pays to.
    ToAccountId,
    /// The payee's name.
    PayeeName,
    /// The payee's IBAN.
    PayeeIban,
    /// The amount.
    Amount,
    /// The reference number.
    Reference,
    /// The message to the payee.
    Message,
    /// The due date.
    DueDate,
}

impl PaymentField {
    /// The field's stable snake_case name (`payee_iban`), for logs and the command line.
    pub fn code(self) -> &'static str {
        match self {
            PaymentField::Barcode => "barcode",
            PaymentField::QrCode => "qr_code",
            PaymentField::FromAccountId => "from_account_id",
            PaymentField::ToAccountId => "to_account_id",
            PaymentField::PayeeName => "payee_name",
            PaymentField::PayeeIban => "payee_iban",
            PaymentField::Amount => "amount",
            PaymentField::Reference => "reference",
            PaymentField::Message => "message",
            PaymentField::DueDate => "due_date",
        }
    }
}

/// One problem with one field of the form.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct PaymentFieldError {
    /// The field.
    pub field: PaymentField,
    /// What is wrong (`AmountMissing`, `IbanBadChecksum`, `DueDatePast`, ...).
    pub code: AvainErrorCode,
    /// What to tell the customer, in their language.
    pub message: String,
}

/// A form that passed every check: typed values. `Debug` shows no name or account.
#[derive(Clone, PartialEq, Eq)]
pub(crate) struct ValidPayment {
    pub(crate) from_account_id: String,
    pub(crate) payee_name: String,
    pub(crate) iban: Iban,
    pub(crate) amount: Money,
    pub(crate) reference: Option<Reference>,
    pub(crate) message: Option<String>,
    pub(crate) due_date: Option<Date>,
    pub(crate) invoice_id: Option<String>,
}

/// Fills a form from a virtual barcode (pasted or scanned). The amount stays empty when
/// the barcode has none.
pub fn read_barcode(lang: Language, text: &str) -> Result<BarcodeForm, PaymentFieldError> {
    let barcode = Barcode::parse(text).map_err(|e| PaymentFieldError {
        field: PaymentField::Barcode,
        code: AvainErrorCode::from(e),
        message: e.message(lang),
    })?;
    let amount = barcode.amount().filter(|m| m.cents() > 0);
    Ok(BarcodeForm {
        draft: PaymentDraft {
            payee_iban: barcode.iban().print_form(),
            amount: amount.map(|m| amount_field(lang, m)).unwrap_or_default(),
            reference: barcode.reference().display_form(),
            due_date: barcode
                .due_date()
                .map(crate::confirmation::finnish_date)
                .unwrap_or_default(),
            ..PaymentDraft::default()
        },
        amount_required: amount.is_none(),
        version: barcode.version().number(),
    })
}

/// An amount as it goes into the amount field: no thousands separators or currency,
/// the decimal comma in Finnish and Swedish, the point in English ("14505,94").
pub fn amount_field(lang: Language, amount: Money) -> String {
    let cents = amount.cents().unsigned_abs();
    let separator = if lang == Language::En { '.' } else { ',' };
    format!("{}{separator}{:02}", cents / 100, cents % 100)
}

/// Checks every field; all problems at once, in the form's order.
pub(crate) fn validate(
    lang: Language,
    draft: &PaymentDraft,
    today: Date,
) -> Result<ValidPayment, Vec<PaymentFieldError>> {
    let mut errors = Vec::new();
    let mut fail = |field: PaymentField, code: AvainErrorCode, message: String| {
        errors.push(PaymentFieldError {
            field,
            code,
            message,
        })
    };
    let own = |code: AvainErrorCode| own_message(lang, code);

    let from_account_id = draft.from_account_id.trim().to_owned();
    if from_account_id.is_empty() {
        fail(
            PaymentField::FromAccountId,
            AvainErrorCode::FromAccountMissing,
            own(AvainErrorCode::FromAccountMissing),
        );
    }

    let payee_name = draft.payee_name.trim().to_owned();
    let name_code = if payee_name.is_empty() {
        Some(AvainErrorCode::PayeeNameMissing)
    } else if payee_name.chars().count() > MAX_PAYEE_NAME {
        Some(AvainErrorCode::PayeeNameTooLong)
    } else if payee_name.chars().any(char::is_control) {
        Some(AvainErrorCode::PayeeNameInvalid)
    } else {
        None
    };
    if let Some(code) = name_code {
        fail(PaymentField::PayeeName, code, own(code));
    }

    let iban = match Iban::parse(&draft.payee_iban) {
        Ok(iban) if iban.is_sepa() => Some(iban),
        Ok(_) => {
            fail(
                PaymentField::PayeeIban,
                AvainErrorCode::IbanNotSepa,
                own(AvainErrorCode::IbanNotSepa),
            );
            None
        }
        Err(e) => {
            fail(
                PaymentField::PayeeIban,
                AvainErrorCode::from(e),
                e.message(lang),
            );
            None
        }
    };

    let amount = match check_amount(lang, &draft.amount) {
        Ok(amount) => Some(amount),
        Err((code, message)) => {
            fail(PaymentField::Amount, code, message);
            None
        }
    };

    let reference_text = draft.reference.trim();
    let message_text = draft.message.trim();
    let reference = if reference_text.is_empty() {
        None
    } else {
        match Reference::parse(reference_text) {
            Ok(r) => Some(r),
            Err(e) => {
                fail(
                    PaymentField::Reference,
                    AvainErrorCode::from(e),
                    e.message(lang),
                );
                None
            }
        }
    };
    let message = if !message_text.is_empty() && !reference_text.is_empty() {
        fail(
            PaymentField::Message,
            AvainErrorCode::ReferenceAndMessage,
            own(AvainErrorCode::ReferenceAndMessage),
        );
        None
    } else {
        match check_message(message_text) {
            Ok(message) => message,
            Err(code) => {
                fail(PaymentField::Message, code, own(code));
                None
            }
        }
    };

    let due_date = check_due_date(&draft.due_date, today);
    let due_date = match due_date {
        Ok(d) => d,
        Err(code) => {
            fail(PaymentField::DueDate, code, own(code));
            None
        }
    };

    match (iban, amount) {
        (Some(iban), Some(amount)) if errors.is_empty() => Ok(ValidPayment {
            from_account_id,
            payee_name,
            iban,
            amount,
            reference,
            message,
            due_date,
            invoice_id: draft.invoice_id.clone().filter(|id| !id.trim().is_empty()),
        }),
        _ => Err(errors),
    }
}

/// The amount field: present, a number of euros and cents, above zero. The error carries
/// the code and the customer's message.
pub(super) fn check_amount(lang: Language, text: &str) -> Result<Money, (AvainErrorCode, String)> {
    let own = |code: AvainErrorCode| (code, own_message(lang, code));
    if text.trim().is_empty() {
        return Err(own(AvainErrorCode::AmountMissing));
    }
    match Money::parse(text) {
        Ok(m) if m.cents() == 0 => Err(own(AvainErrorCode::AmountZero)),
        Ok(m) => Ok(m),
        Err(e) => Err((AvainErrorCode::from(e), e.message(lang))),
    }
}

/// The message field, trimmed: none when empty, else at most [`MAX_MESSAGE`] characters
/// and no control characters.
pub(super) fn check_message(text: &str) -> Result<Option<String>, AvainErrorCode> {
    let text = text.trim();
    if text.is_empty() {
        Ok(None)
    } else if text.chars().count() > MAX_MESSAGE {
        Err(AvainErrorCode::MessageTooLong)
    } else if text.chars().any(char::is_control) {
        Err(AvainErrorCode::MessageInvalid)
    } else {
        Ok(Some(text.to_owned()))
    }
}

/// The due date field: none when empty (today), else a date from today to a year ahead.
pub(super) fn check_due_date(text: &str, today: Date) -> Result<Option<Date>, AvainErrorCode> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    match parse_date(text) {
        None => Err(AvainErrorCode::DueDateInvalid),
        Some(d) if d < today => Err(AvainErrorCode::DueDatePast),
        Some(d) if is_too_far(d, today) => Err(AvainErrorCode::DueDateTooFar),
        Some(d) => Ok(Some(d)),
    }
}

/// The core's own message for a form error code (`client-error-<code>`).
pub(super) fn own_message(lang: Language, code: AvainErrorCode) -> String {
    i18n::text(
        lang,
        &format!("client-error-{}", code.as_str().replace('_', "-")),
    )
}

/// "24.12.2026" (also with a two-digit day or month, or a trailing dot) or "2026-12-24".
pub(crate) fn parse_date(text: &str) -> Option<Date> {
    let (day, month, year) = if let Some((y, rest)) = text.split_once('-') {
        let (m, d) = rest.split_once('-')?;
        (d, m, y)
    } else {
        let mut parts = text.trim_end_matches('.').split('.');
        let (d, m, y) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some() {
            return None;
        }
        (d, m, y)
    };
    let number = |s: &str, max_len: usize| -> Option<u32> {
        (!s.is_empty() && s.len() <= max_len && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    if year.len() != 4 {
        return None;
    }
    let year = i32::try_from(number(year, 4)?).ok()?;
    let month = Month::try_from(u8::try_from(number(month, 2)?).ok()?).ok()?;
    let day = u8::try_from(number(day, 2)?).ok()?;
    Date::from_calendar_date(year, month, day).ok()
}

impl std::fmt::Debug for ValidPayment {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ValidPayment")
            .field("from_account_id", &self.from_account_id)
            .field("amount", &self.amount)
            .finish_non_exhaustive()
    }
}

impl std::fmt::Debug for PaymentDraft {
    /// Ids and codes only: names, IBANs and texts are personal data and stay out of logs.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PaymentDraft")
            .field("from_account_id", &self.from_account_id)
            .field("invoice_id", &self.invoice_id)
            .finish_non_exhaustive()
    }
}

impl std::fmt::Debug for BarcodeForm {
    /// Ids and codes only: names, IBANs and texts are personal data and stay out of logs.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BarcodeForm")
            .field("draft", &self.draft)
            .field("amount_required", &self.amount_required)
            .field("version", &self.version)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    const TODAY: Date = date!(2026 - 11 - 22);

    fn draft() -> PaymentDraft {
        PaymentDraft {
            from_account_id: "acc_anna_current".into(),
            payee_name: "Helsingin Energia Oy".into(),
            payee_iban: "FI21 1234 5600 0007 85".into(),
            amount: "145,50".into(),
            reference: "12 34561".into(),
            ..PaymentDraft::default()
        }
    }

    fn codes(result: Result<ValidPayment, Vec<PaymentFieldError>>) -> Vec<AvainErrorCode> {
        result.unwrap_err().into_iter().map(|e| e.code).collect()
    }

    #[test]
    fn a_good_form_gives_typed_values() {
        let valid = validate(Language::Fi, &draft(), TODAY).unwrap();
        assert_eq!(valid.amount, Money::from_cents(14_550));
        assert_eq!(valid.iban.electronic(), "FI2112345600000785");
        assert_eq!(valid.reference.unwrap().machine(), "1234561");
        assert_eq!(valid.due_date, None);
        assert_eq!(valid.message, None);
    }

    #[test]
    fn every_problem_is_reported_at_its_field_at_once() {
        let bad = PaymentDraft {
            from_account_id: " ".into(),
            payee_name: "".into(),
            payee_iban: "FI21 1234 5600 0007 86".into(),
            amount: "".into(),
            reference: "1234".into(),
            message: "Kiitos".into(),
            due_date: "21.11.2026".into(),
            invoice_id: None,
        };
        let errors = validate(Language::Sv, &bad, TODAY).unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|e| e.field.code()).collect();
        assert_eq!(
            fields,
            [
                "from_account_id",
                "payee_name",
                "payee_iban",
                "amount",
                "reference",
                "message",
                "due_date"
            ]
        );
        let codes: Vec<AvainErrorCode> = errors.iter().map(|e| e.code).collect();
        assert_eq!(
            codes,
            [
                AvainErrorCode::FromAccountMissing,
                AvainErrorCode::PayeeNameMissing,
                AvainErrorCode::IbanBadChecksum,
                AvainErrorCode::AmountMissing,
                AvainErrorCode::ReferenceBadCheckDigit,
                AvainErrorCode::ReferenceAndMessage,
                AvainErrorCode::DueDatePast
            ]
        );
        for e in &errors {
            assert!(
                !e.message.is_empty() && !e.message.starts_with("client-error"),
                "{e:?}"
            );
            // No typed value comes back in a message.
            assert!(!e.message.contains("1234") && !e.message.contains("FI21"));
        }
    }

    #[test]
    fn amounts_zero_negative_and_too_large_are_refused() {
        for (amount, code) in [
            ("0,00", AvainErrorCode::AmountZero),
            ("-5", AvainErrorCode::AmountNegative),
            ("abc", AvainErrorCode::AmountNotANumber),
            ("1,234", AvainErrorCode::AmountTooManyDecimals),
            ("1000000000", AvainErrorCode::AmountTooLarge),
        ] {
            let d = PaymentDraft {
                amount: amount.into(),
                ..draft()
            };
            assert_eq!(codes(validate(Language::Fi, &d, TODAY)), [code], "{amount}");
        }
    }

    #[test]
    fn names_messages_and_dates_have_limits() {
        let long = PaymentDraft {
            payee_name: "x".repeat(71),
            ..draft()
        };
        assert_eq!(
            codes(validate(Language::En, &long, TODAY)),
            [AvainErrorCode::PayeeNameTooLong]
        );
        let message = PaymentDraft {
            reference: String::new(),
            message: "y".repeat(141),
            ..draft()
        };
        assert_eq!(
            codes(validate(Language::En, &message, TODAY)),
            [AvainErrorCode::MessageTooLong]
        );
        let far = PaymentDraft {
            due_date: "2027-11-23".into(),
            ..draft()
        };
        assert_eq!(
            codes(validate(Language::En, &far, TODAY)),
            [AvainErrorCode::DueDateTooFar]
        );
        let nonsense = PaymentDraft {
            due_date: "31.2.2027".into(),
            ..draft()
        };
        assert_eq!(
            codes(validate(Language::En, &nonsense, TODAY)),
            [AvainErrorCode::DueDateInvalid]
        );
        let ok = PaymentDraft {
            due_date: "24.12.2026".into(),
            reference: String::new(),
            message: "Joulukuun vuokra".into(),
            ..draft()
        };
        let valid = validate(Language::Fi, &ok, TODAY).unwrap();
        assert_eq!(valid.due_date, Some(date!(2026 - 12 - 24)));
        assert_eq!(valid.message.as_deref(), Some("Joulukuun vuokra"));
    }

    #[test]
    fn dates_parse_in_finnish_and_iso_form_only() {
        assert_eq!(parse_date("1.2.2027"), Some(date!(2027 - 02 - 01)));
        assert_eq!(parse_date("01.02.2027."), Some(date!(2027 - 02 - 01)));
        assert_eq!(parse_date("2027-02-01"), Some(date!(2027 - 02 - 01)));
        for bad in [
            "",
            "1.2.27",
            "1/2/2027",
            "2027-2",
            "a.b.cccc",
            "1.2.2027.5",
            "+1.2.2027",
        ] {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_barcode_fills_the_form_and_never_prefills_a_zero_amount() {
        let with_amount = Barcode::new(
            &Iban::parse("FI7944052020036082").unwrap(),
            Some(Money::from_cents(48_299)),
            Reference::parse("868516259619897").unwrap(),
            Some(date!(2010 - 06 - 12)),
        )
        .unwrap();
        let form = read_barcode(Language::Fi, &with_amount.digits()).unwrap();
        assert!(!form.amount_required);
        assert_eq!(form.draft.amount, "482,99");
        assert_eq!(form.draft.payee_iban, "FI79 4405 2020 0360 82");
        assert_eq!(form.draft.due_date, "12.6.2010");
        assert_eq!(form.version, 4);
        assert_eq!(
            Money::parse(&form.draft.amount).unwrap(),
            Money::from_cents(48_299)
        );
        let en = read_barcode(Language::En, &with_amount.digits()).unwrap();
        assert_eq!(en.draft.amount, "482.99");

        let without = Barcode::new(
            &Iban::parse("FI7944052020036082").unwrap(),
            None,
            Reference::parse("868516259619897").unwrap(),
            None,
        )
        .unwrap();
        let form = read_barcode(Language::Fi, &without.digits()).unwrap();
        assert!(form.amount_required);
        assert_eq!(form.draft.amount, "");
        assert_eq!(form.draft.due_date, "");
        // Submitted as is, the form asks for the amount instead of paying 0,00 €.
        let mut d = form.draft;
        d.from_account_id = "acc".into();
        d.payee_name = "Energia".into();
        assert_eq!(
            codes(validate(Language::Fi, &d, TODAY)),
            [AvainErrorCode::AmountMissing]
        );

        let err = read_barcode(Language::Fi, "12345").unwrap_err();
        assert_eq!(err.code, AvainErrorCode::BarcodeBadLength);
        assert!(!err.message.is_empty());
    }
}
