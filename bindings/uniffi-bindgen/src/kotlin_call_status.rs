//! One reusable call status per thread instead of a new JNA `Structure` per call.
//!
//! UniFFI's Kotlin makes every call that can fail (nearly all) with a new
//! `UniffiRustCallStatus`: a JNA `Structure`, so native memory with a cleaner, its nested
//! `RustBuffer` made by reflection, and JNA writing every field before the call and reading
//! it back after, by reflection again. That made an empty call 10 to 15 µs against 0.05 µs
//! for a bare JNA call (docs/bindings.md, "Per-call cost from Kotlin").
//!
//! Rust writes the status only when the call fails (the caller starts it as success), so
//! the rewritten `uniffiRustCallWithError` takes the thread's own status, with JNA's
//! automatic writing and reading off, and after the call reads only the code's byte. On a
//! failure it copies the code and the error buffer out and clears the code before handling
//! them, so the status is clear whenever no call is in flight on its thread: a call made
//! while the error is handled (freeing its buffer), or from a callback Rust makes on the
//! same thread during a call, starts from a clear status and leaves it clear. Memory is
//! per thread, so calls on other threads never share it.
//!
//! A file without the expected function is left as it is (the Kotlin still works, only
//! slower).

use std::io;
use std::path::Path;

use crate::kotlin_text::rewrite_each;

/// UniFFI 0.32.2's body, whole.
const GENERATED: &str = "private inline fun <U, E: kotlin.Exception> uniffiRustCallWithError(errorHandler: UniffiRustCallStatusErrorHandler<E>, callback: (UniffiRustCallStatus) -> U): U {
    var status = UniffiRustCallStatus()
    val return_value = callback(status)
    uniffiCheckCallStatus(errorHandler, status)
    return return_value
}
";

const REUSING: &str = "private inline fun <U, E: kotlin.Exception> uniffiRustCallWithError(errorHandler: UniffiRustCallStatusErrorHandler<E>, callback: (UniffiRustCallStatus) -> U): U {
    // The thread's own status, clear between calls (bindings/uniffi-bindgen/src/kotlin_call_status.rs).
    val status = uniffiThreadCallStatus.get()
    val return_value = callback(status)
    if (status.pointer.getByte(0) == UNIFFI_CALL_SUCCESS) {
        return return_value
    }
    status.read()
    val failed = UniffiRustCallStatus()
    failed.code = status.code
    failed.error_buf = RustBuffer.ByValue().also { it.setValue(status.error_buf) }
    status.pointer.setByte(0, UNIFFI_CALL_SUCCESS)
    status.code = UNIFFI_CALL_SUCCESS
    uniffiCheckCallStatus(errorHandler, failed)
    return return_value
}

// Rust writes a status only on failure: JNA need not write it before each call nor read it
// after (the caller reads the code's byte).
private val uniffiThreadCallStatus: ThreadLocal<UniffiRustCallStatus> = ThreadLocal.withInitial {
    UniffiRustCallStatus().also { it.setAutoSynch(false) }
}
";

/// Rewrites the `.kt` files under `dir`; returns how many were changed.
pub fn reuse_call_status(dir: &Path) -> io::Result<usize> {
    rewrite_each(dir, |text| Some((rewrite(text)?, 1)))
}

/// `text` with the reusing body, or `None` when UniFFI's is not there exactly once.
fn rewrite(text: &str) -> Option<String> {
    (text.matches(GENERATED).count() == 1).then(|| text.replacen(GENERATED, REUSING, 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_call_reuses_the_threads_status_and_clears_it_after_a_failure() {
        let file = format!("package x\n\n{GENERATED}\nfun f() = 1\n");
        let out = rewrite(&file).unwrap();
        assert!(!out.contains("var status = UniffiRustCallStatus()"));
        assert!(out.contains("val status = uniffiThreadCallStatus.get()"));
        assert!(out.contains("it.setAutoSynch(false)"));
        // The failure's code and buffer are copied out, then the status cleared, before
        // the error is handled (which may call Rust again on this thread).
        let copied = out.find("failed.error_buf = ").unwrap();
        let cleared = out
            .find("status.pointer.setByte(0, UNIFFI_CALL_SUCCESS)")
            .unwrap();
        let handled = out
            .find("uniffiCheckCallStatus(errorHandler, failed)")
            .unwrap();
        assert!(copied < cleared && cleared < handled);
        assert!(out.ends_with("\nfun f() = 1\n"));
    }

    #[test]
    fn another_body_is_left_alone() {
        let changed = GENERATED.replace("var status", "val status");
        assert_eq!(rewrite(&changed), None);
        assert_eq!(rewrite(&format!("{GENERATED}{GENERATED}")), None);
    }
}
