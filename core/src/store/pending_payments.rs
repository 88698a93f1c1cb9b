//! Payments waiting for the customer's approval on this device (the bank's challenge,
//! the confirmation text shown, whether an SMS code is needed), so that an app closed
//! while the customer waits for the SMS code opens where it was. The record is the
//! client's own JSON, sealed like every other personal field (it names the payee and
//! the IBAN); the store keeps it opaque.

use rusqlite::{OptionalExtension, params};
use time::OffsetDateTime;

use super::row_cipher::{Cell, cell_scope};
use super::{Store, StoreError, from_unix, unix};

/// A stored pending payment. `Debug` shows only the ids.
#[derive(Clone, PartialEq, Eq)]
pub struct PendingPaymentRecord {
    /// The bank's payment id.
    pub payment_id: String,
    /// The profile that will approve it.
    pub profile_id: String,
    /// The client's record, decrypted.
    pub body: String,
    /// When it was stored.
    pub created_at: OffsetDateTime,
}

impl std::fmt::Debug for PendingPaymentRecord {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PendingPaymentRecord")
            .field("payment_id", &self.payment_id)
            .field("profile_id", &self.profile_id)
            .finish_non_exhaustive()
    }
}

fn body_cell(payment_id: &str) -> Cell<'_> {
    Cell {
        scope: cell_scope!("pending_payments", "body"),
        row_id: payment_id,
    }
}

impl Store {
    /// Stores (or replaces, after a renewed challenge) the pending payment `payment_id`.
    /// Changes persisted state.
    pub fn save_pending_payment(
        &self,
        profile_id: &str,
        payment_id: &str,
        body: &str,
        now: OffsetDateTime,
    ) -> Result<(), StoreError> {
        self.write(|tx, cipher| {
            let sealed = cipher.seal(body_cell(payment_id), body.as_bytes())?;
            tx.execute(
                "INSERT INTO pending_payments (id, profile_id, body, created_at) \
                 VALUES (?1, ?2, ?3, ?4) ON CONFLICT (id) DO UPDATE SET body = excluded.body \
                 WHERE pending_payments.profile_id = excluded.profile_id",
                params![payment_id, profile_id, sealed, unix(now)],
            )?;
            Ok(())
        })?;
        tracing::debug!(profile = %profile_id, payment = %payment_id, "pending payment stored");
        Ok(())
    }

    /// One pending payment of `profile_id`.
    pub fn pending_payment(
        &self,
        profile_id: &str,
        payment_id: &str,
    ) -> Result<PendingPaymentRecord, StoreError> {
        self.read(|conn, cipher| {
            let row: Option<(Vec<u8>, i64)> = conn
                .query_row(
                    "SELECT body, created_at FROM pending_payments \
                     WHERE profile_id = ?1 AND id = ?2",
                    params![profile_id, payment_id],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?;
            let (body, created_at) = row.ok_or(StoreError::NotFound)?;
            Ok(PendingPaymentRecord {
                payment_id: payment_id.to_owned(),
                profile_id: profile_id.to_owned(),
                body: cipher.open_text(body_cell(payment_id), &body)?,
                created_at: from_unix(created_at)?,
            })
        })
    }

    /// The profile's pending payments, oldest first.
    pub fn pending_payments(
        &self,
        profile_id: &str,
    ) -> Result<Vec<PendingPaymentRecord>, StoreError> {
        self.read(|conn, cipher| {
            let mut stmt = conn.prepare_cached(
                "SELECT id, body, created_at FROM pending_payments WHERE profile_id = ?1 \
                 ORDER BY created_at, id",
            )?;
            let mut rows = stmt.query([profile_id])?;
            let mut out = Vec::new();
            while let Some(row) = rows.next()? {
                let id: String = row.get(0)?;
                let body: Vec<u8> = row.get(1)?;
                out.push(PendingPaymentRecord {
                    body: cipher.open_text(body_cell(&id), &body)?,
                    created_at: from_unix(row.get(2)?)?,
                    profile_id: profile_id.to_owned(),
                    payment_id: id,
                });
            }
            Ok(out)
        })
    }

    /// Forgets a pending payment (approved, cancelled, or gone at the bank). Forgetting
    /// one that is not there is not an error. Changes persisted state.
    pub fn remove_pending_payment(
        &self,
        profile_id: &str,
        payment_id: &str,
    ) -> Result<(), StoreError> {
        self.write(|tx, _| {
            tx.execute(
                "DELETE FROM pending_payments WHERE profile_id = ?1 AND id = ?2",
                params![profile_id, payment_id],
            )?;
            Ok(())
        })
    }
}

impl Store {
    /// The bank accepted `payment_id`: it no longer waits here, and its payee (`None` for
    /// a transfer between own accounts) goes to the payee cache, in one transaction that
    /// does not wait for the disk (both are bookkeeping the bank can give back; the
    /// approval's receipt was stored, synced, before the approval was sent). Changes
    /// persisted state.
    pub fn payment_accepted(
        &self,
        profile_id: &str,
        payment_id: &str,
        payee: Option<(&crate::payments::Iban, &str)>,
        now: OffsetDateTime,
    ) -> Result<(), StoreError> {
        let fresh_id = crate::random::random_id(&*self.rng)?;
        self.write_unsynced(|tx, cipher| {
            tx.execute(
                "DELETE FROM pending_payments WHERE profile_id = ?1 AND id = ?2",
                params![profile_id, payment_id],
            )?;
            if let Some((iban, name)) = payee {
                super::payees::upsert_payee(tx, cipher, &fresh_id, profile_id, iban, name, now)?;
            }
            Ok(())
        })?;
        tracing::debug!(profile = %profile_id, payment = %payment_id, "payment accepted");
        if payee.is_some() {
            tracing::debug!(profile = %profile_id, "payee recorded");
        }
        Ok(())
    }
}
