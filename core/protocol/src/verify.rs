//! Checking signatures against public keys: the one assertion verifier the bank calls
//! ([`verify_assertion`]), and the single-signature checks it is built from, which the
//! core also uses on keys it just made.
//!
//! ECDSA signatures (K_dev, K_bio) are ASN.1 DER and accepted with either S (low or high):
//! the phones' keystores do not normalise S, and a re-encoded signature gains an attacker
//! nothing because every challenge is single use. The counter is the bank's state, so
//! [`counter_advances`] is applied by the bank in the transaction that accepts the answer.

use ring::signature::{ECDSA_P256_SHA256_ASN1, ED25519, UnparsedPublicKey};

use crate::api::{Assertion, Factor};
use crate::signed_bytes::{self, Approval, ChallengeContext, SignedBytes, SignedBytesError};

/// Whether `signature` (ASN.1 DER) is K_dev's ECDSA P-256 SHA-256 signature of `message`.
pub fn verify_device_signature(public_key: &[u8], message: &[u8], signature: &[u8]) -> bool {
    UnparsedPublicKey::new(&ECDSA_P256_SHA256_ASN1, public_key)
        .verify(message, signature)
        .is_ok()
}

/// Whether `signature` (64 bytes) is K_pin's Ed25519 signature of `message`.
pub fn verify_pin_signature(public_key: &[u8], message: &[u8], signature: &[u8]) -> bool {
    UnparsedPublicKey::new(&ED25519, public_key)
        .verify(message, signature)
        .is_ok()
}

/// Whether `signature` (ASN.1 DER) is K_bio's ECDSA P-256 SHA-256 signature of `message`.
pub fn verify_biometric_signature(public_key: &[u8], message: &[u8], signature: &[u8]) -> bool {
    verify_device_signature(public_key, message, signature)
}

/// The public keys the bank holds for a profile (from registration and later changes).
#[derive(Debug, Clone, Copy)]
pub struct ProfileKeys<'a> {
    /// K_dev: P-256, SEC1 uncompressed point.
    pub device: &'a [u8],
    /// K_pin: Ed25519, 32 bytes.
    pub pin: &'a [u8],
    /// K_bio: P-256, when biometrics are registered.
    pub biometric: Option<&'a [u8]>,
}

/// The outcome of an answer whose device signature verified: possession is proven, so
/// the second factor's result counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[must_use]
pub enum FactorCheck {
    /// The PIN's or the biometric key's signature verified too.
    Verified,
    /// The second factor's signature did not verify: a wrong PIN (or biometric), which the
    /// bank counts towards the lock.
    Failed,
}

/// Why an answer is refused before the second factor counts: nothing is counted, stored
/// or locked for these.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AssertionError {
    /// The approval's fields cannot be encoded (a bad field in the bank's own record or in
    /// the shown text).
    #[error("the approval cannot be encoded: {0}")]
    Encoding(#[from] SignedBytesError),
    /// K_dev's signature does not verify: possession is not proven. The second factor's
    /// signature is not looked at, so the answer says nothing about the PIN.
    #[error("the device signature does not verify")]
    DeviceSignatureInvalid,
    /// A biometric answer, but no biometric key is registered.
    #[error("no biometric key is registered")]
    NoBiometricKey,
}

/// Checks an answer to a challenge: rebuilds the signed bytes from `context` and `approval`
/// (the bank's own records, never bytes from the device), verifies K_dev's signature
/// first, then the second factor's (K_pin, or K_bio) with `keys`.
pub fn verify_assertion(
    keys: &ProfileKeys<'_>,
    context: &ChallengeContext,
    approval: &Approval,
    assertion: &Assertion,
) -> Result<FactorCheck, AssertionError> {
    let bytes = signed_bytes::encode(context, approval)?;
    verify_signatures(
        keys,
        assertion.factor,
        &bytes,
        assertion.device_signature.as_slice(),
        assertion.factor_signature.as_slice(),
    )
}

/// Verifies the two signatures over `bytes`: K_dev's first (an error when it fails), then
/// the second factor's. Registration uses it with the keys being registered.
pub fn verify_signatures(
    keys: &ProfileKeys<'_>,
    factor: Factor,
    bytes: &SignedBytes,
    device_signature: &[u8],
    factor_signature: &[u8],
) -> Result<FactorCheck, AssertionError> {
    let message = bytes.as_bytes();
    if !verify_device_signature(keys.device, message, device_signature) {
        return Err(AssertionError::DeviceSignatureInvalid);
    }
    let verified = match factor {
        Factor::Pin => verify_pin_signature(keys.pin, message, factor_signature),
        Factor::Biometric => {
            let key = keys.biometric.ok_or(AssertionError::NoBiometricKey)?;
            verify_biometric_signature(key, message, factor_signature)
        }
    };
    Ok(if verified {
        FactorCheck::Verified
    } else {
        FactorCheck::Failed
    })
}

/// Whether a challenge's counter may be accepted after `last_accepted`: it must be
/// strictly greater (a replay or an older challenge is refused).
pub fn counter_advances(challenge_counter: u64, last_accepted: u64) -> bool {
    challenge_counter > last_accepted
}

#[cfg(test)]
mod tests {
    use ring::rand::SystemRandom;
    use ring::signature::{ECDSA_P256_SHA256_ASN1_SIGNING, EcdsaKeyPair, Ed25519KeyPair, KeyPair};

    use super::*;
    use crate::api::Base64Bytes;
    use crate::signed_bytes::LoginChannel;

    fn p256() -> EcdsaKeyPair {
        let rng = SystemRandom::new();
        let pkcs8 = EcdsaKeyPair::generate_pkcs8(&ECDSA_P256_SHA256_ASN1_SIGNING, &rng)
            .expect("a P-256 key");
        EcdsaKeyPair::from_pkcs8(&ECDSA_P256_SHA256_ASN1_SIGNING, pkcs8.as_ref(), &rng)
            .expect("the key parses")
    }

    fn context(counter: u64) -> ChallengeContext {
        ChallengeContext {
            nonce: vec![7; 16],
            profile_id: "prf_1".into(),
            device_id: "dev_1".into(),
            counter,
        }
    }

    fn login() -> Approval {
        Approval::Login {
            channel: LoginChannel::App,
            shown_text: "Kirjaudu".into(),
        }
    }

    struct Phone {
        device: EcdsaKeyPair,
        pin: Ed25519KeyPair,
        bio: EcdsaKeyPair,
    }

    impl Phone {
        fn new() -> Phone {
            Phone {
                device: p256(),
                pin: Ed25519KeyPair::from_seed_unchecked(&[9; 32]).expect("a seed"),
                bio: p256(),
            }
        }

        fn keys(&self, with_bio: bool) -> ProfileKeys<'_> {
            ProfileKeys {
                device: self.device.public_key().as_ref(),
                pin: self.pin.public_key().as_ref(),
                biometric: with_bio.then(|| self.bio.public_key().as_ref()),
            }
        }

        fn answer(
            &self,
            context: &ChallengeContext,
            approval: &Approval,
            factor: Factor,
        ) -> Assertion {
            let rng = SystemRandom::new();
            let bytes = signed_bytes::encode(context, approval).expect("encodes");
            let device = self.device.sign(&rng, bytes.as_bytes()).expect("signs");
            let factor_signature = match factor {
                Factor::Pin => self.pin.sign(bytes.as_bytes()).as_ref().to_vec(),
                Factor::Biometric => self
                    .bio
                    .sign(&rng, bytes.as_bytes())
                    .expect("signs")
                    .as_ref()
                    .to_vec(),
            };
            Assertion {
                challenge_id: "ch_1".into(),
                factor,
                device_signature: Base64Bytes(device.as_ref().to_vec()),
                factor_signature: Base64Bytes(factor_signature),
                shown_text: None,
                app_attest_assertion: None,
            }
        }
    }

    #[test]
    fn both_signatures_over_the_rebuilt_bytes_verify() {
        let phone = Phone::new();
        let pin = phone.answer(&context(1), &login(), Factor::Pin);
        assert_eq!(
            verify_assertion(&phone.keys(false), &context(1), &login(), &pin),
            Ok(FactorCheck::Verified)
        );
        let bio = phone.answer(&context(1), &login(), Factor::Biometric);
        assert_eq!(
            verify_assertion(&phone.keys(true), &context(1), &login(), &bio),
            Ok(FactorCheck::Verified)
        );
    }

    #[test]
    fn a_bad_device_signature_is_refused_before_the_factor_is_looked_at() {
        let phone = Phone::new();
        let mut answer = phone.answer(&context(1), &login(), Factor::Pin);
        answer.device_signature.0[10] ^= 1;
        answer.factor_signature.0[0] ^= 1;
        assert_eq!(
            verify_assertion(&phone.keys(false), &context(1), &login(), &answer),
            Err(AssertionError::DeviceSignatureInvalid)
        );
        // Bytes the bank rebuilt differently (another counter) fail the same way.
        let answer = phone.answer(&context(1), &login(), Factor::Pin);
        assert_eq!(
            verify_assertion(&phone.keys(false), &context(2), &login(), &answer),
            Err(AssertionError::DeviceSignatureInvalid)
        );
    }

    #[test]
    fn a_wrong_second_factor_is_a_counted_failure() {
        let phone = Phone::new();
        let mut answer = phone.answer(&context(1), &login(), Factor::Pin);
        let wrong_pin = Ed25519KeyPair::from_seed_unchecked(&[8; 32]).expect("a seed");
        let bytes = signed_bytes::encode(&context(1), &login()).expect("encodes");
        answer.factor_signature = Base64Bytes(wrong_pin.sign(bytes.as_bytes()).as_ref().to_vec());
        assert_eq!(
            verify_assertion(&phone.keys(false), &context(1), &login(), &answer),
            Ok(FactorCheck::Failed)
        );
        // A biometric signature presented as the PIN's is a wrong PIN.
        let mut bio = phone.answer(&context(1), &login(), Factor::Biometric);
        bio.factor = Factor::Pin;
        assert_eq!(
            verify_assertion(&phone.keys(true), &context(1), &login(), &bio),
            Ok(FactorCheck::Failed)
        );
    }

    #[test]
    fn a_biometric_answer_needs_a_registered_biometric_key() {
        let phone = Phone::new();
        let answer = phone.answer(&context(1), &login(), Factor::Biometric);
        assert_eq!(
            verify_assertion(&phone.keys(false), &context(1), &login(), &answer),
            Err(AssertionError::NoBiometricKey)
        );
    }

    #[test]
    fn garbage_keys_and_signatures_never_verify() {
        let phone = Phone::new();
        let answer = phone.answer(&context(1), &login(), Factor::Pin);
        let keys = ProfileKeys {
            device: &[4; 65],
            pin: &[],
            biometric: None,
        };
        assert_eq!(
            verify_assertion(&keys, &context(1), &login(), &answer),
            Err(AssertionError::DeviceSignatureInvalid)
        );
        let mut empty = answer;
        empty.device_signature = Base64Bytes(Vec::new());
        assert_eq!(
            verify_assertion(&phone.keys(false), &context(1), &login(), &empty),
            Err(AssertionError::DeviceSignatureInvalid)
        );
    }

    #[test]
    fn counters_must_strictly_increase() {
        assert!(counter_advances(1, 0));
        assert!(counter_advances(u64::MAX, u64::MAX - 1));
        assert!(!counter_advances(5, 5));
        assert!(!counter_advances(4, 5));
        assert!(!counter_advances(0, 0));
    }
}
