//! Serde helper: byte strings as lowercase hex in JSON (keys, nonces, digests).

use serde::{Deserialize, Deserializer, Serializer};

/// Writes the bytes as lowercase hex.
pub fn serialize<S: Serializer>(bytes: &[u8], serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(&hex::encode(bytes))
}

/// Reads hex (either case) into bytes.
pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<u8>, D::Error> {
    let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
    hex::decode(text.as_bytes()).map_err(serde::de::Error::custom)
}
