//! The policy that ships with the app, from the bank's announcement (see the seeds):
//! the app installs on Android 6.0 and iOS 11.0 and newer; after the April update,
//! iOS 13.4 and older and Android 8 and older can no longer be used because of security
//! risks; Windows phones are not supported because Microsoft stopped developing them;
//! the browser online bank stays available on every phone; tablets are supported.
//!
//! It is used until the first signed policy from the bank has been accepted, and its
//! sequence number is 0 so that any signed policy replaces it.

use std::collections::{BTreeMap, BTreeSet};

use time::Date;
use time::macros::date;

use super::document::{Fallback, OsPolicy, POLICY_FORMAT, Platform, PlatformRule};
use super::version::Version;

/// The cut-off date of the built-in policy: the "update in April" of the announcement.
pub const BUILTIN_CUTOFF: Date = date!(2024 - 04 - 15);

/// From this day the built-in policy warns phones that will be blocked at the cut-off.
pub const BUILTIN_WARN_FROM: Date = date!(2024 - 02 - 15);

impl OsPolicy {
    /// The built-in default policy (sequence 0).
    pub fn builtin() -> OsPolicy {
        let rule = |install: Version, run: Version| PlatformRule {
            min_os_install: install,
            min_os_run: run,
            warn_from: Some(BUILTIN_WARN_FROM),
            effective: Some(BUILTIN_CUTOFF),
            min_app: None,
        };
        // "iOS 13.4 and older" are blocked: the oldest that runs is 13.5.
        let apple = rule(Version::new(11, 0), Version::new(13, 5));
        let platforms = BTreeMap::from([
            // "Android 8 and older" are blocked (8.1 included): the oldest that runs is 9.
            (
                Platform::Android,
                rule(Version::new(6, 0), Version::new(9, 0)),
            ),
            (Platform::Ios, apple.clone()),
            // iPads get the iPhone's rules; the app works on tablets.
            (Platform::Ipados, apple),
        ]);
        OsPolicy {
            format: POLICY_FORMAT,
            sequence: 0,
            issued: date!(2024 - 01 - 15),
            platforms,
            unsupported: BTreeSet::from([Platform::WindowsPhone, Platform::Harmonyos]),
            fallback: Fallback::default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builtin_policy_is_consistent() {
        let policy = OsPolicy::builtin();
        assert!(policy.validate().is_ok());
        assert_eq!(policy.sequence, 0);
        for platform in [Platform::Android, Platform::Ios, Platform::Ipados] {
            assert!(policy.rule(platform).is_some(), "{platform}");
        }
        assert!(policy.rule(Platform::WindowsPhone).is_none());
    }
}
