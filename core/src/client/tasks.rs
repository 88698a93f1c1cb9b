//! Where the flows run, and what a cancelled call stops (docs/concurrency.md).
//!
//! The core owns no runtime: [`super::Avain::open`] remembers the tokio runtime it was
//! called in (the CLI's, a test's, the FFI's one runtime) and every flow runs there.
//!
//! - [`Avain::run`](super::Avain): a flow that talks to the bank runs as a task with a
//!   [`Caller`] in scope; the app's future only awaits it. When the app drops that future,
//!   the caller leaves: a flow that has sent nothing that may change the bank's state is
//!   stopped at once; one that has is left to handle the bank's answer and write the
//!   local state that matches it, and sends nothing more.
//! - [`Avain::local`](super::Avain): local reads and writes (SQLite, the keystore) run
//!   on the runtime's blocking pool; once started they finish (a dropped caller only
//!   loses the result).
//! - [`blocking`]: blocking work inside a flow (PBKDF2, the biometric prompt).

use std::any::Any;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use tokio::runtime::Handle;
use tokio::task::AbortHandle;

use super::{Avain, AvainError, Inner};
use crate::error::AvainErrorCode;
use crate::i18n::Language;
use crate::net::Caller;

/// A flow's future with its type erased.
type ErasedFlow = Pin<Box<dyn Future<Output = Box<dyn Any + Send>> + Send>>;

/// Blocking work with its type erased.
type ErasedWork = Box<dyn FnOnce() -> Box<dyn Any + Send> + Send>;

/// Stops the flow's task when the app stops waiting before anything reached the bank.
struct LeaveOnDrop {
    caller: Arc<Caller>,
    task: AbortHandle,
    done: bool,
}

impl Drop for LeaveOnDrop {
    fn drop(&mut self) {
        if !self.done && self.caller.leave() {
            self.task.abort();
        }
    }
}

impl Avain {
    /// Runs a flow on the core's runtime under the cancellation policy and waits for it
    /// from any executor.
    pub(crate) async fn run<T, Fut>(
        &self,
        work: impl FnOnce(Arc<Inner>) -> Fut,
    ) -> Result<T, AvainError>
    where
        Fut: Future<Output = Result<T, AvainError>> + Send + 'static,
        T: Send + 'static,
    {
        run_on(&self.inner, &self.runtime, work).await
    }

    /// Runs local work (the database, the keystore) on the runtime's blocking pool.
    pub(crate) async fn local<T: Send + 'static>(
        &self,
        work: impl FnOnce(&Inner) -> Result<T, AvainError> + Send + 'static,
    ) -> Result<T, AvainError> {
        let inner = Arc::clone(&self.inner);
        let lang = inner.lang();
        on_blocking_pool(&self.runtime, lang, move || work(&inner)).await?
    }
}

/// [`Avain::run`] for objects that hold the core's state without the `Avain` (a
/// registration in progress).
pub(crate) async fn run_on<T, Fut>(
    inner: &Arc<Inner>,
    runtime: &Handle,
    work: impl FnOnce(Arc<Inner>) -> Fut,
) -> Result<T, AvainError>
where
    Fut: Future<Output = Result<T, AvainError>> + Send + 'static,
    T: Send + 'static,
{
    let lang = inner.lang();
    let caller = Caller::new();
    let flow = work(Arc::clone(inner));
    // Spawned type-erased: tokio's task machinery (harness, cell, scheduler hooks) is then
    // compiled once instead of once per flow's future type, which was about 0.3 MiB of the
    // phone library (docs/bindings.md); so is the caller's task-local scope, erased before
    // it wraps the flow. Three small allocations per flow.
    let erased: ErasedFlow = Box::pin(async move { Box::new(flow.await) as Box<dyn Any + Send> });
    let scoped: ErasedFlow = Box::pin(Arc::clone(&caller).scope(erased));
    let task = runtime.spawn(scoped);
    let mut guard = LeaveOnDrop {
        caller,
        task: task.abort_handle(),
        done: false,
    };
    let outcome = task.await;
    guard.done = true;
    *outcome
        .map_err(|_| AvainError::internal(lang, AvainErrorCode::TaskFailed))?
        .downcast::<Result<T, AvainError>>()
        .map_err(|_| AvainError::internal(lang, AvainErrorCode::TaskFailed))?
}

/// Runs blocking work (PBKDF2, the biometric prompt) on the blocking pool of the runtime
/// the flow runs on. Once started it finishes; a stopped flow drops its result.
pub(crate) async fn blocking<T: Send + 'static>(
    lang: Language,
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, AvainError> {
    let runtime =
        Handle::try_current().map_err(|_| AvainError::internal(lang, AvainErrorCode::NoRuntime))?;
    on_blocking_pool(&runtime, lang, work).await
}

/// `work` on `runtime`'s blocking pool. Spawned type-erased, like the flows: tokio's
/// blocking-task machinery is then compiled once, not once per closure type.
async fn on_blocking_pool<T: Send + 'static>(
    runtime: &Handle,
    lang: Language,
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, AvainError> {
    let erased: ErasedWork = Box::new(move || Box::new(work()) as Box<dyn Any + Send>);
    runtime
        .spawn_blocking(erased)
        .await
        .map_err(|_| AvainError::internal(lang, AvainErrorCode::TaskFailed))?
        .downcast::<T>()
        .map(|done| *done)
        .map_err(|_| AvainError::internal(lang, AvainErrorCode::TaskFailed))
}
