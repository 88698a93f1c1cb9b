//! IBAN (ISO 13616): normalising what people type or paste, validating it, and the two
//! forms banks show: electronic ("FI2112345600000785") and print ("FI21 1234 5600 0007 85").

use std::fmt;

use time::Date;

use super::checksum::{luhn_valid, mod97_check_digits, mod97_valid};
use super::finnish_bic::{FinnishBank, finnish_bank};
use super::iban_countries::{IbanCountry, iban_country};
use super::localized;
use crate::Language;

/// Why a text is not an IBAN. The IBAN itself is never part of the error.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum IbanError {
    /// Nothing but whitespace was given.
    #[error("the IBAN is empty")]
    Empty,
    /// A character other than a letter, a digit or whitespace.
    #[error("the IBAN has a character that is not a letter or a digit")]
    InvalidCharacter,
    /// It does not start with two letters and two check digits.
    #[error("the IBAN does not start with a country code and two check digits")]
    BadFormat,
    /// The country code is not one the core knows IBANs for.
    #[error("the IBAN's country does not use IBANs or is unknown")]
    UnknownCountry,
    /// The length does not match the country's IBAN length.
    #[error("the IBAN has the wrong number of characters for its country")]
    BadLength,
    /// The account part has characters the country's format does not allow (Finnish
    /// account numbers are digits only).
    #[error("the account part of the IBAN has characters its country does not allow")]
    InvalidBban,
    /// The check digits do not match (mod 97 is not 1): a typo.
    #[error("the IBAN's check digits do not match")]
    BadChecksum,
}

impl IbanError {
    /// Every variant, for tests and documentation.
    pub const ALL: [IbanError; 7] = [
        IbanError::Empty,
        IbanError::InvalidCharacter,
        IbanError::BadFormat,
        IbanError::UnknownCountry,
        IbanError::BadLength,
        IbanError::InvalidBban,
        IbanError::BadChecksum,
    ];

    /// Stable snake_case code for apps and logs.
    pub fn code(self) -> &'static str {
        match self {
            IbanError::Empty => "empty",
            IbanError::InvalidCharacter => "invalid_character",
            IbanError::BadFormat => "bad_format",
            IbanError::UnknownCountry => "unknown_country",
            IbanError::BadLength => "bad_length",
            IbanError::InvalidBban => "invalid_bban",
            IbanError::BadChecksum => "bad_checksum",
        }
    }

    /// What to tell the customer, in `lang`.
    pub fn message(self, lang: Language) -> String {
        localized(lang, "iban", self.code())
    }
}

/// A valid IBAN, kept in electronic form (upper case, no spaces).
///
/// `Debug` shows only the country: an account number is personal data and must not end up
/// in logs.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Iban {
    electronic: String,
}

impl Iban {
    /// Parses an IBAN as people type or paste it: any whitespace (spaces, no-break spaces,
    /// tabs) anywhere is ignored and letters may be lower case.
    ///
    /// Checks, in this order (the first failure is returned): characters, the shape
    /// (country letters, check digits), the country, its length, its account-part
    /// characters, and mod 97.
    pub fn parse(text: &str) -> Result<Iban, IbanError> {
        let mut electronic = String::with_capacity(34);
        for c in text.chars() {
            if c.is_whitespace() {
                continue;
            }
            if !c.is_ascii_alphanumeric() {
                return Err(IbanError::InvalidCharacter);
            }
            electronic.push(c.to_ascii_uppercase());
        }
        if electronic.is_empty() {
            return Err(IbanError::Empty);
        }
        let bytes = electronic.as_bytes();
        if bytes.len() < 4
            || !bytes[..2].iter().all(u8::is_ascii_uppercase)
            || !bytes[2..4].iter().all(u8::is_ascii_digit)
        {
            return Err(IbanError::BadFormat);
        }
        let country = iban_country(&electronic[..2]).ok_or(IbanError::UnknownCountry)?;
        if bytes.len() != country.length {
            return Err(IbanError::BadLength);
        }
        let bban = &bytes[4..];
        if is_finnish_code(&electronic[..2]) && !bban.iter().all(u8::is_ascii_digit) {
            return Err(IbanError::InvalidBban);
        }
        let prefix = [bytes[0], bytes[1]];
        let check = [bytes[2], bytes[3]];
        if !mod97_valid(bban, &prefix, &check) {
            return Err(IbanError::BadChecksum);
        }
        Ok(Iban { electronic })
    }

    /// Builds the IBAN of a country's domestic account number (BBAN), computing the
    /// check digits. `country` is the two-letter code, any case.
    pub fn from_bban(country: &str, bban: &str) -> Result<Iban, IbanError> {
        let country = country.to_ascii_uppercase();
        let prefix: [u8; 2] = country
            .as_bytes()
            .try_into()
            .map_err(|_| IbanError::BadFormat)?;
        let bban = bban.to_ascii_uppercase();
        if !bban.bytes().all(|b| b.is_ascii_alphanumeric()) {
            return Err(IbanError::InvalidCharacter);
        }
        let check = mod97_check_digits(bban.as_bytes(), &prefix).ok_or(IbanError::BadFormat)?;
        Iban::parse(&format!("{country}{check:02}{bban}"))
    }

    /// The Finnish IBAN of a BBAN the caller knows to be 14 ASCII digits.
    pub(crate) fn from_finnish_bban_digits(bban: &str) -> Iban {
        debug_assert!(bban.len() == 14 && bban.bytes().all(|b| b.is_ascii_digit()));
        // Digits always have a mod-97 value; 0 is never used.
        let check = mod97_check_digits(bban.as_bytes(), b"FI").unwrap_or(0);
        Iban {
            electronic: format!("FI{check:02}{bban}"),
        }
    }

    /// The electronic form: upper case, no spaces ("FI2112345600000785").
    pub fn electronic(&self) -> &str {
        &self.electronic
    }

    /// The print form: groups of four separated by spaces ("FI21 1234 5600 0007 85").
    pub fn print_form(&self) -> String {
        group_from_left(&self.electronic, 4)
    }

    /// The two-letter country code.
    pub fn country_code(&self) -> &str {
        &self.electronic[..2]
    }

    /// The country's IBAN format entry.
    pub fn country(&self) -> &'static IbanCountry {
        // Only IBANs of known countries are constructed.
        iban_country(self.country_code()).unwrap_or(&FALLBACK_COUNTRY)
    }

    /// The account part after the country code and check digits (the BBAN).
    pub fn bban(&self) -> &str {
        &self.electronic[4..]
    }

    /// Whether a euro transfer to this IBAN is a SEPA credit transfer.
    pub fn is_sepa(&self) -> bool {
        self.country().sepa
    }

    /// Whether this is a Finnish account (country FI, or AX for Åland).
    pub fn is_finnish(&self) -> bool {
        is_finnish_code(self.country_code())
    }

    /// The Finnish bank that keeps this account on `date`, from its bank code (the first
    /// digits of the BBAN); `None` for foreign IBANs and unknown bank codes.
    pub fn finnish_bank(&self, date: Date) -> Option<&'static FinnishBank> {
        if !self.is_finnish() {
            return None;
        }
        finnish_bank(self.bban(), date)
    }

    /// The BIC of a Finnish IBAN on `date` (see [`Iban::finnish_bank`]).
    pub fn finnish_bic(&self, date: Date) -> Option<&'static str> {
        self.finnish_bank(date).map(|bank| bank.bic)
    }

    /// For Finnish IBANs, whether the old domestic check digit (Luhn over the 14-digit
    /// BBAN) holds; `None` for foreign IBANs.
    ///
    /// A warning only: some real Finnish accounts fail it, so never refuse a payment on it.
    pub fn finnish_account_check_ok(&self) -> Option<bool> {
        self.is_finnish()
            .then(|| luhn_valid(self.bban().as_bytes()))
    }
}

impl fmt::Debug for Iban {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Iban")
            .field("country", &self.country_code())
            .finish_non_exhaustive()
    }
}

const FALLBACK_COUNTRY: IbanCountry = IbanCountry {
    code: "??",
    length: 0,
    sepa: false,
};

fn is_finnish_code(code: &str) -> bool {
    code == "FI" || code == "AX"
}

/// `text` in groups of `size` characters from the left, separated by single spaces.
pub(crate) fn group_from_left(text: &str, size: usize) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / size);
    for (i, c) in text.chars().enumerate() {
        if i > 0 && i % size == 0 {
            out.push(' ');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use time::macros::date;

    use super::*;
    use crate::payments::iban_countries::IBAN_COUNTRIES;

    /// The example IBAN of each country as printed in the SWIFT IBAN registry (the ISO
    /// 13616 registration authority's register). Every one must validate.
    const REGISTRY_EXAMPLES: &[&str] = &[
        "AD1200012030200359100100",
        "AL47212110090000000235698741",
        "AT611904300234573201",
        "BE68539007547034",
        "BG80BNBG96611020345678",
        "CH9300762011623852957",
        "CY17002001280000001200527600",
        "CZ6508000000192000145399",
        "DE89370400440532013000",
        "DK5000400440116243",
        "EE382200221020145685",
        "ES9121000418450200051332",
        "FI2112345600000785",
        "FR1420041010050500013M02606",
        "GB29NWBK60161331926819",
        "GI75NWBK000000007099453",
        "GR1601101250000000012300695",
        "HR1210010051863000160",
        "HU42117730161111101800000000",
        "IE29AIBK93115212345678",
        "IS140159260076545510730339",
        "IT60X0542811101000000123456",
        "LI21088100002324013AA",
        "LT121000011101001000",
        "LU280019400644750000",
        "LV80BANK0000435195001",
        "MC5811222000010123456789030",
        "MD24AG000225100013104168",
        "ME25505000012345678951",
        "MK07250120000058984",
        "MT84MALT011000012345MTLCAST001S",
        "NL91ABNA0417164300",
        "NO9386011117947",
        "PL61109010140000071219812874",
        "PT50000201231234567890154",
        "RO49AAAA1B31007593840000",
        "RS35260005601001611379",
        "SE4550000000058398257466",
        "SI56263300012039086",
        "SK3112000000198742637541",
        "SM86U0322509800000000270100",
        "VA59001123000012345678",
        "KW81CBKU0000000000001234560101",
        "SA0380000000608010167519",
        "TR330006100519786457841326",
    ];

    #[test]
    fn registry_examples_are_valid() {
        for example in REGISTRY_EXAMPLES {
            let iban = Iban::parse(example).unwrap_or_else(|e| panic!("{example}: {e}"));
            assert_eq!(iban.electronic(), *example);
        }
    }

    #[test]
    fn print_form_groups_of_four_and_back() {
        let iban = Iban::parse("fi21 1234 5600 0007 85").expect("registry example");
        assert_eq!(iban.electronic(), "FI2112345600000785");
        assert_eq!(iban.print_form(), "FI21 1234 5600 0007 85");
        assert_eq!(
            Iban::parse("MT84MALT011000012345MTLCAST001S")
                .expect("registry example")
                .print_form(),
            "MT84 MALT 0110 0001 2345 MTLC AST0 01S"
        );
        // No-break spaces and tabs, as copied from a PDF or a spreadsheet.
        assert!(Iban::parse("FI21\u{a0}1234\t5600 0007 85\n").is_ok());
    }

    #[test]
    fn every_error_is_reachable_in_order() {
        let cases = [
            ("", IbanError::Empty),
            ("   ", IbanError::Empty),
            ("FI21-1234-5600-0007-85", IbanError::InvalidCharacter),
            ("FI21 1234 5600 0007 8ä", IbanError::InvalidCharacter),
            ("F", IbanError::BadFormat),
            ("1121 1234 5600 0007 85", IbanError::BadFormat),
            ("FIXX 1234 5600 0007 85", IbanError::BadFormat),
            ("US21 1234 5600 0007 85", IbanError::UnknownCountry),
            ("FI21 1234 5600 0007 8", IbanError::BadLength),
            ("FI21 1234 5600 0007 855", IbanError::BadLength),
            ("FI21 1234 5600 0007 8A", IbanError::InvalidBban),
            ("FI22 1234 5600 0007 85", IbanError::BadChecksum),
            ("FI21 1234 5600 0007 58", IbanError::BadChecksum),
        ];
        for (text, expected) in cases {
            assert_eq!(Iban::parse(text), Err(expected), "{text:?}");
        }
        let reached: Vec<_> = cases.iter().map(|(_, e)| *e).collect();
        for error in IbanError::ALL {
            assert!(reached.contains(&error), "{error:?} not reached");
        }
    }

    #[test]
    fn errors_and_debug_never_show_the_account() {
        let iban = Iban::parse("FI2112345600000785").expect("valid");
        let debug = format!("{iban:?}");
        assert!(!debug.contains("1234"), "{debug}");
        assert!(debug.contains("FI"));
        for error in IbanError::ALL {
            for lang in Language::ALL {
                let message = error.message(lang);
                assert!(!message.starts_with("payments-"), "{lang}: {message}");
            }
        }
    }

    #[test]
    fn finnish_details() {
        let today = date!(2025 - 06 - 01);
        let iban = Iban::parse("FI21 1234 5600 0007 85").expect("valid");
        assert!(iban.is_finnish());
        assert!(iban.is_sepa());
        assert_eq!(iban.finnish_bic(today), Some("NDEAFIHH"));
        assert_eq!(iban.finnish_account_check_ok(), Some(true));

        let german = Iban::parse("DE89 3704 0044 0532 0130 00").expect("valid");
        assert_eq!(german.finnish_bic(today), None);
        assert_eq!(german.finnish_account_check_ok(), None);
        assert!(
            !Iban::parse("SA0380000000608010167519")
                .expect("valid")
                .is_sepa()
        );
    }

    #[test]
    fn from_bban_computes_the_check_digits() {
        let iban = Iban::from_bban("fi", "12345600000785").expect("valid");
        assert_eq!(iban.electronic(), "FI2112345600000785");
        let gb = Iban::from_bban("GB", "NWBK60161331926819").expect("valid");
        assert_eq!(gb.electronic(), "GB29NWBK60161331926819");
        assert_eq!(Iban::from_bban("FI", "123"), Err(IbanError::BadLength));
        assert_eq!(Iban::from_bban("F", "123"), Err(IbanError::BadFormat));
        assert_eq!(
            Iban::from_bban("FI", "1-2"),
            Err(IbanError::InvalidCharacter)
        );
    }

    fn any_bban() -> impl Strategy<Value = (IbanCountry, String)> {
        prop::sample::select(IBAN_COUNTRIES).prop_flat_map(|country| {
            let len = country.length - 4;
            let pattern = if is_finnish_code(country.code) {
                format!("[0-9]{{{len}}}")
            } else {
                format!("[0-9A-Z]{{{len}}}")
            };
            (
                Just(country),
                proptest::string::string_regex(&pattern).expect("regex"),
            )
        })
    }

    proptest! {
        #[test]
        fn generated_ibans_parse_back((country, bban) in any_bban()) {
            let iban = Iban::from_bban(country.code, &bban).expect("generated BBAN fits");
            prop_assert_eq!(iban.bban(), bban.as_str());
            let reparsed = Iban::parse(&iban.print_form().to_lowercase()).expect("print form");
            prop_assert_eq!(&reparsed, &iban);
        }

        #[test]
        fn a_changed_digit_is_caught((country, bban) in any_bban(), at in 0usize..30, add in 1u8..10) {
            let iban = Iban::from_bban(country.code, &bban).expect("generated BBAN fits");
            let mut bytes = iban.electronic().as_bytes().to_vec();
            let at = 2 + at % (bytes.len() - 2);
            prop_assume!(bytes[at].is_ascii_digit());
            bytes[at] = b'0' + (bytes[at] - b'0' + add) % 10;
            let changed = String::from_utf8(bytes).expect("ASCII");
            prop_assert!(Iban::parse(&changed).is_err());
        }

        #[test]
        fn parse_never_panics(text in "\\PC{0,40}") {
            let _ = Iban::parse(&text);
        }
    }
}
