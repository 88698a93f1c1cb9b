//! Is a domain or a sender name dressed up as the bank's?
//!
//! Scammers register addresses that a hurried reader takes for the bank's: the bank's
//! name with added words or hyphens (`poppankki-fi.com`), a letter or two changed
//! (`avainpankkl.fi`), the same name under another suffix (`avainpankki.com`,
//! `avainpankki.web.app`), the bank's domain as a subdomain of theirs
//! (`avainpankki.fi.kortti-tuki.net`), or letters from other alphabets that look the same
//! (Cyrillic "а" in `аvainpankki.fi`). The comparisons run on the Unicode confusable
//! skeleton (UTS #39) lowercased and stripped to letters and digits, so a homoglyph
//! cannot hide a lookalike and a lookalike cannot hide a homoglyph.

use super::config::BankConfig;
use super::hosts::{compare_form, label_of, registrable, skeleton_of_host, to_unicode_host};

/// How a domain that is not the bank's imitates it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Imitation {
    /// Its skeleton equals the bank domain's: it reads exactly like it.
    Homoglyph {
        /// The bank domain imitated.
        bank: String,
    },
    /// It contains the bank's name, differs by a small edit, or swaps the suffix.
    Lookalike {
        /// The bank domain imitated.
        bank: String,
    },
}

/// How many edits still count as a lookalike of a name this long: none for short names
/// (where one edit makes an unrelated word: "op" -> "on"), one up to eight letters, two
/// beyond.
pub(crate) fn edit_threshold(len: usize) -> usize {
    match len {
        0..=4 => 0,
        5..=8 => 1,
        _ => 2,
    }
}

/// Whether `candidate` (compare form) imitates the bank word `word` (compare form):
/// equal, containing it with words added, or within the edit threshold. `tokens` are the
/// candidate's hyphen- and digit-separated parts, for short bank words where plain
/// containment would match inside unrelated words ("op" in "shop").
pub(crate) fn imitates_word(candidate: &str, tokens: &[String], word: &str) -> bool {
    if candidate.is_empty() || word.is_empty() {
        return false;
    }
    if candidate == word {
        return true;
    }
    let len = word.chars().count();
    if len >= 5 {
        if candidate.contains(word) {
            return true;
        }
    } else if tokens.iter().any(|t| t == word) {
        return true;
    }
    let threshold = edit_threshold(len);
    threshold > 0 && strsim::damerau_levenshtein(candidate, word) <= threshold
}

/// The parts of a label between hyphens and digits, in compare form.
fn tokens_of(label: &str) -> Vec<String> {
    label
        .split(|c: char| c == '-' || c == '_' || c.is_ascii_digit())
        .map(compare_form)
        .filter(|t| !t.is_empty())
        .collect()
}

/// How `ascii_host` (not one of the bank's domains) imitates a bank domain, if it does.
pub(crate) fn imitation(ascii_host: &str, config: &BankConfig) -> Option<Imitation> {
    let host = ascii_host.strip_prefix("www.").unwrap_or(ascii_host);
    let registrable = registrable(host).unwrap_or_else(|| host.to_owned());
    let reg_skeleton = skeleton_of_host(&registrable);
    let host_skeleton = skeleton_of_host(host);
    let banks = config.bank_domains();
    if let Some(bank) = banks
        .iter()
        .find(|b| b.skeleton == reg_skeleton || b.skeleton == host_skeleton)
    {
        return Some(Imitation::Homoglyph {
            bank: bank.ascii.clone(),
        });
    }
    let default_bank = banks.first()?.ascii.clone();
    // Which bank domain a word stands for: its own domain for domain labels, the first
    // domain for names and sender ids.
    let words: Vec<(String, String)> = config
        .bank_words()
        .into_iter()
        .map(|word| {
            let bank = banks
                .iter()
                .find(|b| compare_form(&b.label) == word)
                .map(|b| b.ascii.clone())
                .unwrap_or_else(|| default_bank.clone());
            (word, bank)
        })
        .collect();

    let label_unicode = to_unicode_host(label_of(&registrable));
    let label_form = compare_form(&label_unicode);
    let label_tokens = tokens_of(&label_unicode);
    for (word, bank) in &words {
        if imitates_word(&label_form, &label_tokens, word) {
            return Some(Imitation::Lookalike { bank: bank.clone() });
        }
    }

    // The bank's name as a subdomain of someone else's domain:
    // avainpankki.fi.kortti-tuki.net, avainpankki-login.evil.example.
    let prefix = host
        .strip_suffix(registrable.as_str())
        .unwrap_or_default()
        .trim_end_matches('.');
    for label in prefix.split('.').filter(|l| !l.is_empty()) {
        let unicode = to_unicode_host(label);
        let form = compare_form(&unicode);
        let tokens = tokens_of(&unicode);
        for (word, bank) in &words {
            let contains = if word.chars().count() >= 5 {
                form.contains(word.as_str())
            } else {
                tokens.iter().any(|t| t == word)
            };
            if contains {
                return Some(Imitation::Lookalike { bank: bank.clone() });
            }
        }
    }
    None
}

/// Whether a sender id or display name (not one of the bank's) imitates the bank.
pub(crate) fn imitates_name(name: &str, config: &BankConfig) -> bool {
    let form = compare_form(name);
    let tokens = tokens_of(name);
    config
        .bank_words()
        .iter()
        .any(|word| imitates_word(&form, &tokens, word))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scam::hosts::to_ascii_host;

    fn demo() -> BankConfig {
        BankConfig::demo()
    }

    fn imitation_of(host: &str) -> Option<Imitation> {
        imitation(&to_ascii_host(host).unwrap(), &demo())
    }

    #[test]
    fn homoglyphs_of_a_bank_domain_are_found() {
        assert_eq!(
            imitation_of("\u{430}vainpankki.fi"),
            Some(Imitation::Homoglyph {
                bank: "avainpankki.fi".into()
            })
        );
        let op = BankConfig::new(&["op.fi"]).unwrap();
        let cyrillic_o = to_ascii_host("\u{43e}p.fi").unwrap();
        assert_eq!(
            imitation(&cyrillic_o, &op),
            Some(Imitation::Homoglyph {
                bank: "op.fi".into()
            })
        );
        let zero = to_ascii_host("0p.fi").unwrap();
        assert!(matches!(
            imitation(&zero, &op),
            Some(Imitation::Homoglyph { .. })
        ));
    }

    #[test]
    fn lookalikes_of_a_bank_domain_are_found() {
        for host in [
            "avainpankki-fi.com",
            "avainpankki.com",
            "avainpankki.web.app",
            "avainpankkl.fi",
            "avianpankki.fi",
            "avain-pankki.fi",
            "turva-avainpankki.net",
            "avainpankki.fi.kortti-tuki.net",
            "avainbanken-se.com",
            "avainbankem.fi",
        ] {
            assert!(
                matches!(imitation_of(host), Some(Imitation::Lookalike { .. })),
                "{host}"
            );
        }
        let pop = BankConfig::new(&["poppankki.fi"]).unwrap();
        let host = to_ascii_host("poppankki-fi.com").unwrap();
        assert!(imitation(&host, &pop).is_some());
    }

    #[test]
    fn unrelated_domains_are_not_lookalikes() {
        for host in [
            "example.com",
            "tunnus-uusinta.com",
            "bit.ly",
            "kela.fi",
            "pankki.fi",
        ] {
            assert_eq!(imitation_of(host), None, "{host}");
        }
        // Short bank names only match whole parts, never inside words.
        let op = BankConfig::new(&["op.fi"]).unwrap();
        for host in ["shop.com", "on.fi", "opera.com"] {
            let ascii = to_ascii_host(host).unwrap();
            assert_eq!(imitation(&ascii, &op), None, "{host}");
        }
        let ascii = to_ascii_host("op-tunnistus.com").unwrap();
        assert!(imitation(&ascii, &op).is_some());
    }

    #[test]
    fn sender_names_imitating_the_bank_are_found() {
        let config = demo();
        for name in [
            "AvainPankk1",
            "Avain-Banken",
            "AvalnPankki",
            "AvainPankki-Info",
        ] {
            assert!(imitates_name(name, &config), "{name}");
        }
        for name in ["Vero", "Posti", "Skatt", "TaxOffice"] {
            assert!(!imitates_name(name, &config), "{name}");
        }
    }
}
