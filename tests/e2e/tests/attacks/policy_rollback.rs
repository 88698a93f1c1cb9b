//! Rolling the phone's OS policy back behind its back: whoever can write the app's data
//! directory (a backup restored, a rooted phone, malware with the app's files) puts back
//! a copy of the database from before the bank's stricter policy, or deletes the cached
//! policy's row so that the lenient built-in one applies again. Both are signed or
//! built-in policies, so checking signatures alone lets them through. The phone must keep
//! the highest sequence number it accepted outside the database (in the secret store),
//! treat an older or missing cached policy as no policy at all, fetch the bank's current
//! one, and refuse approvals until it has it: never the older policy, never the built-in.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use avain_core::client::{Avain, AvainError};
use avain_core::error::AvainErrorCode;
use avain_core::os_policy::{Platform, SignedPolicy, Version};
use avain_core::secrets::MemorySecretStore;
use avain_core::store::DATABASE_FILE;
use avain_e2e::{ANNA, Harness, ManualClock, TEST_PIN_KDF_ITERATIONS, bank_config, reopen_phone};
use avain_sandbox::Sandbox;
use avain_sandbox::client::BankClient;

const PIN: &str = "4719";

/// A phone with an active profile under the bank's first policy, in a data directory the
/// test keeps (`dir`/app).
async fn phone_with_active_profile(dir: &Path) -> (Harness, String) {
    let bank = Sandbox::start_fresh().await.expect("sandbox");
    let h = Harness::with_bank(
        bank,
        Some(dir.join("app")),
        vec!["fi".to_owned()],
        TEST_PIN_KDF_ITERATIONS,
    )
    .expect("phone");
    let anna = Harness::customer(ANNA).expect("customer");
    let profile = h.active_profile(anna, PIN).await.expect("active profile");
    let status = h.avain.policy_status().await;
    assert_eq!(
        (status.sequence, status.decision),
        (1, avain_core::client::PolicyDecision::Allowed)
    );
    (h, profile)
}

/// The same phone opened again on `data_dir`: same keystore, a new process.
fn reopen(data_dir: &Path, bank: &Sandbox, secrets: &Arc<MemorySecretStore>) -> Arc<Avain> {
    let config = bank_config(bank).expect("bank config");
    reopen_phone(
        data_dir,
        secrets.clone(),
        Arc::new(ManualClock::default()),
        config,
    )
    .expect("reopen")
}

/// The bank publishes a policy under which this phone (Android 14) may no longer run;
/// the phone fetches and accepts it. Returns its sequence number.
async fn bank_blocks_android_14(bank: &Sandbox, browser: &BankClient, phone: &Avain) -> u64 {
    let current: SignedPolicy = browser.get("/v1/policy", None).await.expect("policy");
    let keys: Vec<_> = bank.policy_bank_key().into_iter().collect();
    let mut policy = current.verify(&keys).expect("the bank's policy");
    let android = policy
        .platforms
        .get_mut(&Platform::Android)
        .expect("android rule");
    android.min_os_run = Version::new(15, 0);
    android.warn_from = None;
    android.effective = None;
    let _: SignedPolicy = browser
        .post("/v1/sandbox/policy", None, &policy)
        .await
        .expect("publish");
    let status = phone.refresh_policy().await.expect("newer policy accepted");
    assert_eq!(status.decision, avain_core::client::PolicyDecision::Blocked);
    status.sequence
}

/// The database's files (database, WAL, shared memory) of a closed phone.
fn database_files(data_dir: &Path) -> Vec<PathBuf> {
    ["", "-wal", "-shm", "-journal"]
        .iter()
        .map(|suffix| data_dir.join(format!("{DATABASE_FILE}{suffix}")))
        .collect()
}

fn copy_database(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("directory");
    for (source, target) in database_files(from).iter().zip(database_files(to)) {
        let _ = std::fs::remove_file(&target);
        if source.exists() {
            std::fs::copy(source, &target).expect("copy");
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_older_database_restored_does_not_bring_back_the_older_policy() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (h, profile) = phone_with_active_profile(dir.path()).await;
    let data_dir = h.data_dir().to_path_buf();
    let Harness {
        bank,
        browser,
        avain,
        secrets,
        ..
    } = h;

    // The attacker's copy of the database under the first policy, the phone closed.
    drop(avain);
    let saved = dir.path().join("saved");
    copy_database(&data_dir, &saved);

    let phone = reopen(&data_dir, &bank, &secrets);
    let newer = bank_blocks_android_14(&bank, &browser, &phone).await;
    assert!(newer > 1, "{newer}");
    drop(phone);

    // The older files back, the phone opened again.
    copy_database(&saved, &data_dir);
    let phone = reopen(&data_dir, &bank, &secrets);
    let status = phone.policy_status().await;
    assert_eq!(
        status.decision,
        avain_core::client::PolicyDecision::Unverified,
        "{status:?}"
    );
    assert_eq!(status.sequence, newer);

    // A login fetches the bank's current policy first, and it still blocks this phone.
    let refused = phone
        .login_with_pin(profile, PIN.to_owned())
        .await
        .expect_err("blocked phone logged in");
    assert!(
        matches!(refused, AvainError::DeviceNotSupported { .. }),
        "{refused:?}"
    );
    assert_eq!(refused.code(), AvainErrorCode::OsTooOld);
    let status = phone.policy_status().await;
    assert_eq!(
        (status.sequence, status.decision),
        (newer, avain_core::client::PolicyDecision::Blocked)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn deleting_the_cached_policy_does_not_bring_back_the_builtin_policy() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (h, profile) = phone_with_active_profile(dir.path()).await;
    let newer = bank_blocks_android_14(&h.bank, &h.browser, &h.avain).await;
    let data_dir = h.data_dir().to_path_buf();
    let Harness {
        bank,
        avain,
        secrets,
        ..
    } = h;
    drop(avain);

    let db = rusqlite::Connection::open(data_dir.join(DATABASE_FILE)).expect("database");
    assert_eq!(db.execute("DELETE FROM os_policy", []).expect("delete"), 1);
    drop(db);

    let phone = reopen(&data_dir, &bank, &secrets);
    let status = phone.policy_status().await;
    assert_eq!(
        status.decision,
        avain_core::client::PolicyDecision::Unverified,
        "{status:?}"
    );
    assert_eq!(status.sequence, newer);

    // With the bank out of reach the phone cannot fetch the current policy: it refuses
    // the approval itself instead of applying the built-in policy.
    bank.stop().await;
    let refused = phone
        .login_with_pin(profile, PIN.to_owned())
        .await
        .expect_err("approval without a policy");
    assert!(
        matches!(refused, AvainError::Untrusted { .. }),
        "{refused:?}"
    );
    assert_eq!(refused.code(), AvainErrorCode::PolicyRolledBack);
    assert_eq!(
        phone.policy_status().await.decision,
        avain_core::client::PolicyDecision::Unverified
    );
}
