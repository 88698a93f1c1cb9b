//! When a connection has been idle too long: no request in flight and none for the
//! header timeout. hyper's header timeout covers HTTP/1.1 (the wait for the next
//! request's headers), but an HTTP/2 connection has no such timer: a client that opens it
//! and then only pings or updates windows would hold a connection slot for ever. The
//! accept loop closes a connection once [`Activity::idle_for`] completes, for both
//! protocols.

use std::sync::Arc;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// The requests of one connection.
#[derive(Debug)]
pub struct Activity(Mutex<State>);

#[derive(Debug)]
struct State {
    in_flight: usize,
    idle_since: Instant,
}

/// One request in flight; dropping it (answered, or abandoned by a reset stream) ends it.
#[derive(Debug)]
pub struct InFlight(Arc<Activity>);

impl Activity {
    /// A connection that has just opened (idle from now).
    pub fn new() -> Arc<Activity> {
        Arc::new(Activity(Mutex::new(State {
            in_flight: 0,
            idle_since: Instant::now(),
        })))
    }

    fn state(&self) -> std::sync::MutexGuard<'_, State> {
        // The state is two numbers, valid after any panic.
        self.0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// A request starts.
    pub fn start(self: &Arc<Self>) -> InFlight {
        self.state().in_flight += 1;
        InFlight(Arc::clone(self))
    }

    /// How long until the connection has been idle for `limit`; `None` once it has.
    fn remaining(&self, limit: Duration) -> Option<Duration> {
        let state = self.state();
        if state.in_flight > 0 {
            return Some(limit);
        }
        limit
            .checked_sub(state.idle_since.elapsed())
            .filter(|d| !d.is_zero())
    }

    /// Completes once no request has been in flight for `limit`.
    pub async fn idle_for(&self, limit: Duration) {
        while let Some(wait) = self.remaining(limit) {
            tokio::time::sleep(wait).await;
        }
    }
}

impl Drop for InFlight {
    fn drop(&mut self) {
        let mut state = self.0.state();
        state.in_flight = state.in_flight.saturating_sub(1);
        state.idle_since = Instant::now();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn idle_means_no_request_in_flight_for_the_whole_limit() {
        let limit = Duration::from_millis(200);
        let activity = Activity::new();
        let request = activity.start();
        // A request longer than the limit is not idleness.
        tokio::time::sleep(limit * 2).await;
        assert_eq!(activity.remaining(limit), Some(limit));
        drop(request);
        let started = Instant::now();
        activity.idle_for(limit).await;
        assert!(started.elapsed() >= limit);
        assert_eq!(activity.remaining(limit), None);
    }
}
