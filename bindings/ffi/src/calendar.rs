//! Calendar dates as the phone's calendar shows them (the customer's "today", a due date).

use avain_core::{Language, i18n};
use time::{Date, Month};

use crate::error::{AvainError, AvainErrorCode};

/// A day in the phone's calendar. The shells build today's: Kotlin `calendarDateToday()`
/// (from `java.util.Calendar`), Swift `CalendarDate.today()` (from `Calendar.current`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Record)]
pub struct CalendarDate {
    /// The year, e.g. 2025.
    pub year: i32,
    /// The month, 1-12.
    pub month: u8,
    /// The day of the month, 1-31.
    pub day: u8,
}

impl CalendarDate {
    /// A `time::Date`; a day that does not exist (31 April) is the shell's defect.
    pub(crate) fn to_date(self, lang: Language) -> Result<Date, AvainError> {
        Month::try_from(self.month)
            .ok()
            .and_then(|month| Date::from_calendar_date(self.year, month, self.day).ok())
            .ok_or_else(|| AvainError::Internal {
                code: AvainErrorCode::InvalidDate,
                user_message: i18n::text(lang, "ffi-invalid-date"),
            })
    }

    pub(crate) fn from_date(date: Date) -> CalendarDate {
        CalendarDate {
            year: date.year(),
            month: u8::from(date.month()),
            day: date.day(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_refuses_days_that_do_not_exist() {
        let date = time::macros::date!(2024 - 02 - 29);
        assert_eq!(
            CalendarDate::from_date(date).to_date(Language::Fi).unwrap(),
            date
        );
        for (month, day) in [(4, 31), (13, 1), (0, 1), (2, 30)] {
            let wrong = CalendarDate {
                year: 2024,
                month,
                day,
            };
            assert_eq!(
                wrong.to_date(Language::Sv).unwrap_err().code(),
                crate::AvainErrorCode::InvalidDate
            );
        }
    }
}
