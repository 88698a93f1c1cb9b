//! A TCP relay between a phone and the bank that can hold the bank's answer back, for the
//! Kotlin and Swift cancellation tests (as tests/e2e/tests/cancellation.rs does for Rust):
//! the test opens its phone on the relay's URL, arms the relay, starts a call, waits until
//! an answer is held, cancels the call and releases the answer. TLS passes through
//! untouched; the relay only sees when the bank answers. The relay itself is the one the
//! Rust tests use (`avain_sandbox::relay`); this file puts it behind HTTP.
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
use std::sync::{Arc, Mutex, PoisonError};

use avain_sandbox::relay::{Faults, Relay};
use axum::extract::{Path, State};
use axum::http::StatusCode;

use crate::{Answer, Control, not_found};

/// The relays started by the tests, by their port.
#[derive(Default)]
pub struct Relays(Mutex<HashMap<u16, Arc<Armed>>>);

/// A relay (avain_sandbox::relay) and when it holds the bank's answer.
pub struct Armed {
    relay: Relay,
    when: Arc<Mutex<Condition>>,
    bank_db: PathBuf,
}

impl Relays {
    fn get(&self, id: u16) -> Result<Arc<Armed>, (StatusCode, String)> {
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get(&id)
            .cloned()
            .ok_or_else(|| not_found("such relay"))
    }
}

/// When the relay holds answers back: never, from the next answer, or once the bank
/// accepted `count` approvals of `purpose`.
enum Condition {
    Never,
    NextAnswer,
    Approvals { purpose: String, count: i64 },
}

impl Condition {
    fn holds(&self, bank_db: &FsPath) -> bool {
        match self {
            Condition::Never => false,
            Condition::NextAnswer => true,
            Condition::Approvals { purpose, count } => approvals(bank_db, purpose) >= *count,
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
    let bank_db = control.bank.database_path();
    let when = Arc::new(Mutex::new(Condition::Never));
    let (checked, db) = (Arc::clone(&when), bank_db.clone());
    let faults = Faults {
        hold_answers: Some(Box::new(move || {
            checked
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .holds(&db)
        })),
        ..Faults::default()
    };
    let relay = Relay::start(control.bank.addr(), faults)
        .await
        .map_err(|e| (StatusCode::INTERNAL_SERVER_ERROR, format!("{e}\n")))?;
    let (url, port) = (relay.url(), relay.port());
    control
        .relays
        .0
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .insert(
            port,
            Arc::new(Armed {
                relay,
                when,
                bank_db,
            }),
        );
    Ok(format!("url {url}\nid {port}\n"))
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
    arm(&control, id, |armed| Condition::Approvals {
        count: approvals(&armed.bank_db, &purpose) + 1,
        purpose,
    })
}

fn arm(control: &Control, id: u16, condition: impl FnOnce(&Armed) -> Condition) -> Answer {
    let armed = control.relays.get(id)?;
    let condition = condition(&armed);
    *armed.when.lock().unwrap_or_else(PoisonError::into_inner) = condition;
    Ok("armed\n".to_owned())
}

/// `GET /relay/{id}`
pub async fn status(State(control): State<Arc<Control>>, Path(id): Path<u16>) -> Answer {
    let armed = control.relays.get(id)?;
    Ok(format!(
        "held {}\npassed {}\n",
        armed.relay.is_holding(),
        armed.relay.has_passed()
    ))
}

/// `POST /relay/{id}/release`
pub async fn release(State(control): State<Arc<Control>>, Path(id): Path<u16>) -> Answer {
    control.relays.get(id)?.relay.release();
    Ok("released\n".to_owned())
}
