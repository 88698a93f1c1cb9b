//! Challenges, assertions (two signatures over the same bytes) and sessions.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::{Base64Bytes, Secret};
use crate::lifecycle::{BiometricKind, ProfileState};
use crate::signed_bytes::{ChallengeContext, LoginChannel, Purpose};

/// The second factor of an approval, beside possession of the device key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum Factor {
    /// Knowledge: the Ed25519 key derived from the PIN.
    Pin,
    /// Inherence: the P-256 platform key bound to the current biometric set.
    Biometric,
}

/// What the phone reports about itself with every challenge request, so the bank applies
/// its OS and app version policy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeviceState {
    /// The operating system version, dotted ("17.4.1", "14").
    pub os_version: String,
    /// The app version, dotted ("1.2.0").
    pub app_version: String,
}

/// `POST /v1/challenges`: a login challenge for a profile (no session needed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChallengeRequest {
    /// The profile that will answer.
    pub profile_id: String,
    /// The phone's current OS and app versions.
    pub device: DeviceState,
    /// Where the login is used: the app itself (default) or the browser online bank.
    #[serde(default = "default_channel")]
    pub channel: LoginChannel,
}

fn default_channel() -> LoginChannel {
    LoginChannel::App
}

/// A single-use challenge issued by the bank and signed with its challenge key.
///
/// The device checks the bank's signature ([`Challenge::verify_bank_signature`]), shows
/// what is being approved and answers with an [`Assertion`] before `expires_at` (the
/// server's clock decides; the device's clock is only a hint). The nonce, ids and counter
/// are the [`ChallengeContext`] of the signed bytes (`docs/protocol.md`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Challenge {
    /// The challenge's id, quoted back in the assertion.
    pub challenge_id: String,
    /// The profile that must answer.
    pub profile_id: String,
    /// The bank's id of the device the profile lives on.
    pub device_id: String,
    /// What the approval is for.
    pub purpose: Purpose,
    /// 32 random bytes.
    pub nonce: Base64Bytes,
    /// Strictly increasing per profile: the bank accepts an answer only if this is greater
    /// than the counter of the last challenge it accepted from the profile.
    pub counter: u64,
    /// Who asks: "Avain" for the bank's own app, or the third party ("Verohallinto").
    pub requester: String,
    /// The object approved: payment id, identification request id, document id, device
    /// id, change id (`None` for a login).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject_id: Option<String>,
    /// When the bank issued it.
    #[serde(with = "super::wire_time::instant")]
    pub issued_at: OffsetDateTime,
    /// When the bank stops accepting an answer.
    #[serde(with = "super::wire_time::instant")]
    pub expires_at: OffsetDateTime,
    /// Which K_pin the bank verifies the answer with: the id of the PIN change that
    /// registered it (`None` while the key from registration is current). A phone that
    /// lost the answer to a PIN change learns here whether the change was committed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pin_key_id: Option<String>,
    /// Whether the bank's policy asks this (iOS) device for an App Attest assertion with
    /// the answer ([`Assertion::app_attest_assertion`]). Not in the bank's signature: the
    /// bank refuses an answer without one it asked for, whatever the phone read.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub app_attest_assertion_requested: bool,
    /// ECDSA P-256 (ASN.1 DER) signature by the bank's challenge key over
    /// [`Challenge::signing_input`].
    pub bank_signature: Base64Bytes,
}

/// The domain that starts the bank's challenge signatures, so they can never be valid for
/// anything else the bank signs.
pub const CHALLENGE_SIGNING_DOMAIN: &[u8] = b"avain-challenge-v1";

impl Challenge {
    /// The bytes the bank signs: [`CHALLENGE_SIGNING_DOMAIN`], a zero byte, then every
    /// field but the signature, each as a 4-byte big-endian length and its bytes (numbers
    /// as 8-byte big-endian, times as unix milliseconds, a missing subject as empty), and
    /// last the PIN key id when there is one.
    pub fn signing_input(&self) -> Vec<u8> {
        fn field(out: &mut Vec<u8>, bytes: &[u8]) {
            let len = u32::try_from(bytes.len()).unwrap_or(u32::MAX);
            out.extend_from_slice(&len.to_be_bytes());
            out.extend_from_slice(bytes);
        }
        let millis = |t: OffsetDateTime| {
            i64::try_from(t.unix_timestamp_nanos() / 1_000_000).unwrap_or(i64::MAX)
        };
        let mut out = Vec::with_capacity(256);
        out.extend_from_slice(CHALLENGE_SIGNING_DOMAIN);
        out.push(0);
        field(&mut out, self.challenge_id.as_bytes());
        field(&mut out, self.profile_id.as_bytes());
        field(&mut out, self.device_id.as_bytes());
        field(&mut out, self.purpose.code().as_bytes());
        field(&mut out, self.nonce.as_slice());
        field(&mut out, &self.counter.to_be_bytes());
        field(&mut out, self.requester.as_bytes());
        field(
            &mut out,
            self.subject_id.as_deref().unwrap_or("").as_bytes(),
        );
        field(&mut out, &millis(self.issued_at).to_be_bytes());
        field(&mut out, &millis(self.expires_at).to_be_bytes());
        // Only when present, so a challenge without one signs the same bytes as before; the
        // length prefixes keep the two forms apart.
        if let Some(id) = &self.pin_key_id {
            field(&mut out, id.as_bytes());
        }
        out
    }

    /// Whether `bank_signature` is the bank's signature, given its challenge key
    /// (uncompressed SEC1 P-256 public key).
    pub fn verify_bank_signature(&self, bank_challenge_key: &[u8]) -> bool {
        ring::signature::UnparsedPublicKey::new(
            &ring::signature::ECDSA_P256_SHA256_ASN1,
            bank_challenge_key,
        )
        .verify(&self.signing_input(), self.bank_signature.as_slice())
        .is_ok()
    }

    /// The context of the signed bytes this challenge asks for.
    pub fn context(&self) -> ChallengeContext {
        ChallengeContext {
            nonce: self.nonce.0.clone(),
            profile_id: self.profile_id.clone(),
            device_id: self.device_id.clone(),
            counter: self.counter,
        }
    }
}

/// The device's answer to a challenge: two signatures over the same canonical bytes
/// (`avain_core::signed_bytes::encode` of the challenge's context and the approval).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Assertion {
    /// The challenge answered.
    pub challenge_id: String,
    /// Which second factor signed.
    pub factor: Factor,
    /// ECDSA P-256 (ASN.1 DER) signature by K_dev, the device key.
    pub device_signature: Base64Bytes,
    /// Signature by the second factor: Ed25519 by K_pin, or ECDSA P-256 (DER) by K_bio.
    pub factor_signature: Base64Bytes,
    /// The exact text the customer saw, for purposes whose bytes carry its SHA-256
    /// (login, payment, identification, document signing, device removal). The bank keeps
    /// it with the approval.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shown_text: Option<String>,
    /// iOS: an App Attest assertion (CBOR) by the app instance's attested key over
    /// `app_attest_client_data_hash(signed bytes)`, when the challenge asked for one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub app_attest_assertion: Option<Base64Bytes>,
}

/// A body that carries only an assertion (confirming an action that has its challenge).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConfirmRequest {
    /// The signed answer.
    pub assertion: Assertion,
}

/// The answer to an action that needs the customer's approval: its challenge.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApprovalRequired {
    /// The challenge to sign.
    pub challenge: Challenge,
}

/// `POST /v1/sessions`: log in with a signed login challenge.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LoginRequest {
    /// The answer to a [`Purpose::Login`] challenge.
    pub assertion: Assertion,
}

/// Whether a customer is a person or a company.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum CustomerKind {
    /// A private customer.
    Personal,
    /// A company, acting through this user.
    Business,
    /// A value this version of the app does not know (the bank added one after it was
    /// released), or none given: read without failing, shown neutrally. Never sent.
    #[default]
    #[serde(other)]
    Unknown,
}

impl CustomerKind {
    /// The stable snake_case code, as in JSON (and in the phone's database).
    pub fn code(self) -> &'static str {
        match self {
            CustomerKind::Personal => "personal",
            CustomerKind::Business => "business",
            CustomerKind::Unknown => "unknown",
        }
    }

    /// Parses a code written by [`CustomerKind::code`]; anything else is `Unknown`.
    pub fn from_code(code: &str) -> CustomerKind {
        match code {
            "personal" => CustomerKind::Personal,
            "business" => CustomerKind::Business,
            _ => CustomerKind::Unknown,
        }
    }
}

/// The logged-in customer, as the app greets them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomerSummary {
    /// Display name ("Anna Virtanen", or the company's name).
    pub name: String,
    /// Private or business customer.
    pub kind: CustomerKind,
    /// The customer's language at the bank ("fi", "sv" or "en").
    pub language: String,
}

/// A logged-in session. Ends after [`Session::idle_timeout_s`] seconds without a request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Session {
    /// The bearer token for `Authorization: Bearer ...`.
    pub token: Secret,
    /// Inactivity timeout in seconds (300).
    pub idle_timeout_s: u32,
    /// The profile that logged in.
    pub profile_id: String,
    /// Its state (always active after a login).
    pub profile_state: ProfileState,
    /// The registered biometric, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub biometric: Option<BiometricKind>,
    /// Who logged in.
    pub customer: CustomerSummary,
}
