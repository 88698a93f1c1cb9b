//! The signing service: documents waiting for my signature, pending, completed.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::Base64Bytes;

/// Where a document is, from this customer's point of view.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum DocumentStatus {
    /// Waits for my signature.
    Waiting,
    /// I signed; others still have to.
    Pending,
    /// Everybody signed.
    Completed,
    /// A value this version of the app does not know (the bank added one after it was
    /// released): read without failing, shown neutrally. Never sent.
    #[serde(other)]
    Unknown,
}

/// A party to a document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentParty {
    /// The party's name.
    pub name: String,
    /// When they signed.
    #[serde(default, with = "super::wire_time::instant_option")]
    pub signed_at: Option<OffsetDateTime>,
}

/// A document in the signing service.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentSummary {
    /// The document's id.
    pub document_id: String,
    /// Its title.
    pub title: String,
    /// Status for this customer.
    pub status: DocumentStatus,
    /// Everybody who signs.
    pub parties: Vec<DocumentParty>,
    /// SHA-256 of the document's content: what a signature covers.
    pub sha256: Base64Bytes,
    /// When the last party signed.
    #[serde(default, with = "super::wire_time::instant_option")]
    pub completed_at: Option<OffsetDateTime>,
    /// Completed documents can be downloaded until then (30 days).
    #[serde(default, with = "super::wire_time::instant_option")]
    pub download_until: Option<OffsetDateTime>,
}

/// `GET /v1/documents`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentList {
    /// Waiting for my signature.
    pub waiting: Vec<DocumentSummary>,
    /// Signed by me, waiting for others.
    pub pending: Vec<DocumentSummary>,
    /// Signed by everybody (including ones whose download period has ended).
    pub completed: Vec<DocumentSummary>,
}

/// `GET /v1/documents/{id}`: the document to read before signing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    /// The list entry.
    pub summary: DocumentSummary,
    /// The full text.
    pub content: String,
}
