//! Choosing a PIN: the core's check with every reason and its text, and the advice shown
//! with every PIN creation (`avain_core::pin`). Pure: no I/O, nothing stored.

use avain_core::Language;
use avain_core::error::PinRejection;
use avain_core::pin::{self, Pin, PinContext};

use avain_protocol::uniffi_types::CalendarDate;

use crate::calendar::day_from_shell;
use crate::error::AvainError;

/// The core's verdict on a new PIN.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct PinVerdict {
    /// Whether the PIN may be used.
    pub accepted: bool,
    /// Every reason to refuse it (the core's `PinRejection`: the reason and its text), in
    /// a fixed order; empty when accepted. Show them all.
    pub problems: Vec<PinRejection>,
}

/// Checks a PIN the customer is choosing. `birth_date` (when the app knows it) makes the
/// customer's own birth date refused in any form; `current_pin` (when changing the PIN)
/// refuses the same PIN again. Nothing is stored and nothing logged; the PIN is wiped
/// from Rust memory when the call returns (the caller's own copy is the caller's).
///
/// Only an impossible `birth_date` (30 February) is an error: the shell's defect.
#[uniffi::export]
pub fn check_new_pin(
    pin: String,
    birth_date: Option<CalendarDate>,
    current_pin: Option<String>,
    lang: Language,
) -> Result<PinVerdict, AvainError> {
    let birth_date = birth_date.map(|d| day_from_shell(d, lang)).transpose()?;
    let pin = Pin::new(pin);
    let current = current_pin.map(Pin::new);
    let context = PinContext {
        birth_date,
        current: current.as_ref(),
    };
    let check = pin::check_pin(&pin, &context);
    Ok(PinVerdict {
        accepted: check.accepted(),
        problems: check
            .reasons()
            .iter()
            .map(|reason| PinRejection::new(reason, lang))
            .collect(),
    })
}

/// The advice to show with every PIN creation, whatever the PIN: easy to remember but
/// hard to guess, not the payment card's PIN, six digits or more.
#[uniffi::export]
pub fn pin_advice(lang: Language) -> Vec<String> {
    pin::advice(lang)
}

/// Loads the common-PIN lists now, so that the first check is as fast as the others
/// (call at app start, off the main thread).
#[uniffi::export]
pub fn preload_pin_rules() {
    pin::preload();
}

#[cfg(test)]
mod tests {
    use super::*;
    use avain_core::pin::PinReason;

    #[test]
    fn reasons_come_with_their_texts() {
        let verdict = check_new_pin("1234".into(), None, None, Language::Sv).unwrap();
        assert!(!verdict.accepted);
        let codes: Vec<_> = verdict.problems.iter().map(|p| p.reason.code()).collect();
        let core = pin::check_pin(&Pin::new("1234".into()), &PinContext::default());
        assert_eq!(codes, core.codes());
        assert_eq!(
            verdict
                .problems
                .iter()
                .map(|p| p.message.clone())
                .collect::<Vec<_>>(),
            core.messages(Language::Sv)
        );
    }

    #[test]
    fn birth_date_and_current_pin_are_used() {
        let birth = CalendarDate {
            year: 1985,
            month: 7,
            day: 14,
        };
        let verdict = check_new_pin("140785".into(), Some(birth), None, Language::Fi).unwrap();
        assert!(
            verdict
                .problems
                .iter()
                .any(|p| p.reason == PinReason::BirthDate)
        );
        let verdict =
            check_new_pin("583920".into(), None, Some("583920".into()), Language::Fi).unwrap();
        assert!(
            verdict
                .problems
                .iter()
                .any(|p| p.reason == PinReason::SameAsCurrent)
        );
        let wrong = CalendarDate {
            year: 1985,
            month: 2,
            day: 30,
        };
        assert_eq!(
            check_new_pin("583920".into(), Some(wrong), None, Language::Fi)
                .unwrap_err()
                .code(),
            crate::AvainErrorCode::InvalidDate
        );
    }

    #[test]
    fn advice_in_every_language() {
        for lang in Language::ALL {
            assert_eq!(pin_advice(lang), pin::advice(lang));
        }
    }
}
