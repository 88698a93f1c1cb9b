//! Advice shown with every PIN creation, whatever the PIN.

use crate::i18n::{self, Language};

/// The message ids of the advice, in the order shown.
pub const ADVICE_IDS: [&str; 3] = [
    "pin-advice-memorable",
    "pin-advice-not-card-pin",
    "pin-advice-six-digits",
];

/// The advice in `lang`: easy to remember but hard to guess; not the payment card's PIN;
/// 6 digits or more recommended.
pub fn advice(lang: Language) -> Vec<String> {
    ADVICE_IDS.iter().map(|id| i18n::text(lang, id)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn advice_exists_in_every_language() {
        for lang in Language::ALL {
            let advice = advice(lang);
            assert_eq!(advice.len(), 3);
            assert!(advice.iter().all(|a| !a.starts_with("pin-")));
        }
        assert!(advice(Language::En)[1].contains("payment card"));
    }
}
