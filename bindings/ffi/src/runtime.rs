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

use std::sync::OnceLock;

use avain_core::{Language, i18n};
use tokio::runtime::Runtime;

use crate::error::{AvainError, AvainErrorCode};

static RUNTIME: OnceLock<Runtime> = OnceLock::new();

/// The runtime, built on the first call.
pub(crate) fn runtime(lang: Language) -> Result<&'static Runtime, AvainError> {
    if let Some(runtime) = RUNTIME.get() {
        return Ok(runtime);
    }
    let built = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .max_blocking_threads(4)
        .thread_name("avain")
        .enable_all()
        .build()
        .map_err(|_| busy(lang))?;
    let mut spare = Some(built);
    let runtime = RUNTIME.get_or_init(|| spare.take().expect("taken once"));
    // Another call built one first: this one winds down without blocking (dropping a
    // runtime inside another one's context would panic).
    if let Some(spare) = spare {
        spare.shutdown_background();
    }
    Ok(runtime)
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
