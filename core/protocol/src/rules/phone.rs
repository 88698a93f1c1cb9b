//! Phone numbers as customers type them: the Finnish national form ("040 123 4567"), the
//! international forms ("+358 40 123 4567", "00358 40 123 4567") and any E.164 number.
//! The phone checks them at the field; the bank checks them again before it stores a
//! number or sends an SMS to it.

/// The longest E.164 number: 15 digits after the `+`.
const E164_MAX_DIGITS: usize = 15;
/// The shortest number this bank accepts: 7 digits after the `+`.
const MIN_DIGITS: usize = 7;

/// Any phone number in one of the common forms, as E.164 (`+358401234567`), or `None`.
/// A number without a country code is read as Finnish (trunk prefix 0).
pub fn normalize(text: &str) -> Option<String> {
    let compact: String = text
        .trim()
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | '(' | ')'))
        .collect();
    let digits = if let Some(rest) = compact.strip_prefix('+') {
        rest.to_owned()
    } else if let Some(rest) = compact.strip_prefix("00") {
        rest.to_owned()
    } else if let Some(rest) = compact.strip_prefix('0') {
        format!("358{rest}")
    } else {
        return None;
    };
    let valid = (MIN_DIGITS..=E164_MAX_DIGITS).contains(&digits.len())
        && digits.bytes().all(|b| b.is_ascii_digit())
        // No country code starts with 0.
        && !digits.starts_with('0');
    valid.then(|| format!("+{digits}"))
}

/// A number that can receive the bank's SMS, as E.164, or `None`: [`normalize`], and a
/// Finnish number must be a mobile one (04x or 050, 7 to 10 digits after the 0), since
/// the bank's codes go only to mobiles.
pub fn normalize_mobile(text: &str) -> Option<String> {
    let number = normalize(text)?;
    match number.strip_prefix("+358") {
        Some(national) => {
            let mobile = national.starts_with('4') || national.starts_with("50");
            (mobile && (7..=10).contains(&national.len())).then_some(number)
        }
        None => Some(number),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finnish_numbers_in_every_form_people_type() {
        for typed in [
            "0401234567",
            "040 123 4567",
            "040-123 4567",
            "+358 40 123 4567",
            "+358401234567",
            "00358 40 1234567",
            " (040) 123 4567 ",
        ] {
            assert_eq!(normalize_mobile(typed).as_deref(), Some("+358401234567"));
        }
        assert_eq!(
            normalize_mobile("050 765 4321").as_deref(),
            Some("+358507654321")
        );
    }

    #[test]
    fn other_countries_in_e164() {
        assert_eq!(
            normalize_mobile("+46 70 123 45 67").as_deref(),
            Some("+46701234567")
        );
        assert_eq!(
            normalize_mobile("0046701234567").as_deref(),
            Some("+46701234567")
        );
    }

    #[test]
    fn what_is_not_a_mobile_number() {
        for typed in [
            "",
            "+",
            "401234567",
            "040 12",
            "+358 9 123 4567",
            "09 123 4567",
            "+1234567890123456",
            "+358 40 123 456a",
            "040/1234567",
            "+0401234567",
            "+358 40 1234 56789",
            "٠٤٠١٢٣٤٥٦٧",
        ] {
            assert_eq!(normalize_mobile(typed), None, "{typed}");
        }
        // A landline is a phone number, only not one for SMS.
        assert_eq!(normalize("09 123 4567").as_deref(), Some("+35891234567"));
    }
}
