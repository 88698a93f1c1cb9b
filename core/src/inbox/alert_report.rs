//! [`check_alert_text`]'s answer ready to show: whether the text follows the rule, and
//! every way it breaks it, explained in one language. What the app gets through the FFI.

use super::alert::{AlertViolation, check_alert_text};
use crate::i18n::Language;

/// One way an alert text breaks the rule, explained.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ExplainedViolation {
    /// What is wrong.
    pub violation: AlertViolation,
    /// The explanation.
    pub message: String,
}

/// The alert-text check's answer.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct AlertCheck {
    /// Whether the text is one of the content-free templates (then `violations` is empty).
    pub ok: bool,
    /// Every way the text breaks the rule, in a fixed order.
    pub violations: Vec<ExplainedViolation>,
}

/// Checks `text` against the alert rule (no content, no link, no amount, no name), with
/// the explanations in `lang`. Pure.
pub fn explain_alert_text(text: &str, lang: Language) -> AlertCheck {
    let violations: Vec<ExplainedViolation> = check_alert_text(text)
        .err()
        .unwrap_or_default()
        .into_iter()
        .map(|violation| ExplainedViolation {
            violation,
            message: violation.message(lang),
        })
        .collect();
    AlertCheck {
        ok: violations.is_empty(),
        violations,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inbox::{AlertChannel, render_alert};

    #[test]
    fn the_templates_pass_and_a_link_is_explained() {
        for lang in Language::ALL {
            let alert = render_alert(AlertChannel::Sms, lang).to_text();
            assert_eq!(
                explain_alert_text(&alert, lang),
                AlertCheck {
                    ok: true,
                    violations: Vec::new()
                }
            );
        }
        let check = explain_alert_text(
            "Sinulle on uusi viesti: https://avainpankki.example/viesti",
            Language::Sv,
        );
        assert!(!check.ok);
        assert!(
            check
                .violations
                .iter()
                .any(|v| v.violation == AlertViolation::Link),
            "{check:?}"
        );
        assert!(check.violations.iter().all(|v| !v.message.is_empty()));
    }
}
