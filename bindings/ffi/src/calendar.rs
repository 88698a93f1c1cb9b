//! Calendar days the shells pass as arguments (the customer's "today", a birth date),
//! checked before the core sees them. A day that does not exist (31 April) is the shell's
//! defect, refused as [`AvainError::Internal`] `invalid_date` with a text in the user's
//! language rather than UniFFI's untyped lift error. Records carry days as `time::Date`
//! directly ([`CalendarDate`] in Kotlin and Swift, declared in
//! `avain_protocol::uniffi_types`).

use avain_core::{Language, i18n};
use avain_protocol::uniffi_types::CalendarDate;
use time::Date;

use crate::error::{AvainError, AvainErrorCode};

/// `day` as the core's date, or `invalid_date`.
pub(crate) fn day_from_shell(day: CalendarDate, lang: Language) -> Result<Date, AvainError> {
    Date::try_from(day).map_err(|_| AvainError::Internal {
        code: AvainErrorCode::InvalidDate,
        user_message: i18n::text(lang, "ffi-invalid-date"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_that_do_not_exist_are_refused_with_a_code_and_text() {
        let leap = CalendarDate {
            year: 2024,
            month: 2,
            day: 29,
        };
        assert_eq!(
            day_from_shell(leap, Language::Fi).unwrap(),
            time::macros::date!(2024 - 02 - 29)
        );
        let error = day_from_shell(
            CalendarDate {
                year: 2024,
                month: 4,
                day: 31,
            },
            Language::Sv,
        )
        .unwrap_err();
        assert_eq!(error.code(), AvainErrorCode::InvalidDate);
        assert!(!error.user_message().starts_with("ffi-"));
    }
}
