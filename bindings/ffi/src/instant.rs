//! Instants between the shells and the core: a Kotlin `java.time.Instant` or a Swift `Date`
//! arrives as a `SystemTime`; the core counts in `time::OffsetDateTime` (UTC).

use std::time::{SystemTime, UNIX_EPOCH};

use avain_core::{Language, i18n};
use time::OffsetDateTime;

use crate::error::{AvainError, AvainErrorCode};

/// The core's instant for one from the shell. Anything the core cannot represent (beyond
/// the years -9999..=9999) is the shell's defect, refused instead of panicking as
/// `OffsetDateTime::from(SystemTime)` would.
pub(crate) fn from_shell(at: SystemTime, lang: Language) -> Result<OffsetDateTime, AvainError> {
    let nanos = match at.duration_since(UNIX_EPOCH) {
        Ok(after) => i128::try_from(after.as_nanos()).ok(),
        Err(before) => i128::try_from(before.duration().as_nanos())
            .ok()
            .map(|n| -n),
    };
    nanos
        .and_then(|n| OffsetDateTime::from_unix_timestamp_nanos(n).ok())
        .ok_or_else(|| AvainError::Internal {
            code: AvainErrorCode::InvalidTime,
            user_message: i18n::text(lang, "ffi-invalid-date"),
        })
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;
    use time::macros::datetime;

    #[test]
    fn instants_cross_both_ways_to_the_nanosecond() {
        for at in [
            datetime!(2026-11-22 05:15 UTC),
            datetime!(2026-11-22 05:15:07.123456789 UTC),
            datetime!(1969-07-20 20:17:40.5 UTC),
            datetime!(1970-01-01 0:00 UTC),
        ] {
            let shell: SystemTime = at.into();
            assert_eq!(from_shell(shell, Language::Fi).unwrap(), at);
        }
    }

    #[test]
    fn instants_the_core_cannot_hold_are_refused() {
        let far = UNIX_EPOCH + Duration::from_secs(400_000_000_000);
        let error = from_shell(far, Language::Sv).unwrap_err();
        assert_eq!(error.code(), crate::AvainErrorCode::InvalidTime);
        assert!(!error.user_message().starts_with("ffi-"));
        let early = UNIX_EPOCH - Duration::from_secs(400_000_000_000);
        assert_eq!(
            from_shell(early, Language::En).unwrap_err().code(),
            crate::AvainErrorCode::InvalidTime
        );
    }
}
