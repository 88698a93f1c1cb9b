//! Old Finnish domestic account numbers ("123456-785") and their conversion to IBAN.
//!
//! Before IBAN, a Finnish account number was written as six digits (the bank and branch),
//! a hyphen, and 2 to 8 more digits. The machine form is 14 digits, filled with zeros in
//! the middle: for banks whose code starts with 4 (savings banks, POP, Aktia) or 5 (OP)
//! the zeros go after the 7th digit, for every other bank after the 6th. The last digit
//! is a Luhn check digit, but some real accounts fail it, so it is reported as a warning
//! and never refuses the number.

use std::fmt;

use super::checksum::luhn_valid;
use super::iban::Iban;
use super::localized;
use crate::Language;

/// Why a text is not an old Finnish account number. The number is never part of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum DomesticAccountError {
    /// Nothing but whitespace was given.
    #[error("the account number is empty")]
    Empty,
    /// A character other than digits, one hyphen or surrounding whitespace.
    #[error("the account number has a character that is not a digit or a hyphen")]
    InvalidCharacter,
    /// Not six digits, a hyphen and 2-8 digits (nor the 14-digit machine form).
    #[error("the account number is not of the form 123456-785")]
    BadFormat,
}

impl DomesticAccountError {
    /// Every variant.
    pub const ALL: [DomesticAccountError; 3] = [
        DomesticAccountError::Empty,
        DomesticAccountError::InvalidCharacter,
        DomesticAccountError::BadFormat,
    ];

    /// Stable snake_case code.
    pub fn code(self) -> &'static str {
        match self {
            DomesticAccountError::Empty => "empty",
            DomesticAccountError::InvalidCharacter => "invalid_character",
            DomesticAccountError::BadFormat => "bad_format",
        }
    }

    /// What to tell the customer, in `lang`.
    pub fn message(self, lang: Language) -> String {
        localized(lang, "account", self.code())
    }
}

/// An old Finnish account number in its 14-digit machine form.
///
/// `Debug` hides the number (personal data).
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct DomesticAccount {
    machine: String,
}

impl DomesticAccount {
    /// Parses "123456-785" (spaces around the parts are ignored) or the 14-digit machine
    /// form "12345600000785".
    pub fn parse(text: &str) -> Result<DomesticAccount, DomesticAccountError> {
        let text = text.trim();
        if text.is_empty() {
            return Err(DomesticAccountError::Empty);
        }
        if !text
            .chars()
            .all(|c| c.is_ascii_digit() || c == '-' || c == ' ')
        {
            return Err(DomesticAccountError::InvalidCharacter);
        }
        let compact: String = text.chars().filter(|c| *c != ' ').collect();
        let Some((bank, account)) = compact.split_once('-') else {
            return if compact.len() == 14 {
                Ok(DomesticAccount { machine: compact })
            } else {
                Err(DomesticAccountError::BadFormat)
            };
        };
        if bank.len() != 6 || !(2..=8).contains(&account.len()) || account.contains('-') {
            return Err(DomesticAccountError::BadFormat);
        }
        // Banks 4 and 5 keep the first digit after the hyphen in the bank part.
        let (head, tail) = if matches!(bank.as_bytes()[0], b'4' | b'5') {
            (format!("{bank}{}", &account[..1]), &account[1..])
        } else {
            (bank.to_owned(), account)
        };
        let machine = format!("{head}{tail:0>width$}", width = 14 - head.len());
        Ok(DomesticAccount { machine })
    }

    /// The account of a Finnish IBAN (FI or AX), or `None` for a foreign one.
    pub fn from_iban(iban: &Iban) -> Option<DomesticAccount> {
        iban.is_finnish().then(|| DomesticAccount {
            machine: iban.bban().to_owned(),
        })
    }

    /// The 14-digit machine form, which is the BBAN of the IBAN.
    pub fn machine(&self) -> &str {
        &self.machine
    }

    /// The old printed form, "123456-785": the zero fill dropped.
    pub fn domestic_form(&self) -> String {
        let (bank, tail) = self.machine.split_at(6);
        let after = if matches!(self.machine.as_bytes()[0], b'4' | b'5') {
            // The 7th digit stays first after the hyphen; the fill zeros follow it, so at
            // least one digit must be kept after it ("441040-20", not "441040-02").
            let (first, rest) = tail.split_at(1);
            let rest = rest.trim_start_matches('0');
            format!("{first}{}", if rest.is_empty() { "0" } else { rest })
        } else {
            // Two digits after the hyphen at least, as the old numbers were printed.
            format!("{:0>2}", tail.trim_start_matches('0'))
        };
        format!("{bank}-{after}")
    }

    /// The Finnish IBAN of this account.
    pub fn to_iban(&self) -> Iban {
        Iban::from_finnish_bban_digits(&self.machine)
    }

    /// Whether the old Luhn check digit holds. A warning only.
    pub fn check_digit_ok(&self) -> bool {
        luhn_valid(self.machine.as_bytes())
    }
}

impl fmt::Debug for DomesticAccount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DomesticAccount").finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn conversion_examples() {
        // The registry example: Nordea 123456-785 is FI21 1234 5600 0007 85.
        let account = DomesticAccount::parse("123456-785").expect("valid");
        assert_eq!(account.machine(), "12345600000785");
        assert_eq!(account.to_iban().electronic(), "FI2112345600000785");
        assert!(account.check_digit_ok());

        // Banks starting with 4 and 5 fill after the 7th digit: the barcode guide's
        // savings-bank account FI79 4405 2020 0360 82 and OP account FI02 5000 4640 0013 02.
        let sp = DomesticAccount::parse("440520-236082").expect("valid");
        assert_eq!(sp.machine(), "44052020036082");
        assert_eq!(sp.to_iban().electronic(), "FI7944052020036082");
        let op = DomesticAccount::parse("500046-40001302").expect("valid");
        assert_eq!(op.machine(), "50004640001302");
        assert_eq!(op.to_iban().electronic(), "FI0250004640001302");

        // Danske Bank: the guide's FI16 8000 1400 0502 67.
        let danske = DomesticAccount::parse(" 800014 - 00050267 ").expect("valid");
        assert_eq!(danske.to_iban().electronic(), "FI1680001400050267");
    }

    #[test]
    fn domestic_form_round_trips() {
        for text in [
            "123456-785",
            "440520-236082",
            "500046-41302",
            "800014-50267",
            "123456-10",
        ] {
            let account = DomesticAccount::parse(text).expect("valid");
            assert_eq!(account.domestic_form(), text);
        }
    }

    #[test]
    fn from_iban_and_machine_form() {
        let iban = Iban::parse("FI1680001400050267").expect("valid");
        let account = DomesticAccount::from_iban(&iban).expect("Finnish");
        assert_eq!(account.domestic_form(), "800014-50267");
        assert_eq!(DomesticAccount::parse("80001400050267"), Ok(account));
        let german = Iban::parse("DE89370400440532013000").expect("valid");
        assert_eq!(DomesticAccount::from_iban(&german), None);
    }

    #[test]
    fn luhn_failure_is_only_a_warning() {
        let account = DomesticAccount::parse("123456-786").expect("still converts");
        assert!(!account.check_digit_ok());
        assert_eq!(account.to_iban().bban(), "12345600000786");
    }

    #[test]
    fn every_error_is_reachable() {
        let cases = [
            ("", DomesticAccountError::Empty),
            ("  ", DomesticAccountError::Empty),
            ("123456/785", DomesticAccountError::InvalidCharacter),
            ("12345a-785", DomesticAccountError::InvalidCharacter),
            ("12345-785", DomesticAccountError::BadFormat),
            ("123456-7", DomesticAccountError::BadFormat),
            ("123456-123456789", DomesticAccountError::BadFormat),
            ("123456-78-5", DomesticAccountError::BadFormat),
            ("1234567", DomesticAccountError::BadFormat),
        ];
        for (text, expected) in cases {
            assert_eq!(DomesticAccount::parse(text), Err(expected), "{text:?}");
        }
        for error in DomesticAccountError::ALL {
            assert!(cases.iter().any(|(_, e)| *e == error), "{error:?}");
        }
        let debug = format!("{:?}", DomesticAccount::parse("123456-785").expect("valid"));
        assert!(!debug.contains("123"), "{debug}");
    }

    #[test]
    fn fuzz_regression_zero_fill_of_banks_4_and_5() {
        // Found by fuzz/fuzz_targets/iban.rs: the printed form put the zero before the
        // 7th digit ("441040-02"), which reads back as another account.
        let account = DomesticAccount::parse("441040-20").expect("valid");
        assert_eq!(account.machine(), "44104020000000");
        assert_eq!(account.domestic_form(), "441040-20");
        let op = DomesticAccount::parse("50000000000000").expect("valid");
        assert_eq!(op.domestic_form(), "500000-00");
        assert_eq!(DomesticAccount::parse(&op.domestic_form()), Ok(op));
    }

    proptest! {
        #[test]
        fn domestic_form_and_iban_round_trip(
            machine in "[0-9]{14}|[0-9]{7}0{1,7}[0-9]{0,6}|[0-9]{6}0{1,8}[0-9]{0,7}"
        ) {
            // Real accounts are mostly zero fill: the second and third patterns give
            // short account parts (the first alone missed "441040-20").
            let machine = format!("{machine:0<14}");
            let machine = &machine[..14];
            let account = DomesticAccount::parse(machine).expect("14 digits");
            let again = DomesticAccount::parse(&account.domestic_form()).expect("printed form");
            prop_assert_eq!(again.machine(), machine);
            let iban = account.to_iban();
            prop_assert_eq!(DomesticAccount::from_iban(&iban), Some(account));
        }
    }
}
