use super::build::own_message_id;
use super::*;
use crate::api::ErrorCode;
use crate::i18n::{self, Language};
use crate::keys::KeyError;
use crate::net::NetError;
use crate::payments::{BarcodeError, MoneyError};
use crate::pin::PinReason;
use crate::secrets::SecretStoreError;

#[test]
fn the_codes_equal_the_golden_list() {
    let golden: Vec<&str> = include_str!("codes.txt").lines().collect();
    let mut ours: Vec<&str> = AvainErrorCode::ALL.iter().map(|c| c.as_str()).collect();
    ours.sort_unstable();
    assert_eq!(
        ours, golden,
        "core/src/error/codes.txt must list every AvainErrorCode, sorted: a code added, \
         renamed or removed is a change the app and the support tools see"
    );
}

#[test]
fn codes_are_unique_snake_case_and_read_back() {
    let mut seen = std::collections::HashSet::new();
    for &code in AvainErrorCode::ALL {
        let name = code.as_str();
        assert!(seen.insert(name), "{name} twice");
        assert!(
            !name.is_empty()
                && !name.starts_with('_')
                && !name.ends_with('_')
                && !name.contains("__")
                && name.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'),
            "{name} is not snake_case"
        );
        assert_eq!(AvainErrorCode::from_code(name), Some(code));
        assert_eq!(code.to_string(), name);
    }
    assert_eq!(AvainErrorCode::from_code("key_not_found"), None);
}

#[test]
fn codes_with_their_own_message_have_it_in_every_language() {
    for &code in AvainErrorCode::ALL {
        let id = own_message_id(code);
        let languages = Language::ALL
            .iter()
            .filter(|&&lang| i18n::has_message(lang, &id))
            .count();
        assert!(
            languages == 0 || languages == Language::ALL.len(),
            "{id} is in {languages} of the languages"
        );
    }
}

#[test]
fn the_banks_codes_keep_their_wire_names() {
    for code in ErrorCode::ALL {
        assert_eq!(AvainErrorCode::from(code).as_str(), code.as_str());
    }
    assert_eq!(
        AvainErrorCode::from(ErrorCode::Unknown),
        AvainErrorCode::BankCodeUnknown
    );
}

fn bank(status: u16, code: ErrorCode, attempts_left: Option<u32>) -> NetError {
    NetError::Bank {
        status,
        code,
        attempts_left,
    }
}

#[test]
fn bank_codes_become_actions() {
    let wrong = AvainError::from_net(
        Language::En,
        bank(401, ErrorCode::SignatureInvalid, Some(3)),
    );
    assert_eq!(wrong.code(), AvainErrorCode::WrongPin);
    assert!(wrong.user_message().contains('3'), "{wrong}");
    let locked = AvainError::from_net(Language::Fi, bank(423, ErrorCode::ProfileLocked, None));
    assert!(matches!(
        locked,
        AvainError::Locked {
            code: AvainErrorCode::ProfileLocked,
            self_service: true,
            ..
        }
    ));
    let unknown = AvainError::from_net(Language::Sv, bank(400, ErrorCode::Unknown, None));
    assert!(matches!(
        unknown,
        AvainError::Refused {
            code: AvainErrorCode::BankCodeUnknown,
            ..
        }
    ));
    assert!(!unknown.user_message().is_empty());
    let revoked = AvainError::from_net(Language::En, bank(403, ErrorCode::ProfileRevoked, None));
    assert_eq!(revoked.code(), AvainErrorCode::ProfileRevoked);
    assert!(matches!(revoked, AvainError::ProfileRemoved { .. }));
}

#[test]
fn an_attestation_refusal_says_the_phone_cannot_be_used_and_what_to_do() {
    for (code, ours) in [
        (
            ErrorCode::AttestationRequired,
            AvainErrorCode::AttestationRequired,
        ),
        (
            ErrorCode::AttestationFailed,
            AvainErrorCode::AttestationFailed,
        ),
    ] {
        for lang in Language::ALL {
            let error = AvainError::from_net(lang, bank(403, code, None));
            assert_eq!(error.code(), ours);
            assert!(
                matches!(error, AvainError::DeviceNotSupported { .. }),
                "{error:?}"
            );
            assert_eq!(error.user_message(), code.message(lang, None));
        }
    }
    let fi = AvainError::from_net(
        Language::Fi,
        bank(403, ErrorCode::AttestationRequired, None),
    );
    assert!(fi.user_message().contains("verkkopankkia"), "{fi}");
}

#[test]
fn every_core_text_exists_in_every_language() {
    for lang in Language::ALL {
        for id in [
            "internal",
            "cancelled",
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
            "pin-mismatch",
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
    assert_eq!(minutes.code(), AvainErrorCode::RateLimited);
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
    assert!(minutes.user_message().contains("50 minutes"), "{minutes}");
    let seconds = AvainError::from_net(
        Language::Fi,
        NetError::Throttled {
            retry_after_s: Some(1),
        },
    );
    assert!(seconds.user_message().contains('1'), "{seconds}");
    let unknown = AvainError::from_net(
        Language::Sv,
        NetError::Throttled {
            retry_after_s: None,
        },
    );
    assert!(!unknown.user_message().is_empty());
    // The bank's code without the status (a proxy rewrote it) is the same action.
    let coded = AvainError::from_net(Language::En, bank(400, ErrorCode::RateLimited, None));
    assert!(matches!(coded, AvainError::TryLater { .. }), "{coded:?}");
}

#[test]
fn key_errors_map_to_actions() {
    let cases = [
        (
            KeyError::BiometricRefused,
            AvainErrorCode::KeyBiometricRefused,
        ),
        (
            KeyError::BiometricSetChanged,
            AvainErrorCode::KeyBiometricSetChanged,
        ),
        (
            KeyError::BiometricUnavailable,
            AvainErrorCode::KeyBiometricUnavailable,
        ),
        (KeyError::NotFound, AvainErrorCode::KeysMissing),
        (KeyError::Corrupted, AvainErrorCode::KeyCorrupted),
        (KeyError::SigningFailed, AvainErrorCode::KeySigningFailed),
        (
            KeyError::Secrets(SecretStoreError::Unavailable),
            AvainErrorCode::SecretStoreUnavailable,
        ),
    ];
    for (error, code) in cases {
        for lang in Language::ALL {
            let public = error.clone().into_avain_error(lang);
            assert_eq!(public.code(), code, "{error:?}");
            let expected_variant = match code {
                AvainErrorCode::KeysMissing => matches!(public, AvainError::ProfileRemoved { .. }),
                AvainErrorCode::KeyBiometricRefused
                | AvainErrorCode::KeyBiometricSetChanged
                | AvainErrorCode::KeyBiometricUnavailable => {
                    matches!(public, AvainError::BiometricsUnavailable { .. })
                }
                _ => matches!(public, AvainError::Internal { .. }),
            };
            assert!(expected_variant, "{error:?}: {public:?}");
            assert!(!public.user_message().is_empty());
        }
    }
    // A locked keystore keeps the secret store's own advice (unlock the device).
    let locked = KeyError::Secrets(SecretStoreError::Unavailable).into_avain_error(Language::En);
    assert_eq!(
        locked.user_message(),
        SecretStoreError::Unavailable.message(Language::En)
    );
}

#[test]
fn parser_errors_are_input_errors_named_for_their_parser() {
    let error = MoneyError::TooLarge.into_avain_error(Language::Fi);
    assert_eq!(error.code(), AvainErrorCode::AmountTooLarge);
    assert_eq!(
        error.user_message(),
        MoneyError::TooLarge.message(Language::Fi)
    );
    let error = BarcodeError::BadLength.into_avain_error(Language::Sv);
    assert!(matches!(
        error,
        AvainError::InvalidInput {
            code: AvainErrorCode::BarcodeBadLength,
            ..
        }
    ));
}

#[test]
fn pin_rejections_keep_the_typed_reason_and_join_the_texts() {
    let reasons = vec![
        PinRejection::new(PinReason::Sequence, Language::Fi),
        PinRejection::new(PinReason::Common, Language::Fi),
    ];
    let Err(AvainError::PinRejected {
        code,
        reasons,
        user_message,
    }) = AvainError::unless_pin_rejected(reasons)
    else {
        panic!("not PinRejected");
    };
    assert_eq!(code, AvainErrorCode::PinRejected);
    assert_eq!(reasons[0].reason, PinReason::Sequence);
    assert!(user_message.contains(&reasons[1].message));
    assert_eq!(AvainError::unless_pin_rejected(Vec::new()), Ok(()));
}

#[test]
fn a_password_rejection_is_the_banks_answer_with_its_text() {
    use crate::password::{PasswordReason, check_new_password};
    let reason = check_new_password("salasana", "50010001", None).unwrap_err();
    let rejection = PasswordRejection::new(reason, Language::Sv);
    assert_eq!(rejection.reason, PasswordReason::Common);
    assert_eq!(
        rejection.message,
        PasswordReason::Common.message(Language::Sv)
    );
    assert_eq!(
        AvainErrorCode::from(rejection.reason.error_code()),
        AvainErrorCode::PasswordTooCommon
    );
}
