//! `avain money`: format cents as customers read amounts, or parse what they type.

use std::io;

use avain_core::Language;
use avain_core::payments::{Money, MoneyError};
use serde_json::{Value, json};

use crate::input::{self, Output};

/// Subcommands of `avain money`.
#[derive(Debug, clap::Subcommand)]
pub enum MoneyCommand {
    /// Format an amount in cents ("1450594" -> "14 505,94 €" with --lang fi).
    Format {
        /// Whole cents, negative for debits, or `-` to read one per line from stdin.
        #[arg(allow_negative_numbers = true)]
        cents: String,
    },
    /// Parse a typed amount ("1 234,50", "1234.50", "12 €") into cents.
    Parse {
        /// The amount as typed, or `-` to read one per line from stdin.
        text: String,
    },
}

/// Runs `avain money ...`.
pub fn run(output: Output, command: &MoneyCommand) -> io::Result<()> {
    match command {
        MoneyCommand::Format { cents } => input::for_each_input(cents, |line| {
            let (json, human) = format(line, output.lang);
            input::emit(output, &json, &human)
        }),
        MoneyCommand::Parse { text } => input::for_each_input(text, |line| {
            let (json, human) = parse(line, output.lang);
            input::emit(output, &json, &human)
        }),
    }
}

fn format(line: &str, lang: Language) -> (Value, String) {
    let Ok(cents) = line.trim().parse::<i64>() else {
        let error = MoneyError::NotANumber;
        return input::invalid(line, error.code(), error.message(lang));
    };
    let text = Money::from_cents(cents).format(lang);
    let json = json!({ "cents": cents, "lang": lang.code(), "text": text });
    (json, text)
}

fn parse(line: &str, lang: Language) -> (Value, String) {
    match Money::parse(line) {
        Ok(money) => {
            let json = json!({ "input": line, "valid": true, "cents": money.cents() });
            (json, money.format(lang))
        }
        Err(e) => input::invalid(line, e.code(), e.message(lang)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_in_each_language() {
        let (json, text) = format("1450594", Language::Fi);
        assert_eq!(
            json,
            json!({"cents": 1_450_594, "lang": "fi", "text": "14\u{a0}505,94\u{a0}€"})
        );
        assert_eq!(text, "14\u{a0}505,94\u{a0}€");
        assert_eq!(format("-1450594", Language::En).1, "-€14,505.94");
        assert_eq!(format("12.5", Language::En).0["error"], "not_a_number");
    }

    #[test]
    fn parse_amounts() {
        let (json, text) = parse("1 234,50", Language::Sv);
        assert_eq!(
            json,
            json!({"input": "1 234,50", "valid": true, "cents": 123_450})
        );
        assert_eq!(text, "1\u{a0}234,50\u{a0}€");
        let (json, text) = parse("12,345", Language::Fi);
        assert_eq!(
            json,
            json!({"input": "12,345", "valid": false, "error": "too_many_decimals"})
        );
        assert!(text.contains("kaksi desimaalia"), "{text}");
    }
}
