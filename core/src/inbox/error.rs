//! Why an inbox operation was refused.

use crate::i18n::{self, Language};

/// An inbox operation that could not be done. Carries no message id, subject or body,
/// so it can be logged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum InboxError {
    /// No message with that id is in the inbox (it may have been removed by a sync).
    #[error("no such message")]
    UnknownMessage,
    /// Two messages with the same id were given.
    #[error("duplicate message id")]
    DuplicateMessage,
    /// A message id is empty, longer than 128 characters, or not printable ASCII.
    #[error("invalid message id")]
    InvalidMessageId,
}

impl InboxError {
    /// The stable snake_case code.
    pub fn code(self) -> &'static str {
        match self {
            InboxError::UnknownMessage => "unknown_message",
            InboxError::DuplicateMessage => "duplicate_message",
            InboxError::InvalidMessageId => "invalid_message_id",
        }
    }

    /// The explanation in `lang`.
    pub fn message(self, lang: Language) -> String {
        i18n::text(
            lang,
            &format!("inbox-error-{}", self.code().replace('_', "-")),
        )
    }
}
