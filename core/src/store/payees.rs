//! The payee cache: accounts a profile has paid before. A payment to an account not in it
//! needs the extra SMS confirmation, so it is looked up by IBAN, through a keyed "blind
//! index", since the IBAN itself is stored only encrypted.
//!
//! A payee's IBAN and name are sealed together in one cell (`account`: the IBAN's
//! length in one byte, the IBAN, the name it is paid under): the app reads every payee at
//! start, and this is one AES-GCM opening per payee instead of one per field. The
//! column's name is short on purpose: the associated data (prefix, table, column, row id)
//! then fits four GHASH blocks, one fewer than a longer name would take.

use rusqlite::{Connection, OptionalExtension, params};
use time::OffsetDateTime;
use zeroize::Zeroizing;

use super::row_cipher::{Cell, RowCipher, cell_scope};
use super::{Store, StoreError, blob, from_unix, unix};
use crate::payments::Iban;
use crate::random::random_id;

/// A payee of one profile (the one asked for: [`Store::payees`] reads one profile's, so
/// the value does not repeat its id, which was one string copied per payee at every
/// start). `Debug` shows neither name nor account.
#[derive(Clone, PartialEq, Eq)]
pub struct Payee {
    /// The row's id.
    pub id: String,
    /// The payee's account.
    pub iban: Iban,
    /// The payee's name as last paid.
    pub name: String,
    /// The first payment.
    pub first_paid_at: OffsetDateTime,
    /// The latest payment.
    pub last_paid_at: OffsetDateTime,
    /// How many payments.
    pub times_paid: u32,
}

impl std::fmt::Debug for Payee {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Payee")
            .field("id", &self.id)
            .field("iban", &self.iban)
            .field("name", &"[redacted]")
            .field("times_paid", &self.times_paid)
            .finish_non_exhaustive()
    }
}

const IBAN_INDEX_DOMAIN: &str = "payee iban";

/// The cell holding a payee's IBAN and name (schema version 6 on).
const ACCOUNT: &str = cell_scope!("payees", "account");
/// The cells of schema version 5, read by the upgrade.
const IBAN_V5: &str = cell_scope!("payees", "iban");
const NAME_V5: &str = cell_scope!("payees", "name");

fn cell<'a>(scope: &'static str, id: &'a str) -> Cell<'a> {
    Cell { scope, row_id: id }
}

/// Seals a payee's IBAN and name into its `account` cell.
fn seal(cipher: &RowCipher, id: &str, iban: &[u8], name: &[u8]) -> Result<Vec<u8>, StoreError> {
    let len = u8::try_from(iban.len()).map_err(|_| StoreError::InvalidValue { field: "iban" })?;
    let mut plain = Zeroizing::new(Vec::with_capacity(1 + iban.len() + name.len()));
    plain.push(len);
    plain.extend_from_slice(iban);
    plain.extend_from_slice(name);
    cipher.seal(cell(ACCOUNT, id), &plain)
}

/// Opens a payee's `account` cell. The plaintext buffer becomes the name.
fn open(cipher: &RowCipher, id: &str, sealed: &[u8]) -> Result<(Iban, String), StoreError> {
    let mut plain = cipher.open(cell(ACCOUNT, id), sealed)?;
    let len = usize::from(*plain.first().ok_or(StoreError::Tampered)?);
    let iban = plain
        .get(1..1 + len)
        .and_then(|bytes| std::str::from_utf8(bytes).ok())
        .and_then(|text| Iban::from_sealed(text.to_owned()))
        .ok_or(StoreError::Tampered)?;
    plain.drain(..1 + len);
    let name = String::from_utf8(std::mem::take(&mut *plain)).map_err(|e| {
        drop(Zeroizing::new(e.into_bytes()));
        StoreError::Tampered
    })?;
    Ok((iban, name))
}

fn load(conn: &Connection, cipher: &RowCipher, profile_id: &str) -> Result<Vec<Payee>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, account, first_paid_at, last_paid_at, times_paid FROM payees \
         WHERE profile_id = ?1 ORDER BY last_paid_at DESC, id",
    )?;
    let mut rows = stmt.query([profile_id])?;
    let mut out = Vec::new();
    while let Some(row) = rows.next()? {
        let id: String = row.get(0)?;
        // The sealed column is read in place (no copy out of SQLite's row).
        let (iban, name) = open(cipher, &id, blob(row, 1)?)?;
        let times_paid: i64 = row.get(4)?;
        out.push(Payee {
            iban,
            name,
            first_paid_at: from_unix(row.get(2)?)?,
            last_paid_at: from_unix(row.get(3)?)?,
            times_paid: u32::try_from(times_paid).map_err(|_| StoreError::Corrupt)?,
            id,
        });
    }
    Ok(out)
}

impl Store {
    /// Records a confirmed payment to `iban` under `name`: adds the payee, or updates its
    /// name, last payment time and count. Changes persisted state.
    pub fn record_payee(
        &self,
        profile_id: &str,
        iban: &Iban,
        name: &str,
        now: OffsetDateTime,
    ) -> Result<Payee, StoreError> {
        let fresh_id = random_id(&*self.rng)?;
        let payee = self
            .write(|tx, cipher| upsert_payee(tx, cipher, &fresh_id, profile_id, iban, name, now))?;
        tracing::debug!(profile = %profile_id, payee = %payee.id, "payee recorded");
        Ok(payee)
    }

    /// Whether `profile_id` has paid `iban` before (no extra SMS confirmation needed).
    pub fn is_known_payee(&self, profile_id: &str, iban: &Iban) -> Result<bool, StoreError> {
        let index = self
            .cipher
            .blind_index(IBAN_INDEX_DOMAIN, iban.electronic().as_bytes());
        self.read(|conn, _| {
            let found: Option<i64> = conn
                .query_row(
                    "SELECT 1 FROM payees WHERE profile_id = ?1 AND iban_index = ?2",
                    params![profile_id, index],
                    |r| r.get(0),
                )
                .optional()?;
            Ok(found.is_some())
        })
    }

    /// The profile's payees, most recently paid first.
    pub fn payees(&self, profile_id: &str) -> Result<Vec<Payee>, StoreError> {
        self.read(|conn, cipher| load(conn, cipher, profile_id))
    }

    /// Removes a payee from the cache (the next payment to it needs the SMS step again).
    /// Changes persisted state.
    pub fn forget_payee(&self, profile_id: &str, payee_id: &str) -> Result<(), StoreError> {
        let removed = self.write(|tx, _| {
            Ok(tx.execute(
                "DELETE FROM payees WHERE profile_id = ?1 AND id = ?2",
                params![profile_id, payee_id],
            )?)
        })?;
        if removed == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }
}

/// Adds the payee `iban` to `profile_id`'s cache (as `fresh_id`), or updates its name,
/// last payment time and count, inside `tx`.
pub(super) fn upsert_payee(
    tx: &Connection,
    cipher: &RowCipher,
    fresh_id: &str,
    profile_id: &str,
    iban: &Iban,
    name: &str,
    now: OffsetDateTime,
) -> Result<Payee, StoreError> {
    let index = cipher.blind_index(IBAN_INDEX_DOMAIN, iban.electronic().as_bytes());
    let existing: Option<(String, i64, i64)> = tx
        .query_row(
            "SELECT id, first_paid_at, times_paid FROM payees \
                 WHERE profile_id = ?1 AND iban_index = ?2",
            params![profile_id, index],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    let (id, first, times) = match existing {
        Some((id, first, times)) => (id, first, times.saturating_add(1)),
        None => (fresh_id.to_owned(), unix(now), 1),
    };
    let sealed = seal(cipher, &id, iban.electronic().as_bytes(), name.as_bytes())?;
    tx.execute(
        "INSERT INTO payees (id, profile_id, iban_index, account, first_paid_at, \
             last_paid_at, times_paid) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) \
             ON CONFLICT (id) DO UPDATE SET account = excluded.account, \
             last_paid_at = excluded.last_paid_at, times_paid = excluded.times_paid",
        params![id, profile_id, index, sealed, first, unix(now), times],
    )?;
    Ok(Payee {
        id,
        iban: iban.clone(),
        name: name.to_owned(),
        first_paid_at: from_unix(first)?,
        last_paid_at: from_unix(unix(now))?,
        times_paid: u32::try_from(times).map_err(|_| StoreError::Corrupt)?,
    })
}

/// The v5 -> v6 upgrade's part that SQL cannot do: each payee of the old table (IBAN and
/// name sealed apart) sealed into its new cell, inside the upgrade's transaction. A row
/// that no longer opens is left out, as it would have failed every read: the cache is
/// bookkeeping the bank gives back (the next payment to that account asks for the SMS
/// confirmation again), and one bad row must not keep the app from starting.
pub(super) fn reseal_from_v5(tx: &Connection, cipher: &RowCipher) -> Result<(), StoreError> {
    // The old table is dropped below, once this statement is finalised.
    let mut stmt = tx.prepare("SELECT id, iban, name FROM payees_v5")?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        let id: String = row.get(0)?;
        let opened = cipher
            .open(cell(IBAN_V5, &id), blob(row, 1)?)
            .and_then(|iban| Ok((iban, cipher.open(cell(NAME_V5, &id), blob(row, 2)?)?)));
        let Ok((iban, name)) = opened else {
            tracing::warn!("a payee that no longer decrypts was left out of the upgrade");
            continue;
        };
        tx.execute(
            "INSERT INTO payees (id, profile_id, iban_index, account, first_paid_at, \
             last_paid_at, times_paid) SELECT id, profile_id, iban_index, ?2, first_paid_at, \
             last_paid_at, times_paid FROM payees_v5 WHERE id = ?1",
            params![id, seal(cipher, &id, &iban, &name)?],
        )?;
    }
    drop(rows);
    drop(stmt);
    tx.execute_batch(
        "DROP TABLE payees_v5;
         CREATE INDEX payees_by_recency ON payees (profile_id, last_paid_at DESC, id);",
    )?;
    Ok(())
}
