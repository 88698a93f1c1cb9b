//! The wall clock the core reads "now" from: the system's, or one the shell passes in
//! [`AvainSettings::clock`](crate::AvainSettings) ([`WallClock`]), adapted to the core's
//! [`Clock`]. Apps pass none; the Kotlin and Swift tests pass one that they move together
//! with the sandbox bank's clock, so that no test waits in real time (for a meeting's join
//! window, say).

use std::sync::Arc;

use avain_core::client::{Clock, SystemClock};
use time::OffsetDateTime;

/// A clock implemented by the shell, for tests: the core asks it for "now" wherever it
/// would read the system clock (the inactivity timeout, receipts, the OS policy's dates,
/// payments' due dates, meetings' join window and edit checks). Called from the core's threads; it must answer
/// at once and not throw.
#[uniffi::export(with_foreign)]
pub trait WallClock: Send + Sync {
    /// Milliseconds since 1970-01-01 00:00 UTC.
    fn now_unix_ms(&self) -> i64;
}

/// The core's clock for the settings' optional shell clock: the system clock for `None`.
pub(crate) fn core_clock(shell: Option<Arc<dyn WallClock>>) -> Arc<dyn Clock> {
    match shell {
        Some(shell) => Arc::new(ShellClock(shell)),
        None => Arc::new(SystemClock),
    }
}

/// The shell's [`WallClock`] as the core's [`Clock`].
struct ShellClock(Arc<dyn WallClock>);

impl Clock for ShellClock {
    fn now(&self) -> OffsetDateTime {
        let ms = self.0.now_unix_ms();
        // An instant the core cannot hold (beyond the years -9999..=9999) is the shell's
        // defect: the system's time then, instead of a panic.
        OffsetDateTime::from_unix_timestamp_nanos(i128::from(ms) * 1_000_000).unwrap_or_else(|_| {
            tracing::error!(target: "avain_ffi", "the shell's clock is out of range");
            OffsetDateTime::now_utc()
        })
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicI64, Ordering};

    use time::macros::datetime;

    use super::*;

    struct Fixed(AtomicI64);

    impl WallClock for Fixed {
        fn now_unix_ms(&self) -> i64 {
            self.0.load(Ordering::SeqCst)
        }
    }

    #[test]
    fn the_shells_clock_is_the_cores_to_the_millisecond() {
        let at = datetime!(2026-12-04 10:15:07.123 UTC);
        let ms = i64::try_from(at.unix_timestamp_nanos() / 1_000_000).unwrap();
        let shell = Arc::new(Fixed(AtomicI64::new(ms)));
        let clock = core_clock(Some(shell.clone()));
        assert_eq!(clock.now(), at);
        shell.0.store(ms + 15 * 60 * 1000, Ordering::SeqCst);
        assert_eq!(clock.now(), at + time::Duration::minutes(15));
    }

    #[test]
    fn no_clock_is_the_system_clock_and_a_broken_one_does_not_panic() {
        let before = OffsetDateTime::now_utc();
        assert!(core_clock(None).now() >= before);
        let broken = core_clock(Some(Arc::new(Fixed(AtomicI64::new(i64::MAX)))));
        let now = broken.now();
        assert!(now >= before && now <= OffsetDateTime::now_utc());
    }
}
