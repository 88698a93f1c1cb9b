//! Registering the authenticator: password, key-card code, SMS code, then the device.

use serde::{Deserialize, Serialize};
use time::{Date, OffsetDateTime};

use super::{Base64Bytes, CustomerKind, KeyAttestation, KeyProtection, Secret};
use crate::lifecycle::ProfileState;

/// `POST /v1/registrations`: step 1, the online-bank username and password.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegistrationStart {
    /// The online-bank user id (käyttäjätunnus / användarkod).
    pub username: String,
    /// The online-bank password.
    pub password: Secret,
}

/// The answer to step 1: which key-card code the bank asks for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegistrationStarted {
    /// The registration, for the next steps.
    pub registration_id: String,
    /// The number of the code on the paper key-code card to type (1-based).
    pub key_card_index: u32,
    /// When the registration expires if not completed.
    #[serde(with = "super::wire_time::instant")]
    pub expires_at: OffsetDateTime,
}

/// A code the customer types: key-card code or SMS code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CodeRequest {
    /// The code, digits only.
    pub code: Secret,
}

/// The bank sent an SMS code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SmsCodeSent {
    /// The number it went to, masked ("+358 40 *** **67").
    pub phone_hint: String,
    /// When the code expires.
    #[serde(with = "super::wire_time::instant")]
    pub expires_at: OffsetDateTime,
}

/// The SMS code was right: the device may choose a PIN and send its keys, signed over the
/// `registration` bytes of `docs/protocol.md` with this context (counter 0).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegistrationVerified {
    /// The new profile's id.
    pub profile_id: String,
    /// The new device's id.
    pub device_id: String,
    /// The nonce the proof of possession signs.
    pub nonce: Base64Bytes,
    /// The customer's name, for the profile name suggestion.
    pub customer_name: String,
    /// Private or business customer: the profile keeps it for the profile picker. Read
    /// tolerantly: a kind this version does not know, or none, is
    /// [`CustomerKind::Unknown`] and the registration goes on.
    #[serde(default)]
    pub customer_kind: CustomerKind,
    /// The customer's birth date, so the PIN rules can refuse it as a PIN (never the HETU).
    #[serde(
        default,
        with = "super::wire_time::date_option",
        skip_serializing_if = "Option::is_none"
    )]
    pub birth_date: Option<Date>,
}

/// The device being registered, as the trusted-devices list will show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeviceDescription {
    /// "android", "ios", "ipados", "windows_phone", ...
    pub platform: String,
    /// The model as the platform names it ("Pixel 8", "iPhone15,2").
    pub model: String,
    /// The OS version, dotted.
    pub os_version: String,
    /// The app version, dotted.
    pub app_version: String,
    /// The push token, if the customer allowed notifications.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub push_token: Option<Secret>,
}

/// `POST /v1/registrations/{id}/complete`: the device, the profile name and the keys.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegistrationComplete {
    /// The name the customer gave the profile (1-40 characters).
    pub profile_name: String,
    /// The device.
    pub device: DeviceDescription,
    /// K_dev: P-256 public key, SEC1 uncompressed point (65 bytes).
    pub device_public_key: Base64Bytes,
    /// K_pin: Ed25519 public key (32 bytes).
    pub pin_public_key: Base64Bytes,
    /// K_dev's signature (ECDSA P-256, DER) over the registration bytes.
    pub device_signature: Base64Bytes,
    /// K_pin's signature (Ed25519) over the same bytes.
    pub pin_signature: Base64Bytes,
    /// Evidence that K_dev is in the phone's hardware: Android's chain for K_dev, or the
    /// app instance's App Attest object over these bytes (docs/attestation.md). `None`
    /// from a phone that cannot attest; the bank's policy decides whether that is enough.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attestation: Option<KeyAttestation>,
}

/// The new profile: it stays locked until the customer unlocks it in the online bank.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegisteredProfile {
    /// The profile's id, used in every challenge.
    pub profile_id: String,
    /// Always [`ProfileState::PendingUnlock`] right after registration.
    pub state: ProfileState,
    /// The name given.
    pub profile_name: String,
    /// What the bank concluded from the attestation (`None` from a bank that does not
    /// say).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key_protection: Option<KeyProtection>,
}
