//! The error the platform reports through the foreign traits, [`PlatformError`], and
//! its conversions into the core's key and secret store errors.
//!
//! The one public error is the core's: [`AvainError`] with its [`AvainErrorCode`]
//! (`avain_core::error`), re-exported here; the core converts every module error into it
//! in one place and decides what is logged. The bindings add no table of their own.

use avain_core::keys::KeyError;
use avain_core::secrets::SecretStoreError;

pub use avain_core::error::{AvainError, AvainErrorCode, IntoAvainError};

/// What a platform implementation (Keystore, Keychain, biometric prompt) reports when it
/// fails. The shells throw it from their implementations of the foreign traits; the core
/// decides what it means for the user (the shells never write user-facing text).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, uniffi::Error)]
pub enum PlatformError {
    /// The user dismissed the biometric prompt (or the system did, e.g. the screen
    /// turned off).
    #[error("cancelled")]
    Cancelled,
    /// The biometric key was permanently invalidated because fingerprints or faces were
    /// added or removed (Android `KeyPermanentlyInvalidatedException`, iOS
    /// `.biometryCurrentSet`).
    #[error("the biometric set changed")]
    BiometricSetChanged,
    /// Biometrics cannot be used now: none enrolled, no sensor, or locked out.
    #[error("biometrics not available")]
    BiometricsNotAvailable,
    /// The key or item does not exist (deleted, or the app's data was restored onto
    /// another phone).
    #[error("key not found")]
    KeyNotFound,
    /// The keystore cannot be reached now (the phone is locked: iOS
    /// `errSecInteractionNotAllowed`); trying again after an unlock helps.
    #[error("keystore not available")]
    Unavailable,
    /// The keystore or storage failed. `reason` is a short technical description for
    /// logs, such as an exception class name: never a key, a stored value or personal
    /// data.
    #[error("platform failure: {reason}")]
    Failure {
        /// Technical description for logs, without personal data.
        reason: String,
    },
}

/// A foreign implementation threw something that is not a [`PlatformError`] (a bug in
/// the shell). UniFFI hands over the exception's text; only its type name is kept, as
/// the text may contain anything.
impl From<uniffi::UnexpectedUniFFICallbackError> for PlatformError {
    fn from(error: uniffi::UnexpectedUniFFICallbackError) -> Self {
        PlatformError::Failure {
            reason: exception_type_name(&error.reason),
        }
    }
}

/// "java.lang.IllegalStateException: whatever" -> "java.lang.IllegalStateException".
fn exception_type_name(text: &str) -> String {
    let head = text
        .split([':', '(', '\n'])
        .next()
        .unwrap_or_default()
        .trim();
    let is_type_name = !head.is_empty()
        && head.len() <= 120
        && head
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '$'));
    if is_type_name {
        head.to_owned()
    } else {
        "unexpected_foreign_error".to_owned()
    }
}

// ---- The platform's errors into the core's ------------------------------------------

/// A failed secret store call, as the core's secret store error.
pub(crate) fn secret_store_error(error: PlatformError) -> SecretStoreError {
    match error {
        // A store whose items need the device unlocked (or a user-presence check) answers
        // these when it cannot ask now.
        PlatformError::Unavailable
        | PlatformError::Cancelled
        | PlatformError::BiometricsNotAvailable => SecretStoreError::Unavailable,
        // A store item bound to biometrics that were changed is gone for good.
        PlatformError::BiometricSetChanged => SecretStoreError::Corrupted,
        PlatformError::KeyNotFound => SecretStoreError::Platform {
            reason: "key_not_found".to_owned(),
        },
        PlatformError::Failure { reason } => {
            tracing::warn!(target: "avain_ffi", reason = %reason, "secret store failure");
            SecretStoreError::Platform { reason }
        }
    }
}

/// A failed key call (`signing`: while signing, else creating, finding or deleting), as
/// the core's key error.
pub(crate) fn key_error(error: PlatformError, signing: bool) -> KeyError {
    match error {
        PlatformError::Cancelled => KeyError::BiometricRefused,
        PlatformError::BiometricSetChanged => KeyError::BiometricSetChanged,
        PlatformError::BiometricsNotAvailable => KeyError::BiometricUnavailable,
        PlatformError::KeyNotFound => KeyError::NotFound,
        PlatformError::Unavailable => KeyError::Secrets(SecretStoreError::Unavailable),
        PlatformError::Failure { reason } => {
            tracing::warn!(target: "avain_ffi", reason = %reason, signing, "keystore failure");
            if signing {
                KeyError::SigningFailed
            } else {
                KeyError::Secrets(SecretStoreError::Platform { reason })
            }
        }
    }
}

/// A core key error as a platform error, for the core's own implementations of the
/// foreign traits (the software device keys, a test feature).
#[cfg(any(test, feature = "software-keys"))]
pub(crate) fn platform_error(error: KeyError) -> PlatformError {
    match error {
        KeyError::NotFound => PlatformError::KeyNotFound,
        KeyError::BiometricRefused => PlatformError::Cancelled,
        KeyError::BiometricSetChanged => PlatformError::BiometricSetChanged,
        KeyError::BiometricUnavailable => PlatformError::BiometricsNotAvailable,
        KeyError::Secrets(SecretStoreError::Unavailable) => PlatformError::Unavailable,
        other => PlatformError::Failure {
            reason: other.code().to_owned(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unexpected_foreign_errors_keep_only_the_type_name() {
        let error = uniffi::UnexpectedUniFFICallbackError::new(
            "java.lang.IllegalStateException: PIN 1234 for 131052-308T",
        );
        assert_eq!(
            PlatformError::from(error),
            PlatformError::Failure {
                reason: "java.lang.IllegalStateException".into()
            }
        );
        let swift = uniffi::UnexpectedUniFFICallbackError::new("MyError.oops(secret: \"x\")");
        assert_eq!(
            PlatformError::from(swift),
            PlatformError::Failure {
                reason: "MyError.oops".into()
            }
        );
        let prose = uniffi::UnexpectedUniFFICallbackError::new("the PIN was 1234");
        assert_eq!(
            PlatformError::from(prose),
            PlatformError::Failure {
                reason: "unexpected_foreign_error".into()
            }
        );
    }

    #[test]
    fn platform_errors_round_trip_through_the_cores_key_errors() {
        for error in [
            PlatformError::Cancelled,
            PlatformError::BiometricSetChanged,
            PlatformError::BiometricsNotAvailable,
            PlatformError::KeyNotFound,
            PlatformError::Unavailable,
        ] {
            assert_eq!(platform_error(key_error(error.clone(), true)), error);
        }
        assert_eq!(
            key_error(PlatformError::Failure { reason: "X".into() }, true),
            KeyError::SigningFailed
        );
    }
}
