//! The bank's SQLite database: WAL mode with `synchronous = FULL`, one writer thread that
//! commits before anyone is answered, and a few reader connections.
//!
//! Writes are jobs sent to the writer thread. It takes every job waiting (up to
//! [`MAX_BATCH`]), runs each inside its own savepoint, commits the whole batch with one
//! fsync, and only then releases the answers (group commit). A job's error rolls back its
//! savepoint only. So every answer that reports a change (a recorded failure, a confirmed
//! payment) is durable before the client sees it, and a busy server pays one fsync for
//! many requests.

pub mod records;
pub mod schema;

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, mpsc};

use rusqlite::{Connection, OpenFlags};
use tokio::sync::oneshot;

use crate::error::{ApiError, ApiResult};

/// The most jobs committed together.
pub const MAX_BATCH: usize = 256;

/// Reader connections kept open.
const READERS: usize = 4;

type Completion = Box<dyn FnOnce(bool) + Send>;
type WriteJob = Box<dyn FnOnce(&Connection) -> Completion + Send>;

/// A handle to the database; cheap to clone.
#[derive(Clone)]
pub struct Db {
    inner: Arc<Inner>,
}

struct Inner {
    path: PathBuf,
    writer: Mutex<Option<mpsc::Sender<WriteJob>>>,
    readers: Mutex<Vec<Connection>>,
}

impl std::fmt::Debug for Db {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Db")
            .field("path", &self.inner.path)
            .finish()
    }
}

/// Opens a connection with the bank's settings.
fn open_connection(path: &Path) -> rusqlite::Result<Connection> {
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    // WAL: readers never block the writer. FULL: the WAL is fsynced at every commit, so a
    // committed transaction survives power loss, not just a process crash.
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    Ok(conn)
}

impl Db {
    /// Opens (creating or migrating) the database at `path` and starts its writer thread.
    pub fn open(path: &Path) -> Result<Db, String> {
        let mut writer = open_connection(path).map_err(|e| format!("opening the database: {e}"))?;
        schema::migrate(&mut writer).map_err(|e| format!("migrating the database: {e}"))?;
        let mut readers = Vec::with_capacity(READERS);
        for _ in 0..READERS {
            readers.push(open_connection(path).map_err(|e| format!("opening a reader: {e}"))?);
        }
        let (tx, rx) = mpsc::channel::<WriteJob>();
        std::thread::Builder::new()
            .name("avain-sandbox-db-writer".to_owned())
            .spawn(move || writer_loop(&writer, &rx))
            .map_err(|e| format!("starting the database writer: {e}"))?;
        Ok(Db {
            inner: Arc::new(Inner {
                path: path.to_owned(),
                writer: Mutex::new(Some(tx)),
                readers: Mutex::new(readers),
            }),
        })
    }

    /// Runs `job` in the writer's transaction and answers after the commit. An `Err` from
    /// the job rolls back only what the job itself did.
    pub async fn write<T, F>(&self, job: F) -> ApiResult<T>
    where
        T: Send + 'static,
        F: FnOnce(&Connection) -> ApiResult<T> + Send + 'static,
    {
        let (tx, rx) = oneshot::channel::<ApiResult<T>>();
        let boxed: WriteJob = Box::new(move |conn: &Connection| -> Completion {
            let result = run_in_savepoint(conn, job);
            Box::new(move |committed: bool| {
                let answer = if committed {
                    result
                } else {
                    Err(ApiError::new(avain_protocol::api::ErrorCode::Internal))
                };
                // The requester may have gone away (client disconnected): the change is
                // committed anyway, which is what durability means.
                let _ = tx.send(answer);
            })
        });
        let sender = match self.inner.writer.lock() {
            Ok(guard) => guard.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        };
        let Some(sender) = sender else {
            return Err(ApiError::internal("database", "closed"));
        };
        sender
            .send(boxed)
            .map_err(|_| ApiError::internal("database", "writer thread stopped"))?;
        rx.await
            .map_err(|_| ApiError::internal("database", "writer dropped a job"))?
    }

    /// Runs `job` on a reader connection (a consistent snapshot of committed data).
    ///
    /// Runs on the calling task's thread: the reads here are single-row or short
    /// indexed queries (tens of microseconds), cheaper than handing them to another
    /// thread and back, which profiling showed cost more than the query itself.
    pub async fn read<T, F>(&self, job: F) -> ApiResult<T>
    where
        T: Send + 'static,
        F: FnOnce(&Connection) -> ApiResult<T> + Send + 'static,
    {
        let conn = self
            .inner
            .take_reader()
            .map_err(|e| ApiError::internal("database reader", e))?;
        let result = catch_unwind(AssertUnwindSafe(|| job(&conn)))
            .unwrap_or_else(|_| Err(ApiError::internal("database reader", "job panicked")));
        self.inner.put_reader(conn);
        result
    }

    /// Stops the writer thread after the jobs already sent.
    pub fn close(&self) {
        match self.inner.writer.lock() {
            Ok(mut guard) => *guard = None,
            Err(poisoned) => *poisoned.into_inner() = None,
        }
    }
}

impl Inner {
    fn take_reader(&self) -> rusqlite::Result<Connection> {
        let pooled = match self.readers.lock() {
            Ok(mut pool) => pool.pop(),
            Err(poisoned) => poisoned.into_inner().pop(),
        };
        match pooled {
            Some(conn) => Ok(conn),
            None => open_connection(&self.path),
        }
    }

    fn put_reader(&self, conn: Connection) {
        let mut pool = match self.readers.lock() {
            Ok(pool) => pool,
            Err(poisoned) => poisoned.into_inner(),
        };
        if pool.len() < READERS {
            pool.push(conn);
        }
    }
}

fn run_in_savepoint<T>(
    conn: &Connection,
    job: impl FnOnce(&Connection) -> ApiResult<T>,
) -> ApiResult<T> {
    conn.prepare_cached("SAVEPOINT job")?.execute([])?;
    let result = catch_unwind(AssertUnwindSafe(|| job(conn)))
        .unwrap_or_else(|_| Err(ApiError::internal("database writer", "job panicked")));
    if result.is_err() {
        conn.prepare_cached("ROLLBACK TO job")?.execute([])?;
    }
    conn.prepare_cached("RELEASE job")?.execute([])?;
    result
}

fn writer_loop(conn: &Connection, jobs: &mpsc::Receiver<WriteJob>) {
    while let Ok(first) = jobs.recv() {
        let mut batch = vec![first];
        while batch.len() < MAX_BATCH {
            match jobs.try_recv() {
                Ok(job) => batch.push(job),
                Err(_) => break,
            }
        }
        if let Err(e) = conn.execute_batch("BEGIN IMMEDIATE") {
            eprintln!("avain-sandbox: internal error: BEGIN: {e}");
            // Every job in the batch fails; none has run.
            for job in batch {
                drop(job);
            }
            continue;
        }
        let completions: Vec<Completion> = batch.into_iter().map(|job| job(conn)).collect();
        let committed = match conn.execute_batch("COMMIT") {
            Ok(()) => true,
            Err(e) => {
                eprintln!("avain-sandbox: internal error: COMMIT: {e}");
                let _ = conn.execute_batch("ROLLBACK");
                false
            }
        };
        for complete in completions {
            complete(committed);
        }
    }
}

/// Opens (creating and migrating) the database for synchronous use: start-up, tools and
/// tests that inspect a data directory.
pub fn connect(path: &Path) -> Result<Connection, String> {
    let mut conn = open_connection(path).map_err(|e| format!("opening the database: {e}"))?;
    schema::migrate(&mut conn).map_err(|e| format!("migrating the database: {e}"))?;
    Ok(conn)
}
