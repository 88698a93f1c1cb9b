//! Which language the app speaks, from the phone's preferred languages, and which flows
//! exist only in Finnish (`avain_core::language`). Pure.

use avain_core::Language;
use avain_core::language::{self, DEFAULT_SUPPORTED, Flow};

/// The app's language from the phone's preferred languages, most preferred first
/// (Android `LocaleList`, iOS `Locale.preferredLanguages`: "en-US", "sv-FI", "sv_FI"):
/// Swedish when Swedish comes before Finnish, even after another language; otherwise
/// Finnish.
#[uniffi::export]
pub fn choose_language(preferred: Vec<String>) -> Language {
    language::preferred_language(&preferred, &DEFAULT_SUPPORTED)
}

/// In which language a flow is shown to a customer using `lang`, and the notice to show
/// before it when that is not `lang`.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct FlowLanguage {
    /// The language the flow's screens are in.
    pub shown_in: Language,
    /// The notice to show first, in `lang` ("this service is only in Finnish"); `None`
    /// when the flow exists in `lang`.
    pub notice: Option<String>,
}

/// Which language `flow` is shown in for a customer who uses `lang`.
#[uniffi::export]
pub fn flow_language(flow: Flow, lang: Language) -> FlowLanguage {
    FlowLanguage {
        shown_in: flow.shown_in(lang),
        notice: flow.language_notice(lang),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn swedish_before_finnish_wins() {
        let tags = |t: &[&str]| t.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        assert_eq!(
            choose_language(tags(&["en-US", "sv-FI", "fi-FI"])),
            Language::Sv
        );
        assert_eq!(
            choose_language(tags(&["en-US", "fi-FI", "sv-FI"])),
            Language::Fi
        );
        assert_eq!(choose_language(tags(&["de-DE"])), Language::Fi);
        assert_eq!(choose_language(Vec::new()), Language::Fi);
    }

    #[test]
    fn finnish_only_flows_carry_a_notice() {
        let flow = flow_language(Flow::ThirdPartyIdentification, Language::Sv);
        assert_eq!(flow.shown_in, Language::Fi);
        assert!(flow.notice.is_some());
        assert_eq!(flow_language(Flow::Login, Language::Sv).notice, None);
    }
}
