//! `avain scam`: the scam check on one message, or on JSON lines from stdin.
//!
//! ```sh
//! avain scam --sender "+358 45 231 8890" "Kirjaudu: https://tunnus-uusinta.com"
//! echo '{"sender":"AvainPankki","text":"..."}' | avain scam -
//! ```
//!
//! With `-`, every stdin line is a JSON object {"sender", "text"} and every answer a JSON
//! line {"level", "findings": [{"code", "message", "subject"}], "advice"}, whatever
//! `--json` says: machine input gets machine output. A line that is not such an object
//! gets {"error": {"code", "message"}} and makes the exit status 2.

use std::io;
use std::process::ExitCode;

use avain_core::Language;
use avain_core::scam::{self, BankConfig, Verdict};
use serde::Deserialize;
use serde_json::{Value, json};

use crate::input::{self, Output};

/// Arguments of `avain scam`.
#[derive(Debug, clap::Args)]
pub struct ScamArgs {
    /// The sender as the phone shows it: "Name <address@domain>", a phone number or an
    /// SMS sender id. Empty when unknown. With `-`, the default for lines without one.
    #[arg(long, default_value = "")]
    sender: String,
    /// One of the bank's domains; repeat for several. Default: the demo bank's
    /// (avainpankki.fi, avainbanken.fi).
    #[arg(long = "bank-domain", value_name = "DOMAIN")]
    bank_domains: Vec<String>,
    /// One of the bank's registered SMS sender ids; repeat for several. Default: the
    /// demo bank's when no --bank-domain is given, none otherwise.
    #[arg(long = "sms-sender-id", value_name = "ID")]
    sms_sender_ids: Vec<String>,
    /// The message text, or `-` to read JSON lines {"sender", "text"} from stdin.
    text: String,
}

#[derive(Debug, Deserialize)]
struct InputLine {
    #[serde(default)]
    sender: Option<String>,
    text: String,
}

fn config(args: &ScamArgs) -> Result<BankConfig, scam::ConfigError> {
    let mut config = if args.bank_domains.is_empty() {
        BankConfig::demo()
    } else {
        BankConfig::new(&args.bank_domains)?.with_blocking_numbers(&scam::DEMO_BLOCKING_NUMBERS)
    };
    if !args.sms_sender_ids.is_empty() {
        config = config.with_sms_sender_ids(&args.sms_sender_ids)?;
    }
    Ok(config)
}

fn verdict_json(verdict: &Verdict, lang: Language) -> Value {
    let findings: Vec<Value> = verdict
        .findings
        .iter()
        .map(|f| {
            let mut finding = json!({ "code": f.code.code(), "message": f.message(lang) });
            if let Some(subject) = &f.subject {
                finding["subject"] = json!(subject);
            }
            finding
        })
        .collect();
    json!({
        "level": verdict.level.code(),
        "findings": findings,
        "advice": verdict.advice(lang),
    })
}

fn verdict_text(verdict: &Verdict, lang: Language) -> String {
    let mut lines = vec![format!(
        "{} ({})",
        verdict.level.label(lang),
        verdict.level.code()
    )];
    for finding in &verdict.findings {
        lines.push(format!("- {} [{}]", finding.message(lang), finding.code));
    }
    lines.push(verdict.advice(lang));
    lines.join("\n")
}

fn error_json(code: &str, message: String) -> Value {
    json!({ "error": { "code": code, "message": message } })
}

/// Runs the check; exit status 0 when every input was checked, 2 otherwise.
pub fn run(output: Output, args: &ScamArgs) -> io::Result<ExitCode> {
    let lang = output.lang;
    let config = match config(args) {
        Ok(config) => config,
        Err(e) => {
            eprintln!("avain scam: {}", e.message(lang));
            return Ok(ExitCode::from(2));
        }
    };
    if args.text != "-" {
        return match scam::check_message(&args.sender, &args.text, &config) {
            Ok(verdict) => {
                input::emit(
                    output,
                    &verdict_json(&verdict, lang),
                    &verdict_text(&verdict, lang),
                )?;
                Ok(ExitCode::SUCCESS)
            }
            Err(e) => {
                let message = e.message(lang);
                input::emit(output, &error_json(e.code(), message.clone()), &message)?;
                Ok(ExitCode::from(2))
            }
        };
    }
    let json_out = Output {
        json: true,
        ..output
    };
    let mut all_ok = true;
    input::for_each_input("-", |line| {
        let answer = match serde_json::from_str::<InputLine>(line) {
            Ok(input) => {
                let sender = input.sender.as_deref().unwrap_or(&args.sender);
                match scam::check_message(sender, &input.text, &config) {
                    Ok(verdict) => verdict_json(&verdict, lang),
                    Err(e) => {
                        all_ok = false;
                        error_json(e.code(), e.message(lang))
                    }
                }
            }
            Err(_) => {
                all_ok = false;
                error_json(
                    "invalid_input_line",
                    avain_core::i18n::text(lang, "scam-error-invalid-input-line"),
                )
            }
        };
        input::emit(json_out, &answer, "")
    })?;
    Ok(if all_ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(2)
    })
}
