//! Dotted version numbers: "13.4.1", "8.1.0", "6", "5.12.3".
//!
//! Operating systems are compared by major and minor only ("13.4.1" counts as 13.4, so a
//! rule "older than 13.5" blocks it); app versions are compared in full.

use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// How many dotted parts a version may have ("1.2.3.4" at most).
const MAX_PARTS: usize = 4;

/// A version of an operating system or of the app: one to four dotted whole numbers.
///
/// Missing parts count as zero when comparing, so "13" equals "13.0". Serialized as the
/// string it was written as ("13.5").
#[derive(Clone, Copy)]
pub struct Version {
    parts: [u32; MAX_PARTS],
    len: u8,
}

/// Why a version could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum VersionError {
    /// Nothing was given.
    #[error("the version is empty")]
    Empty,
    /// A part is empty or not a whole number ("13.", "13.x", "v13", "-1").
    #[error("the version is not dotted whole numbers")]
    Malformed,
    /// More than four parts.
    #[error("the version has more than four parts")]
    TooManyParts,
    /// A part does not fit in 32 bits.
    #[error("a part of the version is too large")]
    TooLarge,
}

impl VersionError {
    /// The stable code: `empty`, `malformed`, `too_many_parts` or `too_large`.
    pub fn code(self) -> &'static str {
        match self {
            VersionError::Empty => "empty",
            VersionError::Malformed => "malformed",
            VersionError::TooManyParts => "too_many_parts",
            VersionError::TooLarge => "too_large",
        }
    }
}

impl Version {
    /// A version from its major and minor numbers.
    pub const fn new(major: u32, minor: u32) -> Version {
        Version {
            parts: [major, minor, 0, 0],
            len: 2,
        }
    }

    /// Reads a dotted version. Surrounding whitespace is ignored; anything else that is
    /// not one to four dot-separated runs of ASCII digits is an error.
    pub fn parse(text: &str) -> Result<Version, VersionError> {
        let text = text.trim();
        if text.is_empty() {
            return Err(VersionError::Empty);
        }
        let mut parts = [0u32; MAX_PARTS];
        let mut len = 0usize;
        for part in text.split('.') {
            if len == MAX_PARTS {
                return Err(VersionError::TooManyParts);
            }
            if part.is_empty() || !part.bytes().all(|b| b.is_ascii_digit()) {
                return Err(VersionError::Malformed);
            }
            parts[len] = part.parse().map_err(|_| VersionError::TooLarge)?;
            len += 1;
        }
        Ok(Version {
            parts,
            // At most MAX_PARTS (4), so it fits.
            len: len as u8,
        })
    }

    /// The major number ("13" of "13.4.1").
    pub fn major(self) -> u32 {
        self.parts[0]
    }

    /// The minor number ("4" of "13.4.1"; 0 when not given).
    pub fn minor(self) -> u32 {
        self.parts[1]
    }

    /// The version as an operating system level: major and minor only, so "13.4.1"
    /// becomes 13.4. Patch releases do not change which rules apply to a system.
    pub fn os_level(self) -> Version {
        Version {
            parts: [self.parts[0], self.parts[1], 0, 0],
            len: self.len.min(2),
        }
    }
}

impl PartialEq for Version {
    fn eq(&self, other: &Self) -> bool {
        self.parts == other.parts
    }
}

impl Eq for Version {}

impl PartialOrd for Version {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Version {
    fn cmp(&self, other: &Self) -> Ordering {
        self.parts.cmp(&other.parts)
    }
}

impl std::hash::Hash for Version {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.parts.hash(state);
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, part) in self.parts[..usize::from(self.len)].iter().enumerate() {
            if i > 0 {
                f.write_str(".")?;
            }
            write!(f, "{part}")?;
        }
        Ok(())
    }
}

impl fmt::Debug for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Version({self})")
    }
}

impl FromStr for Version {
    type Err = VersionError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Version::parse(s)
    }
}

impl Serialize for Version {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Version {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Version::parse(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(text: &str) -> Version {
        Version::parse(text).unwrap()
    }

    #[test]
    fn parses_dotted_numbers() {
        assert_eq!(v("13.4.1").to_string(), "13.4.1");
        assert_eq!(v(" 8 ").to_string(), "8");
        assert_eq!(v("6.0").major(), 6);
        assert_eq!(v("13.4.1").minor(), 4);
        assert_eq!(v("1.2.3.4").to_string(), "1.2.3.4");
        assert_eq!(v("13.04"), v("13.4"));
    }

    #[test]
    fn missing_parts_count_as_zero() {
        assert_eq!(v("13"), v("13.0"));
        assert_eq!(v("13"), v("13.0.0"));
        assert!(v("13.4.1") > v("13.4"));
        assert!(v("9") > v("8.1.0"));
        assert!(v("10.0") > v("9.9"));
    }

    #[test]
    fn os_level_drops_the_patch() {
        assert_eq!(v("13.4.1").os_level(), v("13.4"));
        assert!(v("13.4.1").os_level() < v("13.5"));
        assert_eq!(v("13.4.1").os_level().to_string(), "13.4");
        assert_eq!(v("8").os_level().to_string(), "8");
    }

    #[test]
    fn malformed_versions_are_errors() {
        let cases = [
            ("", VersionError::Empty),
            ("   ", VersionError::Empty),
            ("13.", VersionError::Malformed),
            (".4", VersionError::Malformed),
            ("13..4", VersionError::Malformed),
            ("13.x", VersionError::Malformed),
            ("v13", VersionError::Malformed),
            ("-1", VersionError::Malformed),
            ("+1", VersionError::Malformed),
            ("13.4 beta", VersionError::Malformed),
            ("١٣", VersionError::Malformed),
            ("1.2.3.4.5", VersionError::TooManyParts),
            ("99999999999", VersionError::TooLarge),
        ];
        for (text, err) in cases {
            assert_eq!(Version::parse(text), Err(err), "{text:?}");
        }
    }

    #[test]
    fn serde_is_the_dotted_string() {
        assert_eq!(serde_json::to_string(&v("13.5")).unwrap(), r#""13.5""#);
        assert_eq!(serde_json::from_str::<Version>(r#""6.0""#).unwrap(), v("6"));
        assert!(serde_json::from_str::<Version>(r#""six""#).is_err());
    }

    proptest::proptest! {
        #[test]
        fn never_panics(text in ".{0,24}") {
            let _ = Version::parse(&text);
        }

        #[test]
        fn display_round_trips(parts in proptest::collection::vec(0u32..100_000, 1..=4)) {
            let text = parts.iter().map(u32::to_string).collect::<Vec<_>>().join(".");
            proptest::prop_assert_eq!(v(&text).to_string(), text);
        }
    }
}
