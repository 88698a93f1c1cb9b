//! The outbox: every SMS, push notification and e-mail the bank "sends". It plays the
//! customer's phone, so tests and the demo read codes from it.
//!
//! Kept in memory only (the newest [`CAPACITY`] messages): a bank does not keep the codes
//! it sent, and neither does this one's database. A restart empties it.

use std::collections::VecDeque;
use std::sync::Mutex;

use avain_protocol::api::Personal;
use avain_protocol::api::Secret;
use avain_protocol::api::sandbox::{Channel, OutboxMessage};
use time::OffsetDateTime;

/// Messages kept.
pub const CAPACITY: usize = 10_000;

#[derive(Debug, Default)]
struct Inner {
    next_id: u64,
    messages: VecDeque<OutboxMessage>,
}

/// The outbox.
#[derive(Debug, Default)]
pub struct Outbox {
    inner: Mutex<Inner>,
}

impl Outbox {
    fn push(&self, mut message: OutboxMessage) {
        let mut inner = match self.inner.lock() {
            Ok(inner) => inner,
            Err(poisoned) => poisoned.into_inner(),
        };
        inner.next_id += 1;
        message.id = inner.next_id;
        if inner.messages.len() == CAPACITY {
            inner.messages.pop_front();
        }
        inner.messages.push_back(message);
    }

    /// Sends a text message.
    pub fn sms(&self, at: OffsetDateTime, user_id: &str, phone: &str, kind: &str, text: String) {
        self.push(OutboxMessage {
            id: 0,
            channel: Channel::Sms,
            user_id: user_id.to_owned(),
            to: Personal::from(phone),
            kind: kind.to_owned(),
            text: Some(Secret::new(text)),
            push_data: None,
            sent_at: at,
        });
    }

    /// Sends an e-mail alert.
    pub fn email(
        &self,
        at: OffsetDateTime,
        user_id: &str,
        address: &str,
        kind: &str,
        text: String,
    ) {
        self.push(OutboxMessage {
            id: 0,
            channel: Channel::Email,
            user_id: user_id.to_owned(),
            to: Personal::from(address),
            kind: kind.to_owned(),
            text: Some(Secret::new(text)),
            push_data: None,
            sent_at: at,
        });
    }

    /// Sends a push notification to a profile's device. It carries no text, only the id
    /// of what the app should fetch (if anything).
    pub fn push_notification(
        &self,
        at: OffsetDateTime,
        user_id: &str,
        profile_id: &str,
        kind: &str,
        data: Option<String>,
    ) {
        self.push(OutboxMessage {
            id: 0,
            channel: Channel::Push,
            user_id: user_id.to_owned(),
            to: Personal::from(profile_id),
            kind: kind.to_owned(),
            text: None,
            push_data: data,
            sent_at: at,
        });
    }

    /// Messages with an id greater than `after`, optionally only one customer's, oldest
    /// first.
    pub fn list(&self, after: u64, user_id: Option<&str>) -> Vec<OutboxMessage> {
        let inner = match self.inner.lock() {
            Ok(inner) => inner,
            Err(poisoned) => poisoned.into_inner(),
        };
        inner
            .messages
            .iter()
            .filter(|m| m.id > after && user_id.is_none_or(|u| m.user_id == u))
            .cloned()
            .collect()
    }

    /// Forgets every message (sandbox reset). Ids keep growing, so a reader's `after`
    /// stays meaningful.
    pub fn clear(&self) {
        match self.inner.lock() {
            Ok(mut inner) => inner.messages.clear(),
            Err(poisoned) => poisoned.into_inner().messages.clear(),
        }
    }
}
