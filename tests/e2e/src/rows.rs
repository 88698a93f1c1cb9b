//! Rows counted in the bank's or the phone's database while a test runs (read-only, so
//! the databases' own writers are never disturbed), and the relay conditions built on them.

use std::path::Path;

use avain_sandbox::relay::Condition;

use crate::Harness;

/// One number from the database at `path`, or 0 when the query cannot run (the file not
/// there yet, a table not made yet).
pub fn count(path: &Path, sql: &str) -> i64 {
    rusqlite::Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
        .and_then(|conn| conn.query_row(sql, [], |r| r.get(0)))
        .unwrap_or(0)
}

/// Holds once the bank has stored the start of a PIN change.
pub fn pin_change_started(h: &Harness) -> Condition {
    let db = h.bank.database_path();
    Box::new(move || {
        count(
            &db,
            "SELECT count(*) FROM pending_changes WHERE kind = 'pin'",
        ) > 0
    })
}
