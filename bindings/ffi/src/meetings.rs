//! Video meetings with the bank's expert: the customer's bookings, booking, a booking
//! looked up, edited or cancelled without login (booking code and phone number), joining
//! inside the window (from 15 minutes before the start until the end) and identifying
//! with the identifier the expert reads out. Thin calls into `avain_core::client::Avain`;
//! the join window, the booking code and the phone number are the core's pure rules,
//! exported sync so the meeting card can tick without asking the bank.

use std::time::SystemTime;

use avain_core::Language;
use avain_core::client::{self as core};

use crate::avain::Avain;
use crate::error::AvainError;
use crate::instant::from_shell;

/// Where a meeting's join button is, at a given moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum JoinWindow {
    /// Too early: joining opens at `opens_at`.
    NotYetOpen {
        /// When the window opens.
        opens_at: SystemTime,
    },
    /// Joining is possible now.
    Open,
    /// The meeting has ended.
    Ended,
    /// The booking was cancelled.
    Cancelled,
}

impl From<core::JoinWindow> for JoinWindow {
    fn from(w: core::JoinWindow) -> JoinWindow {
        match w {
            core::JoinWindow::NotYetOpen { opens_at } => JoinWindow::NotYetOpen {
                opens_at: opens_at.into(),
            },
            core::JoinWindow::Open => JoinWindow::Open,
            core::JoinWindow::Ended => JoinWindow::Ended,
            core::JoinWindow::Cancelled => JoinWindow::Cancelled,
        }
    }
}

/// The join window at one moment, with what the meeting card says.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct JoinWindowState {
    /// Where the window is.
    pub window: JoinWindow,
    /// Stable code: `not_yet_open`, `open`, `ended`, `cancelled`.
    pub code: String,
    /// The card's line, in the language asked for.
    pub message: String,
}

/// A participant as the meeting card lists them.
#[derive(Clone, PartialEq, Eq, uniffi::Record)]
pub struct MeetingParticipant {
    /// The customer's name.
    pub name: String,
    /// Whether they have identified with the expert's identifier.
    pub identified: bool,
}

/// Names are personal data: kept out of logs.
impl std::fmt::Debug for MeetingParticipant {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MeetingParticipant")
            .field("identified", &self.identified)
            .finish_non_exhaustive()
    }
}

/// A video meeting booking as the app shows it.
#[derive(Clone, PartialEq, Eq, uniffi::Record)]
pub struct MeetingInfo {
    /// The booking code ("2KMEVE6X").
    pub booking_code: String,
    /// Start.
    pub starts_at: SystemTime,
    /// End.
    pub ends_at: SystemTime,
    /// Length in minutes.
    pub duration_minutes: u32,
    /// The topic ("Lainat, Asuntolainaneuvottelu").
    pub topic: String,
    /// Extra details given when booking.
    pub details: Option<String>,
    /// The bank's expert.
    pub expert_name: String,
    /// The expert's bank or office.
    pub expert_office: String,
    /// The customers taking part (1 to 3); empty when looked up without login.
    pub participants: Vec<MeetingParticipant>,
    /// `booked` or `cancelled`.
    pub status: String,
    /// When joining opens (15 minutes before the start).
    pub join_opens_at: SystemTime,
    /// The join window on the phone's clock when this was fetched (`meetingJoinWindow`
    /// tells it again later).
    pub join_window: JoinWindow,
    /// The join window's line, in the customer's language.
    pub join_message: String,
    /// Meetings are recorded; the app says so before joining.
    pub recorded: bool,
    /// The recording notice, in the customer's language.
    pub recording_notice: Option<String>,
}

/// The booking code and the phone number open the booking without login, and the topic
/// and details may say what the customer's finances are about: kept out of logs.
impl std::fmt::Debug for MeetingInfo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MeetingInfo")
            .field("starts_at", &self.starts_at)
            .field("duration_minutes", &self.duration_minutes)
            .field("status", &self.status)
            .field("join_window", &self.join_window)
            .finish_non_exhaustive()
    }
}

impl From<core::MeetingInfo> for MeetingInfo {
    fn from(m: core::MeetingInfo) -> MeetingInfo {
        MeetingInfo {
            booking_code: m.booking_code,
            starts_at: m.starts_at.into(),
            ends_at: m.ends_at.into(),
            duration_minutes: m.duration_minutes,
            topic: m.topic,
            details: m.details,
            expert_name: m.expert_name,
            expert_office: m.expert_office,
            participants: m
                .participants
                .into_iter()
                .map(|p| MeetingParticipant {
                    name: p.name,
                    identified: p.identified,
                })
                .collect(),
            status: m.status,
            join_opens_at: m.join_opens_at.into(),
            join_window: m.join_window.into(),
            join_message: m.join_message,
            recorded: m.recorded,
            recording_notice: m.recording_notice,
        }
    }
}

/// What to change in a booking; `null`/`nil` keeps the current value, an empty `details`
/// removes them.
#[derive(Debug, Clone, Default, PartialEq, Eq, uniffi::Record)]
pub struct MeetingEdit {
    /// New start: in the future, on the quarter hour.
    #[uniffi(default = None)]
    pub starts_at: Option<SystemTime>,
    /// New length: 30, 45, 60 or 90 minutes.
    #[uniffi(default = None)]
    pub duration_minutes: Option<u32>,
    /// New topic (1-120 characters).
    #[uniffi(default = None)]
    pub topic: Option<String>,
    /// New details (up to 500 characters; empty removes them).
    #[uniffi(default = None)]
    pub details: Option<String>,
}

impl MeetingEdit {
    fn into_core(self, lang: Language) -> Result<core::MeetingEdit, AvainError> {
        Ok(core::MeetingEdit {
            starts_at: self.starts_at.map(|t| from_shell(t, lang)).transpose()?,
            duration_minutes: self.duration_minutes,
            topic: self.topic,
            details: self.details,
        })
    }
}

/// Joining a meeting: where the video call is, and what comes next.
#[derive(Clone, PartialEq, Eq, uniffi::Record)]
pub struct MeetingJoin {
    /// The video call's address (opens Teams or the browser).
    pub join_url: String,
    /// Each participant identifies with the identifier the expert gives
    /// (`identifyInMeeting`).
    pub identification_required: bool,
    /// The meeting is recorded.
    pub recorded: bool,
    /// What to tell the customer before leaving for the call: the recording, keep this
    /// screen open to identify.
    pub instructions: Vec<String>,
}

/// The call's address lets anyone into the meeting room: kept out of logs.
impl std::fmt::Debug for MeetingJoin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MeetingJoin")
            .field("identification_required", &self.identification_required)
            .field("recorded", &self.recorded)
            .finish_non_exhaustive()
    }
}

impl From<core::MeetingJoin> for MeetingJoin {
    fn from(j: core::MeetingJoin) -> MeetingJoin {
        MeetingJoin {
            join_url: j.join_url,
            identification_required: j.identification_required,
            recorded: j.recorded,
            instructions: j.instructions,
        }
    }
}

/// The join window of a meeting starting at `starts_at` and ending at `ends_at`, at `now`
/// (the phone's clock), with the card's line in `language`: open from 15 minutes before
/// the start until the end. Pure; the bank checks the same window on its own clock.
#[uniffi::export]
pub fn meeting_join_window(
    starts_at: SystemTime,
    ends_at: SystemTime,
    cancelled: bool,
    now: SystemTime,
    language: Language,
) -> Result<JoinWindowState, AvainError> {
    let window = core::join_window(
        from_shell(starts_at, language)?,
        from_shell(ends_at, language)?,
        cancelled,
        from_shell(now, language)?,
    );
    Ok(JoinWindowState {
        window: window.into(),
        code: window.code().to_owned(),
        message: window.message(language),
    })
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

#[uniffi::export]
impl Avain {
    /// The customer's video meetings, soonest first, each with its join window on the
    /// phone's clock (logged in).
    pub async fn meetings(&self) -> Result<Vec<MeetingInfo>, AvainError> {
        let list = self.core.meetings().await?;
        Ok(list.into_iter().map(Into::into).collect())
    }

    /// Books a video meeting (logged in): a start in the future on the quarter hour, 30,
    /// 45, 60 or 90 minutes, a topic and optional details. The bank assigns the expert and
    /// the booking code. Changes state at the bank.
    pub async fn book_meeting(
        &self,
        starts_at: SystemTime,
        duration_minutes: u32,
        topic: String,
        details: Option<String>,
    ) -> Result<MeetingInfo, AvainError> {
        let starts_at = from_shell(starts_at, self.language())?;
        let meeting = self
            .core
            .book_meeting(starts_at, duration_minutes, topic, details)
            .await?;
        Ok(meeting.into())
    }

    /// Finds a booking with its booking code and the phone number given when booking,
    /// without logging in. Participants' names are not shown this way; the bank stops
    /// look-ups of a code after repeated wrong numbers.
    pub async fn look_up_meeting(
        &self,
        booking_code: String,
        phone: String,
    ) -> Result<MeetingInfo, AvainError> {
        Ok(self.core.look_up_meeting(booking_code, phone).await?.into())
    }

    /// Changes a booking (logged in), only before the meeting starts. Changes state at
    /// the bank.
    pub async fn edit_meeting(
        &self,
        booking_code: String,
        edit: MeetingEdit,
    ) -> Result<MeetingInfo, AvainError> {
        let edit = edit.into_core(self.language())?;
        Ok(self.core.edit_meeting(booking_code, edit).await?.into())
    }

    /// Changes a booking found with booking code and phone number, without logging in.
    /// Changes state at the bank.
    pub async fn edit_meeting_by_code(
        &self,
        booking_code: String,
        phone: String,
        edit: MeetingEdit,
    ) -> Result<MeetingInfo, AvainError> {
        let edit = edit.into_core(self.language())?;
        let meeting = self
            .core
            .edit_meeting_by_code(booking_code, phone, edit)
            .await?;
        Ok(meeting.into())
    }

    /// Cancels a booking (logged in); not after the meeting has ended. Changes state at
    /// the bank.
    pub async fn cancel_meeting(&self, booking_code: String) -> Result<MeetingInfo, AvainError> {
        Ok(self.core.cancel_meeting(booking_code).await?.into())
    }

    /// Cancels a booking found with booking code and phone number, without logging in.
    /// Changes state at the bank.
    pub async fn cancel_meeting_by_code(
        &self,
        booking_code: String,
        phone: String,
    ) -> Result<MeetingInfo, AvainError> {
        Ok(self
            .core
            .cancel_meeting_by_code(booking_code, phone)
            .await?
            .into())
    }

    /// Joins a meeting (logged in). Before the window opens it is `Refused` with
    /// `meeting_not_open`, after the end or when cancelled `meeting_closed`, decided on
    /// the phone's clock without asking the bank (which checks again on its own).
    /// Returns the call's address and what to tell the customer first.
    pub async fn join_meeting(&self, booking_code: String) -> Result<MeetingJoin, AvainError> {
        Ok(self.core.join_meeting(booking_code).await?.into())
    }

    /// Identifies the customer in a meeting with the identifier the expert read out
    /// (logged in, inside the window). A wrong identifier is `InvalidInput` saying how
    /// many tries are left. The identifier is never logged.
    pub async fn identify_in_meeting(
        &self,
        booking_code: String,
        identifier: String,
    ) -> Result<MeetingInfo, AvainError> {
        Ok(self
            .core
            .identify_in_meeting(booking_code, identifier)
            .await?
            .into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    const START: time::OffsetDateTime = datetime!(2026-11-24 10:30 UTC);
    const END: time::OffsetDateTime = datetime!(2026-11-24 11:30 UTC);

    fn window_at(now: time::OffsetDateTime, cancelled: bool) -> JoinWindowState {
        meeting_join_window(
            START.into(),
            END.into(),
            cancelled,
            now.into(),
            Language::Sv,
        )
        .unwrap()
    }

    #[test]
    fn the_window_crosses_with_its_opening_time_code_and_line() {
        let early = window_at(datetime!(2026-11-24 10:14:59 UTC), false);
        assert_eq!(
            early.window,
            JoinWindow::NotYetOpen {
                opens_at: datetime!(2026-11-24 10:15 UTC).into()
            }
        );
        assert_eq!(early.code, "not_yet_open");
        for (now, cancelled, code) in [
            (datetime!(2026-11-24 10:15 UTC), false, "open"),
            (END, false, "ended"),
            (datetime!(2026-11-24 10:20 UTC), true, "cancelled"),
        ] {
            let state = window_at(now, cancelled);
            assert_eq!(state.code, code);
            assert!(!state.message.is_empty() && !state.message.starts_with("client-"));
        }
    }

    #[test]
    fn an_edit_keeps_what_is_not_changed_and_refuses_impossible_times() {
        let edit = MeetingEdit {
            starts_at: Some(datetime!(2026-11-25 12:45 UTC).into()),
            topic: Some("Lainat".into()),
            ..MeetingEdit::default()
        };
        let core = edit.into_core(Language::Fi).unwrap();
        assert_eq!(core.starts_at, Some(datetime!(2026-11-25 12:45 UTC)));
        assert_eq!(core.duration_minutes, None);
        assert_eq!(core.details, None);
        let absurd = MeetingEdit {
            starts_at: Some(SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1 << 40)),
            ..MeetingEdit::default()
        };
        assert_eq!(
            absurd.into_core(Language::Fi).unwrap_err().code(),
            crate::AvainErrorCode::InvalidTime
        );
    }

    #[test]
    fn debug_output_has_no_code_names_or_call_address() {
        let info = MeetingInfo::from(core::MeetingInfo {
            booking_code: "2KMEVE6X".into(),
            starts_at: START,
            ends_at: END,
            duration_minutes: 60,
            topic: "Lainat, Asuntolainaneuvottelu".into(),
            details: None,
            expert_name: "Matleena Malliharju".into(),
            expert_office: "Malliharjun Osuuspankki".into(),
            participants: vec![core::ParticipantInfo {
                name: "Anna Virtanen".into(),
                identified: false,
            }],
            status: "booked".into(),
            join_opens_at: datetime!(2026-11-24 10:15 UTC),
            join_window: core::JoinWindow::Open,
            join_message: "Voit liittyä nyt.".into(),
            recorded: true,
            recording_notice: None,
        });
        assert_eq!(info.participants[0].name, "Anna Virtanen");
        assert_eq!(info.join_window, JoinWindow::Open);
        let debug = format!("{info:?}");
        for secret in ["2KMEVE6X", "Anna", "Asuntolaina"] {
            assert!(!debug.contains(secret), "{debug}");
        }
        let join = MeetingJoin::from(core::MeetingJoin {
            join_url: "https://meet.example/room/abc123".into(),
            identification_required: true,
            recorded: true,
            instructions: vec![],
        });
        assert!(!format!("{join:?}").contains("abc123"));
    }
}
