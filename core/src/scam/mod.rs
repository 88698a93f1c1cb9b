//! The scam check: the bank FAQ's checklist for fraudulent messages, made executable.
//!
//! [`check_message`] takes the sender and the text of an email, SMS or push message and
//! the bank's [`BankConfig`], and returns a [`Verdict`]: a [`Level`] (ok, suspicious,
//! dangerous), the [`Finding`]s behind it, each with a localized explanation, and the
//! advice. It is pure: no I/O, no clock, the same answer for the same input.
//!
//! How the level is decided (documented for customers and reviewers in
//! `docs/scam-check.md`): every finding code has a weight, [`FindingCode::weight`]:
//! 3 for what alone makes a message dangerous (a request for codes, a disguised bank
//! address, a login request with a link outside the bank), 2 for what alone makes it
//! suspicious (a link shortener, a raw IP address, a number to call), 1 for weak signals
//! that genuine messages also show (urgency, an offer, a sender that is not the bank).
//! Each code counts once, however many links show it. The message is *dangerous* when
//! a finding weighs 3 or the weights add up to 4 or more, *suspicious* when they add up
//! to 2 or 3, and *ok* below that.

mod config;
mod error;
mod hosts;
mod links;
mod lookalike;
mod phrases;
mod report;
mod sender;

use serde::Serialize;

use crate::i18n::{self, Arg, Language};

pub use config::{
    BankConfig, ConfigError, DEFAULT_TRUSTED_HOSTS, DEMO_BLOCKING_NUMBERS, DEMO_DOMAINS,
    DEMO_NAMES, DEMO_SERVICE_NUMBERS, DEMO_SMS_SENDER_IDS,
};
pub use error::{MAX_SENDER_CHARS, MAX_TEXT_CHARS, ScamError};
pub use links::SHORTENERS;
pub(crate) use links::{Link, extract as extract_links};
pub use report::{ExplainedFinding, ScamReport};

/// How worried the customer should be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// No sign of a scam found.
    Ok,
    /// Signs of a scam: don't act on the message; check in the app.
    Suspicious,
    /// Almost certainly a scam: don't open, answer or call.
    Dangerous,
}

impl Level {
    /// The stable snake_case code: "ok", "suspicious", "dangerous".
    pub fn code(self) -> &'static str {
        match self {
            Level::Ok => "ok",
            Level::Suspicious => "suspicious",
            Level::Dangerous => "dangerous",
        }
    }

    /// A short name for the level in `lang` ("Vaarallinen").
    pub fn label(self, lang: Language) -> String {
        i18n::text(lang, &format!("scam-level-{}", self.code()))
    }
}

/// What the check found, one code per kind of sign. Codes are stable (snake_case).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum FindingCode {
    /// The email came from a domain that is not the bank's.
    SenderDomainNotBank,
    /// The email's display name or address claims the bank, but the domain is foreign.
    SenderNameClaimsBank,
    /// The sender's domain or SMS sender id imitates the bank's.
    SenderLookalike,
    /// The SMS came from a phone number or sender id the bank has not registered.
    SmsSenderNotBank,
    /// The text speaks in the bank's name, but the sender is not the bank.
    TextClaimsBank,
    /// A link leads outside the bank's domains.
    LinkNotBank,
    /// A link's domain imitates the bank's (added words, small edits, other suffix,
    /// the bank's name as a subdomain).
    LinkLookalike,
    /// A link's domain uses letters of other alphabets to read exactly like the bank's.
    LinkHomoglyph,
    /// A link's domain is internationalized (punycode, `xn--`).
    LinkPunycode,
    /// A link leads to a bare IP address.
    LinkRawIp,
    /// A link goes through a link shortener that hides its destination.
    LinkShortener,
    /// A link uses unencrypted `http://`.
    LinkPlainHttp,
    /// A link hides its real host behind text before an `@`
    /// (`https://op.fi@evil.example`).
    LinkUserinfo,
    /// A link is written in disguise (`hxxp`, `[.]`) to get past filters.
    LinkObfuscated,
    /// The message asks to log in, identify or confirm details, and links outside the
    /// bank.
    LoginViaLink,
    /// The message asks for codes, PIN, password or card details.
    CredentialRequest,
    /// The message asks to install or update something from a link, offers an Android
    /// package (.apk) or names a remote-access program.
    InstallRequest,
    /// The message pushes to act at once.
    Urgency,
    /// The message threatens closing or locking, or alarms about suspicious activity.
    Threat,
    /// The message promises a prize, refund or gift.
    TooGoodOffer,
    /// The message asks to call a number that is not the bank's.
    CallUnknownNumber,
    /// Words mix letters of different alphabets to look normal while dodging filters.
    MixedScript,
}

impl FindingCode {
    /// Every code, in the order findings are listed at equal weight.
    pub const ALL: [FindingCode; 22] = [
        FindingCode::SenderDomainNotBank,
        FindingCode::SenderNameClaimsBank,
        FindingCode::SenderLookalike,
        FindingCode::SmsSenderNotBank,
        FindingCode::TextClaimsBank,
        FindingCode::LinkNotBank,
        FindingCode::LinkLookalike,
        FindingCode::LinkHomoglyph,
        FindingCode::LinkPunycode,
        FindingCode::LinkRawIp,
        FindingCode::LinkShortener,
        FindingCode::LinkPlainHttp,
        FindingCode::LinkUserinfo,
        FindingCode::LinkObfuscated,
        FindingCode::LoginViaLink,
        FindingCode::CredentialRequest,
        FindingCode::InstallRequest,
        FindingCode::Urgency,
        FindingCode::Threat,
        FindingCode::TooGoodOffer,
        FindingCode::CallUnknownNumber,
        FindingCode::MixedScript,
    ];

    /// The stable snake_case code.
    pub fn code(self) -> &'static str {
        match self {
            FindingCode::SenderDomainNotBank => "sender_domain_not_bank",
            FindingCode::SenderNameClaimsBank => "sender_name_claims_bank",
            FindingCode::SenderLookalike => "sender_lookalike",
            FindingCode::SmsSenderNotBank => "sms_sender_not_bank",
            FindingCode::TextClaimsBank => "text_claims_bank",
            FindingCode::LinkNotBank => "link_not_bank",
            FindingCode::LinkLookalike => "link_lookalike",
            FindingCode::LinkHomoglyph => "link_homoglyph",
            FindingCode::LinkPunycode => "link_punycode",
            FindingCode::LinkRawIp => "link_raw_ip",
            FindingCode::LinkShortener => "link_shortener",
            FindingCode::LinkPlainHttp => "link_plain_http",
            FindingCode::LinkUserinfo => "link_userinfo",
            FindingCode::LinkObfuscated => "link_obfuscated",
            FindingCode::LoginViaLink => "login_via_link",
            FindingCode::CredentialRequest => "credential_request",
            FindingCode::InstallRequest => "install_request",
            FindingCode::Urgency => "urgency",
            FindingCode::Threat => "threat",
            FindingCode::TooGoodOffer => "too_good_offer",
            FindingCode::CallUnknownNumber => "call_unknown_number",
            FindingCode::MixedScript => "mixed_script",
        }
    }

    /// How much the finding weighs toward the level: 3 makes a message dangerous on its
    /// own, 2 suspicious on its own, 1 only together with another sign.
    pub fn weight(self) -> u32 {
        match self {
            FindingCode::SenderNameClaimsBank
            | FindingCode::SenderLookalike
            | FindingCode::LinkLookalike
            | FindingCode::LinkHomoglyph
            | FindingCode::LinkUserinfo
            | FindingCode::LoginViaLink
            | FindingCode::CredentialRequest
            | FindingCode::InstallRequest => 3,
            FindingCode::LinkPunycode
            | FindingCode::LinkRawIp
            | FindingCode::LinkShortener
            | FindingCode::LinkObfuscated
            | FindingCode::CallUnknownNumber
            | FindingCode::TextClaimsBank
            | FindingCode::MixedScript => 2,
            FindingCode::SenderDomainNotBank
            | FindingCode::SmsSenderNotBank
            | FindingCode::LinkNotBank
            | FindingCode::LinkPlainHttp
            | FindingCode::Urgency
            | FindingCode::Threat
            | FindingCode::TooGoodOffer => 1,
        }
    }

    fn message_id(self) -> String {
        format!("scam-finding-{}", self.code().replace('_', "-"))
    }
}

impl std::fmt::Display for FindingCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

/// One sign of a scam. `Debug` shows the subject's length only: it can be the sender's
/// phone number or id.
#[derive(Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Finding {
    /// What kind of sign.
    pub code: FindingCode,
    /// What it is about, when there is one thing to show: the link's host, the sender's
    /// domain or SMS id, the phone number (never an email address's local part).
    pub subject: Option<String>,
    /// The bank's address or sender id the subject imitates, for lookalikes.
    pub imitates: Option<String>,
}

impl std::fmt::Debug for Finding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let subject = self.subject.as_ref().map(|s| s.chars().count());
        f.debug_struct("Finding")
            .field("code", &self.code)
            .field("subject_chars", &subject)
            .field("imitates", &self.imitates)
            .finish()
    }
}

impl Finding {
    /// A finding without subject.
    pub fn new(code: FindingCode) -> Self {
        Finding {
            code,
            subject: None,
            imitates: None,
        }
    }

    /// A finding about `subject`.
    pub fn about(code: FindingCode, subject: &str) -> Self {
        Finding {
            code,
            subject: Some(subject.to_owned()),
            imitates: None,
        }
    }

    /// The same finding, naming what it imitates.
    pub fn imitating(mut self, original: &str) -> Self {
        self.imitates = Some(original.to_owned()).filter(|o| !o.is_empty());
        self
    }

    /// The explanation in `lang`, naming the subject where there is one.
    pub fn message(&self, lang: Language) -> String {
        let subject = self.subject.clone().unwrap_or_default();
        let imitates = self.imitates.clone().unwrap_or_default();
        let mut id = self.code.message_id();
        // A lookalike SMS sender id of a bank that registered none has nothing to name.
        if self.code == FindingCode::SenderLookalike && self.imitates.is_none() {
            id.push_str("-plain");
        }
        i18n::text_with(
            lang,
            &id,
            &[
                ("subject", Arg::from(subject)),
                ("imitates", Arg::from(imitates)),
            ],
        )
    }
}

/// The result of a check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Verdict {
    /// How worried to be.
    pub level: Level,
    /// What was found, heaviest first.
    pub findings: Vec<Finding>,
    /// The bank's blocking-service numbers, for the advice.
    #[serde(skip)]
    blocking_numbers: Vec<String>,
}

impl Verdict {
    /// The sum of the weights of the distinct finding codes.
    pub fn score(&self) -> u32 {
        score(&self.findings)
    }

    /// What to do, in `lang`: a sentence for the level, then the bank's rule ("the bank
    /// never asks you to log in or give codes through a link; open the app or type the
    /// address yourself"), and for suspicious and dangerous messages the blocking
    /// service's number in case codes were already given.
    pub fn advice(&self, lang: Language) -> String {
        let mut parts = vec![
            i18n::text(lang, &format!("scam-advice-{}", self.level.code())),
            i18n::text(lang, "scam-advice-rule"),
        ];
        let domestic = self
            .blocking_numbers
            .first()
            .filter(|_| self.level != Level::Ok);
        if let Some(domestic) = domestic {
            let abroad = self.blocking_numbers.get(1).unwrap_or(domestic);
            parts.push(i18n::text_with(
                lang,
                "scam-advice-blocking",
                &[
                    ("number", Arg::from(domestic.as_str())),
                    ("abroad", Arg::from(abroad.as_str())),
                ],
            ));
        }
        parts.join(" ")
    }
}

fn score(findings: &[Finding]) -> u32 {
    let mut codes: Vec<FindingCode> = findings.iter().map(|f| f.code).collect();
    codes.sort();
    codes.dedup();
    codes.iter().map(|c| c.weight()).sum()
}

/// The level for a set of findings: dangerous when one weighs 3 or the distinct codes
/// add up to 4, suspicious from 2, ok below.
pub fn level_for(findings: &[Finding]) -> Level {
    let total = score(findings);
    if findings.iter().any(|f| f.code.weight() >= 3) || total >= 4 {
        Level::Dangerous
    } else if total >= 2 {
        Level::Suspicious
    } else {
        Level::Ok
    }
}

/// Checks a message against the bank's configuration.
///
/// `sender` is what the phone shows as the sender: an email "From" (display name and
/// address), a phone number or an SMS sender id; empty when unknown (a push message).
/// `text` is the whole message, subject included. Pure: no I/O, no clock.
pub fn check_message(sender: &str, text: &str, config: &BankConfig) -> Result<Verdict, ScamError> {
    let sender_chars = sender.chars().count();
    if sender_chars > MAX_SENDER_CHARS {
        return Err(ScamError::SenderTooLong {
            chars: sender_chars,
        });
    }
    let text_chars = text.chars().count();
    if text_chars > MAX_TEXT_CHARS {
        return Err(ScamError::TextTooLong { chars: text_chars });
    }

    let mut findings = sender::check(sender, config);
    // Who really sent it: a message in the bank's name from someone else's address.
    let foreign_sender = findings.iter().any(|f| {
        matches!(
            f.code,
            FindingCode::SenderDomainNotBank
                | FindingCode::SmsSenderNotBank
                | FindingCode::SenderLookalike
        )
    });
    if foreign_sender && sender::text_names_bank(text, config) {
        findings.push(Finding::new(FindingCode::TextClaimsBank));
    }
    let extracted = links::extract(text);
    let report = links::assess(&extracted.links, config);
    findings.extend(report.findings);
    let signals = phrases::analyze(&extracted.text_without_links);

    if signals.login && report.offsite {
        findings.push(Finding::new(FindingCode::LoginViaLink));
    }
    // "Enter the code in the app" is the bank's own wording, unless the message also
    // links away from the bank.
    if signals.credential || (signals.credential_in_app && report.offsite) {
        findings.push(Finding::new(FindingCode::CredentialRequest));
    }
    if report.apk || signals.install_always || (signals.install && report.offsite) {
        findings.push(Finding::new(FindingCode::InstallRequest));
    }
    if signals.urgency {
        findings.push(Finding::new(FindingCode::Urgency));
    }
    if signals.threat {
        findings.push(Finding::new(FindingCode::Threat));
    }
    if signals.offer {
        findings.push(Finding::new(FindingCode::TooGoodOffer));
    }
    for number in &signals.call_numbers {
        if !config.is_bank_number(number) {
            findings.push(Finding::about(
                FindingCode::CallUnknownNumber,
                number.trim(),
            ));
        }
    }
    if signals.mixed_script {
        findings.push(Finding::new(FindingCode::MixedScript));
    }

    let mut unique: Vec<Finding> = Vec::with_capacity(findings.len());
    for finding in findings {
        if !unique.contains(&finding) {
            unique.push(finding);
        }
    }
    // Heaviest first; equal weights in the order of FindingCode::ALL; stable otherwise.
    unique.sort_by(|a, b| {
        b.code
            .weight()
            .cmp(&a.code.weight())
            .then(a.code.cmp(&b.code))
    });
    Ok(Verdict {
        level: level_for(&unique),
        findings: unique,
        blocking_numbers: config.blocking_numbers().to_vec(),
    })
}

#[cfg(test)]
mod tests;
