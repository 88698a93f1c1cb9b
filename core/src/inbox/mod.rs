//! The secure inbox's alerts: important messages live only in the online bank, and the
//! alert that reaches e-mail, SMS or push only says that one is waiting.
//!
//! [`render_alert`] writes the alert texts (in Finnish, Swedish and English: no content,
//! no link, no amount, no name) and [`check_alert_text`] verifies that a given alert
//! follows that rule. The bank renders its alerts with the first (the sandbox's
//! `notify.rs`), and the scam check knows them word for word.
//!
//! The messages themselves stay at the bank: the app's inbox (list, open, write) is
//! `client/inbox.rs`, which shows the bank's list newest first with the unread count.

mod alert;
mod alert_report;

pub use alert::{Alert, AlertChannel, AlertViolation, check_alert_text, render_alert};
pub use alert_report::{AlertCheck, ExplainedViolation, explain_alert_text};
