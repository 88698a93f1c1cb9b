//! The OS policy document: what the bank says about which phones may run the app.
//!
//! The JSON form is what the bank signs (see [`super::signed`]); `docs/policy.md` shows an
//! example. Unknown fields and platforms this app does not know are ignored, so the bank
//! can extend the document without breaking apps already installed; a change that old
//! apps must not misread raises [`OsPolicy::format`] instead.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use serde::{Deserialize, Deserializer, Serialize};
use time::Date;

use super::version::Version;

time::serde::format_description!(iso_date, Date, "[year]-[month]-[day]");

/// The document format this core reads. A document with another format is refused.
pub const POLICY_FORMAT: u32 = 1;

/// A mobile platform, as the shell reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum Platform {
    /// Android phones and tablets.
    Android,
    /// iPhone.
    Ios,
    /// iPad (iPadOS 13 and later; older iPads report iOS).
    Ipados,
    /// Windows phones (Windows Phone, Windows 10 Mobile), no longer developed.
    WindowsPhone,
    /// Huawei's HarmonyOS NEXT, which runs no Android apps.
    Harmonyos,
}

impl Platform {
    /// Every platform this core knows.
    pub const ALL: [Platform; 5] = [
        Platform::Android,
        Platform::Ios,
        Platform::Ipados,
        Platform::WindowsPhone,
        Platform::Harmonyos,
    ];

    /// The stable code: `android`, `ios`, `ipados`, `windows_phone` or `harmonyos`.
    pub fn code(self) -> &'static str {
        match self {
            Platform::Android => "android",
            Platform::Ios => "ios",
            Platform::Ipados => "ipados",
            Platform::WindowsPhone => "windows_phone",
            Platform::Harmonyos => "harmonyos",
        }
    }

    /// Parses a stable code, any case.
    pub fn from_code(code: &str) -> Option<Platform> {
        let code = code.trim();
        Platform::ALL
            .into_iter()
            .find(|p| p.code().eq_ignore_ascii_case(code))
    }

    /// The name customers know the system by ("iOS", "Android"); the same in every
    /// language.
    pub fn display_name(self) -> &'static str {
        match self {
            Platform::Android => "Android",
            Platform::Ios => "iOS",
            Platform::Ipados => "iPadOS",
            Platform::WindowsPhone => "Windows Phone",
            Platform::Harmonyos => "HarmonyOS",
        }
    }
}

impl fmt::Display for Platform {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// The rules for one platform.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlatformRule {
    /// The oldest OS the app can be installed on.
    pub min_os_install: Version,
    /// The oldest OS the app keeps running on, enforced from `effective`. Compared by
    /// major and minor only: 13.5 here blocks 13.4.1.
    pub min_os_run: Version,
    /// From this day, phones below `min_os_run` see a warning naming the cut-off date.
    #[serde(
        default,
        with = "iso_date::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub warn_from: Option<Date>,
    /// The cut-off date: from this day, phones below `min_os_run` are blocked. Without
    /// it the minimum is in force already.
    #[serde(
        default,
        with = "iso_date::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub effective: Option<Date>,
    /// The oldest app version that may still be used (compared in full).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_app: Option<Version>,
}

/// What a customer whose phone is refused can use instead.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fallback {
    /// The address of the browser online bank, when the bank wants it shown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

impl Fallback {
    /// The stable code of the fallback: the browser online bank.
    pub const CODE: &'static str = "browser_online_bank";
}

/// The whole policy: rules per platform, the platforms not supported at all, and the
/// fallback. See [`super::builtin`] for the default that ships with the app.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OsPolicy {
    /// The document format; must be [`POLICY_FORMAT`].
    pub format: u32,
    /// Grows with every policy the bank issues; a device refuses one lower than the last
    /// it accepted, so an old policy cannot be replayed to lift a block.
    pub sequence: u64,
    /// The day the bank issued it (informational).
    #[serde(with = "iso_date")]
    pub issued: Date,
    /// Rules per platform. A platform without a rule is not supported.
    #[serde(deserialize_with = "known_platform_rules")]
    pub platforms: BTreeMap<Platform, PlatformRule>,
    /// Platforms the app does not run on at all, whatever their version.
    #[serde(default, deserialize_with = "known_platforms")]
    pub unsupported: BTreeSet<Platform>,
    /// What to use instead when the app cannot be used.
    #[serde(default)]
    pub fallback: Fallback,
}

/// Why a policy document is not usable even though it parsed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PolicyRuleError {
    /// A platform's warning starts after its cut-off date, or without a cut-off date.
    #[error("the warning period of {0} does not end at a cut-off date")]
    WarningWithoutCutoff(Platform),
    /// A platform is both ruled and unsupported.
    #[error("{0} is both supported and unsupported")]
    Contradiction(Platform),
}

impl OsPolicy {
    /// The rule for `platform`, unless the platform is unsupported.
    pub fn rule(&self, platform: Platform) -> Option<&PlatformRule> {
        if self.unsupported.contains(&platform) {
            return None;
        }
        self.platforms.get(&platform)
    }

    /// Checks that the document is consistent.
    pub fn validate(&self) -> Result<(), PolicyRuleError> {
        for (platform, rule) in &self.platforms {
            if self.unsupported.contains(platform) {
                return Err(PolicyRuleError::Contradiction(*platform));
            }
            if let Some(warn_from) = rule.warn_from {
                match rule.effective {
                    Some(effective) if warn_from <= effective => {}
                    _ => return Err(PolicyRuleError::WarningWithoutCutoff(*platform)),
                }
            }
        }
        Ok(())
    }

    /// The document as JSON bytes, ready to be signed.
    pub fn to_document_bytes(&self) -> Vec<u8> {
        // Serializing these plain types into memory cannot fail; an empty document would
        // fail verification rather than pass it.
        serde_json::to_vec(self).unwrap_or_default()
    }
}

/// Reads the platform map, skipping platforms this app does not know.
fn known_platform_rules<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<BTreeMap<Platform, PlatformRule>, D::Error> {
    let raw = BTreeMap::<String, serde_json::Value>::deserialize(deserializer)?;
    let mut rules = BTreeMap::new();
    for (code, value) in raw {
        // Only the rules of known platforms are read: a newer platform's rule may use
        // fields this version does not understand.
        if let Some(platform) = Platform::from_code(&code) {
            let rule = PlatformRule::deserialize(value).map_err(serde::de::Error::custom)?;
            rules.insert(platform, rule);
        }
    }
    Ok(rules)
}

/// Reads the list of unsupported platforms, skipping platforms this app does not know.
fn known_platforms<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<BTreeSet<Platform>, D::Error> {
    let raw = Vec::<String>::deserialize(deserializer)?;
    Ok(raw.iter().filter_map(|c| Platform::from_code(c)).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    const DOCUMENT: &str = r#"{
        "format": 1,
        "sequence": 7,
        "issued": "2025-01-31",
        "platforms": {
            "ios": {"min_os_install": "11.0", "min_os_run": "13.5",
                    "warn_from": "2025-03-01", "effective": "2025-04-15", "min_app": "5.2"},
            "android": {"min_os_install": "6.0", "min_os_run": "9"},
            "fuchsia": {"min_os_install": "1", "min_os_run": "1", "new_field": true}
        },
        "unsupported": ["windows_phone", "symbian"],
        "fallback": {"url": "https://bank.example/online"},
        "added_later": {"anything": 1}
    }"#;

    #[test]
    fn reads_a_document_and_ignores_what_it_does_not_know() {
        let policy: OsPolicy = serde_json::from_str(DOCUMENT).unwrap();
        assert_eq!(policy.sequence, 7);
        assert_eq!(policy.platforms.len(), 2);
        let ios = policy.rule(Platform::Ios).unwrap();
        assert_eq!(ios.min_os_run, Version::new(13, 5));
        assert_eq!(ios.effective, Some(date!(2025 - 04 - 15)));
        assert_eq!(ios.min_app, Some(Version::new(5, 2)));
        assert_eq!(
            policy.unsupported.iter().copied().collect::<Vec<_>>(),
            [Platform::WindowsPhone]
        );
        assert!(policy.rule(Platform::WindowsPhone).is_none());
        assert!(policy.validate().is_ok());
    }

    #[test]
    fn round_trips_through_json() {
        let policy: OsPolicy = serde_json::from_str(DOCUMENT).unwrap();
        let again: OsPolicy = serde_json::from_slice(&policy.to_document_bytes()).unwrap();
        assert_eq!(again, policy);
    }

    #[test]
    fn bad_dates_and_versions_are_errors() {
        let bad_date = DOCUMENT.replace("2025-04-15", "15.4.2025");
        assert!(serde_json::from_str::<OsPolicy>(&bad_date).is_err());
        let bad_version = DOCUMENT.replace(r#""13.5""#, r#""13.x""#);
        assert!(serde_json::from_str::<OsPolicy>(&bad_version).is_err());
    }

    #[test]
    fn validation_catches_contradictions() {
        let mut policy: OsPolicy = serde_json::from_str(DOCUMENT).unwrap();
        policy.unsupported.insert(Platform::Android);
        assert_eq!(
            policy.validate(),
            Err(PolicyRuleError::Contradiction(Platform::Android))
        );
        let mut policy: OsPolicy = serde_json::from_str(DOCUMENT).unwrap();
        if let Some(rule) = policy.platforms.get_mut(&Platform::Ios) {
            rule.warn_from = Some(date!(2025 - 05 - 01));
        }
        assert_eq!(
            policy.validate(),
            Err(PolicyRuleError::WarningWithoutCutoff(Platform::Ios))
        );
    }

    #[test]
    fn platform_codes_round_trip() {
        for platform in Platform::ALL {
            assert_eq!(Platform::from_code(platform.code()), Some(platform));
            let json = serde_json::to_string(&platform).unwrap();
            assert_eq!(json, format!("\"{}\"", platform.code()));
        }
        assert_eq!(Platform::from_code("IOS"), Some(Platform::Ios));
        assert_eq!(Platform::from_code("blackberry"), None);
    }
}
