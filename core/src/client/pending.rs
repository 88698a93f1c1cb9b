//! What the customer has on screen and may approve next: an identification request or a
//! browser login with the challenge that came with it, or a document opened for reading.
//!
//! Approving uses exactly what was shown (the same challenge, the same title and hash),
//! never something fetched again between the screen and the signature. Kept in memory
//! only: after an app restart the customer opens the request or document again.

use std::collections::HashMap;
use std::sync::Mutex;

use crate::api::{Challenge, IdentificationRequest};

/// An identification request on screen.
#[derive(Clone)]
pub(crate) struct PendingIdentification {
    /// The local profile that answers.
    pub(crate) profile_id: String,
    /// The request as the bank sent it.
    pub(crate) request: IdentificationRequest,
    /// Its challenge (single use, expires at the bank).
    pub(crate) challenge: Challenge,
    /// The exact text shown and signed.
    pub(crate) shown_text: String,
}

/// A browser online-bank login on screen (the short code shown).
#[derive(Clone)]
pub(crate) struct PendingAppLogin {
    /// The local profile that answers.
    pub(crate) profile_id: String,
    /// The bank's id of the login request.
    pub(crate) request_id: String,
    /// Its challenge (single use, expires at the bank).
    pub(crate) challenge: Challenge,
    /// The exact text shown and signed; it carries the short code.
    pub(crate) shown_text: String,
}

/// A document opened for reading before signing.
#[derive(Clone)]
pub(crate) struct OpenedDocument {
    /// Its title as shown.
    pub(crate) title: String,
    /// SHA-256 of the content shown, checked against the bank's.
    pub(crate) sha256: Vec<u8>,
    /// The exact text shown and signed.
    pub(crate) shown_text: String,
}

/// The items on screen, by id. A new open of the same id replaces the old one.
#[derive(Default)]
pub(crate) struct Pending {
    identifications: Mutex<HashMap<String, PendingIdentification>>,
    app_logins: Mutex<HashMap<String, PendingAppLogin>>,
    documents: Mutex<HashMap<String, OpenedDocument>>,
}

impl Pending {
    pub(crate) fn put_identification(&self, item: PendingIdentification) {
        let mut map = self
            .identifications
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        map.insert(item.request.request_id.clone(), item);
    }

    /// Takes the request out: a challenge answers once, whatever the outcome.
    pub(crate) fn take_identification(&self, request_id: &str) -> Option<PendingIdentification> {
        self.identifications
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(request_id)
    }

    pub(crate) fn put_app_login(&self, item: PendingAppLogin) {
        self.app_logins
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(item.request_id.clone(), item);
    }

    /// Takes the login out: a challenge answers once, whatever the outcome.
    pub(crate) fn take_app_login(&self, request_id: &str) -> Option<PendingAppLogin> {
        self.app_logins
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(request_id)
    }

    pub(crate) fn put_document(&self, document_id: &str, item: OpenedDocument) {
        self.documents
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(document_id.to_owned(), item);
    }

    pub(crate) fn document(&self, document_id: &str) -> Option<OpenedDocument> {
        self.documents
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(document_id)
            .cloned()
    }

    pub(crate) fn forget_document(&self, document_id: &str) {
        self.documents
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(document_id);
    }
}
