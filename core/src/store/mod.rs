//! The device's local database: profiles, this device's description, the last accepted OS
//! policy, the payee cache, payments waiting for approval, PIN changes waiting for the
//! bank's word, and receipts of approvals.
//!
//! SQLite (bundled) in WAL mode, so one writer and any number of readers work at once; a
//! busy timeout so a second process (an iOS extension, say) waits for the writer instead
//! of failing; `synchronous = FULL` so a write reported committed survives a crash or a
//! power cut (except bookkeeping the bank can give back: `Store::payment_accepted`).
//! Personal data (profile and device names, payee names and IBANs, receipt texts) is
//! encrypted with AES-256-GCM under a data key kept in the [`SecretStore`], bound to its
//! table, column and row.
//!
//! What is never here: a PIN, a PIN hash, a private key, K_pin's public key. Those live in
//! the keystore or nowhere (see [`crate::keys`]).
//!
//! Calls block on disk I/O (typically well under a millisecond; up to the busy timeout
//! when another process writes): call them off the UI thread.

mod device;
mod error;
mod payees;
mod pending_payments;
mod pending_pin;
mod policy;
mod profiles;
mod receipts;
mod row_cipher;
mod schema;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, OptionalExtension, Transaction, TransactionBehavior};
use time::OffsetDateTime;

pub use device::DeviceDescription;
pub use error::StoreError;
pub use payees::Payee;
pub use pending_payments::PendingPaymentRecord;
pub use pending_pin::PendingPinChange;
pub use policy::CachedPolicy;
pub use profiles::{NewProfile, Profile};
pub use receipts::{NewReceipt, Receipt};

use row_cipher::{Cell, RowCipher};

use crate::random::Randomness;
use crate::secrets::{SecretBytes, SecretStore};

/// The database file's name inside the data directory.
pub const DATABASE_FILE: &str = "avain.sqlite3";
/// The secret store name of the data key.
pub const DATA_KEY_NAME: &str = "avain/store/data-key";
/// How long a call waits for another connection's write lock before [`StoreError::Busy`].
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(5);
/// Readers kept open for reuse; more are opened under load and closed afterwards.
const IDLE_READERS: usize = 4;
/// The plaintext encrypted into `meta.key_check`, to tell a wrong data key at open.
const KEY_CHECK: &[u8] = b"avain data key check v1";

/// The open database. Share it (`Arc<Store>`) between threads: writes are serialised on
/// one connection, reads use their own connections and run alongside.
pub struct Store {
    path: PathBuf,
    writer: Mutex<Connection>,
    readers: Mutex<Vec<Connection>>,
    cipher: RowCipher,
    rng: Arc<dyn Randomness>,
}

impl Store {
    /// Opens (or creates) the database in `data_dir`: creates the directory, checks and
    /// migrates the schema, and loads the data key from `secrets` (making one for a new
    /// database). Changes persisted state when the database is new or older.
    pub fn open(
        data_dir: &Path,
        secrets: &dyn SecretStore,
        rng: Arc<dyn Randomness>,
    ) -> Result<Store, StoreError> {
        std::fs::create_dir_all(data_dir).map_err(|_| StoreError::Io)?;
        let path = data_dir.join(DATABASE_FILE);
        let mut writer = open_connection(&path, false)?;
        // WAL is a property of the file, kept in its header from the first open on, so a
        // database at the current version needs neither it set again nor a migration:
        // at every start those were statements with nothing to do.
        let version = schema::user_version(&writer)?;
        if version > schema::LATEST {
            return Err(StoreError::SchemaTooNew);
        }
        if version != schema::LATEST {
            writer.pragma_update(None, "journal_mode", "WAL")?;
        }
        // A new database gets its tables before its key; an older one has its key (the
        // `meta` table is in every version) before the upgrade, which re-seals rows.
        if version == 0 {
            let migration = schema::migrate(&mut writer, None)?;
            tracing::debug!(?migration, "store created");
        }
        let cipher = load_cipher(&mut writer, secrets, Arc::clone(&rng))?;
        if version != 0 && version != schema::LATEST {
            let migration = schema::migrate(&mut writer, Some(&cipher))?;
            tracing::debug!(?migration, "store upgraded");
        }
        Ok(Store {
            path,
            writer: Mutex::new(writer),
            readers: Mutex::new(Vec::new()),
            cipher,
            rng,
        })
    }

    /// Deletes the database in `data_dir` (with its WAL and shared-memory files), for a
    /// device whose data key is lost ([`StoreError::DataKeyMismatch`]) or that is being
    /// reset. Every [`Store`] on it must be closed first. Changes persisted state.
    pub fn delete_database(data_dir: &Path) -> Result<(), StoreError> {
        for suffix in ["", "-wal", "-shm", "-journal"] {
            let file = data_dir.join(format!("{DATABASE_FILE}{suffix}"));
            match std::fs::remove_file(&file) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(_) => return Err(StoreError::Io),
            }
        }
        Ok(())
    }

    /// Opens a database left at an older schema `version` without upgrading it, so the
    /// upgrade tests can fill it with data the way that version's app did.
    #[cfg(test)]
    pub(crate) fn open_at_version_for_test(
        data_dir: &Path,
        secrets: &dyn SecretStore,
        version: u32,
    ) -> Result<Store, StoreError> {
        let path = data_dir.join(DATABASE_FILE);
        let mut writer = open_connection(&path, false)?;
        writer.pragma_update(None, "journal_mode", "WAL")?;
        let found: u32 = writer.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        assert_eq!(
            found, version,
            "the database is not at the expected version"
        );
        let rng: Arc<dyn Randomness> = Arc::new(crate::random::SystemRandomness::new());
        let cipher = load_cipher(&mut writer, secrets, Arc::clone(&rng))?;
        Ok(Store {
            path,
            writer: Mutex::new(writer),
            readers: Mutex::new(Vec::new()),
            cipher,
            rng,
        })
    }

    /// The database file (for diagnostics and tests).
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Runs `f` in one immediate write transaction; commits if it returns `Ok`.
    fn write<T>(
        &self,
        f: impl FnOnce(&Transaction<'_>, &RowCipher) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let (mut f, mut out) = (Some(f), None);
        self.write_with(true, &mut |tx, cipher| {
            let f = f.take().ok_or(StoreError::Corrupt)?;
            out = Some(f(tx, cipher)?);
            Ok(())
        })?;
        out.ok_or(StoreError::Corrupt)
    }

    /// [`Store::write`] without waiting for the disk, for bookkeeping the bank can give
    /// back (the payee cache, a payment that no longer waits): in WAL mode with
    /// `synchronous = NORMAL` the commit survives the app being killed but not a power
    /// cut; the next synced commit or checkpoint takes it to the disk. Never for receipts,
    /// profiles or keys' parameters.
    fn write_unsynced<T>(
        &self,
        f: impl FnOnce(&Transaction<'_>, &RowCipher) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let (mut f, mut out) = (Some(f), None);
        self.write_with(false, &mut |tx, cipher| {
            let f = f.take().ok_or(StoreError::Corrupt)?;
            out = Some(f(tx, cipher)?);
            Ok(())
        })?;
        out.ok_or(StoreError::Corrupt)
    }

    /// The body of [`Store::write`] and [`Store::write_unsynced`], compiled once instead of
    /// once per caller's closure (a few hundred bytes each, in a phone library whose size
    /// is budgeted).
    fn write_with(
        &self,
        synced: bool,
        f: &mut dyn FnMut(&Transaction<'_>, &RowCipher) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        let mut conn = lock(&self.writer);
        if !synced {
            conn.pragma_update(None, "synchronous", "NORMAL")?;
        }
        let result = match conn.transaction_with_behavior(TransactionBehavior::Immediate) {
            Ok(tx) => f(&tx, &self.cipher).and_then(|()| Ok(tx.commit()?)),
            Err(e) => Err(e.into()),
        };
        if !synced {
            // Every other write stays synced, whatever happened above.
            conn.pragma_update(None, "synchronous", "FULL")?;
        }
        result
    }

    /// Runs `f` on a connection that sees the last committed state. Uses the writer's
    /// connection when it is idle (no second connection for a single-threaded app), and a
    /// reader connection otherwise, so reads never wait for a write in progress.
    fn read<T>(
        &self,
        f: impl FnOnce(&Connection, &RowCipher) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let (mut f, mut out) = (Some(f), None);
        self.read_with(&mut |conn, cipher| {
            if let Some(f) = f.take() {
                out = Some(f(conn, cipher));
            }
        })?;
        out.unwrap_or(Err(StoreError::Corrupt))
    }

    /// The body of [`Store::read`], compiled once (see [`Store::write_with`]).
    fn read_with(&self, f: &mut dyn FnMut(&Connection, &RowCipher)) -> Result<(), StoreError> {
        if let Ok(conn) = self.writer.try_lock() {
            f(&conn, &self.cipher);
            return Ok(());
        }
        let reader = match lock(&self.readers).pop() {
            Some(reader) => reader,
            None => open_connection(&self.path, true)?,
        };
        f(&reader, &self.cipher);
        let mut idle = lock(&self.readers);
        if idle.len() < IDLE_READERS {
            idle.push(reader);
        }
        Ok(())
    }

    /// Runs SQLite's `PRAGMA integrity_check`; `Ok(true)` when it answers "ok".
    pub fn integrity_check(&self) -> Result<bool, StoreError> {
        self.read(|conn, _| {
            let result: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
            Ok(result == "ok")
        })
    }
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").finish_non_exhaustive()
    }
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    // A panic inside a transaction drops it (rolled back): the connection stays usable.
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

fn open_connection(path: &Path, read_only: bool) -> Result<Connection, StoreError> {
    let flags = if read_only {
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX
    } else {
        OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX
    };
    let conn = Connection::open_with_flags(path, flags)?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    // FULL: a commit reaches the disk before it is reported, so "committed" means kept.
    // secure_delete: deleted rows are overwritten, not left in free pages.
    conn.execute_batch(
        "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA secure_delete = ON;",
    )?;
    Ok(conn)
}

/// Loads the data key (making it for a new database) and checks that it opens this
/// database, so a reset keystore is reported at open instead of as garbage later.
fn load_cipher(
    conn: &mut Connection,
    secrets: &dyn SecretStore,
    rng: Arc<dyn Randomness>,
) -> Result<RowCipher, StoreError> {
    let cell = Cell {
        scope: row_cipher::cell_scope!("meta", "key_check"),
        row_id: "1",
    };
    let check: Option<Vec<u8>> = conn
        .query_row("SELECT key_check FROM meta WHERE id = 1", [], |r| r.get(0))
        .optional()?;
    if let Some(check) = check {
        let key = secrets
            .get(DATA_KEY_NAME)?
            .ok_or(StoreError::DataKeyMismatch)?;
        let cipher = RowCipher::new(&key, rng)?;
        return match cipher.open(cell, &check) {
            Ok(plain) if plain.as_slice() == KEY_CHECK => Ok(cipher),
            _ => Err(StoreError::DataKeyMismatch),
        };
    }
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    // Another process may have finished the first open in the meantime.
    let raced: Option<Vec<u8>> = tx
        .query_row("SELECT key_check FROM meta WHERE id = 1", [], |r| r.get(0))
        .optional()?;
    let key = match secrets.get(DATA_KEY_NAME)? {
        Some(key) => key,
        None if raced.is_none() => {
            let mut bytes = zeroize::Zeroizing::new(vec![0u8; 32]);
            rng.fill(&mut bytes)?;
            let key = SecretBytes::from(bytes);
            secrets.put(DATA_KEY_NAME, key.expose())?;
            key
        }
        None => return Err(StoreError::DataKeyMismatch),
    };
    let cipher = RowCipher::new(&key, rng)?;
    match raced {
        Some(check) => {
            if cipher.open(cell, &check)?.as_slice() != KEY_CHECK {
                return Err(StoreError::DataKeyMismatch);
            }
        }
        None => {
            let sealed = cipher.seal(cell, KEY_CHECK)?;
            tx.execute("INSERT INTO meta (id, key_check) VALUES (1, ?1)", [sealed])?;
        }
    }
    tx.commit()?;
    Ok(cipher)
}

/// A BLOB column of `row`, borrowed from SQLite's row buffer (valid until the next step).
fn blob<'r>(row: &'r rusqlite::Row<'_>, column: usize) -> Result<&'r [u8], StoreError> {
    row.get_ref(column)?
        .as_blob()
        .map_err(|_| StoreError::Corrupt)
}

/// Unix seconds for the database.
fn unix(time: OffsetDateTime) -> i64 {
    time.unix_timestamp()
}

/// A time read back from the database.
fn from_unix(seconds: i64) -> Result<OffsetDateTime, StoreError> {
    OffsetDateTime::from_unix_timestamp(seconds).map_err(|_| StoreError::Corrupt)
}

#[cfg(test)]
mod payee_upgrade_tests;
#[cfg(test)]
mod policy_tests;
#[cfg(test)]
mod tests;
