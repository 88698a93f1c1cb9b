//! The one public error of the bindings, [`AvainError`], the error the platform reports
//! through the foreign traits, [`PlatformError`], and the ONE place where the core's
//! detailed module errors become [`AvainError`] (and where it is decided what is logged).
//!
//! Every [`AvainError`] carries a stable snake_case `code` (for analytics, support and
//! tests) and `user_message`, the text to show, already in the user's language. Neither
//! ever contains personal data: codes are fixed strings and messages come from the core's
//! Fluent files with at most non-personal arguments (a field name, a version number).

use avain_core::Language;
use avain_core::client::AvainError as CoreError;
use avain_core::hetu::HetuError;
use avain_core::i18n;
use avain_core::keys::KeyError;
use avain_core::os_policy::GateError;
use avain_core::payments::{
    BarcodeError, DomesticAccountError, IbanError, MoneyError, ReferenceError,
};
use avain_core::pin::PinReason;
use avain_core::secrets::SecretStoreError;

use crate::pin::PinProblem;

/// Why a call into Avain failed, phrased as what the app should do.
///
/// The variants are those of the core's own public error (`avain_core::client::
/// AvainError`), so the `Avain` object and the pure functions fail the same way, plus
/// `Cancelled`. Kotlin sees a sealed class `AvainException` with one subclass per variant;
/// Swift an `enum AvainError: Error` (the shell makes it a `LocalizedError`). Every variant
/// has `code` and `user_message`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, uniffi::Error)]
pub enum AvainError {
    /// What the customer typed, pasted or scanned is not acceptable (a mistyped IBAN,
    /// a damaged barcode, an empty user id). Show `user_message` at the field and let them
    /// correct it; nothing was changed.
    #[error("invalid input: {code}")]
    InvalidInput {
        /// Stable snake_case code, e.g. `iban_bad_checksum`, `wrong_step`.
        code: String,
        /// What to tell the user, in their language.
        user_message: String,
    },
    /// The chosen PIN is too easy to guess: show every reason and ask for another PIN.
    #[error("pin rejected")]
    PinRejected {
        /// `pin_rejected`.
        code: String,
        /// Every reason, in a fixed order, each with its text.
        reasons: Vec<PinProblem>,
        /// All reasons in one text.
        user_message: String,
    },
    /// The PIN (or a code) was wrong; after `attempts_left` more failures the user code is
    /// locked. The message warns when the next failure locks.
    #[error("wrong pin")]
    WrongPin {
        /// `wrong_pin`.
        code: String,
        /// Attempts left, when the bank says.
        attempts_left: Option<u32>,
        /// What to tell the user, with the count.
        user_message: String,
    },
    /// The profile or the user code is locked; `self_service` says whether the customer
    /// can open it in the app (personal identity code, user id, SMS and key-card code:
    /// offer `startUserCodeUnlock`) or must contact the bank. The message says which.
    #[error("locked: {code}")]
    Locked {
        /// `profile_locked`, `user_code_locked`, `user_code_locked_at_bank`, `codes_blocked`.
        code: String,
        /// Whether the self-service unlock opens it.
        self_service: bool,
        /// The next steps, in the user's language.
        user_message: String,
    },
    /// The profile is registered but waits to be unlocked in the online bank: show the
    /// instruction.
    #[error("pending unlock")]
    PendingUnlock {
        /// `profile_pending_unlock`.
        code: String,
        /// The instruction, in the user's language.
        user_message: String,
    },
    /// No session, or it ended (5 minutes without activity): show the login screen.
    #[error("logged out: {code}")]
    LoggedOut {
        /// `not_logged_in`, `session_expired`.
        code: String,
        /// What to tell the user.
        user_message: String,
    },
    /// This profile no longer works on this device (removed remotely, or its keys are
    /// gone): delete it here and offer to register the device again.
    #[error("profile removed: {code}")]
    ProfileRemoved {
        /// `profile_revoked`, `keys_missing`, `profile_unknown`, `key_not_found`.
        code: String,
        /// What to tell the user.
        user_message: String,
    },
    /// The phone's OS or the app is too old or unsupported: the app cannot be used here;
    /// show the message, which names the browser online bank as the fallback.
    #[error("device not supported: {code}")]
    DeviceNotSupported {
        /// `os_not_supported`, `app_update_required`, `unsupported_platform`.
        code: String,
        /// What to tell the user, with what to use instead.
        user_message: String,
    },
    /// Biometrics cannot be used now (cancelled, not recognised, not available, or
    /// switched off because the biometric set changed): offer the PIN.
    #[error("biometrics unavailable: {code}")]
    BiometricsUnavailable {
        /// `key_biometric_refused`, `key_biometric_set_changed`, `key_biometric_unavailable`,
        /// `biometrics_off`, ...
        code: String,
        /// What to tell the user.
        user_message: String,
    },
    /// The bank refused the request for a reason the customer can read (an expired
    /// challenge, a wrong SMS code): show the message.
    #[error("refused: {code}")]
    Refused {
        /// The bank's stable error code, or the core's.
        code: String,
        /// What to tell the user.
        user_message: String,
    },
    /// The bank refused because of too many attempts in a short time: show the message
    /// (it says how long to wait) and do not retry before `retry_after_s` seconds.
    #[error("try later: {code}")]
    TryLater {
        /// `rate_limited`.
        code: String,
        /// Seconds to wait, when the bank said.
        retry_after_s: Option<u32>,
        /// What to tell the user, with the wait.
        user_message: String,
    },
    /// No connection or no answer in time: offer to try again later.
    #[error("network: {code}")]
    Network {
        /// `timeout`, `connect`, `protocol`.
        code: String,
        /// What to tell the user.
        user_message: String,
    },
    /// The server is not the bank (certificate or pinned key mismatch, a forged
    /// challenge): stop; never retry automatically.
    #[error("untrusted: {code}")]
    Untrusted {
        /// `untrusted_server`, `bank_signature_invalid`.
        code: String,
        /// What to tell the user.
        user_message: String,
    },
    /// The app cancelled the call (a Swift task was cancelled, see `Cancellation`).
    /// Nothing to show.
    #[error("cancelled")]
    Cancelled {
        /// `cancelled`.
        code: String,
        /// A short text, should one be wanted.
        user_message: String,
    },
    /// A fault of this device or the app (keystore, storage, configuration, a malformed
    /// value from the shell): show the message; report `code`. Retrying rarely helps.
    #[error("internal: {code}")]
    Internal {
        /// Stable code of the failing part, e.g. `secret_store_platform`.
        code: String,
        /// What to tell the user.
        user_message: String,
    },
}

impl AvainError {
    /// The stable snake_case code of any variant.
    pub fn code(&self) -> &str {
        match self {
            AvainError::InvalidInput { code, .. }
            | AvainError::PinRejected { code, .. }
            | AvainError::WrongPin { code, .. }
            | AvainError::Locked { code, .. }
            | AvainError::PendingUnlock { code, .. }
            | AvainError::LoggedOut { code, .. }
            | AvainError::ProfileRemoved { code, .. }
            | AvainError::DeviceNotSupported { code, .. }
            | AvainError::BiometricsUnavailable { code, .. }
            | AvainError::Refused { code, .. }
            | AvainError::TryLater { code, .. }
            | AvainError::Network { code, .. }
            | AvainError::Untrusted { code, .. }
            | AvainError::Cancelled { code, .. }
            | AvainError::Internal { code, .. } => code,
        }
    }

    /// The localized text of any variant.
    pub fn user_message(&self) -> &str {
        match self {
            AvainError::InvalidInput { user_message, .. }
            | AvainError::PinRejected { user_message, .. }
            | AvainError::WrongPin { user_message, .. }
            | AvainError::Locked { user_message, .. }
            | AvainError::PendingUnlock { user_message, .. }
            | AvainError::LoggedOut { user_message, .. }
            | AvainError::ProfileRemoved { user_message, .. }
            | AvainError::DeviceNotSupported { user_message, .. }
            | AvainError::BiometricsUnavailable { user_message, .. }
            | AvainError::Refused { user_message, .. }
            | AvainError::TryLater { user_message, .. }
            | AvainError::Network { user_message, .. }
            | AvainError::Untrusted { user_message, .. }
            | AvainError::Cancelled { user_message, .. }
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

// ---- The core's errors into the public one: the ONE place ---------------------------

/// Errors that become an [`AvainError`]: the conversions below are the only place that
/// decides the variant, the code and the message of every core error.
pub(crate) trait IntoAvainError {
    /// The public error, with its message in `lang`.
    fn into_avain_error(self, lang: Language) -> AvainError;
}

/// The core's public error, field for field (the one conversion of the `Avain` object's
/// errors).
impl From<CoreError> for AvainError {
    fn from(error: CoreError) -> AvainError {
        let code = error.code().to_owned();
        match error {
            CoreError::InvalidInput { message, .. } => AvainError::InvalidInput {
                code,
                user_message: message,
            },
            CoreError::PinRejected { reasons, message } => AvainError::PinRejected {
                code,
                reasons: reasons
                    .into_iter()
                    .filter_map(|r| {
                        let reason = PinReason::from_code(&r.code);
                        if reason.is_none() {
                            // Both sides are this core's PinReason codes.
                            tracing::error!(target: "avain_ffi", code = %r.code, "unknown PIN reason");
                        }
                        reason.map(|reason| PinProblem {
                            reason,
                            code: r.code,
                            message: r.message,
                        })
                    })
                    .collect(),
                user_message: message,
            },
            CoreError::WrongPin {
                attempts_left,
                message,
            } => AvainError::WrongPin {
                code,
                attempts_left,
                user_message: message,
            },
            CoreError::Locked {
                self_service,
                message,
                ..
            } => AvainError::Locked {
                code,
                self_service,
                user_message: message,
            },
            CoreError::PendingUnlock { message } => AvainError::PendingUnlock {
                code,
                user_message: message,
            },
            CoreError::LoggedOut { message, .. } => AvainError::LoggedOut {
                code,
                user_message: message,
            },
            CoreError::ProfileRemoved { message, .. } => AvainError::ProfileRemoved {
                code,
                user_message: message,
            },
            CoreError::DeviceNotSupported { message, .. } => AvainError::DeviceNotSupported {
                code,
                user_message: message,
            },
            CoreError::BiometricsUnavailable { message, .. } => {
                AvainError::BiometricsUnavailable {
                    code,
                    user_message: message,
                }
            }
            CoreError::Refused { message, .. } => AvainError::Refused {
                code,
                user_message: message,
            },
            CoreError::TryLater {
                retry_after_s,
                message,
            } => AvainError::TryLater {
                code,
                retry_after_s,
                user_message: message,
            },
            CoreError::Network { message, .. } => AvainError::Network {
                code,
                user_message: message,
            },
            CoreError::Untrusted { message, .. } => AvainError::Untrusted {
                code,
                user_message: message,
            },
            CoreError::Internal { message, .. } => AvainError::Internal {
                code,
                user_message: message,
            },
        }
    }
}

impl IntoAvainError for KeyError {
    fn into_avain_error(self, lang: Language) -> AvainError {
        let code = self.code().to_owned();
        let user_message = self.message(lang);
        match self {
            KeyError::Secrets(e) => e.into_avain_error(lang),
            KeyError::BiometricRefused
            | KeyError::BiometricSetChanged
            | KeyError::BiometricUnavailable => {
                AvainError::BiometricsUnavailable { code, user_message }
            }
            KeyError::NotFound => AvainError::ProfileRemoved { code, user_message },
            KeyError::Corrupted
            | KeyError::InvalidKdfParams
            | KeyError::Randomness
            | KeyError::SigningFailed => AvainError::Internal { code, user_message },
        }
    }
}

impl IntoAvainError for SecretStoreError {
    fn into_avain_error(self, lang: Language) -> AvainError {
        tracing::warn!(target: "avain_ffi", code = self.code(), "secret store failure");
        AvainError::Internal {
            code: self.code().to_owned(),
            user_message: self.message(lang),
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

/// The call was cancelled through a `Cancellation` (the Swift task was cancelled).
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
            (KeyError::BiometricRefused, "biometrics_unavailable"),
            (KeyError::BiometricSetChanged, "biometrics_unavailable"),
            (KeyError::BiometricUnavailable, "biometrics_unavailable"),
            (KeyError::NotFound, "profile_removed"),
            (KeyError::Corrupted, "internal"),
            (KeyError::SigningFailed, "internal"),
            (KeyError::Randomness, "internal"),
            (KeyError::Secrets(SecretStoreError::Unavailable), "internal"),
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
            AvainError::BiometricsUnavailable { .. } => "biometrics_unavailable",
            AvainError::ProfileRemoved { .. } => "profile_removed",
            AvainError::Internal { .. } => "internal",
            _ => "other",
        }
    }

    #[test]
    fn the_cores_errors_keep_their_codes_texts_and_details() {
        let core = CoreError::Locked {
            code: "profile_locked".into(),
            self_service: true,
            message: "Lukittu".into(),
        };
        assert_eq!(
            AvainError::from(core),
            AvainError::Locked {
                code: "profile_locked".into(),
                self_service: true,
                user_message: "Lukittu".into()
            }
        );
        let core = CoreError::WrongPin {
            attempts_left: Some(2),
            message: "Väärä PIN".into(),
        };
        assert_eq!(
            AvainError::from(core),
            AvainError::WrongPin {
                code: "wrong_pin".into(),
                attempts_left: Some(2),
                user_message: "Väärä PIN".into()
            }
        );
        let core = CoreError::PinRejected {
            reasons: vec![avain_core::client::PinRejection {
                code: "sequence".into(),
                message: "Helppo sarja".into(),
            }],
            message: "Helppo sarja".into(),
        };
        let AvainError::PinRejected { code, reasons, .. } = AvainError::from(core) else {
            panic!("not PinRejected");
        };
        assert_eq!(code, "pin_rejected");
        assert_eq!(reasons[0].reason, PinReason::Sequence);
        let pending = AvainError::from(CoreError::PendingUnlock {
            message: "Avaa verkkopankissa".into(),
        });
        assert_eq!(pending.code(), "profile_pending_unlock");
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
        assert_eq!(error.to_string(), "cancelled");
        let error = GateError::UnknownPlatform.into_avain_error(Language::En);
        assert_eq!(error.to_string(), "internal: unknown_platform");
    }
}
