//! The bank's clock: real time by default; tests freeze it, set it and move it (join
//! windows, 30-day downloads, policy dates, TTLs). Every rule reads time from here, never
//! from the system directly.

use std::sync::Mutex;

use time::{Duration, OffsetDateTime};

/// How the clock runs; persisted in the database so a restarted server keeps test time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClockMode {
    /// Real time plus an offset (zero by default).
    Running {
        /// Added to the system time.
        offset: Duration,
    },
    /// Stands still at this instant until set or advanced.
    Frozen(OffsetDateTime),
}

/// The settable clock shared by every request.
#[derive(Debug)]
pub struct Clock {
    mode: Mutex<ClockMode>,
}

impl Clock {
    /// A clock in the given mode.
    pub fn new(mode: ClockMode) -> Self {
        Clock {
            mode: Mutex::new(mode),
        }
    }

    /// The bank's "now", truncated to milliseconds (the database's resolution), in UTC.
    pub fn now(&self) -> OffsetDateTime {
        let t = match self.mode() {
            ClockMode::Running { offset } => OffsetDateTime::now_utc() + offset,
            ClockMode::Frozen(at) => at,
        };
        from_millis(to_millis(t))
    }

    /// The current mode.
    pub fn mode(&self) -> ClockMode {
        match self.mode.lock() {
            Ok(mode) => *mode,
            // A poisoned lock only means a panic elsewhere; the value is still a valid mode.
            Err(poisoned) => *poisoned.into_inner(),
        }
    }

    /// Replaces the mode.
    pub fn set_mode(&self, mode: ClockMode) {
        match self.mode.lock() {
            Ok(mut guard) => *guard = mode,
            Err(poisoned) => *poisoned.into_inner() = mode,
        }
    }

    /// Moves the clock by `by` (forwards or backwards), frozen or running.
    pub fn advance(&self, by: Duration) -> ClockMode {
        let next = match self.mode() {
            ClockMode::Running { offset } => ClockMode::Running {
                offset: offset + by,
            },
            ClockMode::Frozen(at) => ClockMode::Frozen(at + by),
        };
        self.set_mode(next);
        next
    }
}

/// Unix milliseconds, the database's time representation.
pub fn to_millis(t: OffsetDateTime) -> i64 {
    i64::try_from(t.unix_timestamp_nanos() / 1_000_000).unwrap_or(i64::MAX)
}

/// The instant of unix milliseconds `ms` (clamped to the representable range).
pub fn from_millis(ms: i64) -> OffsetDateTime {
    OffsetDateTime::from_unix_timestamp_nanos(i128::from(ms) * 1_000_000)
        .unwrap_or(OffsetDateTime::UNIX_EPOCH)
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn a_frozen_clock_stands_still_and_advances_on_request() {
        let clock = Clock::new(ClockMode::Frozen(datetime!(2025-02-07 12:15 UTC)));
        assert_eq!(clock.now(), datetime!(2025-02-07 12:15 UTC));
        clock.advance(Duration::minutes(15));
        assert_eq!(clock.now(), datetime!(2025-02-07 12:30 UTC));
    }

    #[test]
    fn a_running_clock_keeps_its_offset() {
        let clock = Clock::new(ClockMode::Running {
            offset: Duration::ZERO,
        });
        clock.advance(Duration::days(31));
        let ahead = clock.now() - OffsetDateTime::now_utc();
        assert!(ahead > Duration::days(30) && ahead < Duration::days(32));
    }

    #[test]
    fn millis_round_trip() {
        let t = datetime!(2025-02-07 12:30:01.123 UTC);
        assert_eq!(from_millis(to_millis(t)), t);
    }
}
