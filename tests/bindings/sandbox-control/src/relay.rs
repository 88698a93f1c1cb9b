//! A TCP relay between a phone and the bank that can hold the bank's answer back, for the
//! Kotlin and Swift cancellation tests (as tests/e2e/tests/cancellation.rs does for Rust):
//! the test opens its phone on the relay's URL, arms the relay, starts a call, waits until
//! an answer is held, cancels the call and releases the answer. TLS passes through
//! untouched; the relay only sees when the bank answers.
//!
//! | request | answer |
//! |---|---|
//! | `POST /relay` | `url https://127.0.0.1:PORT` (the bank through the relay), `id PORT` |
//! | `POST /relay/{id}/hold` | holds the bank's next answer |
//! | `POST /relay/{id}/hold/{purpose}` | holds the bank's next answer once it has accepted one more approval of `purpose` (`login`, `pin_change`, ...) than now: the answer to a request the bank committed |
//! | `GET /relay/{id}` | `held true/false` (an answer is held now or was), `passed true/false` (the held answer was let through: delivered, or the phone had hung up) |
//! | `POST /relay/{id}/release` | lets the held answer and everything after it through |

use std::collections::HashMap;
use std::path::{Path as FsPath, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

use crate::{Answer, Control, not_found};

/// The relays started by the tests, by their port.
#[derive(Default)]
pub struct Relays(Mutex<HashMap<u16, Arc<Hold>>>);

impl Relays {
    fn get(&self, id: u16) -> Result<Arc<Hold>, (StatusCode, String)> {
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get(&id)
            .cloned()
            .ok_or_else(|| not_found("such relay"))
    }
}

/// When a relay holds answers back, and what it did.
pub struct Hold {
    /// The bank's database, for counting approvals.
    bank_db: PathBuf,
    /// Holding starts once this holds.
    when: Mutex<Condition>,
    held: AtomicBool,
    released: AtomicBool,
    passed: AtomicBool,
}

/// The relay's state: not holding, holding the next answer, or holding once the bank
/// accepted `count` approvals of `purpose`.
enum Condition {
    Never,
    NextAnswer,
    Approvals { purpose: String, count: i64 },
}

impl Hold {
    fn holds(&self) -> bool {
        if self.released.load(Ordering::SeqCst) {
            return false;
        }
        match &*self.when.lock().unwrap_or_else(PoisonError::into_inner) {
            Condition::Never => false,
            Condition::NextAnswer => true,
            Condition::Approvals { purpose, count } => approvals(&self.bank_db, purpose) >= *count,
        }
    }
}

/// Approvals of `purpose` the bank accepted; 0 when the database cannot be read.
fn approvals(db: &FsPath, purpose: &str) -> i64 {
    rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
        .and_then(|conn| {
            conn.query_row(
                "SELECT count(*) FROM approval_events WHERE purpose = ?1 AND outcome = 'approved'",
                [purpose],
                |row| row.get(0),
            )
        })
        .unwrap_or(0)
}

/// `POST /relay`: a new relay in front of the bank.
pub async fn start(State(control): State<Arc<Control>>) -> Answer {
    let failed = |e: std::io::Error| (StatusCode::INTERNAL_SERVER_ERROR, format!("{e}\n"));
    let listener = TcpListener::bind("127.0.0.1:0").await.map_err(failed)?;
    let port = listener.local_addr().map_err(failed)?.port();
    let hold = Arc::new(Hold {
        bank_db: control.bank.database_path(),
        when: Mutex::new(Condition::Never),
        held: AtomicBool::new(false),
        released: AtomicBool::new(false),
        passed: AtomicBool::new(false),
    });
    control
        .relays
        .0
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .insert(port, Arc::clone(&hold));
    let bank = control.bank.addr();
    tokio::spawn(async move {
        while let Ok((phone, _)) = listener.accept().await {
            let hold = Arc::clone(&hold);
            tokio::spawn(async move {
                if let Ok(bank) = TcpStream::connect(bank).await {
                    pipe(phone, bank, &hold).await;
                }
            });
        }
    });
    Ok(format!("url https://127.0.0.1:{port}\nid {port}\n"))
}

/// `POST /relay/{id}/hold`
pub async fn hold_next(State(control): State<Arc<Control>>, Path(id): Path<u16>) -> Answer {
    arm(&control, id, |_| Condition::NextAnswer)
}

/// `POST /relay/{id}/hold/{purpose}`
pub async fn hold_after_approval(
    State(control): State<Arc<Control>>,
    Path((id, purpose)): Path<(u16, String)>,
) -> Answer {
    arm(&control, id, |hold| Condition::Approvals {
        count: approvals(&hold.bank_db, &purpose) + 1,
        purpose,
    })
}

fn arm(control: &Control, id: u16, condition: impl FnOnce(&Hold) -> Condition) -> Answer {
    let hold = control.relays.get(id)?;
    let condition = condition(&hold);
    *hold.when.lock().unwrap_or_else(PoisonError::into_inner) = condition;
    Ok("armed\n".to_owned())
}

/// `GET /relay/{id}`
pub async fn status(State(control): State<Arc<Control>>, Path(id): Path<u16>) -> Answer {
    let hold = control.relays.get(id)?;
    Ok(format!(
        "held {}\npassed {}\n",
        hold.held.load(Ordering::SeqCst),
        hold.passed.load(Ordering::SeqCst)
    ))
}

/// `POST /relay/{id}/release`
pub async fn release(State(control): State<Arc<Control>>, Path(id): Path<u16>) -> Answer {
    control
        .relays
        .get(id)?
        .released
        .store(true, Ordering::SeqCst);
    Ok("released\n".to_owned())
}

/// Copies bytes both ways; an answer read from the bank while the relay holds waits
/// until it is released.
async fn pipe(mut phone: TcpStream, mut bank: TcpStream, hold: &Hold) {
    let (mut up, mut down) = (vec![0u8; 16 * 1024], vec![0u8; 16 * 1024]);
    loop {
        tokio::select! {
            read = phone.read(&mut up) => {
                let n = match read { Ok(0) | Err(_) => return, Ok(n) => n };
                if bank.write_all(&up[..n]).await.is_err() {
                    return;
                }
            }
            read = bank.read(&mut down) => {
                let n = match read { Ok(0) | Err(_) => return, Ok(n) => n };
                let holding = hold.holds();
                if holding {
                    hold.held.store(true, Ordering::SeqCst);
                    while !hold.released.load(Ordering::SeqCst) {
                        tokio::time::sleep(Duration::from_millis(5)).await;
                    }
                }
                let delivered = phone.write_all(&down[..n]).await;
                if holding {
                    hold.passed.store(true, Ordering::SeqCst);
                }
                if delivered.is_err() {
                    return;
                }
            }
        }
    }
}
