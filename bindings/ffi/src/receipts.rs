//! [`Receipts`]: the receipts of every approval made on this device, and the "this was not
//! me" report. Thin calls into the core's `Receipts`, which keeps the receipts sealed in
//! the local database.

use std::sync::Arc;

use avain_core::client::{self as core, NotMeReported, ReceiptInfo};

use crate::avain::Avain;
use crate::error::AvainError;

/// Receipts of approvals: `avain.receipts()` in Kotlin and Swift, a view of the one
/// [`Avain`] it came from.
#[derive(uniffi::Object)]
pub struct Receipts {
    avain: Arc<core::Avain>,
}

impl std::fmt::Debug for Receipts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Receipts").finish_non_exhaustive()
    }
}

impl Receipts {
    fn area(&self) -> core::Receipts<'_> {
        self.avain.receipts()
    }
}

#[uniffi::export]
impl Avain {
    /// Receipts of approvals.
    pub fn receipts(&self) -> Arc<Receipts> {
        Arc::new(Receipts {
            avain: Arc::clone(&self.core),
        })
    }
}

#[uniffi::export]
impl Receipts {
    /// The receipts of the profile's approvals on this device, newest first, at most
    /// `limit`. Local only.
    pub async fn list(
        &self,
        profile_id: String,
        limit: u32,
    ) -> Result<Vec<ReceiptInfo>, AvainError> {
        self.area().list(&profile_id, limit).await
    }

    /// Reports an approval the customer does not recognise ("this was not me") to the
    /// bank (logged in, same profile), with an optional comment. The answer's message
    /// gives the blocking service's numbers. Changes persisted state.
    pub async fn report_not_me(
        &self,
        receipt_id: String,
        comment: Option<String>,
    ) -> Result<NotMeReported, AvainError> {
        self.area().report_not_me(receipt_id, comment).await
    }
}
