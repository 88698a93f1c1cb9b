//! What the customer does in the browser online bank: log in with password and key-card
//! code, change the password, unlock a new profile, remove devices, block codes and cards;
//! and, without logging in, open a locked user code (self-service unlock).

use avain_core::password;
use avain_protocol::api::{
    BlockRequest, BlockResult, BlockingInfo, CodeRequest, ErrorCode, KeyCardChallenge,
    OnlineBankDeviceList, OnlineBankLoginStart, OnlineBankSession, PasswordChange,
    UserCodeUnlockFinish, UserCodeUnlockStart, UserCodeUnlockStarted, UserCodeUnlocked,
};
use avain_protocol::lifecycle::{LockReason, ProfileEvent, ProfileState, UnlockChannel};
use axum::extract::State;
use axum::http::StatusCode;
use rusqlite::{Connection, OptionalExtension, params};
use time::{Duration, OffsetDateTime};

use crate::clock::{from_millis, to_millis};
use crate::credentials;
use crate::crypto;
use crate::db::records::{self, Customer, UserCodeLock};
use crate::error::{ApiError, ApiResult};
use crate::extract::{BankSession, Json, PathId};
use crate::notify;
use crate::routes::devices::trusted_device;
use crate::seed;
use crate::sessions::{IDLE_TIMEOUT, SessionKind};
use crate::state::Shared;
use crate::texts::Notice;
use crate::throttle::{self, ClientAddr, Counter};
use crate::unknown_users::UnknownUser;

/// How long a login or unlock attempt waits for its codes.
const ATTEMPT_TTL: Duration = Duration::minutes(10);
/// Wrong SMS codes before an unlock attempt must start again.
const MAX_SMS_FAILURES: u32 = 3;
/// The purpose of self-service unlock attempts.
const UNLOCK: &str = "user_code_unlock";

/// The blocking service's numbers.
pub fn blocking_info() -> BlockingInfo {
    BlockingInfo {
        phone_in_finland: "020 333".to_owned(),
        phone_from_abroad: "+358 20 333".to_owned(),
        open: "24/7".to_owned(),
    }
}

struct Attempt {
    customer: Customer,
    key_card_index: u32,
    sms_code_hash: Option<Vec<u8>>,
}

fn load_attempt(
    conn: &Connection,
    id: &str,
    purpose: &str,
    now: OffsetDateTime,
) -> ApiResult<Attempt> {
    let (customer_id, index, hash, used, expires): (i64, u32, Option<Vec<u8>>, bool, i64) = conn
        .query_row(
            "SELECT customer_id, key_card_index, sms_code_hash, used, expires_at
             FROM key_card_attempts WHERE id = ?1 AND purpose = ?2",
            params![id, purpose],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )
        .optional()?
        .ok_or(ApiError::new(ErrorCode::NotFound))?;
    if used || now >= from_millis(expires) {
        return Err(ErrorCode::Expired.into());
    }
    Ok(Attempt {
        customer: records::customer(conn, customer_id)?,
        key_card_index: index,
        sms_code_hash: hash,
    })
}

/// Opens a login or unlock attempt asking the customer's pending key-card code number. A
/// customer has at most one live self-service unlock: a new one ends the others, so codes
/// burnt on one attempt can never be outlived by another.
fn new_attempt(
    conn: &Connection,
    customer_id: i64,
    purpose: &str,
    sms_code_hash: Option<Vec<u8>>,
    id: &str,
    now: OffsetDateTime,
) -> ApiResult<KeyCardChallenge> {
    if purpose == UNLOCK {
        conn.execute(
            "UPDATE key_card_attempts SET used = 1
             WHERE customer_id = ?1 AND purpose = ?2 AND used = 0",
            params![customer_id, purpose],
        )?;
    }
    let index = credentials::key_card_index_in(conn, customer_id)?;
    let expires_at = now + ATTEMPT_TTL;
    conn.execute(
        "INSERT INTO key_card_attempts (id, customer_id, purpose, key_card_index, sms_code_hash,
             expires_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            id,
            customer_id,
            purpose,
            index,
            sms_code_hash,
            to_millis(expires_at)
        ],
    )?;
    Ok(KeyCardChallenge {
        attempt_id: id.to_owned(),
        key_card_index: index,
        expires_at,
    })
}

/// `POST /v1/online-bank/logins`: username and password; asks for a key-card code.
pub async fn login_start(
    State(state): State<Shared>,
    client: ClientAddr,
    Json(body): Json<OnlineBankLoginStart>,
) -> ApiResult<(StatusCode, axum::Json<KeyCardChallenge>)> {
    // Throttled per user id, and per address counting only failures (refunded below).
    throttle::count_password_check(&state, &body.username, client)?;
    let customer =
        credentials::check_password(&state, &body.username, body.password.expose()).await?;
    state
        .throttle
        .refund_address(Counter::LoginFailuresPerAddress, client);
    let now = state.now();
    let challenge = state
        .db
        .write(move |conn| {
            new_attempt(
                conn,
                customer.id,
                "online_bank_login",
                None,
                &crypto::new_id("obl"),
                now,
            )
        })
        .await?;
    Ok((StatusCode::CREATED, axum::Json(challenge)))
}

/// `POST /v1/online-bank/logins/{id}`: the key-card code; starts the session.
pub async fn login_finish(
    State(state): State<Shared>,
    PathId(id): PathId,
    Json(body): Json<CodeRequest>,
) -> ApiResult<(StatusCode, axum::Json<OnlineBankSession>)> {
    let now = state.now();
    let st = state.clone();
    let customer = state
        .db
        .write(move |conn| {
            let attempt = load_attempt(conn, &id, "online_bank_login", now)?;
            attempt.customer.require_usable()?;
            if let Err(wrong) = credentials::check_key_card_in(
                conn,
                &st,
                &attempt.customer,
                attempt.key_card_index,
                body.code.expose(),
                now,
            )? {
                return Ok(Err(wrong));
            }
            conn.execute("UPDATE key_card_attempts SET used = 1 WHERE id = ?1", [&id])?;
            Ok(Ok(attempt.customer))
        })
        .await??;
    let token = state.sessions.create(
        SessionKind::OnlineBank,
        customer.id,
        None,
        customer.password_change_required,
        now,
    );
    Ok((
        StatusCode::CREATED,
        axum::Json(OnlineBankSession {
            token,
            idle_timeout_s: IDLE_TIMEOUT.whole_seconds().unsigned_abs() as u32,
            password_change_required: customer.password_change_required,
        }),
    ))
}

/// `DELETE /v1/online-bank/sessions/current`
pub async fn logout(State(state): State<Shared>, session: BankSession) -> StatusCode {
    state.sessions.end(&session.token);
    StatusCode::NO_CONTENT
}

/// `POST /v1/online-bank/password`: the new password must pass the core's rule
/// ([`password::check_new_password`]: 6 to 8 characters, not one repeated character, not
/// the user id, not a common password, not the current one). A wrong current password
/// counts towards the same five-failure lock as a login, decided in one write job as there
/// ([`credentials::password_verdict_in`]); a lock ends the customer's online-bank sessions.
/// A change ends every other session of the customer, the app's too.
pub async fn change_password(
    State(state): State<Shared>,
    session: BankSession,
    Json(body): Json<PasswordChange>,
) -> ApiResult<StatusCode> {
    let customer_id = session.session.customer_id;
    let customer = state
        .db
        .read(move |conn| records::customer(conn, customer_id))
        .await?;
    password::check_new_password(
        body.new_password.expose(),
        &customer.user_id,
        Some(body.current_password.expose()),
    )
    .map_err(|reason| ApiError::new(reason.error_code()))?;
    let verdict = match customer.require_usable() {
        Err(refused) => Err(refused),
        Ok(()) => new_password_verdict(&state, &customer, body).await?,
    };
    match verdict {
        Ok(()) => {
            state.sessions.password_changed(&session.token);
            state.sessions.end_others(customer_id, &session.token);
            Ok(StatusCode::NO_CONTENT)
        }
        Err(refused) => {
            if password_change_ends_sessions(refused.code) {
                state
                    .sessions
                    .end_kind(customer_id, SessionKind::OnlineBank);
            }
            Err(refused)
        }
    }
}

/// Whether a refused password change ends the customer's online-bank sessions: the user
/// code is locked (the fifth wrong current password, or already) or the codes are blocked.
pub fn password_change_ends_sessions(code: ErrorCode) -> bool {
    matches!(
        code,
        ErrorCode::UserCodeLocked | ErrorCode::UserCodeLockedAtBank | ErrorCode::CodesBlocked
    )
}

/// Checks the current password (slow, outside the database) and, in one write job, commits
/// the verdict and the new password's hash when it was right.
async fn new_password_verdict(
    state: &Shared,
    customer: &Customer,
    body: PasswordChange,
) -> ApiResult<Result<(), ApiError>> {
    let current = zeroize::Zeroizing::new(body.current_password.expose().to_owned());
    let new = zeroize::Zeroizing::new(body.new_password.expose().to_owned());
    let checked = customer.password_hash.clone();
    let hash = checked.clone();
    let new_hash = tokio::task::spawn_blocking(move || {
        crypto::verify_password(&current, &hash).then(|| crypto::hash_password(&new))
    })
    .await
    .map_err(|e| ApiError::internal("password hashing", e))?;
    let customer_id = customer.id;
    state
        .db
        .write(move |conn| {
            let right = new_hash.is_some();
            if let Err(refused) =
                credentials::password_verdict_in(conn, customer_id, &checked, right)?
            {
                return Ok(Err(refused));
            }
            conn.execute(
                "UPDATE customers SET password_hash = ?2, password_change_required = 0,
                     password_failures = 0 WHERE id = ?1",
                params![customer_id, new_hash],
            )?;
            Ok(Ok(()))
        })
        .await
}

/// `GET /v1/online-bank/devices`: every profile, pending ones included.
pub async fn devices(
    State(state): State<Shared>,
    session: BankSession,
) -> ApiResult<axum::Json<OnlineBankDeviceList>> {
    session.require_password_ok()?;
    let customer_id = session.session.customer_id;
    let devices = state
        .db
        .read(move |conn| {
            Ok(records::profiles_of(conn, customer_id)?
                .iter()
                .filter(|p| !p.state.is_final())
                .map(|p| trusted_device(p, None))
                .collect())
        })
        .await?;
    Ok(axum::Json(OnlineBankDeviceList { devices }))
}

/// `POST /v1/online-bank/devices/{profile_id}/unlock`: unlock a new profile (or one locked
/// by wrong PINs or by the bank); the customer gets an SMS and the device a push.
pub async fn unlock_device(
    State(state): State<Shared>,
    session: BankSession,
    PathId(profile_id): PathId,
) -> ApiResult<axum::Json<avain_protocol::api::TrustedDevice>> {
    session.require_password_ok()?;
    let customer_id = session.session.customer_id;
    let now = state.now();
    let (profile, customer) = state
        .db
        .write(move |conn| {
            let profile = records::profile(conn, &profile_id)?
                .filter(|p| p.customer_id == customer_id)
                .ok_or(ApiError::new(ErrorCode::NotFound))?;
            let event = match profile.state {
                ProfileState::PendingUnlock => ProfileEvent::UnlockedInOnlineBank,
                // The customer's own lock opens only with a key-card code
                // (`device_locks::open_start`).
                ProfileState::Locked {
                    reason: LockReason::ByCustomer,
                } => return Err(ErrorCode::Conflict.into()),
                _ => ProfileEvent::Unlock(UnlockChannel::OnlineBank),
            };
            let profile = records::apply_to_profile(conn, &profile, event, now)?;
            Ok((profile, records::customer(conn, customer_id)?))
        })
        .await?;
    notify::sms(
        &state,
        &customer,
        "profile_unlocked",
        Notice::ProfileUnlocked,
    );
    notify::push(&state, &customer, &profile, "profile_unlocked", None);
    Ok(axum::Json(trusted_device(&profile, None)))
}

/// `DELETE /v1/online-bank/devices/{profile_id}`: remove a device (final).
pub async fn remove_device(
    State(state): State<Shared>,
    session: BankSession,
    PathId(profile_id): PathId,
) -> ApiResult<StatusCode> {
    session.require_password_ok()?;
    let customer_id = session.session.customer_id;
    let now = state.now();
    let (profile, customer) = state
        .db
        .write(move |conn| revoke(conn, customer_id, &profile_id, now))
        .await?;
    state.sessions.end_all(customer_id, Some(&profile.id));
    notify::sms(&state, &customer, "device_removed", Notice::DeviceRemoved);
    Ok(StatusCode::NO_CONTENT)
}

/// Revokes one of a customer's profiles.
pub fn revoke(
    conn: &Connection,
    customer_id: i64,
    profile_id: &str,
    now: OffsetDateTime,
) -> ApiResult<(records::Profile, Customer)> {
    let profile = records::profile(conn, profile_id)?
        .filter(|p| p.customer_id == customer_id && !p.state.is_final())
        .ok_or(ApiError::new(ErrorCode::NotFound))?;
    let next = profile
        .state
        .apply(ProfileEvent::Revoke)
        .map_err(|_| ApiError::new(ErrorCode::Conflict))?;
    records::set_profile_state(conn, &profile.id, next, now)?;
    Ok((profile, records::customer(conn, customer_id)?))
}

/// Blocks codes and/or cards for a customer.
pub async fn block_for(
    state: &Shared,
    customer_id: i64,
    request: BlockRequest,
) -> ApiResult<BlockResult> {
    if !request.codes && !request.cards {
        return Err(ErrorCode::InvalidValue.into());
    }
    let now = state.now();
    let (customer, cards_blocked) = state
        .db
        .write(move |conn| {
            if request.codes {
                conn.execute(
                    "UPDATE customers SET codes_blocked = 1 WHERE id = ?1",
                    [customer_id],
                )?;
                records::apply_to_profiles(
                    conn,
                    customer_id,
                    ProfileEvent::Lock(LockReason::ByBank),
                    |s| !s.is_final(),
                    now,
                )?;
            }
            if request.cards {
                conn.execute(
                    "UPDATE cards SET blocked = 1 WHERE customer_id = ?1",
                    [customer_id],
                )?;
            }
            let blocked: u32 = conn.query_row(
                "SELECT COUNT(*) FROM cards WHERE customer_id = ?1 AND blocked = 1",
                [customer_id],
                |r| r.get(0),
            )?;
            Ok((records::customer(conn, customer_id)?, blocked))
        })
        .await?;
    if request.codes {
        state.sessions.end_all(customer_id, None);
    }
    notify::sms(state, &customer, "blocked", Notice::Blocked);
    Ok(BlockResult {
        codes_blocked: customer.codes_blocked,
        cards_blocked,
        info: blocking_info(),
    })
}

/// `POST /v1/online-bank/blocking`
pub async fn block(
    State(state): State<Shared>,
    session: BankSession,
    Json(body): Json<BlockRequest>,
) -> ApiResult<axum::Json<BlockResult>> {
    block_for(&state, session.session.customer_id, body)
        .await
        .map(axum::Json)
}

/// What an unlock start found.
enum UnlockStart {
    /// The pair matched: the customer, the SMS code sent, the attempt.
    Real(Box<Customer>, zeroize::Zeroizing<String>, KeyCardChallenge),
    /// It did not: a decoy, with the customer's phone hint and the key-card number a real
    /// start asks (the customer's pending one), so neither tells a matching pair apart.
    Decoy(String, u32),
}

/// `POST /v1/user-code-unlocks`: HETU and user id; sends an SMS code and asks a key-card
/// code. A lock from wrong key-card codes is refused: only the bank opens it.
///
/// No oracle: every answer depends on the user id alone (an unknown one is answered like a
/// code that is not locked, or like a locked one after five wrong passwords); where a start is possible, a HETU that does not belong to the
/// user id gets the same 201 answer as the right one, with a decoy attempt that then fails
/// like wrong SMS codes ([`crate::decoys`]); only a matching pair gets an SMS. Starts are throttled
/// per user id and per client address, matching or not ([`crate::throttle`]).
pub async fn unlock_start(
    State(state): State<Shared>,
    client: ClientAddr,
    Json(body): Json<UserCodeUnlockStart>,
) -> ApiResult<(StatusCode, axum::Json<UserCodeUnlockStarted>)> {
    let user_id = body.user_id.trim().to_owned();
    if user_id.is_empty() || user_id.len() > 64 {
        return Err(ErrorCode::InvalidValue.into());
    }
    let now = state.now();
    state.throttle.hit_both(
        (
            Counter::UnlockStartsPerUser,
            &user_id,
            throttle::UNLOCK_STARTS_PER_USER,
        ),
        (Counter::UnlockStartsPerAddress, client),
        now,
    )?;
    let hetu_hash = seed::hetu_hash(&state.keys.hasher, body.hetu.expose());
    // An unknown user id locked by wrong passwords is answered like a real locked code
    // whose HETU did not match ([`crate::unknown_users`]).
    let unknown = UnknownUser::new(&state.keys.hasher, &user_id);
    let unknown_locked = state
        .unknown_users
        .is_locked(&unknown)
        .then(|| (unknown.phone_hint(), unknown.key_card_index()));
    let st = state.clone();
    let lookup_id = user_id.clone();
    let started = state
        .db
        .write(move |conn| {
            // Every start writes, matching or not, so both pay a commit (an fsync) and
            // the answer's timing does not tell them apart.
            conn.execute(
                "INSERT INTO meta (key, value) VALUES ('unlock_starts', '1')
                 ON CONFLICT (key) DO UPDATE SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT)",
                [],
            )?;
            // Everything answered before the SMS depends on the user id alone, never on
            // whether the HETU matched (no HETU oracle): the HETU is compared last, and a
            // wrong one gets a decoy. An unknown user id is answered like a known one: one
            // whose code is not locked, or, after five wrong passwords, a locked one.
            let Some(customer) = records::customer_by_user_id(conn, &lookup_id)? else {
                return match unknown_locked {
                    Some((hint, index)) => Ok(UnlockStart::Decoy(hint, index)),
                    None => Err(ErrorCode::Conflict.into()),
                };
            };
            self_service_lock(&customer)?;
            if customer.phone.is_none() {
                return Err(ErrorCode::NoPhoneNumber.into());
            }
            if !customer.sms_service {
                return Err(ErrorCode::SmsServiceOff.into());
            }
            let stored: Vec<u8> = conn.query_row(
                "SELECT hetu_hash FROM customers WHERE id = ?1",
                [customer.id],
                |r| r.get(0),
            )?;
            if !crypto::constant_time_eq(&stored, &hetu_hash) {
                let index = credentials::key_card_index_in(conn, customer.id)?;
                let hint = notify::phone_hint(customer.phone.as_deref().unwrap_or_default());
                return Ok(UnlockStart::Decoy(hint, index));
            }
            let id = crypto::new_id("ucu");
            let (code, hash) = credentials::new_sms_code(&st, &id);
            let key_card = new_attempt(conn, customer.id, UNLOCK, Some(hash), &id, now)?;
            Ok(UnlockStart::Real(Box::new(customer), code, key_card))
        })
        .await?;
    let started = match started {
        UnlockStart::Real(customer, code, key_card) => {
            notify::sms(
                &state,
                &customer,
                "user_code_unlock_sms_code",
                Notice::UnlockCode(&code),
            );
            UserCodeUnlockStarted {
                key_card,
                phone_hint: notify::phone_hint(customer.phone.as_deref().unwrap_or_default()),
            }
        }
        UnlockStart::Decoy(hint, index) => {
            let key_card = KeyCardChallenge {
                attempt_id: crypto::new_id("ucu"),
                key_card_index: index,
                expires_at: now + ATTEMPT_TTL,
            };
            state
                .decoys
                .issue(key_card.attempt_id.clone(), key_card.expires_at, now);
            UserCodeUnlockStarted {
                key_card,
                phone_hint: hint,
            }
        }
    };
    Ok((StatusCode::CREATED, axum::Json(started)))
}

/// The lock a self-service unlock may open: wrong PINs or wrong passwords. Blocked codes,
/// a lock from wrong key-card codes (only the bank opens it) and an open user code are
/// refused.
fn self_service_lock(customer: &Customer) -> ApiResult<UserCodeLock> {
    if customer.codes_blocked {
        return Err(ErrorCode::CodesBlocked.into());
    }
    match customer.lock {
        None => Err(ErrorCode::Conflict.into()),
        Some(UserCodeLock::WrongKeyCardCodes) => Err(ErrorCode::UserCodeLockedAtBank.into()),
        Some(lock) => Ok(lock),
    }
}

/// `POST /v1/user-code-unlocks/{id}`: the SMS code and the key-card code. The lock, the
/// blocked codes and the attempt are checked in the same write job that opens the lock.
pub async fn unlock_finish(
    State(state): State<Shared>,
    PathId(id): PathId,
    Json(body): Json<UserCodeUnlockFinish>,
) -> ApiResult<axum::Json<UserCodeUnlocked>> {
    let now = state.now();
    if let Some(answer) = state.decoys.answer(&id, MAX_SMS_FAILURES, now) {
        return Err(answer);
    }
    let st = state.clone();
    let (customer, unlocked) = state
        .db
        .write(move |conn| {
            let attempt = load_attempt(conn, &id, UNLOCK, now)?;
            let customer = attempt.customer;
            // The lock is read again in this job: what it was at the start does not count.
            let lock = match self_service_lock(&customer) {
                Ok(lock) => lock,
                Err(refused) => {
                    conn.execute("UPDATE key_card_attempts SET used = 1 WHERE id = ?1", [&id])?;
                    return Ok(Err(refused));
                }
            };
            let sms_ok = attempt.sms_code_hash.as_deref().is_some_and(|h| {
                credentials::sms_code_matches(&st, &id, body.sms_code.expose(), h)
            });
            if !sms_ok {
                let failures: u32 = conn.query_row(
                    "UPDATE key_card_attempts SET sms_failures = sms_failures + 1 WHERE id = ?1
                     RETURNING sms_failures",
                    [&id],
                    |r| r.get(0),
                )?;
                if failures >= MAX_SMS_FAILURES {
                    conn.execute("UPDATE key_card_attempts SET used = 1 WHERE id = ?1", [&id])?;
                    return Ok(Err(ApiError::new(ErrorCode::Expired)));
                }
                return Ok(Err(ApiError::with_attempts_left(
                    ErrorCode::SmsCodeWrong,
                    MAX_SMS_FAILURES - failures,
                )));
            }
            if let Err(wrong) = credentials::check_key_card_in(
                conn,
                &st,
                &customer,
                attempt.key_card_index,
                body.key_card_code.expose(),
                now,
            )? {
                return Ok(Err(wrong));
            }
            conn.execute("UPDATE key_card_attempts SET used = 1 WHERE id = ?1", [&id])?;
            let password_reset = lock == UserCodeLock::WrongPasswords;
            if password_reset {
                // As the bank's instructions say: log in with key-card code 1 as the
                // password, then choose a new one.
                let first = crate::seed::key_card_code(&customer.user_id, 1);
                conn.execute(
                    "UPDATE customers SET password_hash = ?2, password_change_required = 1
                     WHERE id = ?1",
                    params![customer.id, crypto::hash_password(&first)],
                )?;
            }
            conn.execute(
                "UPDATE customers SET lock_reason = NULL, password_failures = 0
                 WHERE id = ?1 AND lock_reason = ?2",
                params![customer.id, lock.code()],
            )?;
            let profiles = records::apply_to_profiles(
                conn,
                customer.id,
                ProfileEvent::Unlock(UnlockChannel::SelfService),
                |s| s.lock_reason() == Some(LockReason::WrongPins),
                now,
            )?;
            Ok(Ok((
                customer,
                UserCodeUnlocked {
                    password_is_key_card_code: password_reset.then_some(1),
                    profiles_unlocked: u32::try_from(profiles.len()).unwrap_or(u32::MAX),
                },
            )))
        })
        .await??;
    notify::sms(
        &state,
        &customer,
        "user_code_unlocked",
        Notice::UserCodeUnlocked,
    );
    Ok(axum::Json(unlocked))
}
