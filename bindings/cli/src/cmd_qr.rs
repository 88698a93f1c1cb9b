//! `avain qr`: read an invoice's EPC QR code (the "BCD" payload, EPC069-12 versions 001
//! and 002) into what it fills in a payment.

use std::io;

use avain_core::Language;
use avain_core::i18n::text;
use avain_core::payments::EpcQr;
use serde_json::{Value, json};

use crate::input::{self, Output};

/// The error code of a stdin line that is not one JSON string.
const NOT_JSON_STRING: &str = "not_json_string";

/// Arguments of `avain qr`.
#[derive(Debug, clap::Args)]
pub struct QrArgs {
    /// The payload (its elements on separate lines), or `-` to read one JSON string
    /// (the payload with its line breaks, "BCD\n002\n...") per line from stdin.
    input: String,
}

/// Runs `avain qr`.
pub fn run(output: Output, args: &QrArgs) -> io::Result<()> {
    let today = input::today();
    if args.input != "-" {
        let (json, human) = check(&args.input, output.lang, today);
        return input::emit(output, &json, &human);
    }
    input::for_each_input("-", |line| {
        let (json, human) = match serde_json::from_str::<String>(line) {
            Ok(payload) => check(&payload, output.lang, today),
            Err(_) => (
                invalid(NOT_JSON_STRING),
                text(output.lang, "payments-qr-not-json-string"),
            ),
        };
        input::emit(output, &json, &human)
    })
}

/// The object of a refused payload: every key, the values null.
fn invalid(code: &str) -> Value {
    json!({
        "valid": false,
        "error": code,
        "version": null,
        "iban": null,
        "bic": null,
        "name": null,
        "amount_cents": null,
        "reference": null,
        "message": null,
        "due_date": null,
    })
}

/// The JSON object and the human-readable line for one payload.
fn check(payload: &str, lang: Language, today: time::Date) -> (Value, String) {
    let qr = match EpcQr::parse(payload, today) {
        Ok(qr) => qr,
        Err(e) => return (invalid(e.code()), e.message(lang)),
    };
    let json = json!({
        "valid": true,
        "error": null,
        "version": qr.version().number(),
        "iban": qr.iban().electronic(),
        "bic": qr.bic(),
        "name": qr.name(),
        "amount_cents": qr.amount().map(|a| a.cents()),
        "reference": qr.reference().map(|r| r.machine()),
        "message": qr.message(),
        "due_date": qr.due_date().map(|d| d.to_string()),
    });
    let amount = match qr.amount() {
        Some(amount) => amount.format(lang),
        None => text(lang, "payments-amount-none"),
    };
    let mut parts = vec![
        ("payments-label-payee", qr.name().to_owned()),
        ("payments-label-iban", qr.iban().print_form()),
        ("payments-label-amount", amount),
    ];
    if let Some(reference) = qr.reference() {
        parts.push(("payments-label-reference", reference.display_form()));
    }
    if let Some(message) = qr.message() {
        parts.push(("payments-label-message", message.to_owned()));
    }
    if let Some(due) = qr.due_date() {
        parts.push((
            "payments-label-due-date",
            avain_core::confirmation::finnish_date(due),
        ));
    }
    let human = parts
        .iter()
        .map(|(label, value)| format!("{}: {value}", text(lang, label)))
        .collect::<Vec<_>>()
        .join("; ");
    (json, human)
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn the_guidelines_example() {
        let payload = "BCD\n002\n1\nSCT\nBPOTBEB1\nRed Cross of Belgium\nBE72000000001616\n\
                       EUR1\nCHAR\n\nUrgency fund\nSample EPC QR code";
        let (json, human) = check(payload, Language::En, date!(2026 - 12 - 04));
        assert_eq!(
            json,
            json!({
                "valid": true,
                "error": null,
                "version": 2,
                "iban": "BE72000000001616",
                "bic": "BPOTBEB1",
                "name": "Red Cross of Belgium",
                "amount_cents": 100,
                "reference": null,
                "message": "Urgency fund",
                "due_date": null,
            })
        );
        assert!(human.contains("Red Cross of Belgium"), "{human}");
        assert!(human.contains("Urgency fund"), "{human}");
    }
}
