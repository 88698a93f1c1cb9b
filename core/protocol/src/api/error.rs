//! The error body every endpoint returns, and the stable error codes.

use serde::{Deserialize, Serialize};

use crate::i18n::{self, Arg, Language};

/// What went wrong, as a stable snake_case code the app can switch on.
///
/// The codes never change meaning once released; new ones may be added: a client reads a
/// code it does not know as [`ErrorCode::Unknown`] and treats it like
/// [`ErrorCode::Internal`] ("try again later"). Each code has a message in
/// fi, sv and en ([`ErrorCode::message`]) and a fixed HTTP status ([`ErrorCode::http_status`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ErrorCode {
    // The request itself.
    /// The body is not valid JSON, has a wrong type, an unknown or a missing field.
    MalformedRequest,
    /// The body is larger than the server accepts.
    BodyTooLarge,
    /// The body is not `application/json`.
    UnsupportedMediaType,
    /// A field is well-formed JSON but its value is not acceptable (an IBAN, a date, ...).
    InvalidValue,
    /// A mobile number that is neither a Finnish mobile number nor an E.164 number.
    PhoneNumberInvalid,
    /// No such endpoint or resource (or not one of this customer's).
    NotFound,
    /// The endpoint exists but not with this HTTP method.
    MethodNotAllowed,
    /// Too many attempts in a short time; try again later.
    RateLimited,

    // Sessions and credentials.
    /// No session token, or one the bank does not know.
    Unauthorized,
    /// The session ended after 5 minutes without activity: log in again.
    SessionExpired,
    /// The username or the password is wrong (the bank does not say which).
    InvalidCredentials,
    /// The user code is locked after wrong PINs or passwords; the customer can unlock it
    /// in the online bank with HETU, user id, an SMS code and a key-card code.
    UserCodeLocked,
    /// The user code is locked after wrong key-card codes: only the bank can open it.
    UserCodeLockedAtBank,
    /// The online-bank codes are blocked through the blocking service.
    CodesBlocked,
    /// The password must be changed before anything else (after a self-service unlock).
    PasswordChangeRequired,
    /// The new password does not meet the rules (6 to 8 characters, no spaces).
    PasswordRejected,
    /// The new password is the same as the current one.
    PasswordSameAsCurrent,
    /// The new password is one character repeated.
    PasswordRepeatedCharacter,
    /// The new password contains the user id (or is part of it).
    PasswordContainsUserId,
    /// The new password is one of the most common passwords.
    PasswordTooCommon,

    // Registration and step-up codes.
    /// Registration needs a mobile number registered in the online bank.
    NoPhoneNumber,
    /// Registration needs the SMS service switched on in the online bank.
    SmsServiceOff,
    /// The key-card code is wrong.
    KeyCardCodeWrong,
    /// The SMS code is wrong.
    SmsCodeWrong,
    /// The SMS code is missing: a payment to a new payee needs the code the bank sent.
    SmsCodeRequired,
    /// The SMS code or the registration expired; start again.
    Expired,
    /// A step was done out of order (e.g. the SMS code before the key-card code).
    WrongStep,
    /// The bank requires evidence that the key is in the phone's secure hardware (key
    /// attestation) and the phone sent none: this phone or app cannot be used with the bank.
    AttestationRequired,
    /// The key's attestation did not pass the bank's checks (not the bank's app, a key
    /// outside the secure hardware, an unlocked bootloader, evidence for another key).
    AttestationFailed,

    // Challenges and assertions.
    /// The challenge is unknown (never issued, or forgotten after a restart).
    ChallengeUnknown,
    /// The challenge expired (server time decides); ask for a new one.
    ChallengeExpired,
    /// The challenge was already used: assertions are single use.
    ChallengeUsed,
    /// The challenge was issued for another purpose, profile or object.
    ChallengeMismatch,
    /// The assertion's counter is not greater than the last accepted one.
    CounterNotIncreasing,
    /// The approval did not verify. Never says which factor failed.
    SignatureInvalid,
    /// The confirmation text sent is not, byte for byte, the text the bank renders from its
    /// own record of the payment in the language the app showed it in.
    ShownTextMismatch,
    /// The profile is locked after 5 failed approvals.
    ProfileLocked,
    /// The customer locked this profile in the online bank; it is opened there.
    ProfileLockedByCustomer,
    /// The profile waits to be unlocked in the online bank.
    ProfilePendingUnlock,
    /// The profile was removed (remotely or by the bank) and can never be used again.
    ProfileRevoked,
    /// The action needs an active profile (e.g. registering biometrics).
    ProfileNotActive,
    /// An approval with biometrics, but no biometric key is registered.
    BiometricNotRegistered,
    /// The phone's operating system is too old for the bank (or the platform unsupported).
    OsNotSupported,
    /// The app version is too old: update the app.
    AppUpdateRequired,

    // Banking.
    /// The account does not have enough money for the payment.
    InsufficientFunds,
    /// The object is not in a state that allows this (already confirmed, cancelled, ...).
    Conflict,
    /// The meeting cannot be joined yet: joining opens 15 minutes before the start.
    MeetingNotOpen,
    /// The meeting has ended or was cancelled.
    MeetingClosed,
    /// A meeting has at most three customers besides the expert.
    MeetingFull,
    /// The meeting identifier is wrong.
    IdentifierWrong,
    /// The document has already been signed by this customer.
    AlreadySigned,
    /// Download is possible only for completed documents, for 30 days.
    DownloadUnavailable,

    /// Something failed on the bank's side; try again later.
    Internal,
    /// A value this version of the app does not know (the bank added one after it was
    /// released): read without failing, shown neutrally. Never sent.
    #[serde(other)]
    Unknown,
}

impl ErrorCode {
    /// Every code the bank sends, for documentation and tests ([`ErrorCode::Unknown`] is
    /// the phone's name for any other).
    pub const ALL: [ErrorCode; 53] = [
        ErrorCode::MalformedRequest,
        ErrorCode::BodyTooLarge,
        ErrorCode::UnsupportedMediaType,
        ErrorCode::InvalidValue,
        ErrorCode::PhoneNumberInvalid,
        ErrorCode::NotFound,
        ErrorCode::MethodNotAllowed,
        ErrorCode::RateLimited,
        ErrorCode::Unauthorized,
        ErrorCode::SessionExpired,
        ErrorCode::InvalidCredentials,
        ErrorCode::UserCodeLocked,
        ErrorCode::UserCodeLockedAtBank,
        ErrorCode::CodesBlocked,
        ErrorCode::PasswordChangeRequired,
        ErrorCode::PasswordRejected,
        ErrorCode::PasswordSameAsCurrent,
        ErrorCode::PasswordRepeatedCharacter,
        ErrorCode::PasswordContainsUserId,
        ErrorCode::PasswordTooCommon,
        ErrorCode::NoPhoneNumber,
        ErrorCode::SmsServiceOff,
        ErrorCode::KeyCardCodeWrong,
        ErrorCode::SmsCodeWrong,
        ErrorCode::SmsCodeRequired,
        ErrorCode::Expired,
        ErrorCode::WrongStep,
        ErrorCode::AttestationRequired,
        ErrorCode::AttestationFailed,
        ErrorCode::ChallengeUnknown,
        ErrorCode::ChallengeExpired,
        ErrorCode::ChallengeUsed,
        ErrorCode::ChallengeMismatch,
        ErrorCode::CounterNotIncreasing,
        ErrorCode::SignatureInvalid,
        ErrorCode::ShownTextMismatch,
        ErrorCode::ProfileLocked,
        ErrorCode::ProfileLockedByCustomer,
        ErrorCode::ProfilePendingUnlock,
        ErrorCode::ProfileRevoked,
        ErrorCode::ProfileNotActive,
        ErrorCode::BiometricNotRegistered,
        ErrorCode::OsNotSupported,
        ErrorCode::AppUpdateRequired,
        ErrorCode::InsufficientFunds,
        ErrorCode::Conflict,
        ErrorCode::MeetingNotOpen,
        ErrorCode::MeetingClosed,
        ErrorCode::MeetingFull,
        ErrorCode::IdentifierWrong,
        ErrorCode::AlreadySigned,
        ErrorCode::DownloadUnavailable,
        ErrorCode::Internal,
    ];

    /// The snake_case code as it appears on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::MalformedRequest => "malformed_request",
            ErrorCode::BodyTooLarge => "body_too_large",
            ErrorCode::UnsupportedMediaType => "unsupported_media_type",
            ErrorCode::InvalidValue => "invalid_value",
            ErrorCode::PhoneNumberInvalid => "phone_number_invalid",
            ErrorCode::NotFound => "not_found",
            ErrorCode::MethodNotAllowed => "method_not_allowed",
            ErrorCode::RateLimited => "rate_limited",
            ErrorCode::Unauthorized => "unauthorized",
            ErrorCode::SessionExpired => "session_expired",
            ErrorCode::InvalidCredentials => "invalid_credentials",
            ErrorCode::UserCodeLocked => "user_code_locked",
            ErrorCode::UserCodeLockedAtBank => "user_code_locked_at_bank",
            ErrorCode::CodesBlocked => "codes_blocked",
            ErrorCode::PasswordChangeRequired => "password_change_required",
            ErrorCode::PasswordRejected => "password_rejected",
            ErrorCode::PasswordSameAsCurrent => "password_same_as_current",
            ErrorCode::PasswordRepeatedCharacter => "password_repeated_character",
            ErrorCode::PasswordContainsUserId => "password_contains_user_id",
            ErrorCode::PasswordTooCommon => "password_too_common",
            ErrorCode::NoPhoneNumber => "no_phone_number",
            ErrorCode::SmsServiceOff => "sms_service_off",
            ErrorCode::KeyCardCodeWrong => "key_card_code_wrong",
            ErrorCode::SmsCodeWrong => "sms_code_wrong",
            ErrorCode::SmsCodeRequired => "sms_code_required",
            ErrorCode::Expired => "expired",
            ErrorCode::WrongStep => "wrong_step",
            ErrorCode::AttestationRequired => "attestation_required",
            ErrorCode::AttestationFailed => "attestation_failed",
            ErrorCode::ChallengeUnknown => "challenge_unknown",
            ErrorCode::ChallengeExpired => "challenge_expired",
            ErrorCode::ChallengeUsed => "challenge_used",
            ErrorCode::ChallengeMismatch => "challenge_mismatch",
            ErrorCode::CounterNotIncreasing => "counter_not_increasing",
            ErrorCode::SignatureInvalid => "signature_invalid",
            ErrorCode::ShownTextMismatch => "shown_text_mismatch",
            ErrorCode::ProfileLocked => "profile_locked",
            ErrorCode::ProfileLockedByCustomer => "profile_locked_by_customer",
            ErrorCode::ProfilePendingUnlock => "profile_pending_unlock",
            ErrorCode::ProfileRevoked => "profile_revoked",
            ErrorCode::ProfileNotActive => "profile_not_active",
            ErrorCode::BiometricNotRegistered => "biometric_not_registered",
            ErrorCode::OsNotSupported => "os_not_supported",
            ErrorCode::AppUpdateRequired => "app_update_required",
            ErrorCode::InsufficientFunds => "insufficient_funds",
            ErrorCode::Conflict => "conflict",
            ErrorCode::MeetingNotOpen => "meeting_not_open",
            ErrorCode::MeetingClosed => "meeting_closed",
            ErrorCode::MeetingFull => "meeting_full",
            ErrorCode::IdentifierWrong => "identifier_wrong",
            ErrorCode::AlreadySigned => "already_signed",
            ErrorCode::DownloadUnavailable => "download_unavailable",
            ErrorCode::Internal => "internal",
            ErrorCode::Unknown => "unknown",
        }
    }

    /// The HTTP status the bank answers with this code.
    pub fn http_status(self) -> u16 {
        match self {
            ErrorCode::MalformedRequest | ErrorCode::WrongStep => 400,
            ErrorCode::Unauthorized
            | ErrorCode::SessionExpired
            | ErrorCode::InvalidCredentials
            | ErrorCode::KeyCardCodeWrong
            | ErrorCode::SmsCodeWrong
            | ErrorCode::SmsCodeRequired
            | ErrorCode::SignatureInvalid
            | ErrorCode::IdentifierWrong => 401,
            ErrorCode::CodesBlocked
            | ErrorCode::PasswordChangeRequired
            | ErrorCode::NoPhoneNumber
            | ErrorCode::SmsServiceOff
            | ErrorCode::ProfilePendingUnlock
            | ErrorCode::ProfileRevoked
            | ErrorCode::OsNotSupported
            | ErrorCode::AppUpdateRequired
            | ErrorCode::AttestationRequired
            | ErrorCode::AttestationFailed => 403,
            ErrorCode::NotFound | ErrorCode::ChallengeUnknown => 404,
            ErrorCode::MethodNotAllowed => 405,
            ErrorCode::ChallengeUsed
            | ErrorCode::ChallengeMismatch
            | ErrorCode::CounterNotIncreasing
            | ErrorCode::ProfileNotActive
            | ErrorCode::BiometricNotRegistered
            | ErrorCode::InsufficientFunds
            | ErrorCode::Conflict
            | ErrorCode::MeetingNotOpen
            | ErrorCode::MeetingFull
            | ErrorCode::AlreadySigned
            | ErrorCode::DownloadUnavailable => 409,
            ErrorCode::Expired | ErrorCode::ChallengeExpired | ErrorCode::MeetingClosed => 410,
            ErrorCode::BodyTooLarge => 413,
            ErrorCode::UnsupportedMediaType => 415,
            ErrorCode::InvalidValue
            | ErrorCode::PhoneNumberInvalid
            | ErrorCode::PasswordRejected
            | ErrorCode::PasswordSameAsCurrent
            | ErrorCode::PasswordRepeatedCharacter
            | ErrorCode::PasswordContainsUserId
            | ErrorCode::PasswordTooCommon => 422,
            ErrorCode::ShownTextMismatch => 422,
            ErrorCode::UserCodeLocked
            | ErrorCode::UserCodeLockedAtBank
            | ErrorCode::ProfileLocked
            | ErrorCode::ProfileLockedByCustomer => 423,
            ErrorCode::RateLimited => 429,
            ErrorCode::Internal | ErrorCode::Unknown => 500,
        }
    }

    /// The Fluent message id of this code's text (`core/locales/*/api.ftl`).
    /// A code this version does not know reads like [`ErrorCode::Internal`].
    pub fn message_id(self) -> String {
        let code = match self {
            ErrorCode::Unknown => ErrorCode::Internal,
            known => known,
        };
        format!("api-{}", code.as_str().replace('_', "-"))
    }

    /// The message shown to the customer, in `lang`. `attempts_left` (when the error
    /// carries it) adds how many tries remain, and the warning before the last one.
    pub fn message(self, lang: Language, attempts_left: Option<u32>) -> String {
        let base = i18n::text(lang, &self.message_id());
        match attempts_left {
            Some(1) => format!("{base} {}", i18n::text(lang, "api-last-attempt-warning")),
            Some(n) if n > 1 => format!(
                "{base} {}",
                i18n::text_with(lang, "common-attempts-left", &[("count", Arg::from(n))])
            ),
            _ => base,
        }
    }
}

impl std::fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The JSON body of every error response.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorBody {
    /// The stable code.
    pub code: ErrorCode,
    /// The customer-facing text in the request's language (Accept-Language: fi, sv, en).
    pub message: String,
    /// Attempts left before a lock, for wrong PIN approvals and wrong codes. `1` means the
    /// next failure locks: the app must warn the customer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attempts_left: Option<u32>,
}

impl ErrorBody {
    /// The body for `code` with its message in `lang`.
    pub fn new(code: ErrorCode, lang: Language) -> Self {
        ErrorBody {
            code,
            message: code.message(lang, None),
            attempts_left: None,
        }
    }

    /// The body for `code` with the attempts left and the matching message.
    pub fn with_attempts_left(code: ErrorCode, lang: Language, attempts_left: u32) -> Self {
        ErrorBody {
            code,
            message: code.message(lang, Some(attempts_left)),
            attempts_left: Some(attempts_left),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wire_codes_match_serde_names() {
        for code in ErrorCode::ALL {
            let json = serde_json::to_string(&code).unwrap();
            assert_eq!(json, format!("\"{}\"", code.as_str()));
            assert_eq!(serde_json::from_str::<ErrorCode>(&json).unwrap(), code);
        }
    }

    #[test]
    fn every_code_has_a_message_in_every_language() {
        for code in ErrorCode::ALL {
            for lang in Language::ALL {
                assert!(
                    i18n::has_message(lang, &code.message_id()),
                    "{lang}: {}",
                    code.message_id()
                );
            }
        }
        for lang in Language::ALL {
            assert!(i18n::has_message(lang, "api-last-attempt-warning"));
        }
    }

    #[test]
    fn statuses_are_client_errors_except_internal() {
        for code in ErrorCode::ALL {
            let status = code.http_status();
            if code == ErrorCode::Internal {
                assert_eq!(status, 500);
            } else {
                assert!((400..500).contains(&status), "{code}: {status}");
            }
        }
    }

    #[test]
    fn the_last_attempt_carries_a_warning() {
        let two = ErrorBody::with_attempts_left(ErrorCode::SignatureInvalid, Language::En, 2);
        let one = ErrorBody::with_attempts_left(ErrorCode::SignatureInvalid, Language::En, 1);
        assert!(two.message.contains("2 attempts left"), "{}", two.message);
        assert!(one.message.contains("lock"), "{}", one.message);
        let json = serde_json::to_value(&one).unwrap();
        assert_eq!(json["code"], "signature_invalid");
        assert_eq!(json["attempts_left"], 1);
    }
}
