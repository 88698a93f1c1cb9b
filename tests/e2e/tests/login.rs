//! Registration, online-bank unlock, login, lockout and self-service unlock, the
//! inactivity timeout, and trust failures: the core against the sandbox over HTTPS.

use avain_core::Language;
use avain_core::client::{AvainError, RegistrationStep};
use avain_core::error::AvainErrorCode;
use avain_core::pin::PinReason;
use avain_e2e::{ANNA, Harness, LIISA, MIKKO, bank_config};

const PIN: &str = "4719";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn register_unlock_online_then_log_in() {
    let h = Harness::start().await.unwrap();
    let anna = Harness::customer(ANNA).unwrap();
    let registration = h
        .avain
        .start_registration(anna.user_id.into(), anna.password.into())
        .await
        .unwrap();
    let RegistrationStep::KeyCardCode { key_card_index } = registration.step() else {
        panic!("{:?}", registration.step())
    };
    // A wrong key-card code keeps the step.
    let wrong = registration
        .submit_key_card_code("0000".into())
        .await
        .unwrap_err();
    assert_eq!(wrong.code(), AvainErrorCode::KeyCardCodeWrong, "{wrong:?}");
    let step = registration
        .submit_key_card_code(anna.key_card_code(key_card_index))
        .await
        .unwrap();
    assert!(matches!(step, RegistrationStep::SmsCode { .. }), "{step:?}");
    // The PIN step cannot be skipped.
    assert_eq!(
        registration
            .choose_pin(PIN.into(), PIN.into())
            .await
            .unwrap_err()
            .code(),
        AvainErrorCode::WrongStep
    );
    let sms = h.sms_code(ANNA, "registration_sms_code").await.unwrap();
    registration.submit_sms_code(sms.clone()).await.unwrap();
    // Series, repeats and the birth date are refused with their reasons.
    for (pin, reason) in [
        ("1234", PinReason::Sequence),
        ("1221", PinReason::Repetition),
    ] {
        match registration
            .choose_pin(pin.into(), pin.into())
            .await
            .unwrap_err()
        {
            AvainError::PinRejected {
                code,
                reasons,
                user_message,
            } => {
                assert_eq!(code, AvainErrorCode::PinRejected);
                assert!(
                    reasons.iter().any(|r| r.reason == reason),
                    "{pin}: {reasons:?}"
                );
                assert!(!user_message.is_empty());
            }
            other => panic!("{other:?}"),
        }
    }
    let birth = anna.birth;
    let birth_pin = format!("{:02}{:02}", birth.day(), u8::from(birth.month()));
    assert!(!registration.check_pin(birth_pin).is_empty());
    // The PIN is typed twice; a repetition that differs is refused and the step stays.
    let mismatch = registration
        .choose_pin(PIN.into(), "5830".into())
        .await
        .unwrap_err();
    assert!(
        matches!(
            mismatch,
            AvainError::InvalidInput {
                code: AvainErrorCode::PinMismatch,
                ..
            }
        ),
        "{mismatch:?}"
    );
    assert!(!mismatch.user_message().is_empty());
    assert!(
        matches!(registration.step(), RegistrationStep::ChoosePin { .. }),
        "{:?}",
        registration.step()
    );
    let step = registration
        .choose_pin(PIN.into(), PIN.into())
        .await
        .unwrap();
    let RegistrationStep::ProfileName { suggestion } = step else {
        panic!("{step:?}")
    };
    assert_eq!(suggestion, anna.name);
    let step = registration.finish("Anna".into()).await.unwrap();
    let RegistrationStep::PendingUnlock {
        profile,
        instruction,
    } = step
    else {
        panic!("{step:?}")
    };
    assert_eq!(
        profile.state,
        avain_core::lifecycle::ProfileState::PendingUnlock
    );
    assert!(instruction.contains("verkkopankki"), "{instruction}");

    // Locked until the online bank unlocks it.
    let pending = h
        .avain
        .login_with_pin(profile.id.clone(), PIN.into())
        .await
        .unwrap_err();
    assert!(
        matches!(pending, AvainError::PendingUnlock { .. }),
        "{pending:?}"
    );
    assert_eq!(h.unlock_in_online_bank(anna).await.unwrap(), 1);

    let login = h
        .avain
        .login_with_pin(profile.id.clone(), PIN.into())
        .await
        .unwrap();
    assert_eq!(
        login.profile.state,
        avain_core::lifecycle::ProfileState::Active
    );
    assert_eq!(login.customer_name, anna.name);
    assert_eq!(h.avain.logged_in_profile(), Some(profile.id.clone()));
    let devices = h.avain.devices().list().await.unwrap();
    assert!(
        devices
            .iter()
            .any(|d| d.this_device && d.model == "Pixel 8")
    );

    // Nothing typed during registration is in the phone's data directory.
    let card = anna.key_card_code(key_card_index);
    let hetu = anna.hetu();
    let found = h.secrets_in_data_dir(&[PIN, anna.password, &hetu, &card, &sms]);
    assert!(
        found.is_empty(),
        "found in the data directory: {}",
        found.len()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn five_wrong_pins_lock_and_self_service_unlock_opens() {
    let h = Harness::start().await.unwrap();
    let anna = Harness::customer(ANNA).unwrap();
    let id = h.active_profile(anna, PIN).await.unwrap();
    let mut attempts = Vec::new();
    for _ in 0..4 {
        match h
            .avain
            .login_with_pin(id.clone(), "9371".into())
            .await
            .unwrap_err()
        {
            AvainError::WrongPin {
                attempts_left,
                user_message,
                ..
            } => {
                assert!(!user_message.contains("9371"));
                attempts.push(attempts_left.unwrap());
            }
            other => panic!("{other:?}"),
        }
    }
    assert_eq!(attempts, [4, 3, 2, 1]);
    let locked = h
        .avain
        .login_with_pin(id.clone(), "9371".into())
        .await
        .unwrap_err();
    assert!(
        matches!(
            locked,
            AvainError::Locked {
                self_service: true,
                ..
            }
        ),
        "{locked:?}"
    );
    assert!(matches!(
        h.avain.profile(&id).await.unwrap().state,
        avain_core::lifecycle::ProfileState::Locked { .. }
    ));
    // Even the right PIN does not open a locked profile.
    let still = h
        .avain
        .login_with_pin(id.clone(), PIN.into())
        .await
        .unwrap_err();
    assert!(matches!(still, AvainError::Locked { .. }), "{still:?}");

    // Self-service unlock: HETU and user id, then the SMS code and a key-card code.
    let bad_hetu = h
        .avain
        .start_user_code_unlock(ANNA.into(), "131052-308X".into())
        .await
        .unwrap_err();
    assert!(
        matches!(bad_hetu, AvainError::InvalidInput { .. }),
        "{bad_hetu:?}"
    );
    let started = h
        .avain
        .start_user_code_unlock(ANNA.into(), anna.hetu())
        .await
        .unwrap();
    let sms = h.sms_code(ANNA, "user_code_unlock_sms_code").await.unwrap();
    let done = h
        .avain
        .finish_user_code_unlock(
            started.unlock_id,
            sms,
            anna.key_card_code(started.key_card_index),
        )
        .await
        .unwrap();
    assert!(done.profiles_unlocked >= 1);
    assert_eq!(
        h.avain.profile(&id).await.unwrap().state,
        avain_core::lifecycle::ProfileState::Active
    );
    h.avain.login_with_pin(id, PIN.into()).await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn five_minutes_without_activity_log_out() {
    let h = Harness::start().await.unwrap();
    let anna = Harness::customer(ANNA).unwrap();
    h.active_profile(anna, PIN).await.unwrap();
    h.clock.advance(time::Duration::minutes(4));
    h.avain.devices().list().await.unwrap();
    h.clock.advance(time::Duration::minutes(5));
    let out = h.avain.devices().list().await.unwrap_err();
    assert!(matches!(out, AvainError::LoggedOut { .. }), "{out:?}");
    assert_eq!(h.avain.logged_in_profile(), None);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn registration_needs_a_phone_number() {
    let h = Harness::start().await.unwrap();
    let liisa = Harness::customer(LIISA).unwrap();
    let refused = h
        .avain
        .start_registration(liisa.user_id.into(), liisa.password.into())
        .await
        .unwrap_err();
    assert_eq!(refused.code(), AvainErrorCode::NoPhoneNumber, "{refused:?}");
    let wrong = h
        .avain
        .start_registration(ANNA.into(), "wrong-password".into())
        .await
        .unwrap_err();
    assert_eq!(
        wrong.code(),
        AvainErrorCode::InvalidCredentials,
        "{wrong:?}"
    );
}

/// The bank's language rule for the app: Swedish when Swedish comes before Finnish in the
/// phone's list, even after English; English alone gives Finnish (the app is offered in
/// Finnish and Swedish unless the bank lists more).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_app_speaks_swedish_when_swedish_comes_before_finnish() {
    let h = Harness::start_with(None, vec!["en-GB".into(), "sv-SE".into(), "fi-FI".into()])
        .await
        .unwrap();
    assert_eq!(h.avain.language(), Language::Sv);
    h.avain.set_preferred_languages(vec!["en-US".into()]);
    assert_eq!(h.avain.language(), Language::Fi);
    h.avain
        .set_preferred_languages(vec!["fi-FI".into(), "sv-FI".into()]);
    assert_eq!(h.avain.language(), Language::Fi);
    h.avain.set_preferred_languages(vec!["sv_FI".into()]);
    assert_eq!(h.avain.language(), Language::Sv);
}

/// A phone registered with a push token hears from the bank (a push with no text) when the
/// online bank unlocks it; without a token, it does not.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_push_token_given_before_registration_lets_the_bank_notify_the_phone() {
    let h = Harness::start().await.unwrap();
    let anna = Harness::customer(ANNA).unwrap();
    h.avain.set_push_token(Some("fcm:abc123-token".into()));
    h.register(anna, PIN).await.unwrap();
    h.unlock_in_online_bank(anna).await.unwrap();
    let pushes: Vec<_> = h
        .outbox(ANNA)
        .await
        .unwrap()
        .messages
        .into_iter()
        .filter(|m| m.kind == "profile_unlocked" && m.text.is_none())
        .collect();
    assert_eq!(pushes.len(), 1, "{pushes:?}");
    assert!(
        pushes[0].to.as_str().starts_with("prf_"),
        "the bank's profile id"
    );

    // A blank token is no token: the next phone registered is not notified.
    let mikko = Harness::customer(MIKKO).unwrap();
    let other = tempfile::tempdir().unwrap();
    let phone = h
        .phone_with(other.path(), bank_config(&h.bank).unwrap())
        .unwrap();
    phone.set_push_token(Some("  ".into()));
    h.register_on(&phone, mikko, PIN, "Mikon puhelin")
        .await
        .unwrap();
    h.unlock_in_online_bank(mikko).await.unwrap();
    let outbox = h.outbox(MIKKO).await.unwrap();
    assert!(
        !outbox
            .messages
            .iter()
            .any(|m| m.kind == "profile_unlocked" && m.text.is_none()),
        "{:?}",
        outbox.messages
    );
}
