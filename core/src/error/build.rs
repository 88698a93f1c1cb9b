//! The constructors the flows use: each picks the variant and the message for a code, so
//! that a flow names only what went wrong.

use crate::i18n::{self, Arg, Language};
use crate::lifecycle::LockReason;
use crate::password::PasswordReason;
use crate::pin::{Pin, PinContext, PinReason, check_pin};

use super::{AvainError, AvainErrorCode};

/// One reason a chosen PIN is refused, with its text, for the list under the PIN field.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct PinRejection {
    /// The reason; its stable code is `reason.code()`.
    pub reason: PinReason,
    /// The reason in the customer's language.
    pub message: String,
}

impl PinRejection {
    /// `reason` with its text in `lang`.
    pub fn new(reason: PinReason, lang: Language) -> PinRejection {
        PinRejection {
            reason,
            message: reason.message(lang),
        }
    }
}

/// Why a new online-bank password is refused, with its text: the answer the bank would
/// give ([`PasswordReason::error_code`] is its code on the wire).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct PasswordRejection {
    /// The reason; its stable code is `reason.code()`.
    pub reason: PasswordReason,
    /// The reason in the customer's language.
    pub message: String,
}

impl PasswordRejection {
    /// `reason` with its text in `lang`.
    pub fn new(reason: PasswordReason, lang: Language) -> PasswordRejection {
        PasswordRejection {
            reason,
            message: reason.message(lang),
        }
    }
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
        .map(|reason| PinRejection::new(reason, lang))
        .collect()
}

impl AvainError {
    /// `Ok` when the PIN policy gave no reason, else [`AvainError::PinRejected`] with every
    /// reason and all of them in one text.
    pub(crate) fn unless_pin_rejected(reasons: Vec<PinRejection>) -> Result<(), AvainError> {
        if reasons.is_empty() {
            return Ok(());
        }
        let user_message = reasons
            .iter()
            .map(|r| r.message.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        Err(AvainError::PinRejected {
            code: AvainErrorCode::PinRejected,
            reasons,
            user_message,
        })
    }

    /// An input error with the core's message for `code` (`client-error-<code>`).
    pub(crate) fn input(lang: Language, code: AvainErrorCode) -> AvainError {
        AvainError::InvalidInput {
            code,
            user_message: own_text(lang, code),
        }
    }

    /// A refusal with the core's message for `code` (`client-error-<code>`).
    pub(crate) fn refused(lang: Language, code: AvainErrorCode) -> AvainError {
        AvainError::Refused {
            code,
            user_message: own_text(lang, code),
        }
    }

    /// A fault of the phone or the app, with the generic text; `code` names the part and
    /// is logged (it is never personal data).
    pub fn internal(lang: Language, code: AvainErrorCode) -> AvainError {
        tracing::warn!(target: "avain::error", code = code.as_str(), "internal fault");
        AvainError::Internal {
            code,
            user_message: text(lang, "internal"),
        }
    }

    /// The app cancelled the call (it stopped waiting, or its task was cancelled).
    pub fn cancelled(lang: Language) -> AvainError {
        AvainError::Cancelled {
            code: AvainErrorCode::Cancelled,
            user_message: text(lang, "cancelled"),
        }
    }

    /// Not logged in (or the session timed out on this device).
    pub(crate) fn logged_out(lang: Language, code: AvainErrorCode) -> AvainError {
        AvainError::LoggedOut {
            code,
            user_message: text(lang, "logged-out"),
        }
    }

    /// The profile is locked for `reason`, with what to do next.
    pub(crate) fn locked(lang: Language, reason: LockReason) -> AvainError {
        let (code, self_service, id) = match reason {
            LockReason::WrongPins => (AvainErrorCode::ProfileLocked, true, "locked-wrong-pins"),
            LockReason::ByCustomer => (
                AvainErrorCode::ProfileLockedByCustomer,
                false,
                "locked-by-customer",
            ),
            LockReason::ByBank => (AvainErrorCode::CodesBlocked, false, "locked-by-bank"),
            // A reason this version does not know is treated as the strictest.
            LockReason::WrongKeyCardCodes | LockReason::Unknown => (
                AvainErrorCode::UserCodeLockedAtBank,
                false,
                "locked-at-bank",
            ),
        };
        AvainError::Locked {
            code,
            self_service,
            user_message: text(lang, id),
        }
    }

    /// No secure screen lock on the phone: the advice to turn it on.
    pub(crate) fn screen_lock_required(lang: Language) -> AvainError {
        AvainError::ScreenLockRequired {
            code: AvainErrorCode::ScreenLockRequired,
            user_message: own_text(lang, AvainErrorCode::ScreenLockRequired),
        }
    }

    /// A text that is not one of the bank's app links: refused with its reason's text.
    pub(crate) fn app_link(lang: Language, error: crate::app_link::AppLinkError) -> AvainError {
        use crate::app_link::AppLinkError;
        let code = match error {
            AppLinkError::NotHttps => AvainErrorCode::AppLinkNotHttps,
            AppLinkError::ForeignHost => AvainErrorCode::AppLinkForeignHost,
            AppLinkError::UnknownPath => AvainErrorCode::AppLinkUnknownPath,
            AppLinkError::BadRequestId => AvainErrorCode::AppLinkBadRequestId,
            AppLinkError::ExtraParts => AvainErrorCode::AppLinkExtraParts,
            AppLinkError::TooLong => AvainErrorCode::AppLinkTooLong,
        };
        AvainError::refused(lang, code)
    }

    /// Too many attempts: wait `retry_after_s` (said in whole minutes from a minute on).
    pub(crate) fn try_later(lang: Language, retry_after_s: Option<u32>) -> AvainError {
        let user_message = match retry_after_s {
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
            code: AvainErrorCode::RateLimited,
            retry_after_s,
            user_message,
        }
    }
}

/// The Fluent id of the core's own message for `code`: `client-error-<code>`, with
/// dashes. Only some codes have one (the test `codes_with_a_message_have_all_three` checks
/// that those have it in every language).
pub(super) fn own_message_id(code: AvainErrorCode) -> String {
    format!("client-error-{}", code.as_str().replace('_', "-"))
}

/// The core's own message for `code`.
pub(super) fn own_text(lang: Language, code: AvainErrorCode) -> String {
    i18n::text(lang, &own_message_id(code))
}

/// The core's own text `client-error-<id>`.
pub(super) fn text(lang: Language, id: &str) -> String {
    i18n::text(lang, &format!("client-error-{id}"))
}
