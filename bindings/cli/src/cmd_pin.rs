//! `avain pin check`: run the PIN policy on a PIN, as registration and PIN change do.

use std::io;

use avain_core::Language;
use avain_core::hetu::Hetu;
use avain_core::i18n::text;
use avain_core::pin::{self, Pin, PinContext, check_pin};
use serde_json::{Value, json};
use time::Date;

use crate::input::{self, Output};

/// `avain pin ...`
#[derive(Debug, clap::Subcommand)]
pub enum PinCommand {
    /// Check a new PIN against the PIN policy: every reason to refuse it, in a fixed order.
    Check(CheckArgs),
}

/// Arguments of `avain pin check`.
#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// The PIN, or `-` to read one per line from stdin.
    pin: String,
    /// The customer's birth date (YYYY-MM-DD), for the birth-date rule.
    #[arg(long, value_parser = input::parse_date, conflicts_with = "hetu")]
    birth_date: Option<Date>,
    /// The customer's personal identity code; its birth date is used.
    #[arg(long)]
    hetu: Option<String>,
    /// The current PIN, when changing it.
    #[arg(long)]
    current: Option<String>,
}

/// Runs `avain pin ...`.
pub fn run(output: Output, command: PinCommand) -> io::Result<()> {
    let PinCommand::Check(args) = command;
    let birth_date = match (&args.birth_date, &args.hetu) {
        (Some(date), _) => Some(*date),
        (None, Some(hetu)) => match Hetu::parse(hetu) {
            Ok(hetu) => Some(hetu.birth_date()),
            // A usage error (exit 2) that does not repeat the code.
            Err(e) => clap::Error::raw(
                clap::error::ErrorKind::ValueValidation,
                format!("--hetu: {} ({})\n", e.message(output.lang), e.code()),
            )
            .exit(),
        },
        (None, None) => None,
    };
    let current = args.current.map(Pin::new);
    let context = PinContext {
        birth_date,
        current: current.as_ref(),
    };
    input::for_each_input(&args.pin, |line| {
        let (json, human) = check(Pin::new(line.to_owned()), &context, output.lang);
        input::emit(output, &json, &human)
    })
}

/// The JSON object and the human-readable text for one PIN. Neither contains the PIN.
fn check(pin: Pin, context: &PinContext<'_>, lang: Language) -> (Value, String) {
    let result = check_pin(&pin, context);
    let messages = result.messages(lang);
    let advice = pin::advice(lang);
    let json = json!({
        "accepted": result.accepted(),
        "reasons": result.codes(),
        "messages": messages,
        "advice": advice,
    });
    let mut human = if result.accepted() {
        text(lang, "pin-accepted")
    } else {
        text(lang, "pin-refused")
    };
    for message in &messages {
        human.push_str("\n  - ");
        human.push_str(message);
    }
    (json, human)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_has_the_issue_fields_and_no_pin() {
        let (json, human) = check(
            Pin::new("1234".into()),
            &PinContext::default(),
            Language::En,
        );
        assert_eq!(json["accepted"], false);
        assert_eq!(json["reasons"], json!(["sequence", "common"]));
        assert_eq!(json["messages"].as_array().unwrap().len(), 2);
        assert_eq!(json["advice"].as_array().unwrap().len(), 3);
        assert!(!json.to_string().contains("1234\""));
        assert!(human.lines().count() == 3);
    }

    #[test]
    fn an_accepted_pin() {
        let (json, _) = check(
            Pin::new("748193".into()),
            &PinContext::default(),
            Language::Fi,
        );
        assert_eq!(json["accepted"], true);
        assert_eq!(json["reasons"], json!([]));
    }
}
