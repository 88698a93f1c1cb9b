//! The signing service: documents waiting for my signature, pending (others still to
//! sign) and completed (everybody signed; the bank sent an SMS), opening one to read it,
//! signing it with the PIN or biometrics, and downloading a completed one for 30 days.
//! Thin calls into `avain_core::client::Avain`, which checks the content against the
//! bank's hash, renders the text, signs it and keeps the receipt.

use std::time::SystemTime;

use avain_core::Language;
use avain_core::client::{self as core, ApprovalFactor};

use crate::avain::Avain;
use crate::error::AvainError;
use crate::instant::from_shell;

/// A party to a document.
#[derive(Clone, PartialEq, Eq, uniffi::Record)]
pub struct DocumentParty {
    /// The party's name.
    pub name: String,
    /// When they signed, if they have.
    pub signed_at: Option<SystemTime>,
}

/// Names are personal data: kept out of logs.
impl std::fmt::Debug for DocumentParty {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DocumentParty")
            .field("signed", &self.signed_at.is_some())
            .finish_non_exhaustive()
    }
}

/// A document in one of the three lists.
#[derive(Clone, PartialEq, Eq, uniffi::Record)]
pub struct DocumentInfo {
    /// The bank's id (for `openDocument`, `signDocument`, `downloadDocument`).
    pub document_id: String,
    /// The title.
    pub title: String,
    /// `waiting` (for my signature), `pending` (others still to sign) or `completed`.
    pub status: String,
    /// Everybody who signs, in order.
    pub parties: Vec<DocumentParty>,
    /// When the last party signed.
    pub completed_at: Option<SystemTime>,
    /// Until when a completed document can be downloaded.
    pub download_until: Option<SystemTime>,
    /// Whether it can be downloaded now, on the phone's clock.
    pub downloadable: bool,
}

/// A title says what the customer's contract is about (a loan, a proxy): kept out of
/// logs, as are the parties.
impl std::fmt::Debug for DocumentInfo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DocumentInfo")
            .field("document_id", &self.document_id)
            .field("status", &self.status)
            .field("downloadable", &self.downloadable)
            .finish_non_exhaustive()
    }
}

impl From<core::DocumentInfo> for DocumentInfo {
    fn from(d: core::DocumentInfo) -> DocumentInfo {
        DocumentInfo {
            document_id: d.document_id,
            title: d.title,
            status: d.status,
            parties: d
                .parties
                .into_iter()
                .map(|p| DocumentParty {
                    name: p.name,
                    signed_at: p.signed_at.map(Into::into),
                })
                .collect(),
            completed_at: d.completed_at.map(Into::into),
            download_until: d.download_until.map(Into::into),
            downloadable: d.downloadable,
        }
    }
}

/// The signing service's front page.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct DocumentLists {
    /// Waiting for my signature.
    pub waiting: Vec<DocumentInfo>,
    /// Signed by me, waiting for others.
    pub pending: Vec<DocumentInfo>,
    /// Signed by everybody (also those whose download period has ended).
    pub completed: Vec<DocumentInfo>,
}

impl From<core::DocumentLists> for DocumentLists {
    fn from(l: core::DocumentLists) -> DocumentLists {
        let convert = |list: Vec<core::DocumentInfo>| list.into_iter().map(Into::into).collect();
        DocumentLists {
            waiting: convert(l.waiting),
            pending: convert(l.pending),
            completed: convert(l.completed),
        }
    }
}

/// A document opened for reading, with the text the signature approves.
#[derive(Clone, PartialEq, Eq, uniffi::Record)]
pub struct DocumentView {
    /// The list entry.
    pub info: DocumentInfo,
    /// The full text, to read before signing (checked against the bank's hash).
    pub content: String,
    /// The exact text to show above the sign button (signed with the content's hash);
    /// `null`/`nil` when the document is not waiting for my signature.
    pub shown_text: Option<String>,
    /// The signing service is not available in the customer's language: show
    /// `language_notice`.
    pub finnish_only: bool,
    /// The notice to show in the customer's own language when it is not Finnish.
    pub language_notice: Option<String>,
}

/// A contract's text (loan amounts, names) is personal data: kept out of logs.
impl std::fmt::Debug for DocumentView {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DocumentView")
            .field("info", &self.info)
            .field("finnish_only", &self.finnish_only)
            .finish_non_exhaustive()
    }
}

impl From<core::DocumentView> for DocumentView {
    fn from(v: core::DocumentView) -> DocumentView {
        DocumentView {
            info: v.info.into(),
            content: v.content,
            shown_text: v.shown_text,
            finnish_only: v.finnish_only,
            language_notice: v.language_notice,
        }
    }
}

/// A downloaded signed document.
#[derive(Clone, PartialEq, Eq, uniffi::Record)]
pub struct DocumentFile {
    /// A file name to save it under ("Asuntolainasopimus.txt").
    pub file_name: String,
    /// The document's text as signed (its SHA-256 matched the bank's).
    pub content: String,
}

/// The content is personal data: kept out of logs.
impl std::fmt::Debug for DocumentFile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DocumentFile")
            .field("file_name", &self.file_name)
            .finish_non_exhaustive()
    }
}

impl From<core::DocumentFile> for DocumentFile {
    fn from(f: core::DocumentFile) -> DocumentFile {
        DocumentFile {
            file_name: f.file_name,
            content: f.content,
        }
    }
}

/// Whether a completed document with `download_until` can be downloaded at `now` (the
/// 30 days after the last signature), for showing the download button. Pure.
#[uniffi::export]
pub fn document_downloadable(
    download_until: Option<SystemTime>,
    now: SystemTime,
    language: Language,
) -> Result<bool, AvainError> {
    let until = download_until
        .map(|t| from_shell(t, language))
        .transpose()?;
    Ok(core::downloadable(until, from_shell(now, language)?))
}

#[uniffi::export]
impl Avain {
    /// The signing service's three lists (logged in).
    pub async fn documents(&self) -> Result<DocumentLists, AvainError> {
        Ok(self.core.documents().await?.into())
    }

    /// Opens a document to read it (logged in). When it waits for my signature,
    /// `shownText` is what `signDocument` signs (in Finnish, with a notice for customers
    /// using another language).
    pub async fn open_document(&self, document_id: String) -> Result<DocumentView, AvainError> {
        Ok(self.core.open_document(document_id).await?.into())
    }

    /// Signs the document last opened, with the PIN or biometrics, over its title, the
    /// hash of the content read and the text shown. When the customer was the last to
    /// sign it becomes completed. Changes persisted state (a receipt).
    pub async fn sign_document(
        &self,
        document_id: String,
        factor: ApprovalFactor,
    ) -> Result<DocumentInfo, AvainError> {
        Ok(self.core.sign_document(document_id, factor).await?.into())
    }

    /// Downloads a completed document (logged in), only within 30 days of the last
    /// signature (`Refused` with `download_unavailable` after that). Nothing is written to
    /// disk: the app saves the file where the customer chooses.
    pub async fn download_document(&self, document_id: String) -> Result<DocumentFile, AvainError> {
        Ok(self.core.download_document(document_id).await?.into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn downloads_end_thirty_days_after_the_last_signature() {
        let until = Some(datetime!(2026-12-22 10:00 UTC).into());
        let at = |t: time::OffsetDateTime| document_downloadable(until, t.into(), Language::Fi);
        assert!(at(datetime!(2026-12-22 09:59:59 UTC)).unwrap());
        assert!(!at(datetime!(2026-12-22 10:00 UTC)).unwrap());
        assert!(
            !document_downloadable(None, SystemTime::now(), Language::Fi).unwrap(),
            "not completed"
        );
    }

    #[test]
    fn the_text_and_the_names_stay_out_of_debug_output() {
        let view = DocumentView::from(core::DocumentView {
            info: core::DocumentInfo {
                document_id: "doc_1".into(),
                title: "Asuntolainasopimus".into(),
                status: "waiting".into(),
                parties: vec![core::PartyInfo {
                    name: "Mikko Virtanen".into(),
                    signed_at: Some(datetime!(2026-11-20 08:00 UTC)),
                }],
                completed_at: None,
                download_until: None,
                downloadable: false,
            },
            content: "Lainan määrä: 185 000,00 €".into(),
            shown_text: Some("Allekirjoita asiakirja Asuntolainasopimus".into()),
            finnish_only: true,
            language_notice: None,
        });
        assert_eq!(
            view.info.parties[0].signed_at,
            Some(datetime!(2026-11-20 08:00 UTC).into())
        );
        let debug = format!("{view:?}");
        assert!(debug.contains("doc_1"), "{debug}");
        for secret in ["185 000", "Mikko", "Asuntolaina"] {
            assert!(!debug.contains(secret), "{debug}");
        }
    }
}
