//! Cancelling long-running calls.
//!
//! Kotlin cancels by itself: cancelling the coroutine drops the Rust future. For the
//! core's calls, what then stops and what finishes for safety is decided per operation
//! (docs/concurrency.md): nothing more reaches the bank, but a request the bank may have
//! counted is followed by the matching local write. Swift's generated code does not
//! forward task cancellation, so for the platform check the Swift shell creates a
//! [`Cancellation`], passes it along and calls [`Cancellation::cancel`] from
//! `withTaskCancellationHandler`. Either way the platform check stops at its next safe
//! point and cleans up after itself.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use tokio::sync::Notify;

/// A switch that cancels the calls it was passed to.
#[derive(Debug, Default, uniffi::Object)]
pub struct Cancellation {
    cancelled: AtomicBool,
    notify: Notify,
}

#[uniffi::export]
impl Cancellation {
    /// A switch that is not yet cancelled.
    #[uniffi::constructor]
    pub fn new() -> Arc<Cancellation> {
        Arc::new(Cancellation::default())
    }

    /// Cancels every call this was passed to; calling it again does nothing.
    pub fn cancel(&self) {
        self.cancelled.store(true, Ordering::SeqCst);
        self.notify.notify_waiters();
    }

    /// Whether [`Cancellation::cancel`] was called.
    pub fn is_cancelled(&self) -> bool {
        self.cancelled.load(Ordering::SeqCst)
    }
}

impl Cancellation {
    /// Completes once cancelled.
    pub(crate) async fn cancelled(&self) {
        loop {
            let notified = self.notify.notified();
            // Checked after registering, so a cancel in between is not missed.
            if self.is_cancelled() {
                return;
            }
            notified.await;
        }
    }
}

/// Cancels its switch when dropped: held by an async export, so that a Kotlin coroutine
/// cancelled while awaiting (which drops the Rust future) stops the work too.
pub(crate) struct CancelOnDrop(pub(crate) Arc<Cancellation>);

impl Drop for CancelOnDrop {
    fn drop(&mut self) {
        self.0.cancel();
    }
}
