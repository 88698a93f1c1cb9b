//! Why a text is not a valid reference: the error both reference parsers (Finnish and RF)
//! share, in a file of its own so that neither parser depends on the other's module.

use super::localized;
use crate::Language;

/// Why a text is not a valid reference (Finnish or RF). The reference is never part of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ReferenceError {
    /// Nothing but whitespace was given.
    #[error("the reference is empty")]
    Empty,
    /// A character a reference cannot have (Finnish: digits only; RF: letters and digits).
    #[error("the reference has a character it cannot have")]
    InvalidCharacter,
    /// An RF reference without its "RF" prefix (only from the RF parser).
    #[error("an RF reference must start with RF")]
    MissingRfPrefix,
    /// Too few digits or characters (Finnish: 4 with the check digit, leading zeros not
    /// counted; base numbers 3; RF: one after the check digits).
    #[error("the reference is too short")]
    TooShort,
    /// Too many (Finnish: 20 with the check digit; RF: 21 after the check digits).
    #[error("the reference is too long")]
    TooLong,
    /// The check digit(s) do not match: a typo.
    #[error("the reference's check digit does not match")]
    BadCheckDigit,
}

impl ReferenceError {
    /// Every variant.
    pub const ALL: [ReferenceError; 6] = [
        ReferenceError::Empty,
        ReferenceError::InvalidCharacter,
        ReferenceError::MissingRfPrefix,
        ReferenceError::TooShort,
        ReferenceError::TooLong,
        ReferenceError::BadCheckDigit,
    ];

    /// Stable snake_case code.
    pub fn code(self) -> &'static str {
        match self {
            ReferenceError::Empty => "empty",
            ReferenceError::InvalidCharacter => "invalid_character",
            ReferenceError::MissingRfPrefix => "missing_rf_prefix",
            ReferenceError::TooShort => "too_short",
            ReferenceError::TooLong => "too_long",
            ReferenceError::BadCheckDigit => "bad_check_digit",
        }
    }

    /// What to tell the customer, in `lang`.
    pub fn message(self, lang: Language) -> String {
        localized(lang, "reference", self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_has_a_message_in_every_language() {
        for error in ReferenceError::ALL {
            for lang in Language::ALL {
                assert!(
                    !error.message(lang).starts_with("payments-"),
                    "{error:?} {lang}"
                );
            }
        }
    }
}
