//! The signing service: how long a completed document can be downloaded.

use time::{Duration, OffsetDateTime};

/// A completed document can be downloaded for this long after its last signature.
pub const DOWNLOAD_PERIOD: Duration = Duration::days(30);

/// Until when a document completed at `completed_at` can be downloaded (exclusive).
pub fn download_until(completed_at: OffsetDateTime) -> OffsetDateTime {
    completed_at + DOWNLOAD_PERIOD
}

/// Whether a document downloadable until `download_until` can be downloaded at `now`.
pub fn downloadable(download_until: Option<OffsetDateTime>, now: OffsetDateTime) -> bool {
    download_until.is_some_and(|until| now < until)
}

#[cfg(test)]
mod tests {
    use time::macros::datetime;

    use super::*;

    #[test]
    fn downloads_stop_thirty_days_after_completion() {
        let done = datetime!(2026-01-05 10:00 UTC);
        let until = Some(download_until(done));
        assert_eq!(until, Some(datetime!(2026-02-04 10:00 UTC)));
        assert!(downloadable(until, done));
        assert!(downloadable(until, datetime!(2026-02-04 09:59:59.999 UTC)));
        assert!(!downloadable(until, datetime!(2026-02-04 10:00 UTC)));
        assert!(!downloadable(None, done));
    }
}
