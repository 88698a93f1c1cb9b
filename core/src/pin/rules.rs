//! The pattern rules, on the PIN's digit values (0-9). Each is a few comparisons per
//! digit, so a whole check stays well under a microsecond.

use time::Date;

/// Days in each month, with 29 for February (a leap day is a real date in some year).
const DAYS_IN_MONTH: [u8; 12] = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/// Years a 4-digit PIN is refused as (birth years, wedding years, the near future).
const YEARS_4: std::ops::RangeInclusive<u32> = 1900..=2039;

/// Years an 8-digit PIN is refused as a date in: every birth date and anniversary a
/// customer may still pick, and this century's future. Outside it a "date" is just digits.
const YEARS_8: std::ops::RangeInclusive<u32> = 1900..=2099;

/// Whether there are four or more consecutive digits with one constant step (step 0:
/// 1111; +-1: 1234, 4321; +-2: 2468, 9753; +-3: 0369), or a +-1 run wrapping past 9
/// (7890, 8901, 9012, 0987, 1098).
pub(super) fn has_sequence(d: &[u8]) -> bool {
    d.windows(4).any(|w| {
        let steps = [
            i16::from(w[1]) - i16::from(w[0]),
            i16::from(w[2]) - i16::from(w[1]),
            i16::from(w[3]) - i16::from(w[2]),
        ];
        let constant = steps[0] == steps[1] && steps[1] == steps[2];
        let wrapping = |step: i16| steps.iter().all(|s| s.rem_euclid(10) == step);
        constant || wrapping(1) || wrapping(9)
    })
}

/// Whether the whole PIN is one block repeated (0101, 123123, 121212), a palindrome
/// (1221, 12321, 123321) or doubled pairs (1122, 112233, 11223344).
pub(super) fn is_repetition(d: &[u8]) -> bool {
    let n = d.len();
    let repeated_block = (1..n)
        .filter(|block| n % block == 0)
        .any(|block| (block..n).all(|i| d[i] == d[i - block]));
    let palindrome = d.iter().eq(d.iter().rev());
    let doubled_pairs = n % 2 == 0 && d.chunks_exact(2).all(|pair| pair[0] == pair[1]);
    repeated_block || palindrome || doubled_pairs
}

/// Whether the PIN looks like a date: 4 digits that are a real DDMM or MMDD date or a
/// year 1900-2039; 6 digits that are a real DDMMYY date; 8 digits that are a real
/// DDMMYYYY or YYYYMMDD date (years 1900-2099).
pub(super) fn is_date(d: &[u8]) -> bool {
    match d.len() {
        4 => {
            let (a, b) = (pair(d, 0), pair(d, 2));
            is_day_month(a, b, true) || is_day_month(b, a, true) || YEARS_4.contains(&number(d))
        }
        6 => is_day_month(pair(d, 0), pair(d, 2), pair(d, 4) % 4 == 0),
        8 => {
            let ddmmyyyy = number(&d[4..]);
            let yyyymmdd = number(&d[..4]);
            (YEARS_8.contains(&ddmmyyyy) && is_day_month(pair(d, 0), pair(d, 2), is_leap(ddmmyyyy)))
                || (YEARS_8.contains(&yyyymmdd)
                    && is_day_month(pair(d, 6), pair(d, 4), is_leap(yyyymmdd)))
        }
        _ => false,
    }
}

/// The customer's birth date written in the forms people use for PINs.
pub(super) struct BirthDateForms {
    /// Each form's digits (only the first `len` are used) and length.
    forms: [([u8; 8], usize); 12],
    /// Indices into `forms` of the forms also refused inside longer PINs: DDMMYY,
    /// DDMMYYYY and YYYYMMDD.
    contained: [usize; 3],
}

impl BirthDateForms {
    /// DDMM, MMDD, YYYY, MMYY, YYMM, DDMMYY, MMDDYY, YYMMDD, MMYYYY, YYYYMM, DDMMYYYY
    /// and YYYYMMDD of `date`.
    pub(super) fn new(date: Date) -> BirthDateForms {
        let dd = digits2(u32::from(date.day()));
        let mm = digits2(u32::from(u8::from(date.month())));
        let year = date.year().unsigned_abs() % 10_000;
        let yyyy = [
            (year / 1000) as u8,
            (year / 100 % 10) as u8,
            (year / 10 % 10) as u8,
            (year % 10) as u8,
        ];
        let yy = [yyyy[2], yyyy[3]];
        let form = |parts: &[&[u8]]| {
            let mut out = [0u8; 8];
            let mut len = 0;
            for part in parts {
                out[len..len + part.len()].copy_from_slice(part);
                len += part.len();
            }
            (out, len)
        };
        BirthDateForms {
            forms: [
                form(&[&dd, &mm]),
                form(&[&mm, &dd]),
                form(&[&yyyy]),
                form(&[&mm, &yy]),
                form(&[&yy, &mm]),
                form(&[&dd, &mm, &yy]),
                form(&[&mm, &dd, &yy]),
                form(&[&yy, &mm, &dd]),
                form(&[&mm, &yyyy]),
                form(&[&yyyy, &mm]),
                form(&[&dd, &mm, &yyyy]),
                form(&[&yyyy, &mm, &dd]),
            ],
            contained: [5, 10, 11],
        }
    }

    /// Whether the PIN is one of the forms, or (6 digits or more) contains the DDMMYY or
    /// an 8-digit form.
    pub(super) fn matches(&self, d: &[u8]) -> bool {
        let equal = self.forms.iter().any(|(form, len)| &form[..*len] == d);
        let contains = d.len() >= 6
            && self.contained.iter().any(|&i| {
                let (form, len) = &self.forms[i];
                d.windows(*len).any(|w| w == &form[..*len])
            });
        equal || contains
    }
}

fn digits2(n: u32) -> [u8; 2] {
    [(n / 10 % 10) as u8, (n % 10) as u8]
}

fn pair(d: &[u8], at: usize) -> u32 {
    u32::from(d[at]) * 10 + u32::from(d[at + 1])
}

fn number(d: &[u8]) -> u32 {
    d.iter().fold(0, |n, digit| n * 10 + u32::from(*digit))
}

fn is_leap(year: u32) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

fn is_day_month(day: u32, month: u32, leap: bool) -> bool {
    if !(1..=12).contains(&month) || day == 0 {
        return false;
    }
    let max = if month == 2 && !leap {
        28
    } else {
        u32::from(DAYS_IN_MONTH[(month - 1) as usize])
    };
    day <= max
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn digits(text: &str) -> Vec<u8> {
        text.bytes().map(|b| b - b'0').collect()
    }

    #[test]
    fn sequences_with_any_constant_step() {
        for pin in [
            "1111", "1234", "4321", "2468", "9753", "0369", "9630", "3579", "0246", "6789", "7890",
            "8901", "9012", "0987", "1098", "2109", "901234", "55123456", "98765", "4012340",
            "00005",
        ] {
            assert!(has_sequence(&digits(pin)), "{pin}");
        }
        for pin in [
            "1235", "1358", "2580", "1243", "8912", "9013", "135802", "4821",
        ] {
            assert!(!has_sequence(&digits(pin)), "{pin}");
        }
    }

    #[test]
    fn repetitions() {
        for pin in [
            "0101", "1212", "123123", "121212", "1221", "123321", "12321", "1122", "112233",
            "11223344", "1111", "2002", "12341234", "9999",
        ] {
            assert!(is_repetition(&digits(pin)), "{pin}");
        }
        for pin in ["1213", "1223", "123412", "4821", "11223", "112234"] {
            assert!(!is_repetition(&digits(pin)), "{pin}");
        }
    }

    #[test]
    fn dates() {
        for pin in [
            "0101", "3112", "1231", "2902", "0229", "1900", "1985", "2039", "150485", "290200",
            "290204", "15041985", "19850415", "29022000", "01012099",
        ] {
            assert!(is_date(&digits(pin)), "{pin}");
        }
        for pin in [
            "3213", "0000", "1899", "2040", "3002", "1313", "290201", "320185", "150085",
            "29021900", "19000229", "31042000", "01011899", "12345", "1504851",
        ] {
            assert!(!is_date(&digits(pin)), "{pin}");
        }
    }

    #[test]
    fn birth_date_forms() {
        let forms = BirthDateForms::new(date!(1985 - 04 - 07));
        for pin in [
            "0704", "0407", "1985", "0485", "8504", "070485", "040785", "850407", "041985",
            "198504", "07041985", "19850407", "12070485", "0704853", "90704851",
        ] {
            assert!(forms.matches(&digits(pin)), "{pin}");
        }
        // Only DDMMYY and the 8-digit forms count inside a longer PIN.
        for pin in ["0705", "1986", "5419", "0485123", "85040712", "19853"] {
            assert!(!forms.matches(&digits(pin)), "{pin}");
        }
    }
}
