//! The one tokio runtime of the phone library, built on first use.
//!
//! The core owns no runtime: it runs its flows on the runtime [`crate::Avain::open`]
//! opens it in, which is this one. Async exports only await the core's tasks (a
//! JoinHandle completes on any executor), so Kotlin's coroutines and Swift's executor
//! poll them without entering tokio. Two worker threads for the network and at most four
//! blocking threads for SQLite, the keystore's calls and PBKDF2: a phone app makes few
//! calls at a time.
//!
//! Not UniFFI's `async_runtime = "tokio"`: that wraps each export in `async-compat`,
//! whose runtime is its own single-threaded one, and needs uniffi's `tokio` feature and
//! another crate; the core's flows are tasks on this runtime instead.

use std::sync::{Mutex, OnceLock, PoisonError};

use avain_core::{Language, i18n};
use tokio::runtime::Runtime;

use crate::error::{AvainError, AvainErrorCode};

static RUNTIME: OnceLock<Runtime> = OnceLock::new();
/// Held while the runtime is built: two first calls at once (the preparing thread's and
/// the app's open) build one runtime, the second waits for it.
static BUILDING: Mutex<()> = Mutex::new(());

/// The runtime, built on the first call.
pub(crate) fn runtime(lang: Language) -> Result<&'static Runtime, AvainError> {
    started().ok_or_else(|| busy(lang))
}

/// The runtime, built now by the first caller; `None` when its threads cannot be started.
fn started() -> Option<&'static Runtime> {
    if let Some(runtime) = RUNTIME.get() {
        return Some(runtime);
    }
    let _building = BUILDING.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some(runtime) = RUNTIME.get() {
        return Some(runtime);
    }
    let built = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .max_blocking_threads(4)
        .thread_name("avain")
        .enable_all()
        .build()
        .ok()?;
    Some(RUNTIME.get_or_init(|| built))
}

/// Starts the library's runtime and a thread of its blocking pool, which the first
/// `async` call (the app's [`crate::Avain::open`]) would otherwise start: the generated
/// Kotlin calls it on the thread that prepares that open while the app starts
/// (bindings/uniffi-bindgen/src/kotlin_prepare.rs). It goes the way the open goes: a
/// no-op on the blocking pool, whose end wakes the caller from the pool's thread, so the
/// platform's side of an async call (on Kotlin, JNA's closure for the continuation
/// callback) is made too. The pool keeps an idle thread for ten seconds (tokio's
/// default), so an open within them finds it. Calling it again starts nothing new: the
/// runtime is one. If no thread can be started it does nothing; the call that needs the
/// runtime meets the failure and reports it.
#[uniffi::export]
pub async fn prepare_runtime() {
    if let Some(runtime) = started() {
        // The no-op's result says nothing: the point is the thread it ran on.
        let _ = runtime.spawn_blocking(|| ()).await;
    }
}

/// Runs blocking work (the local database, the keystore) on the runtime's blocking pool
/// and waits without blocking the caller's thread. Once started it finishes; a caller
/// that gives up only loses the result.
pub(crate) async fn blocking<T: Send + 'static>(
    lang: Language,
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, AvainError> {
    runtime(lang)?
        .spawn_blocking(work)
        .await
        .map_err(|_| AvainError::Internal {
            code: AvainErrorCode::WorkerPanicked,
            user_message: i18n::text(lang, "client-error-internal"),
        })
}

/// No runtime could be started (no threads left).
fn busy(lang: Language) -> AvainError {
    AvainError::Internal {
        code: AvainErrorCode::NoThread,
        user_message: i18n::text(lang, "ffi-busy"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_calls_at_once_share_one_runtime() {
        let callers: Vec<_> = (0..4)
            .map(|_| std::thread::spawn(|| started().map(|r| r as *const Runtime as usize)))
            .collect();
        let runtimes: Vec<_> = callers
            .into_iter()
            .map(|c| c.join().expect("a caller panicked"))
            .collect();
        assert!(runtimes[0].is_some());
        assert!(runtimes.iter().all(|r| *r == runtimes[0]));
    }

    #[test]
    fn preparing_leaves_the_runtime_started() {
        let caller = tokio::runtime::Builder::new_current_thread()
            .build()
            .expect("a test runtime");
        caller.block_on(prepare_runtime());
        assert!(RUNTIME.get().is_some());
        // Again: nothing new, the same runtime.
        let first = RUNTIME.get().map(|r| r as *const Runtime);
        caller.block_on(prepare_runtime());
        assert_eq!(RUNTIME.get().map(|r| r as *const Runtime), first);
    }
}
