//! The gate: may this app run on this phone today?
//!
//! The checks run in a fixed order, and the first that applies decides:
//! 1. a platform without a rule, or listed as unsupported: blocked (`unsupported_platform`);
//! 2. an OS below the run minimum on or after the cut-off date: blocked (`os_too_old`);
//! 3. an OS below the install minimum: cannot install (`os_too_old`);
//! 4. an app below the minimum app version: blocked (`app_too_old`);
//! 5. an OS below the run minimum during the warning period: warn (with the cut-off date);
//! 6. otherwise allowed.
//!
//! Operating systems are compared by major and minor version only ("13.4.1" is 13.4).

use serde::Serialize;
use time::Date;

use super::document::{Fallback, OsPolicy, Platform};
use super::version::{Version, VersionError};
use crate::i18n::{self, Arg, Language};

/// Why the app cannot be used, or soon cannot.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum GateReason {
    /// The platform is not supported at all (Windows phones).
    UnsupportedPlatform,
    /// The operating system is too old.
    OsTooOld,
    /// The app itself is too old and must be updated.
    AppTooOld,
}

impl GateReason {
    /// The stable code: `unsupported_platform`, `os_too_old` or `app_too_old`.
    pub fn code(self) -> &'static str {
        match self {
            GateReason::UnsupportedPlatform => "unsupported_platform",
            GateReason::OsTooOld => "os_too_old",
            GateReason::AppTooOld => "app_too_old",
        }
    }
}

/// The gate's answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GateDecision {
    /// The app may be used.
    Allowed,
    /// The app may be used until `cutoff`; the customer should update the OS.
    Warn {
        /// The first day the phone will be blocked.
        cutoff: Date,
        /// The oldest OS version that keeps working after the cut-off.
        required: Version,
    },
    /// The app cannot be installed on this OS.
    CannotInstall {
        /// The oldest OS version the app installs on.
        required: Version,
        /// What to use instead.
        fallback: Fallback,
    },
    /// The app cannot be used.
    Blocked {
        /// Why.
        reason: GateReason,
        /// The version that would be needed (of the OS or of the app), when one would do.
        required: Option<Version>,
        /// What to use instead.
        fallback: Fallback,
    },
}

impl GateDecision {
    /// The stable code: `allowed`, `warn`, `cannot_install` or `blocked`.
    pub fn code(&self) -> &'static str {
        match self {
            GateDecision::Allowed => "allowed",
            GateDecision::Warn { .. } => "warn",
            GateDecision::CannotInstall { .. } => "cannot_install",
            GateDecision::Blocked { .. } => "blocked",
        }
    }

    /// Whether the app may be used now (allowed or warned).
    pub fn may_run(&self) -> bool {
        matches!(self, GateDecision::Allowed | GateDecision::Warn { .. })
    }

    /// Why the app cannot (or soon cannot) be used; `None` when allowed.
    pub fn reason(&self) -> Option<GateReason> {
        match self {
            GateDecision::Allowed => None,
            GateDecision::Warn { .. } | GateDecision::CannotInstall { .. } => {
                Some(GateReason::OsTooOld)
            }
            GateDecision::Blocked { reason, .. } => Some(*reason),
        }
    }

    /// The cut-off date of a warning.
    pub fn cutoff(&self) -> Option<Date> {
        match self {
            GateDecision::Warn { cutoff, .. } => Some(*cutoff),
            _ => None,
        }
    }

    /// What to use instead, when the app cannot be used.
    pub fn fallback(&self) -> Option<&Fallback> {
        match self {
            GateDecision::CannotInstall { fallback, .. }
            | GateDecision::Blocked { fallback, .. } => Some(fallback),
            _ => None,
        }
    }

    /// What to tell the customer of `platform`, in `lang`.
    pub fn message(&self, platform: Platform, lang: Language) -> String {
        let os = || ("os", Arg::from(platform.display_name()));
        let text = match self {
            GateDecision::Allowed => i18n::text(lang, "os-policy-allowed"),
            GateDecision::Warn { cutoff, required } => i18n::text_with(
                lang,
                "os-policy-warn",
                &[
                    os(),
                    ("cutoff", Arg::from(finnish_date(*cutoff))),
                    ("required", Arg::from(required.to_string())),
                ],
            ),
            GateDecision::CannotInstall { required, .. } => i18n::text_with(
                lang,
                "os-policy-cannot-install",
                &[os(), ("required", Arg::from(required.to_string()))],
            ),
            GateDecision::Blocked {
                reason, required, ..
            } => {
                let required = (
                    "required",
                    Arg::from(required.map(|v| v.to_string()).unwrap_or_default()),
                );
                match reason {
                    GateReason::UnsupportedPlatform => {
                        i18n::text_with(lang, "os-policy-blocked-unsupported-platform", &[os()])
                    }
                    GateReason::OsTooOld => {
                        i18n::text_with(lang, "os-policy-blocked-os-too-old", &[os(), required])
                    }
                    GateReason::AppTooOld => {
                        i18n::text_with(lang, "os-policy-blocked-app-too-old", &[required])
                    }
                }
            }
        };
        match self.fallback().and_then(|f| f.url.as_deref()) {
            Some(url) => {
                let line =
                    i18n::text_with(lang, "os-policy-fallback-url", &[("url", Arg::from(url))]);
                format!("{text} {line}")
            }
            None => text,
        }
    }
}

/// Why the gate could not decide.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum GateError {
    /// The platform code is not one this core knows.
    #[error("unknown platform")]
    UnknownPlatform,
    /// The OS version could not be read.
    #[error("invalid OS version: {0}")]
    InvalidOsVersion(VersionError),
    /// The app version could not be read.
    #[error("invalid app version: {0}")]
    InvalidAppVersion(VersionError),
}

impl GateError {
    /// The stable code: `unknown_platform`, `invalid_os_version` or `invalid_app_version`.
    pub fn code(self) -> &'static str {
        match self {
            GateError::UnknownPlatform => "unknown_platform",
            GateError::InvalidOsVersion(_) => "invalid_os_version",
            GateError::InvalidAppVersion(_) => "invalid_app_version",
        }
    }

    /// What went wrong, in `lang` (for developers and support: the shell supplies these
    /// values, the customer never types them).
    pub fn message(self, lang: Language) -> String {
        let id = match self {
            GateError::UnknownPlatform => "os-policy-error-unknown-platform",
            GateError::InvalidOsVersion(_) => "os-policy-error-invalid-os-version",
            GateError::InvalidAppVersion(_) => "os-policy-error-invalid-app-version",
        };
        i18n::text(lang, id)
    }
}

impl OsPolicy {
    /// Decides whether the app may run on `platform` at `os` with app version `app`
    /// (`None` before installation) on `today`. See the module documentation for the
    /// order of the checks.
    pub fn evaluate(
        &self,
        platform: Platform,
        os: Version,
        app: Option<Version>,
        today: Date,
    ) -> GateDecision {
        let fallback = || self.fallback.clone();
        let Some(rule) = self.rule(platform) else {
            return GateDecision::Blocked {
                reason: GateReason::UnsupportedPlatform,
                required: None,
                fallback: fallback(),
            };
        };
        let os = os.os_level();
        let below_run_minimum = os < rule.min_os_run.os_level();
        let cut_off = rule.effective.is_none_or(|effective| today >= effective);
        if below_run_minimum && cut_off {
            return GateDecision::Blocked {
                reason: GateReason::OsTooOld,
                required: Some(rule.min_os_run),
                fallback: fallback(),
            };
        }
        if os < rule.min_os_install.os_level() {
            return GateDecision::CannotInstall {
                required: rule.min_os_install,
                fallback: fallback(),
            };
        }
        if let (Some(app), Some(min_app)) = (app, rule.min_app)
            && app < min_app
        {
            return GateDecision::Blocked {
                reason: GateReason::AppTooOld,
                required: Some(min_app),
                fallback: fallback(),
            };
        }
        if below_run_minimum
            && let (Some(warn_from), Some(cutoff)) = (rule.warn_from, rule.effective)
            && today >= warn_from
        {
            return GateDecision::Warn {
                cutoff,
                required: rule.min_os_run,
            };
        }
        GateDecision::Allowed
    }

    /// [`OsPolicy::evaluate`] on the values as the shell reports them: a platform code
    /// and version strings. Malformed input is an error, never a panic.
    pub fn gate(
        &self,
        platform: &str,
        os: &str,
        app: Option<&str>,
        today: Date,
    ) -> Result<GateDecision, GateError> {
        let platform = Platform::from_code(platform).ok_or(GateError::UnknownPlatform)?;
        let os = Version::parse(os).map_err(GateError::InvalidOsVersion)?;
        let app = app
            .map(Version::parse)
            .transpose()
            .map_err(GateError::InvalidAppVersion)?;
        Ok(self.evaluate(platform, os, app, today))
    }
}

/// A date as Finnish and Swedish texts write it (15.4.2024), also used in English texts
/// of a Finnish bank.
fn finnish_date(date: Date) -> String {
    format!("{}.{}.{}", date.day(), u8::from(date.month()), date.year())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::os_policy::builtin::{BUILTIN_CUTOFF, BUILTIN_WARN_FROM};
    use time::macros::date;

    const BEFORE: Date = date!(2024 - 01 - 01);
    const DURING_WARNING: Date = date!(2024 - 03 - 01);

    fn gate(platform: &str, os: &str, today: Date) -> GateDecision {
        OsPolicy::builtin().gate(platform, os, None, today).unwrap()
    }

    #[test]
    fn the_seeds_cutoff_blocks_ios_13_4_and_android_8() {
        for (platform, os) in [
            ("ios", "13.4"),
            ("ios", "13.4.1"),
            ("ios", "12.5.7"),
            ("ipados", "13.4"),
            ("android", "8"),
            ("android", "8.1.0"),
            ("android", "7.0"),
        ] {
            let decision = gate(platform, os, BUILTIN_CUTOFF);
            assert_eq!(decision.code(), "blocked", "{platform} {os}");
            assert_eq!(decision.reason(), Some(GateReason::OsTooOld));
            assert!(decision.fallback().is_some());
            assert!(!decision.may_run());
        }
        for (platform, os) in [
            ("ios", "13.5"),
            ("ios", "13.5.1"),
            ("ios", "18.2"),
            ("ipados", "17"),
            ("android", "9"),
            ("android", "15"),
        ] {
            assert_eq!(gate(platform, os, BUILTIN_CUTOFF), GateDecision::Allowed);
        }
    }

    #[test]
    fn a_warning_names_the_cutoff_date_before_it() {
        let decision = gate("ios", "13.4.1", DURING_WARNING);
        assert_eq!(
            decision,
            GateDecision::Warn {
                cutoff: BUILTIN_CUTOFF,
                required: Version::new(13, 5)
            }
        );
        assert!(decision.may_run());
        assert_eq!(decision.cutoff(), Some(BUILTIN_CUTOFF));
        assert!(
            decision
                .message(Platform::Ios, Language::Fi)
                .contains("15.4.2024")
        );
        assert_eq!(gate("ios", "13.4", BUILTIN_WARN_FROM).code(), "warn");
        assert_eq!(gate("ios", "13.4", BEFORE), GateDecision::Allowed);
        let last_day = BUILTIN_CUTOFF.previous_day().unwrap();
        assert_eq!(gate("android", "8.1", last_day).code(), "warn");
    }

    #[test]
    fn installation_needs_android_6_and_ios_11() {
        assert_eq!(gate("android", "5.1.1", BEFORE).code(), "cannot_install");
        assert_eq!(gate("ios", "10.3.4", BEFORE).code(), "cannot_install");
        assert_eq!(gate("android", "6.0", BEFORE), GateDecision::Allowed);
        assert_eq!(gate("ios", "11", BEFORE), GateDecision::Allowed);
        // After the cut-off the stricter run minimum decides.
        assert_eq!(gate("android", "5.1.1", BUILTIN_CUTOFF).code(), "blocked");
    }

    #[test]
    fn windows_phones_are_not_supported_but_tablets_are() {
        let decision = gate("windows_phone", "10.0", BEFORE);
        assert_eq!(decision.reason(), Some(GateReason::UnsupportedPlatform));
        assert_eq!(decision.code(), "blocked");
        assert_eq!(
            gate("ipados", "16.1", BUILTIN_CUTOFF),
            GateDecision::Allowed
        );
    }

    #[test]
    fn an_old_app_must_be_updated() {
        let mut policy = OsPolicy::builtin();
        if let Some(rule) = policy.platforms.get_mut(&Platform::Android) {
            rule.min_app = Some(Version::parse("5.2.0").unwrap());
        }
        let today = BUILTIN_CUTOFF;
        let decision = policy.gate("android", "14", Some("5.1.9"), today).unwrap();
        assert_eq!(decision.reason(), Some(GateReason::AppTooOld));
        assert_eq!(
            policy.gate("android", "14", Some("5.2"), today).unwrap(),
            GateDecision::Allowed
        );
        assert_eq!(
            policy.gate("android", "14", None, today).unwrap(),
            GateDecision::Allowed
        );
    }

    #[test]
    fn a_rule_without_cutoff_applies_at_once() {
        let mut policy = OsPolicy::builtin();
        if let Some(rule) = policy.platforms.get_mut(&Platform::Ios) {
            rule.warn_from = None;
            rule.effective = None;
        }
        assert_eq!(
            policy.gate("ios", "13.4", None, BEFORE).unwrap().code(),
            "blocked"
        );
    }

    #[test]
    fn bad_input_is_an_error() {
        let policy = OsPolicy::builtin();
        let today = BEFORE;
        assert_eq!(
            policy.gate("symbian", "9", None, today),
            Err(GateError::UnknownPlatform)
        );
        assert_eq!(
            policy.gate("ios", "13.x", None, today),
            Err(GateError::InvalidOsVersion(VersionError::Malformed))
        );
        assert_eq!(
            policy.gate("ios", "", None, today),
            Err(GateError::InvalidOsVersion(VersionError::Empty))
        );
        assert_eq!(
            policy.gate("ios", "17", Some("1..2"), today),
            Err(GateError::InvalidAppVersion(VersionError::Malformed))
        );
    }

    #[test]
    fn every_decision_has_a_message_in_every_language() {
        let mut policy = OsPolicy::builtin();
        policy.fallback.url = Some("https://bank.example/".into());
        let decisions = [
            gate("ios", "17", BEFORE),
            gate("ios", "13", DURING_WARNING),
            policy.gate("ios", "10", None, BEFORE).unwrap(),
            policy.gate("android", "7", None, BUILTIN_CUTOFF).unwrap(),
            gate("windows_phone", "10", BEFORE),
            GateDecision::Blocked {
                reason: GateReason::AppTooOld,
                required: Some(Version::new(5, 2)),
                fallback: Fallback::default(),
            },
        ];
        for decision in decisions {
            for lang in Language::ALL {
                let text = decision.message(Platform::Ios, lang);
                assert!(!text.contains("os-policy-"), "{text}");
                assert!(!text.contains('{'), "{text}");
            }
        }
        let blocked = policy.gate("android", "7", None, BUILTIN_CUTOFF).unwrap();
        assert!(
            blocked
                .message(Platform::Android, Language::Sv)
                .contains("https://bank.example/")
        );
        for err in [
            GateError::UnknownPlatform,
            GateError::InvalidOsVersion(VersionError::Empty),
            GateError::InvalidAppVersion(VersionError::TooLarge),
        ] {
            for lang in Language::ALL {
                assert!(!err.message(lang).starts_with("os-policy-"));
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn gating_never_panics(platform in "[a-z_]{0,14}", os in ".{0,12}", app in ".{0,12}", day in 0i64..40_000) {
            let today = date!(1990 - 01 - 01) + time::Duration::days(day);
            let _ = OsPolicy::builtin().gate(&platform, &os, Some(&app), today);
        }
    }
}
