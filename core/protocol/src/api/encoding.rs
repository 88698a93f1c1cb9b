//! Wrappers that give wire values their JSON form and keep them out of `Debug` output.

use std::fmt;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use zeroize::Zeroizing;

/// Bytes on the wire as a base64url string without padding (keys, signatures, nonces).
///
/// `Debug` prints only the length: even public keys stay out of logs, so a log line never
/// links a device to a customer.
#[derive(Clone, PartialEq, Eq, Default)]
pub struct Base64Bytes(pub Vec<u8>);

impl Base64Bytes {
    /// The raw bytes.
    pub fn as_slice(&self) -> &[u8] {
        &self.0
    }

    /// The base64url text, as sent on the wire.
    pub fn to_text(&self) -> String {
        URL_SAFE_NO_PAD.encode(&self.0)
    }
}

impl From<Vec<u8>> for Base64Bytes {
    fn from(bytes: Vec<u8>) -> Self {
        Base64Bytes(bytes)
    }
}

impl From<&[u8]> for Base64Bytes {
    fn from(bytes: &[u8]) -> Self {
        Base64Bytes(bytes.to_vec())
    }
}

impl fmt::Debug for Base64Bytes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Base64Bytes({} bytes)", self.0.len())
    }
}

impl Serialize for Base64Bytes {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_text())
    }
}

impl<'de> Deserialize<'de> for Base64Bytes {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        // The error names no input: a signature or key must not end up in a log line.
        URL_SAFE_NO_PAD
            .decode(text.as_bytes())
            .map(Base64Bytes)
            .map_err(|_| serde::de::Error::custom("not base64url without padding"))
    }
}

/// A secret typed by the customer or issued by the bank: password, key-card code, SMS code,
/// HETU, session token, meeting identifier.
///
/// Zeroized on drop; `Debug` prints `[redacted]`. Use [`Secret::expose`] where the value is
/// really needed (hashing it, sending it).
#[derive(Clone, PartialEq, Eq, Default)]
pub struct Secret(Zeroizing<String>);

impl Secret {
    /// Wraps a secret value.
    pub fn new(value: impl Into<String>) -> Self {
        Secret(Zeroizing::new(value.into()))
    }

    /// The secret itself. Never log or format what this returns.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl From<&str> for Secret {
    fn from(value: &str) -> Self {
        Secret::new(value)
    }
}

impl From<String> for Secret {
    fn from(value: String) -> Self {
        Secret::new(value)
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

impl Serialize for Secret {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Secret {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(Secret::new)
    }
}

/// Personal data that is shown to its owner but kept out of logs: IBAN, phone number.
///
/// `Debug` prints `[personal]`; the value itself is public API ([`Personal::as_str`]).
#[derive(Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Personal(pub String);

impl Personal {
    /// The value, for display to its owner.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl From<&str> for Personal {
    fn from(value: &str) -> Self {
        Personal(value.to_owned())
    }
}

impl From<String> for Personal {
    fn from(value: String) -> Self {
        Personal(value)
    }
}

impl fmt::Debug for Personal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[personal]")
    }
}

/// Money as integer cents with its currency (always "EUR" in this bank).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Money {
    /// Amount in cents; negative for debits in transaction lists.
    pub cents: i64,
    /// ISO 4217 currency code.
    pub currency: Currency,
}

impl Money {
    /// An amount in euros, given in cents.
    pub fn eur(cents: i64) -> Self {
        Money {
            cents,
            currency: Currency::Eur,
        }
    }
}

/// A currency the bank keeps accounts in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Currency {
    /// The euro.
    #[serde(rename = "EUR")]
    Eur,
    /// A value this version of the app does not know (the bank added one after it was
    /// released): read without failing, shown neutrally. Never sent.
    #[serde(other)]
    Unknown,
}

impl Currency {
    /// The ISO 4217 code (`XXX`, "no currency", for one this version does not know).
    pub fn code(self) -> &'static str {
        match self {
            Currency::Eur => "EUR",
            Currency::Unknown => "XXX",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_round_trip_as_base64url_without_padding() {
        let bytes = Base64Bytes(vec![0xfb, 0xff, 0x00]);
        let json = serde_json::to_string(&bytes).unwrap();
        assert_eq!(json, "\"-_8A\"");
        assert_eq!(serde_json::from_str::<Base64Bytes>(&json).unwrap(), bytes);
    }

    #[test]
    fn bad_base64_is_an_error_that_does_not_echo_the_input() {
        let err = serde_json::from_str::<Base64Bytes>("\"abc=SECRET\"").unwrap_err();
        assert!(!err.to_string().contains("SECRET"));
    }

    #[test]
    fn secrets_and_personal_data_do_not_print_themselves() {
        let secret = Secret::new("123456");
        let personal = Personal::from("FI4950009420028730");
        assert_eq!(format!("{secret:?}"), "[redacted]");
        assert_eq!(format!("{personal:?}"), "[personal]");
        assert!(!format!("{:?}", Base64Bytes(b"key".to_vec())).contains("key"));
        assert_eq!(serde_json::to_string(&secret).unwrap(), "\"123456\"");
    }

    #[test]
    fn money_is_cents_and_a_currency_code() {
        let json = serde_json::to_string(&Money::eur(1450594)).unwrap();
        assert_eq!(json, r#"{"cents":1450594,"currency":"EUR"}"#);
    }
}
