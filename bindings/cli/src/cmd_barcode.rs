//! `avain barcode`: decode the virtual barcode of an e-invoice into what it fills in a
//! payment.

use std::io;

use avain_core::Language;
use avain_core::i18n::text;
use avain_core::payments::{Barcode, Reference};
use serde_json::{Value, json};
use time::Date;

use crate::input::{self, Output};

/// Arguments of `avain barcode`.
#[derive(Debug, clap::Args)]
pub struct BarcodeArgs {
    /// The 54 digits, or `-` to read one barcode per line from stdin.
    input: String,
}

/// Runs `avain barcode`.
pub fn run(output: Output, args: &BarcodeArgs) -> io::Result<()> {
    input::for_each_input(&args.input, |line| {
        let (json, human) = check(line, output.lang);
        input::emit(output, &json, &human)
    })
}

/// The JSON object and the human-readable line for one input.
fn check(line: &str, lang: Language) -> (Value, String) {
    let barcode = match Barcode::parse(line) {
        Ok(barcode) => barcode,
        Err(e) => return input::invalid(line, e.code(), e.message(lang)),
    };
    let reference = match barcode.reference() {
        Reference::Finnish(reference) => reference.machine().to_owned(),
        Reference::Rf(reference) => reference.electronic().to_owned(),
    };
    let json = json!({
        "input": line,
        "valid": true,
        "version": barcode.version().number(),
        "iban": barcode.iban().electronic(),
        "amount_cents": barcode.amount().map(|a| a.cents()),
        "reference": reference,
        "due_date": barcode.due_date().map(iso_date),
    });
    let amount = match barcode.amount() {
        Some(amount) => amount.format(lang),
        None => text(lang, "payments-amount-none"),
    };
    let due = match barcode.due_date() {
        Some(date) => local_date(date, lang),
        None => text(lang, "payments-due-date-none"),
    };
    let human = [
        ("payments-label-iban", barcode.iban().print_form()),
        ("payments-label-amount", amount),
        (
            "payments-label-reference",
            barcode.reference().display_form(),
        ),
        ("payments-label-due-date", due),
    ]
    .iter()
    .map(|(label, value)| format!("{}: {value}", text(lang, label)))
    .collect::<Vec<_>>()
    .join("; ");
    (json, human)
}

fn iso_date(date: Date) -> String {
    format!(
        "{:04}-{:02}-{:02}",
        date.year(),
        u8::from(date.month()),
        date.day()
    )
}

/// Finnish and Swedish write dates as 12.6.2010; English output keeps ISO 8601.
fn local_date(date: Date, lang: Language) -> String {
    match lang {
        Language::Fi | Language::Sv => {
            format!("{}.{}.{}", date.day(), u8::from(date.month()), date.year())
        }
        Language::En => iso_date(date),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn version_4_example() {
        // Finance Finland's bank barcode guide, example invoice 1.
        let digits = "479440520200360820048831500000000868516259619897100612";
        let (json, human) = check(digits, Language::Fi);
        assert_eq!(
            json,
            json!({
                "input": digits,
                "valid": true,
                "version": 4,
                "iban": "FI7944052020036082",
                "amount_cents": 488_315,
                "reference": "868516259619897",
                "due_date": "2010-06-12",
            })
        );
        assert_eq!(
            human,
            "Tilinumero: FI79 4405 2020 0360 82; Summa: 4\u{a0}883,15\u{a0}€; \
             Viite: 86851 62596 19897; Eräpäivä: 12.6.2010"
        );
    }

    #[test]
    fn version_5_without_amount() {
        // The guide's example invoice 6, version 5: no amount.
        let digits = "573313130010000580000000010000000000000000868624130809";
        let (json, human) = check(digits, Language::Sv);
        assert_eq!(json["version"], 5);
        assert_eq!(json["amount_cents"], Value::Null);
        assert_eq!(json["reference"], "RF10868624");
        assert_eq!(json["due_date"], "2013-08-09");
        assert!(human.contains("Belopp: Ange beloppet själv;"), "{human}");
    }

    #[test]
    fn no_due_date_and_errors() {
        let digits = "416800014000502670009358500000078777679656628687000000";
        let (json, _) = check(digits, Language::En);
        assert_eq!(json["due_date"], Value::Null);
        let (json, _) = check("12345", Language::En);
        assert_eq!(
            json,
            json!({"input": "12345", "valid": false, "error": "bad_length"})
        );
    }
}
