//! The core's log lines, forwarded to the platform's log (Logcat on Android, the unified
//! log on iOS) through a [`LogSink`] the shell implements.
//!
//! The core logs with `tracing` and never puts a PIN, HETU, IBAN, key, code or token in a
//! log line; this module only forwards what it is given. Spans are not forwarded: a
//! phone's log wants flat lines.

use std::fmt::{self, Write as _};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Once, RwLock};

use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Level, Metadata, Subscriber};

/// How important a log line is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, uniffi::Enum)]
pub enum LogLevel {
    /// Something failed.
    Error,
    /// Something unexpected that the core handled.
    Warn,
    /// A milestone (a login completed, a policy was updated).
    Info,
    /// Details for developers.
    Debug,
    /// Everything, for hunting a bug.
    Trace,
}

impl LogLevel {
    fn from_tracing(level: Level) -> LogLevel {
        match level {
            Level::ERROR => LogLevel::Error,
            Level::WARN => LogLevel::Warn,
            Level::INFO => LogLevel::Info,
            Level::DEBUG => LogLevel::Debug,
            Level::TRACE => LogLevel::Trace,
        }
    }
}

/// Where the core's log lines go. The Android shell writes them to Logcat, the iOS shell
/// to `os_log`; tests collect them.
#[uniffi::export(with_foreign)]
pub trait LogSink: Send + Sync {
    /// One log line. `target` names the part of the core that logged (`avain_core::net`).
    /// Called on whichever thread logged, possibly several at once: it must not block.
    fn log(&self, level: LogLevel, target: String, message: String);
}

/// The sink and the most detailed level forwarded; replaced by each
/// [`install_log_sink`].
static SINK: RwLock<Option<Arc<dyn LogSink>>> = RwLock::new(None);
/// `LogLevel as usize + 1`, or 0 while no sink is installed (nothing is formatted then).
static MAX_LEVEL: AtomicUsize = AtomicUsize::new(0);
static INSTALL: Once = Once::new();

/// Sends the core's log lines at `max_level` and more important to `sink`, replacing the
/// sink installed before. Call it once at app start; calling it again (a different level
/// in a debug menu) is fine.
#[uniffi::export]
pub fn install_log_sink(sink: Arc<dyn LogSink>, max_level: LogLevel) {
    match SINK.write() {
        Ok(mut slot) => *slot = Some(sink),
        Err(poisoned) => *poisoned.into_inner() = Some(sink),
    }
    MAX_LEVEL.store(max_level as usize + 1, Ordering::Relaxed);
    INSTALL.call_once(|| {
        // Fails only when the process already has a global subscriber (a Rust host
        // application that set up its own logging): then that one keeps the lines.
        let _ = tracing::subscriber::set_global_default(Forwarder::default());
    });
    // Callsites cache whether they are enabled; the level may have changed.
    tracing::callsite::rebuild_interest_cache();
}

/// The `tracing` subscriber that formats events and hands them to the current sink.
#[derive(Default)]
struct Forwarder {
    next_span: AtomicU64,
}

fn forwarded(level: Level) -> bool {
    let max = MAX_LEVEL.load(Ordering::Relaxed);
    max != 0 && (LogLevel::from_tracing(level) as usize) < max
}

impl Subscriber for Forwarder {
    fn enabled(&self, metadata: &Metadata<'_>) -> bool {
        forwarded(*metadata.level())
    }

    fn new_span(&self, _span: &Attributes<'_>) -> Id {
        // Spans are not forwarded, but each needs a distinct non-zero id.
        Id::from_u64(self.next_span.fetch_add(1, Ordering::Relaxed) + 1)
    }

    fn record(&self, _span: &Id, _values: &Record<'_>) {}

    fn record_follows_from(&self, _span: &Id, _follows: &Id) {}

    fn event(&self, event: &Event<'_>) {
        let metadata = event.metadata();
        if !forwarded(*metadata.level()) {
            return;
        }
        let sink = match SINK.read() {
            Ok(slot) => slot.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        };
        let Some(sink) = sink else { return };
        let mut line = Line::default();
        event.record(&mut line);
        sink.log(
            LogLevel::from_tracing(*metadata.level()),
            metadata.target().to_owned(),
            line.text,
        );
    }

    fn enter(&self, _span: &Id) {}

    fn exit(&self, _span: &Id) {}
}

/// An event's fields as one line: the message first, then `name=value` pairs.
#[derive(Default)]
struct Line {
    text: String,
}

impl Visit for Line {
    fn record_str(&mut self, field: &Field, value: &str) {
        self.record_debug(field, &format_args!("{value}"));
    }

    fn record_debug(&mut self, field: &Field, value: &dyn fmt::Debug) {
        let separator = if self.text.is_empty() { "" } else { " " };
        // Writing into a String cannot fail.
        let _ = if field.name() == "message" {
            write!(self.text, "{separator}{value:?}")
        } else {
            write!(self.text, "{separator}{}={value:?}", field.name())
        };
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Mutex;

    use super::*;

    #[derive(Default)]
    struct Collect(Mutex<Vec<(LogLevel, String, String)>>);

    impl LogSink for Collect {
        fn log(&self, level: LogLevel, target: String, message: String) {
            self.0.lock().unwrap().push((level, target, message));
        }
    }

    #[test]
    fn lines_reach_the_sink_filtered_by_level() {
        let sink = Arc::new(Collect::default());
        install_log_sink(sink.clone(), LogLevel::Info);
        tracing::info!(target: "avain_core::test", code = "timeout", "request failed");
        tracing::debug!(target: "avain_core::test", "too detailed");
        tracing::warn!(target: "avain_core::test", reason = %"KeyStoreException", "platform failure");
        let lines = sink.0.lock().unwrap().clone();
        let ours: Vec<_> = lines
            .into_iter()
            .filter(|(_, target, _)| target == "avain_core::test")
            .collect();
        assert_eq!(
            ours,
            vec![
                (
                    LogLevel::Info,
                    "avain_core::test".to_owned(),
                    "request failed code=timeout".to_owned()
                ),
                (
                    LogLevel::Warn,
                    "avain_core::test".to_owned(),
                    "platform failure reason=KeyStoreException".to_owned()
                ),
            ]
        );
    }
}
