//! The ONE place where the core's module errors become [`AvainError`]: each conversion
//! decides the variant (what the app should do), the [`AvainErrorCode`] and the message,
//! and what is logged (codes only, never the value that failed).

use crate::api::ErrorCode;
use crate::hetu::HetuError;
use crate::i18n::{self, Arg, Language};
use crate::keys::KeyError;
use crate::lifecycle::{LifecycleError, LockReason};
use crate::net::NetError;
use crate::os_policy::{GateError, GateReason, PolicyError};
use crate::payments::{
    BarcodeError, DomesticAccountError, EpcQrError, IbanError, MoneyError, ReferenceError,
};
use crate::secrets::SecretStoreError;
use crate::store::StoreError;

use super::build::text;
use super::{AvainError, AvainErrorCode};

/// A module error that becomes an [`AvainError`], with its message in `lang`. The
/// parsers' errors (HETU, IBAN, money...) are what the customer typed: `InvalidInput`;
/// keys, secrets and the store are faults of the phone unless they say what to do.
pub trait IntoAvainError {
    /// The public error, with its message in `lang`.
    fn into_avain_error(self, lang: Language) -> AvainError;
}

impl IntoAvainError for NetError {
    fn into_avain_error(self, lang: Language) -> AvainError {
        AvainError::from_net(lang, self)
    }
}

impl IntoAvainError for KeyError {
    fn into_avain_error(self, lang: Language) -> AvainError {
        AvainError::from_keys(lang, self)
    }
}

impl IntoAvainError for StoreError {
    fn into_avain_error(self, lang: Language) -> AvainError {
        AvainError::from_store(lang, self)
    }
}

impl IntoAvainError for SecretStoreError {
    fn into_avain_error(self, lang: Language) -> AvainError {
        tracing::warn!(target: "avain::error", code = self.code(), "secret store failure");
        AvainError::Internal {
            code: AvainErrorCode::from(&self),
            user_message: self.message(lang),
        }
    }
}

impl IntoAvainError for GateError {
    fn into_avain_error(self, lang: Language) -> AvainError {
        // The shell supplies these values; a malformed one is the shell's defect.
        tracing::error!(target: "avain::error", code = self.code(), "the shell passed an unreadable version");
        AvainError::Internal {
            code: AvainErrorCode::from(&self),
            user_message: self.message(lang),
        }
    }
}

impl IntoAvainError for LifecycleError {
    fn into_avain_error(self, lang: Language) -> AvainError {
        AvainError::InvalidInput {
            code: AvainErrorCode::from(&self),
            user_message: self.message(lang),
        }
    }
}

impl IntoAvainError for PolicyError {
    fn into_avain_error(self, lang: Language) -> AvainError {
        tracing::warn!(target: "avain::error", code = self.code(), "policy refused");
        AvainError::Untrusted {
            code: AvainErrorCode::from(&self),
            user_message: self.message(lang),
        }
    }
}

/// The parsers' errors: what the customer typed. Their own codes are unique only within
/// one parser ("empty" is an IBAN's and a reference's), so the public code names the
/// parser: `iban_bad_checksum`, `amount_too_large`, `hetu_check_character`.
macro_rules! invalid_input {
    ($($error:ty),* $(,)?) => {$(
        impl IntoAvainError for $error {
            fn into_avain_error(self, lang: Language) -> AvainError {
                AvainError::InvalidInput {
                    code: AvainErrorCode::from(self),
                    user_message: self.message(lang),
                }
            }
        }
    )*};
}

invalid_input!(
    HetuError,
    IbanError,
    DomesticAccountError,
    ReferenceError,
    BarcodeError,
    EpcQrError,
    MoneyError,
);

impl AvainError {
    /// Converts a network error; the bank's codes become the variant that says what to do.
    pub(crate) fn from_net(lang: Language, error: NetError) -> AvainError {
        tracing::debug!(target: "avain::error", code = error.code(), "bank call failed");
        match error {
            NetError::Bank {
                code,
                attempts_left,
                ..
            } => AvainError::from_bank(lang, code, attempts_left),
            NetError::Throttled { retry_after_s } => AvainError::try_later(lang, retry_after_s),
            NetError::UntrustedServer => AvainError::Untrusted {
                code: AvainErrorCode::UntrustedServer,
                user_message: text(lang, "untrusted-server"),
            },
            NetError::Timeout | NetError::Connect | NetError::Protocol => AvainError::Network {
                code: match error {
                    NetError::Timeout => AvainErrorCode::Timeout,
                    NetError::Connect => AvainErrorCode::Connect,
                    _ => AvainErrorCode::Protocol,
                },
                user_message: text(lang, "network"),
            },
            NetError::Cancelled => AvainError::cancelled(lang),
            NetError::Configuration(_) | NetError::BadCertificate => {
                // The part at fault (`backup_pin_missing`, `insecure_url`...) is for the
                // app's developers: the customer can only update the app.
                if let NetError::Configuration(part) = &error {
                    tracing::warn!(target: "avain::error", part, "bank configuration refused");
                }
                AvainError::Internal {
                    code: AvainErrorCode::Configuration,
                    user_message: text(lang, "configuration"),
                }
            }
        }
    }

    /// The variant for one of the bank's error codes. A code this version does not know
    /// is a refusal with the generic text, as the API asks clients to treat it.
    pub(crate) fn from_bank(
        lang: Language,
        code: ErrorCode,
        attempts_left: Option<u32>,
    ) -> AvainError {
        let bank_message = code.message(lang, attempts_left);
        let ours = AvainErrorCode::from(code);
        match code {
            ErrorCode::SignatureInvalid => AvainError::WrongPin {
                code: AvainErrorCode::WrongPin,
                attempts_left,
                user_message: match attempts_left {
                    Some(n) if n > 1 => {
                        i18n::text_with(lang, "client-error-wrong-pin", &[("count", Arg::from(n))])
                    }
                    Some(1) => text(lang, "wrong-pin-last"),
                    _ => bank_message,
                },
            },
            ErrorCode::ProfileLocked | ErrorCode::UserCodeLocked => {
                AvainError::locked(lang, LockReason::WrongPins)
            }
            ErrorCode::UserCodeLockedAtBank => {
                AvainError::locked(lang, LockReason::WrongKeyCardCodes)
            }
            ErrorCode::CodesBlocked => AvainError::locked(lang, LockReason::ByBank),
            ErrorCode::ProfileLockedByCustomer => AvainError::locked(lang, LockReason::ByCustomer),
            ErrorCode::ProfilePendingUnlock => AvainError::PendingUnlock {
                code: ours,
                user_message: bank_message,
            },
            ErrorCode::SessionExpired | ErrorCode::Unauthorized => AvainError::LoggedOut {
                code: ours,
                user_message: bank_message,
            },
            ErrorCode::ProfileRevoked => AvainError::ProfileRemoved {
                code: ours,
                user_message: bank_message,
            },
            // A phone the bank's attestation policy does not admit cannot be used with
            // it, like an unsupported OS: the text names what the customer can do.
            ErrorCode::OsNotSupported
            | ErrorCode::AppUpdateRequired
            | ErrorCode::AttestationRequired
            | ErrorCode::AttestationFailed => AvainError::DeviceNotSupported {
                code: ours,
                user_message: bank_message,
            },
            ErrorCode::KeyCardCodeWrong
            | ErrorCode::SmsCodeWrong
            | ErrorCode::InvalidCredentials => AvainError::InvalidInput {
                code: ours,
                user_message: bank_message,
            },
            ErrorCode::RateLimited => AvainError::try_later(lang, None),
            ErrorCode::Internal => AvainError::Network {
                code: ours,
                user_message: bank_message,
            },
            _ => AvainError::Refused {
                code: ours,
                user_message: bank_message,
            },
        }
    }

    /// Converts a key error (K_dev, K_pin, K_bio).
    pub(crate) fn from_keys(lang: Language, error: KeyError) -> AvainError {
        match error {
            KeyError::BiometricRefused
            | KeyError::BiometricSetChanged
            | KeyError::BiometricUnavailable => AvainError::BiometricsUnavailable {
                code: AvainErrorCode::from(&error),
                user_message: error.message(lang),
            },
            KeyError::NotFound => AvainError::ProfileRemoved {
                code: AvainErrorCode::KeysMissing,
                user_message: text(lang, "keys-missing"),
            },
            // The keystore's own text says what helps (unlock the device...).
            KeyError::Secrets(e) => e.into_avain_error(lang),
            other => AvainError::internal(lang, AvainErrorCode::from(&other)),
        }
    }

    /// Converts a local storage error.
    pub(crate) fn from_store(lang: Language, error: StoreError) -> AvainError {
        match error {
            StoreError::NotFound => AvainError::ProfileRemoved {
                code: AvainErrorCode::ProfileUnknown,
                user_message: text(lang, "profile-unknown"),
            },
            StoreError::Secrets(e) => e.into_avain_error(lang),
            other => AvainError::internal(lang, AvainErrorCode::from(&other)),
        }
    }
}

// ---- Each module's codes as the public ones ----------------------------------------

impl From<&SecretStoreError> for AvainErrorCode {
    fn from(error: &SecretStoreError) -> AvainErrorCode {
        match error {
            SecretStoreError::InvalidName => AvainErrorCode::SecretStoreInvalidName,
            SecretStoreError::Unavailable => AvainErrorCode::SecretStoreUnavailable,
            SecretStoreError::Corrupted => AvainErrorCode::SecretStoreCorrupted,
            SecretStoreError::Platform { .. } => AvainErrorCode::SecretStorePlatform,
        }
    }
}

impl From<&KeyError> for AvainErrorCode {
    fn from(error: &KeyError) -> AvainErrorCode {
        match error {
            KeyError::Secrets(e) => AvainErrorCode::from(e),
            KeyError::Randomness => AvainErrorCode::KeyRandomness,
            // The customer's remedy is the same whichever key is gone.
            KeyError::NotFound => AvainErrorCode::KeysMissing,
            KeyError::Corrupted => AvainErrorCode::KeyCorrupted,
            KeyError::SigningFailed => AvainErrorCode::KeySigningFailed,
            KeyError::InvalidKdfParams => AvainErrorCode::KeyInvalidKdfParams,
            KeyError::BiometricRefused => AvainErrorCode::KeyBiometricRefused,
            KeyError::BiometricSetChanged => AvainErrorCode::KeyBiometricSetChanged,
            KeyError::BiometricUnavailable => AvainErrorCode::KeyBiometricUnavailable,
        }
    }
}

impl From<&StoreError> for AvainErrorCode {
    fn from(error: &StoreError) -> AvainErrorCode {
        match error {
            StoreError::Busy => AvainErrorCode::StoreBusy,
            StoreError::Full => AvainErrorCode::StoreFull,
            StoreError::Corrupt => AvainErrorCode::StoreCorrupt,
            StoreError::Io => AvainErrorCode::StoreIo,
            StoreError::SchemaTooNew => AvainErrorCode::StoreSchemaTooNew,
            StoreError::DataKeyMismatch => AvainErrorCode::StoreDataKeyMismatch,
            StoreError::Tampered => AvainErrorCode::StoreTampered,
            // What was looked for is the profile (the only reading that can miss).
            StoreError::NotFound => AvainErrorCode::ProfileUnknown,
            StoreError::InvalidValue { .. } => AvainErrorCode::StoreInvalidValue,
            StoreError::CachedPolicyInvalid => AvainErrorCode::StoreCachedPolicyInvalid,
            StoreError::Secrets(e) => AvainErrorCode::from(e),
            StoreError::Randomness => AvainErrorCode::StoreRandomness,
            StoreError::Sqlite { .. } => AvainErrorCode::StoreSqlite,
        }
    }
}

impl From<&GateError> for AvainErrorCode {
    fn from(error: &GateError) -> AvainErrorCode {
        match error {
            GateError::UnknownPlatform => AvainErrorCode::UnknownPlatform,
            GateError::InvalidOsVersion(_) => AvainErrorCode::InvalidOsVersion,
            GateError::InvalidAppVersion(_) => AvainErrorCode::InvalidAppVersion,
        }
    }
}

impl From<GateReason> for AvainErrorCode {
    fn from(reason: GateReason) -> AvainErrorCode {
        match reason {
            GateReason::UnsupportedPlatform => AvainErrorCode::UnsupportedPlatform,
            GateReason::OsTooOld => AvainErrorCode::OsTooOld,
            GateReason::AppTooOld => AvainErrorCode::AppTooOld,
        }
    }
}

impl From<&PolicyError> for AvainErrorCode {
    fn from(error: &PolicyError) -> AvainErrorCode {
        match error {
            PolicyError::InvalidBankKey => AvainErrorCode::PolicyInvalidBankKey,
            PolicyError::UnknownKey => AvainErrorCode::PolicyUnknownKey,
            PolicyError::MalformedEnvelope => AvainErrorCode::PolicyMalformedEnvelope,
            PolicyError::BadSignature => AvainErrorCode::PolicyBadSignature,
            PolicyError::MalformedDocument => AvainErrorCode::PolicyMalformedDocument,
            PolicyError::UnsupportedFormat { .. } => AvainErrorCode::PolicyUnsupportedFormat,
            PolicyError::Inconsistent(_) => AvainErrorCode::PolicyInconsistent,
            PolicyError::StaleSequence { .. } => AvainErrorCode::PolicyStaleSequence,
            PolicyError::SigningFailed => AvainErrorCode::PolicySigningFailed,
        }
    }
}

impl From<&LifecycleError> for AvainErrorCode {
    fn from(error: &LifecycleError) -> AvainErrorCode {
        match error {
            LifecycleError::IllegalTransition { .. } => AvainErrorCode::IllegalTransition,
            LifecycleError::UnlockNotAllowed { .. } => AvainErrorCode::UnlockNotAllowed,
            LifecycleError::BiometricsNeedActiveProfile { .. } => {
                AvainErrorCode::BiometricsNeedActiveProfile
            }
            LifecycleError::IllegalBiometricTransition { .. } => {
                AvainErrorCode::IllegalBiometricTransition
            }
        }
    }
}

impl From<HetuError> for AvainErrorCode {
    fn from(error: HetuError) -> AvainErrorCode {
        match error {
            HetuError::Length => AvainErrorCode::HetuLength,
            HetuError::Malformed => AvainErrorCode::HetuMalformed,
            HetuError::CenturySign => AvainErrorCode::HetuCenturySign,
            HetuError::InvalidDate => AvainErrorCode::HetuInvalidDate,
            HetuError::IndividualNumber => AvainErrorCode::HetuIndividualNumber,
            HetuError::CheckCharacter => AvainErrorCode::HetuCheckCharacter,
            HetuError::Temporary => AvainErrorCode::HetuTemporary,
        }
    }
}

impl From<IbanError> for AvainErrorCode {
    fn from(error: IbanError) -> AvainErrorCode {
        match error {
            IbanError::Empty => AvainErrorCode::IbanEmpty,
            IbanError::InvalidCharacter => AvainErrorCode::IbanInvalidCharacter,
            IbanError::BadFormat => AvainErrorCode::IbanBadFormat,
            IbanError::UnknownCountry => AvainErrorCode::IbanUnknownCountry,
            IbanError::BadLength => AvainErrorCode::IbanBadLength,
            IbanError::BadStructure => AvainErrorCode::IbanBadStructure,
            IbanError::BadChecksum => AvainErrorCode::IbanBadChecksum,
        }
    }
}

impl From<DomesticAccountError> for AvainErrorCode {
    fn from(error: DomesticAccountError) -> AvainErrorCode {
        match error {
            DomesticAccountError::Empty => AvainErrorCode::AccountEmpty,
            DomesticAccountError::InvalidCharacter => AvainErrorCode::AccountInvalidCharacter,
            DomesticAccountError::BadFormat => AvainErrorCode::AccountBadFormat,
        }
    }
}

impl From<ReferenceError> for AvainErrorCode {
    fn from(error: ReferenceError) -> AvainErrorCode {
        match error {
            ReferenceError::Empty => AvainErrorCode::ReferenceEmpty,
            ReferenceError::InvalidCharacter => AvainErrorCode::ReferenceInvalidCharacter,
            ReferenceError::MissingRfPrefix => AvainErrorCode::ReferenceMissingRfPrefix,
            ReferenceError::TooShort => AvainErrorCode::ReferenceTooShort,
            ReferenceError::TooLong => AvainErrorCode::ReferenceTooLong,
            ReferenceError::BadCheckDigit => AvainErrorCode::ReferenceBadCheckDigit,
        }
    }
}

impl From<BarcodeError> for AvainErrorCode {
    fn from(error: BarcodeError) -> AvainErrorCode {
        match error {
            BarcodeError::NonDigit => AvainErrorCode::BarcodeNonDigit,
            BarcodeError::BadLength => AvainErrorCode::BarcodeBadLength,
            BarcodeError::UnsupportedVersion => AvainErrorCode::BarcodeUnsupportedVersion,
            BarcodeError::InvalidIban => AvainErrorCode::BarcodeInvalidIban,
            BarcodeError::ReserveNotZero => AvainErrorCode::BarcodeReserveNotZero,
            BarcodeError::MissingReference => AvainErrorCode::BarcodeMissingReference,
            BarcodeError::InvalidReference => AvainErrorCode::BarcodeInvalidReference,
            BarcodeError::InvalidDueDate => AvainErrorCode::BarcodeInvalidDueDate,
        }
    }
}

/// The amount field's codes: `amount_` whether the form or the FFI's parser read it.
impl From<MoneyError> for AvainErrorCode {
    fn from(error: MoneyError) -> AvainErrorCode {
        match error {
            MoneyError::Empty => AvainErrorCode::AmountEmpty,
            MoneyError::NotANumber => AvainErrorCode::AmountNotANumber,
            MoneyError::TooManyDecimals => AvainErrorCode::AmountTooManyDecimals,
            MoneyError::Negative => AvainErrorCode::AmountNegative,
            MoneyError::TooLarge => AvainErrorCode::AmountTooLarge,
        }
    }
}

impl From<EpcQrError> for AvainErrorCode {
    fn from(error: EpcQrError) -> AvainErrorCode {
        match error {
            EpcQrError::TooLong => AvainErrorCode::QrTooLong,
            EpcQrError::NotEpc => AvainErrorCode::QrNotEpc,
            EpcQrError::UnsupportedVersion => AvainErrorCode::QrUnsupportedVersion,
            EpcQrError::UnsupportedCharset => AvainErrorCode::QrUnsupportedCharset,
            EpcQrError::UnsupportedIdentification => AvainErrorCode::QrUnsupportedIdentification,
            EpcQrError::MissingBic => AvainErrorCode::QrMissingBic,
            EpcQrError::InvalidBic => AvainErrorCode::QrInvalidBic,
            EpcQrError::BicMismatch => AvainErrorCode::QrBicMismatch,
            EpcQrError::MissingName => AvainErrorCode::QrMissingName,
            EpcQrError::NameTooLong => AvainErrorCode::QrNameTooLong,
            EpcQrError::InvalidName => AvainErrorCode::QrInvalidName,
            EpcQrError::MissingIban => AvainErrorCode::QrMissingIban,
            EpcQrError::InvalidIban => AvainErrorCode::QrInvalidIban,
            EpcQrError::IbanNotSepa => AvainErrorCode::QrIbanNotSepa,
            EpcQrError::InvalidAmount => AvainErrorCode::QrInvalidAmount,
            EpcQrError::AmountOutOfRange => AvainErrorCode::QrAmountOutOfRange,
            EpcQrError::InvalidPurpose => AvainErrorCode::QrInvalidPurpose,
            EpcQrError::InvalidReference => AvainErrorCode::QrInvalidReference,
            EpcQrError::ReferenceAndMessage => AvainErrorCode::QrReferenceAndMessage,
            EpcQrError::MessageTooLong => AvainErrorCode::QrMessageTooLong,
            EpcQrError::InvalidMessage => AvainErrorCode::QrInvalidMessage,
            EpcQrError::InfoTooLong => AvainErrorCode::QrInfoTooLong,
            EpcQrError::InvalidInfo => AvainErrorCode::QrInvalidInfo,
            EpcQrError::InvalidDueDate => AvainErrorCode::QrInvalidDueDate,
            EpcQrError::TrailingData => AvainErrorCode::QrTrailingData,
        }
    }
}
