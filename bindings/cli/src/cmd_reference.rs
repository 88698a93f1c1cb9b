//! `avain reference`: validate a Finnish reference number or an RF creditor reference, or
//! create one from a base number.

use std::io;

use avain_core::Language;
use avain_core::i18n::text;
use avain_core::payments::{FinnishReference, Reference};
use serde_json::{Value, json};

use crate::input::{self, Output};

/// Arguments of `avain reference`.
#[derive(Debug, clap::Args)]
pub struct ReferenceArgs {
    /// The reference ("12 34561", "RF34 1234 561"), or `-` to read one per line from stdin.
    input: String,
    /// Treat the input as a base number (an invoice number) and append the check digit.
    #[arg(long)]
    create: bool,
}

/// Runs `avain reference`.
pub fn run(output: Output, args: &ReferenceArgs) -> io::Result<()> {
    input::for_each_input(&args.input, |line| {
        let (json, human) = check(line, args.create, output.lang);
        input::emit(output, &json, &human)
    })
}

/// The JSON object and the human-readable line for one input.
fn check(line: &str, create: bool, lang: Language) -> (Value, String) {
    let parsed = if create {
        FinnishReference::from_base(line).map(Reference::Finnish)
    } else {
        Reference::parse(line)
    };
    let reference = match parsed {
        Ok(reference) => reference,
        Err(e) => return input::invalid(line, e.code(), e.message(lang)),
    };
    let rf = reference.to_rf();
    let json = json!({
        "input": line,
        "valid": true,
        "kind": reference.kind(),
        "machine": reference.machine(),
        "display": reference.display_form(),
        "rf": rf.electronic(),
    });
    let human = match reference {
        Reference::Finnish(_) => format!(
            "{}  {}: {}",
            reference.display_form(),
            text(lang, "payments-label-rf-reference"),
            rf.print_form()
        ),
        Reference::Rf(_) => reference.display_form(),
    };
    (json, human)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finnish_reference() {
        let (json, human) = check("1234561", false, Language::Fi);
        assert_eq!(
            json,
            json!({
                "input": "1234561",
                "valid": true,
                "kind": "finnish",
                "machine": "1234561",
                "display": "12 34561",
                "rf": "RF341234561",
            })
        );
        assert_eq!(human, "12 34561  RF-viite: RF34 1234 561");
    }

    #[test]
    fn rf_reference() {
        let (json, human) = check("rf18 5390 0754 7034", false, Language::En);
        assert_eq!(json["kind"], "rf");
        assert_eq!(json["machine"], "RF18539007547034");
        assert_eq!(json["display"], "RF18 5390 0754 7034");
        assert_eq!(json["rf"], "RF18539007547034");
        assert_eq!(human, "RF18 5390 0754 7034");
    }

    #[test]
    fn create_and_errors() {
        let (json, _) = check("123456", true, Language::Fi);
        assert_eq!(json["machine"], "1234561");
        let (json, human) = check("1234562", false, Language::En);
        assert_eq!(
            json,
            json!({"input": "1234562", "valid": false, "error": "bad_check_digit"})
        );
        assert!(human.contains("not correct"), "{human}");
    }
}
