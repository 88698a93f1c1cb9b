//! Finnish identifiers for the seed data, built with their check characters: HETU, IBAN,
//! Finnish and RF references, and the virtual barcode (versions 4 and 5).
//!
//! These only *make* valid values for the demo customers; parsing and validating what
//! customers type is the core's job. The tests check them against published examples.

use time::Date;

/// The HETU check characters, indexed by `DDMMYYZZZ mod 31`.
const HETU_CHECK: &[u8; 31] = b"0123456789ABCDEFHJKLMNPRSTUVWXY";

/// A HETU for `birth` with individual number `individual` (002-899 permanent, 900-999
/// temporary), with the century sign and the check character.
pub fn hetu(birth: Date, individual: u16) -> String {
    let year = birth.year();
    let century = match year {
        1800..=1899 => '+',
        1900..=1999 => '-',
        _ => 'A',
    };
    let dd = birth.day();
    let mm = u8::from(birth.month());
    let yy = year.rem_euclid(100);
    let number = u64::from(dd) * 10_000_000
        + u64::from(mm) * 100_000
        + yy as u64 * 1_000
        + u64::from(individual);
    let check = HETU_CHECK[(number % 31) as usize] as char;
    format!("{dd:02}{mm:02}{yy:02}{century}{individual:03}{check}")
}

/// Remainder of a long decimal string modulo 97 (ISO 7064 MOD 97-10), digit by digit.
fn mod97(digits: &str) -> u32 {
    digits
        .bytes()
        .fold(0u32, |acc, b| (acc * 10 + u32::from(b - b'0')) % 97)
}

/// Converts letters to numbers as IBAN and RF check digits require (A = 10 ... Z = 35).
fn letters_to_digits(text: &str) -> String {
    text.chars()
        .map(|c| match c.to_digit(36) {
            Some(v) => v.to_string(),
            None => String::new(),
        })
        .collect()
}

/// A Finnish IBAN from a 14-digit BBAN (bank code and account number).
pub fn iban_fi(bban: &str) -> String {
    let rearranged = letters_to_digits(&format!("{bban}FI00"));
    let check = 98 - mod97(&rearranged);
    format!("FI{check:02}{bban}")
}

/// A Finnish reference number: the base digits plus the 7-3-1 check digit.
pub fn fi_reference(base: &str) -> String {
    let weights = [7u32, 3, 1];
    let sum: u32 = base
        .bytes()
        .rev()
        .enumerate()
        .map(|(i, b)| u32::from(b - b'0') * weights[i % 3])
        .sum();
    let check = (10 - sum % 10) % 10;
    format!("{base}{check}")
}

/// An RF creditor reference (ISO 11649) around `body`.
pub fn rf_reference(body: &str) -> String {
    let check = 98 - mod97(&letters_to_digits(&format!("{body}RF00")));
    format!("RF{check:02}{body}")
}

/// The due date as YYMMDD.
fn yymmdd(date: Date) -> String {
    format!(
        "{:02}{:02}{:02}",
        date.year().rem_euclid(100),
        u8::from(date.month()),
        date.day()
    )
}

/// A version 4 virtual barcode (Finnish reference): 54 digits.
pub fn barcode_v4(iban: &str, cents: i64, reference: &str, due: Date) -> String {
    let account = iban.get(2..).unwrap_or_default();
    format!(
        "4{account}{:06}{:02}000{reference:0>20}{}",
        cents / 100,
        cents % 100,
        yymmdd(due)
    )
}

/// A version 5 virtual barcode (RF reference with a numeric body): 54 digits.
pub fn barcode_v5(iban: &str, cents: i64, rf: &str, due: Date) -> String {
    let account = iban.get(2..).unwrap_or_default();
    let check = rf.get(2..4).unwrap_or_default();
    let body = rf.get(4..).unwrap_or_default();
    format!(
        "5{account}{:06}{:02}{check}{body:0>21}{}",
        cents / 100,
        cents % 100,
        yymmdd(due)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn hetu_matches_the_published_example() {
        // The Digital and Population Data Services Agency's example code.
        assert_eq!(hetu(date!(1952 - 10 - 13), 308), "131052-308T");
        assert_eq!(hetu(date!(2003 - 01 - 05), 123).get(6..7), Some("A"));
    }

    #[test]
    fn iban_matches_a_published_example() {
        // The Finnish example IBAN of the IBAN registry.
        assert_eq!(iban_fi("12345600000785"), "FI2112345600000785");
        let iban = iban_fi("47990010000019");
        assert_eq!(
            mod97(&letters_to_digits(&format!("{}{}", &iban[4..], &iban[..4]))),
            1
        );
    }

    #[test]
    fn references_have_valid_check_digits() {
        // 123 -> 1232 is Finance Finland's own example; RF18... is ISO 11649's.
        assert_eq!(fi_reference("123"), "1232");
        assert_eq!(fi_reference("1234561"), "12345614");
        assert_eq!(fi_reference("86851625961989"), "868516259619897");
        assert_eq!(rf_reference("539007547034"), "RF18539007547034");
    }

    #[test]
    fn barcodes_match_the_finance_finland_examples() {
        // Example 1 of Finance Finland's bank barcode guide, in versions 4 and 5.
        let iban = "FI7944052020036082";
        let due = date!(2010 - 06 - 12);
        assert_eq!(
            barcode_v4(iban, 488_315, "868516259619897", due),
            "479440520200360820048831500000000868516259619897100612"
        );
        assert_eq!(
            barcode_v5(iban, 488_315, "RF09868516259619897", due),
            "579440520200360820048831509000000868516259619897100612"
        );
    }
}
