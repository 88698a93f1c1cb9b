//! Sandbox-only endpoints (`/v1/sandbox/attestation/...`, with the control routes only):
//! the bank's attestation policy as tests set it, and the simulated platform attestation
//! services the test phones use instead of Android Keystore and `DCAppAttestService`. The
//! evidence they answer is under the sandbox's test root, which only a sandbox with its
//! control routes trusts (docs/sandbox.md). A real bank has none of these.

use serde::{Deserialize, Serialize};

use super::Base64Bytes;
use crate::attestation::AttestedKeyRole;

/// Whether the bank insists on attestation for one platform.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AttestationRequirement {
    /// A registration without valid evidence is refused (`attestation_required`,
    /// `attestation_failed`).
    Required,
    /// Evidence is checked and its verdict stored; without valid evidence the device is
    /// registered as not attested.
    Preferred,
    /// Evidence is neither asked for nor checked.
    Off,
}

/// Where an Android key lives, as its attestation says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AttestationLevel {
    /// Keystore in the OS itself.
    Software,
    /// The trusted execution environment.
    TrustedEnvironment,
    /// A StrongBox secure element.
    StrongBox,
}

/// `GET`/`POST /v1/sandbox/attestation/policy`: the bank's attestation policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AttestationPolicySettings {
    /// Android registrations and biometric keys.
    pub android: AttestationRequirement,
    /// The lowest Android level accepted.
    pub android_minimum_level: AttestationLevel,
    /// iOS registrations (App Attest).
    pub apple: AttestationRequirement,
    /// Whether approvals from an iOS device with an App Attest key must carry an App
    /// Attest assertion (`Challenge.app_attest_assertion_requested`).
    pub apple_assertions: bool,
}

/// `POST /v1/sandbox/attestation/android`: what Android Keystore would attest for a key
/// generated with `setAttestationChallenge(challenge)`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SimulatedAndroidKey {
    /// The key's public point (P-256, SEC1 uncompressed).
    pub public_key: Base64Bytes,
    /// The attestation challenge (`key_attestation_challenge`).
    pub challenge: Base64Bytes,
    /// K_dev (no user authentication) or K_bio (a biometric for every use).
    pub role: AttestedKeyRole,
    /// Where the key claims to live (default: the trusted environment).
    #[serde(default = "trusted_environment")]
    pub security_level: AttestationLevel,
}

fn trusted_environment() -> AttestationLevel {
    AttestationLevel::TrustedEnvironment
}

/// `POST /v1/sandbox/attestation/apple/keys`: `DCAppAttestService.generateKey`'s answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SimulatedAppAttestKey {
    /// The new key's id (SHA-256 of its public point).
    pub key_id: Base64Bytes,
}

/// `POST /v1/sandbox/attestation/apple/attest` and `.../assert`: the key and the client
/// data hash `attestKey` or `generateAssertion` is called with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SimulatedAppAttestCall {
    /// A key id from `.../apple/keys`.
    pub key_id: Base64Bytes,
    /// The client data hash (32 bytes).
    pub client_data_hash: Base64Bytes,
}

/// `POST /v1/sandbox/attestation/apple/assert`: `generateAssertion`'s answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SimulatedAppAttestAssertion {
    /// The assertion (CBOR), its counter one more than the key's last one.
    pub assertion: Base64Bytes,
}
