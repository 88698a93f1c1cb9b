//! Calendar dates as the phone's calendar shows them (the customer's "today", a due date).

use avain_core::{Language, i18n};
use time::Date;

use crate::error::{AvainError, AvainErrorCode};

pub use avain_protocol::uniffi_types::CalendarDate;

/// The FFI's conversions of a [`CalendarDate`] the shell passed: a day that does not exist
/// is an `Internal` error in the caller's language rather than a lift failure.
pub(crate) trait CalendarDays: Sized {
    /// A `time::Date`; a day that does not exist (31 April) is the shell's defect.
    fn to_date(self, lang: Language) -> Result<Date, AvainError>;
    /// The record of a `time::Date`.
    fn from_date(date: Date) -> Self;
}

impl CalendarDays for CalendarDate {
    fn to_date(self, lang: Language) -> Result<Date, AvainError> {
        Date::try_from(self).map_err(|_| AvainError::Internal {
            code: AvainErrorCode::InvalidDate,
            user_message: i18n::text(lang, "ffi-invalid-date"),
        })
    }

    fn from_date(date: Date) -> CalendarDate {
        CalendarDate::from(date)
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
