//! How long a session lives without activity.

use time::{Duration, OffsetDateTime};

/// A session ends after this long without a request (the bank says so in
/// `Session::idle_timeout_s`; the phone never keeps one longer).
pub const IDLE_TIMEOUT: Duration = Duration::minutes(5);

/// Whether a session last used at `last_activity` has ended at `now` after `timeout`
/// without activity: at exactly `timeout` it has.
pub fn is_idle(last_activity: OffsetDateTime, timeout: Duration, now: OffsetDateTime) -> bool {
    now - last_activity >= timeout
}

#[cfg(test)]
mod tests {
    use time::macros::datetime;

    use super::*;

    #[test]
    fn a_session_ends_at_exactly_the_timeout() {
        let last = datetime!(2026-12-20 10:00 UTC);
        assert!(!is_idle(last, IDLE_TIMEOUT, last));
        assert!(!is_idle(
            last,
            IDLE_TIMEOUT,
            datetime!(2026-12-20 10:04:59.999 UTC)
        ));
        assert!(is_idle(last, IDLE_TIMEOUT, datetime!(2026-12-20 10:05 UTC)));
        // A clock that went back is not idleness.
        assert!(!is_idle(
            last,
            IDLE_TIMEOUT,
            datetime!(2026-12-20 09:00 UTC)
        ));
    }
}
