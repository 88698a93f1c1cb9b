//! Receipts of approvals: what was shown, for what purpose, with which factor, when, and
//! from which device, so the customer can review them and report "this was not me".

use rusqlite::params;
use time::OffsetDateTime;

use super::row_cipher::{Cell, cell_scope};
use super::{Store, StoreError, from_unix, unix};
use crate::keys::SecondFactor;
use crate::random::random_id;
use crate::signed_bytes::Purpose;

/// What to record about an approval just made.
#[derive(Clone)]
pub struct NewReceipt {
    /// The profile that approved.
    pub profile_id: String,
    /// What was approved.
    pub purpose: Purpose,
    /// PIN or biometrics.
    pub factor: SecondFactor,
    /// The exact text shown (its hash was signed).
    pub shown_text: String,
    /// The bank's id of the device that signed.
    pub server_device_id: Option<String>,
    /// When.
    pub approved_at: OffsetDateTime,
    /// The bank's id of the approval (the challenge answered), for a "this was not me"
    /// report; `None` for approvals made before the bank named them.
    pub approval_id: Option<String>,
}

/// A stored receipt. `Debug` hides the text.
#[derive(Clone, PartialEq, Eq)]
pub struct Receipt {
    /// The row's id.
    pub id: String,
    /// The profile that approved.
    pub profile_id: String,
    /// What was approved.
    pub purpose: Purpose,
    /// PIN or biometrics.
    pub factor: SecondFactor,
    /// The exact text shown.
    pub shown_text: String,
    /// The bank's id of the device that signed.
    pub server_device_id: Option<String>,
    /// When.
    pub approved_at: OffsetDateTime,
    /// When the customer reported it as "this was not me", if they did.
    pub reported_not_me_at: Option<OffsetDateTime>,
    /// The bank's id of the approval (the challenge answered), when known.
    pub approval_id: Option<String>,
}

impl std::fmt::Debug for NewReceipt {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NewReceipt")
            .field("purpose", &self.purpose)
            .finish_non_exhaustive()
    }
}

impl std::fmt::Debug for Receipt {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Receipt")
            .field("id", &self.id)
            .field("purpose", &self.purpose)
            .field("factor", &self.factor)
            .field("reported_not_me", &self.reported_not_me_at.is_some())
            .finish_non_exhaustive()
    }
}

fn text_cell(id: &str) -> Cell<'_> {
    Cell {
        scope: cell_scope!("receipts", "shown_text"),
        row_id: id,
    }
}

fn factor_code(factor: SecondFactor) -> &'static str {
    match factor {
        SecondFactor::Pin => "pin",
        SecondFactor::Biometric => "biometric",
    }
}

fn factor_from_code(code: &str) -> Option<SecondFactor> {
    match code {
        "pin" => Some(SecondFactor::Pin),
        "biometric" => Some(SecondFactor::Biometric),
        _ => None,
    }
}

impl Store {
    /// Stores a receipt and marks its profile used at the receipt's time. Changes
    /// persisted state.
    pub fn add_receipt(&self, receipt: &NewReceipt) -> Result<Receipt, StoreError> {
        let id = random_id(&*self.rng)?;
        self.write(|tx, cipher| {
            let text = cipher.seal(text_cell(&id), receipt.shown_text.as_bytes())?;
            tx.execute(
                "INSERT INTO receipts (id, profile_id, purpose, factor, approved_at, \
                 server_device_id, shown_text) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![
                    id,
                    receipt.profile_id,
                    receipt.purpose.code(),
                    factor_code(receipt.factor),
                    unix(receipt.approved_at),
                    receipt.server_device_id,
                    text
                ],
            )?;
            // An approval is a use of the profile: one transaction (one sync to disk)
            // records both, which keeps a login's local bookkeeping to one write.
            tx.execute(
                "UPDATE profiles SET last_used_at = MAX(COALESCE(last_used_at, 0), ?2) \
                 WHERE id = ?1",
                params![receipt.profile_id, unix(receipt.approved_at)],
            )?;
            // A statement of its own, so the insert above stays valid on every schema
            // version (the upgrade tests add receipts through the old ones).
            if let Some(approval_id) = &receipt.approval_id {
                tx.execute(
                    "UPDATE receipts SET approval_id = ?2 WHERE id = ?1",
                    params![id, approval_id],
                )?;
            }
            Ok(())
        })?;
        tracing::debug!(profile = %receipt.profile_id, receipt = %id, purpose = %receipt.purpose, "receipt stored");
        Ok(Receipt {
            id,
            profile_id: receipt.profile_id.clone(),
            purpose: receipt.purpose,
            factor: receipt.factor,
            shown_text: receipt.shown_text.clone(),
            server_device_id: receipt.server_device_id.clone(),
            approved_at: from_unix(unix(receipt.approved_at))?,
            reported_not_me_at: None,
            approval_id: receipt.approval_id.clone(),
        })
    }

    /// The profile's receipts, newest first, at most `limit`.
    pub fn receipts(&self, profile_id: &str, limit: u32) -> Result<Vec<Receipt>, StoreError> {
        self.read(|conn, cipher| {
            let mut stmt = conn.prepare_cached(
                "SELECT id, purpose, factor, approved_at, server_device_id, shown_text, \
                 reported_not_me_at, approval_id FROM receipts WHERE profile_id = ?1 \
                 ORDER BY approved_at DESC, rowid DESC LIMIT ?2",
            )?;
            let mut rows = stmt.query(params![profile_id, limit])?;
            let mut out = Vec::new();
            while let Some(row) = rows.next()? {
                let id: String = row.get(0)?;
                let purpose: String = row.get(1)?;
                let factor: String = row.get(2)?;
                let text: Vec<u8> = row.get(5)?;
                let reported: Option<i64> = row.get(6)?;
                out.push(Receipt {
                    shown_text: cipher.open_text(text_cell(&id), &text)?,
                    profile_id: profile_id.to_owned(),
                    purpose: Purpose::from_code(&purpose).ok_or(StoreError::Corrupt)?,
                    factor: factor_from_code(&factor).ok_or(StoreError::Corrupt)?,
                    approved_at: from_unix(row.get(3)?)?,
                    server_device_id: row.get(4)?,
                    reported_not_me_at: reported.map(from_unix).transpose()?,
                    approval_id: row.get(7)?,
                    id,
                });
            }
            Ok(out)
        })
    }

    /// Removes a receipt stored before its approval was sent, when the bank refused the
    /// approval or it never left (the profile's last use stays). Changes persisted state.
    pub fn remove_receipt(&self, profile_id: &str, receipt_id: &str) -> Result<(), StoreError> {
        self.write(|tx, _| {
            tx.execute(
                "DELETE FROM receipts WHERE profile_id = ?1 AND id = ?2",
                params![profile_id, receipt_id],
            )?;
            Ok(())
        })?;
        tracing::debug!(profile = %profile_id, receipt = %receipt_id, "receipt removed");
        Ok(())
    }

    /// Records that the customer does not recognise this approval ("this was not me").
    /// The first report's time is kept if reported again. The app then tells the bank and
    /// shows the blocking service's numbers. Changes persisted state.
    pub fn report_not_me(
        &self,
        profile_id: &str,
        receipt_id: &str,
        now: OffsetDateTime,
    ) -> Result<(), StoreError> {
        let changed = self.write(|tx, _| {
            Ok(tx.execute(
                "UPDATE receipts SET reported_not_me_at = COALESCE(reported_not_me_at, ?1) \
                 WHERE profile_id = ?2 AND id = ?3",
                params![unix(now), profile_id, receipt_id],
            )?)
        })?;
        if changed == 0 {
            return Err(StoreError::NotFound);
        }
        tracing::debug!(profile = %profile_id, receipt = %receipt_id, "receipt reported as not me");
        Ok(())
    }
}
