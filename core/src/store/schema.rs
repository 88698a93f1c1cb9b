//! The database layout, by `PRAGMA user_version`.
//!
//! Every released schema stays here verbatim as a constant, and each later version comes
//! with the SQL that upgrades the one before it. A new database is made from the latest
//! schema directly; an old one runs its upgrades in order. The tests check that both ways
//! end in the same `sqlite_master`, so an upgrade can never drift from a fresh install.
//!
//! Conventions: STRICT tables; ids are random hex (so a row's id is known before it is
//! written and can be bound into its ciphertexts); times are Unix seconds; personal data
//! is in BLOB columns holding AES-256-GCM ciphertext (see `row_cipher.rs`).

use rusqlite::{Connection, TransactionBehavior};

use super::StoreError;
use super::row_cipher::RowCipher;

/// Version 1: profiles, this device, the OS policy, payees, receipts.
pub(crate) const SCHEMA_V1: &str = "
CREATE TABLE meta (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    key_check BLOB NOT NULL
) STRICT;
CREATE TABLE profiles (
    id TEXT PRIMARY KEY NOT NULL,
    name BLOB NOT NULL,
    server_profile_id TEXT NOT NULL,
    server_device_id TEXT NOT NULL,
    state TEXT NOT NULL,
    lock_reason TEXT,
    biometrics TEXT NOT NULL,
    biometric_kind TEXT,
    language TEXT NOT NULL,
    pin_salt BLOB NOT NULL,
    pin_iterations INTEGER NOT NULL CHECK (pin_iterations > 0),
    created_at INTEGER NOT NULL,
    last_used_at INTEGER
) STRICT;
CREATE TABLE device (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    name BLOB NOT NULL,
    model TEXT NOT NULL,
    platform TEXT NOT NULL,
    os_version TEXT NOT NULL,
    app_version TEXT NOT NULL
) STRICT;
CREATE TABLE os_policy (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    key_id TEXT NOT NULL,
    document BLOB NOT NULL,
    signature BLOB NOT NULL,
    sequence INTEGER NOT NULL,
    accepted_at INTEGER NOT NULL
) STRICT;
CREATE TABLE payees (
    id TEXT PRIMARY KEY NOT NULL,
    profile_id TEXT NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
    iban_index BLOB NOT NULL,
    iban BLOB NOT NULL,
    name BLOB NOT NULL,
    first_paid_at INTEGER NOT NULL,
    last_paid_at INTEGER NOT NULL,
    times_paid INTEGER NOT NULL,
    UNIQUE (profile_id, iban_index)
) STRICT;
CREATE TABLE receipts (
    id TEXT PRIMARY KEY NOT NULL,
    profile_id TEXT NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
    purpose TEXT NOT NULL,
    factor TEXT NOT NULL,
    approved_at INTEGER NOT NULL,
    server_device_id TEXT,
    shown_text BLOB NOT NULL
) STRICT;
CREATE INDEX receipts_by_profile ON receipts (profile_id, approved_at);
";

/// Version 2: a receipt can be reported as "this was not me" (the time of the report), and
/// payees are indexed by recency, the order the app lists them in (no sort at start-up).
pub(crate) const SCHEMA_V2: &str = "
CREATE TABLE meta (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    key_check BLOB NOT NULL
) STRICT;
CREATE TABLE profiles (
    id TEXT PRIMARY KEY NOT NULL,
    name BLOB NOT NULL,
    server_profile_id TEXT NOT NULL,
    server_device_id TEXT NOT NULL,
    state TEXT NOT NULL,
    lock_reason TEXT,
    biometrics TEXT NOT NULL,
    biometric_kind TEXT,
    language TEXT NOT NULL,
    pin_salt BLOB NOT NULL,
    pin_iterations INTEGER NOT NULL CHECK (pin_iterations > 0),
    created_at INTEGER NOT NULL,
    last_used_at INTEGER
) STRICT;
CREATE TABLE device (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    name BLOB NOT NULL,
    model TEXT NOT NULL,
    platform TEXT NOT NULL,
    os_version TEXT NOT NULL,
    app_version TEXT NOT NULL
) STRICT;
CREATE TABLE os_policy (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    key_id TEXT NOT NULL,
    document BLOB NOT NULL,
    signature BLOB NOT NULL,
    sequence INTEGER NOT NULL,
    accepted_at INTEGER NOT NULL
) STRICT;
CREATE TABLE payees (
    id TEXT PRIMARY KEY NOT NULL,
    profile_id TEXT NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
    iban_index BLOB NOT NULL,
    iban BLOB NOT NULL,
    name BLOB NOT NULL,
    first_paid_at INTEGER NOT NULL,
    last_paid_at INTEGER NOT NULL,
    times_paid INTEGER NOT NULL,
    UNIQUE (profile_id, iban_index)
) STRICT;
CREATE TABLE receipts (
    id TEXT PRIMARY KEY NOT NULL,
    profile_id TEXT NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
    purpose TEXT NOT NULL,
    factor TEXT NOT NULL,
    approved_at INTEGER NOT NULL,
    server_device_id TEXT,
    shown_text BLOB NOT NULL,
    reported_not_me_at INTEGER
) STRICT;
CREATE INDEX receipts_by_profile ON receipts (profile_id, approved_at);
CREATE INDEX payees_by_recency ON payees (profile_id, last_paid_at DESC, id);
";

/// v1 -> v2: the "this was not me" report on receipts; the payee recency index.
const UPGRADE_V1_V2: &str = "
ALTER TABLE receipts ADD COLUMN reported_not_me_at INTEGER;
CREATE INDEX payees_by_recency ON payees (profile_id, last_paid_at DESC, id);
";

/// Version 3: a receipt names the bank's approval (its challenge id), so a "this was not
/// me" report reaches the right record at the bank; payments waiting for the customer's
/// approval (and SMS code) survive an app restart, sealed like every other personal field.
pub(crate) const SCHEMA_V3: &str = "
CREATE TABLE meta (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    key_check BLOB NOT NULL
) STRICT;
CREATE TABLE profiles (
    id TEXT PRIMARY KEY NOT NULL,
    name BLOB NOT NULL,
    server_profile_id TEXT NOT NULL,
    server_device_id TEXT NOT NULL,
    state TEXT NOT NULL,
    lock_reason TEXT,
    biometrics TEXT NOT NULL,
    biometric_kind TEXT,
    language TEXT NOT NULL,
    pin_salt BLOB NOT NULL,
    pin_iterations INTEGER NOT NULL CHECK (pin_iterations > 0),
    created_at INTEGER NOT NULL,
    last_used_at INTEGER
) STRICT;
CREATE TABLE device (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    name BLOB NOT NULL,
    model TEXT NOT NULL,
    platform TEXT NOT NULL,
    os_version TEXT NOT NULL,
    app_version TEXT NOT NULL
) STRICT;
CREATE TABLE os_policy (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    key_id TEXT NOT NULL,
    document BLOB NOT NULL,
    signature BLOB NOT NULL,
    sequence INTEGER NOT NULL,
    accepted_at INTEGER NOT NULL
) STRICT;
CREATE TABLE payees (
    id TEXT PRIMARY KEY NOT NULL,
    profile_id TEXT NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
    iban_index BLOB NOT NULL,
    iban BLOB NOT NULL,
    name BLOB NOT NULL,
    first_paid_at INTEGER NOT NULL,
    last_paid_at INTEGER NOT NULL,
    times_paid INTEGER NOT NULL,
    UNIQUE (profile_id, iban_index)
) STRICT;
CREATE TABLE receipts (
    id TEXT PRIMARY KEY NOT NULL,
    profile_id TEXT NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
    purpose TEXT NOT NULL,
    factor TEXT NOT NULL,
    approved_at INTEGER NOT NULL,
    server_device_id TEXT,
    shown_text BLOB NOT NULL,
    reported_not_me_at INTEGER,
    approval_id TEXT
) STRICT;
CREATE INDEX receipts_by_profile ON receipts (profile_id, approved_at);
CREATE INDEX payees_by_recency ON payees (profile_id, last_paid_at DESC, id);
CREATE TABLE pending_payments (
    id TEXT PRIMARY KEY NOT NULL,
    profile_id TEXT NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
    body BLOB NOT NULL,
    created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX pending_payments_by_profile ON pending_payments (profile_id, created_at);
";

/// v2 -> v3: the approval id on receipts; pending payments.
const UPGRADE_V2_V3: &str = "
ALTER TABLE receipts ADD COLUMN approval_id TEXT;
CREATE TABLE pending_payments (
    id TEXT PRIMARY KEY NOT NULL,
    profile_id TEXT NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
    body BLOB NOT NULL,
    created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX pending_payments_by_profile ON pending_payments (profile_id, created_at);
";

/// Version 4: a PIN change the bank may have committed keeps the new PIN's derivation
/// parameters (salt, iterations; never a PIN) with the bank's change id until a challenge
/// names that change as the current PIN key, so a lost answer or a crash never leaves the
/// phone unable to derive the key the bank holds.
pub(crate) const SCHEMA_V4: &str = "
CREATE TABLE meta (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    key_check BLOB NOT NULL
) STRICT;
CREATE TABLE profiles (
    id TEXT PRIMARY KEY NOT NULL,
    name BLOB NOT NULL,
    server_profile_id TEXT NOT NULL,
    server_device_id TEXT NOT NULL,
    state TEXT NOT NULL,
    lock_reason TEXT,
    biometrics TEXT NOT NULL,
    biometric_kind TEXT,
    language TEXT NOT NULL,
    pin_salt BLOB NOT NULL,
    pin_iterations INTEGER NOT NULL CHECK (pin_iterations > 0),
    created_at INTEGER NOT NULL,
    last_used_at INTEGER
) STRICT;
CREATE TABLE device (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    name BLOB NOT NULL,
    model TEXT NOT NULL,
    platform TEXT NOT NULL,
    os_version TEXT NOT NULL,
    app_version TEXT NOT NULL
) STRICT;
CREATE TABLE os_policy (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    key_id TEXT NOT NULL,
    document BLOB NOT NULL,
    signature BLOB NOT NULL,
    sequence INTEGER NOT NULL,
    accepted_at INTEGER NOT NULL
) STRICT;
CREATE TABLE payees (
    id TEXT PRIMARY KEY NOT NULL,
    profile_id TEXT NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
    iban_index BLOB NOT NULL,
    iban BLOB NOT NULL,
    name BLOB NOT NULL,
    first_paid_at INTEGER NOT NULL,
    last_paid_at INTEGER NOT NULL,
    times_paid INTEGER NOT NULL,
    UNIQUE (profile_id, iban_index)
) STRICT;
CREATE TABLE receipts (
    id TEXT PRIMARY KEY NOT NULL,
    profile_id TEXT NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
    purpose TEXT NOT NULL,
    factor TEXT NOT NULL,
    approved_at INTEGER NOT NULL,
    server_device_id TEXT,
    shown_text BLOB NOT NULL,
    reported_not_me_at INTEGER,
    approval_id TEXT
) STRICT;
CREATE INDEX receipts_by_profile ON receipts (profile_id, approved_at);
CREATE INDEX payees_by_recency ON payees (profile_id, last_paid_at DESC, id);
CREATE TABLE pending_payments (
    id TEXT PRIMARY KEY NOT NULL,
    profile_id TEXT NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
    body BLOB NOT NULL,
    created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX pending_payments_by_profile ON pending_payments (profile_id, created_at);
CREATE TABLE pending_pin_changes (
    profile_id TEXT PRIMARY KEY NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
    change_id TEXT NOT NULL,
    pin_salt BLOB NOT NULL,
    pin_iterations INTEGER NOT NULL CHECK (pin_iterations > 0)
) STRICT;
";

/// v3 -> v4: pending PIN changes.
const UPGRADE_V3_V4: &str = "
CREATE TABLE pending_pin_changes (
    profile_id TEXT PRIMARY KEY NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
    change_id TEXT NOT NULL,
    pin_salt BLOB NOT NULL,
    pin_iterations INTEGER NOT NULL CHECK (pin_iterations > 0)
) STRICT;
";

/// Version 5: each profile keeps whose codes it holds (a private customer's or a
/// company's), as the bank said at registration, for the profile picker. Profiles made
/// before it read `unknown`.
pub(crate) const SCHEMA_V5: &str = "
CREATE TABLE meta (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    key_check BLOB NOT NULL
) STRICT;
CREATE TABLE profiles (
    id TEXT PRIMARY KEY NOT NULL,
    name BLOB NOT NULL,
    server_profile_id TEXT NOT NULL,
    server_device_id TEXT NOT NULL,
    state TEXT NOT NULL,
    lock_reason TEXT,
    biometrics TEXT NOT NULL,
    biometric_kind TEXT,
    language TEXT NOT NULL,
    pin_salt BLOB NOT NULL,
    pin_iterations INTEGER NOT NULL CHECK (pin_iterations > 0),
    created_at INTEGER NOT NULL,
    last_used_at INTEGER,
    customer_kind TEXT NOT NULL DEFAULT 'unknown'
) STRICT;
CREATE TABLE device (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    name BLOB NOT NULL,
    model TEXT NOT NULL,
    platform TEXT NOT NULL,
    os_version TEXT NOT NULL,
    app_version TEXT NOT NULL
) STRICT;
CREATE TABLE os_policy (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    key_id TEXT NOT NULL,
    document BLOB NOT NULL,
    signature BLOB NOT NULL,
    sequence INTEGER NOT NULL,
    accepted_at INTEGER NOT NULL
) STRICT;
CREATE TABLE payees (
    id TEXT PRIMARY KEY NOT NULL,
    profile_id TEXT NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
    iban_index BLOB NOT NULL,
    iban BLOB NOT NULL,
    name BLOB NOT NULL,
    first_paid_at INTEGER NOT NULL,
    last_paid_at INTEGER NOT NULL,
    times_paid INTEGER NOT NULL,
    UNIQUE (profile_id, iban_index)
) STRICT;
CREATE TABLE receipts (
    id TEXT PRIMARY KEY NOT NULL,
    profile_id TEXT NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
    purpose TEXT NOT NULL,
    factor TEXT NOT NULL,
    approved_at INTEGER NOT NULL,
    server_device_id TEXT,
    shown_text BLOB NOT NULL,
    reported_not_me_at INTEGER,
    approval_id TEXT
) STRICT;
CREATE INDEX receipts_by_profile ON receipts (profile_id, approved_at);
CREATE INDEX payees_by_recency ON payees (profile_id, last_paid_at DESC, id);
CREATE TABLE pending_payments (
    id TEXT PRIMARY KEY NOT NULL,
    profile_id TEXT NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
    body BLOB NOT NULL,
    created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX pending_payments_by_profile ON pending_payments (profile_id, created_at);
CREATE TABLE pending_pin_changes (
    profile_id TEXT PRIMARY KEY NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
    change_id TEXT NOT NULL,
    pin_salt BLOB NOT NULL,
    pin_iterations INTEGER NOT NULL CHECK (pin_iterations > 0)
) STRICT;
";

/// v4 -> v5: the customer kind of each profile.
const UPGRADE_V4_V5: &str = "
ALTER TABLE profiles ADD COLUMN customer_kind TEXT NOT NULL DEFAULT 'unknown';
";

/// Version 6: the cached OS policy carries the store's mark that its signature was
/// verified (a MAC under the data key; see `policy.rs`), so a start checks the mark
/// instead of the signature; policies cached before it have none and are verified by
/// signature once, then marked. A payee's IBAN and name are sealed together, one AES-GCM
/// opening per payee at start instead of two (`payees.rs`).
pub(crate) const SCHEMA_V6: &str = "
CREATE TABLE meta (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    key_check BLOB NOT NULL
) STRICT;
CREATE TABLE profiles (
    id TEXT PRIMARY KEY NOT NULL,
    name BLOB NOT NULL,
    server_profile_id TEXT NOT NULL,
    server_device_id TEXT NOT NULL,
    state TEXT NOT NULL,
    lock_reason TEXT,
    biometrics TEXT NOT NULL,
    biometric_kind TEXT,
    language TEXT NOT NULL,
    pin_salt BLOB NOT NULL,
    pin_iterations INTEGER NOT NULL CHECK (pin_iterations > 0),
    created_at INTEGER NOT NULL,
    last_used_at INTEGER,
    customer_kind TEXT NOT NULL DEFAULT 'unknown'
) STRICT;
CREATE TABLE device (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    name BLOB NOT NULL,
    model TEXT NOT NULL,
    platform TEXT NOT NULL,
    os_version TEXT NOT NULL,
    app_version TEXT NOT NULL
) STRICT;
CREATE TABLE os_policy (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    key_id TEXT NOT NULL,
    document BLOB NOT NULL,
    signature BLOB NOT NULL,
    sequence INTEGER NOT NULL,
    accepted_at INTEGER NOT NULL,
    mark BLOB
) STRICT;
CREATE TABLE payees (
    id TEXT PRIMARY KEY NOT NULL,
    profile_id TEXT NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
    iban_index BLOB NOT NULL,
    account BLOB NOT NULL,
    first_paid_at INTEGER NOT NULL,
    last_paid_at INTEGER NOT NULL,
    times_paid INTEGER NOT NULL,
    UNIQUE (profile_id, iban_index)
) STRICT;
CREATE TABLE receipts (
    id TEXT PRIMARY KEY NOT NULL,
    profile_id TEXT NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
    purpose TEXT NOT NULL,
    factor TEXT NOT NULL,
    approved_at INTEGER NOT NULL,
    server_device_id TEXT,
    shown_text BLOB NOT NULL,
    reported_not_me_at INTEGER,
    approval_id TEXT
) STRICT;
CREATE INDEX receipts_by_profile ON receipts (profile_id, approved_at);
CREATE INDEX payees_by_recency ON payees (profile_id, last_paid_at DESC, id);
CREATE TABLE pending_payments (
    id TEXT PRIMARY KEY NOT NULL,
    profile_id TEXT NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
    body BLOB NOT NULL,
    created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX pending_payments_by_profile ON pending_payments (profile_id, created_at);
CREATE TABLE pending_pin_changes (
    profile_id TEXT PRIMARY KEY NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
    change_id TEXT NOT NULL,
    pin_salt BLOB NOT NULL,
    pin_iterations INTEGER NOT NULL CHECK (pin_iterations > 0)
) STRICT;
";

/// v5 -> v6: the policy's mark; the payees' new table, which
/// `payees::reseal_from_v5` fills from the old one (renamed away here) and finishes.
const UPGRADE_V5_V6: &str = "
ALTER TABLE os_policy ADD COLUMN mark BLOB;
ALTER TABLE payees RENAME TO payees_v5;
CREATE TABLE payees (
    id TEXT PRIMARY KEY NOT NULL,
    profile_id TEXT NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
    iban_index BLOB NOT NULL,
    account BLOB NOT NULL,
    first_paid_at INTEGER NOT NULL,
    last_paid_at INTEGER NOT NULL,
    times_paid INTEGER NOT NULL,
    UNIQUE (profile_id, iban_index)
) STRICT;
";

/// Every released schema, oldest first: (version, full schema).
pub(crate) const RELEASED: &[(u32, &str)] = &[
    (1, SCHEMA_V1),
    (2, SCHEMA_V2),
    (3, SCHEMA_V3),
    (4, SCHEMA_V4),
    (5, SCHEMA_V5),
    (6, SCHEMA_V6),
];

/// Upgrades: (from version, SQL that makes it version + 1).
pub(crate) const UPGRADES: &[(u32, &str)] = &[
    (1, UPGRADE_V1_V2),
    (2, UPGRADE_V2_V3),
    (3, UPGRADE_V3_V4),
    (4, UPGRADE_V4_V5),
    (5, UPGRADE_V5_V6),
];

/// The version this code reads and writes.
pub(crate) const LATEST: u32 = 6;

/// What opening did to the schema.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Migration {
    /// The database was empty and got the latest schema.
    Created,
    /// The database was at this older version and was upgraded.
    Upgraded { from: u32 },
    /// Already at the latest version.
    Current,
}

fn latest_schema() -> &'static str {
    RELEASED
        .iter()
        .find(|(version, _)| *version == LATEST)
        .map(|(_, sql)| *sql)
        .unwrap_or(SCHEMA_V6)
}

pub(crate) fn user_version(conn: &Connection) -> Result<u32, StoreError> {
    let version: i64 = conn.query_row("PRAGMA user_version", [], |row| row.get(0))?;
    u32::try_from(version).map_err(|_| StoreError::Corrupt)
}

/// Brings the database to [`LATEST`], inside one immediate transaction so that another
/// process opening the same file at the same moment waits and then sees the result.
/// `cipher` is the data key's, for upgrades that re-seal rows; `None` only for a new
/// database (version 0), which has no rows and no key yet.
pub(crate) fn migrate(
    conn: &mut Connection,
    cipher: Option<&RowCipher>,
) -> Result<Migration, StoreError> {
    // The common case, with no write lock taken.
    let seen = user_version(conn)?;
    if seen == LATEST {
        return Ok(Migration::Current);
    }
    if seen > LATEST {
        return Err(StoreError::SchemaTooNew);
    }
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let version = user_version(&tx)?;
    let migration = if version == LATEST {
        Migration::Current
    } else if version > LATEST {
        return Err(StoreError::SchemaTooNew);
    } else if version == 0 {
        tx.execute_batch(latest_schema())?;
        Migration::Created
    } else {
        for step in version..LATEST {
            let sql = UPGRADES
                .iter()
                .find(|(from, _)| *from == step)
                .map(|(_, sql)| *sql)
                .ok_or(StoreError::Corrupt)?;
            tx.execute_batch(sql)?;
            if step == 5 {
                // SQL cannot decrypt: the payees move to their new table here.
                super::payees::reseal_from_v5(&tx, cipher.ok_or(StoreError::Corrupt)?)?;
            }
        }
        Migration::Upgraded { from: version }
    };
    tx.pragma_update(None, "user_version", LATEST)?;
    tx.commit()?;
    Ok(migration)
}
