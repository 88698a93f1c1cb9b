//! Whether anyone still waits for a flow's requests: the HTTP side of the cancellation
//! policy (docs/concurrency.md).
//!
//! A flow of the app runs as a task with a [`Caller`] in scope. When the app stops
//! waiting (a cancelled Kotlin coroutine, a Swift task, a dropped Rust future) the caller
//! [leaves](Caller::leave):
//! - a flow that has sent nothing that may change the bank's state is stopped at once
//!   (reads are simply dropped);
//! - a flow that has sent such a request (a POST, PATCH or DELETE: the bank may have
//!   counted an attempt, spent a challenge, committed a PIN or removed a device) runs on
//!   until its answer is handled and the local state matches the bank's, but sends no
//!   further request.
//!
//! Only requests check this, because only requests reach the bank; the local writes
//! between them are what must not be torn. A flow that makes something it must clean up
//! before its first such request (registration's K_dev) calls [`must_finish`].

use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use reqwest::Method;

use super::NetError;

tokio::task_local! {
    static CALLER: Arc<Caller>;
}

/// The app's side of one running flow.
#[derive(Debug, Default)]
pub struct Caller {
    /// The app stopped waiting.
    gone: AtomicBool,
    /// A request that may change the bank's state was let through.
    committed: AtomicBool,
}

impl Caller {
    /// A caller that waits.
    pub fn new() -> Arc<Caller> {
        Arc::new(Caller::default())
    }

    /// Runs `flow` with this caller in scope: its requests check [`Caller::leave`].
    pub fn scope<F: Future>(self: Arc<Self>, flow: F) -> impl Future<Output = F::Output> {
        CALLER.scope(self, flow)
    }

    /// The app stopped waiting. `true` when the flow may be stopped at once: nothing it
    /// sent can have changed the bank's state.
    pub fn leave(&self) -> bool {
        // Dekker-style with `admit`: of the two sides' loads, at least one sees the
        // other's store, so a flow never both commits a request and gets stopped.
        self.gone.store(true, Ordering::SeqCst);
        !self.committed.load(Ordering::SeqCst)
    }

    /// Whether a request with `method` may still go: no once the caller left. A request
    /// that may change the bank's state marks the flow as one that must run to its end.
    fn admit(&self, method: &Method) -> bool {
        if *method != Method::GET && *method != Method::HEAD {
            self.committed.store(true, Ordering::SeqCst);
        }
        !self.gone.load(Ordering::SeqCst)
    }
}

/// Marks the running flow as one that must reach its end once started, as if it had sent
/// a request that changes the bank's state: it made something local (keys) that its own
/// error path cleans up. Outside any flow it does nothing.
pub fn must_finish() {
    let _ = CALLER.try_with(|caller| caller.committed.store(true, Ordering::SeqCst));
}

/// [`NetError::Cancelled`] once the running flow's caller has left. A flow that goes on
/// only to handle an answer it already asked for checks this before it prepares another
/// request (derives a key, writes a receipt, signs): that request would not be sent, and
/// a receipt written for it would be there until the refusal removed it. Outside any
/// flow it is always `Ok`.
pub fn still_waiting() -> Result<(), NetError> {
    match CALLER.try_with(|caller| caller.gone.load(Ordering::SeqCst)) {
        Ok(true) => Err(NetError::Cancelled),
        Ok(false) | Err(_) => Ok(()),
    }
}

/// Refuses a request whose flow's caller left ([`NetError::Cancelled`]). Requests
/// outside any flow (tests driving the HTTP client alone) always go.
pub(super) fn admit(method: &Method) -> Result<(), NetError> {
    match CALLER.try_with(|caller| caller.admit(method)) {
        Ok(false) => Err(NetError::Cancelled),
        Ok(true) | Err(_) => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_caller_who_left_gets_no_more_requests_sent() {
        let caller = Caller::new();
        let check = Arc::clone(&caller);
        let outcome = caller
            .scope(async move {
                let first = admit(&Method::GET);
                assert!(check.leave(), "only a read went: the flow may stop at once");
                (first, admit(&Method::GET), admit(&Method::POST))
            })
            .await;
        assert_eq!(outcome.0, Ok(()));
        assert_eq!(outcome.1, Err(NetError::Cancelled));
        assert_eq!(outcome.2, Err(NetError::Cancelled));
    }

    #[tokio::test]
    async fn a_flow_that_wrote_runs_to_its_end() {
        let caller = Caller::new();
        let check = Arc::clone(&caller);
        let left_early = caller
            .scope(async move {
                assert_eq!(admit(&Method::POST), Ok(()));
                check.leave()
            })
            .await;
        assert!(!left_early, "a POST went: the flow must handle its answer");
    }

    #[tokio::test]
    async fn a_flow_that_runs_on_without_its_caller_is_told_before_it_prepares_more() {
        let caller = Caller::new();
        let check = Arc::clone(&caller);
        let outcome = caller
            .scope(async move {
                let waiting = still_waiting();
                assert_eq!(admit(&Method::POST), Ok(()));
                assert!(!check.leave(), "a POST went: the flow runs on");
                (waiting, still_waiting())
            })
            .await;
        assert_eq!(outcome.0, Ok(()));
        assert_eq!(outcome.1, Err(NetError::Cancelled));
    }

    #[test]
    fn requests_outside_a_flow_always_go() {
        assert_eq!(admit(&Method::DELETE), Ok(()));
        assert_eq!(still_waiting(), Ok(()));
    }
}
