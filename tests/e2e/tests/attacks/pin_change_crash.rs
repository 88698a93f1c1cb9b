//! A PIN change interrupted at each step: the answer to the bank's commit lost, the
//! confirmation cut before it reaches the bank, the start's answer lost, the phone killed
//! while the committed answer is on its way. Each time the app dies (the `Avain` object is
//! dropped, or the process holding it is killed with SIGKILL) and a new one opens on the
//! same data directory and keystore. The phone must then log in with the new PIN if the
//! bank committed the change and with the old one if it did not: never both failing, never
//! a failure counted for the PIN the bank holds, and a failure with the old PIN after the
//! commit counted like any wrong PIN. The new PIN must also pass the birth-date rule, as at
//! registration.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers outside #[test] functions

use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use avain_core::api::{
    Base64Bytes, ConfirmRequest, ErrorCode, PendingChange, PinChangeRequest, ProfileStatus,
};
use avain_core::client::{Avain, AvainError, BankConfig, Clock};
use avain_core::net::Trust;
use avain_core::os_policy::BankKey;
use avain_core::pin::PinReason;
use avain_core::secrets::{SecretBytes, SecretStore, SecretStoreError};
use avain_core::signed_bytes::Approval;
use avain_e2e::rows::{count, pin_change_started};
use avain_e2e::{ANNA, Harness, ManualClock, bank_config, reopen_phone};
use avain_sandbox::client::{BankClient, SoftwareDevice};
use avain_sandbox::relay::{Condition, Faults, Relay};
use ring::signature::KeyPair;

const OLD_PIN: &str = "4719";
const NEW_PIN: &str = "5830";

/// The phone's bank configuration with the URL through `relay`.
pub(crate) fn through(relay: &Relay, h: &Harness) -> BankConfig {
    BankConfig {
        url: relay.url(),
        ..bank_config(&h.bank).unwrap()
    }
}

/// PIN changes the bank committed (approved and applied in the same transaction).
fn committed_changes(db: &Path) -> i64 {
    count(
        db,
        "SELECT count(*) FROM approval_events WHERE purpose = 'pin_change' AND outcome = 'approved'",
    )
}

/// The bank has committed a PIN change.
fn bank_committed(h: &Harness) -> Condition {
    let db = h.bank.database_path();
    Box::new(move || committed_changes(&db) > 0)
}

/// The phone has stored its pending PIN change: what it sends next is the confirmation.
fn phone_ready_to_confirm(h: &Harness) -> Condition {
    let db = h.data_dir().join(avain_core::store::DATABASE_FILE);
    Box::new(move || count(&db, "SELECT count(*) FROM pending_pin_changes") > 0)
}

/// A new app on the harness phone's data directory and keystore, talking to `bank`.
fn open_phone(h: &Harness, bank: BankConfig) -> Arc<Avain> {
    open_app(h.data_dir(), h.secrets.clone(), h.clock.clone(), bank)
}

/// An app on `data_dir` with the keystore `secrets`.
pub(crate) fn open_app(
    data_dir: &Path,
    secrets: Arc<dyn SecretStore>,
    clock: Arc<dyn Clock>,
    bank: BankConfig,
) -> Arc<Avain> {
    reopen_phone(data_dir, secrets, clock, bank).unwrap()
}

/// A keystore in files (one per secret, named by the secret's name in hex), so that it
/// survives the phone process being killed, as a platform keystore does.
pub(crate) struct FileKeystore(pub(crate) PathBuf);

impl FileKeystore {
    fn path(&self, name: &str) -> PathBuf {
        let hex: String = name.bytes().map(|b| format!("{b:02x}")).collect();
        self.0.join(hex)
    }
}

impl SecretStore for FileKeystore {
    fn get(&self, name: &str) -> Result<Option<SecretBytes>, SecretStoreError> {
        match std::fs::read(self.path(name)) {
            Ok(bytes) => Ok(Some(SecretBytes::new(bytes))),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(_) => Err(SecretStoreError::Unavailable),
        }
    }

    fn put(&self, name: &str, value: &[u8]) -> Result<(), SecretStoreError> {
        std::fs::write(self.path(name), value).map_err(|_| SecretStoreError::Unavailable)
    }

    fn delete(&self, name: &str) -> Result<(), SecretStoreError> {
        match std::fs::remove_file(self.path(name)) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                Err(SecretStoreError::Unavailable)
            }
            _ => Ok(()),
        }
    }
}

/// Where the killed phone process finds its data directory, keystore and bank.
const PHONE_DIR: &str = "AVAIN_PIN_CHANGE_PHONE_DIR";

/// The phone process's files under `dir`.
fn phone_file(dir: &Path, name: &str) -> PathBuf {
    dir.join(name)
}

/// Starts this test binary again as the phone: only the ignored test `test`, which finds
/// its files in `dir` through the environment variable `env`.
pub(crate) fn phone_process(test: &str, env: &str, dir: &Path) -> std::process::Child {
    std::process::Command::new(std::env::current_exe().unwrap())
        .args(["--exact", test, "--ignored"])
        .env(env, dir)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap()
}

/// A phone process's files: a data directory and a keystore on disk, with Anna's
/// profile registered there with `pin` and unlocked in the online bank, and the `Avain`
/// object that made it dropped, so a child process (or a reopen) takes over.
pub(crate) struct PhoneOnDisk {
    /// Holds everything; the child process is told where by an environment variable.
    pub(crate) dir: tempfile::TempDir,
    /// The keystore, kept in files so another process reads the same secrets.
    pub(crate) keystore: Arc<dyn SecretStore>,
    /// The phone's clock.
    pub(crate) clock: Arc<dyn Clock>,
    /// The app's data directory.
    pub(crate) app_dir: PathBuf,
    /// The registered profile.
    pub(crate) id: String,
}

impl PhoneOnDisk {
    pub(crate) async fn registered(h: &Harness, pin: &str) -> PhoneOnDisk {
        let anna = Harness::customer(ANNA).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let keystore_dir = dir.path().join("keystore");
        std::fs::create_dir(&keystore_dir).unwrap();
        let keystore: Arc<dyn SecretStore> = Arc::new(FileKeystore(keystore_dir));
        let clock: Arc<dyn Clock> = Arc::new(ManualClock::default());
        let app_dir = dir.path().join("app");
        let phone = open_app(
            &app_dir,
            keystore.clone(),
            clock.clone(),
            bank_config(&h.bank).unwrap(),
        );
        let id = h.register_on(&phone, anna, pin, "Oma").await.unwrap();
        h.unlock_in_online_bank(anna).await.unwrap();
        drop(phone);
        PhoneOnDisk {
            dir,
            keystore,
            clock,
            app_dir,
            id,
        }
    }
}

/// The bank as the phone process sees it (through `url`), written for it to read.
pub(crate) fn write_bank(dir: &Path, h: &Harness, url: &str) {
    let keys = h.bank.bank_keys();
    for (name, bytes) in [
        ("url", url.as_bytes()),
        ("root.der", h.bank.root_certificate_der()),
        ("challenge_key", keys.challenge_key.as_slice()),
        ("policy_key", keys.policy_key.as_slice()),
        ("policy_key_id", keys.policy_key_id.as_bytes()),
    ] {
        std::fs::write(phone_file(dir, name), bytes).unwrap();
    }
}

pub(crate) fn read_bank(dir: &Path) -> BankConfig {
    let read = |name: &str| std::fs::read(phone_file(dir, name)).unwrap();
    let text = |name: &str| String::from_utf8(read(name)).unwrap();
    BankConfig {
        url: text("url"),
        trust: Trust::only_root(read("root.der")),
        challenge_key: read("challenge_key"),
        policy_keys: vec![BankKey::new(text("policy_key_id"), &read("policy_key")).unwrap()],
        app_links: avain_core::app_link::AppLinkDomain::Sandbox,
    }
}

/// The bank's record of Anna's phone: failures in a row, state, and how many PIN changes
/// it committed.
fn bank_profile(h: &Harness) -> (u32, String, i64) {
    let db = h.bank.database_path();
    let conn = avain_sandbox::db::connect(&db).unwrap();
    let (failures, state) = conn
        .query_row("SELECT failures, state FROM profiles", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    (failures, state, committed_changes(&db))
}

/// An active profile, and the app that is about to die: logged in through a relay with
/// `faults`.
async fn interrupted_change(
    faults: impl FnOnce(&Harness) -> Faults,
) -> (Harness, String, AvainError) {
    let h = Harness::start().await.unwrap();
    let id = h
        .active_profile(Harness::customer(ANNA).unwrap(), OLD_PIN)
        .await
        .unwrap();
    let relay = Relay::start(h.bank.addr(), faults(&h)).await.unwrap();
    let dying = open_phone(&h, through(&relay, &h));
    dying
        .login_with_pin(id.clone(), OLD_PIN.into())
        .await
        .unwrap();
    let error = dying
        .change_pin(OLD_PIN.into(), NEW_PIN.into(), NEW_PIN.into())
        .await
        .unwrap_err();
    drop(dying);
    drop(relay);
    (h, id, error)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_pin_change_whose_commit_answer_is_lost_logs_in_with_the_new_pin_only() {
    let (h, id, error) = interrupted_change(|h| Faults {
        cut_answers: Some(bank_committed(h)),
        ..Faults::default()
    })
    .await;
    assert!(matches!(error, AvainError::Network { .. }), "{error:?}");
    assert_eq!(bank_profile(&h), (0, "active".to_owned(), 1), "committed");

    let phone = open_phone(&h, bank_config(&h.bank).unwrap());
    phone
        .login_with_pin(id.clone(), NEW_PIN.into())
        .await
        .unwrap();
    // The old PIN is now a wrong PIN like any other, and counts.
    let old = phone
        .login_with_pin(id.clone(), OLD_PIN.into())
        .await
        .unwrap_err();
    assert!(
        matches!(
            old,
            AvainError::WrongPin {
                attempts_left: Some(4),
                ..
            }
        ),
        "{old:?}"
    );
    assert_eq!(bank_profile(&h).0, 1);
    phone.login_with_pin(id, NEW_PIN.into()).await.unwrap();
    assert_eq!(bank_profile(&h).0, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_pin_change_confirmation_cut_before_the_bank_logs_in_with_the_old_pin_only() {
    let (h, id, error) = interrupted_change(|h| Faults {
        cut_requests: Some(phone_ready_to_confirm(h)),
        ..Faults::default()
    })
    .await;
    assert!(matches!(error, AvainError::Network { .. }), "{error:?}");
    assert_eq!(bank_profile(&h), (0, "active".to_owned(), 0));

    let phone = open_phone(&h, bank_config(&h.bank).unwrap());
    let new = phone
        .login_with_pin(id.clone(), NEW_PIN.into())
        .await
        .unwrap_err();
    assert!(
        matches!(
            new,
            AvainError::WrongPin {
                attempts_left: Some(4),
                ..
            }
        ),
        "{new:?}"
    );
    phone
        .login_with_pin(id.clone(), OLD_PIN.into())
        .await
        .unwrap();
    assert_eq!(bank_profile(&h), (0, "active".to_owned(), 0));
    // The uncommitted change never becomes the PIN later: a new change works as usual.
    phone
        .change_pin(OLD_PIN.into(), NEW_PIN.into(), NEW_PIN.into())
        .await
        .unwrap();
    phone.login_with_pin(id, NEW_PIN.into()).await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_pin_change_whose_start_answer_is_lost_logs_in_with_the_old_pin() {
    let (h, id, error) = interrupted_change(|h| Faults {
        cut_answers: Some(pin_change_started(h)),
        ..Faults::default()
    })
    .await;
    assert!(matches!(error, AvainError::Network { .. }), "{error:?}");
    let phone = open_phone(&h, bank_config(&h.bank).unwrap());
    phone.login_with_pin(id, OLD_PIN.into()).await.unwrap();
    assert_eq!(bank_profile(&h), (0, "active".to_owned(), 0));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_pin_change_to_the_customers_birth_date_is_refused_with_the_birth_date_reason() {
    let h = Harness::start().await.unwrap();
    let anna = Harness::customer(ANNA).unwrap();
    assert_eq!(anna.birth, time::macros::date!(1985 - 03 - 14));
    let id = h.active_profile(anna, OLD_PIN).await.unwrap();
    // MMYY of the birth date: only the birth-date rule knows it (no other rule refuses
    // 0385); DDMMYY also looks like a date to anyone.
    for (pin, reason) in [("0385", PinReason::BirthDate), ("140385", PinReason::Date)] {
        let refused = h
            .avain
            .change_pin(OLD_PIN.into(), pin.into(), pin.into())
            .await
            .unwrap_err();
        let AvainError::PinRejected { reasons, .. } = refused else {
            panic!("{pin}: {refused:?}");
        };
        let reasons: Vec<PinReason> = reasons.iter().map(|r| r.reason).collect();
        assert_eq!(reasons, [reason], "{pin}");
    }
    assert_eq!(bank_profile(&h), (0, "active".to_owned(), 0));
    h.avain.login_with_pin(id, OLD_PIN.into()).await.unwrap();
}

/// The phone process that `a_phone_process_killed_after_the_bank_committed_its_pin_change_
/// logs_in_with_the_new_pin` starts and kills: logs in and changes the PIN through the
/// parent's relay, which holds the bank's answer.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "the phone process of the SIGKILL test, started by it"]
async fn phone_process_changing_its_pin() {
    let dir = PathBuf::from(std::env::var_os(PHONE_DIR).expect("started by the kill test"));
    let phone = open_app(
        &dir.join("app"),
        Arc::new(FileKeystore(dir.join("keystore"))),
        Arc::new(ManualClock::default()),
        read_bank(&dir),
    );
    let id = String::from_utf8(std::fs::read(phone_file(&dir, "profile_id")).unwrap()).unwrap();
    phone.login_with_pin(id, OLD_PIN.into()).await.unwrap();
    let outcome = phone
        .change_pin(OLD_PIN.into(), NEW_PIN.into(), NEW_PIN.into())
        .await;
    panic!("the phone process must be killed before the answer: {outcome:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_phone_process_killed_after_the_bank_committed_its_pin_change_logs_in_with_the_new_pin() {
    let h = Harness::start().await.unwrap();
    let PhoneOnDisk {
        dir,
        keystore,
        clock,
        app_dir,
        id,
    } = PhoneOnDisk::registered(&h, OLD_PIN).await;
    std::fs::write(phone_file(dir.path(), "profile_id"), &id).unwrap();

    let relay = Relay::start(
        h.bank.addr(),
        Faults {
            drop_answers: Some(bank_committed(&h)),
            ..Faults::default()
        },
    )
    .await
    .unwrap();
    write_bank(dir.path(), &h, &through(&relay, &h).url);
    let mut process = phone_process(
        "pin_change_crash::phone_process_changing_its_pin",
        PHONE_DIR,
        dir.path(),
    );
    // SIGKILL as soon as the bank has committed: the answer is held in the relay, so the
    // phone process is waiting for it.
    let db = h.bank.database_path();
    let deadline = Instant::now() + Duration::from_secs(60);
    while committed_changes(&db) == 0 {
        assert!(
            process.try_wait().unwrap().is_none(),
            "the phone process ended before the bank committed"
        );
        assert!(Instant::now() < deadline, "the bank never committed");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    process.kill().unwrap();
    let status = process.wait().unwrap();
    assert_eq!(status.signal(), Some(9), "killed, not finished: {status:?}");
    drop(relay);

    let phone = open_app(&app_dir, keystore, clock, bank_config(&h.bank).unwrap());
    phone.login_with_pin(id, NEW_PIN.into()).await.unwrap();
    assert_eq!(bank_profile(&h), (0, "active".to_owned(), 1));
}

/// Starts a PIN change to `new_pin` at the bank, as a phone would.
async fn start_change(
    client: &BankClient,
    token: &str,
    device: &SoftwareDevice,
    new_pin: &str,
) -> Result<PendingChange, avain_sandbox::client::CallError> {
    client
        .post(
            "/v1/pin-changes",
            Some(token),
            &PinChangeRequest {
                new_pin_public_key: Base64Bytes(
                    device.pin_key(new_pin).public_key().as_ref().to_vec(),
                ),
            },
        )
        .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_pin_change_confirmed_while_a_newer_one_replaces_it_commits_only_before_the_newer_one() {
    let bank = avain_sandbox::Sandbox::start_fresh().await.unwrap();
    let client = BankClient::for_sandbox(&bank).unwrap();
    let mut device = SoftwareDevice::new();
    let anna = avain_sandbox::seed::customer(ANNA).unwrap();
    client
        .register_active(anna, &mut device, OLD_PIN)
        .await
        .unwrap();
    let session = client.login(&device, Some(OLD_PIN)).await.unwrap();
    let token = session.token.expose().to_owned();
    let mut current = OLD_PIN.to_owned();
    let (mut committed, mut replaced) = (0, 0);
    for round in 0..20 {
        let (pin_a, pin_b) = (format!("a{round}"), format!("b{round}"));
        let a = start_change(&client, &token, &device, &pin_a)
            .await
            .unwrap();
        let approval = Approval::PinChange {
            new_pin_public_key: device.pin_key(&pin_a).public_key().as_ref().to_vec(),
        };
        let confirmation = ConfirmRequest {
            assertion: device.answer(&a.challenge, &approval, Some(&current)),
        };
        let path = format!("/v1/pin-changes/{}/confirm", a.change_id);
        // The confirmation of A and the start of B (which replaces A) race.
        let (confirmed, b) = tokio::join!(
            client.post::<ProfileStatus>(&path, Some(&token), &confirmation),
            start_change(&client, &token, &device, &pin_b)
        );
        let b = b.unwrap();
        // B's challenge names the key the bank holds once B is pending: A's exactly when A
        // committed, so a phone keeping only B's parameters never loses the current PIN.
        match confirmed {
            Ok(_) => {
                assert_eq!(
                    b.challenge.pin_key_id.as_ref(),
                    Some(&a.change_id),
                    "round {round}"
                );
                current = pin_a;
                committed += 1;
            }
            Err(e) => {
                assert_eq!(e.code(), Some(ErrorCode::NotFound), "round {round}");
                assert_ne!(
                    b.challenge.pin_key_id.as_ref(),
                    Some(&a.change_id),
                    "round {round}"
                );
                replaced += 1;
            }
        }
    }
    eprintln!("{committed} confirmations committed before the replacement, {replaced} after");
    client.login(&device, Some(&current)).await.unwrap();
}
