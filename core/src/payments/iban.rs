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
    /// The account part (BBAN) does not have the country's structure from the IBAN
    /// registry: a letter where the country has digits, or the other way round (an NL
    /// BBAN is four letters then ten digits, a Finnish one fourteen digits).
    #[error("the account part of the IBAN does not have its country's structure")]
    BadStructure,
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
        IbanError::BadStructure,
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
            IbanError::BadStructure => "bad_structure",
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
    /// (country letters, check digits), the country, its length, the account part's
    /// structure (the registry's BBAN format: digits, letters or either per position),
    /// and mod 97.
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
        if !country.bban_matches(bban) {
            return Err(IbanError::BadStructure);
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

    /// An IBAN read back from the local store, where only an [`Iban`] this core built is
    /// ever sealed and the AES-GCM tag proves the bytes are the ones it sealed: checking
    /// them again (country table, structure, mod 97) was a tenth of the store's cold open
    /// with a full payee cache. Only the shape is checked (ASCII letters and digits, an
    /// IBAN's length), so a bug elsewhere cannot smuggle arbitrary text into an `Iban`.
    pub(crate) fn from_sealed(electronic: String) -> Option<Iban> {
        let shape = (5..=34).contains(&electronic.len())
            && electronic
                .bytes()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit());
        shape.then_some(Iban { electronic })
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
    bban_structure: "",
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

    /// The example IBAN of each registry country, as printed in the SWIFT IBAN registry
    /// (the ISO 13616 registration authority's register), with its BBAN structure: the
    /// rows of `iban_registry.txt`.
    fn registry_examples() -> Vec<(&'static str, &'static str)> {
        include_str!("iban_registry.txt")
            .lines()
            .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
            .filter_map(|line| {
                let mut fields = line.split_whitespace().skip(1);
                Some((fields.next()?, fields.next()?))
            })
            .collect()
    }

    #[test]
    fn registry_examples_are_valid() {
        let examples = registry_examples();
        assert!(examples.len() >= 89, "{}", examples.len());
        for (_, example) in examples {
            let iban = Iban::parse(example).unwrap_or_else(|e| panic!("{example}: {e}"));
            assert_eq!(iban.electronic(), example);
        }
    }

    /// `example` with one character swapped for the wrong class, the check digits
    /// recomputed so that only the structure is wrong: a letter where the structure has a
    /// digit, or else (countries whose BBANs have no digit-only position) a digit where it
    /// has a letter. `None` where every position takes either (GT, MD).
    fn wrong_class_variant(structure: &str, example: &str) -> Option<String> {
        let mut classes = Vec::new();
        for run in structure.split_inclusive(['n', 'a', 'c']) {
            let (count, class) = run.split_once('!').expect("well-formed structure");
            let count: usize = count.parse().expect("count");
            classes.extend(std::iter::repeat_n(class.as_bytes()[0], count));
        }
        let mut bban = example.as_bytes()[4..].to_vec();
        if let Some(at) = classes.iter().rposition(|&class| class == b'n') {
            bban[at] = b'X';
        } else {
            let at = classes.iter().rposition(|&class| class == b'a')?;
            bban[at] = b'7';
        }
        let prefix = [example.as_bytes()[0], example.as_bytes()[1]];
        let check = mod97_check_digits(&bban, &prefix).expect("alphanumeric");
        let bban = String::from_utf8(bban).expect("ASCII");
        Some(format!("{}{check:02}{bban}", &example[..2]))
    }

    #[test]
    fn a_letter_where_a_digit_belongs_is_refused_in_every_registry_country() {
        let mut refused = 0;
        let mut all_either = Vec::new();
        for (structure, example) in registry_examples() {
            let Some(variant) = wrong_class_variant(structure, example) else {
                all_either.push(&example[..2]);
                continue;
            };
            // The checksum is right, so the structure alone makes it wrong.
            let bytes = variant.as_bytes();
            assert!(mod97_valid(
                &bytes[4..],
                &[bytes[0], bytes[1]],
                &[bytes[2], bytes[3]]
            ));
            assert_eq!(
                Iban::parse(&variant),
                Err(IbanError::BadStructure),
                "{variant}"
            );
            refused += 1;
        }
        // Only GT (4!c20!c) and MD (2!c18!c) take a letter or a digit everywhere.
        assert_eq!(all_either, ["GT", "MD"]);
        assert!(refused >= 87, "{refused}");
    }

    #[test]
    fn the_reported_bg_gi_and_nl_cases_are_refused() {
        // Valid check digits, a character of the wrong class: accepted before the
        // structure check. BG is 4!a4!n2!n8!c, GI 4!a15!c, NL 4!a10!n.
        let cases = [
            ("BG", "BNBGX6611020345678", Err(IbanError::BadStructure)),
            ("BG", "BNBG9661102034567X", Ok(())),
            ("GI", "NWB7000000007099453", Err(IbanError::BadStructure)),
            ("GI", "NWBK00000000709945X", Ok(())),
            ("NL", "ABNA041716430O", Err(IbanError::BadStructure)),
        ];
        for (country, bban, expected) in cases {
            let prefix = [country.as_bytes()[0], country.as_bytes()[1]];
            let check = mod97_check_digits(bban.as_bytes(), &prefix).expect("alphanumeric");
            let text = format!("{country}{check:02}{bban}");
            assert_eq!(Iban::parse(&text).map(|_| ()), expected, "{text}");
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
            ("FI21 1234 5600 0007 8A", IbanError::BadStructure),
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

    /// A regular expression for the BBANs of `country`'s registry structure.
    fn structure_regex(country: &IbanCountry) -> String {
        let mut pattern = String::new();
        for run in country.bban_structure.split_inclusive(['n', 'a', 'c']) {
            let (count, class) = run.split_once('!').expect("well-formed structure");
            let set = match class {
                "n" => "[0-9]",
                "a" => "[A-Z]",
                _ => "[0-9A-Z]",
            };
            pattern.push_str(&format!("{set}{{{count}}}"));
        }
        pattern
    }

    fn any_bban() -> impl Strategy<Value = (IbanCountry, String)> {
        prop::sample::select(IBAN_COUNTRIES).prop_flat_map(|country| {
            let pattern = structure_regex(&country);
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
