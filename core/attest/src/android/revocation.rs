//! Google's attestation certificate status list (the JSON at
//! android.googleapis.com/attestation/status), read from a file the bank refreshes: this
//! crate never goes to the network.

use std::collections::HashMap;

use serde::Deserialize;

use crate::reason::Reason;

/// The serial numbers Google lists as revoked or suspended (lowercase hex, no leading
/// zeros, as the list writes them).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StatusList {
    listed: HashMap<String, String>,
}

#[derive(Deserialize)]
struct Document {
    entries: HashMap<String, Entry>,
}

#[derive(Deserialize)]
struct Entry {
    status: String,
}

impl StatusList {
    /// A list with no entry (a bank that has not fetched one yet; tests).
    pub fn empty() -> StatusList {
        StatusList::default()
    }

    /// Reads the list's JSON: `{"entries": {"<serial hex>": {"status": "REVOKED", ...}}}`.
    /// Every entry counts, whatever its status (`REVOKED` or `SUSPENDED`).
    pub fn from_json(json: &str) -> Result<StatusList, Reason> {
        let document: Document = serde_json::from_str(json).map_err(|_| Reason::Malformed)?;
        let listed = document
            .entries
            .into_iter()
            .map(|(serial, entry)| (normalise(&serial), entry.status))
            .collect();
        Ok(StatusList { listed })
    }

    /// Whether the certificate with this serial number (big-endian bytes) is listed.
    pub fn is_listed(&self, serial: &[u8]) -> bool {
        let hex: String = serial.iter().map(|b| format!("{b:02x}")).collect();
        self.listed.contains_key(&normalise(&hex))
    }

    /// How many serial numbers are listed.
    pub fn len(&self) -> usize {
        self.listed.len()
    }

    /// Whether no serial number is listed.
    pub fn is_empty(&self) -> bool {
        self.listed.is_empty()
    }
}

fn normalise(serial: &str) -> String {
    let lower = serial.trim().to_ascii_lowercase();
    let trimmed = lower.trim_start_matches('0');
    if trimmed.is_empty() {
        "0".to_owned()
    } else {
        trimmed.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_match_serials_with_or_without_leading_zeros() {
        let list = StatusList::from_json(
            r#"{"entries": {"00C0FFEE": {"status": "REVOKED", "reason": "KEY_COMPROMISE"},
                "abc": {"status": "SUSPENDED"}}}"#,
        )
        .unwrap();
        assert_eq!(list.len(), 2);
        assert!(list.is_listed(&[0x00, 0xc0, 0xff, 0xee]));
        assert!(list.is_listed(&[0x0a, 0xbc]));
        assert!(!list.is_listed(&[0x0a, 0xbd]));
        assert_eq!(StatusList::from_json("{}"), Err(Reason::Malformed));
        assert!(StatusList::empty().is_empty());
    }
}
