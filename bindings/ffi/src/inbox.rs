//! The secure inbox: the bank's messages live only at the bank (an SMS or e-mail alert
//! only says that one is waiting). Listing, opening (which marks it read) and writing to
//! the bank; nothing of the content is stored on the phone. Thin calls into
//! `avain_core::client::Avain`.

use avain_core::client::{InboxView, MessageInfo, MessageView};

use crate::avain::Avain;
use crate::error::AvainError;

#[uniffi::export]
impl Avain {
    /// The secure inbox, newest first, with the unread count (logged in).
    pub async fn inbox(&self) -> Result<InboxView, AvainError> {
        Ok(self.core.inbox().await?)
    }

    /// Opens a message (logged in); the bank marks it read.
    pub async fn open_message(&self, message_id: String) -> Result<MessageView, AvainError> {
        Ok(self.core.open_message(message_id).await?)
    }

    /// Writes to the bank (logged in): a subject of 1-120 characters and a text of
    /// 1-4000 (`InvalidInput` at the field otherwise). Changes state at the bank.
    pub async fn send_message(
        &self,
        subject: String,
        body: String,
    ) -> Result<MessageInfo, AvainError> {
        Ok(self.core.send_message(subject, body).await?)
    }
}
