//! Blocking work (keystore calls, the local database) off the caller's thread, so that an
//! async export never blocks the Kotlin dispatcher or the Swift executor that polls it.

use avain_core::{Language, i18n};
use tokio::sync::oneshot;

use crate::error::AvainError;

/// Runs `work` on a thread of its own and waits for it without blocking. If the caller
/// gives up (drops the future), the work still finishes; its result is dropped.
pub(crate) async fn on_thread<T: Send + 'static>(
    name: &str,
    lang: Language,
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, AvainError> {
    let (done, result) = oneshot::channel();
    std::thread::Builder::new()
        .name(format!("avain-{name}"))
        .spawn(move || {
            // The receiver is gone when the caller gave up; nothing to report then.
            let _ = done.send(work());
        })
        .map_err(|_| busy(lang))?;
    // An error here means the work panicked (and dropped the sender).
    result.await.map_err(|_| AvainError::Internal {
        code: "worker_panicked".to_owned(),
        user_message: i18n::text(lang, "client-error-internal"),
    })
}

/// No thread could be started.
fn busy(lang: Language) -> AvainError {
    AvainError::Internal {
        code: "no_thread".to_owned(),
        user_message: i18n::text(lang, "ffi-busy"),
    }
}
