//! A PIN change sent to the bank whose outcome the phone may not know: the bank can commit
//! the new K_pin and the answer still be lost, or the app die before it records the new
//! derivation. Until a challenge names the change as the bank's current PIN key, the
//! phone keeps what derives both keys: the current parameters in the profile row and the
//! new ones here (salt and iterations; never a PIN). Switching is one transaction.

use rusqlite::{OptionalExtension, params};

use super::{Store, StoreError};
use crate::keys::PinKdfParams;

/// The new PIN's derivation parameters of a PIN change the bank may have committed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PendingPinChange {
    /// The bank's id of the change; a challenge whose PIN key id equals it means the bank
    /// verifies with the new K_pin.
    pub change_id: String,
    /// Salt and iterations of the new PIN's K_pin.
    pub pin_kdf: PinKdfParams,
}

impl Store {
    /// Keeps `change` for the profile before its confirmation is sent, replacing an
    /// earlier one. Changes persisted state.
    pub fn save_pending_pin_change(
        &self,
        profile_id: &str,
        change: &PendingPinChange,
    ) -> Result<(), StoreError> {
        self.write(|tx, _| {
            tx.execute(
                "INSERT INTO pending_pin_changes (profile_id, change_id, pin_salt, pin_iterations)
                 VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (profile_id) DO UPDATE SET change_id = excluded.change_id,
                     pin_salt = excluded.pin_salt, pin_iterations = excluded.pin_iterations",
                params![
                    profile_id,
                    change.change_id,
                    change.pin_kdf.salt(),
                    i64::from(change.pin_kdf.iterations())
                ],
            )?;
            Ok(())
        })?;
        tracing::debug!(profile = %profile_id, "PIN change pending");
        Ok(())
    }

    /// The profile's pending PIN change, if there is one.
    pub fn pending_pin_change(
        &self,
        profile_id: &str,
    ) -> Result<Option<PendingPinChange>, StoreError> {
        self.read(|conn, _| {
            let row: Option<(String, Vec<u8>, i64)> = conn
                .query_row(
                    "SELECT change_id, pin_salt, pin_iterations FROM pending_pin_changes
                     WHERE profile_id = ?1",
                    [profile_id],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
                )
                .optional()?;
            row.map(|(change_id, salt, iterations)| {
                let iterations = u32::try_from(iterations).map_err(|_| StoreError::Corrupt)?;
                Ok(PendingPinChange {
                    change_id,
                    pin_kdf: PinKdfParams::new(&salt, iterations)
                        .map_err(|_| StoreError::Corrupt)?,
                })
            })
            .transpose()
        })
    }

    /// The bank committed PIN change `change_id`: its parameters become the profile's,
    /// in the same transaction that forgets the pending change. `false` when no such
    /// change is pending (another call committed it already). Changes persisted state.
    pub fn commit_pending_pin_change(
        &self,
        profile_id: &str,
        change_id: &str,
    ) -> Result<bool, StoreError> {
        let committed = self.write(|tx, _| {
            let changed = tx.execute(
                "UPDATE profiles SET (pin_salt, pin_iterations) =
                     (SELECT pin_salt, pin_iterations FROM pending_pin_changes
                      WHERE profile_id = ?1 AND change_id = ?2)
                 WHERE id = ?1 AND EXISTS (SELECT 1 FROM pending_pin_changes
                      WHERE profile_id = ?1 AND change_id = ?2)",
                params![profile_id, change_id],
            )?;
            tx.execute(
                "DELETE FROM pending_pin_changes WHERE profile_id = ?1 AND change_id = ?2",
                params![profile_id, change_id],
            )?;
            Ok(changed == 1)
        })?;
        if committed {
            tracing::debug!(profile = %profile_id, "PIN parameters changed");
        }
        Ok(committed)
    }

    /// Forgets PIN change `change_id` after the bank refused it for good. Changes persisted
    /// state.
    pub fn discard_pending_pin_change(
        &self,
        profile_id: &str,
        change_id: &str,
    ) -> Result<(), StoreError> {
        self.write(|tx, _| {
            tx.execute(
                "DELETE FROM pending_pin_changes WHERE profile_id = ?1 AND change_id = ?2",
                params![profile_id, change_id],
            )?;
            Ok(())
        })
    }
}
