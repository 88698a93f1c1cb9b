//! Video meetings: the join window and what a booking or a change may say.

use time::{Duration, OffsetDateTime};

use super::text::{MEETING_DETAILS_MAX, MEETING_TOPIC_MAX, is_single_line};
use crate::api::{MeetingChange, NewMeeting};
use crate::i18n::{self, Language};

/// Joining opens this long before the start (OP's guide: "aikaisintaan 15 minuuttia
/// ennen neuvottelun alkamisaikaa") and closes at the end.
pub const JOIN_OPENS_BEFORE: Duration = Duration::minutes(15);
/// A meeting starts less than this far ahead.
pub const BOOKING_HORIZON: Duration = Duration::days(366);
/// The lengths a meeting can have, in minutes.
pub const DURATIONS_MINUTES: [u32; 4] = [30, 45, 60, 90];

/// Where a meeting's join window is at a given moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum JoinWindow {
    /// Too early: joining opens at `opens_at`.
    NotYetOpen {
        /// When the window opens.
        opens_at: OffsetDateTime,
    },
    /// Joining is possible now.
    Open,
    /// The meeting has ended.
    Ended,
    /// The booking was cancelled.
    Cancelled,
}

impl JoinWindow {
    /// The stable code: `not_yet_open`, `open`, `ended`, `cancelled`.
    pub fn code(self) -> &'static str {
        match self {
            JoinWindow::NotYetOpen { .. } => "not_yet_open",
            JoinWindow::Open => "open",
            JoinWindow::Ended => "ended",
            JoinWindow::Cancelled => "cancelled",
        }
    }

    /// One line for the meeting card, in `lang`.
    pub fn message(self, lang: Language) -> String {
        i18n::text(
            lang,
            &format!("client-meeting-window-{}", self.code().replace('_', "-")),
        )
    }
}

/// When joining a meeting starting at `starts_at` opens.
pub fn join_opens_at(starts_at: OffsetDateTime) -> OffsetDateTime {
    starts_at - JOIN_OPENS_BEFORE
}

/// The join window of a meeting starting at `starts_at` and ending at `ends_at`, at
/// `now`: open from 15 minutes before the start until (not including) the end.
pub fn join_window(
    starts_at: OffsetDateTime,
    ends_at: OffsetDateTime,
    cancelled: bool,
    now: OffsetDateTime,
) -> JoinWindow {
    let opens_at = join_opens_at(starts_at);
    if cancelled {
        JoinWindow::Cancelled
    } else if now >= ends_at {
        JoinWindow::Ended
    } else if now < opens_at {
        JoinWindow::NotYetOpen { opens_at }
    } else {
        JoinWindow::Open
    }
}

/// What is wrong with a booking or a change, field by field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MeetingProblem {
    /// The start is not in the future, not on a quarter hour, or a year or more ahead.
    Start,
    /// The length is not one of [`DURATIONS_MINUTES`].
    Duration,
    /// The topic is not one line of 1 to 120 characters.
    Topic,
    /// The details are not one line of 1 to 500 characters (or, in a change, empty to
    /// remove them).
    Details,
}

/// Whether a meeting may start at `starts_at`, booked at `now`: later than now, less
/// than a year ahead ([`BOOKING_HORIZON`]), on a quarter hour with no seconds.
pub fn valid_start(starts_at: OffsetDateTime, now: OffsetDateTime) -> bool {
    starts_at > now
        && starts_at < now + BOOKING_HORIZON
        && starts_at.minute() % 15 == 0
        && starts_at.second() == 0
        && starts_at.nanosecond() == 0
}

/// Whether a meeting may last `minutes`.
pub fn valid_duration(minutes: u32) -> bool {
    DURATIONS_MINUTES.contains(&minutes)
}

/// Checks a new booking at `now`; the first problem, in field order. Details, when given,
/// are one line (a booking without details leaves them out).
pub fn check_new_meeting(meeting: &NewMeeting, now: OffsetDateTime) -> Result<(), MeetingProblem> {
    check(
        Some(meeting.starts_at),
        Some(meeting.duration_minutes),
        Some(&meeting.topic),
        meeting.details.as_deref(),
        false,
        now,
    )
}

/// Checks a change at `now`; the first problem, in field order. An empty `details` removes
/// them. A change that changes nothing passes (see [`is_empty_change`]).
pub fn check_meeting_change(
    change: &MeetingChange,
    now: OffsetDateTime,
) -> Result<(), MeetingProblem> {
    check(
        change.starts_at,
        change.duration_minutes,
        change.topic.as_deref(),
        change.details.as_deref(),
        true,
        now,
    )
}

/// Whether a change names no field at all.
pub fn is_empty_change(change: &MeetingChange) -> bool {
    change.starts_at.is_none()
        && change.duration_minutes.is_none()
        && change.topic.is_none()
        && change.details.is_none()
}

fn check(
    starts_at: Option<OffsetDateTime>,
    duration_minutes: Option<u32>,
    topic: Option<&str>,
    details: Option<&str>,
    details_may_be_empty: bool,
    now: OffsetDateTime,
) -> Result<(), MeetingProblem> {
    if starts_at.is_some_and(|t| !valid_start(t, now)) {
        return Err(MeetingProblem::Start);
    }
    if duration_minutes.is_some_and(|m| !valid_duration(m)) {
        return Err(MeetingProblem::Duration);
    }
    if topic.is_some_and(|t| !is_single_line(t, MEETING_TOPIC_MAX)) {
        return Err(MeetingProblem::Topic);
    }
    let valid_details =
        |d: &str| (details_may_be_empty && d.is_empty()) || is_single_line(d, MEETING_DETAILS_MAX);
    if details.is_some_and(|d| !valid_details(d)) {
        return Err(MeetingProblem::Details);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use time::macros::datetime;

    use super::*;

    const NOW: OffsetDateTime = datetime!(2026-12-20 10:07:30 UTC);

    #[test]
    fn the_window_opens_fifteen_minutes_before_and_closes_at_the_end() {
        let start = datetime!(2026-12-20 12:00 UTC);
        let end = datetime!(2026-12-20 12:30 UTC);
        let opens_at = datetime!(2026-12-20 11:45 UTC);
        let at = |now| join_window(start, end, false, now);
        assert_eq!(
            at(datetime!(2026-12-20 11:44:59.999 UTC)),
            JoinWindow::NotYetOpen { opens_at }
        );
        assert_eq!(at(opens_at), JoinWindow::Open);
        assert_eq!(at(start), JoinWindow::Open);
        assert_eq!(at(datetime!(2026-12-20 12:29:59.999 UTC)), JoinWindow::Open);
        assert_eq!(at(end), JoinWindow::Ended);
        assert_eq!(
            join_window(start, end, true, opens_at),
            JoinWindow::Cancelled
        );
        assert_eq!(join_window(start, end, true, end), JoinWindow::Cancelled);
    }

    #[test]
    fn a_start_is_future_on_a_quarter_hour_and_within_a_year() {
        assert!(valid_start(datetime!(2026-12-20 10:15 UTC), NOW));
        assert!(!valid_start(datetime!(2026-12-20 10:00 UTC), NOW));
        assert!(!valid_start(datetime!(2026-12-20 10:20 UTC), NOW));
        assert!(!valid_start(datetime!(2026-12-20 10:15:01 UTC), NOW));
        assert!(!valid_start(datetime!(2026-12-20 10:15:00.001 UTC), NOW));
        // 366 days ahead of 10:07:30 is 2027-12-21 10:07:30.
        assert!(valid_start(datetime!(2027-12-21 10:00 UTC), NOW));
        assert!(!valid_start(datetime!(2027-12-21 10:15 UTC), NOW));
        let on_the_horizon = datetime!(2026-12-20 10:00 UTC);
        assert!(!valid_start(
            on_the_horizon + BOOKING_HORIZON,
            on_the_horizon
        ));
        assert!(valid_start(
            on_the_horizon + BOOKING_HORIZON - Duration::minutes(15),
            on_the_horizon
        ));
    }

    #[test]
    fn durations_are_the_four_lengths() {
        for minutes in 0..=200 {
            assert_eq!(valid_duration(minutes), [30, 45, 60, 90].contains(&minutes));
        }
    }

    #[test]
    fn changes_are_checked_field_by_field_in_order() {
        let change = |f: fn(&mut MeetingChange)| {
            let mut c = MeetingChange::default();
            f(&mut c);
            check_meeting_change(&c, NOW)
        };
        assert_eq!(change(|_| {}), Ok(()));
        assert!(is_empty_change(&MeetingChange::default()));
        assert_eq!(
            change(|c| c.starts_at = Some(datetime!(2026-12-20 10:00 UTC))),
            Err(MeetingProblem::Start)
        );
        assert_eq!(
            change(|c| c.duration_minutes = Some(40)),
            Err(MeetingProblem::Duration)
        );
        assert_eq!(
            change(|c| c.topic = Some(String::new())),
            Err(MeetingProblem::Topic)
        );
        assert_eq!(
            change(|c| c.topic = Some("x".repeat(121))),
            Err(MeetingProblem::Topic)
        );
        assert_eq!(change(|c| c.topic = Some("x".repeat(120))), Ok(()));
        assert_eq!(change(|c| c.details = Some(String::new())), Ok(()));
        assert_eq!(
            change(|c| c.details = Some("a\nb".into())),
            Err(MeetingProblem::Details)
        );
        assert_eq!(
            change(|c| c.details = Some("x".repeat(501))),
            Err(MeetingProblem::Details)
        );
        assert_eq!(
            change(|c| {
                c.duration_minutes = Some(31);
                c.topic = Some(String::new());
            }),
            Err(MeetingProblem::Duration)
        );
        let booking = NewMeeting {
            kind: crate::api::MeetingKind::Video,
            starts_at: datetime!(2026-12-21 09:00 UTC),
            duration_minutes: 45,
            topic: "Asuntolaina".into(),
            details: None,
        };
        assert_eq!(check_new_meeting(&booking, NOW), Ok(()));
        let with_details = |details: &str| NewMeeting {
            details: Some(details.into()),
            ..booking.clone()
        };
        assert_eq!(check_new_meeting(&with_details("x"), NOW), Ok(()));
        assert_eq!(
            check_new_meeting(&with_details(""), NOW),
            Err(MeetingProblem::Details)
        );
        assert_eq!(
            check_new_meeting(
                &NewMeeting {
                    duration_minutes: 0,
                    ..booking
                },
                NOW
            ),
            Err(MeetingProblem::Duration)
        );
    }
}
