//! Meetings with the bank's expert: the customer's bookings, booking (logged in or not,
//! phone, video or branch), invitations, a guest's join through the identification
//! broker, a booking looked up, edited or cancelled without login (booking code and phone
//! number), joining
//! inside the window (from 15 minutes before the start until the end) and identifying
//! with the identifier the expert reads out. Thin calls into `avain_core::client::Avain`;
//! the join window, the booking code and the phone number are the core's pure rules,
//! exported sync so the meeting card can tick without asking the bank.

use std::sync::Arc;

use avain_core::Language;
use avain_core::api::{MeetingKind, MeetingSlot};
use avain_core::client::{
    self as core, GuestAdmitted, GuestBookingForm, GuestJoinStart, InviteeForm, JoinWindow,
    MeetingEdit, MeetingInfo, MeetingJoin,
};
use time::OffsetDateTime;

use crate::avain::Avain;
use crate::error::AvainError;

/// The join window at one moment, with what the meeting card says.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct JoinWindowState {
    /// Where the window is (with the opening time while it is not yet open).
    pub window: JoinWindow,
    /// The card's line, in the language asked for.
    pub message: String,
}

/// The join window of a meeting starting at `starts_at` and ending at `ends_at`, at `now`
/// (the phone's clock), with the card's line in `language`: open from 15 minutes before
/// the start until the end. Pure; the bank checks the same window on its own clock.
#[uniffi::export]
pub fn meeting_join_window(
    starts_at: OffsetDateTime,
    ends_at: OffsetDateTime,
    cancelled: bool,
    now: OffsetDateTime,
    language: Language,
) -> JoinWindowState {
    let window = core::join_window(starts_at, ends_at, cancelled, now);
    JoinWindowState {
        window,
        message: window.message(language),
    }
}

/// A booking code as the bank writes it ("2kme-ve6x" -> "2KMEVE6X"), or `null`/`nil`
/// when it cannot be one (wrong length, 0/O or 1/I). Pure.
#[uniffi::export]
pub fn normalize_booking_code(text: String) -> Option<String> {
    core::normalize_booking_code(&text)
}

/// A Finnish mobile number in any common form ("040 123 4567", "+358 40 1234567") as
/// E.164, or `null`/`nil`. Pure.
#[uniffi::export]
pub fn normalize_phone(text: String) -> Option<String> {
    core::normalize_phone(&text)
}

/// Video meetings: `avain.meetings()` in Kotlin and Swift, a view of the one
/// [`Avain`] it came from.
#[derive(uniffi::Object)]
pub struct Meetings {
    avain: Arc<core::Avain>,
}

impl std::fmt::Debug for Meetings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Meetings").finish_non_exhaustive()
    }
}

impl Meetings {
    fn area(&self) -> core::Meetings<'_> {
        self.avain.meetings()
    }
}

#[uniffi::export]
impl Avain {
    /// Video meetings.
    pub fn meetings(&self) -> Arc<Meetings> {
        Arc::new(Meetings {
            avain: Arc::clone(&self.core),
        })
    }
}

#[uniffi::export]
impl Meetings {
    /// The customer's video meetings, soonest first, each with its join window on the
    /// phone's clock (logged in).
    pub async fn list(&self) -> Result<Vec<MeetingInfo>, AvainError> {
        self.area().list().await
    }

    /// Books a phone, video or branch meeting (logged in): a start in the future on the
    /// quarter hour, 30, 45, 60 or 90 minutes, a topic and optional details. The bank
    /// assigns the expert and the booking code. Changes state at the bank.
    pub async fn book_meeting(
        &self,
        kind: MeetingKind,
        starts_at: OffsetDateTime,
        duration_minutes: u32,
        topic: String,
        details: Option<String>,
    ) -> Result<MeetingInfo, AvainError> {
        self.area()
            .book_meeting(kind, starts_at, duration_minutes, topic, details)
            .await
    }

    /// The bank's free slots, soonest first. Needs no login and no profile: callable
    /// before registration.
    pub async fn free_slots(&self) -> Result<Vec<MeetingSlot>, AvainError> {
        self.area().free_slots().await
    }

    /// Books a meeting without logging in (no profile needed): name, phone, optional
    /// e-mail, topic and a free slot. The confirmation (booking code, time, invitation
    /// code) comes by e-mail if given, else by SMS. Changes state at the bank.
    pub async fn book_without_login(
        &self,
        form: GuestBookingForm,
    ) -> Result<MeetingInfo, AvainError> {
        self.area().book_without_login(form).await
    }

    /// Invites someone to a meeting (logged in); three customers at most in all. The
    /// invitee gets their invitation code by e-mail or SMS. Changes state at the bank.
    pub async fn invite(
        &self,
        booking_code: String,
        invitee: InviteeForm,
    ) -> Result<MeetingInfo, AvainError> {
        self.area().invite(booking_code, invitee).await
    }

    /// A guest (no login, no profile) starts joining with the booking code and the
    /// invitation code, inside the join window: open the answer's `broker_url`.
    pub async fn start_guest_join(
        &self,
        booking_code: String,
        invitation_code: String,
    ) -> Result<GuestJoinStart, AvainError> {
        self.area()
            .start_guest_join(booking_code, invitation_code)
            .await
    }

    /// The guest is back from the broker with its assertion: let in under the verified
    /// name. An assertion works once, for this guest's own join.
    pub async fn finish_guest_join(
        &self,
        booking_code: String,
        invitation_code: String,
        assertion: String,
    ) -> Result<GuestAdmitted, AvainError> {
        self.area()
            .finish_guest_join(booking_code, invitation_code, assertion)
            .await
    }

    /// Finds a booking with its booking code and the phone number given when booking,
    /// without logging in. Participants' names are not shown this way; the bank stops
    /// look-ups of a code after repeated wrong numbers.
    pub async fn look_up_meeting(
        &self,
        booking_code: String,
        phone: String,
    ) -> Result<MeetingInfo, AvainError> {
        self.area().look_up_meeting(booking_code, phone).await
    }

    /// Changes a booking (logged in), only before the meeting starts. Changes state at
    /// the bank.
    pub async fn edit_meeting(
        &self,
        booking_code: String,
        edit: MeetingEdit,
    ) -> Result<MeetingInfo, AvainError> {
        self.area().edit_meeting(booking_code, edit).await
    }

    /// Changes a booking found with booking code and phone number, without logging in.
    /// Changes state at the bank.
    pub async fn edit_meeting_by_code(
        &self,
        booking_code: String,
        phone: String,
        edit: MeetingEdit,
    ) -> Result<MeetingInfo, AvainError> {
        let meeting = self
            .area()
            .edit_meeting_by_code(booking_code, phone, edit)
            .await?;
        Ok(meeting)
    }

    /// Cancels a booking (logged in); not after the meeting has ended. Changes state at
    /// the bank.
    pub async fn cancel_meeting(&self, booking_code: String) -> Result<MeetingInfo, AvainError> {
        self.area().cancel_meeting(booking_code).await
    }

    /// Cancels a booking found with booking code and phone number, without logging in.
    /// Changes state at the bank.
    pub async fn cancel_meeting_by_code(
        &self,
        booking_code: String,
        phone: String,
    ) -> Result<MeetingInfo, AvainError> {
        self.area()
            .cancel_meeting_by_code(booking_code, phone)
            .await
    }

    /// Joins a meeting (logged in). Before the window opens it is `Refused` with
    /// `meeting_not_open`, after the end or when cancelled `meeting_closed`, decided on
    /// the phone's clock without asking the bank (which checks again on its own).
    /// Returns the call's address and what to tell the customer first.
    pub async fn join_meeting(&self, booking_code: String) -> Result<MeetingJoin, AvainError> {
        self.area().join_meeting(booking_code).await
    }

    /// Identifies the customer in a meeting with the identifier the expert read out
    /// (logged in, inside the window). A wrong identifier is `InvalidInput` saying how
    /// many tries are left. The identifier is never logged.
    pub async fn identify_in_meeting(
        &self,
        booking_code: String,
        identifier: String,
    ) -> Result<MeetingInfo, AvainError> {
        self.area()
            .identify_in_meeting(booking_code, identifier)
            .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    const START: time::OffsetDateTime = datetime!(2026-11-24 10:30 UTC);
    const END: time::OffsetDateTime = datetime!(2026-11-24 11:30 UTC);

    fn window_at(now: time::OffsetDateTime, cancelled: bool) -> JoinWindowState {
        meeting_join_window(START, END, cancelled, now, Language::Sv)
    }

    #[test]
    fn the_window_crosses_with_its_opening_time_and_line() {
        let early = window_at(datetime!(2026-11-24 10:14:59 UTC), false);
        assert_eq!(
            early.window,
            JoinWindow::NotYetOpen {
                opens_at: datetime!(2026-11-24 10:15 UTC)
            }
        );
        for (now, cancelled, window) in [
            (datetime!(2026-11-24 10:15 UTC), false, JoinWindow::Open),
            (END, false, JoinWindow::Ended),
            (datetime!(2026-11-24 10:20 UTC), true, JoinWindow::Cancelled),
        ] {
            let state = window_at(now, cancelled);
            assert_eq!(state.window, window);
            assert!(!state.message.is_empty() && !state.message.starts_with("client-"));
        }
    }
}
