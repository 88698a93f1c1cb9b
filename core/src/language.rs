//! Which language the app speaks, from the phone's preferred languages, and which flows
//! exist only in Finnish.
//!
//! The bank's rule (from its FAQ): the app is in Swedish when Swedish comes before Finnish
//! in the phone's language list, even when another language is first (English first,
//! Swedish second gives Swedish); otherwise Finnish.

use serde::{Deserialize, Serialize};

use crate::i18n::{self, Language};

/// The languages the bank supports by default: Finnish and Swedish.
pub const DEFAULT_SUPPORTED: [Language; 2] = [Language::Fi, Language::Sv];

/// The languages a bank's app is offered in: `listed`, or Finnish and Swedish
/// ([`DEFAULT_SUPPORTED`]) when it lists none.
pub fn supported_or_default(listed: &[Language]) -> &[Language] {
    if listed.is_empty() {
        &DEFAULT_SUPPORTED
    } else {
        listed
    }
}

/// The language of one tag: BCP 47 ("sv-FI", "en-US") or Android's form ("sv_FI"), any
/// case; ISO 639-2 codes ("fin", "swe", "eng") are understood too. `None` for other
/// languages and for text that is not a tag.
pub fn tag_language(tag: &str) -> Option<Language> {
    let primary = tag.trim().split(['-', '_']).next()?;
    match primary.to_ascii_lowercase().as_str() {
        "fi" | "fin" => Some(Language::Fi),
        "sv" | "swe" => Some(Language::Sv),
        "en" | "eng" => Some(Language::En),
        _ => None,
    }
}

/// The language to use: the first of the phone's preferred `tags` whose language the
/// bank supports, or Finnish when there is none.
pub fn preferred_language<S: AsRef<str>>(tags: &[S], supported: &[Language]) -> Language {
    tags.iter()
        .filter_map(|tag| tag_language(tag.as_ref()))
        .find(|lang| supported.contains(lang))
        .unwrap_or(Language::Fi)
}

/// A flow of the app, for asking which languages it exists in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum Flow {
    /// Logging in to the app and the online bank.
    Login,
    /// Confirming a payment.
    PaymentConfirmation,
    /// Strong identification for third parties (the tax authority, Kela ...), which
    /// exists only in Finnish.
    ThirdPartyIdentification,
    /// The signing service (documents to sign), which exists only in Finnish.
    DocumentSigning,
}

impl Flow {
    /// Every flow.
    pub const ALL: [Flow; 4] = [
        Flow::Login,
        Flow::PaymentConfirmation,
        Flow::ThirdPartyIdentification,
        Flow::DocumentSigning,
    ];

    /// The stable code: `login`, `payment_confirmation`, `third_party_identification` or
    /// `document_signing`.
    pub fn code(self) -> &'static str {
        match self {
            Flow::Login => "login",
            Flow::PaymentConfirmation => "payment_confirmation",
            Flow::ThirdPartyIdentification => "third_party_identification",
            Flow::DocumentSigning => "document_signing",
        }
    }

    /// Parses a stable code.
    pub fn from_code(code: &str) -> Option<Flow> {
        Flow::ALL.into_iter().find(|f| f.code() == code)
    }

    /// The languages the flow exists in.
    pub fn languages(self) -> &'static [Language] {
        match self {
            Flow::Login | Flow::PaymentConfirmation => &Language::ALL,
            Flow::ThirdPartyIdentification | Flow::DocumentSigning => &[Language::Fi],
        }
    }

    /// The language the flow is shown in for a customer who uses `lang`: `lang` itself,
    /// or Finnish for a flow that exists only in Finnish.
    pub fn shown_in(self, lang: Language) -> Language {
        if self.languages().contains(&lang) {
            lang
        } else {
            Language::Fi
        }
    }

    /// The notice to show, in the customer's `lang`, before a flow that is not available
    /// in that language; `None` when it is.
    pub fn language_notice(self, lang: Language) -> Option<String> {
        if self.languages().contains(&lang) {
            return None;
        }
        let id = match self {
            Flow::ThirdPartyIdentification => "language-only-finnish-identification",
            Flow::DocumentSigning => "language-only-finnish-signing",
            Flow::Login | Flow::PaymentConfirmation => "language-only-finnish",
        };
        Some(i18n::text(lang, id))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Language::{En, Fi, Sv};

    #[test]
    fn no_listed_languages_means_finnish_and_swedish() {
        assert_eq!(supported_or_default(&[]), &DEFAULT_SUPPORTED);
        assert_eq!(supported_or_default(&[Fi, Sv, En]), &[Fi, Sv, En]);
    }

    fn choose(tags: &[&str]) -> Language {
        preferred_language(tags, &DEFAULT_SUPPORTED)
    }

    #[test]
    fn the_issue_examples() {
        assert_eq!(choose(&["en-US", "sv-FI"]), Sv);
        assert_eq!(choose(&["en"]), Fi);
        assert_eq!(choose(&["fi", "sv"]), Fi);
        assert_eq!(choose(&[]), Fi);
    }

    #[test]
    fn tags_in_any_form() {
        assert_eq!(choose(&["sv_FI"]), Sv);
        assert_eq!(choose(&["SV-fi"]), Sv);
        assert_eq!(choose(&["sv-SE"]), Sv);
        assert_eq!(choose(&["swe"]), Sv);
        assert_eq!(choose(&[" sv "]), Sv);
        assert_eq!(choose(&["de-DE", "fi-FI", "sv-FI"]), Fi);
        assert_eq!(choose(&["", "-", "x-klingon", "sv"]), Sv);
        assert_eq!(choose(&["svenska"]), Fi);
    }

    #[test]
    fn the_bank_decides_which_languages_count() {
        assert_eq!(preferred_language(&["en-GB", "sv"], &Language::ALL), En);
        assert_eq!(preferred_language(&["en-GB", "sv"], &[Fi]), Fi);
        assert_eq!(preferred_language(&["sv"], &[]), Fi);
        let owned = vec![String::from("en_US"), String::from("sv_FI")];
        assert_eq!(preferred_language(&owned, &DEFAULT_SUPPORTED), Sv);
    }

    #[test]
    fn finnish_only_flows_say_so() {
        let flow = Flow::ThirdPartyIdentification;
        assert_eq!(flow.language_notice(Fi), None);
        assert_eq!(flow.shown_in(Sv), Fi);
        let notice = flow.language_notice(Sv).unwrap();
        assert!(notice.contains("finska"), "{notice}");
        assert!(flow.language_notice(En).unwrap().contains("Finnish"));
        assert_eq!(Flow::Login.language_notice(Sv), None);
        assert_eq!(Flow::Login.shown_in(Sv), Sv);
        assert!(Flow::DocumentSigning.language_notice(En).is_some());
    }

    #[test]
    fn flow_codes_round_trip() {
        for flow in Flow::ALL {
            assert_eq!(Flow::from_code(flow.code()), Some(flow));
            assert_eq!(
                serde_json::to_string(&flow).unwrap(),
                format!("\"{}\"", flow.code())
            );
        }
    }

    proptest::proptest! {
        #[test]
        fn never_panics(tags in proptest::collection::vec(".{0,12}", 0..5)) {
            let _ = preferred_language(&tags, &DEFAULT_SUPPORTED);
        }
    }
}
