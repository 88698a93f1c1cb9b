//! Why the secret store could not do what was asked. No error carries a secret's value.

use crate::i18n::{self, Language};

/// A secret store failure.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SecretStoreError {
    /// The name is not of the allowed form (a programming error).
    #[error("secret store: invalid secret name")]
    InvalidName,
    /// The platform keystore cannot be reached now (locked device, no session keyring).
    /// The app should ask the customer to unlock the device and try again.
    #[error("secret store: the keystore is not available")]
    Unavailable,
    /// A stored value has the wrong form: the keystore was tampered with or damaged.
    #[error("secret store: a stored value is damaged")]
    Corrupted,
    /// The platform keystore failed; `reason` says how, without any value.
    #[error("secret store: the keystore failed: {reason}")]
    Platform {
        /// The platform's reason, free of secret values.
        reason: String,
    },
}

impl SecretStoreError {
    /// The stable snake_case code.
    pub fn code(&self) -> &'static str {
        match self {
            SecretStoreError::InvalidName => "secret_store_invalid_name",
            SecretStoreError::Unavailable => "secret_store_unavailable",
            SecretStoreError::Corrupted => "secret_store_corrupted",
            SecretStoreError::Platform { .. } => "secret_store_platform",
        }
    }

    /// The message in `lang`.
    pub fn message(&self, lang: Language) -> String {
        i18n::text(lang, &self.code().replace('_', "-"))
    }
}
