//! `avain language`: the app's language from the phone's preferred languages.

use std::io;

use avain_core::Language;
use avain_core::i18n::text;
use avain_core::language::{DEFAULT_SUPPORTED, Flow, preferred_language};
use serde_json::{Value, json};

use crate::input::{self, Output};

/// Arguments of `avain language`.
#[derive(Debug, clap::Args)]
pub struct LanguageArgs {
    /// The phone's preferred language tags, most preferred first ("en-US sv-FI", "sv_FI").
    /// `-` reads one list per line from stdin, tags separated by spaces or commas.
    #[arg(required = true)]
    tags: Vec<String>,
    /// The languages the bank supports (default: fi,sv).
    #[arg(long, value_delimiter = ',', value_parser = parse_language)]
    supported: Vec<Language>,
    /// Also say whether this flow exists in the chosen language (e.g.
    /// third_party_identification).
    #[arg(long, value_parser = parse_flow)]
    flow: Option<Flow>,
}

fn parse_language(code: &str) -> Result<Language, String> {
    Language::from_code(code).ok_or_else(|| format!("unknown language {code:?}: use fi, sv or en"))
}

fn parse_flow(code: &str) -> Result<Flow, String> {
    Flow::from_code(code).ok_or_else(|| {
        let codes: Vec<_> = Flow::ALL.iter().map(|f| f.code()).collect();
        format!("unknown flow {code:?}: use one of {}", codes.join(", "))
    })
}

/// Runs `avain language`.
pub fn run(output: Output, args: &LanguageArgs) -> io::Result<()> {
    let supported = if args.supported.is_empty() {
        DEFAULT_SUPPORTED.to_vec()
    } else {
        args.supported.clone()
    };
    if args.tags.len() == 1 && args.tags[0] == "-" {
        input::for_each_input("-", |line| {
            let tags: Vec<&str> = line
                .split(|c: char| c == ',' || c.is_whitespace())
                .filter(|t| !t.is_empty())
                .collect();
            let (json, human) = choose(&tags, &supported, args.flow);
            input::emit(output, &json, &human)
        })
    } else {
        let (json, human) = choose(&args.tags, &supported, args.flow);
        input::emit(output, &json, &human)
    }
}

/// The JSON object and the human-readable line for one list of tags.
fn choose<S: AsRef<str>>(
    tags: &[S],
    supported: &[Language],
    flow: Option<Flow>,
) -> (Value, String) {
    let language = preferred_language(tags, supported);
    let mut json = json!({ "language": language.code() });
    let mut human = format!("{} ({})", language.code(), text(language, "language-name"));
    if let Some(flow) = flow {
        let notice = flow.language_notice(language);
        json["flow"] = json!(flow.code());
        json["flow_language"] = json!(flow.shown_in(language).code());
        json["notice"] = json!(notice);
        if let Some(notice) = notice {
            human.push('\n');
            human.push_str(&notice);
        }
    }
    (json, human)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_issue_examples() {
        for (tags, expected) in [
            (&["en-US", "sv-FI"][..], "sv"),
            (&["en"][..], "fi"),
            (&["fi", "sv"][..], "fi"),
            (&["SV-fi"][..], "sv"),
        ] {
            let (json, _) = choose(tags, &DEFAULT_SUPPORTED, None);
            assert_eq!(json, json!({"language": expected}), "{tags:?}");
        }
    }

    #[test]
    fn a_finnish_only_flow_reports_its_notice() {
        let (json, human) = choose(
            &["sv_FI"],
            &DEFAULT_SUPPORTED,
            Some(Flow::ThirdPartyIdentification),
        );
        assert_eq!(json["language"], "sv");
        assert_eq!(json["flow_language"], "fi");
        assert!(json["notice"].as_str().unwrap().contains("finska"));
        assert_eq!(human.lines().count(), 2);
    }
}
