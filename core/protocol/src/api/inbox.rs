//! The secure inbox: messages live only at the bank; alerts only say one is waiting.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

/// A message in the list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MessageSummary {
    /// The message's id.
    pub message_id: String,
    /// Subject line.
    pub subject: String,
    /// "bank" for messages from the bank, "customer" for the customer's own.
    pub sender: String,
    /// When it arrived.
    #[serde(with = "super::wire_time::instant")]
    pub sent_at: OffsetDateTime,
    /// Whether the customer has opened it.
    pub read: bool,
    /// Important messages (price and term changes) the law requires an alert for.
    pub important: bool,
}

/// `GET /v1/messages`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MessageList {
    /// Newest first.
    pub messages: Vec<MessageSummary>,
}

/// `GET /v1/messages/{id}`: opening a message marks it read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Message {
    /// The list entry.
    pub summary: MessageSummary,
    /// The text.
    pub body: String,
}

/// `POST /v1/messages`: the customer writes to the bank.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewMessage {
    /// Subject (1-120 characters).
    pub subject: String,
    /// Text (1-4000 characters).
    pub body: String,
}
