//! How long the writer gathers a batch before committing it.
//!
//! Every commit pays one fsync and, on a virtual machine, the disk's notifications,
//! interrupts and wake-ups around it, whatever the batch holds. Taking only the jobs that
//! are already waiting left about three logins per commit at 4,500-5,000 logins a second
//! on a quiet machine: the commit's fixed cost was the largest part of the bank's
//! processor time outside the signatures (docs/sandbox.md, "The writer's gathering
//! wait"). So, as PostgreSQL's `commit_delay` does, the writer waits a little for more
//! jobs, but only when other requests are in progress that may send one: a lone request
//! is never kept waiting. Nothing is answered before its commit either way.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

/// How long the writer waits for more jobs before a commit, when [`worth_waiting`]. About
/// one commit's own duration on the machines this runs on: the bench's batches grew from
/// about three logins to seven. Longer waits saved little more and left the processors
/// idler.
pub const GATHER_WAIT: Duration = Duration::from_micros(500);

/// Whether the writer waits [`GATHER_WAIT`] before committing `batch` jobs while
/// `in_flight` requests are in progress. The batch's own requests are among them, so only
/// requests beyond those can add a job.
pub fn worth_waiting(in_flight: usize, batch: usize) -> bool {
    in_flight > batch
}

/// The server's requests in progress, counted for the writer; cheap to clone.
#[derive(Debug, Clone, Default)]
pub struct RequestsInFlight(Arc<AtomicUsize>);

/// One request in progress; dropping it (answered, or abandoned) ends it.
#[derive(Debug)]
pub struct RequestInFlight(Arc<AtomicUsize>);

impl RequestsInFlight {
    /// A request starts.
    pub fn start(&self) -> RequestInFlight {
        self.0.fetch_add(1, Ordering::Relaxed);
        RequestInFlight(Arc::clone(&self.0))
    }

    /// Requests in progress now.
    pub fn count(&self) -> usize {
        self.0.load(Ordering::Relaxed)
    }
}

impl Drop for RequestInFlight {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::Relaxed);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_requests_beyond_the_batch_are_worth_waiting_for() {
        assert!(
            !worth_waiting(0, 1),
            "a write from no request (start-up, tools)"
        );
        assert!(!worth_waiting(1, 1), "a lone request");
        assert!(!worth_waiting(3, 3), "every request's job is in the batch");
        assert!(worth_waiting(2, 1));
        assert!(worth_waiting(32, 4));
    }

    #[test]
    fn a_request_counts_until_it_is_dropped() {
        let requests = RequestsInFlight::default();
        let first = requests.start();
        let second = requests.clone().start();
        assert_eq!(requests.count(), 2);
        drop(first);
        assert_eq!(requests.count(), 1);
        drop(second);
        assert_eq!(requests.count(), 0);
    }
}
