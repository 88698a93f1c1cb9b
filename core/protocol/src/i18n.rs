//! User-facing text in Finnish, Swedish and English.
//!
//! Every message lives in `core/locales/<lang>/<module>.ftl` (Fluent); `build.rs` joins
//! each language's files into one resource. Shells render these strings and never
//! translate, so a rule and its explanation always travel together.

use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use serde::{Deserialize, Serialize};

/// A language the core writes user-facing text in.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "lowercase")]
pub enum Language {
    /// Finnish, the default.
    #[default]
    Fi,
    /// Swedish (Finland's second official language).
    Sv,
    /// English.
    En,
}

impl Language {
    /// Every language, in the order the bank lists them.
    pub const ALL: [Language; 3] = [Language::Fi, Language::Sv, Language::En];

    /// The ISO 639-1 code: "fi", "sv" or "en".
    pub fn code(self) -> &'static str {
        match self {
            Language::Fi => "fi",
            Language::Sv => "sv",
            Language::En => "en",
        }
    }

    /// Parses an ISO 639-1 code, any case ("FI", "sv", "en").
    pub fn from_code(code: &str) -> Option<Language> {
        Language::ALL
            .into_iter()
            .find(|lang| lang.code().eq_ignore_ascii_case(code))
    }
}

impl std::fmt::Display for Language {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

/// A value substituted into a message (`{ $name }` in the .ftl file).
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    /// Text, inserted as is.
    Text(String),
    /// A whole number, inserted without grouping so Fluent's plural rules apply.
    Number(i64),
}

impl From<&str> for Arg {
    fn from(value: &str) -> Self {
        Arg::Text(value.to_owned())
    }
}

impl From<String> for Arg {
    fn from(value: String) -> Self {
        Arg::Text(value)
    }
}

impl From<i64> for Arg {
    fn from(value: i64) -> Self {
        Arg::Number(value)
    }
}

impl From<u32> for Arg {
    fn from(value: u32) -> Self {
        Arg::Number(i64::from(value))
    }
}

/// Every message of `lang` (build.rs joins the files of `core/locales/<lang>`).
#[cfg(feature = "extra-texts")]
fn source(lang: Language) -> &'static str {
    match lang {
        Language::Fi => include_str!(concat!(env!("OUT_DIR"), "/fi-all.ftl")),
        Language::Sv => include_str!(concat!(env!("OUT_DIR"), "/sv-all.ftl")),
        Language::En => include_str!(concat!(env!("OUT_DIR"), "/en-all.ftl")),
    }
}

/// The messages of `lang` without the command line's demo and the message checks' texts,
/// which the phone library does not carry (about 28 KiB for the three languages).
#[cfg(not(feature = "extra-texts"))]
fn source(lang: Language) -> &'static str {
    match lang {
        Language::Fi => include_str!(concat!(env!("OUT_DIR"), "/fi.ftl")),
        Language::Sv => include_str!(concat!(env!("OUT_DIR"), "/sv.ftl")),
        Language::En => include_str!(concat!(env!("OUT_DIR"), "/en.ftl")),
    }
}

fn bundle(lang: Language) -> &'static FluentBundle<FluentResource> {
    static BUNDLES: [OnceLock<FluentBundle<FluentResource>>; 3] =
        [OnceLock::new(), OnceLock::new(), OnceLock::new()];
    let index = Language::ALL
        .iter()
        .position(|l| *l == lang)
        .unwrap_or_default();
    BUNDLES[index].get_or_init(|| {
        let langid = lang
            .code()
            .parse()
            .unwrap_or_else(|_| unic_langid::LanguageIdentifier::default());
        let mut bundle = FluentBundle::new_concurrent(vec![langid]);
        // Isolation marks (U+2068/U+2069) would end up inside SMS texts and terminals.
        bundle.set_use_isolating(false);
        // The sources are compiled in and checked by the tests below; a syntax error
        // there is a build defect, and the parsed part is still usable.
        let resource = match FluentResource::try_new(source(lang).to_owned()) {
            Ok(resource) => resource,
            Err((resource, _errors)) => resource,
        };
        // Duplicate ids are reported by the tests; keep the first definition.
        let _ = bundle.add_resource(resource);
        bundle
    })
}

/// The message `id` in `lang`, without arguments.
///
/// An unknown id yields the id itself, so a missing translation is visible but never a
/// crash; the test below guarantees every id exists in every language.
pub fn text(lang: Language, id: &str) -> String {
    text_with(lang, id, &[])
}

/// The message `id` in `lang` with named arguments.
pub fn text_with(lang: Language, id: &str, args: &[(&str, Arg)]) -> String {
    let bundle = bundle(lang);
    let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) else {
        return id.to_owned();
    };
    let mut fluent_args = FluentArgs::new();
    for (name, value) in args {
        match value {
            Arg::Text(text) => fluent_args.set(*name, FluentValue::from(text.as_str())),
            Arg::Number(n) => fluent_args.set(*name, FluentValue::from(*n)),
        }
    }
    let mut errors = Vec::new();
    bundle
        .format_pattern(pattern, Some(&fluent_args), &mut errors)
        .into_owned()
}

/// Whether `id` is a message in `lang` (for tests and for callers that build ids).
pub fn has_message(lang: Language, id: &str) -> bool {
    bundle(lang).has_message(id)
}

/// Every message id defined for `lang`, sorted.
pub fn message_ids(lang: Language) -> Vec<String> {
    let resource = match FluentResource::try_new(source(lang).to_owned()) {
        Ok(resource) => resource,
        Err((resource, _)) => resource,
    };
    let mut ids: Vec<String> = resource
        .entries()
        .filter_map(|entry| match entry {
            fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_owned()),
            _ => None,
        })
        .collect();
    ids.sort();
    ids
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_parses_without_errors() {
        for lang in Language::ALL {
            if let Err((_, errors)) = FluentResource::try_new(source(lang).to_owned()) {
                panic!("{lang}: {errors:?}");
            }
        }
    }

    #[test]
    fn every_message_id_exists_in_all_three_languages() {
        let fi = message_ids(Language::Fi);
        assert!(!fi.is_empty());
        for lang in [Language::Sv, Language::En] {
            assert_eq!(message_ids(lang), fi, "{lang} differs from fi");
        }
    }

    #[test]
    fn no_message_id_is_defined_twice() {
        for lang in Language::ALL {
            let mut ids = message_ids(lang);
            let count = ids.len();
            ids.dedup();
            assert_eq!(ids.len(), count, "{lang} has a duplicate message id");
        }
    }

    #[test]
    fn unknown_ids_come_back_as_themselves() {
        assert_eq!(text(Language::Sv, "no-such-message"), "no-such-message");
    }

    #[test]
    fn language_codes_round_trip() {
        for lang in Language::ALL {
            assert_eq!(Language::from_code(lang.code()), Some(lang));
            assert_eq!(Language::from_code(&lang.code().to_uppercase()), Some(lang));
        }
        assert_eq!(Language::from_code("de"), None);
    }

    #[test]
    fn arguments_are_substituted() {
        let text = text_with(
            Language::En,
            "common-attempts-left",
            &[("count", Arg::from(2u32))],
        );
        assert_eq!(text, "2 attempts left.");
    }
}
