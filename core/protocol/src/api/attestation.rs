//! Key attestation on the wire: the evidence a phone sends with a key, and what the bank
//! concluded, as the device lists show it (docs/attestation.md). What the evidence binds
//! to is [`crate::attestation`].

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::Base64Bytes;

/// Evidence that a key was made in the phone's hardware, sent with the key. The phone
/// carries it and never judges it: the bank verifies it against its own policy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "format", rename_all = "snake_case", deny_unknown_fields)]
pub enum KeyAttestation {
    /// Android Keystore: the key's certificate chain, generated with the challenge of
    /// [`crate::attestation::key_attestation_challenge`].
    AndroidKeyAttestation {
        /// DER certificates, leaf first, as `KeyStore.getCertificateChain` returns them.
        certificate_chain: Vec<Base64Bytes>,
    },
    /// Apple App Attest: the app instance's attested key, with the client data hash of
    /// [`crate::attestation::app_attest_client_data_hash`] over the registration's bytes.
    AppleAppAttest {
        /// The key id `DCAppAttestService.generateKey` returned (32 bytes).
        key_id: Base64Bytes,
        /// The attestation object `attestKey` returned (CBOR).
        attestation_object: Base64Bytes,
    },
}

/// `POST /v1/biometric-keys/attestation-challenges` (in a session): a fresh nonce to
/// generate an Android K_bio with, before [`super::BiometricKeyRequest`] sends it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttestationChallenge {
    /// 32 random bytes, single use, bound to the session's profile.
    pub nonce: Base64Bytes,
    /// When the bank stops accepting evidence made with it.
    #[serde(with = "super::wire_time::instant")]
    pub expires_at: OffsetDateTime,
}

/// What the bank concluded about a device's keys, shown in the device lists
/// ("hardware-backed key, StrongBox").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum KeyProtection {
    /// Android: the key lives in a StrongBox secure element.
    StrongBox,
    /// Android: the key lives in the trusted execution environment.
    TrustedEnvironment,
    /// Apple: App Attest vouched for this app instance on a genuine device, bound to the
    /// registration's keys (which the Secure Enclave holds).
    AppAttest,
    /// The evidence was valid but says the key is in software.
    Software,
    /// No evidence was checked (an older app, or the bank's policy for this platform is
    /// off or only preferred and none came).
    NotAttested,
    /// A value this version does not know (a newer bank's).
    #[serde(other)]
    Unknown,
}

impl KeyProtection {
    /// The stable code, as on the wire.
    pub fn code(self) -> &'static str {
        match self {
            KeyProtection::StrongBox => "strong_box",
            KeyProtection::TrustedEnvironment => "trusted_environment",
            KeyProtection::AppAttest => "app_attest",
            KeyProtection::Software => "software",
            KeyProtection::NotAttested => "not_attested",
            KeyProtection::Unknown => "unknown",
        }
    }

    /// The protection with this code; a code this version does not know is
    /// [`KeyProtection::Unknown`].
    pub fn from_code(code: &str) -> KeyProtection {
        [
            KeyProtection::StrongBox,
            KeyProtection::TrustedEnvironment,
            KeyProtection::AppAttest,
            KeyProtection::Software,
            KeyProtection::NotAttested,
        ]
        .into_iter()
        .find(|p| p.code() == code)
        .unwrap_or(KeyProtection::Unknown)
    }

    /// What the app's and the online bank's device lists show, in `lang`
    /// ("Laitteistoon suojattu avain, StrongBox"): one text for both.
    pub fn label(self, lang: crate::Language) -> String {
        let id = match self {
            KeyProtection::StrongBox => "client-key-protection-strong-box",
            KeyProtection::TrustedEnvironment => "client-key-protection-trusted-environment",
            KeyProtection::AppAttest => "client-key-protection-app-attest",
            KeyProtection::Software => "client-key-protection-software",
            KeyProtection::NotAttested => "client-key-protection-not-attested",
            KeyProtection::Unknown => "client-key-protection-unknown",
        };
        crate::i18n::text(lang, id)
    }

    /// Whether the key is known to be in the phone's hardware.
    pub fn is_hardware_backed(self) -> bool {
        matches!(
            self,
            KeyProtection::StrongBox | KeyProtection::TrustedEnvironment | KeyProtection::AppAttest
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn evidence_is_written_with_its_format_tag_and_read_strictly() {
        let evidence = KeyAttestation::AndroidKeyAttestation {
            certificate_chain: vec![Base64Bytes(vec![1, 2, 3])],
        };
        let json = serde_json::to_string(&evidence).unwrap();
        assert_eq!(
            json,
            r#"{"format":"android_key_attestation","certificate_chain":["AQID"]}"#
        );
        assert_eq!(
            serde_json::from_str::<KeyAttestation>(&json).unwrap(),
            evidence
        );
        assert!(
            serde_json::from_str::<KeyAttestation>(
                r#"{"format":"android_key_attestation","certificate_chain":[],"extra":1}"#
            )
            .is_err()
        );
        assert!(serde_json::from_str::<KeyAttestation>(r#"{"format":"tpm"}"#).is_err());
    }

    #[test]
    fn an_unknown_protection_is_read_as_unknown() {
        let read: KeyProtection = serde_json::from_str(r#""quantum_vault""#).unwrap();
        assert_eq!(read, KeyProtection::Unknown);
        for p in [
            KeyProtection::StrongBox,
            KeyProtection::TrustedEnvironment,
            KeyProtection::AppAttest,
            KeyProtection::Software,
            KeyProtection::NotAttested,
        ] {
            assert_eq!(
                serde_json::to_string(&p).unwrap(),
                format!("\"{}\"", p.code())
            );
        }
    }
}
