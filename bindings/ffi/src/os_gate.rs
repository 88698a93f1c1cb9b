//! OS-version gating: may the app run on this phone today? The decision and its text are
//! the core's (`avain_core::os_policy`); this file only adapts types.

use avain_core::Language;
use avain_core::os_policy::{GateDecision, GateReason, OsPolicy, Platform};

use avain_protocol::uniffi_types::CalendarDate;

use crate::calendar::day_from_shell;
use crate::error::{AvainError, IntoAvainError};

/// The kind of answer the gate gave.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum GateVerdict {
    /// The app may be used.
    Allowed,
    /// The app may be used until `cutoff`; show `message` (update the OS).
    Warn,
    /// The app cannot be installed on this OS; show `message` and the browser online bank.
    CannotInstall,
    /// The app cannot be used; show `message` and the browser online bank.
    Blocked,
}

/// The gate's answer, ready to show.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct OsGate {
    /// The kind of answer.
    pub verdict: GateVerdict,
    /// Whether the app may be used now (allowed or warned).
    pub may_run: bool,
    /// Why not, or why soon not; `None` when allowed.
    pub reason: Option<GateReason>,
    /// The OS (or app) version that would be needed, e.g. "13.5".
    pub required_version: Option<String>,
    /// For a warning: the first day the phone will be blocked.
    pub cutoff: Option<time::Date>,
    /// The browser online bank's address, when the bank wants it shown.
    pub fallback_url: Option<String>,
    /// What to tell the customer, in `lang`.
    pub message: String,
}

/// Asks the built-in OS policy (the one that ships with the app) whether it may run on
/// `platform` version `os_version` ("13.4.1", "9") with app version `app_version` (`None`
/// before installation) on the phone's calendar date `today`. Pure: no I/O.
///
/// An OS or app version that is not dotted numbers is the shell's defect:
/// [`AvainError::Internal`].
#[uniffi::export]
pub fn check_os_gate(
    platform: Platform,
    os_version: String,
    app_version: Option<String>,
    today: CalendarDate,
    lang: Language,
) -> Result<OsGate, AvainError> {
    let date = day_from_shell(today, lang)?;
    let decision = OsPolicy::builtin()
        .gate(platform.code(), &os_version, app_version.as_deref(), date)
        .map_err(|e| e.into_avain_error(lang))?;
    Ok(OsGate::new(&decision, platform, lang))
}

impl OsGate {
    fn new(decision: &GateDecision, platform: Platform, lang: Language) -> OsGate {
        let (verdict, required_version) = match decision {
            GateDecision::Allowed => (GateVerdict::Allowed, None),
            GateDecision::Warn { required, .. } => (GateVerdict::Warn, Some(*required)),
            GateDecision::CannotInstall { required, .. } => {
                (GateVerdict::CannotInstall, Some(*required))
            }
            GateDecision::Blocked { required, .. } => (GateVerdict::Blocked, *required),
        };
        OsGate {
            verdict,
            may_run: decision.may_run(),
            reason: decision.reason(),
            required_version: required_version.map(|v| v.to_string()),
            cutoff: decision.cutoff(),
            fallback_url: decision.fallback().and_then(|f| f.url.clone()),
            message: decision.message(platform, lang),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(year: i32, month: u8, day: u8) -> CalendarDate {
        CalendarDate { year, month, day }
    }

    #[test]
    fn adapts_the_cores_decision_without_changing_it() {
        let gate = check_os_gate(
            Platform::Ios,
            "13.4.1".into(),
            None,
            day(2024, 3, 1),
            Language::Fi,
        )
        .unwrap();
        let decision = OsPolicy::builtin()
            .gate("ios", "13.4.1", None, time::macros::date!(2024 - 03 - 01))
            .unwrap();
        assert_eq!(gate.verdict, GateVerdict::Warn);
        assert!(gate.may_run);
        assert_eq!(gate.reason, Some(GateReason::OsTooOld));
        assert_eq!(gate.required_version.as_deref(), Some("13.5"));
        assert_eq!(gate.cutoff, Some(time::macros::date!(2024 - 04 - 15)));
        assert_eq!(gate.message, decision.message(Platform::Ios, Language::Fi));
    }

    #[test]
    fn malformed_versions_are_the_shells_defect() {
        let error = check_os_gate(
            Platform::Android,
            "fourteen".into(),
            None,
            day(2025, 1, 1),
            Language::En,
        )
        .unwrap_err();
        assert!(matches!(error, AvainError::Internal { .. }));
        assert_eq!(error.code(), crate::AvainErrorCode::InvalidOsVersion);
    }
}
