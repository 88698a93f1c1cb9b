//! Video meetings with the bank's expert (both seeds): the customer's bookings, booking a
//! new one, a booking looked up without login by booking code and phone number, editing and cancelling,
//! joining inside the window (from 15 minutes before the start until the end), and
//! identifying in the meeting with the identifier the expert reads out.
//!
//! The join window is decided here, on the phone's clock ([`join_window`], pure), so the
//! button shows the right state without asking the bank; the bank enforces the same
//! window on its own clock, which wins when the two disagree.

use std::sync::Arc;

use serde::Serialize;
use time::OffsetDateTime;

use super::{AvainError, Inner, Meetings};
use crate::api::{
    ErrorCode, Meeting, MeetingChange, MeetingIdentify, MeetingKind, MeetingList, MeetingLookup,
    MeetingLookupChange, MeetingStatus, NewMeeting, Personal, Secret,
};
use crate::error::AvainErrorCode;
use crate::i18n::{self, Arg, Language};
use crate::net::NetError;
use avain_protocol::rules::meetings::{self as meeting_rules, MeetingProblem};

pub use avain_protocol::rules::meetings::{JOIN_OPENS_BEFORE, JoinWindow, join_window};

/// A participant as the meeting card lists them.
#[derive(Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ParticipantInfo {
    /// The customer's name.
    pub name: String,
    /// Whether they have identified with the expert's identifier.
    pub identified: bool,
}

/// A video meeting booking as the app shows it.
#[derive(Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct MeetingInfo {
    /// The booking code ("2KMEVE6X").
    pub booking_code: String,
    /// Phone, video or branch.
    pub kind: MeetingKind,
    /// Start.
    pub starts_at: OffsetDateTime,
    /// End.
    pub ends_at: OffsetDateTime,
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
    pub participants: Vec<ParticipantInfo>,
    /// Booked or cancelled (or a status of a newer bank's, shown as booked).
    pub status: MeetingStatus,
    /// When joining opens (15 minutes before the start).
    pub join_opens_at: OffsetDateTime,
    /// The join window on the phone's clock when this was fetched.
    pub join_window: JoinWindow,
    /// The join window's line, in the customer's language.
    pub join_message: String,
    /// Meetings are recorded; the app says so before joining.
    pub recorded: bool,
    /// The recording notice, in the customer's language.
    pub recording_notice: Option<String>,
}

/// What to change in a booking; `None` keeps the current value. An empty `details`
/// removes them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct MeetingEdit {
    /// New start: in the future, on the quarter hour.
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub starts_at: Option<OffsetDateTime>,
    /// New length: 30, 45, 60 or 90 minutes.
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub duration_minutes: Option<u32>,
    /// New topic (1-120 characters).
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub topic: Option<String>,
    /// New details (up to 500 characters; empty removes them).
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub details: Option<String>,
}

/// Joining a meeting: where the video call is, and what comes next.
#[derive(Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct MeetingJoin {
    /// The video call's address (opens Teams or the browser).
    pub join_url: String,
    /// Each participant identifies with the identifier the expert gives.
    pub identification_required: bool,
    /// The meeting is recorded.
    pub recorded: bool,
    /// What to tell the customer before leaving for the call: recording, keep this screen
    /// open to identify.
    pub instructions: Vec<String>,
}

/// Names are personal data: kept out of logs.
impl std::fmt::Debug for ParticipantInfo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ParticipantInfo")
            .field("identified", &self.identified)
            .finish_non_exhaustive()
    }
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

/// The call's address lets anyone into the meeting room: kept out of logs.
impl std::fmt::Debug for MeetingJoin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MeetingJoin")
            .field("identification_required", &self.identification_required)
            .field("recorded", &self.recorded)
            .finish_non_exhaustive()
    }
}

pub(super) fn info(lang: Language, meeting: Meeting, now: OffsetDateTime) -> MeetingInfo {
    let cancelled = meeting.status == MeetingStatus::Cancelled;
    let window = join_window(meeting.starts_at, meeting.ends_at, cancelled, now);
    MeetingInfo {
        booking_code: meeting.booking_code,
        kind: meeting.kind,
        starts_at: meeting.starts_at,
        ends_at: meeting.ends_at,
        duration_minutes: meeting.duration_minutes,
        topic: meeting.topic,
        details: meeting.details,
        expert_name: meeting.expert_name,
        expert_office: meeting.expert_office,
        participants: meeting
            .participants
            .into_iter()
            .map(|p| ParticipantInfo {
                name: p.name,
                identified: p.identified,
            })
            .collect(),
        status: meeting.status,
        join_opens_at: meeting.join_opens_at,
        join_window: window,
        join_message: window.message(lang),
        recorded: meeting.recorded,
        recording_notice: meeting
            .recorded
            .then(|| i18n::text(lang, "client-meeting-recorded")),
    }
}

/// The booking code as the bank writes it: 8 characters of its alphabet (no 0/O, 1/I),
/// typed in any case with spaces or dashes.
pub fn normalize_booking_code(text: &str) -> Option<String> {
    let code: String = text
        .chars()
        .filter(|c| !matches!(c, ' ' | '-'))
        .map(|c| c.to_ascii_uppercase())
        .collect();
    let alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    (code.chars().count() == 8 && code.chars().all(|c| alphabet.contains(c))).then_some(code)
}

/// A phone number in any common form ("040 123 4567", "+358 40 1234567",
/// "00358401234567") as E.164, or `None`: the rule the bank applies too.
pub fn normalize_phone(text: &str) -> Option<String> {
    avain_protocol::rules::phone::normalize(text)
}

/// The expert's identifier: digits, typed with or without spaces.
fn normalize_identifier(text: &str) -> Option<String> {
    let digits: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    ((4..=12).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit()))
        .then_some(digits)
}

/// Checks an edit with the bank's own rules (after trimming, as it will be sent), so the
/// customer hears about it at the field.
fn check_edit(lang: Language, edit: &MeetingEdit, now: OffsetDateTime) -> Result<(), AvainError> {
    let change = change(edit.clone());
    if meeting_rules::is_empty_change(&change) {
        return Err(AvainError::input(lang, AvainErrorCode::MeetingEditEmpty));
    }
    meeting_rules::check_meeting_change(&change, now).map_err(|problem| {
        AvainError::input(
            lang,
            match problem {
                MeetingProblem::Start => AvainErrorCode::MeetingStartInvalid,
                MeetingProblem::Duration => AvainErrorCode::MeetingDurationInvalid,
                MeetingProblem::Topic => AvainErrorCode::MeetingTopicInvalid,
                MeetingProblem::Details => AvainErrorCode::MeetingDetailsInvalid,
            },
        )
    })
}

fn change(edit: MeetingEdit) -> MeetingChange {
    MeetingChange {
        starts_at: edit.starts_at,
        duration_minutes: edit.duration_minutes,
        topic: edit.topic.map(|t| t.trim().to_owned()),
        details: edit.details.map(|d| d.trim().to_owned()),
    }
}

/// The bank's answers, said the way a meeting screen needs them.
pub(super) fn meeting_error(lang: Language, error: AvainError) -> AvainError {
    match error.code() {
        AvainErrorCode::NotFound => AvainError::refused(lang, AvainErrorCode::MeetingNotFound),
        AvainErrorCode::Conflict => AvainError::refused(lang, AvainErrorCode::MeetingCannotChange),
        AvainErrorCode::RateLimited => {
            AvainError::refused(lang, AvainErrorCode::MeetingLookupBlocked)
        }
        _ => error,
    }
}

/// A refusal in the bank's own words for `code` (same text whether the phone or the bank
/// noticed).
fn bank_refusal(lang: Language, code: ErrorCode) -> AvainError {
    AvainError::Refused {
        code: code.into(),
        user_message: code.message(lang, None),
    }
}

impl Inner {
    pub(super) fn meeting_error(&self, error: NetError) -> AvainError {
        meeting_error(self.lang(), self.bank_error(error))
    }

    async fn meeting(self: &Arc<Self>, code: &str) -> Result<Meeting, AvainError> {
        let lang = self.lang();
        let list = self.meeting_list().await?;
        list.meetings
            .into_iter()
            .find(|m| m.booking_code == code)
            .ok_or_else(|| AvainError::refused(lang, AvainErrorCode::MeetingNotFound))
    }

    async fn meeting_list(self: &Arc<Self>) -> Result<MeetingList, AvainError> {
        let (token, _) = self.session()?;
        self.http
            .get("v1/meetings", Some(token.expose()))
            .await
            .map_err(|e| self.meeting_error(e))
    }

    pub(super) fn code(&self, booking_code: &str) -> Result<String, AvainError> {
        normalize_booking_code(booking_code)
            .ok_or_else(|| AvainError::input(self.lang(), AvainErrorCode::BookingCodeInvalid))
    }

    /// Sends a request in the logged-in session and shows the meeting the bank answers
    /// with.
    pub(super) async fn post_in_session<B: Serialize>(
        &self,
        path: &str,
        body: &B,
    ) -> Result<MeetingInfo, AvainError> {
        let (token, _) = self.session()?;
        let meeting: Meeting = self
            .http
            .post(path, body, Some(token.expose()))
            .await
            .map_err(|e| self.meeting_error(e))?;
        Ok(info(self.lang(), meeting, self.now()))
    }

    /// Sends a request made with booking code and phone number (no session) and shows the
    /// meeting the bank answers with.
    pub(super) async fn post_by_code<B: Serialize>(
        &self,
        path: &str,
        body: &B,
    ) -> Result<MeetingInfo, AvainError> {
        let lang = self.lang();
        let meeting: Meeting = self
            .http
            .post(path, body, None)
            .await
            .map_err(|e| meeting_error(lang, AvainError::from_net(lang, e)))?;
        Ok(info(lang, meeting, self.now()))
    }

    fn lookup(&self, booking_code: &str, phone: &str) -> Result<MeetingLookup, AvainError> {
        let lang = self.lang();
        let booking_code = self.code(booking_code)?;
        let phone = normalize_phone(phone)
            .ok_or_else(|| AvainError::input(lang, AvainErrorCode::PhoneInvalid))?;
        Ok(MeetingLookup {
            booking_code,
            phone: Personal(phone),
        })
    }
}

impl Meetings<'_> {
    /// The customer's video meetings, soonest first, with each one's join window on the
    /// phone's clock (needs a session).
    pub async fn list(self) -> Result<Vec<MeetingInfo>, AvainError> {
        self.0
            .run(|inner| async move {
                let list = inner.meeting_list().await?;
                let (lang, now) = (inner.lang(), inner.now());
                Ok(list
                    .meetings
                    .into_iter()
                    .map(|m| info(lang, m, now))
                    .collect())
            })
            .await
    }

    /// Books a phone, video or branch meeting (needs a session): a start in the future on
    /// the quarter hour, 30, 45, 60 or 90 minutes, a topic and optional details. The bank
    /// assigns the expert and the booking code, and confirms by SMS; the phone number at
    /// the bank is the one for look-ups.
    pub async fn book_meeting(
        self,
        kind: MeetingKind,
        starts_at: OffsetDateTime,
        duration_minutes: u32,
        topic: String,
        details: Option<String>,
    ) -> Result<MeetingInfo, AvainError> {
        self.0
            .run(move |inner| async move {
                let lang = inner.lang();
                if kind == MeetingKind::Unknown {
                    return Err(AvainError::input(lang, AvainErrorCode::MeetingKindInvalid));
                }
                let details = details.filter(|d| !d.trim().is_empty());
                let edit = MeetingEdit {
                    starts_at: Some(starts_at),
                    duration_minutes: Some(duration_minutes),
                    topic: Some(topic),
                    details,
                };
                check_edit(lang, &edit, inner.now())?;
                let change = change(edit);
                let (Some(starts_at), Some(duration_minutes), Some(topic)) =
                    (change.starts_at, change.duration_minutes, change.topic)
                else {
                    return Err(AvainError::input(lang, AvainErrorCode::MeetingEditEmpty));
                };
                let booked = inner
                    .post_in_session(
                        "v1/meetings",
                        &NewMeeting {
                            kind,
                            starts_at,
                            duration_minutes,
                            topic,
                            details: change.details,
                        },
                    )
                    .await?;
                tracing::info!(target: "avain::client", "meeting booked");
                Ok(booked)
            })
            .await
    }

    /// Finds a booking with its booking code and the phone number given when booking,
    /// without logging in (the OP guide: "tarvitset varaustunnuksen ja puhelinnumerosi").
    /// Participants' names are not shown this way. The bank stops look-ups of a code after
    /// repeated wrong numbers.
    pub async fn look_up_meeting(
        self,
        booking_code: String,
        phone: String,
    ) -> Result<MeetingInfo, AvainError> {
        self.0
            .run(move |inner| async move {
                let body = inner.lookup(&booking_code, &phone)?;
                inner.post_by_code("v1/meeting-lookups", &body).await
            })
            .await
    }

    /// Changes a booking (needs a session). Only before the meeting starts.
    pub async fn edit_meeting(
        self,
        booking_code: String,
        edit: MeetingEdit,
    ) -> Result<MeetingInfo, AvainError> {
        self.0
            .run(move |inner| async move {
                let code = inner.code(&booking_code)?;
                check_edit(inner.lang(), &edit, inner.now())?;
                let (token, _) = inner.session()?;
                let meeting: Meeting = inner
                    .http
                    .patch(
                        &format!("v1/meetings/{code}"),
                        &change(edit),
                        Some(token.expose()),
                    )
                    .await
                    .map_err(|e| inner.meeting_error(e))?;
                Ok(info(inner.lang(), meeting, inner.now()))
            })
            .await
    }

    /// Changes a booking found with booking code and phone number, without logging in.
    pub async fn edit_meeting_by_code(
        self,
        booking_code: String,
        phone: String,
        edit: MeetingEdit,
    ) -> Result<MeetingInfo, AvainError> {
        self.0
            .run(move |inner| async move {
                let lookup = inner.lookup(&booking_code, &phone)?;
                check_edit(inner.lang(), &edit, inner.now())?;
                let body = MeetingLookupChange {
                    booking_code: lookup.booking_code,
                    phone: lookup.phone,
                    change: change(edit),
                };
                inner.post_by_code("v1/meeting-lookups/change", &body).await
            })
            .await
    }

    /// Cancels a booking (needs a session). Not after the meeting has ended.
    pub async fn cancel_meeting(self, booking_code: String) -> Result<MeetingInfo, AvainError> {
        self.0
            .run(move |inner| async move {
                let code = inner.code(&booking_code)?;
                let (token, _) = inner.session()?;
                let meeting: Meeting = inner
                    .http
                    .delete(&format!("v1/meetings/{code}"), Some(token.expose()))
                    .await
                    .map_err(|e| inner.meeting_error(e))?;
                tracing::info!(target: "avain::client", "meeting cancelled");
                Ok(info(inner.lang(), meeting, inner.now()))
            })
            .await
    }

    /// Cancels a booking found with booking code and phone number, without logging in.
    pub async fn cancel_meeting_by_code(
        self,
        booking_code: String,
        phone: String,
    ) -> Result<MeetingInfo, AvainError> {
        self.0
            .run(move |inner| async move {
                let body = inner.lookup(&booking_code, &phone)?;
                inner.post_by_code("v1/meeting-lookups/cancel", &body).await
            })
            .await
    }

    /// Joins a meeting (needs a session): refused on the phone before the window opens
    /// (15 minutes before the start) or after the end, without asking the bank; the bank
    /// checks the same window on its clock. Returns the video call's address and what to
    /// tell the customer (the meeting is recorded; come back here to identify).
    pub async fn join_meeting(self, booking_code: String) -> Result<MeetingJoin, AvainError> {
        self.0
            .run(move |inner| async move {
                let lang = inner.lang();
                let code = inner.code(&booking_code)?;
                let meeting = inner.meeting(&code).await?;
                let cancelled = meeting.status == MeetingStatus::Cancelled;
                match join_window(meeting.starts_at, meeting.ends_at, cancelled, inner.now()) {
                    JoinWindow::Open => {}
                    JoinWindow::NotYetOpen { .. } => {
                        return Err(bank_refusal(lang, ErrorCode::MeetingNotOpen));
                    }
                    JoinWindow::Ended | JoinWindow::Cancelled => {
                        return Err(bank_refusal(lang, ErrorCode::MeetingClosed));
                    }
                }
                let (token, _) = inner.session()?;
                let join: crate::api::MeetingJoin = inner
                    .http
                    .post_empty(&format!("v1/meetings/{code}/join"), Some(token.expose()))
                    .await
                    .map_err(|e| inner.meeting_error(e))?;
                let mut instructions = Vec::new();
                if join.recorded {
                    instructions.push(i18n::text(lang, "client-meeting-recorded"));
                }
                if join.identification_required {
                    instructions.push(i18n::text_with(
                        lang,
                        "client-meeting-identify-instruction",
                        &[("expert", Arg::from(meeting.expert_name.as_str()))],
                    ));
                }
                tracing::info!(target: "avain::client", "meeting joined");
                Ok(MeetingJoin {
                    join_url: join.join_url,
                    identification_required: join.identification_required,
                    recorded: join.recorded,
                    instructions,
                })
            })
            .await
    }

    /// Identifies the customer in a meeting with the identifier the expert read out
    /// (needs a session, inside the join window). A wrong identifier says how many tries
    /// are left before the expert must give a new one.
    pub async fn identify_in_meeting(
        self,
        booking_code: String,
        identifier: String,
    ) -> Result<MeetingInfo, AvainError> {
        let identifier = Secret::new(identifier);
        self.0
            .run(move |inner| async move {
                let lang = inner.lang();
                let code = inner.code(&booking_code)?;
                let digits = normalize_identifier(identifier.expose()).ok_or_else(|| {
                    AvainError::input(lang, AvainErrorCode::MeetingIdentifierInvalid)
                })?;
                let (token, _) = inner.session()?;
                let body = MeetingIdentify {
                    identifier: Secret::new(digits),
                };
                let result: Result<Meeting, NetError> = inner
                    .http
                    .post(
                        &format!("v1/meetings/{code}/identify"),
                        &body,
                        Some(token.expose()),
                    )
                    .await;
                match result {
                    Ok(meeting) => {
                        tracing::info!(target: "avain::client", "identified in meeting");
                        Ok(info(lang, meeting, inner.now()))
                    }
                    Err(NetError::Bank {
                        code: bank_code,
                        attempts_left,
                        ..
                    }) if bank_code == ErrorCode::IdentifierWrong => {
                        Err(AvainError::InvalidInput {
                            code: bank_code.into(),
                            user_message: match attempts_left {
                                Some(n) if n > 0 => i18n::text_with(
                                    lang,
                                    "client-error-meeting-identifier-wrong",
                                    &[("count", Arg::from(n))],
                                ),
                                _ => i18n::text(lang, "client-error-meeting-identifier-void"),
                            },
                        })
                    }
                    Err(e) => Err(inner.meeting_error(e)),
                }
            })
            .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    const START: OffsetDateTime = datetime!(2022-02-07 10:30 UTC);
    const END: OffsetDateTime = datetime!(2022-02-07 11:30 UTC);

    #[test]
    fn debug_output_has_no_code_names_or_call_address() {
        let info = MeetingInfo {
            booking_code: "2KMEVE6X".into(),
            kind: MeetingKind::Video,
            starts_at: START,
            ends_at: END,
            duration_minutes: 60,
            topic: "Lainat, Asuntolainaneuvottelu".into(),
            details: None,
            expert_name: "Matleena Malliharju".into(),
            expert_office: "Malliharjun Osuuspankki".into(),
            participants: vec![ParticipantInfo {
                name: "Anna Virtanen".into(),
                identified: false,
            }],
            status: MeetingStatus::Booked,
            join_opens_at: datetime!(2022-02-07 10:15 UTC),
            join_window: JoinWindow::Open,
            join_message: "Voit liittyä nyt.".into(),
            recorded: true,
            recording_notice: None,
        };
        let debug = format!("{info:?}");
        assert!(debug.contains("Booked"), "{debug}");
        for secret in ["2KMEVE6X", "Anna", "Asuntolaina"] {
            assert!(!debug.contains(secret), "{debug}");
        }
        let join = MeetingJoin {
            join_url: "https://meet.example/room/abc123".into(),
            identification_required: true,
            recorded: true,
            instructions: vec![],
        };
        assert!(!format!("{join:?}").contains("abc123"));
    }

    #[test]
    fn the_window_opens_fifteen_minutes_before_and_closes_at_the_end() {
        let at = |t| join_window(START, END, false, t);
        assert_eq!(
            at(datetime!(2022-02-07 10:14:59 UTC)),
            JoinWindow::NotYetOpen {
                opens_at: datetime!(2022-02-07 10:15 UTC)
            }
        );
        assert_eq!(at(datetime!(2022-02-07 10:15 UTC)), JoinWindow::Open);
        assert_eq!(at(START), JoinWindow::Open);
        assert_eq!(at(datetime!(2022-02-07 11:29:59 UTC)), JoinWindow::Open);
        assert_eq!(at(END), JoinWindow::Ended);
        assert_eq!(
            join_window(START, END, true, datetime!(2022-02-07 10:20 UTC)),
            JoinWindow::Cancelled
        );
        for window in [JoinWindow::Open, JoinWindow::Ended, JoinWindow::Cancelled] {
            for lang in Language::ALL {
                assert!(!window.message(lang).starts_with("client-"));
            }
        }
    }

    #[test]
    fn booking_codes_and_phones_in_the_forms_people_type() {
        assert_eq!(
            normalize_booking_code("2kmeve6x").as_deref(),
            Some("2KMEVE6X")
        );
        assert_eq!(
            normalize_booking_code("2KME-VE6X").as_deref(),
            Some("2KMEVE6X")
        );
        for bad in [
            "",
            "2KMEVE6",
            "2KMEVE6XX",
            "2KMEVE0X",
            "2KMEVE1X",
            "2KMEVÉ6X",
        ] {
            assert_eq!(normalize_booking_code(bad), None, "{bad}");
        }
        assert_eq!(
            normalize_phone("040 123 4567").as_deref(),
            Some("+358401234567")
        );
        assert_eq!(
            normalize_phone("+358 40 123 4567").as_deref(),
            Some("+358401234567")
        );
        assert_eq!(
            normalize_phone("00358-40-1234567").as_deref(),
            Some("+358401234567")
        );
        assert_eq!(normalize_phone("401234567"), None);
        assert_eq!(normalize_phone("040 abc"), None);
        assert_eq!(normalize_phone("+358 40 abc"), None);
        assert_eq!(normalize_identifier("123 456").as_deref(), Some("123456"));
        assert_eq!(normalize_identifier("12a456"), None);
    }

    #[test]
    fn edits_are_checked_before_they_are_sent() {
        let now = datetime!(2026-01-05 10:00 UTC);
        let ok = MeetingEdit {
            starts_at: Some(datetime!(2026-01-06 12:45 UTC)),
            duration_minutes: Some(45),
            topic: Some("Lainat".into()),
            details: Some(String::new()),
        };
        assert!(check_edit(Language::Fi, &ok, now).is_ok());
        let cases = [
            (MeetingEdit::default(), AvainErrorCode::MeetingEditEmpty),
            (
                MeetingEdit {
                    starts_at: Some(datetime!(2026-01-06 12:40 UTC)),
                    ..MeetingEdit::default()
                },
                AvainErrorCode::MeetingStartInvalid,
            ),
            (
                MeetingEdit {
                    starts_at: Some(datetime!(2026-01-05 09:45 UTC)),
                    ..MeetingEdit::default()
                },
                AvainErrorCode::MeetingStartInvalid,
            ),
            (
                MeetingEdit {
                    duration_minutes: Some(20),
                    ..MeetingEdit::default()
                },
                AvainErrorCode::MeetingDurationInvalid,
            ),
            (
                MeetingEdit {
                    topic: Some("  ".into()),
                    ..MeetingEdit::default()
                },
                AvainErrorCode::MeetingTopicInvalid,
            ),
        ];
        for (edit, code) in cases {
            for lang in Language::ALL {
                let e = check_edit(lang, &edit, now).expect_err(code.as_str());
                assert_eq!(e.code(), code);
                assert!(
                    !e.user_message().starts_with("client-"),
                    "{}",
                    e.user_message()
                );
            }
        }
    }
}
