//! `avain iban`: validate an IBAN (or convert an old Finnish account number) and show its
//! electronic and print forms, the Finnish bank's BIC and the old check digit.

use std::io;

use avain_core::Language;
use avain_core::i18n::text;
use avain_core::payments::{DomesticAccount, Iban};
use serde_json::{Value, json};
use time::Date;

use crate::input::{self, Output};

/// Arguments of `avain iban`.
#[derive(Debug, clap::Args)]
pub struct IbanArgs {
    /// The IBAN ("FI21 1234 5600 0007 85"), or `-` to read one per line from stdin.
    input: String,
    /// Read old Finnish account numbers ("123456-785") and convert them to IBAN.
    #[arg(long)]
    domestic: bool,
    /// Look the BIC up as of this date (YYYY-MM-DD) instead of today.
    #[arg(long, value_parser = input::parse_date)]
    on: Option<Date>,
}

/// Runs `avain iban`.
pub fn run(output: Output, args: &IbanArgs) -> io::Result<()> {
    let date = args.on.unwrap_or_else(input::today);
    input::for_each_input(&args.input, |line| {
        let (json, human) = check(line, args.domestic, date, output.lang);
        input::emit(output, &json, &human)
    })
}

/// The JSON object and the human-readable line for one input.
fn check(line: &str, domestic: bool, date: Date, lang: Language) -> (Value, String) {
    let parsed = if domestic {
        DomesticAccount::parse(line)
            .map(|account| account.to_iban())
            .map_err(|e| (e.code(), e.message(lang)))
    } else {
        Iban::parse(line).map_err(|e| (e.code(), e.message(lang)))
    };
    let iban = match parsed {
        Ok(iban) => iban,
        Err((code, message)) => return input::invalid(line, code, message),
    };
    let bank = iban.finnish_bank(date);
    let check_ok = iban.finnish_account_check_ok();
    let json = json!({
        "input": line,
        "valid": true,
        "electronic": iban.electronic(),
        "print": iban.print_form(),
        "bic": bank.map(|b| b.bic),
        "account_check_ok": check_ok,
    });
    let mut human = iban.print_form();
    if let Some(bank) = bank {
        human.push_str(&format!(
            "  {}: {} ({})",
            text(lang, "payments-label-bic"),
            bank.bic,
            bank.name
        ));
    }
    if check_ok == Some(false) {
        human.push_str(&format!(
            "  {}",
            text(lang, "payments-account-check-warning")
        ));
    }
    if !iban.is_sepa() {
        human.push_str(&format!("  {}", text(lang, "payments-not-sepa")));
    }
    (json, human)
}

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::*;

    const DAY: Date = date!(2025 - 06 - 01);

    #[test]
    fn valid_finnish_iban() {
        let (json, human) = check("fi21 1234 5600 0007 85", false, DAY, Language::Fi);
        assert_eq!(
            json,
            json!({
                "input": "fi21 1234 5600 0007 85",
                "valid": true,
                "electronic": "FI2112345600000785",
                "print": "FI21 1234 5600 0007 85",
                "bic": "NDEAFIHH",
                "account_check_ok": true,
            })
        );
        assert_eq!(human, "FI21 1234 5600 0007 85  BIC: NDEAFIHH (Nordea)");
    }

    #[test]
    fn foreign_iban_has_null_finnish_fields() {
        let (json, human) = check("SA0380000000608010167519", false, DAY, Language::En);
        assert_eq!(json["bic"], Value::Null);
        assert_eq!(json["account_check_ok"], Value::Null);
        assert!(human.contains("outside SEPA"), "{human}");
    }

    #[test]
    fn invalid_iban_has_only_the_code() {
        let (json, human) = check("FI22 1234 5600 0007 85", false, DAY, Language::Sv);
        assert_eq!(
            json,
            json!({"input": "FI22 1234 5600 0007 85", "valid": false, "error": "bad_checksum"})
        );
        assert!(human.starts_with("Kontonumret är inte korrekt"), "{human}");
    }

    #[test]
    fn a_letter_where_the_country_has_digits_is_a_structure_error() {
        // NL is 4!a10!n; the check digits are right for the letter O in the last place.
        let (json, human) = check("NL64 ABNA 0417 1643 0O", false, DAY, Language::En);
        assert_eq!(
            json,
            json!({"input": "NL64 ABNA 0417 1643 0O", "valid": false, "error": "bad_structure"})
        );
        assert!(human.contains("this country's form"), "{human}");
    }

    #[test]
    fn domestic_numbers_convert() {
        let (json, _) = check("123456-785", true, DAY, Language::Fi);
        assert_eq!(json["electronic"], "FI2112345600000785");
        let (json, human) = check("123456-786", true, DAY, Language::Fi);
        assert_eq!(json["account_check_ok"], false);
        assert!(human.contains("tarkistenumero ei täsmää"), "{human}");
        let (json, _) = check("12345-785", true, DAY, Language::Fi);
        assert_eq!(json["error"], "bad_format");
    }
}
