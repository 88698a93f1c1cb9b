//! The signing service (POP FAQ: "Färdiga dokument eller Väntande dokument"): documents
//! waiting for my signature, pending (I signed, others have not), completed (everybody
//! signed; the bank sends an SMS). The customer opens a document, reads it, and signs the
//! text shown (title and the hash of the content) with the PIN or biometrics. Completed
//! documents can be downloaded for 30 days after the last signature; after that the
//! phone says so without asking, and the bank refuses too.
//!
//! The service exists only in Finnish: the approval text is Finnish, with a notice in the
//! customer's language when that differs.

use std::sync::Arc;

use time::OffsetDateTime;

use super::pending::OpenedDocument;
use super::{ApprovalFactor, AvainError, Documents, Inner};
use crate::api::{
    ApprovalRequired, ConfirmRequest, Document, DocumentList, DocumentStatus, DocumentSummary,
    ErrorCode,
};
use crate::confirmation;
use crate::error::AvainErrorCode;
use crate::i18n::Language;
use crate::language::Flow;
use crate::signed_bytes::Approval;

pub use avain_protocol::rules::signing::{DOWNLOAD_PERIOD, downloadable};

/// A party to a document.
#[derive(Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct PartyInfo {
    /// The party's name.
    pub name: String,
    /// When they signed, if they have.
    pub signed_at: Option<OffsetDateTime>,
}

/// A document in one of the three lists.
#[derive(Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct DocumentInfo {
    /// The bank's id.
    pub document_id: String,
    /// The title.
    pub title: String,
    /// Waiting (for my signature), pending (others still to sign) or completed.
    pub status: DocumentStatus,
    /// Everybody who signs, in order.
    pub parties: Vec<PartyInfo>,
    /// When the last party signed.
    pub completed_at: Option<OffsetDateTime>,
    /// Until when a completed document can be downloaded.
    pub download_until: Option<OffsetDateTime>,
    /// Whether it can be downloaded now, on the phone's clock.
    pub downloadable: bool,
}

/// The three lists of the signing service's front page.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct DocumentLists {
    /// Waiting for my signature.
    pub waiting: Vec<DocumentInfo>,
    /// Signed by me, waiting for others.
    pub pending: Vec<DocumentInfo>,
    /// Signed by everybody (also those whose download period has ended).
    pub completed: Vec<DocumentInfo>,
}

/// A document opened for reading, with the text the signature approves.
#[derive(Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct DocumentView {
    /// The list entry.
    pub info: DocumentInfo,
    /// The full text, to read before signing.
    pub content: String,
    /// The exact text to show above the sign button (it is signed with the content's
    /// hash); `None` when the document is not waiting for my signature.
    pub shown_text: Option<String>,
    /// True when the signing service is not available in the customer's language.
    pub finnish_only: bool,
    /// The notice to show in the customer's own language when it is not Finnish.
    pub language_notice: Option<String>,
}

/// A downloaded signed document.
#[derive(Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct DocumentFile {
    /// A file name to save it under ("<title>.txt").
    pub file_name: String,
    /// The document's text, as signed (its SHA-256 matched the bank's).
    pub content: String,
}

fn info(summary: DocumentSummary, now: OffsetDateTime) -> DocumentInfo {
    DocumentInfo {
        document_id: summary.document_id,
        title: summary.title,
        status: summary.status,
        parties: summary
            .parties
            .into_iter()
            .map(|p| PartyInfo {
                name: p.name,
                signed_at: p.signed_at,
            })
            .collect(),
        completed_at: summary.completed_at,
        download_until: summary.download_until,
        downloadable: summary.status == DocumentStatus::Completed
            && downloadable(summary.download_until, now),
    }
}

fn sha256(bytes: &[u8]) -> Vec<u8> {
    ring::digest::digest(&ring::digest::SHA256, bytes)
        .as_ref()
        .to_vec()
}

/// A file name from the title: letters, digits and a few safe marks only.
fn file_name(title: &str) -> String {
    let base: String = title
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .take(80)
        .collect();
    let base = base.trim_matches('_');
    if base.is_empty() {
        "asiakirja.txt".to_owned()
    } else {
        format!("{base}.txt")
    }
}

fn document_error(lang: Language, error: AvainError) -> AvainError {
    match error.code() {
        AvainErrorCode::NotFound => AvainError::refused(lang, AvainErrorCode::DocumentNotFound),
        _ => error,
    }
}

impl Inner {
    async fn document(self: &Arc<Self>, document_id: &str) -> Result<Document, AvainError> {
        let lang = self.lang();
        if !avain_protocol::rules::ids::is_id(document_id) {
            return Err(AvainError::input(lang, AvainErrorCode::DocumentNotFound));
        }
        let (token, _) = self.session()?;
        let document: Document = self
            .http
            .get(&format!("v1/documents/{document_id}"), Some(token.expose()))
            .await
            .map_err(|e| document_error(lang, self.bank_error(e)))?;
        // What the customer reads must be what the signature covers.
        if document.summary.document_id != document_id
            || sha256(document.content.as_bytes()) != document.summary.sha256.0
        {
            return Err(AvainError::refused(lang, AvainErrorCode::DocumentMismatch));
        }
        Ok(document)
    }

    async fn open_document(
        self: &Arc<Self>,
        document_id: &str,
    ) -> Result<DocumentView, AvainError> {
        let lang = self.lang();
        let document = self.document(document_id).await?;
        let flow = Flow::DocumentSigning;
        let waiting = document.summary.status == DocumentStatus::Waiting;
        let shown_text = waiting
            .then(|| confirmation::document_signing(flow.shown_in(lang), &document.summary.title));
        if let Some(shown) = &shown_text {
            self.pending.put_document(
                document_id,
                OpenedDocument {
                    title: document.summary.title.clone(),
                    sha256: document.summary.sha256.0.clone(),
                    shown_text: shown.clone(),
                },
            );
        }
        Ok(DocumentView {
            info: info(document.summary, self.now()),
            content: document.content,
            shown_text,
            finnish_only: flow.languages() == [Language::Fi],
            language_notice: flow.language_notice(lang),
        })
    }

    async fn sign_document(
        self: &Arc<Self>,
        document_id: &str,
        factor: ApprovalFactor,
    ) -> Result<DocumentInfo, AvainError> {
        let lang = self.lang();
        let opened = self
            .pending
            .document(document_id)
            .ok_or_else(|| AvainError::input(lang, AvainErrorCode::DocumentNotOpened))?;
        let (token, profile_id) = self.session()?;
        let profile = self.profile(&profile_id)?;
        let path = format!("v1/documents/{document_id}/signature");
        let required: ApprovalRequired = self
            .http
            .post_empty(&path, Some(token.expose()))
            .await
            .map_err(|e| document_error(lang, self.bank_error(e)))?;
        if required.challenge.subject_id.as_deref() != Some(document_id) {
            return Err(AvainError::refused(lang, AvainErrorCode::ChallengeMismatch));
        }
        let approval = Approval::DocumentSigning {
            document_id: document_id.to_owned(),
            document_title: opened.title.clone(),
            document_sha256: opened.sha256.clone(),
            shown_text: opened.shown_text.clone(),
        };
        let signed = self
            .sign(&profile, &required.challenge, approval, factor)
            .await?;
        let confirm_path = format!("{path}/confirm");
        let body = ConfirmRequest {
            assertion: signed.assertion.clone(),
        };
        let confirmed: Result<DocumentSummary, _> = self
            .answer(
                &signed,
                self.http.post(&confirm_path, &body, Some(token.expose())),
            )
            .await;
        match confirmed {
            Ok(summary) => {
                self.pending.forget_document(document_id);
                tracing::info!(target: "avain::client", profile = %profile.id, "document signed");
                Ok(info(summary, self.now()))
            }
            Err(e) => {
                let error = self.bank_error(e);
                self.mirror_refusal(&profile, &error);
                Err(document_error(lang, error))
            }
        }
    }

    async fn download_document(
        self: &Arc<Self>,
        document_id: &str,
    ) -> Result<DocumentFile, AvainError> {
        let lang = self.lang();
        if !avain_protocol::rules::ids::is_id(document_id) {
            return Err(AvainError::input(lang, AvainErrorCode::DocumentNotFound));
        }
        let (token, _) = self.session()?;
        let list = self.document_list(token.expose()).await?;
        let summary = list
            .completed
            .into_iter()
            .chain(list.pending)
            .chain(list.waiting)
            .find(|d| d.document_id == document_id)
            .ok_or_else(|| AvainError::refused(lang, AvainErrorCode::DocumentNotFound))?;
        if summary.status != DocumentStatus::Completed
            || !downloadable(summary.download_until, self.now())
        {
            return Err(AvainError::Refused {
                code: AvainErrorCode::DownloadUnavailable,
                user_message: ErrorCode::DownloadUnavailable.message(lang, None),
            });
        }
        let bytes = self
            .http
            .get_bytes(
                &format!("v1/documents/{document_id}/download"),
                Some(token.expose()),
            )
            .await
            .map_err(|e| document_error(lang, self.bank_error(e)))?;
        if sha256(&bytes) != summary.sha256.0 {
            return Err(AvainError::refused(lang, AvainErrorCode::DocumentMismatch));
        }
        let content = String::from_utf8(bytes)
            .map_err(|_| AvainError::refused(lang, AvainErrorCode::DocumentMismatch))?;
        Ok(DocumentFile {
            file_name: file_name(&summary.title),
            content,
        })
    }

    async fn document_list(self: &Arc<Self>, token: &str) -> Result<DocumentList, AvainError> {
        self.http
            .get("v1/documents", Some(token))
            .await
            .map_err(|e| self.bank_error(e))
    }
}

impl Documents<'_> {
    /// The signing service's three lists: waiting for my signature, pending (others still
    /// to sign), completed (needs a session).
    pub async fn list(self) -> Result<DocumentLists, AvainError> {
        self.0
            .run(|inner| async move {
                let (token, _) = inner.session()?;
                let list = inner.document_list(token.expose()).await?;
                let now = inner.now();
                let convert =
                    |v: Vec<DocumentSummary>| v.into_iter().map(|d| info(d, now)).collect();
                Ok(DocumentLists {
                    waiting: convert(list.waiting),
                    pending: convert(list.pending),
                    completed: convert(list.completed),
                })
            })
            .await
    }

    /// Opens a document to read it (needs a session). Its content is checked against the
    /// hash the bank signs for. When it waits for my signature, `shown_text` is what
    /// [`Documents::sign_document`](crate::client::Documents::sign_document) signs.
    pub async fn open_document(self, document_id: String) -> Result<DocumentView, AvainError> {
        self.0
            .run(move |inner| async move { inner.open_document(&document_id).await })
            .await
    }

    /// Signs the document last opened with [`Documents::open_document`](crate::client::Documents::open_document), with the PIN or
    /// biometrics, over its title, the hash of the content read and the text shown. When
    /// the customer was the last to sign it becomes completed (the bank sends an SMS to
    /// every party). Keeps a receipt (changes persisted state).
    pub async fn sign_document(
        self,
        document_id: String,
        factor: ApprovalFactor,
    ) -> Result<DocumentInfo, AvainError> {
        self.0
            .run(move |inner| async move { inner.sign_document(&document_id, factor).await })
            .await
    }

    /// Downloads a completed document (needs a session): only within 30 days of the last
    /// signature, refused on the phone after that (and by the bank). The content is
    /// checked against the signed hash. Nothing is written to disk; the app saves the file
    /// where the customer chooses.
    pub async fn download_document(self, document_id: String) -> Result<DocumentFile, AvainError> {
        self.0
            .run(move |inner| async move { inner.download_document(&document_id).await })
            .await
    }
}

/// Names are personal data: kept out of logs.
impl std::fmt::Debug for PartyInfo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PartyInfo")
            .field("signed", &self.signed_at.is_some())
            .finish_non_exhaustive()
    }
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

/// A contract's text (loan amounts, names) is personal data: kept out of logs.
impl std::fmt::Debug for DocumentView {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DocumentView")
            .field("info", &self.info)
            .field("finnish_only", &self.finnish_only)
            .finish_non_exhaustive()
    }
}

/// The content is personal data: kept out of logs.
impl std::fmt::Debug for DocumentFile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DocumentFile")
            .field("file_name", &self.file_name)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn the_text_and_the_names_stay_out_of_debug_output() {
        let view = DocumentView {
            info: DocumentInfo {
                document_id: "doc_1".into(),
                title: "Asuntolainasopimus".into(),
                status: DocumentStatus::Waiting,
                parties: vec![PartyInfo {
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
        };
        let debug = format!("{view:?} {:?}", view.info.parties);
        assert!(debug.contains("doc_1"), "{debug}");
        for secret in ["185 000", "Mikko", "Asuntolaina"] {
            assert!(!debug.contains(secret), "{debug}");
        }
        let file = DocumentFile {
            file_name: "sopimus.txt".into(),
            content: "Lainan määrä: 185 000,00 €".into(),
        };
        assert!(!format!("{file:?}").contains("185 000"));
    }

    #[test]
    fn downloads_end_thirty_days_after_completion() {
        let done = datetime!(2026-01-05 10:00 UTC);
        let until = Some(done + DOWNLOAD_PERIOD);
        assert!(downloadable(until, done));
        assert!(downloadable(until, datetime!(2026-02-04 09:59 UTC)));
        assert!(!downloadable(until, datetime!(2026-02-04 10:00 UTC)));
        assert!(!downloadable(None, done));
    }

    #[test]
    fn file_names_are_safe() {
        assert_eq!(file_name("Asuntolainasopimus"), "Asuntolainasopimus.txt");
        assert_eq!(
            file_name("Valtakirja yhteiseen tiliin"),
            "Valtakirja_yhteiseen_tiliin.txt"
        );
        assert_eq!(file_name("../../etc/passwd"), "etc_passwd.txt");
        assert_eq!(file_name("///"), "asiakirja.txt");
    }

    #[test]
    fn the_signing_text_is_finnish_for_everyone() {
        for lang in Language::ALL {
            let shown = confirmation::document_signing(
                Flow::DocumentSigning.shown_in(lang),
                "Asuntolainasopimus",
            );
            assert!(shown.starts_with("Allekirjoita"), "{shown}");
        }
    }
}
