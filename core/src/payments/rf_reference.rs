//! ISO 11649 creditor references ("RF" + two check digits + 1-21 letters or digits), the
//! international form of a payment reference.

use std::fmt;

use super::checksum::{mod97_check_digits, mod97_valid};
use super::iban::group_from_left;
use super::reference_error::ReferenceError;

/// Most characters after the check digits.
pub const MAX_BODY: usize = 21;

/// A valid RF reference in electronic form: upper case, no spaces ("RF341234561").
///
/// `Debug` shows only its length.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct RfReference {
    electronic: String,
}

impl RfReference {
    /// Parses an RF reference as printed or typed: whitespace anywhere is ignored and
    /// letters may be lower case.
    pub fn parse(text: &str) -> Result<RfReference, ReferenceError> {
        let electronic = normalise(text)?;
        let bytes = electronic.as_bytes();
        if !electronic.starts_with("RF") {
            return Err(ReferenceError::MissingRfPrefix);
        }
        if bytes.len() < 5 {
            return Err(ReferenceError::TooShort);
        }
        if bytes.len() > 4 + MAX_BODY {
            return Err(ReferenceError::TooLong);
        }
        let check = [bytes[2], bytes[3]];
        if !check.iter().all(u8::is_ascii_digit) || !mod97_valid(&bytes[4..], b"RF", &check) {
            return Err(ReferenceError::BadCheckDigit);
        }
        Ok(RfReference { electronic })
    }

    /// Creates the RF reference of `body` (1-21 letters or digits, whitespace ignored) by
    /// computing its check digits.
    pub fn from_body(body: &str) -> Result<RfReference, ReferenceError> {
        let body = normalise(body)?;
        if body.len() > MAX_BODY {
            return Err(ReferenceError::TooLong);
        }
        Ok(RfReference::from_digits_unchecked(&body))
    }

    /// The RF reference of a body the caller knows to be 1-21 upper-case letters or digits.
    pub(crate) fn from_digits_unchecked(body: &str) -> RfReference {
        // Letters and digits always have a mod-97 value; 0 is never used.
        let check = mod97_check_digits(body.as_bytes(), b"RF").unwrap_or(0);
        RfReference {
            electronic: format!("RF{check:02}{body}"),
        }
    }

    /// The electronic form ("RF341234561").
    pub fn electronic(&self) -> &str {
        &self.electronic
    }

    /// The print form: groups of four ("RF34 1234 561").
    pub fn print_form(&self) -> String {
        group_from_left(&self.electronic, 4)
    }

    /// The two check digits ("34").
    pub fn check_digits(&self) -> &str {
        &self.electronic[2..4]
    }

    /// The reference after the check digits ("1234561").
    pub fn body(&self) -> &str {
        &self.electronic[4..]
    }
}

impl fmt::Debug for RfReference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RfReference")
            .field("chars", &self.electronic.len())
            .finish()
    }
}

/// Upper-case letters and digits of `text` without whitespace.
fn normalise(text: &str) -> Result<String, ReferenceError> {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_whitespace() {
            continue;
        }
        if !c.is_ascii_alphanumeric() {
            return Err(ReferenceError::InvalidCharacter);
        }
        out.push(c.to_ascii_uppercase());
    }
    if out.is_empty() {
        return Err(ReferenceError::Empty);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::payments::reference::FinnishReference;

    #[test]
    fn standard_and_guide_examples() {
        // ISO 11649's own example, and Finance Finland's: 1234561 -> RF34 1234 561.
        for (text, electronic) in [
            ("RF18 5390 0754 7034", "RF18539007547034"),
            (
                "RF18 0000 0000 0539 0075 4703 4",
                "RF18000000000539007547034",
            ),
            ("RF34 1234 561", "RF341234561"),
            // The RF references of the bank barcode guide's version 5 example invoices.
            ("RF09 8685 1625 9619 897", "RF09868516259619897"),
            ("RF06 5595 8224 3294 671", "RF06559582243294671"),
            ("RF02 6987 5672 0834", "RF02698756720834"),
            ("RF84 7758 4747 9064 7489", "RF847758474790647489"),
            ("RF60 7877 7679 6566 2868 7", "RF6078777679656628687"),
            ("RF10 8686 24", "RF10868624"),
            ("RF71 9212 5374 2525 3989 7737", "RF7192125374252539897737"),
            ("RF66 5907 3839 0", "RF66590738390"),
            ("RF95 1357 914", "RF951357914"),
        ] {
            let reference = RfReference::parse(text).unwrap_or_else(|e| panic!("{text}: {e}"));
            assert_eq!(reference.electronic(), electronic);
        }
        assert_eq!(
            RfReference::parse("rf18539007547034")
                .expect("lower case")
                .print_form(),
            "RF18 5390 0754 7034"
        );
    }

    #[test]
    fn finnish_references_convert_to_rf() {
        let finnish = FinnishReference::parse("1234561").expect("valid");
        let rf = finnish.to_rf();
        assert_eq!(rf.electronic(), "RF341234561");
        assert_eq!(rf.check_digits(), "34");
        assert_eq!(rf.body(), "1234561");
        assert_eq!(
            RfReference::from_body("539007547034")
                .expect("valid")
                .check_digits(),
            "18"
        );
    }

    #[test]
    fn every_error_is_reachable() {
        let cases = [
            ("", ReferenceError::Empty),
            ("RF18-5390", ReferenceError::InvalidCharacter),
            ("RFÄ8", ReferenceError::InvalidCharacter),
            ("1234561", ReferenceError::MissingRfPrefix),
            ("RF18", ReferenceError::TooShort),
            ("RF1", ReferenceError::TooShort),
            ("RF18 1234 5678 9012 3456 7890 12", ReferenceError::TooLong),
            ("RF19 5390 0754 7034", ReferenceError::BadCheckDigit),
            ("RFAB 5390 0754 7034", ReferenceError::BadCheckDigit),
        ];
        for (text, expected) in cases {
            assert_eq!(RfReference::parse(text), Err(expected), "{text:?}");
        }
        assert_eq!(RfReference::from_body(" "), Err(ReferenceError::Empty));
        assert_eq!(
            RfReference::from_body("1234567890123456789012"),
            Err(ReferenceError::TooLong)
        );
        assert_eq!(
            RfReference::from_body("12-3"),
            Err(ReferenceError::InvalidCharacter)
        );
    }

    #[test]
    fn debug_hides_the_reference() {
        let debug = format!("{:?}", RfReference::parse("RF341234561").expect("valid"));
        assert!(!debug.contains("1234"), "{debug}");
    }

    proptest! {
        #[test]
        fn generated_references_parse_back(body in "[0-9A-Z]{1,21}") {
            let reference = RfReference::from_body(&body.to_lowercase()).expect("valid body");
            prop_assert_eq!(reference.body(), body.as_str());
            let reparsed = RfReference::parse(&reference.print_form()).expect("print form");
            prop_assert_eq!(reparsed, reference);
        }

        #[test]
        fn a_changed_character_is_caught(body in "[0-9A-Z]{1,21}", at in 0usize..25, add in 1u8..10) {
            let reference = RfReference::from_body(&body).expect("valid body");
            let mut bytes = reference.electronic().as_bytes().to_vec();
            let at = 2 + at % (bytes.len() - 2);
            prop_assume!(bytes[at].is_ascii_digit());
            bytes[at] = b'0' + (bytes[at] - b'0' + add) % 10;
            let changed = String::from_utf8(bytes).expect("ASCII");
            prop_assert!(RfReference::parse(&changed).is_err());
        }

        #[test]
        fn parse_never_panics(text in "\\PC{0,30}") {
            let _ = RfReference::parse(&text);
            let _ = RfReference::from_body(&text);
        }
    }
}
