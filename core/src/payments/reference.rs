//! Finnish reference numbers (viitenumero): 4-20 digits whose last digit checks the others
//! with weights 7, 3, 1 repeating from the right.

use std::fmt;

use super::reference_error::ReferenceError;
use super::rf_reference::RfReference;

/// A valid Finnish reference number, kept without leading zeros.
///
/// `Debug` shows only its length: references identify a customer's invoices.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct FinnishReference {
    digits: String,
}

/// Most digits a Finnish reference has, check digit included.
pub const MAX_DIGITS: usize = 20;
/// Fewest digits, check digit included.
pub const MIN_DIGITS: usize = 4;

impl FinnishReference {
    /// Parses a reference as printed or typed: whitespace anywhere is ignored, as are
    /// leading zeros ("00001 23456 1" is "1234561" after the zeros and spaces go).
    pub fn parse(text: &str) -> Result<FinnishReference, ReferenceError> {
        let digits = significant_digits(text)?;
        if digits.len() < MIN_DIGITS {
            return Err(ReferenceError::TooShort);
        }
        if digits.len() > MAX_DIGITS {
            return Err(ReferenceError::TooLong);
        }
        let (base, check) = digits.split_at(digits.len() - 1);
        if check_digit(base) != check.as_bytes()[0] - b'0' {
            return Err(ReferenceError::BadCheckDigit);
        }
        Ok(FinnishReference { digits })
    }

    /// Creates the reference of a base number (3-19 digits; whitespace and leading zeros
    /// ignored) by appending its check digit: an invoice number becomes a reference.
    pub fn from_base(base: &str) -> Result<FinnishReference, ReferenceError> {
        let digits = significant_digits(base)?;
        if digits.len() < MIN_DIGITS - 1 {
            return Err(ReferenceError::TooShort);
        }
        if digits.len() > MAX_DIGITS - 1 {
            return Err(ReferenceError::TooLong);
        }
        let check = check_digit(&digits);
        Ok(FinnishReference {
            digits: format!("{digits}{check}"),
        })
    }

    /// The electronic form: digits only, no leading zeros ("1234561").
    pub fn machine(&self) -> &str {
        &self.digits
    }

    /// The print form: groups of five from the right ("12 34561").
    pub fn display_form(&self) -> String {
        let len = self.digits.len();
        let mut out = String::with_capacity(len + len / 5);
        for (i, c) in self.digits.chars().enumerate() {
            if i > 0 && (len - i) % 5 == 0 {
                out.push(' ');
            }
            out.push(c);
        }
        out
    }

    /// The same reference as an ISO 11649 RF reference ("1234561" -> "RF341234561").
    pub fn to_rf(&self) -> RfReference {
        RfReference::from_digits_unchecked(&self.digits)
    }
}

impl fmt::Debug for FinnishReference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FinnishReference")
            .field("digits", &self.digits.len())
            .finish()
    }
}

/// The check digit of `base` (ASCII digits): weights 7, 3, 1 from the right, and
/// `(10 - sum mod 10) mod 10`.
pub fn check_digit(base: &str) -> u8 {
    let sum: u32 = base
        .bytes()
        .rev()
        .zip([7u32, 3, 1].into_iter().cycle())
        .map(|(b, weight)| u32::from(b.wrapping_sub(b'0') % 10) * weight)
        .sum();
    ((10 - sum % 10) % 10) as u8
}

/// The digits of `text` with whitespace removed and leading zeros dropped.
fn significant_digits(text: &str) -> Result<String, ReferenceError> {
    let mut digits = String::new();
    let mut seen_digit = false;
    for c in text.chars() {
        if c.is_whitespace() {
            continue;
        }
        if !c.is_ascii_digit() {
            return Err(ReferenceError::InvalidCharacter);
        }
        seen_digit = true;
        // Leading zeros are not part of the reference.
        if !(digits.is_empty() && c == '0') {
            digits.push(c);
        }
    }
    if !seen_digit {
        return Err(ReferenceError::Empty);
    }
    Ok(digits)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// References of Finance Finland's guides: the reference guide's "1234561" (base
    /// 123456) and the references of the bank barcode guide's example invoices 1-9
    /// (Pankkiviivakoodi-opas, version 5.3).
    const GUIDE_REFERENCES: &[&str] = &[
        "12 34561",
        "86851 62596 19897",
        "55958 22432 94671",
        "69 87567 20834 35364",
        "7 75847 47906 47489",
        "78 77767 96566 28687",
        "8 68624",
        "92125 37425 25398 97737",
        "5907 38390",
        "13 57914",
    ];

    #[test]
    fn guide_references_are_valid_and_print_back() {
        for text in GUIDE_REFERENCES {
            let reference = FinnishReference::parse(text).unwrap_or_else(|e| panic!("{text}: {e}"));
            assert_eq!(reference.display_form(), *text);
            assert_eq!(reference.machine(), text.replace(' ', ""));
        }
    }

    #[test]
    fn base_numbers_get_their_check_digit() {
        assert_eq!(check_digit("123456"), 1);
        let reference = FinnishReference::from_base("123456").expect("valid base");
        assert_eq!(reference.machine(), "1234561");
        assert_eq!(
            FinnishReference::from_base("100")
                .expect("3 digits")
                .machine(),
            "1009"
        );
        assert_eq!(
            FinnishReference::from_base("0000 123456")
                .expect("zeros ignored")
                .machine(),
            "1234561"
        );
    }

    #[test]
    fn leading_zeros_and_spaces_are_ignored() {
        let reference = FinnishReference::parse("00000 00000 00123 4561").expect("valid");
        assert_eq!(reference.machine(), "1234561");
        assert_eq!(reference.display_form(), "12 34561");
        assert_eq!(
            FinnishReference::parse("\u{a0}1234561\t")
                .expect("valid")
                .machine(),
            "1234561"
        );
    }

    #[test]
    fn every_error_is_reachable() {
        let cases = [
            ("", ReferenceError::Empty),
            (" \t ", ReferenceError::Empty),
            ("12-34561", ReferenceError::InvalidCharacter),
            ("RF341234561", ReferenceError::InvalidCharacter),
            ("000", ReferenceError::TooShort),
            ("0 0 1 9", ReferenceError::TooShort),
            ("123", ReferenceError::TooShort),
            ("123456789012345678901", ReferenceError::TooLong),
            ("1234562", ReferenceError::BadCheckDigit),
            ("1234651", ReferenceError::BadCheckDigit),
        ];
        for (text, expected) in cases {
            assert_eq!(FinnishReference::parse(text), Err(expected), "{text:?}");
        }
        assert_eq!(FinnishReference::from_base(""), Err(ReferenceError::Empty));
        assert_eq!(
            FinnishReference::from_base("12"),
            Err(ReferenceError::TooShort)
        );
        assert_eq!(
            FinnishReference::from_base("12345678901234567890"),
            Err(ReferenceError::TooLong)
        );
        assert_eq!(
            FinnishReference::from_base("12a"),
            Err(ReferenceError::InvalidCharacter)
        );
    }

    #[test]
    fn debug_hides_the_digits() {
        let debug = format!("{:?}", FinnishReference::parse("1234561").expect("valid"));
        assert!(!debug.contains("1234"), "{debug}");
    }

    proptest! {
        #[test]
        fn generated_references_parse_back(base in "[1-9][0-9]{2,18}") {
            let reference = FinnishReference::from_base(&base).expect("valid base");
            prop_assert_eq!(&reference.machine()[..base.len()], base.as_str());
            let reparsed = FinnishReference::parse(&reference.display_form()).expect("print form");
            prop_assert_eq!(&reparsed, &reference);
            let padded = format!("{:0>20}", reference.machine());
            prop_assert_eq!(FinnishReference::parse(&padded).expect("padded"), reference);
        }

        #[test]
        fn a_changed_digit_is_caught(base in "[1-9][0-9]{2,18}", at in 0usize..20, add in 1u8..10) {
            let reference = FinnishReference::from_base(&base).expect("valid base");
            let mut bytes = reference.machine().as_bytes().to_vec();
            let at = at % bytes.len();
            bytes[at] = b'0' + (bytes[at] - b'0' + add) % 10;
            prop_assume!(bytes[0] != b'0');
            let changed = String::from_utf8(bytes).expect("ASCII");
            prop_assert_eq!(FinnishReference::parse(&changed), Err(ReferenceError::BadCheckDigit));
        }

        #[test]
        fn parse_never_panics(text in "\\PC{0,30}") {
            let _ = FinnishReference::parse(&text);
            let _ = FinnishReference::from_base(&text);
        }
    }
}
