//! The online-bank codes: password and key-code card, with their failure counters.
//!
//! Five wrong passwords in a row lock the user code (self-service unlock opens it); three
//! wrong key-card codes in a row lock it so that only the bank can open it, and lock every
//! profile the same way. Every counter change is committed before the answer, in the same
//! write job that reads the lock and the count it is decided on. The bank asks one key-card
//! code number per customer until it is answered right.

use avain_protocol::api::ErrorCode;
use avain_protocol::lifecycle::{LockReason, ProfileEvent, ProfileState};
use rusqlite::{Connection, params};
use time::OffsetDateTime;

use crate::crypto;
use crate::db::records::{self, Customer, UserCodeLock};
use crate::error::{ApiError, ApiResult};
use crate::seed::{self, KEY_CARD_SIZE};
use crate::state::Shared;
use crate::unknown_users::UnknownUser;

/// Wrong passwords before the user code locks.
pub const MAX_PASSWORD_FAILURES: u32 = 5;
/// Wrong key-card codes before the user code locks (at the bank only).
pub const MAX_KEY_CARD_FAILURES: u32 = 3;

/// Checks username and password; the customer when right. Unknown usernames cost the same
/// time as wrong passwords and give the same answers, the lock at the fifth included.
///
/// The password is hashed outside the database (it is slow); the verdict is then committed
/// by [`password_verdict_in`] in one write job that reads the lock and the count again, so
/// concurrent guesses lock after exactly [`MAX_PASSWORD_FAILURES`] and a right password
/// that arrives after the lock gets the same answer as a wrong one.
pub async fn check_password(state: &Shared, username: &str, password: &str) -> ApiResult<Customer> {
    let lookup = username.trim().to_owned();
    let found = state
        .db
        .read(move |conn| records::customer_by_user_id(conn, &lookup))
        .await?;
    let password = zeroize::Zeroizing::new(password.to_owned());
    let Some(customer) = found else {
        // Answered like a real customer's code, lock included ([`crate::unknown_users`]).
        let unknown = UnknownUser::new(&state.keys.hasher, username);
        if state.unknown_users.is_locked(&unknown) {
            return Err(ErrorCode::UserCodeLocked.into());
        }
        tokio::task::spawn_blocking(move || crypto::dummy_password_check(&password))
            .await
            .map_err(|e| ApiError::internal("password check", e))?;
        return Err(if state.unknown_users.count_failure(unknown) {
            ErrorCode::UserCodeLocked.into()
        } else {
            ErrorCode::InvalidCredentials.into()
        });
    };
    customer.require_usable()?;
    let checked = customer.password_hash.clone();
    let hash = checked.clone();
    let right = tokio::task::spawn_blocking(move || crypto::verify_password(&password, &hash))
        .await
        .map_err(|e| ApiError::internal("password check", e))?;
    let id = customer.id;
    state
        .db
        .write(move |conn| password_verdict_in(conn, id, &checked, right))
        .await?
}

/// Commits the verdict on a password checked against the stored hash `checked`, inside a
/// write job: a locked or blocked customer gets the lock's answer whatever the verdict (and
/// nothing is counted); a hash replaced meanwhile (the password was changed) makes the
/// verdict stale, answered as a wrong password but not counted; a wrong password counts
/// and locks at the fifth. A right password changes nothing: only a completed login (the
/// key-card code too), a password change or an unlock sets the count back to zero, so the
/// count the lock is decided on never goes down in the middle of a burst of guesses.
/// Returns `Ok(Err(..))` for a refusal so the job still commits the count.
pub fn password_verdict_in(
    conn: &Connection,
    customer_id: i64,
    checked: &str,
    right: bool,
) -> ApiResult<Result<Customer, ApiError>> {
    let customer = records::customer(conn, customer_id)?;
    if let Err(refused) = customer.require_usable() {
        return Ok(Err(refused));
    }
    if customer.password_hash != checked {
        return Ok(Err(ErrorCode::InvalidCredentials.into()));
    }
    if right {
        return Ok(Ok(customer));
    }
    let failures: u32 = conn.query_row(
        "UPDATE customers SET password_failures = password_failures + 1 WHERE id = ?1
         RETURNING password_failures",
        [customer_id],
        |r| r.get(0),
    )?;
    if failures >= MAX_PASSWORD_FAILURES {
        lock_user_code(conn, customer_id, UserCodeLock::WrongPasswords)?;
        Ok(Err(ApiError::new(ErrorCode::UserCodeLocked)))
    } else {
        Ok(Err(ApiError::new(ErrorCode::InvalidCredentials)))
    }
}

/// Locks the user code, keeping a stricter lock already there.
pub fn lock_user_code(conn: &Connection, customer_id: i64, lock: UserCodeLock) -> ApiResult<()> {
    // 'key_card' is the strictest: nothing replaces it but the bank.
    conn.execute(
        "UPDATE customers SET lock_reason = ?2
         WHERE id = ?1 AND (lock_reason IS NULL OR lock_reason <> 'key_card')",
        params![customer_id, lock.code()],
    )?;
    Ok(())
}

/// The key-card code number the bank asks `customer_id` for, inside a write job: the one
/// still waiting for a right answer, or a new random one that then waits. Every purpose
/// (online-bank login, registration, self-service unlock) asks the same number, so
/// restarting a flow never re-rolls it and one phished code stays useless.
pub fn key_card_index_in(conn: &Connection, customer_id: i64) -> ApiResult<u32> {
    if let Some(index) = pending_key_card_index(conn, customer_id)? {
        return Ok(index);
    }
    let index = crypto::random_index(KEY_CARD_SIZE);
    conn.execute(
        "UPDATE customers SET key_card_index = ?2 WHERE id = ?1",
        params![customer_id, index],
    )?;
    Ok(index)
}

/// The key-card code number waiting for a right answer, if any.
fn pending_key_card_index(conn: &Connection, customer_id: i64) -> ApiResult<Option<u32>> {
    Ok(conn.query_row(
        "SELECT key_card_index FROM customers WHERE id = ?1",
        [customer_id],
        |r| r.get(0),
    )?)
}

/// Checks key-card code number `index` inside a write job; counts a wrong one and locks at
/// the third. An attempt asking a number the bank no longer asks (it was answered in
/// another flow) is `expired` and counts nothing. A right code ends the pending number and
/// sets the key-card and password counts back to zero (password and key card together are
/// a completed login). Returns `Ok(Err(..))` for a wrong code so the job still commits the
/// count.
pub fn check_key_card_in(
    conn: &Connection,
    state: &Shared,
    customer: &Customer,
    index: u32,
    code: &str,
    now: OffsetDateTime,
) -> ApiResult<Result<(), ApiError>> {
    if pending_key_card_index(conn, customer.id)? != Some(index) {
        return Ok(Err(ApiError::new(ErrorCode::Expired)));
    }
    let stored: Vec<u8> = conn.query_row(
        "SELECT code_hash FROM key_card_codes WHERE customer_id = ?1 AND idx = ?2",
        params![customer.id, index],
        |r| r.get(0),
    )?;
    let expected = seed::key_card_hash(&state.keys.hasher, &customer.user_id, index, code.trim());
    if crypto::constant_time_eq(&expected, &stored) {
        conn.execute(
            "UPDATE customers SET key_card_failures = 0, password_failures = 0,
                 key_card_index = NULL WHERE id = ?1",
            [customer.id],
        )?;
        return Ok(Ok(()));
    }
    let failures: u32 = conn.query_row(
        "UPDATE customers SET key_card_failures = key_card_failures + 1 WHERE id = ?1
         RETURNING key_card_failures",
        [customer.id],
        |r| r.get(0),
    )?;
    if failures >= MAX_KEY_CARD_FAILURES {
        lock_user_code(conn, customer.id, UserCodeLock::WrongKeyCardCodes)?;
        records::apply_to_profiles(
            conn,
            customer.id,
            ProfileEvent::Lock(LockReason::WrongKeyCardCodes),
            |s| matches!(s, ProfileState::Active | ProfileState::Locked { .. }),
            now,
        )?;
        end_key_card_flows(conn, customer.id)?;
        Ok(Err(ApiError::new(ErrorCode::UserCodeLockedAtBank)))
    } else {
        Ok(Err(ApiError::with_attempts_left(
            ErrorCode::KeyCardCodeWrong,
            MAX_KEY_CARD_FAILURES - failures,
        )))
    }
}

/// Ends every login, self-service unlock and registration of the customer still waiting
/// for a code: after a lock at the bank none of them may go on.
fn end_key_card_flows(conn: &Connection, customer_id: i64) -> ApiResult<()> {
    conn.execute(
        "UPDATE key_card_attempts SET used = 1 WHERE customer_id = ?1 AND used = 0",
        [customer_id],
    )?;
    conn.execute(
        "UPDATE registrations SET step = 'failed'
         WHERE customer_id = ?1 AND step NOT IN ('done', 'failed')",
        [customer_id],
    )?;
    Ok(())
}

/// Hash domain of SMS codes.
pub const SMS_DOMAIN: &str = "sms_code";

/// A new 6-digit SMS code and its stored hash, bound to what it confirms.
pub fn new_sms_code(state: &Shared, bound_to: &str) -> (zeroize::Zeroizing<String>, Vec<u8>) {
    let code = crypto::new_digits(6);
    let hash = state
        .keys
        .hasher
        .hash(SMS_DOMAIN, &[bound_to.as_bytes(), code.as_bytes()]);
    (code, hash)
}

/// Whether `code` is the SMS code bound to `bound_to` whose hash is `stored`.
pub fn sms_code_matches(state: &Shared, bound_to: &str, code: &str, stored: &[u8]) -> bool {
    state.keys.hasher.verify(
        SMS_DOMAIN,
        &[bound_to.as_bytes(), code.trim().as_bytes()],
        stored,
    )
}
