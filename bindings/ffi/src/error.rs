//! The one public error of the bindings, [`AvainError`], the error the platform reports
//! through the foreign traits, [`PlatformError`], and the ONE place where the core's
//! detailed module errors become [`AvainError`] (and where it is decided what is logged).
//!
//! Every [`AvainError`] carries a stable snake_case `code` (for analytics, support and
//! tests) and `user_message`, the text to show, already in the user's language. Neither
//! ever contains personal data: codes are fixed strings and messages come from the core's
//! Fluent files with at most non-personal arguments (a field name, a version number).

use avain_core::Language;
use avain_core::hetu::HetuError;
use avain_core::i18n;
use avain_core::keys::KeyError;
use avain_core::os_policy::GateError;
use avain_core::payments::{
    BarcodeError, DomesticAccountError, IbanError, MoneyError, ReferenceError,
};
use avain_core::secrets::SecretStoreError;

/// Why a call into Avain failed, phrased as what the app should do.
///
/// Kotlin sees a sealed class `AvainException` with one subclass per variant; Swift an
/// `enum AvainError: Error`. The shells add the idiomatic finishing touches (Swift's
/// `LocalizedError`, Kotlin's `userMessage`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, uniffi::Error)]
pub enum AvainError {
    /// What the user typed, pasted or scanned is not acceptable (a mistyped IBAN or
    /// reference, a damaged barcode, an unreadable amount). Show `user_message` next to
    /// the field and let the user correct it; nothing was changed.
    #[error("invalid input: {code}")]
    InvalidInput {
        /// Stable snake_case code, prefixed by what was read, e.g. `iban_bad_checksum`.
        code: String,
        /// What to tell the user, in their language.
        user_message: String,
    },
    /// Biometric identification cannot be used now. Ask for the PIN instead. `code`
    /// `key_biometric_set_changed` means fingerprints or faces were added or removed: the
    /// biometric key is gone for good and biometrics are switched off for the profile
    /// (offer to switch them on again after a PIN login); `key_biometric_unavailable`
    /// means none are enrolled, the sensor is missing, or it is locked out for now.
    #[error("biometrics unavailable: {code}")]
    BiometricsUnavailable {
        /// `key_biometric_set_changed` or `key_biometric_unavailable`.
        code: String,
        /// What to tell the user, in their language.
        user_message: String,
    },
    /// The user cancelled (closed the biometric prompt: `key_biometric_refused`, which also
    /// covers a face or finger not recognised), or the app cancelled the operation
    /// (`cancelled`). Return to where the user was; offer the PIN after a refused
    /// biometric check; showing `user_message` is optional.
    #[error("cancelled by the user")]
    Cancelled {
        /// `key_biometric_refused` or `cancelled`.
        code: String,
        /// What to tell the user, in their language.
        user_message: String,
    },
    /// This device's key for the profile no longer exists (the app's data was restored
    /// onto another phone, or the keystore was reset). The profile cannot be used here:
    /// show `user_message`, offer to delete it from this device and register again.
    #[error("device key lost: {code}")]
    DeviceKeyLost {
        /// `key_not_found`, `key_corrupted`, `secret_store_corrupted`, ...
        code: String,
        /// What to tell the user, in their language.
        user_message: String,
    },
    /// The phone's keystore or secure storage failed or is locked. Show `user_message`
    /// (unlock the phone, try again) and let the user retry; nothing was changed.
    #[error("device failure: {code}")]
    DeviceFailure {
        /// `secret_store_unavailable`, `secret_store_platform`, `key_signing_failed`, ...
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
/// foreign traits (the software device keys).
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

// ---- The core's errors into the public one: the ONE place ---------------------------

/// Errors that become an [`AvainError`]: the conversions below are the only place that
/// decides the variant, the code and the message of every core error.
pub(crate) trait IntoAvainError {
    /// The public error, with its message in `lang`.
    fn into_avain_error(self, lang: Language) -> AvainError;
}

impl IntoAvainError for KeyError {
    fn into_avain_error(self, lang: Language) -> AvainError {
        let code = self.code().to_owned();
        let user_message = self.message(lang);
        match self {
            KeyError::Secrets(e) => e.into_avain_error(lang),
            KeyError::BiometricRefused => AvainError::Cancelled { code, user_message },
            KeyError::BiometricSetChanged | KeyError::BiometricUnavailable => {
                AvainError::BiometricsUnavailable { code, user_message }
            }
            KeyError::NotFound | KeyError::Corrupted | KeyError::InvalidKdfParams => {
                AvainError::DeviceKeyLost { code, user_message }
            }
            KeyError::Randomness | KeyError::SigningFailed => {
                AvainError::DeviceFailure { code, user_message }
            }
        }
    }
}

impl IntoAvainError for SecretStoreError {
    fn into_avain_error(self, lang: Language) -> AvainError {
        let code = self.code().to_owned();
        let user_message = self.message(lang);
        match self {
            SecretStoreError::InvalidName => {
                tracing::error!(target: "avain_ffi", code = %code, "secret store misuse");
                AvainError::Internal { code, user_message }
            }
            SecretStoreError::Corrupted => AvainError::DeviceKeyLost { code, user_message },
            SecretStoreError::Unavailable | SecretStoreError::Platform { .. } => {
                AvainError::DeviceFailure { code, user_message }
            }
        }
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

/// The parsers' errors: what the user typed. Their codes are only unique within one
/// parser ("length" is both a HETU and a PIN code), so the public code is prefixed with
/// what was read: `iban_bad_checksum`, `money_too_large`, `hetu_check_character`.
macro_rules! invalid_input {
    ($($error:ty => $prefix:literal),* $(,)?) => {$(
        impl IntoAvainError for $error {
            fn into_avain_error(self, lang: Language) -> AvainError {
                AvainError::InvalidInput {
                    code: format!(concat!($prefix, "_{}"), self.code()),
                    user_message: self.message(lang),
                }
            }
        }
    )*};
}

invalid_input! {
    HetuError => "hetu",
    IbanError => "iban",
    DomesticAccountError => "account",
    ReferenceError => "reference",
    BarcodeError => "barcode",
    MoneyError => "money",
}

/// The operation was cancelled through a `Cancellation` (the Swift task was cancelled,
/// the app gave up).
pub(crate) fn cancelled(lang: Language) -> AvainError {
    AvainError::Cancelled {
        code: "cancelled".to_owned(),
        user_message: i18n::text(lang, "ffi-cancelled"),
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
    fn key_errors_map_to_actions_with_the_cores_codes_and_messages() {
        let cases = [
            (KeyError::BiometricRefused, "cancelled"),
            (KeyError::BiometricSetChanged, "biometrics_unavailable"),
            (KeyError::BiometricUnavailable, "biometrics_unavailable"),
            (KeyError::NotFound, "device_key_lost"),
            (KeyError::Corrupted, "device_key_lost"),
            (KeyError::SigningFailed, "device_failure"),
            (KeyError::Randomness, "device_failure"),
            (
                KeyError::Secrets(SecretStoreError::Unavailable),
                "device_failure",
            ),
            (KeyError::Secrets(SecretStoreError::InvalidName), "internal"),
        ];
        for (error, variant) in cases {
            for lang in Language::ALL {
                let public = error.clone().into_avain_error(lang);
                assert_eq!(variant_name(&public), variant, "{error:?}");
                assert_eq!(public.code(), error.code());
                assert_eq!(public.user_message(), error.message(lang));
            }
        }
    }

    fn variant_name(error: &AvainError) -> &'static str {
        match error {
            AvainError::InvalidInput { .. } => "invalid_input",
            AvainError::BiometricsUnavailable { .. } => "biometrics_unavailable",
            AvainError::Cancelled { .. } => "cancelled",
            AvainError::DeviceKeyLost { .. } => "device_key_lost",
            AvainError::DeviceFailure { .. } => "device_failure",
            AvainError::Internal { .. } => "internal",
        }
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

    #[test]
    fn payment_codes_name_their_parser() {
        let error = MoneyError::TooLarge.into_avain_error(Language::Fi);
        assert_eq!(error.code(), "money_too_large");
        assert_eq!(
            error.user_message(),
            MoneyError::TooLarge.message(Language::Fi)
        );
        let error = BarcodeError::BadLength.into_avain_error(Language::Sv);
        assert_eq!(error.code(), "barcode_bad_length");
    }

    #[test]
    fn the_display_text_carries_only_the_code() {
        let error = cancelled(Language::En);
        assert_eq!(error.to_string(), "cancelled by the user");
        let error = GateError::UnknownPlatform.into_avain_error(Language::En);
        assert_eq!(error.to_string(), "internal error: unknown_platform");
    }
}
