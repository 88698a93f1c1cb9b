//! Meetings without a login: the bank's free slots, a booking by name, phone and e-mail,
//! invitations to other participants, and a guest's join through the identification
//! broker (another bank's codes).

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::{Meeting, MeetingKind, Personal, Secret};

/// A free slot in the bank's calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct MeetingSlot {
    /// Start.
    #[serde(with = "super::wire_time::instant")]
    pub starts_at: OffsetDateTime,
    /// Length in minutes.
    pub duration_minutes: u32,
}

/// `GET /v1/meeting-slots`: the free slots, soonest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingSlots {
    /// Free slots.
    pub slots: Vec<MeetingSlot>,
}

/// `POST /v1/meeting-bookings`: a booking without logging in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GuestBooking {
    /// Phone, video or branch.
    pub kind: MeetingKind,
    /// A free slot's start (from [`MeetingSlots`]).
    #[serde(with = "super::wire_time::instant")]
    pub starts_at: OffsetDateTime,
    /// The topic.
    pub topic: String,
    /// The booker's name.
    pub name: Personal,
    /// The booker's mobile number, E.164 (the confirmation goes here unless an e-mail is
    /// given; looking the booking up later needs it).
    pub phone: Personal,
    /// The booker's e-mail address, for the confirmation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<Personal>,
}

/// `POST /v1/meetings/{code}/invitations`: invite another participant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MeetingInvitation {
    /// The invitee's name, as the booker writes it (the broker's verified name replaces
    /// it when they identify).
    pub name: Personal,
    /// The invitee's mobile number, E.164 (the invitation goes here unless an e-mail is
    /// given).
    pub phone: Personal,
    /// The invitee's e-mail address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<Personal>,
}

/// `POST /v1/meeting-guests/join`: a guest opens their invitation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GuestJoin {
    /// The booking code in the invitation.
    pub booking_code: String,
    /// The invitation's token (single-purpose: this guest, this meeting).
    pub token: Secret,
}

/// The answer to [`GuestJoin`]: where the guest identifies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GuestJoinStarted {
    /// The identification broker's address; the guest identifies there with their own
    /// bank's codes and comes back with its assertion.
    pub broker_url: String,
    /// The transaction the broker's assertion must name (carried in `broker_url`).
    pub state: Secret,
    /// When the transaction expires.
    #[serde(with = "super::wire_time::instant")]
    pub expires_at: OffsetDateTime,
}

/// `POST /v1/meeting-guests/admit`: the guest comes back from the broker.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GuestAdmit {
    /// The booking code.
    pub booking_code: String,
    /// The invitation's token.
    pub token: Secret,
    /// The broker's signed assertion of the guest's identity.
    pub assertion: Secret,
}

/// The answer to [`GuestAdmit`]: the guest is in, under their verified name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GuestAdmission {
    /// The meeting (participants' names left out).
    pub meeting: Meeting,
    /// The name the broker verified.
    pub verified_name: Personal,
    /// The video call's address.
    pub join_url: String,
}
