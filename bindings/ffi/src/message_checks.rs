//! The two checks a customer (or the bank's sending pipeline) runs on a message's text:
//! the scam check (is this email, SMS or push a fraud in the bank's name?) and the
//! alert-text check (is this alert one of the content-free templates?). Both are the
//! core's (`avain_core::scam`, `avain_core::inbox`); these are pure exports, no I/O.

use avain_core::Language;
use avain_core::inbox::{self, Alert, AlertChannel, AlertCheck};
use avain_core::scam::{self, BankConfig, ScamReport};

use crate::error::{AvainError, IntoAvainError};

/// Checks a message the customer received: `sender` as the phone shows it (an email
/// "From", a phone number or an SMS sender id; empty when unknown), `text` the whole
/// message. Judged against this bank's addresses, SMS sender ids and service numbers
/// (the sandbox bank's, `BankConfig::demo`). The level, every finding explained and the
/// advice in `lang`. A sender or text longer than the check takes is
/// [`AvainError::InvalidInput`] (`sender_too_long`, `message_too_long`).
#[uniffi::export]
pub fn check_scam_message(
    sender: String,
    text: String,
    lang: Language,
) -> Result<ScamReport, AvainError> {
    scam::check_message(&sender, &text, &BankConfig::demo())
        .map(|verdict| verdict.report(lang))
        .map_err(|e| e.into_avain_error(lang))
}

/// Checks that an alert text follows the rule: no content, no link, no amount, no name,
/// every sentence one of the templates (in any of the three languages). The violations
/// are explained in `lang`.
#[uniffi::export]
pub fn check_alert_text(text: String, lang: Language) -> AlertCheck {
    inbox::explain_alert_text(&text, lang)
}

/// The one genuine alert text for `channel` in `lang`, to show the customer what the
/// bank's alerts look like.
#[uniffi::export]
pub fn render_alert(channel: AlertChannel, lang: Language) -> Alert {
    inbox::render_alert(channel, lang)
}
