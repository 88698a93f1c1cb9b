//! A [`Verdict`] ready to show: every finding with its explanation, and the advice, in
//! one language. This is what the app gets through the FFI (the verdict's texts need a
//! language; the app should not have to assemble them).

use super::{Finding, FindingCode, Level, ScamError, Verdict};
use crate::error::{AvainError, AvainErrorCode, IntoAvainError};
use crate::i18n::Language;

/// One finding, explained.
#[derive(Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ExplainedFinding {
    /// What kind of sign.
    pub code: FindingCode,
    /// What it is about (a link's host, the sender's domain or SMS id, a phone number).
    pub subject: Option<String>,
    /// The bank's address or sender id the subject imitates, for lookalikes.
    pub imitates: Option<String>,
    /// The explanation, naming the subject where there is one.
    pub message: String,
}

/// `Debug` shows the subject's length only, as [`Finding`]'s does: it can be the sender's
/// phone number.
impl std::fmt::Debug for ExplainedFinding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let subject = self.subject.as_ref().map(|s| s.chars().count());
        f.debug_struct("ExplainedFinding")
            .field("code", &self.code)
            .field("subject_chars", &subject)
            .field("imitates", &self.imitates)
            .finish_non_exhaustive()
    }
}

/// The scam check's answer, ready to show.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ScamReport {
    /// How worried to be.
    pub level: Level,
    /// A short name for the level ("Vaarallinen").
    pub level_label: String,
    /// What was found, heaviest first.
    pub findings: Vec<ExplainedFinding>,
    /// What to do (the level's sentence, the bank's rule, the blocking service's number
    /// for suspicious and dangerous messages).
    pub advice: String,
}

impl ExplainedFinding {
    fn new(finding: &Finding, lang: Language) -> ExplainedFinding {
        ExplainedFinding {
            code: finding.code,
            subject: finding.subject.clone(),
            imitates: finding.imitates.clone(),
            message: finding.message(lang),
        }
    }
}

impl Verdict {
    /// The verdict with its texts in `lang`.
    pub fn report(&self, lang: Language) -> ScamReport {
        ScamReport {
            level: self.level,
            level_label: self.level.label(lang),
            findings: self
                .findings
                .iter()
                .map(|f| ExplainedFinding::new(f, lang))
                .collect(),
            advice: self.advice(lang),
        }
    }
}

impl IntoAvainError for ScamError {
    /// Input the check refuses (too long) is [`AvainError::InvalidInput`] with the
    /// check's own text, which names the limit.
    fn into_avain_error(self, lang: Language) -> AvainError {
        let code = match self {
            ScamError::TextTooLong { .. } => AvainErrorCode::MessageTooLong,
            ScamError::SenderTooLong { .. } => AvainErrorCode::SenderTooLong,
        };
        AvainError::InvalidInput {
            code,
            user_message: self.message(lang),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scam::{BankConfig, MAX_SENDER_CHARS, check_message};

    #[test]
    fn a_report_explains_every_finding_in_the_language() {
        let verdict = check_message(
            "+358 45 231 8890",
            "Kirjaudu heti: https://tunnus-uusinta.com",
            &BankConfig::demo(),
        )
        .unwrap();
        let report = verdict.report(Language::En);
        assert_eq!(report.level, Level::Dangerous);
        assert_eq!(report.findings.len(), verdict.findings.len());
        assert!(report.findings.iter().all(|f| !f.message.is_empty()));
        assert_eq!(report.advice, verdict.advice(Language::En));
        assert_eq!(report.level_label, Level::Dangerous.label(Language::En));
        let debug = format!("{:?}", report.findings);
        assert!(!debug.contains("358"), "{debug}");
    }

    #[test]
    fn too_long_input_is_a_typed_input_error() {
        let sender = "x".repeat(MAX_SENDER_CHARS + 1);
        let error = check_message(&sender, "hei", &BankConfig::demo())
            .unwrap_err()
            .into_avain_error(Language::Fi);
        assert_eq!(error.code(), AvainErrorCode::SenderTooLong);
        assert!(
            matches!(error, AvainError::InvalidInput { .. }),
            "{error:?}"
        );
        assert!(error.user_message().contains(&MAX_SENDER_CHARS.to_string()));
    }
}
