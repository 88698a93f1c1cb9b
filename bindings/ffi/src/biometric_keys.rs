//! K_bio, the inherence key: a platform P-256 key released only after a biometric check
//! and invalidated for good when the phone's biometric set changes. A foreign trait (the
//! shells implement it with BiometricPrompt + Android Keystore and LocalAuthentication +
//! Secure Enclave), and the adapter through which the core uses it as its own
//! [`BiometricKeyFactory`].

use std::sync::Arc;

use avain_core::keys::{
    self as core_keys, BiometricKey, BiometricKeyFactory, KeyError, verify_biometric_signature,
};
use avain_core::{Language, i18n};

use crate::device_keys::{CreatedKey, check_public_key, deleted, opened};
use crate::error::{PlatformError, key_error};

/// The biometric keys of the profiles on this phone, implemented by the shell.
///
/// Android: `setUserAuthenticationRequired(true)` with strong biometrics only,
/// `setInvalidatedByBiometricEnrollment(true)`, signing through a `BiometricPrompt`
/// `CryptoObject`. iOS: a Secure Enclave key with `.biometryCurrentSet`. When the
/// platform reports the key invalidated (`KeyPermanentlyInvalidatedException`, or the
/// item gone after an enrolment change), throw [`PlatformError::BiometricSetChanged`];
/// when the customer cancels, [`PlatformError::Cancelled`].
#[uniffi::export(with_foreign)]
pub trait BiometricKeys: Send + Sync {
    /// Whether the phone has a strong biometric sensor with at least one enrolled finger
    /// or face.
    fn is_available(&self) -> bool;

    /// Makes a new key for `profile_id` bound to the current biometric set, replacing any
    /// old one, and returns its public key (uncompressed SEC1, 65 bytes). With an
    /// `attestation_challenge` (Android, from the bank's biometric key challenge) the key
    /// is generated with `setAttestationChallenge(challenge)` and its certificate chain
    /// returned with it; a platform that cannot attest ignores the challenge and returns
    /// no chain. Changes persisted state.
    fn create(
        &self,
        profile_id: String,
        attestation_challenge: Option<Vec<u8>>,
    ) -> Result<CreatedKey, PlatformError>;

    /// The public key of `profile_id`'s key, or `None` if this device has none.
    fn public_key(&self, profile_id: String) -> Result<Option<Vec<u8>>, PlatformError>;

    /// Shows the system biometric prompt with `prompt` (text from the core, in the
    /// user's language) and, if the customer passes, signs `message` (ECDSA P-256
    /// SHA-256, ASN.1 DER). Blocks the calling thread until the customer answers: the
    /// core calls it from its own threads, never from the main thread, so the shell may
    /// post the prompt to the main thread and wait.
    fn sign(
        &self,
        profile_id: String,
        prompt: String,
        message: Vec<u8>,
    ) -> Result<Vec<u8>, PlatformError>;

    /// Deletes `profile_id`'s key; succeeds if there was none. Changes persisted state.
    fn delete(&self, profile_id: String) -> Result<(), PlatformError>;
}

/// The system biometric prompt's own texts, from the core like every other text.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct BiometricPromptTexts {
    /// The button that closes the prompt so the customer can type the PIN instead
    /// (Android's negative button, iOS's `localizedCancelTitle`).
    pub use_pin_button: String,
}

/// The biometric prompt's button texts in `lang` (the prompt's title comes with each
/// [`BiometricKeys::sign`] call).
#[uniffi::export]
pub fn biometric_prompt_texts(lang: Language) -> BiometricPromptTexts {
    BiometricPromptTexts {
        use_pin_button: i18n::text(lang, "ffi-biometric-use-pin"),
    }
}

/// The shell's [`BiometricKeys`] as the core's [`BiometricKeyFactory`].
pub(crate) struct CoreBiometricKeys {
    platform: Arc<dyn BiometricKeys>,
}

impl CoreBiometricKeys {
    pub(crate) fn new(platform: Arc<dyn BiometricKeys>) -> CoreBiometricKeys {
        CoreBiometricKeys { platform }
    }

    fn handle(
        &self,
        profile_id: &str,
        public_key: Vec<u8>,
    ) -> Result<Arc<dyn BiometricKey>, KeyError> {
        check_public_key(&public_key)?;
        Ok(Arc::new(PlatformBiometricKey {
            platform: Arc::clone(&self.platform),
            profile_id: profile_id.to_owned(),
            public_key,
        }))
    }
}

impl BiometricKeyFactory for CoreBiometricKeys {
    fn is_available(&self) -> bool {
        self.platform.is_available()
    }

    fn create(
        &self,
        profile_id: &str,
        attestation_challenge: Option<&[u8]>,
    ) -> Result<core_keys::CreatedKey<dyn BiometricKey>, KeyError> {
        self.platform
            .create(
                profile_id.to_owned(),
                attestation_challenge.map(<[u8]>::to_vec),
            )
            .map_err(|e| key_error(e, false))?
            .into_core(|public_key| self.handle(profile_id, public_key))
    }

    fn open(&self, profile_id: &str) -> Result<Option<Arc<dyn BiometricKey>>, KeyError> {
        opened(
            self.platform.public_key(profile_id.to_owned()),
            |public_key| self.handle(profile_id, public_key),
        )
    }

    fn delete(&self, profile_id: &str) -> Result<(), KeyError> {
        deleted(self.platform.delete(profile_id.to_owned()))
    }
}

struct PlatformBiometricKey {
    platform: Arc<dyn BiometricKeys>,
    profile_id: String,
    public_key: Vec<u8>,
}

impl BiometricKey for PlatformBiometricKey {
    fn public_key(&self) -> Result<Vec<u8>, KeyError> {
        Ok(self.public_key.clone())
    }

    fn sign(&self, prompt: &str, message: &[u8]) -> Result<Vec<u8>, KeyError> {
        let signature = self
            .platform
            .sign(self.profile_id.clone(), prompt.to_owned(), message.to_vec())
            .map_err(|e| key_error(e, true))?;
        if !verify_biometric_signature(&self.public_key, message, &signature) {
            tracing::error!(target: "avain_ffi", "the platform's biometric signature does not verify");
            return Err(KeyError::SigningFailed);
        }
        Ok(signature)
    }
}

#[cfg(test)]
mod tests {
    use std::collections::VecDeque;
    use std::sync::Mutex;

    use super::*;
    use crate::device_keys::DeviceKeys;
    use crate::secret_store::RustMemoryStore;
    use crate::software_keys::software_device_keys;

    /// A shell whose prompt answers from a script; signing uses a software key.
    struct Scripted {
        keys: Arc<dyn DeviceKeys>,
        answers: Mutex<VecDeque<Option<PlatformError>>>,
        prompts: Mutex<Vec<String>>,
    }

    impl BiometricKeys for Scripted {
        fn is_available(&self) -> bool {
            true
        }
        fn create(
            &self,
            profile_id: String,
            challenge: Option<Vec<u8>>,
        ) -> Result<CreatedKey, PlatformError> {
            self.keys.create(profile_id, challenge)
        }
        fn public_key(&self, profile_id: String) -> Result<Option<Vec<u8>>, PlatformError> {
            self.keys.public_key(profile_id)
        }
        fn sign(
            &self,
            profile_id: String,
            prompt: String,
            message: Vec<u8>,
        ) -> Result<Vec<u8>, PlatformError> {
            self.prompts.lock().unwrap().push(prompt);
            match self.answers.lock().unwrap().pop_front().flatten() {
                Some(error) => Err(error),
                None => self.keys.sign(profile_id, message),
            }
        }
        fn delete(&self, profile_id: String) -> Result<(), PlatformError> {
            self.keys.delete(profile_id)
        }
    }

    #[test]
    fn the_use_pin_button_is_translated() {
        assert_eq!(
            biometric_prompt_texts(Language::Fi).use_pin_button,
            "Käytä PIN-koodia"
        );
        assert_eq!(
            biometric_prompt_texts(Language::Sv).use_pin_button,
            "Använd PIN-kod"
        );
        assert_eq!(
            biometric_prompt_texts(Language::En).use_pin_button,
            "Use PIN"
        );
    }

    #[test]
    fn prompt_outcomes_become_the_cores_biometric_errors() {
        let shell = Arc::new(Scripted {
            keys: software_device_keys(Arc::new(RustMemoryStore(Default::default()))),
            answers: Mutex::new(VecDeque::from([
                None,
                Some(PlatformError::Cancelled),
                Some(PlatformError::BiometricSetChanged),
                Some(PlatformError::BiometricsNotAvailable),
            ])),
            prompts: Mutex::new(Vec::new()),
        });
        let keys = CoreBiometricKeys::new(shell.clone());
        assert!(keys.is_available());
        let key = keys.create("p1", None).unwrap().key;
        let signature = key.sign("Hyväksy maksu", b"bytes").unwrap();
        assert!(verify_biometric_signature(
            &key.public_key().unwrap(),
            b"bytes",
            &signature
        ));
        assert_eq!(key.sign("p", b"x").unwrap_err(), KeyError::BiometricRefused);
        assert_eq!(
            key.sign("p", b"x").unwrap_err(),
            KeyError::BiometricSetChanged
        );
        assert_eq!(
            key.sign("p", b"x").unwrap_err(),
            KeyError::BiometricUnavailable
        );
        assert_eq!(shell.prompts.lock().unwrap()[0], "Hyväksy maksu");
        keys.delete("p1").unwrap();
        assert!(keys.open("p1").unwrap().is_none());
    }
}
