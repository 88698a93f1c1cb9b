//! A payment reference of either kind.

use super::reference::FinnishReference;
use super::reference_error::ReferenceError;
use super::rf_reference::RfReference;

/// A payment reference: a Finnish reference number or an RF creditor reference.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Reference {
    /// A Finnish reference number (viitenumero, 7-3-1 check digit).
    Finnish(FinnishReference),
    /// An ISO 11649 creditor reference ("RF...").
    Rf(RfReference),
}

impl Reference {
    /// Parses either kind: text starting with "RF" (any case, after whitespace) is an RF
    /// reference, anything else a Finnish one.
    pub fn parse(text: &str) -> Result<Reference, ReferenceError> {
        let mut start = text.chars().filter(|c| !c.is_whitespace());
        let is_rf = matches!(
            (start.next(), start.next()),
            (Some('R' | 'r'), Some('F' | 'f'))
        );
        if is_rf {
            RfReference::parse(text).map(Reference::Rf)
        } else {
            FinnishReference::parse(text).map(Reference::Finnish)
        }
    }

    /// "finnish" or "rf".
    pub fn kind(&self) -> &'static str {
        match self {
            Reference::Finnish(_) => "finnish",
            Reference::Rf(_) => "rf",
        }
    }

    /// The electronic form: Finnish digits without leading zeros, or "RF" + check digits +
    /// body without spaces.
    pub fn machine(&self) -> &str {
        match self {
            Reference::Finnish(reference) => reference.machine(),
            Reference::Rf(reference) => reference.electronic(),
        }
    }

    /// The print form: Finnish in groups of five from the right, RF in groups of four.
    pub fn display_form(&self) -> String {
        match self {
            Reference::Finnish(reference) => reference.display_form(),
            Reference::Rf(reference) => reference.print_form(),
        }
    }

    /// The RF form: the RF reference itself, or the Finnish reference wrapped in RF.
    pub fn to_rf(&self) -> RfReference {
        match self {
            Reference::Finnish(reference) => reference.to_rf(),
            Reference::Rf(reference) => reference.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn either_kind() {
        let finnish = Reference::parse("12 34561").expect("valid");
        assert_eq!(finnish.kind(), "finnish");
        assert_eq!(finnish.machine(), "1234561");
        assert_eq!(finnish.display_form(), "12 34561");
        assert_eq!(finnish.to_rf().electronic(), "RF341234561");

        let rf = Reference::parse(" rf34 1234 561 ").expect("valid");
        assert_eq!(rf.kind(), "rf");
        assert_eq!(rf.machine(), "RF341234561");
        assert_eq!(rf.display_form(), "RF34 1234 561");
        assert_eq!(rf.to_rf().electronic(), "RF341234561");

        assert_eq!(Reference::parse("R"), Err(ReferenceError::InvalidCharacter));
        assert_eq!(Reference::parse("RF"), Err(ReferenceError::TooShort));
    }
}
