//! `avain hetu`: validate a Finnish personal identity code.

use std::io;

use avain_core::Language;
use avain_core::hetu::Hetu;
use avain_core::i18n::{Arg, text, text_with};
use serde_json::{Value, json};

use crate::input::{self, Output};

/// Arguments of `avain hetu`.
#[derive(Debug, clap::Args)]
pub struct HetuArgs {
    /// The code (DDMMYYCZZZQ), or `-` to read one per line from stdin.
    code: String,
    /// Refuse temporary codes (individual number 900-999).
    #[arg(long)]
    permanent_only: bool,
}

/// Runs `avain hetu`.
pub fn run(output: Output, args: &HetuArgs) -> io::Result<()> {
    input::for_each_input(&args.code, |line| {
        let (json, human) = check(line, args.permanent_only, output.lang);
        input::emit(output, &json, &human)
    })
}

/// The JSON object and the human-readable line for one code.
fn check(line: &str, permanent_only: bool, lang: Language) -> (Value, String) {
    let parsed = if permanent_only {
        Hetu::parse_permanent(line)
    } else {
        Hetu::parse(line)
    };
    let hetu = match parsed {
        Ok(hetu) => hetu,
        Err(e) => return input::invalid(line, e.code(), e.message(lang)),
    };
    let birth_date = hetu.birth_date();
    let iso = format!(
        "{:04}-{:02}-{:02}",
        birth_date.year(),
        u8::from(birth_date.month()),
        birth_date.day()
    );
    let json = json!({
        "input": line,
        "valid": true,
        "birth_date": iso,
        "temporary": hetu.is_temporary(),
    });
    let finnish_date = format!(
        "{}.{}.{}",
        birth_date.day(),
        u8::from(birth_date.month()),
        birth_date.year()
    );
    let mut human = text_with(
        lang,
        "hetu-valid",
        &[("birth_date", Arg::from(finnish_date))],
    );
    if hetu.is_temporary() {
        human.push(' ');
        human.push_str(&text(lang, "hetu-temporary-note"));
    }
    (json, human)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_valid_code() {
        let (json, human) = check("131052-308T", false, Language::Fi);
        assert_eq!(
            json,
            json!({"input": "131052-308T", "valid": true, "birth_date": "1952-10-13", "temporary": false})
        );
        assert!(human.contains("13.10.1952"), "{human}");
    }

    #[test]
    fn an_invalid_code() {
        let (json, _) = check("131052-308U", false, Language::Sv);
        assert_eq!(json["valid"], false);
        assert_eq!(json["error"], "check_character");
    }

    #[test]
    fn temporary_codes() {
        let (json, _) = check("010190-900P", false, Language::En);
        assert_eq!(json["temporary"], true, "{json}");
        let (json, _) = check("010190-900P", true, Language::En);
        assert_eq!(json["error"], "temporary");
    }
}
