//! Sending the customer SMS, push and e-mail through the outbox, in their language.

use avain_core::inbox::{AlertChannel, render_alert};

use crate::db::records::{Customer, Profile};
use crate::state::AppState;
use crate::texts::{self, Notice};

/// Sends an SMS if the customer has a mobile number (service messages go out whether
/// or not the SMS additional service is on; that service is for codes and step-ups).
pub fn sms(state: &AppState, customer: &Customer, kind: &str, notice: Notice<'_>) {
    if let Some(phone) = &customer.phone {
        state.outbox.sms(
            state.now(),
            &customer.user_id,
            phone,
            kind,
            texts::text(notice, customer.lang()),
        );
    }
}

/// Sends a push notification to a profile's device, if it registered for push.
pub fn push(
    state: &AppState,
    customer: &Customer,
    profile: &Profile,
    kind: &str,
    data: Option<String>,
) {
    if profile.has_push {
        state
            .outbox
            .push_notification(state.now(), &customer.user_id, &profile.id, kind, data);
    }
}

/// Tells the customer that a message waits in the inbox: a push to each usable device
/// and, for important messages (the law requires an alert for changes to terms and
/// prices), also an SMS and an e-mail. The texts are the core's content-free alert
/// (`avain_core::inbox::render_alert`), word for word what the app and its scam check know
/// as the genuine one, so the bank cannot drift from it. Push notifications carry no text:
/// the app renders the core's push alert itself.
pub fn message_alert(state: &AppState, customer: &Customer, profiles: &[Profile], important: bool) {
    for profile in profiles.iter().filter(|p| p.state.is_usable()) {
        push(state, customer, profile, MESSAGE_WAITING, None);
    }
    if !important {
        return;
    }
    let lang = customer.lang();
    if let Some(phone) = &customer.phone {
        state.outbox.sms(
            state.now(),
            &customer.user_id,
            phone,
            MESSAGE_WAITING,
            render_alert(AlertChannel::Sms, lang).body,
        );
    }
    if let Some(address) = &customer.email {
        state.outbox.email(
            state.now(),
            &customer.user_id,
            address,
            MESSAGE_WAITING,
            render_alert(AlertChannel::Email, lang).to_text(),
        );
    }
}

/// The outbox kind of an inbox alert.
pub const MESSAGE_WAITING: &str = "message_waiting";

/// The phone number masked for display: "+358 40 *** **67".
pub fn phone_hint(phone: &str) -> String {
    let digits: Vec<char> = phone.chars().filter(|c| c.is_ascii_digit()).collect();
    if phone.starts_with("+358") && digits.len() >= 8 {
        let operator: String = digits[3..5].iter().collect();
        let last: String = digits[digits.len() - 2..].iter().collect();
        format!("+358 {operator} *** **{last}")
    } else {
        let last: String = digits.iter().rev().take(2).rev().collect();
        format!("*** **{last}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phone_numbers_are_masked() {
        assert_eq!(phone_hint("+358401234567"), "+358 40 *** **67");
        assert_eq!(phone_hint("0401234567"), "*** **67");
    }
}
