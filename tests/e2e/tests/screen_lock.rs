//! The secure screen lock, through the core against the sandbox: the phone's K_dev
//! reports it (here the software keys, turned off and on as a customer would in the
//! phone's settings). Registration, enabling biometrics, logins and approvals are refused
//! without it, nothing reaches the bank, and everything works again once it is back on
//! (core/src/client/screen_lock.rs has the rule and why).

#![allow(clippy::unwrap_used)] // tests

use avain_core::client::{AvainError, RegistrationStep};
use avain_core::error::AvainErrorCode;
use avain_core::lifecycle::{BiometricKind, ProfileState};
use avain_e2e::{ANNA, Harness};

const PIN: &str = "4719";

fn assert_lock_required(error: &AvainError) {
    assert!(
        matches!(error, AvainError::ScreenLockRequired { .. }),
        "{error:?}"
    );
    assert_eq!(error.code(), AvainErrorCode::ScreenLockRequired);
    assert!(
        error.user_message().contains("näytön lukitus"),
        "{}",
        error.user_message()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn registration_needs_the_lock_at_its_start_and_when_the_key_is_made() {
    let h = Harness::start().await.unwrap();
    let anna = Harness::customer(ANNA).unwrap();
    h.device_keys.set_secure_lock_screen(false);
    let refused = h
        .avain
        .start_registration(anna.user_id.into(), anna.password.into())
        .await
        .unwrap_err();
    assert_lock_required(&refused);

    // The lock is turned on, the registration starts, and goes off again before the end.
    h.device_keys.set_secure_lock_screen(true);
    let registration = h
        .registration_before_finish(&h.avain, anna, PIN)
        .await
        .unwrap();
    h.device_keys.set_secure_lock_screen(false);
    let refused = registration.finish("Oma puhelin".into()).await.unwrap_err();
    assert_lock_required(&refused);
    assert!(h.avain.profiles().await.unwrap().is_empty());
    // Back on, the same step finishes.
    h.device_keys.set_secure_lock_screen(true);
    let step = registration.finish("Oma puhelin".into()).await.unwrap();
    assert!(
        matches!(step, RegistrationStep::PendingUnlock { .. }),
        "{step:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_the_lock_nothing_is_signed_and_the_profile_waits_for_it() {
    let h = Harness::start().await.unwrap();
    let anna = Harness::customer(ANNA).unwrap();
    let id = h.active_profile(anna, PIN).await.unwrap();
    h.avain
        .login_with_pin(id.clone(), PIN.into())
        .await
        .unwrap();

    assert!(h.avain.biometrics_offered(&id).await.unwrap());
    // Turned off while logged in: biometrics are not offered and cannot be switched on.
    h.device_keys.set_secure_lock_screen(false);
    assert!(!h.avain.biometrics_offered(&id).await.unwrap());
    let refused = h
        .avain
        .enable_biometrics(BiometricKind::Fingerprint, PIN.into())
        .await
        .unwrap_err();
    assert_lock_required(&refused);
    h.avain.logout().await.unwrap();

    // No login either, with the PIN or biometrics; the profile stays as it was.
    let refused = h
        .avain
        .login_with_pin(id.clone(), PIN.into())
        .await
        .unwrap_err();
    assert_lock_required(&refused);
    let refused = h.avain.login_with_biometrics(id.clone()).await.unwrap_err();
    assert_lock_required(&refused);
    let profile = h.avain.profile(&id).await.unwrap();
    assert_eq!(profile.state, ProfileState::Active);
    assert_eq!(h.avain.logged_in_profile(), None);

    // Back on: the same PIN logs in, and biometrics are offered and can be switched on.
    h.device_keys.set_secure_lock_screen(true);
    assert!(h.avain.biometrics_offered(&id).await.unwrap());
    h.avain
        .login_with_pin(id.clone(), PIN.into())
        .await
        .unwrap();
    h.avain
        .enable_biometrics(BiometricKind::Fingerprint, PIN.into())
        .await
        .unwrap();
    assert!(h.avain.profile(&id).await.unwrap().biometrics_enabled);
}
