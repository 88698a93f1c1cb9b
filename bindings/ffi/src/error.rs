//! The one public error of the bindings, [`AvainError`], the error the platform reports
//! through the foreign traits, [`PlatformError`], and the ONE place where the core's
//! detailed module errors become [`AvainError`] (and where it is decided what is logged).
//!
//! Every [`AvainError`] carries a stable snake_case `code` (for analytics, support and
//! tests) and `user_message`, the text to show, already in the user's language. Neither
//! ever contains personal data: codes are fixed strings and messages come from the core's
//! Fluent files with at most non-personal arguments (a field name, a version number).

use avain_core::Language;
use avain_core::i18n;
use avain_core::os_policy::GateError;

/// Why a call into Avain failed, phrased as what the app should do.
///
/// Kotlin sees a sealed class `AvainException` with one subclass per variant; Swift an
/// `enum AvainError: Error`. The shells add the idiomatic finishing touches (Swift's
/// `LocalizedError`, Kotlin's `userMessage`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, uniffi::Error)]
pub enum AvainError {
    /// What the user typed, pasted or scanned is not acceptable (a mistyped IBAN or
    /// reference, a damaged barcode, an invalid identity code). Show `user_message` next
    /// to the field and let the user correct it; nothing was changed.
    #[error("invalid input: {code}")]
    InvalidInput {
        /// Stable snake_case code, e.g. `iban_checksum`.
        code: String,
        /// What to tell the user, in their language.
        user_message: String,
    },
    /// Biometric identification cannot be used now. Ask for the PIN instead. `code`
    /// `biometric_set_changed` means fingerprints or faces were added or removed: the
    /// biometric key is gone for good and biometrics were switched off for the profile
    /// (offer to switch them on again after a PIN login); `biometrics_not_available`
    /// means none are enrolled, the sensor is missing, or it is locked out for now.
    #[error("biometrics unavailable: {code}")]
    BiometricsUnavailable {
        /// `biometric_set_changed` or `biometrics_not_available`.
        code: String,
        /// What to tell the user, in their language.
        user_message: String,
    },
    /// The user cancelled (closed the biometric prompt). Return to where they were;
    /// showing `user_message` is optional.
    #[error("cancelled by the user")]
    Cancelled {
        /// `cancelled`.
        code: String,
        /// What to tell the user, in their language.
        user_message: String,
    },
    /// This device's key for the profile no longer exists (the app's data was restored
    /// onto another phone, or the keystore was reset). The profile cannot be used here:
    /// show `user_message`, offer to delete it from this device and register again.
    #[error("device key lost: {code}")]
    DeviceKeyLost {
        /// `device_key_lost`.
        code: String,
        /// What to tell the user, in their language.
        user_message: String,
    },
    /// The phone's keystore or secure storage failed. Show `user_message` and let the
    /// user try again; nothing was changed.
    #[error("device failure: {code}")]
    DeviceFailure {
        /// `device_failure`.
        code: String,
        /// What to tell the user, in their language.
        user_message: String,
    },
    /// A defect in Avain or in the shell (for example a malformed OS version string from
    /// the shell). Show `user_message`; report `code` to the developers. Retrying the
    /// same call will not help.
    #[error("internal error: {code}")]
    Internal {
        /// Stable snake_case code naming the defect, e.g. `invalid_os_version`.
        code: String,
        /// What to tell the user, in their language.
        user_message: String,
    },
}

impl AvainError {
    /// The stable snake_case code of any variant.
    pub fn code(&self) -> &str {
        match self {
            AvainError::InvalidInput { code, .. }
            | AvainError::BiometricsUnavailable { code, .. }
            | AvainError::Cancelled { code, .. }
            | AvainError::DeviceKeyLost { code, .. }
            | AvainError::DeviceFailure { code, .. }
            | AvainError::Internal { code, .. } => code,
        }
    }

    /// The localized text of any variant.
    pub fn user_message(&self) -> &str {
        match self {
            AvainError::InvalidInput { user_message, .. }
            | AvainError::BiometricsUnavailable { user_message, .. }
            | AvainError::Cancelled { user_message, .. }
            | AvainError::DeviceKeyLost { user_message, .. }
            | AvainError::DeviceFailure { user_message, .. }
            | AvainError::Internal { user_message, .. } => user_message,
        }
    }
}

/// What a platform implementation (Keystore, Keychain, biometric prompt) reports when it
/// fails. The shells throw it from their implementations of the foreign traits; the core
/// decides what it means for the user (they never write user-facing text themselves).
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
    /// The key does not exist (deleted, or the app's data was restored onto another
    /// phone).
    #[error("key not found")]
    KeyNotFound,
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
    let head = text.split([':', '(', '\n']).next().unwrap_or_default().trim();
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

/// Errors that become an [`AvainError`]: the conversions below are the only place that
/// decides the variant, the code and the message of every core error.
pub(crate) trait IntoAvainError {
    /// The public error, with its message in `lang`.
    fn into_avain_error(self, lang: Language) -> AvainError;
}

impl IntoAvainError for PlatformError {
    fn into_avain_error(self, lang: Language) -> AvainError {
        let (variant, code, id): (fn(String, String) -> AvainError, _, _) = match &self {
            PlatformError::Cancelled => (cancelled, "cancelled", "ffi-cancelled"),
            PlatformError::BiometricSetChanged => (
                biometrics_unavailable,
                "biometric_set_changed",
                "ffi-biometric-set-changed",
            ),
            PlatformError::BiometricsNotAvailable => (
                biometrics_unavailable,
                "biometrics_not_available",
                "ffi-biometrics-not-available",
            ),
            PlatformError::KeyNotFound => {
                (device_key_lost, "device_key_lost", "ffi-device-key-lost")
            }
            PlatformError::Failure { reason } => {
                // The reason helps support; it never reaches the user.
                tracing::warn!(target: "avain_ffi", reason = %reason, "platform failure");
                (device_failure, "device_failure", "ffi-device-failure")
            }
        };
        variant(code.to_owned(), i18n::text(lang, id))
    }
}

impl IntoAvainError for GateError {
    fn into_avain_error(self, lang: Language) -> AvainError {
        // The shell supplies these values; a malformed one is the shell's defect.
        tracing::error!(target: "avain_ffi", code = self.code(), "the shell passed an unreadable version");
        AvainError::Internal {
            code: self.code().to_owned(),
            user_message: self.message(lang),
        }
    }
}

fn cancelled(code: String, user_message: String) -> AvainError {
    AvainError::Cancelled { code, user_message }
}

fn biometrics_unavailable(code: String, user_message: String) -> AvainError {
    AvainError::BiometricsUnavailable { code, user_message }
}

fn device_key_lost(code: String, user_message: String) -> AvainError {
    AvainError::DeviceKeyLost { code, user_message }
}

fn device_failure(code: String, user_message: String) -> AvainError {
    AvainError::DeviceFailure { code, user_message }
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
    fn platform_errors_map_to_actions_with_messages_in_every_language() {
        let cases = [
            (PlatformError::Cancelled, "cancelled"),
            (PlatformError::BiometricSetChanged, "biometric_set_changed"),
            (PlatformError::BiometricsNotAvailable, "biometrics_not_available"),
            (PlatformError::KeyNotFound, "device_key_lost"),
            (
                PlatformError::Failure {
                    reason: "KeyStoreException".into(),
                },
                "device_failure",
            ),
        ];
        for (error, code) in cases {
            let mut messages = Vec::new();
            for lang in Language::ALL {
                let public = error.clone().into_avain_error(lang);
                assert_eq!(public.code(), code);
                assert!(!public.user_message().starts_with("ffi-"), "{code}: no text");
                messages.push(public.user_message().to_owned());
            }
            messages.dedup();
            assert_eq!(messages.len(), 3, "{code}: same text in two languages");
        }
        assert!(matches!(
            PlatformError::BiometricSetChanged.into_avain_error(Language::Fi),
            AvainError::BiometricsUnavailable { .. }
        ));
        assert!(matches!(
            PlatformError::KeyNotFound.into_avain_error(Language::Fi),
            AvainError::DeviceKeyLost { .. }
        ));
    }

    #[test]
    fn the_display_text_carries_only_the_code() {
        let error = PlatformError::Cancelled.into_avain_error(Language::En);
        assert_eq!(error.to_string(), "cancelled by the user");
        let error = GateError::UnknownPlatform.into_avain_error(Language::En);
        assert_eq!(error.to_string(), "internal error: unknown_platform");
    }
}
