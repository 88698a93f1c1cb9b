//! Money as integer cents: formatting the Finnish, Swedish and English way, and parsing
//! what customers type into an amount field. Never floats.

use super::localized;
use crate::Language;

/// Why a typed amount was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum MoneyError {
    /// Nothing but whitespace (or only a currency sign) was given.
    #[error("the amount is empty")]
    Empty,
    /// Not a number: letters, misplaced separators, digit groups not of three.
    #[error("the amount is not a number")]
    NotANumber,
    /// More than two digits after the decimal separator.
    #[error("the amount has more than two decimals")]
    TooManyDecimals,
    /// A minus sign: payments are never negative.
    #[error("the amount is negative")]
    Negative,
    /// More than 999 999 999,99 €.
    #[error("the amount is too large")]
    TooLarge,
}

impl MoneyError {
    /// Every variant.
    pub const ALL: [MoneyError; 5] = [
        MoneyError::Empty,
        MoneyError::NotANumber,
        MoneyError::TooManyDecimals,
        MoneyError::Negative,
        MoneyError::TooLarge,
    ];

    /// Stable snake_case code.
    pub fn code(self) -> &'static str {
        match self {
            MoneyError::Empty => "empty",
            MoneyError::NotANumber => "not_a_number",
            MoneyError::TooManyDecimals => "too_many_decimals",
            MoneyError::Negative => "negative",
            MoneyError::TooLarge => "too_large",
        }
    }

    /// What to tell the customer, in `lang`.
    pub fn message(self, lang: Language) -> String {
        localized(lang, "money", self.code())
    }
}

/// An amount of euros as a whole number of cents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Money {
    cents: i64,
}

/// No-break space: thousands separator and the space before "€" in Finnish and Swedish.
const NBSP: char = '\u{a0}';
/// The minus sign Finnish and Swedish typography use (CLDR), not the hyphen.
const MINUS: char = '\u{2212}';

impl Money {
    /// The largest amount [`Money::parse`] accepts: 999 999 999,99 €, the protocol's
    /// limit ([`avain_protocol::rules::payments::MAX_AMOUNT_CENTS`]).
    #[allow(clippy::cast_possible_wrap)] // 99 999 999 999 fits an i64.
    pub const MAX_TYPED: Money =
        Money::from_cents(avain_protocol::rules::payments::MAX_AMOUNT_CENTS as i64);

    /// `cents` cents (negative for debits).
    pub const fn from_cents(cents: i64) -> Money {
        Money { cents }
    }

    /// The amount in cents.
    pub const fn cents(self) -> i64 {
        self.cents
    }

    /// The amount as the customer reads it: "14 505,94 €" in Finnish and Swedish (no-break
    /// spaces as thousands separator and before €, decimal comma, "−" for negatives),
    /// "€14,505.94" in English ("-€14,505.94" when negative).
    pub fn format(self, lang: Language) -> String {
        let magnitude = self.cents.unsigned_abs();
        let euros = magnitude / 100;
        let cents = magnitude % 100;
        let negative = self.cents < 0;
        match lang {
            Language::Fi | Language::Sv => {
                let sign = if negative {
                    MINUS.to_string()
                } else {
                    String::new()
                };
                format!("{sign}{},{cents:02}{NBSP}€", group_thousands(euros, NBSP))
            }
            Language::En => {
                let sign = if negative { "-" } else { "" };
                format!("{sign}€{}.{cents:02}", group_thousands(euros, ','))
            }
        }
    }

    /// Parses an amount as customers type it: "1 234,50", "1234.50", "1234,5", "12 €",
    /// "€12", "12,-", "1.234,50", "1,234.50".
    ///
    /// A lone "," or "." is the decimal separator; a separator that appears several
    /// times, or before the other kind, groups thousands (groups must be of three).
    /// Spaces (also no-break and thin spaces) group thousands. "€" or "EUR" may stand
    /// before or after the number. Errors, first failure wins: empty, not_a_number,
    /// too_many_decimals, negative, too_large.
    pub fn parse(text: &str) -> Result<Money, MoneyError> {
        let mut rest = text.trim();
        if rest.is_empty() {
            return Err(MoneyError::Empty);
        }
        let mut negative = false;
        // Sign and currency in either order: "-12 €", "€ -12", "−€12".
        for _ in 0..2 {
            if let Some(after) = strip_sign(rest, &mut negative) {
                rest = after;
            }
            rest = strip_currency(rest).trim();
        }
        if rest.is_empty() {
            return Err(MoneyError::Empty);
        }
        // "12,-" is how Finnish prices write whole euros.
        let rest = [",-", ".-", ",\u{2013}", ",\u{2014}"]
            .iter()
            .find_map(|suffix| rest.strip_suffix(suffix))
            .unwrap_or(rest);

        let (integer, fraction) = split_decimal(rest)?;
        if !fraction.bytes().all(|b| b.is_ascii_digit()) {
            return Err(MoneyError::NotANumber);
        }
        let integer_digits = integer_digits(integer)?;
        if integer_digits.is_empty() && fraction.is_empty() {
            return Err(MoneyError::NotANumber);
        }
        if fraction.len() > 2 {
            return Err(MoneyError::TooManyDecimals);
        }
        if negative {
            return Err(MoneyError::Negative);
        }
        let significant = integer_digits.trim_start_matches('0');
        if significant.len() > 9 {
            return Err(MoneyError::TooLarge);
        }
        let euros: i64 = significant
            .bytes()
            .fold(0, |n, b| n * 10 + i64::from(b - b'0'));
        let cents: i64 = format!("{fraction:0<2}")
            .bytes()
            .fold(0, |n, b| n * 10 + i64::from(b - b'0'));
        let total = euros * 100 + cents;
        if total > Money::MAX_TYPED.cents {
            return Err(MoneyError::TooLarge);
        }
        Ok(Money::from_cents(total))
    }
}

/// `n` with `separator` between groups of three digits.
fn group_thousands(n: u64, separator: char) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 * 2);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(separator);
        }
        out.push(c);
    }
    out
}

/// The text after a leading minus (sets `negative`) or plus sign, if there is one.
fn strip_sign<'a>(text: &'a str, negative: &mut bool) -> Option<&'a str> {
    let mut chars = text.chars();
    match chars.next()? {
        '-' | MINUS | '\u{2013}' => {
            *negative = true;
            Some(chars.as_str().trim_start())
        }
        '+' => Some(chars.as_str().trim_start()),
        _ => None,
    }
}

/// `text` without one "€" or "EUR" (any case) at its start or end.
fn strip_currency(text: &str) -> &str {
    if let Some(rest) = text.strip_prefix('€').or_else(|| text.strip_suffix('€')) {
        return rest;
    }
    let upper = text.to_ascii_uppercase();
    if upper.starts_with("EUR") {
        return &text[3..];
    }
    if upper.ends_with("EUR") {
        return &text[..text.len() - 3];
    }
    text
}

fn is_group_space(c: char) -> bool {
    matches!(c, ' ' | NBSP | '\u{2009}' | '\u{202f}')
}

/// Splits at the decimal separator: the last "," or "." when both kinds appear, a lone
/// "," or "." otherwise; none when the only separator kind appears several times.
fn split_decimal(text: &str) -> Result<(&str, &str), MoneyError> {
    let commas = text.matches(',').count();
    let dots = text.matches('.').count();
    let decimal = match (commas, dots) {
        (0, 0) => None,
        (1, 0) => Some(','),
        (0, 1) => Some('.'),
        (_, 0) | (0, _) => None,
        _ => {
            let last = text.rfind([',', '.']).map(|i| &text[i..=i]);
            let decimal = if last == Some(",") { ',' } else { '.' };
            // The decimal separator appears once, after every grouping one.
            if text.matches(decimal).count() != 1 {
                return Err(MoneyError::NotANumber);
            }
            Some(decimal)
        }
    };
    Ok(match decimal.and_then(|d| text.rsplit_once(d)) {
        Some((integer, fraction)) => (integer, fraction),
        None => (text, ""),
    })
}

/// The digits of the integer part, after checking that any separators in it group
/// thousands: 1-3 digits, then groups of exactly three.
fn integer_digits(integer: &str) -> Result<String, MoneyError> {
    let groups: Vec<&str> = integer
        .split(|c: char| is_group_space(c) || c == ',' || c == '.')
        .collect();
    if groups.len() == 1 {
        let only = groups[0];
        if !only.bytes().all(|b| b.is_ascii_digit()) {
            return Err(MoneyError::NotANumber);
        }
        return Ok(only.to_owned());
    }
    let mut digits = String::new();
    for (i, group) in groups.iter().enumerate() {
        let size_ok = if i == 0 {
            (1..=3).contains(&group.len())
        } else {
            group.len() == 3
        };
        if !size_ok || !group.bytes().all(|b| b.is_ascii_digit()) {
            return Err(MoneyError::NotANumber);
        }
        digits.push_str(group);
    }
    Ok(digits)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn formatting_table() {
        let cases: [(i64, &str, &str); 9] = [
            (0, "0,00\u{a0}€", "€0.00"),
            (5, "0,05\u{a0}€", "€0.05"),
            (100, "1,00\u{a0}€", "€1.00"),
            (99_999, "999,99\u{a0}€", "€999.99"),
            (100_000, "1\u{a0}000,00\u{a0}€", "€1,000.00"),
            (1_450_594, "14\u{a0}505,94\u{a0}€", "€14,505.94"),
            (-1_450_594, "\u{2212}14\u{a0}505,94\u{a0}€", "-€14,505.94"),
            (
                99_999_999_999,
                "999\u{a0}999\u{a0}999,99\u{a0}€",
                "€999,999,999.99",
            ),
            (-1, "\u{2212}0,01\u{a0}€", "-€0.01"),
        ];
        for (cents, fi, en) in cases {
            let money = Money::from_cents(cents);
            assert_eq!(money.format(Language::Fi), fi, "{cents}");
            assert_eq!(money.format(Language::Sv), fi, "{cents}");
            assert_eq!(money.format(Language::En), en, "{cents}");
        }
        // The extremes of i64 format without overflow.
        assert_eq!(
            Money::from_cents(i64::MIN).format(Language::En),
            "-€92,233,720,368,547,758.08"
        );
    }

    #[test]
    fn parsing_table() {
        let cases: [(&str, i64); 26] = [
            ("1 234,50", 123_450),
            ("1234.50", 123_450),
            ("1234,5", 123_450),
            ("12 €", 1_200),
            ("12€", 1_200),
            ("€12", 1_200),
            ("€ 12.30", 1_230),
            ("12,30 EUR", 1_230),
            ("eur 12", 1_200),
            ("12,-", 1_200),
            ("0", 0),
            ("0,01", 1),
            (",5", 50),
            ("12,", 1_200),
            ("007", 700),
            ("+5", 500),
            ("1.234,56", 123_456),
            ("1,234.56", 123_456),
            ("1,234,567", 123_456_700),
            ("1.234.567,89", 123_456_789),
            ("1\u{a0}234\u{a0}567,89\u{a0}€", 123_456_789),
            ("1\u{202f}234,00", 123_400),
            ("  14 505,94 €  ", 1_450_594),
            ("999 999 999,99", 99_999_999_999),
            ("000 999 999 999,99", 99_999_999_999),
            ("14\u{a0}505,94\u{a0}€", 1_450_594),
        ];
        for (text, cents) in cases {
            assert_eq!(Money::parse(text), Ok(Money::from_cents(cents)), "{text:?}");
        }
    }

    #[test]
    fn every_error_is_reachable() {
        let cases = [
            ("", MoneyError::Empty),
            ("   ", MoneyError::Empty),
            ("€", MoneyError::Empty),
            ("abc", MoneyError::NotANumber),
            ("12a", MoneyError::NotANumber),
            ("1 23,00", MoneyError::NotANumber),
            ("12 34", MoneyError::NotANumber),
            ("1,2,3", MoneyError::NotANumber),
            ("1.234.56,7.8", MoneyError::NotANumber),
            (",", MoneyError::NotANumber),
            ("12, 50", MoneyError::NotANumber),
            ("12 $", MoneyError::NotANumber),
            ("1e5", MoneyError::NotANumber),
            ("12,345", MoneyError::TooManyDecimals),
            ("1.234", MoneyError::TooManyDecimals),
            ("0,001", MoneyError::TooManyDecimals),
            ("-12", MoneyError::Negative),
            ("\u{2212}12,50 €", MoneyError::Negative),
            ("€ -12", MoneyError::Negative),
            ("1 000 000 000", MoneyError::TooLarge),
            ("999999999999999999999999", MoneyError::TooLarge),
        ];
        for (text, expected) in cases {
            assert_eq!(Money::parse(text), Err(expected), "{text:?}");
        }
        for error in MoneyError::ALL {
            assert!(cases.iter().any(|(_, e)| *e == error), "{error:?}");
            for lang in Language::ALL {
                assert!(
                    !error.message(lang).starts_with("payments-"),
                    "{error:?} {lang}"
                );
            }
        }
    }

    proptest! {
        #[test]
        fn formatted_amounts_parse_back(cents in 0i64..=99_999_999_999) {
            let money = Money::from_cents(cents);
            for lang in Language::ALL {
                prop_assert_eq!(Money::parse(&money.format(lang)), Ok(money), "{}", lang);
            }
        }

        #[test]
        fn parse_never_panics(text in "\\PC{0,30}") {
            let _ = Money::parse(&text);
        }
    }
}
