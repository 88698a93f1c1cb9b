//! Why a PIN is refused: stable codes in a fixed order.

use std::fmt;

use serde::{Serialize, Serializer};

use crate::i18n::{self, Language};

/// One reason to refuse a PIN. The declaration order is the order reasons are reported in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum PinReason {
    /// Not 4 to 8 characters.
    Length,
    /// Something other than the ASCII digits 0-9.
    NotDigits,
    /// Four or more consecutive digits with one constant step (1111, 1234, 4321, 2468,
    /// 9630), or a +-1 run that wraps past 9 (7890, 8901, 0987).
    Sequence,
    /// One block repeated (0101, 123123), a palindrome (1221, 123321) or doubled pairs
    /// (1122, 112233).
    Repetition,
    /// The customer's own birth date, in any common form, or containing it.
    BirthDate,
    /// Looks like a date or a year (DDMM, MMDD, 1900-2039, DDMMYY, DDMMYYYY, YYYYMMDD).
    Date,
    /// Among the most popular PINs.
    Common,
    /// The same as the current PIN (when changing it).
    SameAsCurrent,
}

impl PinReason {
    /// Every reason, in the order they are reported.
    pub const ALL: [PinReason; 8] = [
        PinReason::Length,
        PinReason::NotDigits,
        PinReason::Sequence,
        PinReason::Repetition,
        PinReason::BirthDate,
        PinReason::Date,
        PinReason::Common,
        PinReason::SameAsCurrent,
    ];

    /// The stable code: `length`, `not_digits`, `sequence`, `repetition`, `birth_date`,
    /// `date`, `common` or `same_as_current`.
    pub fn code(self) -> &'static str {
        match self {
            PinReason::Length => "length",
            PinReason::NotDigits => "not_digits",
            PinReason::Sequence => "sequence",
            PinReason::Repetition => "repetition",
            PinReason::BirthDate => "birth_date",
            PinReason::Date => "date",
            PinReason::Common => "common",
            PinReason::SameAsCurrent => "same_as_current",
        }
    }

    /// Parses a stable code.
    pub fn from_code(code: &str) -> Option<PinReason> {
        PinReason::ALL.into_iter().find(|r| r.code() == code)
    }

    /// The explanation for the customer, in `lang`.
    pub fn message(self, lang: Language) -> String {
        let id = match self {
            PinReason::Length => "pin-reason-length",
            PinReason::NotDigits => "pin-reason-not-digits",
            PinReason::Sequence => "pin-reason-sequence",
            PinReason::Repetition => "pin-reason-repetition",
            PinReason::BirthDate => "pin-reason-birth-date",
            PinReason::Date => "pin-reason-date",
            PinReason::Common => "pin-reason-common",
            PinReason::SameAsCurrent => "pin-reason-same-as-current",
        };
        i18n::text(lang, id)
    }

    fn bit(self) -> u8 {
        1 << (self as u8)
    }
}

impl fmt::Display for PinReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl Serialize for PinReason {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.code())
    }
}

/// A set of reasons, iterated in the fixed order of [`PinReason::ALL`]. A bit set, so
/// checking a PIN allocates nothing.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct PinReasons(u8);

impl PinReasons {
    /// Adds a reason.
    pub fn insert(&mut self, reason: PinReason) {
        self.0 |= reason.bit();
    }

    /// Whether the set holds `reason`.
    pub fn contains(self, reason: PinReason) -> bool {
        self.0 & reason.bit() != 0
    }

    /// Whether there is no reason at all.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// How many reasons there are.
    pub fn len(self) -> usize {
        self.0.count_ones() as usize
    }

    /// The reasons in the fixed order.
    pub fn iter(self) -> impl Iterator<Item = PinReason> {
        PinReason::ALL
            .into_iter()
            .filter(move |r| self.contains(*r))
    }
}

impl FromIterator<PinReason> for PinReasons {
    fn from_iter<T: IntoIterator<Item = PinReason>>(iter: T) -> Self {
        let mut set = PinReasons::default();
        for reason in iter {
            set.insert(reason);
        }
        set
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_stable_and_ordered() {
        let codes: Vec<_> = PinReason::ALL.iter().map(|r| r.code()).collect();
        assert_eq!(
            codes,
            [
                "length",
                "not_digits",
                "sequence",
                "repetition",
                "birth_date",
                "date",
                "common",
                "same_as_current"
            ]
        );
        for reason in PinReason::ALL {
            assert_eq!(PinReason::from_code(reason.code()), Some(reason));
            assert_eq!(
                serde_json::to_string(&reason).unwrap(),
                format!("\"{}\"", reason.code())
            );
        }
    }

    #[test]
    fn a_set_iterates_in_the_fixed_order() {
        let set: PinReasons = [PinReason::Common, PinReason::Sequence, PinReason::Common]
            .into_iter()
            .collect();
        assert_eq!(set.len(), 2);
        assert_eq!(
            set.iter().collect::<Vec<_>>(),
            [PinReason::Sequence, PinReason::Common]
        );
    }

    #[test]
    fn every_reason_has_a_message_in_every_language() {
        for reason in PinReason::ALL {
            for lang in Language::ALL {
                assert!(!reason.message(lang).starts_with("pin-"));
            }
        }
    }
}
