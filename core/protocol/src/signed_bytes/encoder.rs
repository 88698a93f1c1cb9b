//! The wire form of one field: a 4-byte big-endian length, then the value.

/// Appends length-prefixed fields after the version byte.
pub(super) struct Encoder {
    out: Vec<u8>,
}

impl Encoder {
    pub(super) fn new(version: u8) -> Encoder {
        let mut out = Vec::with_capacity(256);
        out.push(version);
        Encoder { out }
    }

    /// One field of raw bytes. Callers have bounded every field far below 4 GiB.
    pub(super) fn bytes(&mut self, value: &[u8]) {
        let len = u32::try_from(value.len()).unwrap_or(u32::MAX);
        self.out.extend_from_slice(&len.to_be_bytes());
        self.out.extend_from_slice(value);
    }

    /// One UTF-8 text field (already checked and normalised by the caller).
    pub(super) fn text(&mut self, value: &str) {
        self.bytes(value.as_bytes());
    }

    /// An unsigned integer: always 8 bytes, big-endian, behind its length prefix.
    pub(super) fn u64(&mut self, value: u64) {
        self.bytes(&value.to_be_bytes());
    }

    pub(super) fn finish(self) -> Vec<u8> {
        self.out
    }
}
