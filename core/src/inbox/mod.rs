//! The secure inbox: important messages live only here, and the alert that reaches
//! email, SMS or push only says that one is waiting.
//!
//! [`Inbox`] is the pure model: list (newest first, by category), unread counts, read,
//! mark read, and merging what the bank sends. It does no I/O; the network layer fetches
//! messages from the bank and calls [`Inbox::sync`] or [`Inbox::upsert`], and tells the
//! bank when [`Inbox::read`] or [`Inbox::mark_read`] changed something.
//!
//! [`render_alert`] writes the alert texts (in Finnish, Swedish and English: no content,
//! no link, no amount, no name) and [`check_alert_text`] verifies that a given alert
//! follows that rule.

mod alert;
mod error;
mod message;

pub use alert::{Alert, AlertChannel, AlertViolation, check_alert_text, render_alert};
pub use error::InboxError;
pub use message::{Category, Message, MessageId};

/// What [`Inbox::upsert`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Upsert {
    /// The message was new.
    Added,
    /// A message with the same id was replaced.
    Updated,
}

/// What [`Inbox::sync`] changed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SyncSummary {
    /// Messages that were not in the inbox before.
    pub added: usize,
    /// Messages that are no longer on the bank's list.
    pub removed: usize,
    /// Messages kept, with the bank's current content.
    pub kept: usize,
}

/// The customer's secure messages, kept newest first (ties by id, so the order is
/// stable). Every operation is pure: it changes only this value.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Inbox {
    messages: Vec<Message>,
}

impl Inbox {
    /// An empty inbox.
    pub fn new() -> Self {
        Inbox::default()
    }

    /// An inbox holding `messages`; refuses two messages with the same id.
    pub fn from_messages(messages: Vec<Message>) -> Result<Self, InboxError> {
        let mut inbox = Inbox { messages };
        inbox.sort();
        if inbox.has_duplicates() {
            return Err(InboxError::DuplicateMessage);
        }
        Ok(inbox)
    }

    fn has_duplicates(&self) -> bool {
        let mut ids: Vec<&MessageId> = self.messages.iter().map(|m| &m.id).collect();
        ids.sort();
        ids.windows(2).any(|w| w[0] == w[1])
    }

    fn sort(&mut self) {
        self.messages
            .sort_by(|a, b| b.received.cmp(&a.received).then_with(|| a.id.cmp(&b.id)));
    }

    fn position(&self, id: &MessageId) -> Result<usize, InboxError> {
        self.messages
            .iter()
            .position(|m| &m.id == id)
            .ok_or(InboxError::UnknownMessage)
    }

    /// How many messages there are.
    pub fn len(&self) -> usize {
        self.messages.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.messages.is_empty()
    }

    /// The messages newest first, all or those of one category.
    pub fn list(&self, category: Option<Category>) -> Vec<&Message> {
        self.messages
            .iter()
            .filter(|m| category.is_none_or(|c| m.category == c))
            .collect()
    }

    /// How many messages are unread, all or in one category (the badge on the inbox).
    pub fn unread_count(&self, category: Option<Category>) -> usize {
        self.list(category).iter().filter(|m| !m.read).count()
    }

    /// The message with `id`, without changing anything.
    pub fn get(&self, id: &MessageId) -> Option<&Message> {
        self.messages.iter().find(|m| &m.id == id)
    }

    /// Opens a message: marks it read (changes the inbox) and returns it.
    pub fn read(&mut self, id: &MessageId) -> Result<&Message, InboxError> {
        let index = self.position(id)?;
        let message = &mut self.messages[index];
        message.read = true;
        Ok(message)
    }

    /// Marks a message read without returning it (changes the inbox). Returns whether it
    /// was unread, i.e. whether the bank needs to be told.
    pub fn mark_read(&mut self, id: &MessageId) -> Result<bool, InboxError> {
        let index = self.position(id)?;
        let message = &mut self.messages[index];
        let changed = !message.read;
        message.read = true;
        Ok(changed)
    }

    /// Marks every message read, all or those of one category (changes the inbox).
    /// Returns the ids that changed, for telling the bank.
    pub fn mark_all_read(&mut self, category: Option<Category>) -> Vec<MessageId> {
        self.messages
            .iter_mut()
            .filter(|m| !m.read && category.is_none_or(|c| m.category == c))
            .map(|m| {
                m.read = true;
                m.id.clone()
            })
            .collect()
    }

    /// Adds a message the bank sent, or replaces the one with the same id (changes the
    /// inbox). A message read here stays read even if the bank's copy does not know it
    /// yet: reading is never undone by a sync.
    pub fn upsert(&mut self, mut message: Message) -> Upsert {
        let outcome = match self.messages.iter().position(|m| m.id == message.id) {
            Some(index) => {
                message.read |= self.messages[index].read;
                self.messages[index] = message;
                Upsert::Updated
            }
            None => {
                self.messages.push(message);
                Upsert::Added
            }
        };
        self.sort();
        outcome
    }

    /// Replaces the inbox with the bank's current list (changes the inbox): messages no
    /// longer listed are removed, the rest take the bank's content, and a message read
    /// here stays read. Refuses a list with duplicate ids and then changes nothing.
    pub fn sync(&mut self, messages: Vec<Message>) -> Result<SyncSummary, InboxError> {
        let mut incoming = Inbox::from_messages(messages)?;
        let mut summary = SyncSummary::default();
        for message in &mut incoming.messages {
            match self.get(&message.id) {
                Some(local) => {
                    message.read |= local.read;
                    summary.kept += 1;
                }
                None => summary.added += 1,
            }
        }
        summary.removed = self.messages.len() - summary.kept;
        *self = incoming;
        Ok(summary)
    }

    /// Removes a message (changes the inbox) and returns it.
    pub fn remove(&mut self, id: &MessageId) -> Result<Message, InboxError> {
        let index = self.position(id)?;
        Ok(self.messages.remove(index))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::OffsetDateTime;
    use time::macros::datetime;

    fn message(id: &str, category: Category, received: OffsetDateTime) -> Message {
        Message {
            id: MessageId::new(id).unwrap(),
            category,
            subject: format!("Aihe {id}"),
            body: "Viestin sisältö".into(),
            received,
            read: false,
        }
    }

    fn id(s: &str) -> MessageId {
        MessageId::new(s).unwrap()
    }

    fn sample() -> Inbox {
        Inbox::from_messages(vec![
            message("a", Category::General, datetime!(2025-01-10 09:00 UTC)),
            message(
                "b",
                Category::TermsAndPrices,
                datetime!(2025-03-01 08:00 UTC),
            ),
            message(
                "c",
                Category::DocumentsToSign,
                datetime!(2025-02-14 12:30 UTC),
            ),
            message(
                "d",
                Category::TermsAndPrices,
                datetime!(2025-02-14 12:30 UTC),
            ),
        ])
        .unwrap()
    }

    fn ids(messages: &[&Message]) -> Vec<String> {
        messages.iter().map(|m| m.id.to_string()).collect()
    }

    #[test]
    fn lists_newest_first_with_stable_ties() {
        let inbox = sample();
        assert_eq!(ids(&inbox.list(None)), ["b", "c", "d", "a"]);
        assert_eq!(inbox.len(), 4);
        assert!(!inbox.is_empty());
        assert!(Inbox::new().is_empty());
    }

    #[test]
    fn filters_by_category() {
        let inbox = sample();
        assert_eq!(ids(&inbox.list(Some(Category::TermsAndPrices))), ["b", "d"]);
        assert!(inbox.list(Some(Category::MeetingInvitation)).is_empty());
        assert_eq!(inbox.unread_count(Some(Category::TermsAndPrices)), 2);
    }

    #[test]
    fn reading_marks_read_and_counts_drop() {
        let mut inbox = sample();
        assert_eq!(inbox.unread_count(None), 4);
        let read = inbox.read(&id("c")).unwrap();
        assert!(read.read);
        assert_eq!(read.category, Category::DocumentsToSign);
        assert_eq!(inbox.unread_count(None), 3);
        assert_eq!(inbox.mark_read(&id("c")), Ok(false));
        assert_eq!(inbox.mark_read(&id("a")), Ok(true));
        assert_eq!(inbox.unread_count(None), 2);
        assert_eq!(
            inbox.read(&id("zz")).unwrap_err(),
            InboxError::UnknownMessage
        );
        assert_eq!(inbox.mark_read(&id("zz")), Err(InboxError::UnknownMessage));
    }

    #[test]
    fn mark_all_read_reports_what_changed() {
        let mut inbox = sample();
        inbox.mark_read(&id("b")).unwrap();
        let changed = inbox.mark_all_read(Some(Category::TermsAndPrices));
        assert_eq!(changed, [id("d")]);
        let changed = inbox.mark_all_read(None);
        assert_eq!(changed, [id("c"), id("a")]);
        assert_eq!(inbox.unread_count(None), 0);
    }

    #[test]
    fn duplicates_are_refused() {
        let when = datetime!(2025-01-01 00:00 UTC);
        let result = Inbox::from_messages(vec![
            message("x", Category::General, when),
            message("y", Category::General, datetime!(2024-01-01 00:00 UTC)),
            message("x", Category::General, datetime!(2023-01-01 00:00 UTC)),
        ]);
        assert_eq!(result, Err(InboxError::DuplicateMessage));
        let mut inbox = sample();
        let before = inbox.clone();
        let err = inbox.sync(vec![
            message("x", Category::General, when),
            message("x", Category::General, when),
        ]);
        assert_eq!(err, Err(InboxError::DuplicateMessage));
        assert_eq!(inbox, before);
    }

    #[test]
    fn upsert_adds_or_replaces_and_keeps_read() {
        let mut inbox = sample();
        inbox.read(&id("a")).unwrap();
        let mut newer = message("a", Category::General, datetime!(2025-04-01 00:00 UTC));
        newer.subject = "Päivitetty".into();
        assert_eq!(inbox.upsert(newer), Upsert::Updated);
        let a = inbox.get(&id("a")).unwrap();
        assert!(a.read, "a sync never unreads");
        assert_eq!(a.subject, "Päivitetty");
        assert_eq!(ids(&inbox.list(None))[0], "a");
        let e = message(
            "e",
            Category::MeetingInvitation,
            datetime!(2025-05-01 00:00 UTC),
        );
        assert_eq!(inbox.upsert(e), Upsert::Added);
        assert_eq!(inbox.len(), 5);
    }

    #[test]
    fn sync_replaces_the_list_and_keeps_read_flags() {
        let mut inbox = sample();
        inbox.read(&id("b")).unwrap();
        let summary = inbox
            .sync(vec![
                message(
                    "b",
                    Category::TermsAndPrices,
                    datetime!(2025-03-01 08:00 UTC),
                ),
                message("f", Category::General, datetime!(2025-03-02 08:00 UTC)),
            ])
            .unwrap();
        assert_eq!(
            summary,
            SyncSummary {
                added: 1,
                removed: 3,
                kept: 1
            }
        );
        assert_eq!(ids(&inbox.list(None)), ["f", "b"]);
        assert!(inbox.get(&id("b")).unwrap().read);
        assert_eq!(inbox.unread_count(None), 1);
    }

    #[test]
    fn remove_takes_a_message_out() {
        let mut inbox = sample();
        let removed = inbox.remove(&id("d")).unwrap();
        assert_eq!(removed.id, id("d"));
        assert_eq!(inbox.len(), 3);
        assert_eq!(
            inbox.remove(&id("d")).unwrap_err(),
            InboxError::UnknownMessage
        );
    }

    #[test]
    fn errors_have_codes_and_texts() {
        for err in [
            InboxError::UnknownMessage,
            InboxError::DuplicateMessage,
            InboxError::InvalidMessageId,
        ] {
            for lang in crate::Language::ALL {
                assert!(!err.message(lang).starts_with("inbox-"), "{}", err.code());
            }
        }
    }
}
