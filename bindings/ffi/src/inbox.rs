//! The secure inbox: the bank's messages live only at the bank (an SMS or e-mail alert
//! only says that one is waiting). Listing, opening (which marks it read) and writing to
//! the bank; nothing of the content is stored on the phone. Thin calls into
//! `avain_core::client::Avain`.

use std::sync::Arc;

use avain_core::client::{self as core, InboxView, MessageInfo, MessageView};

use crate::avain::Avain;
use crate::error::AvainError;

/// The secure inbox: `avain.inbox()` in Kotlin and Swift, a view of the one
/// [`Avain`] it came from.
#[derive(uniffi::Object)]
pub struct Inbox {
    avain: Arc<core::Avain>,
}

impl std::fmt::Debug for Inbox {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Inbox").finish_non_exhaustive()
    }
}

impl Inbox {
    fn area(&self) -> core::Inbox<'_> {
        self.avain.inbox()
    }
}

#[uniffi::export]
impl Avain {
    /// The secure inbox.
    pub fn inbox(&self) -> Arc<Inbox> {
        Arc::new(Inbox {
            avain: Arc::clone(&self.core),
        })
    }
}

#[uniffi::export]
impl Inbox {
    /// The secure inbox, newest first, with the unread count (logged in).
    pub async fn list(&self) -> Result<InboxView, AvainError> {
        self.area().list().await
    }

    /// Opens a message (logged in); the bank marks it read.
    pub async fn open_message(&self, message_id: String) -> Result<MessageView, AvainError> {
        self.area().open_message(message_id).await
    }

    /// Writes to the bank (logged in): a subject of 1-120 characters and a text of
    /// 1-4000 (`InvalidInput` at the field otherwise). Changes state at the bank.
    pub async fn send_message(
        &self,
        subject: String,
        body: String,
    ) -> Result<MessageInfo, AvainError> {
        self.area().send_message(subject, body).await
    }
}
