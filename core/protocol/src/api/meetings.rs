//! Video meetings with the bank's expert: bookings, look-up without login, joining.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::{Personal, Secret};

/// Where a booking is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum MeetingStatus {
    /// Booked and upcoming (or under way).
    Booked,
    /// Cancelled.
    Cancelled,
    /// A value this version of the app does not know (the bank added one after it was
    /// released): read without failing, shown neutrally. Never sent.
    #[serde(other)]
    Unknown,
}

/// How the meeting is held (OP: "puhelin- tai verkkoneuvottelu tai tapaaminen
/// konttorissa").
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum MeetingKind {
    /// The expert calls the customer.
    Phone,
    /// A video meeting (the default: bookings made before kinds existed were these).
    #[default]
    Video,
    /// A meeting at the bank's branch.
    Branch,
    /// A value this version of the app does not know: read without failing. Never sent.
    #[serde(other)]
    Unknown,
}

/// A participant as the customer sees the list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingParticipant {
    /// The customer's name.
    pub name: String,
    /// Whether they have identified in this meeting with the expert's identifier.
    pub identified: bool,
}

/// A video meeting booking.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meeting {
    /// The booking code ("2KMEVE6X"): 8 characters, no look-alike letters.
    pub booking_code: String,
    /// Phone, video or branch.
    #[serde(default)]
    pub kind: MeetingKind,
    /// Start time.
    #[serde(with = "super::wire_time::instant")]
    pub starts_at: OffsetDateTime,
    /// Length in minutes.
    pub duration_minutes: u32,
    /// The topic ("Lainat, Asuntolainaneuvottelu").
    pub topic: String,
    /// Extra details the customer gave.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub details: Option<String>,
    /// The bank's expert.
    pub expert_name: String,
    /// The expert's bank or office.
    pub expert_office: String,
    /// The customers taking part (1 to 3); empty in a look-up without login.
    pub participants: Vec<MeetingParticipant>,
    /// Booked or cancelled.
    pub status: MeetingStatus,
    /// Joining opens 15 minutes before the start.
    #[serde(with = "super::wire_time::instant")]
    pub join_opens_at: OffsetDateTime,
    /// The meeting's end; joining closes then.
    #[serde(with = "super::wire_time::instant")]
    pub ends_at: OffsetDateTime,
    /// Meetings are always recorded; the app says so before joining.
    pub recorded: bool,
}

/// `GET /v1/meetings`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingList {
    /// Upcoming first.
    pub meetings: Vec<Meeting>,
}

/// `POST /v1/meetings`: book a video meeting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewMeeting {
    /// Phone, video or branch (video when left out).
    #[serde(default)]
    pub kind: MeetingKind,
    /// Start time, in the future, on the quarter hour.
    #[serde(with = "super::wire_time::instant")]
    pub starts_at: OffsetDateTime,
    /// 30, 45, 60 or 90 minutes.
    pub duration_minutes: u32,
    /// The topic.
    pub topic: String,
    /// Extra details.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub details: Option<String>,
}

/// A change to a booking; missing fields stay as they are.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MeetingChange {
    /// New start time.
    #[serde(
        default,
        with = "super::wire_time::instant_option",
        skip_serializing_if = "Option::is_none"
    )]
    pub starts_at: Option<OffsetDateTime>,
    /// New length.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration_minutes: Option<u32>,
    /// New topic.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub topic: Option<String>,
    /// New details.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub details: Option<String>,
}

/// `POST /v1/meeting-lookups`: find a booking without logging in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MeetingLookup {
    /// The booking code from the confirmation.
    pub booking_code: String,
    /// The phone number given when booking (any common format).
    pub phone: Personal,
}

/// `POST /v1/meeting-lookups/change`: change a booking found without logging in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MeetingLookupChange {
    /// The booking code.
    pub booking_code: String,
    /// The phone number.
    pub phone: Personal,
    /// What changes.
    pub change: MeetingChange,
}

/// The answer to joining: where the video call is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingJoin {
    /// The video call's address.
    pub join_url: String,
    /// Each participant identifies separately with the identifier the expert gives.
    pub identification_required: bool,
    /// The meeting is recorded.
    pub recorded: bool,
}

/// `POST /v1/meetings/{code}/identify`: the identifier the expert gave this customer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MeetingIdentify {
    /// The identifier, as read out by the expert.
    pub identifier: Secret,
}
