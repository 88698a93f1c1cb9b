//! The Finnish personal identity code (henkilötunnus, personbeteckning): DDMMYYCZZZQ.
//!
//! - DDMMYY: the birth date; C: the century sign (`+` 1800s; `-`, `Y`, `X`, `W`, `V`, `U`
//!   1900s; `A`, `B`, `C`, `D`, `E`, `F` 2000s, the letters added in 2023);
//! - ZZZ: the individual number, 002-899 for permanent codes, 900-999 for temporary ones
//!   (000 and 001 are never issued);
//! - Q: the check character, `"0123456789ABCDEFHJKLMNPRSTUVWXY"[DDMMYYZZZ mod 31]`.
//!
//! A code is personal data: [`Hetu`] keeps it in memory that is wiped on drop, prints
//! `[redacted]` for `Debug`, and errors never contain it.

use std::fmt;

use time::{Date, Month};
use zeroize::{Zeroize, ZeroizeOnDrop};

use crate::i18n::{self, Language};

const CHECK_CHARACTERS: &[u8; 31] = b"0123456789ABCDEFHJKLMNPRSTUVWXY";

/// A valid personal identity code.
#[derive(Clone, Zeroize, ZeroizeOnDrop)]
pub struct Hetu {
    code: String,
    #[zeroize(skip)]
    birth_date: Date,
    individual: u16,
}

/// Why a personal identity code is not valid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
pub enum HetuError {
    /// Not 11 characters.
    #[error("a personal identity code has 11 characters")]
    Length,
    /// The date or the individual number is not digits, or the code is not ASCII.
    #[error("the personal identity code is not in the form DDMMYYCZZZQ")]
    Malformed,
    /// The seventh character is not a century sign.
    #[error("unknown century sign")]
    CenturySign,
    /// The first six digits are not a real date.
    #[error("the birth date is not a real date")]
    InvalidDate,
    /// The individual number is 000 or 001.
    #[error("invalid individual number")]
    IndividualNumber,
    /// The check character does not match.
    #[error("the check character does not match")]
    CheckCharacter,
    /// A temporary code (individual number 900-999) where a permanent one is required.
    #[error("a temporary code where a permanent one is required")]
    Temporary,
}

impl HetuError {
    /// Every error.
    pub const ALL: [HetuError; 7] = [
        HetuError::Length,
        HetuError::Malformed,
        HetuError::CenturySign,
        HetuError::InvalidDate,
        HetuError::IndividualNumber,
        HetuError::CheckCharacter,
        HetuError::Temporary,
    ];

    /// The stable code: `length`, `malformed`, `century_sign`, `invalid_date`,
    /// `individual_number`, `check_character` or `temporary`.
    pub fn code(self) -> &'static str {
        match self {
            HetuError::Length => "length",
            HetuError::Malformed => "malformed",
            HetuError::CenturySign => "century_sign",
            HetuError::InvalidDate => "invalid_date",
            HetuError::IndividualNumber => "individual_number",
            HetuError::CheckCharacter => "check_character",
            HetuError::Temporary => "temporary",
        }
    }

    /// What to tell the customer, in `lang`.
    pub fn message(self, lang: Language) -> String {
        let id = match self {
            HetuError::Length => "hetu-error-length",
            HetuError::Malformed => "hetu-error-malformed",
            HetuError::CenturySign => "hetu-error-century-sign",
            HetuError::InvalidDate => "hetu-error-invalid-date",
            HetuError::IndividualNumber => "hetu-error-individual-number",
            HetuError::CheckCharacter => "hetu-error-check-character",
            HetuError::Temporary => "hetu-error-temporary",
        };
        i18n::text(lang, id)
    }
}

impl Hetu {
    /// Reads a code, permanent or temporary. Surrounding whitespace is ignored and
    /// lowercase letters are read as uppercase.
    pub fn parse(text: &str) -> Result<Hetu, HetuError> {
        let text = text.trim();
        if text.chars().count() != 11 {
            return Err(HetuError::Length);
        }
        if !text.is_ascii() {
            return Err(HetuError::Malformed);
        }
        let mut code = text.to_ascii_uppercase();
        let result = Hetu::parse_normalized(code.as_bytes());
        match result {
            Ok((birth_date, individual)) => Ok(Hetu {
                code,
                birth_date,
                individual,
            }),
            Err(err) => {
                code.zeroize();
                Err(err)
            }
        }
    }

    /// Reads a code and refuses temporary ones (individual number 900-999), for flows
    /// that need the customer's permanent code.
    pub fn parse_permanent(text: &str) -> Result<Hetu, HetuError> {
        let hetu = Hetu::parse(text)?;
        if hetu.is_temporary() {
            return Err(HetuError::Temporary);
        }
        Ok(hetu)
    }

    fn parse_normalized(b: &[u8]) -> Result<(Date, u16), HetuError> {
        let digits = |range: std::ops::Range<usize>| -> Result<u32, HetuError> {
            b[range].iter().try_fold(0u32, |n, c| {
                if c.is_ascii_digit() {
                    Ok(n * 10 + u32::from(c - b'0'))
                } else {
                    Err(HetuError::Malformed)
                }
            })
        };
        let day = digits(0..2)?;
        let month = digits(2..4)?;
        let yy = digits(4..6)?;
        let individual = digits(7..10)?;
        let century = match b[6] {
            b'+' => 1800,
            b'-' | b'Y' | b'X' | b'W' | b'V' | b'U' => 1900,
            b'A' | b'B' | b'C' | b'D' | b'E' | b'F' => 2000,
            _ => return Err(HetuError::CenturySign),
        };
        let month = u8::try_from(month)
            .ok()
            .and_then(|m| Month::try_from(m).ok())
            .ok_or(HetuError::InvalidDate)?;
        let day = u8::try_from(day).map_err(|_| HetuError::InvalidDate)?;
        // At most 2000 + 99, so the conversion cannot fail.
        let year = i32::try_from(century + yy).map_err(|_| HetuError::InvalidDate)?;
        let birth_date =
            Date::from_calendar_date(year, month, day).map_err(|_| HetuError::InvalidDate)?;
        if individual < 2 {
            return Err(HetuError::IndividualNumber);
        }
        let number = digits(0..6)? * 1000 + individual;
        if CHECK_CHARACTERS[(number % 31) as usize] != b[10] {
            return Err(HetuError::CheckCharacter);
        }
        // Three digits, at most 999.
        Ok((birth_date, individual as u16))
    }

    /// The birth date the code starts with (for the PIN policy's birth-date rule).
    pub fn birth_date(&self) -> Date {
        self.birth_date
    }

    /// Whether it is a temporary code (individual number 900-999).
    pub fn is_temporary(&self) -> bool {
        self.individual >= 900
    }

    /// The code in its normal form (uppercase, no whitespace). Personal data: only for
    /// sending to the bank, never for logs.
    pub fn expose(&self) -> &str {
        &self.code
    }
}

impl fmt::Debug for Hetu {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Hetu([redacted])")
    }
}

impl PartialEq for Hetu {
    fn eq(&self, other: &Self) -> bool {
        self.code == other.code
    }
}

impl Eq for Hetu {}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    /// Builds a valid code for the given parts (the check character computed).
    fn valid(ddmmyy: &str, sign: char, individual: u16) -> String {
        let number: u32 = format!("{ddmmyy}{individual:03}").parse().unwrap();
        let check = CHECK_CHARACTERS[(number % 31) as usize] as char;
        format!("{ddmmyy}{sign}{individual:03}{check}")
    }

    #[test]
    fn the_official_example_is_valid() {
        let hetu = Hetu::parse("131052-308T").unwrap();
        assert_eq!(hetu.birth_date(), date!(1952 - 10 - 13));
        assert!(!hetu.is_temporary());
        assert_eq!(Hetu::parse(" 131052-308t ").unwrap(), hetu);
    }

    #[test]
    fn every_century_sign() {
        for (sign, year) in [
            ('+', 1852),
            ('-', 1952),
            ('Y', 1952),
            ('X', 1952),
            ('W', 1952),
            ('V', 1952),
            ('U', 1952),
            ('A', 2052),
            ('B', 2052),
            ('C', 2052),
            ('D', 2052),
            ('E', 2052),
            ('F', 2052),
        ] {
            let code = valid("131052", sign, 308);
            let hetu = Hetu::parse(&code).unwrap_or_else(|e| panic!("{sign}: {e}"));
            assert_eq!(hetu.birth_date().year(), year);
            assert_eq!(hetu.birth_date().day(), 13);
        }
        let code = valid("131052", 'G', 308);
        assert_eq!(Hetu::parse(&code), Err(HetuError::CenturySign));
        assert_eq!(
            Hetu::parse(&valid("131052", '*', 308)),
            Err(HetuError::CenturySign)
        );
    }

    #[test]
    fn real_dates_only() {
        assert!(Hetu::parse(&valid("290200", 'A', 123)).is_ok());
        assert_eq!(
            Hetu::parse(&valid("290200", '-', 123)),
            Err(HetuError::InvalidDate)
        );
        assert_eq!(
            Hetu::parse(&valid("310452", '-', 123)),
            Err(HetuError::InvalidDate)
        );
        assert_eq!(
            Hetu::parse(&valid("011352", '-', 123)),
            Err(HetuError::InvalidDate)
        );
        assert_eq!(
            Hetu::parse(&valid("000152", '-', 123)),
            Err(HetuError::InvalidDate)
        );
    }

    #[test]
    fn individual_numbers() {
        assert_eq!(
            Hetu::parse(&valid("010190", '-', 0)),
            Err(HetuError::IndividualNumber)
        );
        assert_eq!(
            Hetu::parse(&valid("010190", '-', 1)),
            Err(HetuError::IndividualNumber)
        );
        assert!(
            !Hetu::parse(&valid("010190", '-', 2))
                .unwrap()
                .is_temporary()
        );
        assert!(
            !Hetu::parse(&valid("010190", '-', 899))
                .unwrap()
                .is_temporary()
        );
        let temporary = valid("010190", '-', 900);
        assert!(Hetu::parse(&temporary).unwrap().is_temporary());
        assert!(
            Hetu::parse(&valid("010190", '-', 999))
                .unwrap()
                .is_temporary()
        );
        assert_eq!(Hetu::parse_permanent(&temporary), Err(HetuError::Temporary));
        assert!(Hetu::parse_permanent(&valid("010190", '-', 899)).is_ok());
    }

    #[test]
    fn malformed_codes() {
        assert_eq!(Hetu::parse("131052-308"), Err(HetuError::Length));
        assert_eq!(Hetu::parse(""), Err(HetuError::Length));
        assert_eq!(Hetu::parse("131052-308TT"), Err(HetuError::Length));
        assert_eq!(Hetu::parse("131052-308U"), Err(HetuError::CheckCharacter));
        assert_eq!(Hetu::parse("13105x-308T"), Err(HetuError::Malformed));
        assert_eq!(Hetu::parse("131052-3o8T"), Err(HetuError::Malformed));
        assert_eq!(Hetu::parse("131052-308Ä"), Err(HetuError::Malformed));
        assert_eq!(Hetu::parse("131052–308T"), Err(HetuError::Malformed));
    }

    #[test]
    fn the_code_never_prints() {
        let hetu = Hetu::parse("131052-308T").unwrap();
        assert_eq!(format!("{hetu:?}"), "Hetu([redacted])");
        for err in HetuError::ALL {
            for lang in Language::ALL {
                let text = err.message(lang);
                assert!(!text.starts_with("hetu-"));
            }
            assert!(!err.to_string().contains("131052"));
        }
    }

    proptest::proptest! {
        #[test]
        fn parsing_never_panics(text in ".{0,14}") {
            let _ = Hetu::parse(&text);
        }

        #[test]
        fn valid_codes_round_trip(day in 1u32..=28, month in 1u32..=12, yy in 0u32..100,
                                  sign in "[+YXWVUABCDEF-]", individual in 2u16..1000) {
            let code = valid(&format!("{day:02}{month:02}{yy:02}"), sign.chars().next().unwrap(), individual);
            let hetu = Hetu::parse(&code).unwrap();
            proptest::prop_assert_eq!(hetu.expose(), code.as_str());
            proptest::prop_assert_eq!(u32::from(hetu.birth_date().day()), day);
            proptest::prop_assert_eq!(hetu.is_temporary(), individual >= 900);
        }
    }
}
