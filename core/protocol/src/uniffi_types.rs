//! How the protocol's times cross the phone library's FFI (feature `uniffi`): an instant
//! is the platform's own (`java.time.Instant` in Kotlin, `Date` in Swift) through UniFFI's
//! timestamp, and a calendar day is a [`CalendarDate`] record (the custom type
//! [`CalendarDay`] there). Declared once here, the lowest crate with UniFFI types;
//! `avain-core` borrows them with `use_remote_type!`, so no crate mirrors a type to carry
//! a time.

use std::time::SystemTime;

use time::{Date, Month, OffsetDateTime};

/// A day in the phone's calendar (a due date, the customer's "today"), as the shells see
/// a `time::Date`. The shells build today's: Kotlin `calendarDateToday()` (from
/// `java.util.Calendar`), Swift `CalendarDate.today()` (from `Calendar.current`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Record)]
pub struct CalendarDate {
    /// The year, e.g. 2026.
    pub year: i32,
    /// The month, 1-12.
    pub month: u8,
    /// The day of the month, 1-31.
    pub day: u8,
}

impl From<Date> for CalendarDate {
    fn from(date: Date) -> Self {
        CalendarDate {
            year: date.year(),
            month: u8::from(date.month()),
            day: date.day(),
        }
    }
}

impl TryFrom<CalendarDate> for Date {
    type Error = time::error::ComponentRange;

    /// A day that does not exist (31 April) is refused: the shell's defect, reported to
    /// the caller as UniFFI's lift error rather than a wrong day.
    fn try_from(day: CalendarDate) -> Result<Self, Self::Error> {
        let month = Month::try_from(day.month)?;
        Date::from_calendar_date(day.year, month, day.day)
    }
}

/// An instant from a shell as the core's; one beyond what `time` holds (the years
/// ±9999) is refused instead of panicking as `OffsetDateTime::from` would: the shell's
/// defect, reported as UniFFI's lift error.
fn instant_from_shell(at: SystemTime) -> Option<OffsetDateTime> {
    let nanos = match at.duration_since(SystemTime::UNIX_EPOCH) {
        Ok(after) => i128::try_from(after.as_nanos()).ok(),
        Err(before) => i128::try_from(before.duration().as_nanos())
            .ok()
            .map(|n| -n),
    }?;
    OffsetDateTime::from_unix_timestamp_nanos(nanos).ok()
}

/// The error of an instant from a shell that `time` cannot hold.
#[derive(Debug, thiserror::Error)]
#[error("an instant beyond the years ±9999")]
pub struct InstantOutOfRange;

uniffi::custom_type!(OffsetDateTime, SystemTime, {
    remote,
    lower: |instant| SystemTime::from(instant),
    try_lift: |instant| Ok(instant_from_shell(instant).ok_or(InstantOutOfRange)?),
});

/// The name `time::Date` crosses under: named `Date`, the generated Swift would declare
/// `typealias Date = CalendarDate` and hide Foundation's `Date`, which instants cross as.
pub type CalendarDay = Date;

uniffi::custom_type!(CalendarDay, CalendarDate, {
    remote,
    lower: |date| CalendarDate::from(date),
    try_lift: |day| Ok(Date::try_from(day)?),
});

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    #[test]
    fn instants_cross_both_ways_to_the_nanosecond_and_absurd_ones_are_refused() {
        for at in [
            time::macros::datetime!(2026-11-22 05:15:07.123456789 UTC),
            time::macros::datetime!(1969-07-20 20:17:40.5 UTC),
            OffsetDateTime::UNIX_EPOCH,
        ] {
            assert_eq!(instant_from_shell(SystemTime::from(at)), Some(at));
        }
        let far = Duration::from_secs(400_000_000_000);
        assert_eq!(instant_from_shell(SystemTime::UNIX_EPOCH + far), None);
        assert_eq!(instant_from_shell(SystemTime::UNIX_EPOCH - far), None);
    }

    #[test]
    fn calendar_days_round_trip_and_days_that_do_not_exist_are_refused() {
        let leap = time::macros::date!(2024 - 02 - 29);
        assert_eq!(Date::try_from(CalendarDate::from(leap)).unwrap(), leap);
        for (month, day) in [(4, 31), (13, 1), (0, 1), (2, 30)] {
            let wrong = CalendarDate {
                year: 2024,
                month,
                day,
            };
            assert!(Date::try_from(wrong).is_err(), "{wrong:?}");
        }
    }
}
