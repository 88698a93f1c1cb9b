//! The check-digit arithmetic the payment formats share: ISO 7064 MOD 97-10 (IBAN and RF
//! references) and the Luhn digit of old Finnish account numbers.

/// The ISO 7064 MOD 97-10 remainder of `chars` read as one long number, letters counting
/// as two digits (A = 10 ... Z = 35), or `None` if a character is neither a digit nor an
/// upper-case ASCII letter.
///
/// Works digit by digit so any length fits in a `u32` (the value never exceeds 9 699).
pub(crate) fn mod97(chars: impl IntoIterator<Item = u8>) -> Option<u32> {
    let mut remainder = 0u32;
    for c in chars {
        remainder = match c {
            b'0'..=b'9' => (remainder * 10 + u32::from(c - b'0')) % 97,
            b'A'..=b'Z' => (remainder * 100 + u32::from(c - b'A') + 10) % 97,
            _ => return None,
        };
    }
    Some(remainder)
}

/// The two check digits ISO 13616 and ISO 11649 put after the prefix: `98 - (body + prefix
/// + "00") mod 97`, always in 02..=98.
pub(crate) fn mod97_check_digits(body: &[u8], prefix: &[u8; 2]) -> Option<u8> {
    let chars = body
        .iter()
        .chain(prefix.iter())
        .chain(b"00".iter())
        .copied();
    // The remainder is < 97, so the result is in 2..=98.
    mod97(chars).map(|r| (98 - r) as u8)
}

/// Whether `body + prefix + check` is 1 mod 97, the IBAN and RF validity test.
///
/// Check digits 00, 01 and 99 are refused outright: they are never computed (see
/// [`mod97_check_digits`]) but 00 and 01 would pass the remainder test in place of 97 and
/// 98.
pub(crate) fn mod97_valid(body: &[u8], prefix: &[u8; 2], check: &[u8; 2]) -> bool {
    if matches!(check, b"00" | b"01" | b"99") {
        return false;
    }
    let chars = body
        .iter()
        .chain(prefix.iter())
        .chain(check.iter())
        .copied();
    mod97(chars) == Some(1)
}

/// Whether ASCII `digits` pass the Luhn test (the last digit checks the others; every
/// second digit from the right is doubled). Non-digits fail.
pub(crate) fn luhn_valid(digits: &[u8]) -> bool {
    let mut sum = 0u32;
    for (i, c) in digits.iter().rev().enumerate() {
        if !c.is_ascii_digit() {
            return false;
        }
        let mut d = u32::from(c - b'0');
        if i % 2 == 1 {
            d *= 2;
            if d > 9 {
                d -= 9;
            }
        }
        sum += d;
    }
    !digits.is_empty() && sum % 10 == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mod97_reads_letters_as_two_digits() {
        // "A" = 10, so "1A" is 110 and 110 mod 97 = 13.
        assert_eq!(mod97(*b"1A"), Some(13));
        assert_eq!(mod97(*b"110"), Some(13));
        assert_eq!(mod97(*b"a"), None);
        assert_eq!(mod97(*b""), Some(0));
    }

    #[test]
    fn check_digits_of_the_iban_standard_example() {
        // ISO 13616-1 / the SWIFT registry's Finnish example: FI21 1234 5600 0007 85.
        assert_eq!(mod97_check_digits(b"12345600000785", b"FI"), Some(21));
        assert!(mod97_valid(b"12345600000785", b"FI", b"21"));
        assert!(!mod97_valid(b"12345600000785", b"FI", b"22"));
    }

    #[test]
    fn check_digits_00_01_and_99_are_never_valid() {
        // Find a body whose correct check digits are 97 or 98: 00 and 01 would then pass
        // the bare remainder test.
        let body = (0u32..10_000)
            .map(|n| format!("{n:06}"))
            .find(|b| mod97_check_digits(b.as_bytes(), b"FI") == Some(97))
            .expect("some body has check digits 97");
        assert!(mod97_valid(body.as_bytes(), b"FI", b"97"));
        assert_eq!(mod97(format!("{body}FI00").bytes()), Some(1));
        assert!(!mod97_valid(body.as_bytes(), b"FI", b"00"));
        assert!(!mod97_valid(body.as_bytes(), b"FI", b"99"));
    }

    #[test]
    fn luhn() {
        assert!(luhn_valid(b"12345600000785"));
        assert!(!luhn_valid(b"12345600000786"));
        assert!(luhn_valid(b"79927398713"));
        assert!(!luhn_valid(b""));
        assert!(!luhn_valid(b"12a"));
    }
}
