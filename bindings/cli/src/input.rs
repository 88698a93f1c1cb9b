//! The conventions every subcommand shares: one input from the arguments, or with `-`
//! one input per line of standard input; output as text or one JSON object per input.

use std::io::{self, BufRead, Write};

use avain_core::Language;
use serde_json::{Value, json};
use time::{Date, OffsetDateTime};

/// Options every subcommand takes.
#[derive(Debug, Clone, Copy, clap::Args)]
pub struct Output {
    /// Print one JSON object per input line instead of text.
    #[arg(long, global = true)]
    pub json: bool,
    /// Language of messages: fi, sv or en.
    #[arg(long, global = true, default_value = "fi", value_parser = parse_language)]
    pub lang: Language,
}

fn parse_language(code: &str) -> Result<Language, String> {
    Language::from_code(code).ok_or_else(|| format!("unknown language {code:?}: use fi, sv or en"))
}

/// Runs `each` for the given input, or for every line of stdin when the input is `-`.
///
/// Empty stdin lines are skipped; surrounding whitespace is left for the parsers, which
/// decide what they tolerate.
pub fn for_each_input(input: &str, mut each: impl FnMut(&str) -> io::Result<()>) -> io::Result<()> {
    if input != "-" {
        return each(input);
    }
    for line in io::stdin().lock().lines() {
        let line = line?;
        if !line.trim().is_empty() {
            each(&line)?;
        }
    }
    Ok(())
}

/// Prints one result: the JSON object on one line, or the human-readable text.
pub fn emit(output: Output, json: &Value, human: &str) -> io::Result<()> {
    let mut stdout = io::stdout().lock();
    if output.json {
        writeln!(stdout, "{json}")
    } else {
        writeln!(stdout, "{human}")
    }
}

/// The JSON object and human line of an input that was refused: only the input, the
/// error's stable code, and its localized message for people.
pub fn invalid(input: &str, code: &str, message: String) -> (Value, String) {
    (
        json!({ "input": input, "valid": false, "error": code }),
        message,
    )
}

/// Parses a `--on YYYY-MM-DD` option.
pub fn parse_date(text: &str) -> Result<Date, String> {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    Date::parse(text, &format).map_err(|e| format!("{text:?} is not a date YYYY-MM-DD: {e}"))
}

/// Today's date in UTC, for the date-dependent lookups (the BIC table). Near midnight it
/// can be a day off Finnish time, which no table change has ever depended on.
pub fn today() -> Date {
    OffsetDateTime::now_utc().date()
}
