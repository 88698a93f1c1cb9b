//! The bank's own addresses, SMS sender names and phone numbers: what a genuine message
//! from the bank may contain. Everything else the scam check measures against this.
//!
//! The default is the demo bank that the sandbox server plays (Avain Pankki /
//! Avainbanken); a real deployment builds its own with [`BankConfig::new`] and the
//! `with_*` methods.

use crate::i18n::{self, Arg, Language};

use super::hosts;

/// The demo bank's domains: the Finnish name and the Swedish one, as Finnish banks with
/// Swedish-speaking customers usually have both (poppankki.fi serves both languages, but
/// Aktia, S-Pankki/S-Banken and others keep separate names).
pub const DEMO_DOMAINS: [&str; 2] = ["avainpankki.fi", "avainbanken.fi"];

/// The demo bank's alphanumeric SMS sender ids (at most 11 characters, as the SMS
/// standard allows).
pub const DEMO_SMS_SENDER_IDS: [&str; 2] = ["AvainPankki", "AvainBanken"];

/// Names the demo bank goes by in display names and texts.
pub const DEMO_NAMES: [&str; 4] = ["Avain Pankki", "Avainpankki", "Avainbanken", "Avain Bank"];

/// The 24/7 blocking service for cards and online-bank codes, from Finland and from
/// abroad (the numbers in the seed FAQ, shared by the Finnish banks).
pub const DEMO_BLOCKING_NUMBERS: [&str; 2] = ["020 333", "+358 20 333"];

/// The demo bank's customer service number (invented for the demo bank).
pub const DEMO_SERVICE_NUMBERS: [&str; 1] = ["020 333 200"];

/// Hosts that are not the bank but are safe destinations a genuine bank message links to:
/// the two official app stores. Matched as the exact host or a subdomain of it, never by
/// registrable domain (sites.google.com is not the Play store).
pub const DEFAULT_TRUSTED_HOSTS: [&str; 2] = ["apps.apple.com", "play.google.com"];

/// One of the bank's registrable domains, with the forms the checks compare.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct BankDomain {
    /// The registrable domain in ASCII (punycode) form, lowercase: "avainpankki.fi".
    pub ascii: String,
    /// The part before the public suffix: "avainpankki".
    pub label: String,
    /// The confusable skeleton of the whole domain, lowercased.
    pub skeleton: String,
}

/// Where genuine messages from the bank come from and lead to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BankConfig {
    domains: Vec<BankDomain>,
    sms_sender_ids: Vec<String>,
    names: Vec<String>,
    blocking_numbers: Vec<String>,
    service_numbers: Vec<String>,
    trusted_hosts: Vec<String>,
}

/// Why a bank configuration was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConfigError {
    /// No domain was given; every check needs at least one.
    #[error("no bank domains")]
    NoDomains,
    /// A configured domain is not a domain name under a public suffix.
    #[error("not a domain name: {0:?}")]
    InvalidDomain(String),
    /// A configured SMS sender id is empty or longer than 16 characters.
    #[error("not an SMS sender id")]
    InvalidSenderId,
}

impl ConfigError {
    /// The stable snake_case code.
    pub fn code(&self) -> &'static str {
        match self {
            ConfigError::NoDomains => "no_bank_domains",
            ConfigError::InvalidDomain(_) => "invalid_bank_domain",
            ConfigError::InvalidSenderId => "invalid_sms_sender_id",
        }
    }

    /// The explanation in `lang`.
    pub fn message(&self, lang: Language) -> String {
        match self {
            ConfigError::InvalidDomain(domain) => i18n::text_with(
                lang,
                "scam-error-invalid-bank-domain",
                &[("domain", Arg::from(domain.as_str()))],
            ),
            other => i18n::text(
                lang,
                &format!("scam-error-{}", other.code().replace('_', "-")),
            ),
        }
    }
}

impl Default for BankConfig {
    /// The demo bank.
    fn default() -> Self {
        BankConfig::demo()
    }
}

impl BankConfig {
    /// The demo bank: [`DEMO_DOMAINS`], [`DEMO_SMS_SENDER_IDS`], [`DEMO_NAMES`],
    /// [`DEMO_BLOCKING_NUMBERS`], [`DEMO_SERVICE_NUMBERS`] and [`DEFAULT_TRUSTED_HOSTS`].
    pub fn demo() -> Self {
        let domains = DEMO_DOMAINS.iter().filter_map(|d| bank_domain(d)).collect();
        BankConfig {
            domains,
            sms_sender_ids: DEMO_SMS_SENDER_IDS.iter().map(|s| s.to_string()).collect(),
            names: DEMO_NAMES.iter().map(|s| s.to_string()).collect(),
            blocking_numbers: DEMO_BLOCKING_NUMBERS
                .iter()
                .map(|s| s.to_string())
                .collect(),
            service_numbers: DEMO_SERVICE_NUMBERS.iter().map(|s| s.to_string()).collect(),
            trusted_hosts: DEFAULT_TRUSTED_HOSTS
                .iter()
                .map(|s| s.to_string())
                .collect(),
        }
    }

    /// A bank known by `domains` (any host under them counts: "www.op.fi" means op.fi).
    ///
    /// It starts with no SMS sender ids, names or phone numbers, and with the app stores
    /// as trusted hosts; add the rest with the `with_*` methods. Fails on an empty list
    /// or on something that is not a domain under a public suffix.
    pub fn new<S: AsRef<str>>(domains: &[S]) -> Result<Self, ConfigError> {
        if domains.is_empty() {
            return Err(ConfigError::NoDomains);
        }
        let mut parsed: Vec<BankDomain> = Vec::new();
        for domain in domains {
            let domain = domain.as_ref().trim();
            let bank =
                bank_domain(domain).ok_or_else(|| ConfigError::InvalidDomain(domain.to_owned()))?;
            if !parsed.contains(&bank) {
                parsed.push(bank);
            }
        }
        Ok(BankConfig {
            domains: parsed,
            sms_sender_ids: Vec::new(),
            names: Vec::new(),
            blocking_numbers: Vec::new(),
            service_numbers: Vec::new(),
            trusted_hosts: DEFAULT_TRUSTED_HOSTS
                .iter()
                .map(|s| s.to_string())
                .collect(),
        })
    }

    /// Replaces the bank's registered alphanumeric SMS sender ids (or numbers).
    pub fn with_sms_sender_ids<S: AsRef<str>>(mut self, ids: &[S]) -> Result<Self, ConfigError> {
        let mut parsed = Vec::new();
        for id in ids {
            let id = id.as_ref().trim();
            if id.is_empty() || id.chars().count() > 16 {
                return Err(ConfigError::InvalidSenderId);
            }
            parsed.push(id.to_owned());
        }
        self.sms_sender_ids = parsed;
        Ok(self)
    }

    /// Replaces the names the bank goes by ("Avain Pankki"); a display name containing
    /// one of them on a foreign address is an impersonation.
    pub fn with_names<S: AsRef<str>>(mut self, names: &[S]) -> Self {
        self.names = names
            .iter()
            .map(|n| n.as_ref().trim().to_owned())
            .filter(|n| !n.is_empty())
            .collect();
        self
    }

    /// Replaces the blocking-service numbers (shown in the advice, and never suspicious
    /// in a message).
    pub fn with_blocking_numbers<S: AsRef<str>>(mut self, numbers: &[S]) -> Self {
        self.blocking_numbers = numbers
            .iter()
            .map(|n| n.as_ref().trim().to_owned())
            .collect();
        self
    }

    /// Replaces the bank's other published phone numbers (customer service, branches).
    pub fn with_service_numbers<S: AsRef<str>>(mut self, numbers: &[S]) -> Self {
        self.service_numbers = numbers
            .iter()
            .map(|n| n.as_ref().trim().to_owned())
            .collect();
        self
    }

    /// Replaces the hosts that are not the bank's but are safe destinations (app stores).
    pub fn with_trusted_hosts<S: AsRef<str>>(mut self, hosts: &[S]) -> Self {
        self.trusted_hosts = hosts
            .iter()
            .filter_map(|h| hosts::to_ascii_host(h.as_ref().trim()))
            .collect();
        self
    }

    /// The bank's registrable domains, ASCII form.
    pub fn domains(&self) -> impl Iterator<Item = &str> {
        self.domains.iter().map(|d| d.ascii.as_str())
    }

    /// The bank's registered SMS sender ids.
    pub fn sms_sender_ids(&self) -> &[String] {
        &self.sms_sender_ids
    }

    /// The names the bank goes by.
    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// The blocking-service numbers, domestic first.
    pub fn blocking_numbers(&self) -> &[String] {
        &self.blocking_numbers
    }

    /// The hosts trusted as destinations although not the bank's.
    pub fn trusted_hosts(&self) -> &[String] {
        &self.trusted_hosts
    }

    pub(crate) fn bank_domains(&self) -> &[BankDomain] {
        &self.domains
    }

    /// Whether `registrable` (ASCII, lowercase) is one of the bank's domains.
    pub(crate) fn is_bank_domain(&self, registrable: &str) -> bool {
        self.domains.iter().any(|d| d.ascii == registrable)
    }

    /// Whether `host` (ASCII, lowercase) is a trusted host or under one.
    pub(crate) fn is_trusted_host(&self, host: &str) -> bool {
        self.trusted_hosts.iter().any(|t| {
            host == t
                || host
                    .strip_suffix(t.as_str())
                    .is_some_and(|rest| rest.ends_with('.'))
        })
    }

    /// Whether `number`, compared digit by digit (+358 as 0), is one of the bank's.
    pub(crate) fn is_bank_number(&self, number: &str) -> bool {
        let wanted = normalize_phone(number);
        self.blocking_numbers
            .iter()
            .chain(&self.service_numbers)
            .chain(&self.sms_sender_ids)
            .any(|n| !wanted.is_empty() && normalize_phone(n) == wanted)
    }

    /// The words that stand for this bank in names and addresses, in compared form
    /// (lowercase letters and digits only): domain labels, names and sender ids.
    pub(crate) fn bank_words(&self) -> Vec<String> {
        let mut words: Vec<String> = Vec::new();
        let candidates = self
            .domains
            .iter()
            .map(|d| hosts::compare_form(&d.label))
            .chain(self.names.iter().map(|n| hosts::compare_form(n)))
            .chain(self.sms_sender_ids.iter().map(|n| hosts::compare_form(n)));
        for word in candidates {
            if word.chars().count() >= 2 && !words.contains(&word) {
                words.push(word);
            }
        }
        words
    }
}

/// The registrable domain with its compared forms, or None when `domain` is not a
/// domain under a public suffix.
fn bank_domain(domain: &str) -> Option<BankDomain> {
    let ascii = hosts::to_ascii_host(domain)?;
    let registrable = hosts::registrable(&ascii)?;
    let label = hosts::label_of(&registrable).to_owned();
    let skeleton = hosts::skeleton_of_host(&registrable);
    Some(BankDomain {
        ascii: registrable,
        label,
        skeleton,
    })
}

/// Digits only, with the Finnish country code +358 / 00358 written as the trunk 0.
pub(crate) fn normalize_phone(number: &str) -> String {
    let trimmed = number.trim();
    let plus = trimmed.starts_with('+');
    let digits: String = trimmed.chars().filter(char::is_ascii_digit).collect();
    if plus {
        if let Some(rest) = digits.strip_prefix("358") {
            return format!("0{rest}");
        }
    }
    if let Some(rest) = digits.strip_prefix("00358") {
        return format!("0{rest}");
    }
    if plus {
        return format!("+{digits}");
    }
    digits
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_config_has_both_domains() {
        let config = BankConfig::demo();
        let domains: Vec<&str> = config.domains().collect();
        assert_eq!(domains, ["avainpankki.fi", "avainbanken.fi"]);
        assert!(config.is_bank_domain("avainpankki.fi"));
        assert!(!config.is_bank_domain("avainpankki.com"));
    }

    #[test]
    fn new_reduces_hosts_to_registrable_domains() {
        let config = BankConfig::new(&["www.op.fi", "OP.FI", "pohjola.fi"]).unwrap();
        let domains: Vec<&str> = config.domains().collect();
        assert_eq!(domains, ["op.fi", "pohjola.fi"]);
    }

    #[test]
    fn new_refuses_empty_and_invalid_domains() {
        let none: [&str; 0] = [];
        assert_eq!(BankConfig::new(&none), Err(ConfigError::NoDomains));
        let err = BankConfig::new(&["not a domain"]).unwrap_err();
        assert_eq!(err.code(), "invalid_bank_domain");
        assert!(err.message(Language::Fi).contains("not a domain"));
        assert_eq!(
            BankConfig::new(&["fi"]).unwrap_err().code(),
            "invalid_bank_domain"
        );
        assert!(
            BankConfig::new(&["op.fi"])
                .unwrap()
                .with_sms_sender_ids(&[""])
                .is_err()
        );
    }

    #[test]
    fn trusted_hosts_match_exact_host_or_subdomain() {
        let config = BankConfig::demo();
        assert!(config.is_trusted_host("apps.apple.com"));
        assert!(!config.is_trusted_host("evilapps.apple.com"));
        assert!(!config.is_trusted_host("sites.google.com"));
    }

    #[test]
    fn phone_numbers_compare_across_formats() {
        let config = BankConfig::demo();
        assert!(config.is_bank_number("020333"));
        assert!(config.is_bank_number("+358 20 333"));
        assert!(config.is_bank_number("00358 20 333 200"));
        assert!(!config.is_bank_number("0800 912 774"));
        assert_eq!(normalize_phone("+44 20 3769 1144"), "+442037691144");
    }

    #[test]
    fn bank_words_come_from_domains_names_and_ids() {
        let words = BankConfig::demo().bank_words();
        assert!(words.contains(&"avainpankki".to_owned()));
        assert!(words.contains(&"avainbanken".to_owned()));
        assert!(words.contains(&"avainbank".to_owned()));
    }
}
