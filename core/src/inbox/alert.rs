//! The alert: the email, SMS or push that tells a message is waiting in the inbox.
//!
//! The law obliges the bank to send it (for changes to terms and prices, for instance),
//! and scammers copy it, so it says nothing else: no content, no link, no amount, no
//! name. "You have a new message in the online bank. Open the app yourself to read it."
//! A customer who knows that every genuine alert reads exactly so can tell a fake one.
//!
//! [`check_alert_text`] verifies a text against that rule, for the bank's own sending
//! pipeline and for tests: every sentence must be one of the templates (in any of the
//! three languages, so bilingual alerts pass), and links, email addresses, amounts,
//! IBAN-like strings, codes and other digits are named separately so the sender sees
//! what slipped in.

use crate::i18n::{self, Language};
use crate::scam;

/// Where an alert goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum AlertChannel {
    /// An email: subject and body.
    Email,
    /// A text message: body only (the sender id already names the bank).
    Sms,
    /// A push notification: title and body.
    Push,
}

impl AlertChannel {
    /// Every channel.
    pub const ALL: [AlertChannel; 3] = [AlertChannel::Email, AlertChannel::Sms, AlertChannel::Push];
}

/// An alert ready to send.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Alert {
    /// The email subject or the push title; none for SMS.
    pub title: Option<String>,
    /// The text.
    pub body: String,
}

impl Alert {
    /// Title and body as one text (title, blank line, body).
    pub fn to_text(&self) -> String {
        match &self.title {
            Some(title) => format!("{title}\n\n{}", self.body),
            None => self.body.clone(),
        }
    }
}

/// The alert for `channel` in `lang`. The same for every category: even "documents to
/// sign" would be content.
pub fn render_alert(channel: AlertChannel, lang: Language) -> Alert {
    let body = i18n::text(lang, "inbox-alert-body");
    match channel {
        AlertChannel::Sms => Alert { title: None, body },
        AlertChannel::Push => Alert {
            title: Some(i18n::text(lang, "inbox-alert-push-title")),
            body,
        },
        AlertChannel::Email => Alert {
            title: Some(i18n::text(lang, "inbox-alert-email-subject")),
            body: format!("{body} {}", i18n::text(lang, "inbox-alert-email-footer")),
        },
    }
}

/// A way an alert text breaks the rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum AlertViolation {
    /// The text is empty.
    Empty,
    /// It contains a link or a domain name.
    Link,
    /// It contains an email address.
    EmailAddress,
    /// It contains an amount of money.
    Amount,
    /// It contains something shaped like an IBAN.
    IbanLike,
    /// It contains a number of four or more digits (a code, reference, phone number).
    CodeLikeNumber,
    /// It contains digits, which no template has.
    Digits,
    /// It is longer than the templates of all three languages together.
    TooLong,
    /// A sentence is not one of the templates (names, content, anything else).
    NotATemplate,
}

impl AlertViolation {
    /// The stable snake_case code.
    pub fn code(self) -> &'static str {
        match self {
            AlertViolation::Empty => "empty",
            AlertViolation::Link => "link",
            AlertViolation::EmailAddress => "email_address",
            AlertViolation::Amount => "amount",
            AlertViolation::IbanLike => "iban_like",
            AlertViolation::CodeLikeNumber => "code_like_number",
            AlertViolation::Digits => "digits",
            AlertViolation::TooLong => "too_long",
            AlertViolation::NotATemplate => "not_a_template",
        }
    }

    /// The explanation in `lang`.
    pub fn message(self, lang: Language) -> String {
        i18n::text(
            lang,
            &format!("inbox-alert-violation-{}", self.code().replace('_', "-")),
        )
    }
}

/// Splits at sentence ends and line breaks, normalizing each piece for comparison:
/// whitespace collapsed, lowercase, end punctuation dropped.
fn sentences(text: &str) -> Vec<String> {
    text.split(['.', '!', '?', '\n'])
        .map(|s| {
            s.split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase()
        })
        .filter(|s| !s.is_empty())
        .collect()
}

/// Every sentence of every template, in every language and channel.
fn template_sentences() -> Vec<String> {
    let mut all = Vec::new();
    for lang in Language::ALL {
        for channel in AlertChannel::ALL {
            for sentence in sentences(&render_alert(channel, lang).to_text()) {
                if !all.contains(&sentence) {
                    all.push(sentence);
                }
            }
        }
    }
    all
}

/// The longest text allowed: the email alert in all three languages.
fn max_chars() -> usize {
    Language::ALL
        .iter()
        .map(|lang| {
            render_alert(AlertChannel::Email, *lang)
                .to_text()
                .chars()
                .count()
                + 2
        })
        .sum()
}

/// Whether the text names money: a number next to a currency (€, EUR, euro, kr, $, £) or
/// with two decimals ("12,50").
fn has_amount(text: &str) -> bool {
    let lower = text.to_lowercase();
    let chars: Vec<char> = lower.chars().collect();
    let currency_after = |from: usize| {
        let rest: String = chars[from..].iter().collect();
        let rest = rest.trim_start();
        [
            "€", "eur", "euro", "e ", "kr", "sek", "$", "£", "usd", "snt",
        ]
        .iter()
        .any(|c| rest.starts_with(c))
            || rest == "e"
    };
    let currency_before = |to: usize| {
        let before: String = chars[..to].iter().collect();
        let before = before.trim_end();
        ["€", "eur", "$", "£"].iter().any(|c| before.ends_with(c))
    };
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len()
            && (chars[i].is_ascii_digit()
                || ((chars[i] == ' ' || chars[i] == '\u{a0}' || chars[i] == '\u{202f}')
                    && chars.get(i + 1).is_some_and(char::is_ascii_digit)))
        {
            i += 1;
        }
        let decimals = matches!(chars.get(i), Some(',') | Some('.'))
            && chars.get(i + 1).is_some_and(char::is_ascii_digit)
            && chars.get(i + 2).is_some_and(char::is_ascii_digit)
            && !chars.get(i + 3).is_some_and(char::is_ascii_digit);
        let mut end = i;
        if decimals {
            end = i + 3;
        }
        if decimals || currency_after(end) || currency_before(start) {
            return true;
        }
    }
    false
}

/// Whether the text holds something shaped like an IBAN: two capital letters, two digits, then
/// at least ten letters or digits (spaces allowed between groups).
fn has_iban_like(text: &str) -> bool {
    let compact: Vec<char> = text.chars().filter(|c| !c.is_whitespace()).collect();
    (0..compact.len().saturating_sub(3)).any(|i| {
        compact[i].is_ascii_uppercase()
            && compact[i + 1].is_ascii_uppercase()
            && compact[i + 2].is_ascii_digit()
            && compact[i + 3].is_ascii_digit()
            && compact[i + 4..]
                .iter()
                .take_while(|c| c.is_ascii_alphanumeric())
                .count()
                >= 10
    })
}

/// Whether the text holds a run of four or more digits (groups joined by single spaces
/// or hyphens count as one run: "731 904").
fn has_code_like_number(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    let mut digits = 0;
    for (i, c) in chars.iter().enumerate() {
        if c.is_ascii_digit() {
            digits += 1;
            if digits >= 4 {
                return true;
            }
        } else if !((*c == ' ' || *c == '-')
            && digits > 0
            && chars.get(i + 1).is_some_and(char::is_ascii_digit))
        {
            digits = 0;
        }
    }
    false
}

/// Checks that `text` is a content-free alert: nothing but template sentences, and no
/// link, address, amount, IBAN, code or digit. Returns every violation found, in a
/// fixed order.
pub fn check_alert_text(text: &str) -> Result<(), Vec<AlertViolation>> {
    if text.trim().is_empty() {
        return Err(vec![AlertViolation::Empty]);
    }
    let mut violations = Vec::new();
    let links: Vec<scam::Link> = scam::extract_links(text).links;
    if links.iter().any(|l| !l.email)
        || text.contains("://")
        || text.to_lowercase().contains("www.")
    {
        violations.push(AlertViolation::Link);
    }
    if links.iter().any(|l| l.email) {
        violations.push(AlertViolation::EmailAddress);
    }
    let amount = has_amount(text);
    let iban = has_iban_like(text);
    let code = has_code_like_number(text);
    if amount {
        violations.push(AlertViolation::Amount);
    }
    if iban {
        violations.push(AlertViolation::IbanLike);
    }
    if code {
        violations.push(AlertViolation::CodeLikeNumber);
    }
    if !(amount || iban || code) && text.chars().any(|c| c.is_ascii_digit()) {
        violations.push(AlertViolation::Digits);
    }
    if text.chars().count() > max_chars() {
        violations.push(AlertViolation::TooLong);
    }
    let templates = template_sentences();
    if sentences(text).iter().any(|s| !templates.contains(s)) {
        violations.push(AlertViolation::NotATemplate);
    }
    if violations.is_empty() {
        Ok(())
    } else {
        Err(violations)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rendered_alert_passes_the_check() {
        for lang in Language::ALL {
            for channel in AlertChannel::ALL {
                let alert = render_alert(channel, lang);
                assert_eq!(check_alert_text(&alert.body), Ok(()), "{lang} {channel:?}");
                assert_eq!(
                    check_alert_text(&alert.to_text()),
                    Ok(()),
                    "{lang} {channel:?}"
                );
                if let Some(title) = &alert.title {
                    assert_eq!(check_alert_text(title), Ok(()));
                }
            }
        }
    }

    #[test]
    fn the_alert_reads_as_the_issue_says() {
        assert_eq!(
            render_alert(AlertChannel::Sms, Language::En).body,
            "You have a new message in the online bank. Open the app yourself to read it."
        );
        assert_eq!(
            render_alert(AlertChannel::Sms, Language::Fi).body,
            "Sinulle on uusi viesti verkkopankissa. Avaa sovellus itse ja lue viesti."
        );
        let email = render_alert(AlertChannel::Email, Language::Sv);
        assert_eq!(email.title.as_deref(), Some("Nytt meddelande i nätbanken"));
        assert!(
            email
                .body
                .ends_with("Banken ber dig aldrig logga in via en länk.")
        );
        assert_eq!(render_alert(AlertChannel::Sms, Language::Sv).title, None);
    }

    #[test]
    fn rendered_alerts_carry_no_content() {
        for lang in Language::ALL {
            for channel in AlertChannel::ALL {
                let text = render_alert(channel, lang).to_text();
                assert!(!text.chars().any(|c| c.is_ascii_digit()), "{text}");
                assert!(scam::extract_links(&text).links.is_empty(), "{text}");
            }
        }
    }

    #[test]
    fn bilingual_alerts_and_spacing_variants_pass() {
        let fi = render_alert(AlertChannel::Sms, Language::Fi).body;
        let sv = render_alert(AlertChannel::Sms, Language::Sv).body;
        assert_eq!(check_alert_text(&format!("{fi}\n{sv}")), Ok(()));
        assert_eq!(
            check_alert_text(&fi.replace(' ', "  ").to_uppercase()),
            Ok(())
        );
    }

    fn violations(text: &str) -> Vec<AlertViolation> {
        check_alert_text(text).err().unwrap_or_default()
    }

    #[test]
    fn empty() {
        assert_eq!(violations("  \n"), [AlertViolation::Empty]);
    }

    #[test]
    fn link() {
        let text = "You have a new message in the online bank. Read it: https://avainpankki.fi/m/1";
        assert!(violations(text).contains(&AlertViolation::Link));
        assert!(violations("Open avainpankki.fi yourself.").contains(&AlertViolation::Link));
    }

    #[test]
    fn email_address() {
        assert!(
            violations("Reply to tuki@avainpankki.fi.").contains(&AlertViolation::EmailAddress)
        );
    }

    #[test]
    fn amount() {
        for text in [
            "Your price list changes: 2,50 € a month.",
            "Maksu 45 euroa.",
            "Avgift EUR 3.",
        ] {
            assert!(violations(text).contains(&AlertViolation::Amount), "{text}");
        }
    }

    #[test]
    fn iban_like() {
        let v = violations("Tililtä FI21 1234 5600 0007 85 on veloitettu.");
        assert!(v.contains(&AlertViolation::IbanLike), "{v:?}");
    }

    #[test]
    fn code_like_number() {
        assert!(violations("Koodisi on 731 904.").contains(&AlertViolation::CodeLikeNumber));
    }

    #[test]
    fn digits() {
        assert_eq!(
            violations("Sinulle on 2 uutta viestiä verkkopankissa."),
            [AlertViolation::Digits, AlertViolation::NotATemplate]
        );
    }

    #[test]
    fn too_long() {
        let body = render_alert(AlertChannel::Sms, Language::En).body;
        let text = vec![body; 20].join(" ");
        assert_eq!(violations(&text), [AlertViolation::TooLong]);
    }

    #[test]
    fn not_a_template() {
        assert_eq!(
            violations(
                "Hei Matti, sinulle on uusi viesti verkkopankissa. Avaa sovellus itse ja lue viesti."
            ),
            [AlertViolation::NotATemplate]
        );
        assert_eq!(
            violations("Your documents are waiting for your signature."),
            [AlertViolation::NotATemplate]
        );
    }

    #[test]
    fn every_violation_has_a_test_and_texts() {
        let source = include_str!("alert.rs");
        for v in [
            AlertViolation::Empty,
            AlertViolation::Link,
            AlertViolation::EmailAddress,
            AlertViolation::Amount,
            AlertViolation::IbanLike,
            AlertViolation::CodeLikeNumber,
            AlertViolation::Digits,
            AlertViolation::TooLong,
            AlertViolation::NotATemplate,
        ] {
            assert!(
                source.contains(&format!("fn {}()", v.code())),
                "{}",
                v.code()
            );
            for lang in Language::ALL {
                assert!(
                    !v.message(lang).starts_with("inbox-"),
                    "{} {lang}",
                    v.code()
                );
            }
        }
    }
}
