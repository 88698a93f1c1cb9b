//! The last OS policy the device accepted: kept as the bank signed it (document bytes,
//! signature, key id) with its sequence number, and checked again whenever it is used, so
//! a policy edited in the database is refused like any forged one.
//!
//! The check at every start is a mark, not the signature: once the store has verified the
//! signature with a configured bank key, it keeps an HMAC under its data key (which lives
//! in the keystore, never in the database) over that key's id and public key, the
//! document and the signature. A start that finds the mark valid, for a key id still
//! configured with the same public key, reads the document without the ECDSA verification
//! (about 0.1 ms of every start); anything else (no mark, another install's mark, an
//! edited document, signature or key id, a key replaced under the same id) falls back to
//! the signature, which refuses what the bank did not sign. Why this is as strong as the
//! signature here: docs/device-security.md, "The cached OS policy".

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rusqlite::types::ValueRef;
use rusqlite::{OptionalExtension, params};
use subtle::ConstantTimeEq;
use time::OffsetDateTime;

use super::row_cipher::RowCipher;
use super::{Store, StoreError, from_unix, unix};
use crate::os_policy::{BankKey, OsPolicy, SignedPolicy};

/// What the client reads of the cached policy without verifying it: its sequence number
/// and when it was accepted (the envelope itself is read only by
/// [`Store::verified_policy`], which checks it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CachedPolicy {
    /// Its sequence number. The rollback floor is not taken from here alone: a database
    /// can be restored from an older copy, so the client keeps the highest sequence
    /// number accepted in the secret store too ([`crate::os_policy::rollback`]).
    pub sequence: u64,
    /// When the device accepted it.
    pub accepted_at: OffsetDateTime,
}

impl Store {
    /// Saves a policy that [`SignedPolicy::accept`] accepted, replacing the previous one.
    /// Refuses to go back to a lower sequence number even if the caller forgot to check.
    /// Changes persisted state.
    pub fn save_policy(
        &self,
        envelope: &SignedPolicy,
        policy: &OsPolicy,
        now: OffsetDateTime,
    ) -> Result<(), StoreError> {
        let document = URL_SAFE_NO_PAD
            .decode(&envelope.document)
            .map_err(|_| StoreError::InvalidValue { field: "document" })?;
        let signature = URL_SAFE_NO_PAD
            .decode(&envelope.signature)
            .map_err(|_| StoreError::InvalidValue { field: "signature" })?;
        let sequence = i64::try_from(policy.sequence)
            .map_err(|_| StoreError::InvalidValue { field: "sequence" })?;
        self.write(|tx, _| {
            let current: Option<i64> = tx
                .query_row("SELECT sequence FROM os_policy WHERE id = 1", [], |r| {
                    r.get(0)
                })
                .optional()?;
            if current.is_some_and(|current| current > sequence) {
                return Err(StoreError::InvalidValue { field: "sequence" });
            }
            tx.execute(
                "INSERT INTO os_policy (id, key_id, document, signature, sequence, accepted_at) \
                 VALUES (1, ?1, ?2, ?3, ?4, ?5) \
                 ON CONFLICT (id) DO UPDATE SET key_id = excluded.key_id, \
                 document = excluded.document, signature = excluded.signature, \
                 sequence = excluded.sequence, accepted_at = excluded.accepted_at, \
                 mark = NULL",
                params![envelope.key_id, document, signature, sequence, unix(now)],
            )?;
            Ok(())
        })?;
        tracing::debug!(sequence = policy.sequence, "OS policy cached");
        Ok(())
    }

    /// The cached policy's sequence number and acceptance time, unverified.
    pub fn cached_policy(&self) -> Result<Option<CachedPolicy>, StoreError> {
        self.read(|conn, _| {
            let row = conn
                .query_row(
                    "SELECT sequence, accepted_at FROM os_policy WHERE id = 1",
                    [],
                    |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)),
                )
                .optional()?;
            let Some((sequence, accepted_at)) = row else {
                return Ok(None);
            };
            Ok(Some(CachedPolicy {
                sequence: u64::try_from(sequence).map_err(|_| StoreError::Corrupt)?,
                accepted_at: from_unix(accepted_at)?,
            }))
        })
    }

    /// The cached policy, verified against the bank's `keys`, with its sequence number; or
    /// `None` when none is cached (use the built-in one). A cached policy that no longer
    /// verifies, whose key id is no longer among `keys`, or whose document disagrees with
    /// the stored sequence number, is [`StoreError::CachedPolicyInvalid`]: fall back to
    /// the built-in policy and fetch a new one. Verified by its mark when it has a valid
    /// one, else by its signature and then marked: changes persisted state then, and
    /// only then (a mark that could not be written means one more signature check).
    pub fn verified_policy(&self, keys: &[BankKey]) -> Result<Option<(OsPolicy, u64)>, StoreError> {
        self.read(|conn, cipher| {
            let (policy, sequence, new_mark) = {
                let mut stmt = conn.prepare_cached(
                    "SELECT key_id, document, signature, sequence, mark FROM os_policy \
                     WHERE id = 1",
                )?;
                let mut rows = stmt.query([])?;
                let Some(row) = rows.next()? else {
                    return Ok(None);
                };
                // Checked in place, from the row's bytes.
                let key_id = row.get_ref(0)?.as_str().map_err(|_| StoreError::Corrupt)?;
                let (document, signature) = (super::blob(row, 1)?, super::blob(row, 2)?);
                let sequence =
                    u64::try_from(row.get::<_, i64>(3)?).map_err(|_| StoreError::Corrupt)?;
                // A key the app no longer trusts is refused whatever the mark says.
                let key = keys
                    .iter()
                    .find(|k| k.id() == key_id)
                    .ok_or(StoreError::CachedPolicyInvalid)?;
                let mark = policy_mark(cipher, key, document, signature);
                let marked = match row.get_ref(4)? {
                    ValueRef::Blob(stored) => bool::from(stored.ct_eq(mark.as_ref())),
                    _ => false,
                };
                let policy = if marked {
                    SignedPolicy::read_verified(document)
                } else {
                    SignedPolicy::verify_parts(keys, key_id, document, signature)
                }
                .map_err(|_| StoreError::CachedPolicyInvalid)?;
                if policy.sequence != sequence {
                    return Err(StoreError::CachedPolicyInvalid);
                }
                (policy, sequence, (!marked).then_some(mark))
            };
            // Marked on this connection, in its own short transaction: the writer's when
            // it was idle (always, in a single-threaded app); a read-only reader's refuses
            // the write, and the signature is verified again at the next read. Should a
            // save replace the row in between, this mark does not match the new row's
            // bytes, and that policy is verified by its signature when next read.
            if let Some(mark) = new_mark
                && let Err(e) = conn.execute(
                    "UPDATE os_policy SET mark = ?1 WHERE id = 1",
                    [mark.as_ref()],
                )
            {
                tracing::debug!(error = %e, "OS policy verified but not marked");
            }
            Ok(Some((policy, sequence)))
        })
    }
}

/// The mark of a policy whose signature by `key` was verified (see the module's notes).
pub(super) fn policy_mark(
    cipher: &RowCipher,
    key: &BankKey,
    document: &[u8],
    signature: &[u8],
) -> ring::hmac::Tag {
    cipher.mark(
        "os_policy 1 verified",
        &[key.id().as_bytes(), key.public_key(), document, signature],
    )
}
