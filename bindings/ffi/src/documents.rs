//! The signing service: documents waiting for my signature, pending (others still to
//! sign) and completed (everybody signed; the bank sent an SMS), opening one to read it,
//! signing it with the PIN or biometrics, and downloading a completed one for 30 days.
//! Thin calls into `avain_core::client::Avain`, which checks the content against the
//! bank's hash, renders the text, signs it and keeps the receipt.

use std::sync::Arc;

use avain_core::client::{
    self as core, ApprovalFactor, DocumentFile, DocumentInfo, DocumentLists, DocumentView,
};
use time::OffsetDateTime;

use crate::avain::Avain;
use crate::error::AvainError;

/// Whether a completed document with `download_until` can be downloaded at `now` (the
/// 30 days after the last signature), for showing the download button. Pure.
#[uniffi::export]
pub fn document_downloadable(download_until: Option<OffsetDateTime>, now: OffsetDateTime) -> bool {
    core::downloadable(download_until, now)
}

/// The signing service: `avain.documents()` in Kotlin and Swift, a view of the one
/// [`Avain`] it came from.
#[derive(uniffi::Object)]
pub struct Documents {
    avain: Arc<core::Avain>,
}

impl std::fmt::Debug for Documents {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Documents").finish_non_exhaustive()
    }
}

impl Documents {
    fn area(&self) -> core::Documents<'_> {
        self.avain.documents()
    }
}

#[uniffi::export]
impl Avain {
    /// The signing service.
    pub fn documents(&self) -> Arc<Documents> {
        Arc::new(Documents {
            avain: Arc::clone(&self.core),
        })
    }
}

#[uniffi::export]
impl Documents {
    /// The signing service's three lists (logged in).
    pub async fn list(&self) -> Result<DocumentLists, AvainError> {
        self.area().list().await
    }

    /// Opens a document to read it (logged in). When it waits for my signature,
    /// `shownText` is what `signDocument` signs (in Finnish, with a notice for customers
    /// using another language).
    pub async fn open_document(&self, document_id: String) -> Result<DocumentView, AvainError> {
        self.area().open_document(document_id).await
    }

    /// Signs the document last opened, with the PIN or biometrics, over its title, the
    /// hash of the content read and the text shown. When the customer was the last to
    /// sign it becomes completed. Changes persisted state (a receipt).
    pub async fn sign_document(
        &self,
        document_id: String,
        factor: ApprovalFactor,
    ) -> Result<DocumentInfo, AvainError> {
        self.area().sign_document(document_id, factor).await
    }

    /// Downloads a completed document (logged in), only within 30 days of the last
    /// signature (`Refused` with `download_unavailable` after that). Nothing is written to
    /// disk: the app saves the file where the customer chooses.
    pub async fn download_document(&self, document_id: String) -> Result<DocumentFile, AvainError> {
        self.area().download_document(document_id).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn downloads_end_thirty_days_after_the_last_signature() {
        let until = Some(datetime!(2026-12-22 10:00 UTC));
        let at = |t: OffsetDateTime| document_downloadable(until, t);
        assert!(at(datetime!(2026-12-22 09:59:59 UTC)));
        assert!(!at(datetime!(2026-12-22 10:00 UTC)));
        assert!(
            !document_downloadable(None, OffsetDateTime::now_utc()),
            "not completed"
        );
    }
}
