//! The secure inbox (POP FAQ: important messages are sent only to the online bank; the
//! alert by SMS or e-mail only says that one is waiting). The messages stay at the bank:
//! the app lists them, opens one (which marks it read) and writes to the bank; nothing of
//! their content is stored on the phone.

use super::{AvainError, Inbox};
use crate::api::{Message, MessageList, MessageSummary, NewMessage};
use crate::error::AvainErrorCode;
use crate::i18n::Language;
use avain_protocol::rules::ids::is_id;
use avain_protocol::rules::text as text_rules;

use time::OffsetDateTime;

/// A message in the list.
#[derive(Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct MessageInfo {
    /// The bank's id.
    pub message_id: String,
    /// The subject line.
    pub subject: String,
    /// True for messages from the bank, false for the customer's own.
    pub from_bank: bool,
    /// When it was sent.
    pub sent_at: OffsetDateTime,
    /// Whether it has been opened.
    pub read: bool,
    /// Price or term changes, which the law requires an alert for.
    pub important: bool,
}

/// The inbox: newest first, with the unread count for the badge.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct InboxView {
    /// Newest first.
    pub messages: Vec<MessageInfo>,
    /// Messages from the bank not opened yet.
    pub unread: u32,
}

/// An opened message.
#[derive(Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct MessageView {
    /// The list entry (now read).
    pub info: MessageInfo,
    /// The text.
    pub body: String,
}

fn info(m: MessageSummary) -> MessageInfo {
    MessageInfo {
        message_id: m.message_id,
        subject: m.subject,
        from_bank: m.sender == "bank",
        sent_at: m.sent_at,
        read: m.read,
        important: m.important,
    }
}

/// The inbox from the bank's list: newest first (ties keep the bank's order).
fn inbox(list: MessageList) -> InboxView {
    let mut messages: Vec<MessageInfo> = list.messages.into_iter().map(info).collect();
    messages.sort_by_key(|m| std::cmp::Reverse(m.sent_at));
    let unread = messages.iter().filter(|m| m.from_bank && !m.read).count();
    InboxView {
        messages,
        unread: u32::try_from(unread).unwrap_or(u32::MAX),
    }
}

fn not_found(lang: Language, error: AvainError) -> AvainError {
    if error.code() == AvainErrorCode::NotFound {
        AvainError::refused(lang, AvainErrorCode::MessageNotFound)
    } else {
        error
    }
}

impl Inbox<'_> {
    /// The secure inbox, newest first, with the unread count (needs a session).
    pub async fn list(self) -> Result<InboxView, AvainError> {
        self.0
            .run(|inner| async move {
                let (token, _) = inner.session()?;
                let list: MessageList = inner
                    .http
                    .get("v1/messages", Some(token.expose()))
                    .await
                    .map_err(|e| inner.bank_error(e))?;
                Ok(inbox(list))
            })
            .await
    }

    /// Opens a message (needs a session); the bank marks it read.
    pub async fn open_message(self, message_id: String) -> Result<MessageView, AvainError> {
        self.0
            .run(move |inner| async move {
                let lang = inner.lang();
                if !is_id(&message_id) {
                    return Err(AvainError::refused(lang, AvainErrorCode::MessageNotFound));
                }
                let (token, _) = inner.session()?;
                let message: Message = inner
                    .http
                    .get(&format!("v1/messages/{message_id}"), Some(token.expose()))
                    .await
                    .map_err(|e| not_found(lang, inner.bank_error(e)))?;
                Ok(MessageView {
                    info: info(message.summary),
                    body: message.body,
                })
            })
            .await
    }

    /// Writes a message to the bank (needs a session): a subject of 1-120 characters and
    /// a text of 1-4000.
    pub async fn send_message(
        self,
        subject: String,
        body: String,
    ) -> Result<MessageInfo, AvainError> {
        self.0
            .run(move |inner| async move {
                let lang = inner.lang();
                // The bank's rules, on the text as it will be sent (the subject trimmed).
                if !text_rules::is_single_line(subject.trim(), text_rules::MESSAGE_SUBJECT_MAX) {
                    return Err(AvainError::input(
                        lang,
                        AvainErrorCode::MessageSubjectInvalid,
                    ));
                }
                if !text_rules::is_multi_line(&body, text_rules::MESSAGE_BODY_MAX) {
                    return Err(AvainError::input(lang, AvainErrorCode::MessageBodyInvalid));
                }
                let (token, _) = inner.session()?;
                let sent: Message = inner
                    .http
                    .post(
                        "v1/messages",
                        &NewMessage {
                            subject: subject.trim().to_owned(),
                            body,
                        },
                        Some(token.expose()),
                    )
                    .await
                    .map_err(|e| inner.bank_error(e))?;
                Ok(info(sent.summary))
            })
            .await
    }
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

/// The text is personal data: kept out of logs.
impl std::fmt::Debug for MessageView {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MessageView")
            .field("info", &self.info)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn the_subject_and_the_text_stay_out_of_debug_output() {
        let view = MessageView {
            info: MessageInfo {
                message_id: "msg_1".into(),
                subject: "Lainani korko".into(),
                from_bank: false,
                sent_at: datetime!(2026-11-22 05:30 UTC),
                read: true,
                important: false,
            },
            body: "Voinko lyhentää lainaa?".into(),
        };
        let debug = format!("{view:?}");
        assert!(debug.contains("msg_1"), "{debug}");
        assert!(
            !debug.contains("korko") && !debug.contains("lyhentää"),
            "{debug}"
        );
    }

    fn summary(id: &str, sender: &str, day: u8, read: bool) -> MessageSummary {
        MessageSummary {
            message_id: id.into(),
            subject: "Aihe".into(),
            sender: sender.into(),
            sent_at: datetime!(2026-01-01 10:00 UTC)
                .replace_day(day)
                .expect("valid day"),
            read,
            important: false,
        }
    }

    #[test]
    fn newest_first_and_only_the_banks_unread_count() {
        let list = MessageList {
            messages: vec![
                summary("a", "bank", 2, false),
                summary("b", "customer", 5, true),
                summary("c", "bank", 9, false),
                summary("d", "bank", 3, true),
            ],
        };
        let inbox = inbox(list);
        let order: Vec<&str> = inbox
            .messages
            .iter()
            .map(|m| m.message_id.as_str())
            .collect();
        assert_eq!(order, ["c", "b", "d", "a"]);
        assert_eq!(inbox.unread, 2);
    }
}
