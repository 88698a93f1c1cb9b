//! Why a key could not be made, found or used. No error carries key material or a PIN.

use crate::i18n::{self, Language};
use crate::random::RandomnessError;
use crate::secrets::SecretStoreError;

/// A key operation failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeyError {
    /// The secret store failed.
    #[error(transparent)]
    Secrets(#[from] SecretStoreError),
    /// The system random number generator failed; try again.
    #[error("keys: the random number generator failed")]
    Randomness,
    /// The profile has no such key on this device (deleted, or never made). The profile
    /// must be registered again.
    #[error("keys: the key does not exist on this device")]
    NotFound,
    /// Stored key material cannot be used: the keystore was damaged or tampered with.
    #[error("keys: the stored key is damaged")]
    Corrupted,
    /// The platform refused to sign for a reason of its own.
    #[error("keys: signing failed")]
    SigningFailed,
    /// A PIN KDF iteration count of zero (a programming or storage error).
    #[error("keys: invalid PIN key parameters")]
    InvalidKdfParams,
    /// The customer cancelled the biometric prompt or was not recognised; the PIN works.
    #[error("keys: biometric check refused")]
    BiometricRefused,
    /// The device's biometric set changed (a fingerprint or face was added or removed), so
    /// the platform invalidated K_bio. Biometrics must be switched off; the PIN works.
    #[error("keys: the biometric set changed")]
    BiometricSetChanged,
    /// The device has no biometrics enrolled or no sensor.
    #[error("keys: biometrics are not available")]
    BiometricUnavailable,
}

impl From<RandomnessError> for KeyError {
    fn from(_: RandomnessError) -> KeyError {
        KeyError::Randomness
    }
}

impl KeyError {
    /// The stable snake_case code.
    pub fn code(&self) -> &'static str {
        match self {
            KeyError::Secrets(e) => e.code(),
            KeyError::Randomness => "key_randomness",
            KeyError::NotFound => "key_not_found",
            KeyError::Corrupted => "key_corrupted",
            KeyError::SigningFailed => "key_signing_failed",
            KeyError::InvalidKdfParams => "key_invalid_kdf_params",
            KeyError::BiometricRefused => "key_biometric_refused",
            KeyError::BiometricSetChanged => "key_biometric_set_changed",
            KeyError::BiometricUnavailable => "key_biometric_unavailable",
        }
    }

    /// The message in `lang`.
    pub fn message(&self, lang: Language) -> String {
        match self {
            KeyError::Secrets(e) => e.message(lang),
            other => i18n::text(lang, &other.code().replace('_', "-")),
        }
    }
}
