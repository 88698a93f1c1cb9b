//! The EPC QR code of invoices: the "BCD" SEPA credit-transfer payload of the European
//! Payments Council's guideline EPC069-12 (versions 001 and 002), which Finance Finland's
//! bar code guide also describes for Finnish invoices. The platform's scanner decodes
//! the image and hands the core the text; this reads it.
//!
//! ```text
//! BCD                      service tag
//! 002                      version: 001 (BIC mandatory) or 002 (BIC optional)
//! 1                        character set: 1 UTF-8, 2-8 ISO 8859-1/-2/-4/-5/-7/-10/-15
//! SCT                      identification: SEPA credit transfer
//! BPOTBEB1                 BIC (8 or 11 characters)
//! Red Cross of Belgium     beneficiary's name (at most 70)
//! BE72000000001616         IBAN
//! EUR1                     amount, EUR0.01-EUR999999999.99 (optional)
//! CHAR                     purpose, 4 characters (optional)
//!                          structured reference: RF or, on Finnish invoices, Finnish
//! Urgency fund             unstructured remittance text (at most 140), XOR the reference
//! Sample EPC QR code       beneficiary-to-originator information (at most 70)
//! ```
//! Elements are separated by LF or CRLF; trailing empty elements may be left out, and
//! nothing may follow the twelfth (one final line break is tolerated: it carries no
//! data). The whole payload is at most 331 bytes. The payload has no due date; Finance
//! Finland's guide puts it, if at all, in the information line as
//! `ReqdExctnDt/YYYY-MM-DD`, which is read here.
//!
//! For character sets 2-8 the scanner has already decoded the bytes into text, so the
//! text is taken as given; the declared set must only be one the guideline allows.

use time::{Date, Month};

use super::iban::Iban;
use super::localized;
use super::money::Money;
use super::payment_reference::Reference;
use crate::Language;

/// The most bytes an EPC QR payload may have.
pub const MAX_EPC_QR_BYTES: usize = 331;
/// The largest amount an EPC QR code carries: 999 999 999,99 €.
pub const MAX_EPC_QR_CENTS: i64 = 99_999_999_999;
/// The marker of a due date in the information line (Finance Finland's bar code guide).
pub const DUE_DATE_MARKER: &str = "ReqdExctnDt/";

const MAX_NAME: usize = 70;
const MAX_REFERENCE: usize = 35;
const MAX_TEXT: usize = 140;
const MAX_INFO: usize = 70;
const ELEMENTS: usize = 12;

/// The two versions of the guideline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EpcQrVersion {
    /// Version 001: the BIC is mandatory.
    V001,
    /// Version 002: the BIC is optional (within the EEA).
    V002,
}

impl EpcQrVersion {
    /// 1 or 2.
    pub fn number(self) -> u8 {
        match self {
            EpcQrVersion::V001 => 1,
            EpcQrVersion::V002 => 2,
        }
    }
}

/// Why a text is not a usable EPC QR payload. Checked in the order of
/// [`EpcQrError::ALL`] (the payload's elements, the size once the character set is known);
/// the first failure is returned. No part of the payload is ever in the error.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum EpcQrError {
    /// More than 331 bytes.
    #[error("the QR code's payload is too long")]
    TooLong,
    /// The first element is not "BCD": not an EPC payment QR code.
    #[error("the QR code is not an EPC payment code")]
    NotEpc,
    /// The version is not 001 or 002.
    #[error("the QR code's version is not supported")]
    UnsupportedVersion,
    /// The character set is not 1-8.
    #[error("the QR code's character set is not supported")]
    UnsupportedCharset,
    /// The identification is not "SCT".
    #[error("the QR code is not a SEPA credit transfer")]
    UnsupportedIdentification,
    /// Version 001 without a BIC.
    #[error("the QR code has no BIC")]
    MissingBic,
    /// The BIC is not 8 or 11 characters of the BIC's form.
    #[error("the QR code's BIC is not valid")]
    InvalidBic,
    /// A Finnish IBAN whose bank has another BIC.
    #[error("the QR code's BIC is not the bank of its account")]
    BicMismatch,
    /// No beneficiary name.
    #[error("the QR code has no payee name")]
    MissingName,
    /// The name is longer than 70 characters.
    #[error("the QR code's payee name is too long")]
    NameTooLong,
    /// The name has a control character.
    #[error("the QR code's payee name has a character it cannot have")]
    InvalidName,
    /// No IBAN.
    #[error("the QR code has no account number")]
    MissingIban,
    /// The IBAN is not valid.
    #[error("the QR code's account number is not valid")]
    InvalidIban,
    /// The IBAN is valid but outside SEPA.
    #[error("the QR code's account is outside SEPA")]
    IbanNotSepa,
    /// The amount is not "EUR" and a number with at most two decimals after a point.
    #[error("the QR code's amount is not valid")]
    InvalidAmount,
    /// The amount is not 0,01-999 999 999,99 €.
    #[error("the QR code's amount is out of range")]
    AmountOutOfRange,
    /// The purpose is not four letters or digits.
    #[error("the QR code's purpose code is not valid")]
    InvalidPurpose,
    /// The structured reference is neither a valid RF nor a valid Finnish reference.
    #[error("the QR code's reference is not valid")]
    InvalidReference,
    /// Both a structured reference and a remittance text (the guideline allows one).
    #[error("the QR code has both a reference and a message")]
    ReferenceAndMessage,
    /// The remittance text is longer than 140 characters.
    #[error("the QR code's message is too long")]
    MessageTooLong,
    /// The remittance text has a control character.
    #[error("the QR code's message has a character it cannot have")]
    InvalidMessage,
    /// The information line is longer than 70 characters.
    #[error("the QR code's information line is too long")]
    InfoTooLong,
    /// The information line has a control character.
    #[error("the QR code's information line has a character it cannot have")]
    InvalidInfo,
    /// `ReqdExctnDt/` is not followed by a real date YYYY-MM-DD.
    #[error("the QR code's due date is not a valid date")]
    InvalidDueDate,
    /// Data after the twelfth element.
    #[error("the QR code has data after its last element")]
    TrailingData,
}

impl EpcQrError {
    /// Every variant, in checking order (a text over four times the size limit is
    /// `TooLong` before anything else is read).
    pub const ALL: [EpcQrError; 25] = [
        EpcQrError::NotEpc,
        EpcQrError::UnsupportedVersion,
        EpcQrError::UnsupportedCharset,
        EpcQrError::TooLong,
        EpcQrError::UnsupportedIdentification,
        EpcQrError::TrailingData,
        EpcQrError::MissingBic,
        EpcQrError::InvalidBic,
        EpcQrError::MissingName,
        EpcQrError::NameTooLong,
        EpcQrError::InvalidName,
        EpcQrError::MissingIban,
        EpcQrError::InvalidIban,
        EpcQrError::IbanNotSepa,
        EpcQrError::BicMismatch,
        EpcQrError::InvalidAmount,
        EpcQrError::AmountOutOfRange,
        EpcQrError::InvalidPurpose,
        EpcQrError::InvalidReference,
        EpcQrError::MessageTooLong,
        EpcQrError::InvalidMessage,
        EpcQrError::ReferenceAndMessage,
        EpcQrError::InfoTooLong,
        EpcQrError::InvalidInfo,
        EpcQrError::InvalidDueDate,
    ];

    /// Stable snake_case code.
    pub fn code(self) -> &'static str {
        match self {
            EpcQrError::TooLong => "too_long",
            EpcQrError::NotEpc => "not_epc",
            EpcQrError::UnsupportedVersion => "unsupported_version",
            EpcQrError::UnsupportedCharset => "unsupported_charset",
            EpcQrError::UnsupportedIdentification => "unsupported_identification",
            EpcQrError::MissingBic => "missing_bic",
            EpcQrError::InvalidBic => "invalid_bic",
            EpcQrError::BicMismatch => "bic_mismatch",
            EpcQrError::MissingName => "missing_name",
            EpcQrError::NameTooLong => "name_too_long",
            EpcQrError::InvalidName => "invalid_name",
            EpcQrError::MissingIban => "missing_iban",
            EpcQrError::InvalidIban => "invalid_iban",
            EpcQrError::IbanNotSepa => "iban_not_sepa",
            EpcQrError::InvalidAmount => "invalid_amount",
            EpcQrError::AmountOutOfRange => "amount_out_of_range",
            EpcQrError::InvalidPurpose => "invalid_purpose",
            EpcQrError::InvalidReference => "invalid_reference",
            EpcQrError::ReferenceAndMessage => "reference_and_message",
            EpcQrError::MessageTooLong => "message_too_long",
            EpcQrError::InvalidMessage => "invalid_message",
            EpcQrError::InfoTooLong => "info_too_long",
            EpcQrError::InvalidInfo => "invalid_info",
            EpcQrError::InvalidDueDate => "invalid_due_date",
            EpcQrError::TrailingData => "trailing_data",
        }
    }

    /// What to tell the customer, in `lang`.
    pub fn message(self, lang: Language) -> String {
        localized(lang, "qr", self.code())
    }
}

/// A decoded EPC QR code: what it fills into a payment.
///
/// `Debug` shows the version and which fields are present, never the name, account,
/// reference or texts.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct EpcQr {
    version: EpcQrVersion,
    character_set: u8,
    bic: Option<String>,
    name: String,
    iban: Iban,
    amount: Option<Money>,
    purpose: Option<String>,
    reference: Option<Reference>,
    message: Option<String>,
    info: Option<String>,
    due_date: Option<Date>,
}

impl EpcQr {
    /// Reads a payload as the scanner hands it over. `today` is the day the Finnish BIC
    /// table applies to: a Finnish IBAN's BIC, when the code has one, must be its bank's.
    pub fn parse(text: &str, today: Date) -> Result<EpcQr, EpcQrError> {
        // A cheap bound before splitting: UTF-8 needs at most four bytes a character.
        if text.len() > 4 * MAX_EPC_QR_BYTES {
            return Err(EpcQrError::TooLong);
        }
        let elements = split(text);
        let field = |i: usize| elements.get(i).map_or("", |e| e.trim());
        if field(0) != "BCD" {
            return Err(EpcQrError::NotEpc);
        }
        let version = match field(1) {
            "001" => EpcQrVersion::V001,
            "002" => EpcQrVersion::V002,
            _ => return Err(EpcQrError::UnsupportedVersion),
        };
        let character_set = match field(2).as_bytes() {
            [digit @ b'1'..=b'8'] => digit - b'0',
            _ => return Err(EpcQrError::UnsupportedCharset),
        };
        // A payload in a single-byte set has one byte per character.
        let size = if character_set == 1 {
            text.len()
        } else {
            text.chars().count()
        };
        if size > MAX_EPC_QR_BYTES {
            return Err(EpcQrError::TooLong);
        }
        if field(3) != "SCT" {
            return Err(EpcQrError::UnsupportedIdentification);
        }
        if elements.len() > ELEMENTS {
            return Err(EpcQrError::TrailingData);
        }
        let bic = match field(4) {
            "" if version == EpcQrVersion::V001 => return Err(EpcQrError::MissingBic),
            "" => None,
            bic if is_bic(bic) => Some(bic.to_ascii_uppercase()),
            _ => return Err(EpcQrError::InvalidBic),
        };
        let name = checked_text(
            field(5),
            MAX_NAME,
            EpcQrError::NameTooLong,
            EpcQrError::InvalidName,
        )?
        .ok_or(EpcQrError::MissingName)?;
        let iban = match field(6) {
            "" => return Err(EpcQrError::MissingIban),
            text => Iban::parse(text).map_err(|_| EpcQrError::InvalidIban)?,
        };
        if !iban.is_sepa() {
            return Err(EpcQrError::IbanNotSepa);
        }
        if let (Some(bic), Some(bank_bic)) = (&bic, iban.finnish_bic(today)) {
            // The table holds the 8-character BIC; an 11-character one adds a branch.
            if !bic.starts_with(bank_bic) {
                return Err(EpcQrError::BicMismatch);
            }
        }
        let amount = match field(7) {
            "" => None,
            text => Some(parse_amount(text)?),
        };
        let purpose = match field(8) {
            "" => None,
            p if p.len() == 4 && p.bytes().all(|b| b.is_ascii_alphanumeric()) => Some(p.to_owned()),
            _ => return Err(EpcQrError::InvalidPurpose),
        };
        let reference = match field(9) {
            "" => None,
            r if r.chars().count() > MAX_REFERENCE => return Err(EpcQrError::InvalidReference),
            r => Some(Reference::parse(r).map_err(|_| EpcQrError::InvalidReference)?),
        };
        let message = checked_text(
            field(10),
            MAX_TEXT,
            EpcQrError::MessageTooLong,
            EpcQrError::InvalidMessage,
        )?;
        if reference.is_some() && message.is_some() {
            return Err(EpcQrError::ReferenceAndMessage);
        }
        let info = checked_text(
            field(11),
            MAX_INFO,
            EpcQrError::InfoTooLong,
            EpcQrError::InvalidInfo,
        )?;
        let due_date = info.as_deref().map(due_date).transpose()?.flatten();
        Ok(EpcQr {
            version,
            character_set,
            bic,
            name,
            iban,
            amount,
            purpose,
            reference,
            message,
            info,
            due_date,
        })
    }

    /// 001 or 002.
    pub fn version(&self) -> EpcQrVersion {
        self.version
    }

    /// The declared character set, 1 (UTF-8) to 8.
    pub fn character_set(&self) -> u8 {
        self.character_set
    }

    /// The BIC in upper case, if the code has one.
    pub fn bic(&self) -> Option<&str> {
        self.bic.as_deref()
    }

    /// The beneficiary's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The beneficiary's IBAN.
    pub fn iban(&self) -> &Iban {
        &self.iban
    }

    /// The amount, or `None` when the customer must type it.
    pub fn amount(&self) -> Option<Money> {
        self.amount
    }

    /// The ISO 20022 purpose code ("CHAR"), if any.
    pub fn purpose(&self) -> Option<&str> {
        self.purpose.as_deref()
    }

    /// The structured reference (RF or Finnish), if any.
    pub fn reference(&self) -> Option<&Reference> {
        self.reference.as_ref()
    }

    /// The unstructured remittance text, if any (never together with a reference).
    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }

    /// The beneficiary-to-originator information line, if any.
    pub fn info(&self) -> Option<&str> {
        self.info.as_deref()
    }

    /// The due date from the information line's `ReqdExctnDt/YYYY-MM-DD`, if any.
    pub fn due_date(&self) -> Option<Date> {
        self.due_date
    }
}

impl std::fmt::Debug for EpcQr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EpcQr")
            .field("version", &self.version)
            .field("character_set", &self.character_set)
            .field("amount", &self.amount)
            .field("has_reference", &self.reference.is_some())
            .field("has_message", &self.message.is_some())
            .field("due_date", &self.due_date)
            .finish_non_exhaustive()
    }
}

/// The payload's elements: split at LF, a CR before each LF dropped, one final line
/// break tolerated (it carries no data).
fn split(text: &str) -> Vec<&str> {
    let body = text
        .strip_suffix('\n')
        .map(|t| t.strip_suffix('\r').unwrap_or(t))
        .unwrap_or(text);
    body.split('\n')
        .map(|e| e.strip_suffix('\r').unwrap_or(e))
        .collect()
}

/// 4 letters (bank), 2 letters (country), 2 letters or digits (location), optionally 3
/// letters or digits (branch); either case.
fn is_bic(bic: &str) -> bool {
    let b = bic.as_bytes();
    (b.len() == 8 || b.len() == 11)
        && b[..6].iter().all(u8::is_ascii_alphabetic)
        && b[6..].iter().all(u8::is_ascii_alphanumeric)
}

/// A text element: `None` when empty, else checked for length (in characters) and
/// control characters.
fn checked_text(
    text: &str,
    max: usize,
    too_long: EpcQrError,
    invalid: EpcQrError,
) -> Result<Option<String>, EpcQrError> {
    if text.is_empty() {
        Ok(None)
    } else if text.chars().count() > max {
        Err(too_long)
    } else if text.chars().any(char::is_control) {
        Err(invalid)
    } else {
        Ok(Some(text.to_owned()))
    }
}

/// "EUR" and a decimal number with a point and at most two decimals ("EUR12.3").
fn parse_amount(text: &str) -> Result<Money, EpcQrError> {
    let number = text.strip_prefix("EUR").ok_or(EpcQrError::InvalidAmount)?;
    let (whole, fraction) = number.split_once('.').unwrap_or((number, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty()
        || !digits(whole)
        || !digits(fraction)
        || fraction.len() > 2
        || (number.contains('.') && fraction.is_empty())
    {
        return Err(EpcQrError::InvalidAmount);
    }
    let whole = whole.trim_start_matches('0');
    if whole.len() > 9 {
        return Err(EpcQrError::AmountOutOfRange);
    }
    let euros: i64 = whole.parse().unwrap_or(0);
    let cents: i64 = format!("{fraction:0<2}").parse().unwrap_or(0);
    let total = euros * 100 + cents;
    if !(1..=MAX_EPC_QR_CENTS).contains(&total) {
        return Err(EpcQrError::AmountOutOfRange);
    }
    Ok(Money::from_cents(total))
}

/// The due date after `ReqdExctnDt/` in the information line, if the marker is there.
fn due_date(info: &str) -> Result<Option<Date>, EpcQrError> {
    let Some((_, rest)) = info.split_once(DUE_DATE_MARKER) else {
        return Ok(None);
    };
    let text = rest.get(..10).ok_or(EpcQrError::InvalidDueDate)?;
    let b = text.as_bytes();
    let digits = |r: std::ops::Range<usize>| {
        b[r.clone()]
            .iter()
            .all(u8::is_ascii_digit)
            .then(|| text[r].parse::<u16>().ok())
            .flatten()
    };
    if b[4] != b'-' || b[7] != b'-' {
        return Err(EpcQrError::InvalidDueDate);
    }
    let (Some(year), Some(month), Some(day)) = (digits(0..4), digits(5..7), digits(8..10)) else {
        return Err(EpcQrError::InvalidDueDate);
    };
    let month = u8::try_from(month)
        .ok()
        .and_then(|m| Month::try_from(m).ok())
        .ok_or(EpcQrError::InvalidDueDate)?;
    let day = u8::try_from(day).map_err(|_| EpcQrError::InvalidDueDate)?;
    Date::from_calendar_date(i32::from(year), month, day)
        .map(Some)
        .map_err(|_| EpcQrError::InvalidDueDate)
}

#[cfg(test)]
#[path = "epc_qr_tests.rs"]
mod tests;
