//! Trusted devices, PIN change and biometrics through the core against the sandbox.

use avain_core::client::{ApprovalFactor, AvainError};
use avain_core::error::AvainErrorCode;
use avain_core::keys::PromptResponse;
use avain_core::lifecycle::BiometricKind;
use avain_e2e::{ANNA, Harness};

const PIN: &str = "4719";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_removed_device_cannot_log_in() {
    let h = Harness::start().await.unwrap();
    let anna = Harness::customer(ANNA).unwrap();
    let id = h.active_profile(anna, PIN).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let old = h.second_phone(dir.path()).unwrap();
    let old_id = h.register_on(&old, anna, "3917", "Vanha").await.unwrap();
    h.unlock_in_online_bank(anna).await.unwrap();
    old.login_with_pin(old_id.clone(), "3917".into())
        .await
        .unwrap();

    h.avain
        .login_with_pin(id.clone(), PIN.into())
        .await
        .unwrap();
    let devices = h.avain.devices().list().await.unwrap();
    assert_eq!(devices.iter().filter(|d| d.this_device).count(), 1);
    let other = devices.iter().find(|d| !d.this_device).unwrap();
    assert_eq!(other.model, "Galaxy S21");
    // A wrong PIN does not remove it.
    let wrong = h
        .avain
        .devices()
        .remove_device(
            other.device_id.clone(),
            ApprovalFactor::Pin { pin: "9371".into() },
        )
        .await
        .unwrap_err();
    assert!(matches!(wrong, AvainError::WrongPin { .. }), "{wrong:?}");
    h.avain
        .devices()
        .remove_device(
            other.device_id.clone(),
            ApprovalFactor::Pin { pin: PIN.into() },
        )
        .await
        .unwrap();
    let refused = old
        .login_with_pin(old_id.clone(), "3917".into())
        .await
        .unwrap_err();
    assert!(
        matches!(refused, AvainError::ProfileRemoved { .. }),
        "{refused:?}"
    );
    assert_eq!(
        old.profile(&old_id).await.unwrap().state,
        avain_core::lifecycle::ProfileState::Revoked
    );

    // Deleting locally wipes the keys: the profile is gone from the picker.
    old.delete_profile_locally(&old_id).await.unwrap();
    assert!(old.profiles().await.unwrap().is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pin_change_then_only_the_new_pin_works() {
    let h = Harness::start().await.unwrap();
    let anna = Harness::customer(ANNA).unwrap();
    let id = h.active_profile(anna, PIN).await.unwrap();
    let same = h
        .avain
        .change_pin(PIN.into(), PIN.into(), PIN.into())
        .await
        .unwrap_err();
    assert!(matches!(same, AvainError::PinRejected { .. }), "{same:?}");
    // The new PIN is typed twice: a repetition that differs changes nothing.
    let mismatch = h
        .avain
        .change_pin(PIN.into(), "5830".into(), "5831".into())
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
    h.avain
        .change_pin(PIN.into(), "5830".into(), "5830".into())
        .await
        .unwrap();
    let old = h
        .avain
        .login_with_pin(id.clone(), PIN.into())
        .await
        .unwrap_err();
    assert!(matches!(old, AvainError::WrongPin { .. }), "{old:?}");
    h.avain.login_with_pin(id, "5830".into()).await.unwrap();
    // The repetition is compared before the session is even looked at: logged out, a
    // mismatch is still `pin_mismatch`, not `not_logged_in`, so nothing reached the bank.
    h.avain.logout().await.unwrap();
    let offline = h
        .avain
        .change_pin("5830".into(), "719304".into(), "719340".into())
        .await
        .unwrap_err();
    assert_eq!(offline.code(), AvainErrorCode::PinMismatch, "{offline:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn biometrics_only_when_active_and_off_after_a_set_change() {
    let h = Harness::start().await.unwrap();
    let anna = Harness::customer(ANNA).unwrap();
    let id = h.register(anna, PIN).await.unwrap();
    // Pending profile: no session, no biometrics.
    assert!(!h.avain.biometrics_offered(&id).await.unwrap());
    assert!(
        h.avain
            .enable_biometrics(BiometricKind::Fingerprint, PIN.into())
            .await
            .is_err()
    );
    h.unlock_in_online_bank(anna).await.unwrap();
    h.avain
        .login_with_pin(id.clone(), PIN.into())
        .await
        .unwrap();
    assert!(h.avain.biometrics_offered(&id).await.unwrap());
    h.avain
        .enable_biometrics(BiometricKind::Fingerprint, PIN.into())
        .await
        .unwrap();
    h.avain.login_with_biometrics(id.clone()).await.unwrap();
    // A refused prompt leaves biometrics on; the PIN still works.
    h.sensor.respond_next(PromptResponse::Refuse);
    let refused = h.avain.login_with_biometrics(id.clone()).await.unwrap_err();
    assert_eq!(
        refused.code(),
        AvainErrorCode::KeyBiometricRefused,
        "{refused:?}"
    );
    assert!(h.avain.profile(&id).await.unwrap().biometrics_enabled);
    // Someone enrols a new finger: biometrics switch off with a notice.
    h.sensor.change_biometric_set();
    let changed = h.avain.login_with_biometrics(id.clone()).await.unwrap_err();
    assert!(
        matches!(changed, AvainError::BiometricsUnavailable { .. }),
        "{changed:?}"
    );
    let profile = h.avain.profile(&id).await.unwrap();
    assert!(!profile.biometrics_enabled);
    assert!(profile.notice.is_some());
    h.avain.acknowledge_biometric_notice(&id).await.unwrap();
    assert!(h.avain.profile(&id).await.unwrap().notice.is_none());
    h.avain.login_with_pin(id, PIN.into()).await.unwrap();
}

/// The PBKDF2 iterations stored with the profile's PIN key (the profile row's).
#[allow(clippy::unwrap_used)] // a test helper outside #[test] functions
fn stored_pin_iterations(h: &Harness) -> i64 {
    rusqlite::Connection::open(h.data_dir().join(avain_core::store::DATABASE_FILE))
        .unwrap()
        .query_row("SELECT pin_iterations FROM profiles", [], |r| r.get(0))
        .unwrap()
}

/// The PIN key's cost is stored with the profile: an app whose cost for new PINs changed
/// (an update) still logs in with a profile made at the old cost, and the profile takes
/// the new cost at its next PIN change, without registering again.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_profile_made_at_another_kdf_cost_logs_in_and_takes_the_new_cost_at_a_pin_change() {
    let h = Harness::start_with_kdf(None, vec!["fi-FI".to_owned()], 3_000)
        .await
        .unwrap();
    let id = h
        .active_profile(Harness::customer(ANNA).unwrap(), PIN)
        .await
        .unwrap();
    assert_eq!(stored_pin_iterations(&h), 3_000);
    // The updated app: new PINs at TEST_PIN_KDF_ITERATIONS.
    let updated = h.reopen().unwrap();
    updated
        .login_with_pin(id.clone(), PIN.into())
        .await
        .unwrap();
    assert_eq!(stored_pin_iterations(&h), 3_000);
    updated
        .change_pin(PIN.into(), "5830".into(), "5830".into())
        .await
        .unwrap();
    assert_eq!(
        stored_pin_iterations(&h),
        i64::from(avain_e2e::TEST_PIN_KDF_ITERATIONS)
    );
    updated.logout().await.unwrap();
    updated.login_with_pin(id, "5830".into()).await.unwrap();
}
