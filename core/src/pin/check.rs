//! The PIN check: every rule, every reason.

use time::Date;
use zeroize::{Zeroize, ZeroizeOnDrop};

use super::common::{self, is_common};
use super::reason::{PinReason, PinReasons};
use super::rules::{BirthDateForms, has_sequence, is_date, is_repetition};
use super::secret::Pin;
use super::{MAX_LEN, MIN_LEN};
use crate::i18n::Language;

/// What the check knows about the customer and the situation. `Debug` shows only which
/// facts are known: a birth date is personal data.
#[derive(Clone, Copy, Default)]
pub struct PinContext<'a> {
    /// The customer's birth date (from the personal identity code, see
    /// [`crate::hetu::Hetu::birth_date`]), when known.
    pub birth_date: Option<Date>,
    /// The current PIN, when the customer is changing it.
    pub current: Option<&'a Pin>,
}

impl std::fmt::Debug for PinContext<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let known = |yes: bool| if yes { "[redacted]" } else { "None" };
        f.debug_struct("PinContext")
            .field(
                "birth_date",
                &format_args!("{}", known(self.birth_date.is_some())),
            )
            .field(
                "current",
                &format_args!("{}", known(self.current.is_some())),
            )
            .finish()
    }
}

/// The result of a check: accepted, or every reason to refuse, in the fixed order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PinCheck {
    reasons: PinReasons,
}

impl PinCheck {
    /// Whether the PIN may be used.
    pub fn accepted(self) -> bool {
        self.reasons.is_empty()
    }

    /// Every reason to refuse, in the fixed order of [`PinReason::ALL`].
    pub fn reasons(self) -> PinReasons {
        self.reasons
    }

    /// The reasons' stable codes, in order.
    pub fn codes(self) -> Vec<&'static str> {
        self.reasons.iter().map(PinReason::code).collect()
    }

    /// The reasons' messages in `lang`, in order.
    pub fn messages(self, lang: Language) -> Vec<String> {
        self.reasons.iter().map(|r| r.message(lang)).collect()
    }
}

/// The PIN's digit values on the stack, wiped when dropped.
#[derive(Zeroize, ZeroizeOnDrop)]
struct Digits {
    values: [u8; MAX_LEN],
    len: usize,
}

impl Digits {
    fn as_slice(&self) -> &[u8] {
        &self.values[..self.len]
    }
}

/// Checks a new PIN against every rule and returns all reasons to refuse it.
///
/// A PIN that is not 4 to 8 ASCII digits gets only `length` and/or `not_digits`: the
/// other rules describe digit patterns and would only repeat the same advice. Otherwise
/// `sequence`, `repetition`, `birth_date` (with [`PinContext::birth_date`]), `date`,
/// `common` and `same_as_current` (with [`PinContext::current`]) are all checked.
pub fn check_pin(pin: &Pin, context: &PinContext<'_>) -> PinCheck {
    let mut reasons = PinReasons::default();
    let text = pin.expose().as_bytes();
    let chars = pin.len();
    if !(MIN_LEN..=MAX_LEN).contains(&chars) {
        reasons.insert(PinReason::Length);
    }
    if !text.iter().all(u8::is_ascii_digit) {
        reasons.insert(PinReason::NotDigits);
    }
    if !reasons.is_empty() {
        return PinCheck { reasons };
    }

    let mut digits = Digits {
        values: [0; MAX_LEN],
        len: text.len(),
    };
    for (slot, byte) in digits.values.iter_mut().zip(text) {
        *slot = byte - b'0';
    }
    let d = digits.as_slice();

    if has_sequence(d) {
        reasons.insert(PinReason::Sequence);
    }
    if is_repetition(d) {
        reasons.insert(PinReason::Repetition);
    }
    if let Some(birth_date) = context.birth_date
        && BirthDateForms::new(birth_date).matches(d)
    {
        reasons.insert(PinReason::BirthDate);
    }
    if is_date(d) {
        reasons.insert(PinReason::Date);
    }
    if is_common(d) {
        reasons.insert(PinReason::Common);
    }
    if context.current.is_some_and(|current| current.matches(pin)) {
        reasons.insert(PinReason::SameAsCurrent);
    }
    PinCheck { reasons }
}

/// Loads the common-PIN lists now, so that the first check is as fast as the others
/// (call at app start-up or before measuring).
pub fn preload() {
    common::preload();
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn check(pin: &str) -> Vec<&'static str> {
        check_pin(&Pin::new(pin.into()), &PinContext::default()).codes()
    }

    fn check_born(pin: &str, birth_date: Date) -> Vec<&'static str> {
        let context = PinContext {
            birth_date: Some(birth_date),
            current: None,
        };
        check_pin(&Pin::new(pin.into()), &context).codes()
    }

    #[test]
    fn the_seeds_examples_are_refused() {
        assert_eq!(check("1234"), ["sequence", "common"]);
        assert_eq!(check("0101"), ["repetition", "date", "common"]);
        let born = date!(1987 - 06 - 23);
        for pin in ["2306", "0623", "1987", "230687", "23061987", "19870623"] {
            assert!(check_born(pin, born).contains(&"birth_date"), "{pin}");
        }
    }

    #[test]
    fn format_errors_come_alone() {
        assert_eq!(check("123"), ["length"]);
        assert_eq!(check(""), ["length"]);
        assert_eq!(check("123456789"), ["length"]);
        assert_eq!(check("12a4"), ["not_digits"]);
        assert_eq!(check("12 4"), ["not_digits"]);
        assert_eq!(check("１２３４"), ["not_digits"]);
        assert_eq!(check("٤٨٢١"), ["not_digits"]);
        assert_eq!(check("ab"), ["length", "not_digits"]);
    }

    #[test]
    fn the_context_does_not_print_its_facts() {
        let current = Pin::new("4821".into());
        let context = PinContext {
            birth_date: Some(date!(1987 - 06 - 23)),
            current: Some(&current),
        };
        let debug = format!("{context:?}");
        assert!(
            !debug.contains("1987") && !debug.contains("4821"),
            "{debug}"
        );
    }

    #[test]
    fn good_pins_are_accepted() {
        for pin in ["4821", "7395", "58306", "748193", "9360417", "50718263"] {
            assert!(check(pin).is_empty(), "{pin}: {:?}", check(pin));
        }
        let born = date!(1987 - 06 - 23);
        assert!(check_born("748193", born).is_empty());
    }

    #[test]
    fn every_rule_is_reported_in_the_fixed_order() {
        assert_eq!(check("2468"), ["sequence", "common"]);
        assert_eq!(check("7890"), ["sequence", "common"]);
        assert_eq!(check("8901"), ["sequence"]);
        assert_eq!(check("1221"), ["repetition", "date", "common"]);
        assert_eq!(check("1985"), ["date", "common"]);
        assert_eq!(check("150485"), ["date"]);
        assert_eq!(check("11223344"), ["repetition", "common"]);
        let born = date!(2002 - 02 - 20);
        // Sequence (2002? no), repetition (palindrome 2002), birth date (YYYY), date
        // (a year), common.
        assert_eq!(
            check_born("2002", born),
            ["repetition", "birth_date", "date", "common"]
        );
        let current = Pin::new("4821".into());
        let context = PinContext {
            birth_date: None,
            current: Some(&current),
        };
        let same = check_pin(&Pin::new("4821".into()), &context);
        assert_eq!(same.codes(), ["same_as_current"]);
        assert!(!same.accepted());
        assert!(check_pin(&Pin::new("4822".into()), &context).accepted());
    }

    #[test]
    fn a_birth_date_inside_a_longer_pin_is_refused() {
        let born = date!(1979 - 11 - 03);
        assert_eq!(check_born("0311797", born), ["birth_date"]);
        assert_eq!(check_born("5031179", born), ["birth_date"]);
        assert!(check_born("03111979", born).contains(&"birth_date"));
        assert!(check_born("19791103", born).contains(&"birth_date"));
        // A 5-digit PIN is refused only when it is a form, not when it contains one.
        assert_eq!(check_born("03115", born), Vec::<&str>::new());
    }

    #[test]
    fn messages_follow_the_reasons() {
        let result = check_pin(&Pin::new("1234".into()), &PinContext::default());
        for lang in Language::ALL {
            let messages = result.messages(lang);
            assert_eq!(messages.len(), 2);
            assert_eq!(messages[0], PinReason::Sequence.message(lang));
        }
    }

    /// Counts the accepted PINs of one length over the whole space.
    fn accepted_share(len: u32) -> f64 {
        preload();
        let context = PinContext::default();
        let total = 10u32.pow(len);
        let mut text = String::with_capacity(8);
        let mut accepted = 0u32;
        for n in 0..total {
            text.clear();
            use std::fmt::Write;
            let _ = write!(text, "{n:0width$}", width = len as usize);
            if check_pin(&Pin::new(std::mem::take(&mut text)), &context).accepted() {
                accepted += 1;
            }
        }
        f64::from(accepted) / f64::from(total)
    }

    #[test]
    fn at_least_85_percent_of_4_digit_pins_are_accepted() {
        let share = accepted_share(4);
        eprintln!("4-digit accepted: {share}");
        assert!(share >= 0.85, "{share}");
        // And the policy is not toothless either.
        assert!(share <= 0.95, "{share}");
    }

    #[test]
    fn at_least_90_percent_of_6_digit_pins_are_accepted() {
        let share = accepted_share(6);
        eprintln!("6-digit accepted: {share}");
        assert!(share >= 0.90, "{share}");
        assert!(share <= 0.99, "{share}");
    }

    #[test]
    fn a_birth_date_refuses_few_more() {
        // The customer's own birth date costs them a handful of PINs per length, no more.
        let born = date!(1990 - 12 - 31);
        let context = PinContext {
            birth_date: Some(born),
            current: None,
        };
        let refused = (0..10_000u32)
            .filter(|n| {
                let pin = Pin::new(format!("{n:04}"));
                check_pin(&pin, &context)
                    .reasons()
                    .contains(PinReason::BirthDate)
            })
            .count();
        assert_eq!(refused, 5, "DDMM, MMDD, YYYY, MMYY, YYMM");
    }
}
