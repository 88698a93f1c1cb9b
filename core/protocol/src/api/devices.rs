//! Trusted devices, PIN change and biometric keys.

use serde::{Deserialize, Serialize};
use time::{Date, OffsetDateTime};

use super::{Base64Bytes, Challenge, KeyAttestation, KeyProtection};
use crate::lifecycle::{BiometricKind, ProfileState};

/// One entry of the trusted-devices list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrustedDevice {
    /// The profile on that device.
    pub profile_id: String,
    /// The device's id (what a device removal names).
    pub device_id: String,
    /// The profile's name.
    pub profile_name: String,
    /// The device model.
    pub model: String,
    /// "android", "ios", ...
    pub platform: String,
    /// OS version last reported.
    pub os_version: String,
    /// App version last reported.
    pub app_version: String,
    /// The profile's state.
    pub state: ProfileState,
    /// The registered biometric, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub biometric: Option<BiometricKind>,
    /// When it was registered.
    #[serde(with = "super::wire_time::instant")]
    pub registered_at: OffsetDateTime,
    /// Its last successful approval.
    #[serde(default, with = "super::wire_time::instant_option")]
    pub last_used_at: Option<OffsetDateTime>,
    /// Whether this is the device asking.
    pub this_device: bool,
    /// What the bank concluded about the device's keys at registration (`None` from a
    /// bank that does not say).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key_protection: Option<KeyProtection>,
}

/// `GET /v1/devices`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeviceList {
    /// The customer's profiles, newest first; revoked ones are not listed.
    pub devices: Vec<TrustedDevice>,
}

/// `POST /v1/pin-changes`: the new PIN key, to be approved with the old PIN.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PinChangeRequest {
    /// The new K_pin public key (Ed25519, 32 bytes).
    pub new_pin_public_key: Base64Bytes,
}

/// `POST /v1/biometric-keys`: a biometric key, to be approved with the PIN.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BiometricKeyRequest {
    /// Fingerprint or face.
    pub kind: BiometricKind,
    /// K_bio: P-256 public key, SEC1 uncompressed point (65 bytes).
    pub public_key: Base64Bytes,
    /// Android: the nonce of the [`AttestationChallenge`] K_bio was generated with;
    /// present exactly when `attestation` is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attestation_nonce: Option<Base64Bytes>,
    /// Android: K_bio's certificate chain (on iOS, an App Attest assertion on the
    /// approval's [`super::Assertion`] vouches for it instead).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attestation: Option<KeyAttestation>,
}

/// A change that waits for its approval (PIN change, biometric key, device removal).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingChange {
    /// The change, for the confirm call.
    pub change_id: String,
    /// The challenge to sign.
    pub challenge: Challenge,
    /// For a PIN change: the customer's birth date, so the phone refuses it as the new PIN
    /// like registration does (never the HETU).
    #[serde(
        default,
        with = "super::wire_time::date_option",
        skip_serializing_if = "Option::is_none"
    )]
    pub birth_date: Option<Date>,
}

/// The state of the logged-in profile after a change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfileStatus {
    /// The profile.
    pub profile_id: String,
    /// Its state.
    pub state: ProfileState,
    /// The registered biometric, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub biometric: Option<BiometricKind>,
}
