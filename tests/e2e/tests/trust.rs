//! The phone refuses what does not come from the bank: a pinned-key mismatch, a policy
//! signed by another key, a policy rolled back to an older sequence number (the cached
//! one stays in force).

use avain_core::client::AvainError;
use avain_core::error::AvainErrorCode;
use avain_core::net::Trust;
use avain_core::os_policy::SignedPolicy;
use avain_e2e::{ANNA, Harness, TEST_PIN_KDF_ITERATIONS, bank_config};
use avain_sandbox::{Sandbox, SandboxOptions};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_pinned_key_mismatch_is_refused() {
    let h = Harness::start().await.unwrap();
    let other = Sandbox::start_fresh().await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut config = bank_config(&h.bank).unwrap();
    // The chain is valid (the sandbox's root), but the pin names another bank's key.
    config.trust = Trust::only_root(h.bank.root_certificate_der().to_vec())
        .pin_certificate_key(other.root_certificate_der())
        .unwrap();
    let phone = h.phone_with(dir.path(), config).unwrap();
    let anna = Harness::customer(ANNA).unwrap();
    let refused = phone
        .start_registration(anna.user_id.into(), anna.password.into())
        .await
        .unwrap_err();
    assert!(
        matches!(refused, AvainError::Untrusted { .. }),
        "{refused:?}"
    );
    // The right pin works.
    let mut config = bank_config(&h.bank).unwrap();
    config.trust = config
        .trust
        .pin_certificate_key(h.bank.root_certificate_der())
        .unwrap();
    let dir2 = tempfile::tempdir().unwrap();
    let phone = h.phone_with(dir2.path(), config).unwrap();
    phone
        .start_registration(anna.user_id.into(), anna.password.into())
        .await
        .unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_policy_signed_by_another_key_is_refused() {
    let h = Harness::start().await.unwrap();
    let other = Sandbox::start_fresh().await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut config = bank_config(&h.bank).unwrap();
    config.policy_keys = other.policy_bank_key().into_iter().collect();
    let phone = h.phone_with(dir.path(), config).unwrap();
    let refused = phone.refresh_policy().await.unwrap_err();
    assert!(
        matches!(refused, AvainError::Untrusted { .. }),
        "{refused:?}"
    );
    // Nothing was cached: the built-in policy stays in force.
    assert_eq!(phone.policy_status().await.sequence, 0);
    // The phone with the bank's real key accepts the same document.
    let accepted = h.avain.refresh_policy().await.unwrap();
    assert!(accepted.sequence >= 1);
    assert_eq!(
        accepted.decision,
        avain_core::client::PolicyDecision::Allowed
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_rolled_back_policy_is_refused_and_the_cached_one_kept() {
    let bank_dir = tempfile::tempdir().unwrap();
    let snapshot = tempfile::tempdir().unwrap();
    let first = Sandbox::start(SandboxOptions {
        data_dir: Some(bank_dir.path().to_path_buf()),
        control: true,
        ..SandboxOptions::default()
    })
    .await
    .unwrap();
    let addr = first.addr();
    first.stop().await;
    copy_dir(bank_dir.path(), snapshot.path()).unwrap();
    let bank = Sandbox::start(SandboxOptions {
        data_dir: Some(bank_dir.path().to_path_buf()),
        listen: addr,
        control: true,
        ..SandboxOptions::default()
    })
    .await
    .unwrap();
    let h = Harness::with_bank(bank, None, vec!["fi".into()], TEST_PIN_KDF_ITERATIONS).unwrap();
    // The bank publishes a newer policy; the phone accepts it.
    let current: SignedPolicy = h.browser.get("/v1/policy", None).await.unwrap();
    let keys: Vec<_> = h.bank.policy_bank_key().into_iter().collect();
    let document = current.verify(&keys).unwrap();
    let _: SignedPolicy = h
        .browser
        .post("/v1/sandbox/policy", None, &document)
        .await
        .unwrap();
    let accepted = h.avain.refresh_policy().await.unwrap().sequence;
    assert!(accepted > document.sequence, "{accepted}");

    // The same bank (same keys, same address) comes back from an older snapshot.
    let Harness { bank, avain, .. } = h;
    bank.stop().await;
    let old = Sandbox::start(SandboxOptions {
        data_dir: Some(snapshot.path().to_path_buf()),
        listen: addr,
        control: true,
        ..SandboxOptions::default()
    })
    .await
    .unwrap();
    let refused = avain.refresh_policy().await.unwrap_err();
    assert!(
        matches!(refused, AvainError::Untrusted { .. }),
        "{refused:?}"
    );
    assert_eq!(refused.code(), AvainErrorCode::PolicyStaleSequence);
    assert_eq!(avain.policy_status().await.sequence, accepted);
    old.stop().await;
}

/// Copies the bank's stopped data directory. SQLite's `-wal`/`-shm` files may vanish
/// while the last connection closes; a file gone between listing and copying is skipped
/// (its content is in the main database by then).
fn copy_dir(from: &std::path::Path, to: &std::path::Path) -> std::io::Result<()> {
    for entry in std::fs::read_dir(from)?.flatten() {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            std::fs::create_dir_all(&target)?;
            copy_dir(&entry.path(), &target)?;
        } else {
            match std::fs::copy(entry.path(), &target) {
                Ok(_) => {}
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(e),
            }
        }
    }
    Ok(())
}
