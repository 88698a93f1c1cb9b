//! The secure inbox: the bank's messages live only at the bank (an SMS or e-mail alert
//! only says that one is waiting). Listing, opening (which marks it read) and writing to
//! the bank; nothing of the content is stored on the phone. Thin calls into
//! `avain_core::client::Avain`.

use std::time::SystemTime;

use avain_core::client as core;

use crate::avain::Avain;
use crate::error::AvainError;

/// A message in the list.
#[derive(Clone, PartialEq, Eq, uniffi::Record)]
pub struct MessageInfo {
    /// The bank's id (for `openMessage`).
    pub message_id: String,
    /// The subject line.
    pub subject: String,
    /// From the bank (or the customer's own).
    pub from_bank: bool,
    /// When it was sent.
    pub sent_at: SystemTime,
    /// Whether it has been opened.
    pub read: bool,
    /// Price or term changes, which the law requires an alert for.
    pub important: bool,
}

/// A subject may be the customer's own words about their money: kept out of logs.
impl std::fmt::Debug for MessageInfo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MessageInfo")
            .field("message_id", &self.message_id)
            .field("from_bank", &self.from_bank)
            .field("read", &self.read)
            .field("important", &self.important)
            .finish_non_exhaustive()
    }
}

impl From<core::MessageInfo> for MessageInfo {
    fn from(m: core::MessageInfo) -> MessageInfo {
        MessageInfo {
            message_id: m.message_id,
            subject: m.subject,
            from_bank: m.from_bank,
            sent_at: m.sent_at.into(),
            read: m.read,
            important: m.important,
        }
    }
}

/// The inbox: newest first, with the unread count for the badge.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct InboxView {
    /// Newest first.
    pub messages: Vec<MessageInfo>,
    /// Messages from the bank not opened yet.
    pub unread: u32,
}

impl From<core::InboxView> for InboxView {
    fn from(v: core::InboxView) -> InboxView {
        InboxView {
            messages: v.messages.into_iter().map(Into::into).collect(),
            unread: v.unread,
        }
    }
}

/// An opened message.
#[derive(Clone, PartialEq, Eq, uniffi::Record)]
pub struct MessageView {
    /// The list entry, now read.
    pub info: MessageInfo,
    /// The text.
    pub body: String,
}

/// The text is personal data: kept out of logs.
impl std::fmt::Debug for MessageView {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MessageView")
            .field("info", &self.info)
            .finish_non_exhaustive()
    }
}

#[uniffi::export]
impl Avain {
    /// The secure inbox, newest first, with the unread count (logged in).
    pub async fn inbox(&self) -> Result<InboxView, AvainError> {
        Ok(self.core.inbox().await?.into())
    }

    /// Opens a message (logged in); the bank marks it read.
    pub async fn open_message(&self, message_id: String) -> Result<MessageView, AvainError> {
        let message = self.core.open_message(message_id).await?;
        Ok(MessageView {
            info: message.info.into(),
            body: message.body,
        })
    }

    /// Writes to the bank (logged in): a subject of 1-120 characters and a text of
    /// 1-4000 (`InvalidInput` at the field otherwise). Changes state at the bank.
    pub async fn send_message(
        &self,
        subject: String,
        body: String,
    ) -> Result<MessageInfo, AvainError> {
        Ok(self.core.send_message(subject, body).await?.into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn the_subject_stays_out_of_debug_output_and_the_time_crosses() {
        let info = MessageInfo::from(core::MessageInfo {
            message_id: "msg_1".into(),
            subject: "Lainani korko".into(),
            from_bank: false,
            sent_at: datetime!(2026-11-22 05:30 UTC),
            read: true,
            important: false,
        });
        assert_eq!(
            info.sent_at,
            SystemTime::from(datetime!(2026-11-22 05:30 UTC))
        );
        let debug = format!("{info:?}");
        assert!(
            debug.contains("msg_1") && !debug.contains("korko"),
            "{debug}"
        );
    }
}
