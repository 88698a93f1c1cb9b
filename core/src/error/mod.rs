//! The one public error of Avain, [`AvainError`], and its codes, [`AvainErrorCode`].
//!
//! | file | holds |
//! |---|---|
//! | `code.rs` | [`AvainErrorCode`], every stable code, and the golden list `codes.txt` |
//! | `build.rs` | the constructors the flows use, and the refusal reasons of a PIN and a password |
//! | `convert.rs` | the ONE place every module error (network, keys, store, secrets, the bank's codes, the parsers) becomes an [`AvainError`], and where it is decided what is logged: codes only |
//!
//! The `Avain` object, the FFI's pure functions and the shells all see this error: Kotlin
//! a sealed class `AvainException` with one subclass per variant, Swift an
//! `enum AvainError: Error`. Every variant carries `code` (an [`AvainErrorCode`]) and
//! `user_message`, the text to show, already in the customer's language. Neither ever
//! contains personal data: codes are enum values and messages come from the Fluent files
//! with at most non-personal arguments (a count, a field name).

mod build;
mod code;
mod convert;
#[cfg(test)]
mod tests;

pub(crate) use build::pin_rejections;
pub use build::{PasswordRejection, PinRejection};
pub use code::AvainErrorCode;
pub use convert::IntoAvainError;

/// What went wrong, phrased as what the app should do. `Display` is the localized
/// message; no variant carries a PIN, password, HETU, IBAN, code, key or token.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Error))]
pub enum AvainError {
    /// What the customer typed, pasted or scanned is not acceptable (a mistyped IBAN, a
    /// damaged barcode, an empty user id): show the message at the field and let them
    /// correct it; nothing was changed.
    #[error("{user_message}")]
    InvalidInput {
        /// What is wrong, e.g. `IbanBadChecksum`, `WrongStep`.
        code: AvainErrorCode,
        /// The localized explanation.
        user_message: String,
    },
    /// The chosen PIN is too easy to guess: show every reason and ask for another.
    #[error("{user_message}")]
    PinRejected {
        /// Always [`AvainErrorCode::PinRejected`].
        code: AvainErrorCode,
        /// Every reason, in a fixed order, each with its text.
        reasons: Vec<PinRejection>,
        /// All reasons in one localized text.
        user_message: String,
    },
    /// The PIN (or a code) was wrong; `attempts_left` more failures lock the user code.
    /// When it is 1 the message warns that the next failure locks.
    #[error("{user_message}")]
    WrongPin {
        /// Always [`AvainErrorCode::WrongPin`].
        code: AvainErrorCode,
        /// Attempts left, when the bank says.
        attempts_left: Option<u32>,
        /// The localized text with the count.
        user_message: String,
    },
    /// The profile or the user code is locked. `self_service` tells whether the customer
    /// can open it themselves in the app (HETU, user id, SMS and key-card code: offer the
    /// user-code unlock) or must go elsewhere (the online bank's device page for a profile
    /// they locked there, else the bank); the message says which.
    #[error("{user_message}")]
    Locked {
        /// `ProfileLocked`, `ProfileLockedByCustomer`, `UserCodeLockedAtBank` or
        /// `CodesBlocked`.
        code: AvainErrorCode,
        /// Whether a self-service unlock opens it.
        self_service: bool,
        /// The localized next steps.
        user_message: String,
    },
    /// The profile is registered but waits to be unlocked in the online bank.
    #[error("{user_message}")]
    PendingUnlock {
        /// Always [`AvainErrorCode::ProfilePendingUnlock`].
        code: AvainErrorCode,
        /// The localized instruction.
        user_message: String,
    },
    /// No session, or it ended (5 minutes without activity): show the login screen.
    #[error("{user_message}")]
    LoggedOut {
        /// `NotLoggedIn`, `SessionExpired` or `Unauthorized`.
        code: AvainErrorCode,
        /// The localized text.
        user_message: String,
    },
    /// This profile no longer works on this device (removed remotely, or its keys are
    /// gone): delete it here and offer to register the device again.
    #[error("{user_message}")]
    ProfileRemoved {
        /// `ProfileRevoked`, `KeysMissing` or `ProfileUnknown`.
        code: AvainErrorCode,
        /// The localized text.
        user_message: String,
    },
    /// The phone's OS or the app is too old or unsupported: the app cannot be used here;
    /// show the message, which names the browser online bank as the fallback.
    #[error("{user_message}")]
    DeviceNotSupported {
        /// `OsNotSupported`, `AppUpdateRequired`, `UnsupportedPlatform`, `OsTooOld`,
        /// `AppTooOld` or `CannotInstall`.
        code: AvainErrorCode,
        /// The localized text, with what to use instead.
        user_message: String,
    },
    /// The phone has no secure screen lock (PIN, pattern, password or passcode), which
    /// registration, biometrics, logins and approvals need: show the message and offer to
    /// open the phone's security settings (Android `Settings.ACTION_SECURITY_SETTINGS`,
    /// iOS the Settings app); try again once the lock is on. Nothing was sent or changed.
    #[error("{user_message}")]
    ScreenLockRequired {
        /// Always [`AvainErrorCode::ScreenLockRequired`].
        code: AvainErrorCode,
        /// The localized advice: turn the screen lock on in the phone's settings.
        user_message: String,
    },
    /// Biometrics cannot be used now (cancelled, not recognised, not available, or
    /// switched off because the biometric set changed): offer the PIN.
    #[error("{user_message}")]
    BiometricsUnavailable {
        /// `KeyBiometricRefused`, `KeyBiometricSetChanged`, `KeyBiometricUnavailable`,
        /// `BiometricsOff`.
        code: AvainErrorCode,
        /// The localized text.
        user_message: String,
    },
    /// The bank (or the phone's check of the bank's answer) refused the request for a
    /// reason the customer can read (an expired challenge, a meeting not open yet): show
    /// the message.
    #[error("{user_message}")]
    Refused {
        /// The bank's code, or the flow's own (`AppLoginExpired`...); `BankCodeUnknown`
        /// for a code this version does not know.
        code: AvainErrorCode,
        /// The localized text.
        user_message: String,
    },
    /// The bank refused because of too many attempts in a short time (HTTP 429): tell the
    /// customer to wait `retry_after_s` seconds (when the bank said) and do not retry
    /// automatically. The message says how long, in minutes or seconds.
    #[error("{user_message}")]
    TryLater {
        /// Always [`AvainErrorCode::RateLimited`].
        code: AvainErrorCode,
        /// Seconds to wait, when the bank said.
        retry_after_s: Option<u32>,
        /// The localized text with the wait.
        user_message: String,
    },
    /// No connection or no answer in time: offer to try again later.
    #[error("{user_message}")]
    Network {
        /// `Timeout`, `Connect`, `Protocol` or `Internal` (the bank's own fault).
        code: AvainErrorCode,
        /// The localized text.
        user_message: String,
    },
    /// The server is not the bank (certificate or pinned key mismatch, a forged challenge
    /// or policy): stop; never retry automatically.
    #[error("{user_message}")]
    Untrusted {
        /// `UntrustedServer`, `BankSignatureInvalid` or a `Policy...` code.
        code: AvainErrorCode,
        /// The localized text.
        user_message: String,
    },
    /// The app cancelled the call (it stopped waiting, or a Swift task was cancelled).
    /// Nothing to show.
    #[error("{user_message}")]
    Cancelled {
        /// Always [`AvainErrorCode::Cancelled`].
        code: AvainErrorCode,
        /// A short text, should one be wanted.
        user_message: String,
    },
    /// A fault of this device or the app (storage, keystore, configuration, a malformed
    /// value from the shell): show the message, report `code`. Retrying rarely helps.
    #[error("{user_message}")]
    Internal {
        /// The failing part, e.g. `SecretStorePlatform`, `StoreIo`.
        code: AvainErrorCode,
        /// The localized text.
        user_message: String,
    },
}

impl AvainError {
    /// The stable code of any variant.
    pub fn code(&self) -> AvainErrorCode {
        match self {
            AvainError::InvalidInput { code, .. }
            | AvainError::PinRejected { code, .. }
            | AvainError::WrongPin { code, .. }
            | AvainError::Locked { code, .. }
            | AvainError::PendingUnlock { code, .. }
            | AvainError::LoggedOut { code, .. }
            | AvainError::ProfileRemoved { code, .. }
            | AvainError::DeviceNotSupported { code, .. }
            | AvainError::ScreenLockRequired { code, .. }
            | AvainError::BiometricsUnavailable { code, .. }
            | AvainError::Refused { code, .. }
            | AvainError::TryLater { code, .. }
            | AvainError::Network { code, .. }
            | AvainError::Untrusted { code, .. }
            | AvainError::Cancelled { code, .. }
            | AvainError::Internal { code, .. } => *code,
        }
    }

    /// The localized message of any variant.
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
            | AvainError::ScreenLockRequired { user_message, .. }
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
