//! The bank's SQLite database: WAL mode with `synchronous = FULL`, one writer thread that
//! commits before anyone is answered, and a few reader connections.
//!
//! Writes are jobs sent to the writer thread. It takes every job waiting (up to
//! [`MAX_BATCH`]), waits briefly for more when other requests are in progress
//! ([`gather`]), runs each inside its own savepoint, commits the whole batch with one
//! fsync, and only then releases the answers (group commit). A job's error rolls back its
//! savepoint only. So every answer that reports a change (a recorded failure, a confirmed
//! payment) is durable before the client sees it, and a busy server pays one fsync for
//! many requests.

pub mod gather;
pub mod records;
pub mod schema;

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, mpsc};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};
use tokio::sync::oneshot;

use self::gather::RequestsInFlight;
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
    requests: RequestsInFlight,
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
    /// Opens (creating or migrating) the database at `path` and starts its writer thread,
    /// which gathers a batch for [`gather::GATHER_WAIT`] when other requests are in progress.
    pub fn open(path: &Path) -> Result<Db, String> {
        Db::open_gathering(path, gather::GATHER_WAIT)
    }

    /// [`Db::open`] with another gathering wait (tests).
    fn open_gathering(path: &Path, wait: Duration) -> Result<Db, String> {
        let mut writer = open_connection(path).map_err(|e| format!("opening the database: {e}"))?;
        schema::migrate(&mut writer).map_err(|e| format!("migrating the database: {e}"))?;
        let mut readers = Vec::with_capacity(READERS);
        for _ in 0..READERS {
            readers.push(open_connection(path).map_err(|e| format!("opening a reader: {e}"))?);
        }
        let (tx, rx) = mpsc::channel::<WriteJob>();
        let requests = RequestsInFlight::default();
        let gathering = Gathering {
            requests: requests.clone(),
            wait,
        };
        std::thread::Builder::new()
            .name("avain-sandbox-db-writer".to_owned())
            .spawn(move || writer_loop(&writer, &rx, &gathering))
            .map_err(|e| format!("starting the database writer: {e}"))?;
        Ok(Db {
            inner: Arc::new(Inner {
                path: path.to_owned(),
                writer: Mutex::new(Some(tx)),
                readers: Mutex::new(readers),
                requests,
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

    /// Runs `job` on a reader connection, inside one read transaction: every query of
    /// the job sees the same snapshot of committed data.
    ///
    /// Runs on the calling task's thread: the reads here are single-row or short
    /// indexed queries (tens of microseconds), cheaper than handing them to another
    /// thread and back, which profiling showed cost more than the query itself. One
    /// transaction per job rather than one per query also matters for speed: a reader
    /// whose snapshot is older than the last commit (always, on a busy bank) drops its
    /// page cache when it starts a read transaction and reads its pages again.
    pub async fn read<T, F>(&self, job: F) -> ApiResult<T>
    where
        T: Send + 'static,
        F: FnOnce(&Connection) -> ApiResult<T> + Send + 'static,
    {
        let conn = self
            .inner
            .take_reader()
            .map_err(|e| ApiError::internal("database reader", e))?;
        let result = read_in_transaction(&conn, job);
        // A reader left inside a transaction (its COMMIT failed) would pin an old
        // snapshot: it is closed instead of pooled.
        if conn.is_autocommit() {
            self.inner.put_reader(conn);
        }
        result
    }

    /// The server's requests in progress, which the writer waits for (the server counts
    /// each request there while it runs).
    pub fn requests(&self) -> &RequestsInFlight {
        &self.inner.requests
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

/// Runs a reader's `job` between `BEGIN` and `COMMIT` (a read-only transaction: the
/// snapshot starts at the job's first query and ends with it).
fn read_in_transaction<T>(
    conn: &Connection,
    job: impl FnOnce(&Connection) -> ApiResult<T>,
) -> ApiResult<T> {
    conn.prepare_cached("BEGIN")?.execute([])?;
    let result = catch_unwind(AssertUnwindSafe(|| job(conn)))
        .unwrap_or_else(|_| Err(ApiError::internal("database reader", "job panicked")));
    // Ending a read transaction cannot lose anything; if even that fails the connection
    // is in an unknown state, so the job's result gives way to the error.
    conn.prepare_cached("COMMIT")?.execute([])?;
    result
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

/// When the writer waits for more jobs: [`gather::worth_waiting`] given the requests in
/// progress, for `wait`.
struct Gathering {
    requests: RequestsInFlight,
    wait: Duration,
}

/// Adds the jobs waiting now to `batch`, up to [`MAX_BATCH`].
fn take_waiting(jobs: &mpsc::Receiver<WriteJob>, batch: &mut Vec<WriteJob>) {
    while batch.len() < MAX_BATCH {
        match jobs.try_recv() {
            Ok(job) => batch.push(job),
            Err(_) => break,
        }
    }
}

fn writer_loop(conn: &Connection, jobs: &mpsc::Receiver<WriteJob>, gathering: &Gathering) {
    while let Ok(first) = jobs.recv() {
        let mut batch = vec![first];
        take_waiting(jobs, &mut batch);
        // One sleep, not a wait woken by each arriving job: those wake-ups cost more
        // than the commits they saved.
        if batch.len() < MAX_BATCH && gather::worth_waiting(gathering.requests.count(), batch.len())
        {
            std::thread::sleep(gathering.wait);
            take_waiting(jobs, &mut batch);
        }
        // Cached statements: parsing BEGIN and COMMIT again for every batch showed in
        // the writer's profile.
        if let Err(e) = exec_cached(conn, "BEGIN IMMEDIATE") {
            eprintln!("avain-sandbox: internal error: BEGIN: {e}");
            // Every job in the batch fails; none has run.
            for job in batch {
                drop(job);
            }
            continue;
        }
        let completions: Vec<Completion> = batch.into_iter().map(|job| job(conn)).collect();
        let committed = match exec_cached(conn, "COMMIT") {
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

fn exec_cached(conn: &Connection, sql: &str) -> rusqlite::Result<()> {
    conn.prepare_cached(sql)?.execute([]).map(|_| ())
}

/// Opens (creating and migrating) the database for synchronous use: start-up, tools and
/// tests that inspect a data directory.
pub fn connect(path: &Path) -> Result<Connection, String> {
    let mut conn = open_connection(path).map_err(|e| format!("opening the database: {e}"))?;
    schema::migrate(&mut conn).map_err(|e| format!("migrating the database: {e}"))?;
    Ok(conn)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Group commit: whatever batch a write lands in, its answer comes only after the
    /// commit that covers it (a connection of its own sees the row the moment the answer
    /// arrives), and that commit is durable (`synchronous = FULL` on the writer).
    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn no_answer_precedes_its_commit() {
        let dir = tempfile::tempdir().expect("temporary directory");
        let path = dir.path().join("bank.sqlite3");
        let db = Db::open(&path).expect("database");
        let synchronous: i64 = db
            .write(|conn| Ok(conn.pragma_query_value(None, "synchronous", |r| r.get(0))?))
            .await
            .expect("pragma");
        assert_eq!(synchronous, 2, "the writer commits with synchronous = FULL");

        let mut writes = tokio::task::JoinSet::new();
        for i in 0..400i64 {
            let db = db.clone();
            let path = path.clone();
            writes.spawn(async move {
                let key = format!("commit-test-{i}");
                let stored = key.clone();
                db.write(move |conn| {
                    conn.execute(
                        "INSERT INTO meta (key, value) VALUES (?1, 'x')",
                        [stored.as_str()],
                    )?;
                    Ok(())
                })
                .await
                .expect("write");
                // Another connection reads only committed data: the row is there.
                let other = open_connection(&path).expect("second connection");
                let seen: i64 = other
                    .query_row("SELECT COUNT(*) FROM meta WHERE key = ?1", [key], |r| {
                        r.get(0)
                    })
                    .expect("read");
                assert_eq!(seen, 1, "answered before its commit");
            });
        }
        while let Some(done) = writes.join_next().await {
            done.expect("write task");
        }
        // A failed job in a batch rolls back only itself, and its answer is the error.
        let failed = db
            .write(|conn| {
                conn.execute(
                    "INSERT INTO meta (key, value) VALUES ('rolled-back', 'x')",
                    [],
                )?;
                Err::<(), _>(ApiError::new(avain_protocol::api::ErrorCode::Conflict))
            })
            .await;
        assert!(failed.is_err());
        let rows: i64 = db
            .read(|conn| {
                Ok(conn.query_row(
                    "SELECT COUNT(*) FROM meta WHERE key LIKE 'commit-test-%' OR key = 'rolled-back'",
                    [],
                    |r| r.get(0),
                )?)
            })
            .await
            .expect("read");
        assert_eq!(rows, 400);
        db.close();
    }

    /// A write with no other request in progress is committed at once, however long the
    /// gathering wait (10 s here: waiting would show).
    #[tokio::test]
    async fn a_lone_request_is_not_kept_waiting() {
        let dir = tempfile::tempdir().expect("temporary directory");
        let db = Db::open_gathering(&dir.path().join("bank.sqlite3"), Duration::from_secs(10))
            .expect("database");
        let _request = db.requests().start();
        let start = std::time::Instant::now();
        db.write(
            |conn| Ok(conn.execute("INSERT INTO meta (key, value) VALUES ('lone', 'x')", [])?),
        )
        .await
        .expect("write");
        assert!(
            start.elapsed() < Duration::from_secs(5),
            "{:?}",
            start.elapsed()
        );
        db.close();
    }

    /// With another request in progress, the writer waits for its job and commits both
    /// together: the second write, sent 50 ms after the first, is answered with it, not a
    /// wait later.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn writes_of_concurrent_requests_are_committed_together() {
        let dir = tempfile::tempdir().expect("temporary directory");
        let wait = Duration::from_secs(1);
        let db = Db::open_gathering(&dir.path().join("bank.sqlite3"), wait).expect("database");
        // Three in progress: even if a slow machine let both jobs queue before the writer
        // took the first, the batch of two still has company to wait for.
        let _requests: Vec<_> = (0..3).map(|_| db.requests().start()).collect();
        let start = std::time::Instant::now();
        let write = |key: &'static str| {
            let db = db.clone();
            tokio::spawn(async move {
                db.write(move |conn| {
                    Ok(conn.execute("INSERT INTO meta (key, value) VALUES (?1, 'x')", [key])?)
                })
                .await
                .expect("write");
                start.elapsed()
            })
        };
        let first = write("gathered-1");
        tokio::time::sleep(Duration::from_millis(50)).await;
        let second = write("gathered-2");
        let (first, second) = (first.await.expect("first"), second.await.expect("second"));
        assert!(first >= wait, "the first waited for company: {first:?}");
        assert!(
            second < first + wait / 2,
            "the second was in the same commit: {first:?}, {second:?}"
        );
        db.close();
    }

    /// A read job runs in one transaction (one snapshot for all its queries) and leaves
    /// its connection outside any transaction, also when the job fails.
    #[tokio::test]
    async fn a_read_job_is_one_transaction() {
        let dir = tempfile::tempdir().expect("temporary directory");
        let db = Db::open(&dir.path().join("bank.sqlite3")).expect("database");
        let inside: bool = db
            .read(|conn| Ok(!conn.is_autocommit()))
            .await
            .expect("read");
        assert!(inside, "the job runs inside a transaction");
        let failed = db
            .read(|_| Err::<(), _>(ApiError::new(avain_protocol::api::ErrorCode::NotFound)))
            .await;
        assert!(failed.is_err());
        let after: bool = db
            .read(|conn| Ok(conn.is_autocommit()))
            .await
            .expect("read");
        assert!(
            !after,
            "a pooled reader starts each job in a new transaction"
        );
        db.close();
    }
}
