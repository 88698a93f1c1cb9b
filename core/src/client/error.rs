//! The one public error of the [`Avain`](super::Avain) object: few variants, each saying
//! what the app should do, with a stable code and a message in the customer's language.
//!
//! Every module error (network, keys, store, secrets, the bank's error codes) is converted
//! here, in one place, which also decides what is logged: only codes, never personal data.

use crate::api::ErrorCode;
use crate::i18n::{self, Arg, Language};
use crate::keys::KeyError;
use crate::lifecycle::LockReason;
use crate::net::NetError;
use crate::pin::{Pin, PinContext, check_pin};
use crate::store::StoreError;

/// One refusal reason of a PIN, for the list under the PIN field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PinRejection {
    /// Stable code (`series`, `repeats`, `birth_date`, ...).
    pub code: String,
    /// The reason in the customer's language.
    pub message: String,
}

/// Every reason the PIN policy gives against `pin` in `context`, with its text in `lang`.
pub(crate) fn pin_rejections(
    lang: Language,
    pin: &Pin,
    context: &PinContext<'_>,
) -> Vec<PinRejection> {
    check_pin(pin, context)
        .reasons()
        .iter()
        .map(|r| PinRejection {
            code: r.code().to_owned(),
            message: r.message(lang),
        })
        .collect()
}

/// What went wrong, as the app should react to it. `Display` is the localized message;
/// no variant carries a PIN, password, HETU, IBAN, code, key or token.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AvainError {
    /// Something the customer typed is not acceptable: show the message at the field and
    /// let them try again.
    #[error("{message}")]
    InvalidInput {
        /// Stable code of what is wrong.
        code: String,
        /// The localized explanation.
        message: String,
    },
    /// The chosen PIN is too easy to guess: show every reason and ask for another.
    #[error("{message}")]
    PinRejected {
        /// Every reason, in a fixed order.
        reasons: Vec<PinRejection>,
        /// All reasons in one localized text.
        message: String,
    },
    /// The PIN (or a code) was wrong; `attempts_left` more failures lock the user code.
    /// When it is 1 the message warns that the next failure locks.
    #[error("{message}")]
    WrongPin {
        /// Attempts left, when the bank says.
        attempts_left: Option<u32>,
        /// The localized text with the count.
        message: String,
    },
    /// The profile or the user code is locked. `self_service` tells whether the customer
    /// can open it themselves (HETU, user id, SMS and key-card code) or must contact the
    /// bank; the message says which.
    #[error("{message}")]
    Locked {
        /// Stable code (`profile_locked`, `user_code_locked`, `user_code_locked_at_bank`,
        /// `codes_blocked`).
        code: String,
        /// Whether a self-service unlock opens it.
        self_service: bool,
        /// The localized next steps.
        message: String,
    },
    /// The profile is registered but waits to be unlocked in the online bank.
    #[error("{message}")]
    PendingUnlock {
        /// The localized instruction.
        message: String,
    },
    /// No session, or it ended (5 minutes without activity): show the login screen.
    #[error("{message}")]
    LoggedOut {
        /// Stable code (`not_logged_in`, `session_expired`).
        code: String,
        /// The localized text.
        message: String,
    },
    /// This profile no longer works on this device (removed remotely, or its keys are
    /// gone): delete it here and register the device again.
    #[error("{message}")]
    ProfileRemoved {
        /// Stable code (`profile_revoked`, `keys_missing`, `profile_unknown`).
        code: String,
        /// The localized text.
        message: String,
    },
    /// The phone's OS or the app is too old or unsupported: the app cannot be used;
    /// show the message with the browser online bank as the fallback.
    #[error("{message}")]
    DeviceNotSupported {
        /// Stable code (`os_not_supported`, `app_update_required`, `unsupported_platform`).
        code: String,
        /// The localized text, with what to use instead.
        message: String,
    },
    /// Biometrics cannot be used now (cancelled, not recognised, not available, or
    /// switched off because the biometric set changed): offer the PIN.
    #[error("{message}")]
    BiometricsUnavailable {
        /// Stable code (`key_biometric_refused`, `key_biometric_set_changed`, `biometrics_off`, ...).
        code: String,
        /// The localized text.
        message: String,
    },
    /// The bank refused the request for a reason the customer can read (an expired
    /// challenge, a wrong SMS code, a meeting not open yet): show the message.
    #[error("{message}")]
    Refused {
        /// The bank's stable error code, or the core's.
        code: String,
        /// The localized text.
        message: String,
    },
    /// The bank refused because of too many attempts in a short time (HTTP 429): tell
    /// the customer to wait `retry_after_s` seconds (when the bank said) and do not retry
    /// automatically. The message says how long, in minutes or seconds.
    #[error("{message}")]
    TryLater {
        /// Seconds to wait, when the bank said.
        retry_after_s: Option<u32>,
        /// The localized text with the wait.
        message: String,
    },
    /// No connection or no answer in time: try again later.
    #[error("{message}")]
    Network {
        /// Stable code (`timeout`, `connect`, `protocol`).
        code: String,
        /// The localized text.
        message: String,
    },
    /// The server is not the bank (certificate or pinned key mismatch, or a forged
    /// challenge): stop, never retry automatically.
    #[error("{message}")]
    Untrusted {
        /// Stable code (`untrusted_server`, `bank_signature_invalid`).
        code: String,
        /// The localized text.
        message: String,
    },
    /// A fault of this device or the app (storage, keystore, configuration): report it.
    #[error("{message}")]
    Internal {
        /// Stable code of the failing part.
        code: String,
        /// The localized text.
        message: String,
    },
}

impl AvainError {
    /// `Ok` when the PIN policy gave no reason, else [`AvainError::PinRejected`] with every
    /// reason and all of them in one text.
    pub(crate) fn unless_pin_rejected(reasons: Vec<PinRejection>) -> Result<(), AvainError> {
        if reasons.is_empty() {
            return Ok(());
        }
        let message = reasons
            .iter()
            .map(|r| r.message.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        Err(AvainError::PinRejected { reasons, message })
    }

    /// The stable snake_case code.
    pub fn code(&self) -> &str {
        match self {
            AvainError::InvalidInput { code, .. }
            | AvainError::Locked { code, .. }
            | AvainError::LoggedOut { code, .. }
            | AvainError::ProfileRemoved { code, .. }
            | AvainError::DeviceNotSupported { code, .. }
            | AvainError::BiometricsUnavailable { code, .. }
            | AvainError::Refused { code, .. }
            | AvainError::Network { code, .. }
            | AvainError::Untrusted { code, .. }
            | AvainError::Internal { code, .. } => code,
            AvainError::PinRejected { .. } => "pin_rejected",
            AvainError::WrongPin { .. } => "wrong_pin",
            AvainError::PendingUnlock { .. } => "profile_pending_unlock",
            AvainError::TryLater { .. } => "rate_limited",
        }
    }

    /// The localized message.
    pub fn message(&self) -> &str {
        match self {
            AvainError::InvalidInput { message, .. }
            | AvainError::PinRejected { message, .. }
            | AvainError::WrongPin { message, .. }
            | AvainError::Locked { message, .. }
            | AvainError::PendingUnlock { message }
            | AvainError::TryLater { message, .. }
            | AvainError::LoggedOut { message, .. }
            | AvainError::ProfileRemoved { message, .. }
            | AvainError::DeviceNotSupported { message, .. }
            | AvainError::BiometricsUnavailable { message, .. }
            | AvainError::Refused { message, .. }
            | AvainError::Network { message, .. }
            | AvainError::Untrusted { message, .. }
            | AvainError::Internal { message, .. } => message,
        }
    }

    /// An input error with the core's message `client-error-<code>`.
    pub(crate) fn input(lang: Language, code: &str) -> AvainError {
        AvainError::InvalidInput {
            code: code.to_owned(),
            message: text(lang, code),
        }
    }

    /// A refusal with the core's message `client-error-<code>`.
    pub(crate) fn refused(lang: Language, code: &str) -> AvainError {
        AvainError::Refused {
            code: code.to_owned(),
            message: text(lang, code),
        }
    }

    /// An internal fault with the core's message.
    pub(crate) fn internal(lang: Language, code: &str) -> AvainError {
        tracing::warn!(target: "avain::client", code, "internal fault");
        AvainError::Internal {
            code: code.to_owned(),
            message: text(lang, "internal"),
        }
    }

    /// Not logged in (or the session timed out on this device).
    pub(crate) fn logged_out(lang: Language, code: &str) -> AvainError {
        AvainError::LoggedOut {
            code: code.to_owned(),
            message: text(lang, "logged-out"),
        }
    }

    /// The profile is locked for `reason`, with what to do next.
    pub(crate) fn locked(lang: Language, reason: LockReason) -> AvainError {
        let (code, self_service, id) = match reason {
            LockReason::WrongPins => ("profile_locked", true, "locked-wrong-pins"),
            LockReason::ByBank => ("codes_blocked", false, "locked-by-bank"),
            // A reason this version does not know is treated as the strictest.
            LockReason::WrongKeyCardCodes | LockReason::Unknown => {
                ("user_code_locked_at_bank", false, "locked-at-bank")
            }
        };
        AvainError::Locked {
            code: code.to_owned(),
            self_service,
            message: text(lang, id),
        }
    }

    /// Converts a network error; the bank's codes become the variant that says what to do.
    pub(crate) fn from_net(lang: Language, error: NetError) -> AvainError {
        tracing::debug!(target: "avain::client", code = error.code(), "bank call failed");
        match error {
            NetError::Bank {
                code,
                attempts_left,
                ..
            } => from_bank_code(lang, &code, attempts_left),
            NetError::Throttled { retry_after_s } => AvainError::try_later(lang, retry_after_s),
            NetError::UntrustedServer => AvainError::Untrusted {
                code: "untrusted_server".to_owned(),
                message: text(lang, "untrusted-server"),
            },
            NetError::Timeout | NetError::Connect | NetError::Protocol => AvainError::Network {
                code: error.code().to_owned(),
                message: text(lang, "network"),
            },
            // Nobody waits for this error (the app stopped waiting for the flow).
            NetError::Cancelled => AvainError::internal(lang, "cancelled"),
            NetError::Configuration(_) | NetError::BadCertificate => {
                // The part at fault (`backup_pin_missing`, `insecure_url`...) is for the
                // app's developers: the customer can only update the app.
                if let NetError::Configuration(part) = &error {
                    tracing::warn!(target: "avain::client", part, "bank configuration refused");
                }
                AvainError::Internal {
                    code: "configuration".to_owned(),
                    message: text(lang, "configuration"),
                }
            }
        }
    }

    /// Too many attempts: wait `retry_after_s` (said in whole minutes from a minute on).
    pub(crate) fn try_later(lang: Language, retry_after_s: Option<u32>) -> AvainError {
        let message = match retry_after_s {
            Some(s) if s >= 60 => i18n::text_with(
                lang,
                "client-error-try-later-minutes",
                &[("count", Arg::from(s.div_ceil(60)))],
            ),
            Some(s) => i18n::text_with(
                lang,
                "client-error-try-later-seconds",
                &[("count", Arg::from(s.max(1)))],
            ),
            None => text(lang, "try-later"),
        };
        AvainError::TryLater {
            retry_after_s,
            message,
        }
    }

    /// Converts a key error (K_dev, K_pin, K_bio).
    pub(crate) fn from_keys(lang: Language, error: KeyError) -> AvainError {
        match error {
            KeyError::BiometricRefused
            | KeyError::BiometricSetChanged
            | KeyError::BiometricUnavailable => AvainError::BiometricsUnavailable {
                code: error.code().to_owned(),
                message: error.message(lang),
            },
            KeyError::NotFound => AvainError::ProfileRemoved {
                code: "keys_missing".to_owned(),
                message: text(lang, "keys-missing"),
            },
            other => AvainError::internal(lang, other.code()),
        }
    }

    /// Converts a local storage error.
    pub(crate) fn from_store(lang: Language, error: StoreError) -> AvainError {
        match error {
            StoreError::NotFound => AvainError::ProfileRemoved {
                code: "profile_unknown".to_owned(),
                message: text(lang, "profile-unknown"),
            },
            other => AvainError::internal(lang, other.code()),
        }
    }
}

/// The variant for one of the bank's error codes. Unknown codes are refusals with the
/// generic text, as the API asks clients to treat them.
fn from_bank_code(lang: Language, code: &str, attempts_left: Option<u32>) -> AvainError {
    let parsed: Option<ErrorCode> = serde_json::from_value(serde_json::Value::from(code)).ok();
    // A code this version does not know keeps the bank's own string for the app.
    let Some(parsed) = parsed.filter(|c| *c != ErrorCode::Unknown) else {
        return AvainError::Refused {
            code: code.to_owned(),
            message: ErrorCode::Internal.message(lang, None),
        };
    };
    let bank_message = parsed.message(lang, attempts_left);
    match parsed {
        ErrorCode::SignatureInvalid => AvainError::WrongPin {
            attempts_left,
            message: match attempts_left {
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
        ErrorCode::UserCodeLockedAtBank => AvainError::locked(lang, LockReason::WrongKeyCardCodes),
        ErrorCode::CodesBlocked => AvainError::locked(lang, LockReason::ByBank),
        ErrorCode::ProfilePendingUnlock => AvainError::PendingUnlock {
            message: bank_message,
        },
        ErrorCode::SessionExpired | ErrorCode::Unauthorized => AvainError::LoggedOut {
            code: parsed.as_str().to_owned(),
            message: bank_message,
        },
        ErrorCode::ProfileRevoked => AvainError::ProfileRemoved {
            code: parsed.as_str().to_owned(),
            message: bank_message,
        },
        ErrorCode::OsNotSupported | ErrorCode::AppUpdateRequired => {
            AvainError::DeviceNotSupported {
                code: parsed.as_str().to_owned(),
                message: bank_message,
            }
        }
        ErrorCode::KeyCardCodeWrong | ErrorCode::SmsCodeWrong | ErrorCode::InvalidCredentials => {
            AvainError::InvalidInput {
                code: parsed.as_str().to_owned(),
                message: bank_message,
            }
        }
        ErrorCode::RateLimited => AvainError::try_later(lang, None),
        ErrorCode::Internal => AvainError::Network {
            code: parsed.as_str().to_owned(),
            message: bank_message,
        },
        _ => AvainError::Refused {
            code: parsed.as_str().to_owned(),
            message: bank_message,
        },
    }
}

/// The core's own text `client-error-<id>`.
fn text(lang: Language, id: &str) -> String {
    i18n::text(lang, &format!("client-error-{}", id.replace('_', "-")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bank_codes_become_actions() {
        let wrong = AvainError::from_net(
            Language::En,
            NetError::Bank {
                status: 401,
                code: "signature_invalid".into(),
                attempts_left: Some(3),
            },
        );
        assert_eq!(wrong.code(), "wrong_pin");
        assert!(wrong.message().contains('3'), "{}", wrong.message());
        let locked = AvainError::from_net(
            Language::Fi,
            NetError::Bank {
                status: 423,
                code: "profile_locked".into(),
                attempts_left: None,
            },
        );
        assert!(matches!(
            locked,
            AvainError::Locked {
                self_service: true,
                ..
            }
        ));
        let unknown = AvainError::from_net(
            Language::Sv,
            NetError::Bank {
                status: 400,
                code: "something_new".into(),
                attempts_left: None,
            },
        );
        assert_eq!(unknown.code(), "something_new");
        assert!(!unknown.message().is_empty());
    }

    #[test]
    fn every_core_text_exists_in_every_language() {
        for lang in Language::ALL {
            for id in [
                "internal",
                "logged-out",
                "locked-wrong-pins",
                "locked-by-bank",
                "locked-at-bank",
                "untrusted-server",
                "network",
                "configuration",
                "keys-missing",
                "profile-unknown",
                "wrong-pin",
                "wrong-pin-last",
                "try-later",
                "try-later-minutes",
                "try-later-seconds",
            ] {
                assert!(
                    i18n::has_message(lang, &format!("client-error-{id}")),
                    "{lang}: {id}"
                );
            }
        }
    }

    #[test]
    fn throttling_becomes_try_later_with_the_wait() {
        let minutes = AvainError::from_net(
            Language::En,
            NetError::Throttled {
                retry_after_s: Some(3000),
            },
        );
        assert_eq!(minutes.code(), "rate_limited");
        assert!(
            matches!(
                minutes,
                AvainError::TryLater {
                    retry_after_s: Some(3000),
                    ..
                }
            ),
            "{minutes:?}"
        );
        assert!(
            minutes.message().contains("50 minutes"),
            "{}",
            minutes.message()
        );
        let seconds = AvainError::from_net(
            Language::Fi,
            NetError::Throttled {
                retry_after_s: Some(1),
            },
        );
        assert!(seconds.message().contains('1'), "{}", seconds.message());
        let unknown = AvainError::from_net(
            Language::Sv,
            NetError::Throttled {
                retry_after_s: None,
            },
        );
        assert!(!unknown.message().is_empty());
        // The bank's code without the status (a proxy rewrote it) is the same action.
        let coded = AvainError::from_net(
            Language::En,
            NetError::Bank {
                status: 400,
                code: "rate_limited".into(),
                attempts_left: None,
            },
        );
        assert!(matches!(coded, AvainError::TryLater { .. }), "{coded:?}");
    }
}
