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

use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;

use avain_core::client::{Avain, AvainConfig, AvainError, BankConfig, PlatformParts};
use avain_core::keys::{SoftwareBiometrics, SoftwareDeviceKeys};
use avain_core::net::HttpOptions;
use avain_e2e::{ANNA, Harness, TEST_PIN_KDF_ITERATIONS, bank_config, test_device};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

const OLD_PIN: &str = "4719";
const NEW_PIN: &str = "5830";

/// When the relay drops a connection instead of passing bytes on.
type Condition = Box<dyn Fn() -> bool + Send + Sync>;

/// A TCP relay between the phone and the bank (TLS passes through untouched) that plays
/// a network or a phone failing at one moment: it closes both sides instead of passing on
/// a request (`cut_requests`) or an answer (`cut_answers`) once its condition holds, and
/// everything after it.
struct Relay {
    addr: SocketAddr,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for Relay {
    fn drop(&mut self) {
        self.task.abort();
    }
}

struct Faults {
    cut_requests: Option<Condition>,
    cut_answers: Option<Condition>,
}

impl Relay {
    async fn start(bank: SocketAddr, faults: Faults) -> Relay {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let faults = Arc::new(faults);
        let task = tokio::spawn(async move {
            while let Ok((phone, _)) = listener.accept().await {
                let faults = Arc::clone(&faults);
                tokio::spawn(async move {
                    if let Ok(bank) = TcpStream::connect(bank).await {
                        pipe(phone, bank, &faults).await;
                    }
                });
            }
        });
        Relay { addr, task }
    }

    /// The phone's bank configuration with the URL through this relay.
    fn config(&self, h: &Harness) -> BankConfig {
        BankConfig {
            url: format!("https://127.0.0.1:{}", self.addr.port()),
            ..bank_config(&h.bank).unwrap()
        }
    }
}

/// Passes bytes both ways until either side closes or a fault cuts; returning drops (and
/// so closes) both connections.
async fn pipe(mut phone: TcpStream, mut bank: TcpStream, faults: &Faults) {
    let holds = |condition: &Option<Condition>| condition.as_ref().is_some_and(|c| c());
    let (mut up, mut down) = (vec![0u8; 16 * 1024], vec![0u8; 16 * 1024]);
    loop {
        tokio::select! {
            read = phone.read(&mut up) => {
                let n = match read { Ok(0) | Err(_) => return, Ok(n) => n };
                if holds(&faults.cut_requests) || bank.write_all(&up[..n]).await.is_err() {
                    return;
                }
            }
            read = bank.read(&mut down) => {
                let n = match read { Ok(0) | Err(_) => return, Ok(n) => n };
                if holds(&faults.cut_answers) || phone.write_all(&down[..n]).await.is_err() {
                    return;
                }
            }
        }
    }
}

/// A query on one of the two databases: its single number, or 0 when it cannot run
/// (a table or column this version of the code does not have).
fn count(path: &Path, sql: &str) -> i64 {
    rusqlite::Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
        .and_then(|conn| conn.query_row(sql, [], |r| r.get(0)))
        .unwrap_or(0)
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

/// The bank has stored the start of a PIN change.
fn bank_started(h: &Harness) -> Condition {
    let db = h.bank.database_path();
    Box::new(move || {
        count(
            &db,
            "SELECT count(*) FROM pending_changes WHERE kind = 'pin'",
        ) > 0
    })
}

/// The phone has stored its pending PIN change: what it sends next is the confirmation.
fn phone_ready_to_confirm(h: &Harness) -> Condition {
    let db = h.data_dir().join(avain_core::store::DATABASE_FILE);
    Box::new(move || count(&db, "SELECT count(*) FROM pending_pin_changes") > 0)
}

/// A new app on the harness phone's data directory and keystore, talking to `bank`.
fn open_phone(h: &Harness, bank: BankConfig) -> Arc<Avain> {
    let parts = PlatformParts {
        secrets: h.secrets.clone(),
        device_keys: Arc::new(SoftwareDeviceKeys::new(h.secrets.clone())),
        biometric_keys: Arc::new(SoftwareBiometrics::new(h.secrets.clone(), h.sensor.clone())),
        clock: h.clock.clone(),
    };
    Avain::open(
        AvainConfig {
            data_dir: h.data_dir().to_path_buf(),
            bank,
            preferred_languages: vec!["fi".to_owned()],
            supported_languages: Vec::new(),
            device: test_device(),
            pin_kdf_iterations: TEST_PIN_KDF_ITERATIONS,
            http: HttpOptions::default(),
        },
        parts,
    )
    .unwrap()
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
    let relay = Relay::start(h.bank.addr(), faults(&h)).await;
    let dying = open_phone(&h, relay.config(&h));
    dying
        .login_with_pin(id.clone(), OLD_PIN.into())
        .await
        .unwrap();
    let error = dying
        .change_pin(OLD_PIN.into(), NEW_PIN.into())
        .await
        .unwrap_err();
    drop(dying);
    drop(relay);
    (h, id, error)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_pin_change_whose_commit_answer_is_lost_logs_in_with_the_new_pin_only() {
    let (h, id, error) = interrupted_change(|h| Faults {
        cut_requests: None,
        cut_answers: Some(bank_committed(h)),
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
        cut_answers: None,
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
        .change_pin(OLD_PIN.into(), NEW_PIN.into())
        .await
        .unwrap();
    phone.login_with_pin(id, NEW_PIN.into()).await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_pin_change_whose_start_answer_is_lost_logs_in_with_the_old_pin() {
    let (h, id, error) = interrupted_change(|h| Faults {
        cut_requests: None,
        cut_answers: Some(bank_started(h)),
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
    for (pin, reason) in [("0385", "birth_date"), ("140385", "date")] {
        let refused = h
            .avain
            .change_pin(OLD_PIN.into(), pin.into())
            .await
            .unwrap_err();
        let AvainError::PinRejected { reasons, .. } = refused else {
            panic!("{pin}: {refused:?}");
        };
        let codes: Vec<&str> = reasons.iter().map(|r| r.code.as_str()).collect();
        assert_eq!(codes, [reason], "{pin}");
    }
    assert_eq!(bank_profile(&h), (0, "active".to_owned(), 0));
    h.avain.login_with_pin(id, OLD_PIN.into()).await.unwrap();
}
