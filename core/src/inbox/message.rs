//! One secure message from the bank: the part of the inbox that the network layer fills
//! in and the app shows.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::i18n::{self, Language};

use super::InboxError;

/// The bank's id for a message: opaque, printable ASCII, 1 to 128 characters.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct MessageId(String);

impl MessageId {
    /// The longest id accepted.
    pub const MAX_LEN: usize = 128;

    /// Validates an id.
    pub fn new(id: impl Into<String>) -> Result<Self, InboxError> {
        let id = id.into();
        let valid =
            !id.is_empty() && id.len() <= Self::MAX_LEN && id.bytes().all(|b| b.is_ascii_graphic());
        if valid {
            Ok(MessageId(id))
        } else {
            Err(InboxError::InvalidMessageId)
        }
    }

    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for MessageId {
    type Error = InboxError;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        MessageId::new(value)
    }
}

impl From<MessageId> for String {
    fn from(id: MessageId) -> Self {
        id.0
    }
}

impl std::fmt::Display for MessageId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// What a message is about; the app groups and filters by it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// Changes to service terms or the price list (the law requires a separate alert).
    TermsAndPrices,
    /// An invitation to a video meeting with the bank's expert.
    MeetingInvitation,
    /// Documents waiting for the customer's signature.
    DocumentsToSign,
    /// Anything else.
    General,
}

impl Category {
    /// Every category, in the order the app lists them.
    pub const ALL: [Category; 4] = [
        Category::TermsAndPrices,
        Category::MeetingInvitation,
        Category::DocumentsToSign,
        Category::General,
    ];

    /// The stable snake_case code.
    pub fn code(self) -> &'static str {
        match self {
            Category::TermsAndPrices => "terms_and_prices",
            Category::MeetingInvitation => "meeting_invitation",
            Category::DocumentsToSign => "documents_to_sign",
            Category::General => "general",
        }
    }

    /// Parses a code ("documents_to_sign").
    pub fn from_code(code: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.code() == code)
    }

    /// The category's name in `lang`, for a filter or a heading.
    pub fn label(self, lang: Language) -> String {
        i18n::text(
            lang,
            &format!("inbox-category-{}", self.code().replace('_', "-")),
        )
    }
}

/// A secure message. Its subject and body may hold personal data (names, amounts,
/// account numbers), so `Debug` shows only their lengths.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Message {
    /// The bank's id.
    pub id: MessageId,
    /// What it is about.
    pub category: Category,
    /// The subject line.
    pub subject: String,
    /// The text.
    pub body: String,
    /// When the bank received or sent it (the bank's clock, not the phone's).
    #[serde(with = "time::serde::rfc3339")]
    pub received: OffsetDateTime,
    /// Whether the customer has opened it.
    #[serde(default)]
    pub read: bool,
}

impl std::fmt::Debug for Message {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Message")
            .field("id", &self.id)
            .field("category", &self.category)
            .field(
                "subject",
                &format_args!("<{} chars>", self.subject.chars().count()),
            )
            .field(
                "body",
                &format_args!("<{} chars>", self.body.chars().count()),
            )
            .field("received", &self.received)
            .field("read", &self.read)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn ids_are_validated() {
        assert!(MessageId::new("msg-2025-0001").is_ok());
        assert_eq!(MessageId::new(""), Err(InboxError::InvalidMessageId));
        assert_eq!(MessageId::new("a b"), Err(InboxError::InvalidMessageId));
        assert_eq!(MessageId::new("ä"), Err(InboxError::InvalidMessageId));
        assert_eq!(
            MessageId::new("x".repeat(129)),
            Err(InboxError::InvalidMessageId)
        );
        let json: Result<MessageId, _> = serde_json::from_str("\"\"");
        assert!(json.is_err());
    }

    #[test]
    fn categories_round_trip_and_have_labels() {
        for category in Category::ALL {
            assert_eq!(Category::from_code(category.code()), Some(category));
            let json = serde_json::to_string(&category).unwrap();
            assert_eq!(json, format!("\"{}\"", category.code()));
            for lang in Language::ALL {
                assert!(!category.label(lang).starts_with("inbox-"));
            }
        }
        assert_eq!(
            Category::DocumentsToSign.label(Language::Fi),
            "Allekirjoitettavat asiakirjat"
        );
    }

    #[test]
    fn debug_hides_subject_and_body() {
        let message = Message {
            id: MessageId::new("m1").unwrap(),
            category: Category::General,
            subject: "Matti Meikäläinen".into(),
            body: "FI21 1234 5600 0007 85".into(),
            received: datetime!(2025-03-01 10:00 UTC),
            read: false,
        };
        let debug = format!("{message:?}");
        assert!(
            !debug.contains("Matti") && !debug.contains("FI21"),
            "{debug}"
        );
        assert!(debug.contains("<17 chars>"));
    }

    #[test]
    fn messages_deserialize_from_the_banks_json() {
        let message: Message = serde_json::from_str(
            r#"{"id":"m7","category":"meeting_invitation","subject":"Kutsu","body":"Tervetuloa",
                "received":"2025-03-01T10:00:00+02:00"}"#,
        )
        .unwrap();
        assert_eq!(message.category, Category::MeetingInvitation);
        assert!(!message.read);
        assert_eq!(message.received, datetime!(2025-03-01 08:00 UTC));
    }
}
