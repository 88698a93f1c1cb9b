//! Signed policies: the bank signs the policy document, the device verifies it against
//! the bank's public keys configured in the app and refuses replays of older policies.
//!
//! Exactly what is signed (the sandbox bank and the real server must do the same):
//!
//! ```text
//! signing input = b"avain-os-policy-v1" || 0x00 || document
//! document      = the policy's JSON bytes, exactly as carried in the envelope
//! signature     = ECDSA P-256 with SHA-256 over the signing input, ASN.1 DER encoded
//!                 (ring: ECDSA_P256_SHA256_ASN1_SIGNING / ECDSA_P256_SHA256_ASN1)
//! ```
//!
//! The envelope is JSON: `{"key_id": "...", "document": base64url, "signature": base64url}`
//! (URL-safe alphabet, no padding). The document travels as opaque bytes so the signature
//! never depends on how a JSON library orders or spaces fields, and the prefix keeps a
//! policy signature from ever being valid for another kind of bank message signed with
//! the same key.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use ring::rand::SecureRandom;
use ring::signature::{self, EcdsaKeyPair, UnparsedPublicKey};
use serde::{Deserialize, Serialize};

use super::document::{OsPolicy, POLICY_FORMAT, PolicyRuleError};
use crate::i18n::{self, Language};

/// The domain-separation prefix of the signing input (followed by one zero byte).
pub const POLICY_SIGNING_DOMAIN: &[u8] = b"avain-os-policy-v1";

/// The bytes the bank signs for `document`: the domain, a zero byte, the document.
pub fn signing_input(document: &[u8]) -> Vec<u8> {
    let mut input = Vec::with_capacity(POLICY_SIGNING_DOMAIN.len() + 1 + document.len());
    input.extend_from_slice(POLICY_SIGNING_DOMAIN);
    input.push(0);
    input.extend_from_slice(document);
    input
}

/// A public key of the bank that may sign policies, as configured in the app.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BankKey {
    id: String,
    public_key: Vec<u8>,
}

impl BankKey {
    /// A P-256 public key in uncompressed SEC1 form (65 bytes starting with 0x04, as
    /// ring's `EcdsaKeyPair::public_key` gives it) under the id the bank names it by.
    pub fn new(id: impl Into<String>, public_key: &[u8]) -> Result<BankKey, PolicyError> {
        if public_key.len() != 65 || public_key[0] != 0x04 {
            return Err(PolicyError::InvalidBankKey);
        }
        Ok(BankKey {
            id: id.into(),
            public_key: public_key.to_vec(),
        })
    }

    /// The key's id.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The uncompressed SEC1 public key.
    pub fn public_key(&self) -> &[u8] {
        &self.public_key
    }
}

/// A policy as the bank sends it: the document bytes, the signature and the signing key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignedPolicy {
    /// Which of the bank's keys signed it.
    pub key_id: String,
    /// The policy's JSON bytes, base64url without padding.
    pub document: String,
    /// The ASN.1 DER ECDSA P-256 SHA-256 signature over [`signing_input`], base64url
    /// without padding.
    pub signature: String,
}

impl SignedPolicy {
    /// Signs `policy` (the bank's side, used by the sandbox bank and the tests). The
    /// random source is an argument so that signing stays free of hidden I/O.
    pub fn sign(
        policy: &OsPolicy,
        key_id: &str,
        key_pair: &EcdsaKeyPair,
        rng: &dyn SecureRandom,
    ) -> Result<SignedPolicy, PolicyError> {
        let document = policy.to_document_bytes();
        let signature = key_pair
            .sign(rng, &signing_input(&document))
            .map_err(|_| PolicyError::SigningFailed)?;
        Ok(SignedPolicy {
            key_id: key_id.to_owned(),
            document: URL_SAFE_NO_PAD.encode(&document),
            signature: URL_SAFE_NO_PAD.encode(signature.as_ref()),
        })
    }

    /// Checks the signature against the configured `keys` and reads the document. Does
    /// not look at the sequence number; see [`SignedPolicy::accept`].
    pub fn verify(&self, keys: &[BankKey]) -> Result<OsPolicy, PolicyError> {
        let document = URL_SAFE_NO_PAD
            .decode(&self.document)
            .map_err(|_| PolicyError::MalformedEnvelope)?;
        let signature = URL_SAFE_NO_PAD
            .decode(&self.signature)
            .map_err(|_| PolicyError::MalformedEnvelope)?;
        SignedPolicy::verify_parts(keys, &self.key_id, &document, &signature)
    }

    /// [`SignedPolicy::verify`] on the envelope's parts already decoded (the local store
    /// keeps them as bytes, and encoding them only to decode them again cost time at
    /// every start).
    pub fn verify_parts(
        keys: &[BankKey],
        key_id: &str,
        document: &[u8],
        signature: &[u8],
    ) -> Result<OsPolicy, PolicyError> {
        let key = keys
            .iter()
            .find(|k| k.id == key_id)
            .ok_or(PolicyError::UnknownKey)?;
        UnparsedPublicKey::new(&signature::ECDSA_P256_SHA256_ASN1, &key.public_key)
            .verify(&signing_input(document), signature)
            .map_err(|_| PolicyError::BadSignature)?;
        // Only now is the document trusted enough to be parsed.
        SignedPolicy::read_verified(document)
    }

    /// Reads a document whose signature was verified: by [`SignedPolicy::verify_parts`],
    /// or earlier, by the local store, which marks what it verified (`store/policy.rs`).
    pub(crate) fn read_verified(document: &[u8]) -> Result<OsPolicy, PolicyError> {
        let policy: OsPolicy =
            serde_json::from_slice(document).map_err(|_| PolicyError::MalformedDocument)?;
        if policy.format != POLICY_FORMAT {
            return Err(PolicyError::UnsupportedFormat {
                format: policy.format,
            });
        }
        policy.validate().map_err(PolicyError::Inconsistent)?;
        Ok(policy)
    }

    /// Verifies the policy and accepts it unless its sequence number is lower than the
    /// last accepted one (`None` when only the built-in policy was ever used). The same
    /// sequence number again is accepted: the bank serves its current policy repeatedly.
    /// The caller stores the accepted envelope and its sequence number.
    pub fn accept(
        &self,
        keys: &[BankKey],
        last_accepted: Option<u64>,
    ) -> Result<OsPolicy, PolicyError> {
        let policy = self.verify(keys)?;
        if let Some(last_accepted) = last_accepted
            && policy.sequence < last_accepted
        {
            return Err(PolicyError::StaleSequence {
                sequence: policy.sequence,
                last_accepted,
            });
        }
        Ok(policy)
    }
}

/// Why a signed policy was refused. In every case the device keeps the policy it had.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PolicyError {
    /// A configured bank key is not an uncompressed P-256 public key.
    #[error("a configured bank key is not an uncompressed P-256 public key")]
    InvalidBankKey,
    /// No configured key has the envelope's key id.
    #[error("the policy is signed with an unknown key")]
    UnknownKey,
    /// The envelope's fields are not base64url.
    #[error("the policy envelope is malformed")]
    MalformedEnvelope,
    /// The signature does not verify.
    #[error("the policy signature does not verify")]
    BadSignature,
    /// The signed document is not a policy.
    #[error("the signed document is not a policy")]
    MalformedDocument,
    /// The document's format is not the one this core reads.
    #[error("the policy format {format} is not supported")]
    UnsupportedFormat {
        /// The document's format number.
        format: u32,
    },
    /// The document contradicts itself.
    #[error("the policy is inconsistent: {0}")]
    Inconsistent(PolicyRuleError),
    /// The policy is older than the last accepted one (a replay).
    #[error("policy sequence {sequence} is lower than the last accepted {last_accepted}")]
    StaleSequence {
        /// The refused policy's sequence number.
        sequence: u64,
        /// The last accepted sequence number.
        last_accepted: u64,
    },
    /// Signing failed (the bank's side).
    #[error("signing the policy failed")]
    SigningFailed,
}

impl PolicyError {
    /// The stable code: `invalid_bank_key`, `unknown_key`, `malformed_envelope`,
    /// `bad_signature`, `malformed_document`, `unsupported_format`, `inconsistent`,
    /// `stale_sequence` or `signing_failed`.
    pub fn code(self) -> &'static str {
        match self {
            PolicyError::InvalidBankKey => "invalid_bank_key",
            PolicyError::UnknownKey => "unknown_key",
            PolicyError::MalformedEnvelope => "malformed_envelope",
            PolicyError::BadSignature => "bad_signature",
            PolicyError::MalformedDocument => "malformed_document",
            PolicyError::UnsupportedFormat { .. } => "unsupported_format",
            PolicyError::Inconsistent(_) => "inconsistent",
            PolicyError::StaleSequence { .. } => "stale_sequence",
            PolicyError::SigningFailed => "signing_failed",
        }
    }

    /// What to tell the customer, in `lang`: the app goes on with the policy it has, so
    /// the message only says that the check could not be updated.
    pub fn message(self, lang: Language) -> String {
        i18n::text(lang, "os-policy-error-not-updated")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ring::rand::SystemRandom;
    use ring::signature::{ECDSA_P256_SHA256_ASN1_SIGNING, KeyPair};

    struct Bank {
        key_pair: EcdsaKeyPair,
        rng: SystemRandom,
    }

    impl Bank {
        fn new() -> Bank {
            let rng = SystemRandom::new();
            let pkcs8 =
                EcdsaKeyPair::generate_pkcs8(&ECDSA_P256_SHA256_ASN1_SIGNING, &rng).unwrap();
            let key_pair =
                EcdsaKeyPair::from_pkcs8(&ECDSA_P256_SHA256_ASN1_SIGNING, pkcs8.as_ref(), &rng)
                    .unwrap();
            Bank { key_pair, rng }
        }

        fn key(&self, id: &str) -> BankKey {
            BankKey::new(id, self.key_pair.public_key().as_ref()).unwrap()
        }

        fn sign(&self, policy: &OsPolicy) -> SignedPolicy {
            SignedPolicy::sign(policy, "bank-1", &self.key_pair, &self.rng).unwrap()
        }
    }

    fn policy(sequence: u64) -> OsPolicy {
        OsPolicy {
            sequence,
            ..OsPolicy::builtin()
        }
    }

    #[test]
    fn a_signed_policy_verifies_and_round_trips_as_json() {
        let bank = Bank::new();
        let signed = bank.sign(&policy(3));
        let json = serde_json::to_string(&signed).unwrap();
        let received: SignedPolicy = serde_json::from_str(&json).unwrap();
        assert_eq!(received.verify(&[bank.key("bank-1")]).unwrap(), policy(3));
    }

    #[test]
    fn the_signature_covers_the_documented_bytes() {
        let bank = Bank::new();
        let signed = bank.sign(&policy(3));
        let document = URL_SAFE_NO_PAD.decode(&signed.document).unwrap();
        let signature = URL_SAFE_NO_PAD.decode(&signed.signature).unwrap();
        let mut input = b"avain-os-policy-v1\0".to_vec();
        input.extend_from_slice(&document);
        let key = bank.key_pair.public_key().as_ref();
        assert!(
            UnparsedPublicKey::new(&signature::ECDSA_P256_SHA256_ASN1, key)
                .verify(&input, &signature)
                .is_ok()
        );
        // Without the domain prefix the same signature is worthless.
        assert!(
            UnparsedPublicKey::new(&signature::ECDSA_P256_SHA256_ASN1, key)
                .verify(&document, &signature)
                .is_err()
        );
    }

    #[test]
    fn tampering_is_refused() {
        let bank = Bank::new();
        let keys = [bank.key("bank-1")];
        let signed = bank.sign(&policy(3));

        let mut document = URL_SAFE_NO_PAD.decode(&signed.document).unwrap();
        let text = String::from_utf8(document.clone()).unwrap();
        document = text.replace("\"13.5\"", "\"12.0\"").into_bytes();
        let forged = SignedPolicy {
            document: URL_SAFE_NO_PAD.encode(&document),
            ..signed.clone()
        };
        assert_eq!(forged.verify(&keys), Err(PolicyError::BadSignature));

        let other_bank = Bank::new();
        assert_eq!(
            signed.verify(&[other_bank.key("bank-1")]),
            Err(PolicyError::BadSignature)
        );
        assert_eq!(
            signed.verify(&[bank.key("bank-2")]),
            Err(PolicyError::UnknownKey)
        );
        let garbled = SignedPolicy {
            signature: "not base64!".into(),
            ..signed
        };
        assert_eq!(garbled.verify(&keys), Err(PolicyError::MalformedEnvelope));
    }

    #[test]
    fn key_rotation_picks_the_named_key() {
        let old = Bank::new();
        let new = Bank::new();
        let keys = [old.key("bank-0"), new.key("bank-1")];
        assert!(new.sign(&policy(1)).verify(&keys).is_ok());
    }

    #[test]
    fn older_policies_are_refused() {
        let bank = Bank::new();
        let keys = [bank.key("bank-1")];
        let signed = bank.sign(&policy(5));
        assert!(signed.accept(&keys, None).is_ok());
        assert!(signed.accept(&keys, Some(5)).is_ok());
        assert!(signed.accept(&keys, Some(4)).is_ok());
        assert_eq!(
            signed.accept(&keys, Some(6)),
            Err(PolicyError::StaleSequence {
                sequence: 5,
                last_accepted: 6
            })
        );
    }

    #[test]
    fn signed_garbage_and_other_formats_are_refused() {
        let bank = Bank::new();
        let keys = [bank.key("bank-1")];
        let sign_bytes = |document: &[u8]| SignedPolicy {
            key_id: "bank-1".into(),
            document: URL_SAFE_NO_PAD.encode(document),
            signature: URL_SAFE_NO_PAD.encode(
                bank.key_pair
                    .sign(&bank.rng, &signing_input(document))
                    .unwrap()
                    .as_ref(),
            ),
        };
        assert_eq!(
            sign_bytes(b"{}").verify(&keys),
            Err(PolicyError::MalformedDocument)
        );
        let v2 = OsPolicy {
            format: 2,
            ..policy(9)
        };
        assert_eq!(
            sign_bytes(&v2.to_document_bytes()).verify(&keys),
            Err(PolicyError::UnsupportedFormat { format: 2 })
        );
    }

    #[test]
    fn bank_keys_must_be_uncompressed_p256() {
        assert_eq!(
            BankKey::new("k", &[4; 33]),
            Err(PolicyError::InvalidBankKey)
        );
        assert_eq!(
            BankKey::new("k", &[2; 65]),
            Err(PolicyError::InvalidBankKey)
        );
        assert_eq!(BankKey::new("k", &[]), Err(PolicyError::InvalidBankKey));
    }

    #[test]
    fn every_error_has_a_message() {
        for lang in Language::ALL {
            assert!(
                !PolicyError::BadSignature
                    .message(lang)
                    .starts_with("os-policy-")
            );
        }
    }
}
