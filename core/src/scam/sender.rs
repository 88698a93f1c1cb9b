//! Is the sender really the bank?
//!
//! Three kinds of sender: an email "From" (`Avain Pankki <viestit@avainpankki.fi>` or a
//! bare address), a phone number, or an alphanumeric SMS sender id (`AvainPankki`).
//! An email is the bank's when the registrable domain of its address (Public Suffix
//! List) is one of the bank's; an SMS when its sender id is one the bank registered. A
//! sender that imitates the bank is worse than one that is merely someone else, and a
//! display name that claims the bank on a foreign address is an impersonation.
//!
//! Senders can be forged (SMS sender ids in particular), so a genuine-looking sender
//! only means no sender finding; the text and links are checked all the same.

use super::config::{BankConfig, normalize_phone};
use super::hosts;
use super::links::display_host;
use super::lookalike::{self, Imitation};
use super::{Finding, FindingCode};

/// An email sender split into its parts.
struct EmailSender<'a> {
    display_name: &'a str,
    local_part: &'a str,
    domain: &'a str,
}

/// Splits `Name <local@domain>`, `"Name" <local@domain>` or `local@domain`.
fn parse_email(sender: &str) -> Option<EmailSender<'_>> {
    let (display_name, address) = match (sender.rfind('<'), sender.rfind('>')) {
        (Some(open), Some(close)) if open < close => (
            sender[..open].trim().trim_matches('"').trim(),
            sender[open + 1..close].trim(),
        ),
        _ => ("", sender.trim()),
    };
    let at = address.rfind('@')?;
    Some(EmailSender {
        display_name,
        local_part: &address[..at],
        domain: &address[at + 1..],
    })
}

/// Whether the sender looks like a phone number: only digits, spaces, "+", "-" and
/// brackets, with at least five digits.
fn is_phone_number(sender: &str) -> bool {
    sender
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '+' | ' ' | '-' | '(' | ')'))
        && sender.chars().filter(char::is_ascii_digit).count() >= 5
}

/// Whether a display name or address part claims to be the bank (or "a bank": scams
/// often say only "Pankki", "Bank Security" or "Pankin tietoturvatiimi").
fn claims_bank(text: &str, config: &BankConfig) -> bool {
    if text.trim().is_empty() {
        return false;
    }
    let form = hosts::compare_form(text);
    let names_bank = config
        .bank_words()
        .iter()
        .any(|word| word.chars().count() >= 5 && form.contains(word.as_str()));
    let generic = text
        .split(|c: char| !c.is_alphanumeric())
        .map(hosts::compare_form)
        .any(|word| word.contains("pank") || word.contains("bank"));
    names_bank || generic
}

/// Whether the text speaks in the bank's name ("Avain Pankki:", "tässä Avain Pankin
/// turvallisuusosasto", "from the Avain Bank fraud team"). Names are compared without
/// spaces and by stem (all but the last two letters, at least seven), so Finnish case
/// endings ("Avain Pankin", "Avainpankista") still match.
pub(crate) fn text_names_bank(text: &str, config: &BankConfig) -> bool {
    let form = hosts::compare_form(text);
    config.bank_words().iter().any(|word| {
        let len = word.chars().count();
        if len < 5 {
            return false;
        }
        let stem: String = word
            .chars()
            .take(len.saturating_sub(2).max(7).min(len))
            .collect();
        form.contains(&stem)
    })
}

/// The findings about `sender`; none when it is empty or the bank's.
pub(crate) fn check(sender: &str, config: &BankConfig) -> Vec<Finding> {
    let sender = sender.trim();
    if sender.is_empty() {
        return Vec::new();
    }
    if sender.contains('@') {
        return check_email(sender, config);
    }
    if is_phone_number(sender) {
        let numbers_match = config
            .sms_sender_ids()
            .iter()
            .any(|id| normalize_phone(id) == normalize_phone(sender));
        if numbers_match {
            return Vec::new();
        }
        return vec![Finding::about(FindingCode::SmsSenderNotBank, sender)];
    }
    if config
        .sms_sender_ids()
        .iter()
        .any(|id| id.eq_ignore_ascii_case(sender))
    {
        return Vec::new();
    }
    if lookalike::imitates_name(sender, config) {
        let reference = config.sms_sender_ids().first().cloned().unwrap_or_default();
        return vec![Finding::about(FindingCode::SenderLookalike, sender).imitating(&reference)];
    }
    vec![Finding::about(FindingCode::SmsSenderNotBank, sender)]
}

fn check_email(sender: &str, config: &BankConfig) -> Vec<Finding> {
    let Some(email) = parse_email(sender) else {
        return vec![Finding::about(FindingCode::SenderDomainNotBank, "?")];
    };
    let Some(ascii) = hosts::to_ascii_host(email.domain) else {
        return vec![Finding::about(
            FindingCode::SenderDomainNotBank,
            email.domain.trim(),
        )];
    };
    let registrable = hosts::registrable(&ascii).unwrap_or_else(|| ascii.clone());
    if config.is_bank_domain(&registrable) {
        return Vec::new();
    }
    let shown = display_host(&registrable);
    let mut findings = Vec::new();
    match lookalike::imitation(&ascii, config) {
        Some(Imitation::Homoglyph { bank }) | Some(Imitation::Lookalike { bank }) => {
            findings.push(Finding::about(FindingCode::SenderLookalike, &shown).imitating(&bank));
        }
        None => findings.push(Finding::about(FindingCode::SenderDomainNotBank, &shown)),
    }
    if claims_bank(email.display_name, config) || claims_bank(email.local_part, config) {
        findings.push(Finding::about(FindingCode::SenderNameClaimsBank, &shown));
    }
    findings
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(sender: &str) -> Vec<FindingCode> {
        check(sender, &BankConfig::demo())
            .into_iter()
            .map(|f| f.code)
            .collect()
    }

    #[test]
    fn the_banks_own_senders_raise_nothing() {
        for sender in [
            "",
            "Avain Pankki <viestit@avainpankki.fi>",
            "\"Avainbanken\" <nyhetsbrev@avainbanken.fi>",
            "noreply@mail.avainpankki.fi",
            "AvainPankki",
            "avainbanken",
        ] {
            assert!(codes(sender).is_empty(), "{sender}");
        }
    }

    #[test]
    fn foreign_email_domains_are_named() {
        let findings = check("someone@example.com", &BankConfig::demo());
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].code, FindingCode::SenderDomainNotBank);
        assert_eq!(findings[0].subject.as_deref(), Some("example.com"));
        assert_eq!(codes("broken@"), [FindingCode::SenderDomainNotBank]);
    }

    #[test]
    fn display_names_and_addresses_claiming_the_bank_are_impersonation() {
        assert_eq!(
            codes("Avain Pankki <avainpankki.asiakaspalvelu@outlook.com>"),
            [
                FindingCode::SenderDomainNotBank,
                FindingCode::SenderNameClaimsBank
            ]
        );
        assert_eq!(
            codes("Pankin tietoturvatiimi <tietoturva@gmail.com>"),
            [
                FindingCode::SenderDomainNotBank,
                FindingCode::SenderNameClaimsBank
            ]
        );
        assert_eq!(
            codes("Rewards <info@winners-club.com>"),
            [FindingCode::SenderDomainNotBank]
        );
    }

    #[test]
    fn lookalike_sender_domains_and_ids_are_found() {
        assert_eq!(
            codes("turvallisuus@avainpankkl.fi"),
            [FindingCode::SenderLookalike]
        );
        assert_eq!(
            codes("Avain Pankki <info@\u{430}vainpankki.fi>"),
            [
                FindingCode::SenderLookalike,
                FindingCode::SenderNameClaimsBank
            ]
        );
        assert_eq!(codes("AvainPankk1"), [FindingCode::SenderLookalike]);
        assert_eq!(codes("Avain-Banken"), [FindingCode::SenderLookalike]);
    }

    #[test]
    fn texts_naming_the_bank_are_recognized_in_any_case() {
        let config = BankConfig::demo();
        for text in [
            "Avain Pankki: korttisi on suljettu",
            "Hei, tässä Avain Pankin turvallisuusosasto.",
            "Avainbanken informerar",
            "from the Avain Bank fraud team",
        ] {
            assert!(text_names_bank(text, &config), "{text}");
        }
        assert!(!text_names_bank("Pakettisi odottaa noutoa.", &config));
    }

    #[test]
    fn other_sms_senders_are_not_the_bank() {
        assert_eq!(codes("+358 45 231 8890"), [FindingCode::SmsSenderNotBank]);
        assert_eq!(codes("Vero"), [FindingCode::SmsSenderNotBank]);
    }
}
