//! Typed rows of the tables most flows touch: customers and profiles.

use avain_protocol::api::{BiometricKind, CustomerKind, ErrorCode, KeyProtection, ProfileState};
use avain_protocol::lifecycle::{LockReason, ProfileEvent};
use std::sync::LazyLock;

use rusqlite::{Connection, OptionalExtension, Row, params};
use time::OffsetDateTime;

use crate::clock::{from_millis, to_millis};
use crate::error::{ApiError, ApiResult};

/// Why a customer's user code is locked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UserCodeLock {
    /// Five failed PIN approvals: self-service unlock.
    WrongPins,
    /// Five wrong passwords: self-service unlock; the password becomes key-card code 1.
    WrongPasswords,
    /// Three wrong key-card codes: only at the bank.
    WrongKeyCardCodes,
}

impl UserCodeLock {
    /// The database code.
    pub fn code(self) -> &'static str {
        match self {
            UserCodeLock::WrongPins => "pin",
            UserCodeLock::WrongPasswords => "password",
            UserCodeLock::WrongKeyCardCodes => "key_card",
        }
    }

    fn from_code(code: &str) -> Option<Self> {
        match code {
            "pin" => Some(UserCodeLock::WrongPins),
            "password" => Some(UserCodeLock::WrongPasswords),
            "key_card" => Some(UserCodeLock::WrongKeyCardCodes),
            _ => None,
        }
    }

    /// The error a locked customer gets.
    pub fn error(self) -> ApiError {
        match self {
            UserCodeLock::WrongKeyCardCodes => ErrorCode::UserCodeLockedAtBank.into(),
            _ => ErrorCode::UserCodeLocked.into(),
        }
    }
}

/// A customer.
#[derive(Clone)]
pub struct Customer {
    /// Row id.
    pub id: i64,
    /// Online-bank user id.
    pub user_id: String,
    /// Name.
    pub name: String,
    /// Private or business.
    pub kind: CustomerKind,
    /// "fi", "sv" or "en".
    pub language: String,
    /// Birth date (ISO), for the PIN rules.
    pub birth_date: Option<String>,
    /// PBKDF2 hash.
    pub password_hash: String,
    /// Must change the password at the next online-bank login.
    pub password_change_required: bool,
    /// Mobile number.
    pub phone: Option<String>,
    /// SMS service on.
    pub sms_service: bool,
    /// E-mail for alerts.
    pub email: Option<String>,
    /// The user code's lock.
    pub lock: Option<UserCodeLock>,
    /// Wrong passwords in a row.
    pub password_failures: u32,
    /// Wrong key-card codes in a row.
    pub key_card_failures: u32,
    /// Codes blocked through the blocking service.
    pub codes_blocked: bool,
}

impl std::fmt::Debug for Customer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Customer")
            .field("id", &self.id)
            .finish_non_exhaustive()
    }
}

impl Customer {
    /// The customer's language for texts.
    pub fn lang(&self) -> avain_protocol::Language {
        avain_protocol::Language::from_code(&self.language).unwrap_or_default()
    }

    /// Refuses customers whose codes are blocked or whose user code is locked.
    pub fn require_usable(&self) -> ApiResult<()> {
        if self.codes_blocked {
            return Err(ErrorCode::CodesBlocked.into());
        }
        match self.lock {
            Some(lock) => Err(lock.error()),
            None => Ok(()),
        }
    }
}

const CUSTOMER_COLUMNS: &str = "id, user_id, name, kind, language, birth_date, password_hash,
    password_change_required, phone, sms_service, email, lock_reason, password_failures,
    key_card_failures, codes_blocked";

fn customer_from_row(row: &Row<'_>) -> rusqlite::Result<Customer> {
    let kind: String = row.get(3)?;
    let lock: Option<String> = row.get(11)?;
    Ok(Customer {
        id: row.get(0)?,
        user_id: row.get(1)?,
        name: row.get(2)?,
        kind: if kind == "business" {
            CustomerKind::Business
        } else {
            CustomerKind::Personal
        },
        language: row.get(4)?,
        birth_date: row.get(5)?,
        password_hash: row.get(6)?,
        password_change_required: row.get(7)?,
        phone: row.get(8)?,
        sms_service: row.get(9)?,
        email: row.get(10)?,
        lock: lock.as_deref().and_then(UserCodeLock::from_code),
        password_failures: row.get(12)?,
        key_card_failures: row.get(13)?,
        codes_blocked: row.get(14)?,
    })
}

/// The statements of the two reads every login makes, built once: formatting them for
/// each query showed in the bank's profile (docs/sandbox.md, "Bench").
static CUSTOMER_BY_ID: LazyLock<String> =
    LazyLock::new(|| format!("SELECT {CUSTOMER_COLUMNS} FROM customers WHERE id = ?1"));
static PROFILE_BY_ID: LazyLock<String> =
    LazyLock::new(|| format!("SELECT {PROFILE_COLUMNS} FROM profiles WHERE id = ?1"));

/// The customer with row id `id`.
pub fn customer(conn: &Connection, id: i64) -> ApiResult<Customer> {
    conn.prepare_cached(&CUSTOMER_BY_ID)?
        .query_row([id], customer_from_row)
        .optional()?
        .ok_or(ApiError::new(ErrorCode::NotFound))
}

/// The customer with this user id, if any.
pub fn customer_by_user_id(conn: &Connection, user_id: &str) -> ApiResult<Option<Customer>> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {CUSTOMER_COLUMNS} FROM customers WHERE user_id = ?1"
        ))?
        .query_row([user_id], customer_from_row)
        .optional()?)
}

/// A profile (one registered device).
#[derive(Clone)]
pub struct Profile {
    /// Profile id.
    pub id: String,
    /// Device id.
    pub device_id: String,
    /// Owner.
    pub customer_id: i64,
    /// Name the customer gave.
    pub name: String,
    /// Lifecycle state.
    pub state: ProfileState,
    /// Platform code.
    pub platform: String,
    /// Model.
    pub model: String,
    /// OS version last reported.
    pub os_version: String,
    /// App version last reported.
    pub app_version: String,
    /// Whether push notifications reach it.
    pub has_push: bool,
    /// K_dev public key.
    pub device_key: Vec<u8>,
    /// K_pin public key.
    pub pin_key: Vec<u8>,
    /// The PIN change that registered `pin_key` (`None`: registration did).
    pub pin_key_id: Option<String>,
    /// K_bio public key.
    pub bio_key: Option<Vec<u8>>,
    /// Biometric kind.
    pub bio_kind: Option<BiometricKind>,
    /// Grows whenever a key changes, so an approval checked against old keys is refused.
    pub keys_version: i64,
    /// Last accepted challenge counter.
    pub counter: u64,
    /// Failed approvals in a row.
    pub failures: u32,
    /// Registration time.
    pub registered_at: OffsetDateTime,
    /// Last approval.
    pub last_used_at: Option<OffsetDateTime>,
    /// What the bank concluded from K_dev's attestation at registration.
    pub key_protection: KeyProtection,
    /// iOS: the App Attest key's public point, when its attestation was valid.
    pub app_attest_key: Option<Vec<u8>>,
    /// iOS: the App Attest key's last accepted assertion counter (0 after attestation).
    pub app_attest_counter: u32,
}

impl std::fmt::Debug for Profile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Profile")
            .field("id", &self.id)
            .field("state", &self.state)
            .finish_non_exhaustive()
    }
}

impl Profile {
    /// The error for a profile that cannot approve anything now, if it cannot.
    pub fn require_active(&self) -> ApiResult<()> {
        match self.state {
            ProfileState::Active => Ok(()),
            ProfileState::PendingUnlock => Err(ErrorCode::ProfilePendingUnlock.into()),
            // The customer's own lock says where to open it; the others keep the code the
            // phone already knows.
            ProfileState::Locked {
                reason: LockReason::ByCustomer,
            } => Err(ErrorCode::ProfileLockedByCustomer.into()),
            ProfileState::Locked { .. } => Err(ErrorCode::ProfileLocked.into()),
            ProfileState::Revoked | ProfileState::Deleted => Err(ErrorCode::ProfileRevoked.into()),
            // The bank stores only the states it knows; a row it cannot read approves nothing.
            ProfileState::Unknown => Err(ErrorCode::Internal.into()),
        }
    }
}

const PROFILE_COLUMNS: &str = "id, device_id, customer_id, name, state, lock_reason, platform,
    model, os_version, app_version, has_push, device_key, pin_key, bio_key, bio_kind,
    keys_version, counter, failures, registered_at, last_used_at, pin_key_id, key_protection,
    app_attest_key, app_attest_counter";

fn profile_from_row(row: &Row<'_>) -> rusqlite::Result<Profile> {
    let state: String = row.get(4)?;
    let reason: Option<String> = row.get(5)?;
    let bio_kind: Option<String> = row.get(14)?;
    let counter: i64 = row.get(16)?;
    let last_used: Option<i64> = row.get(19)?;
    Ok(Profile {
        id: row.get(0)?,
        device_id: row.get(1)?,
        customer_id: row.get(2)?,
        name: row.get(3)?,
        // The CHECK constraints only admit valid codes; anything else reads as revoked,
        // the state that can do nothing.
        state: ProfileState::from_codes(&state, reason.as_deref()).unwrap_or(ProfileState::Revoked),
        platform: row.get(6)?,
        model: row.get(7)?,
        os_version: row.get(8)?,
        app_version: row.get(9)?,
        has_push: row.get(10)?,
        device_key: row.get(11)?,
        pin_key: row.get(12)?,
        bio_key: row.get(13)?,
        bio_kind: match bio_kind.as_deref() {
            Some("fingerprint") => Some(BiometricKind::Fingerprint),
            Some("face") => Some(BiometricKind::Face),
            _ => None,
        },
        keys_version: row.get(15)?,
        counter: u64::try_from(counter).unwrap_or(0),
        failures: row.get(17)?,
        registered_at: from_millis(row.get(18)?),
        last_used_at: last_used.map(from_millis),
        pin_key_id: row.get(20)?,
        key_protection: KeyProtection::from_code(&row.get::<_, String>(21)?),
        app_attest_key: row.get(22)?,
        app_attest_counter: row.get::<_, Option<u32>>(23)?.unwrap_or(0),
    })
}

/// The profile `id`, if any.
pub fn profile(conn: &Connection, id: &str) -> ApiResult<Option<Profile>> {
    Ok(conn
        .prepare_cached(&PROFILE_BY_ID)?
        .query_row([id], profile_from_row)
        .optional()?)
}

/// Every profile of a customer, newest first.
pub fn profiles_of(conn: &Connection, customer_id: i64) -> ApiResult<Vec<Profile>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {PROFILE_COLUMNS} FROM profiles WHERE customer_id = ?1
         ORDER BY registered_at DESC, id"
    ))?;
    let rows = stmt.query_map([customer_id], profile_from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Stores a profile's new lifecycle state.
pub fn set_profile_state(
    conn: &Connection,
    id: &str,
    state: ProfileState,
    now: OffsetDateTime,
) -> ApiResult<()> {
    let ended =
        matches!(state, ProfileState::Revoked | ProfileState::Deleted).then(|| to_millis(now));
    conn.execute(
        "UPDATE profiles SET state = ?2, lock_reason = ?3, ended_at = COALESCE(?4, ended_at)
         WHERE id = ?1",
        params![
            id,
            state.code(),
            state.lock_reason().map(|r| r.code()),
            ended
        ],
    )?;
    Ok(())
}

/// Applies `event` to one profile, the lifecycle's rules deciding (`conflict` where it does
/// not apply), stores the new state and returns the profile as stored. An opening event
/// also sets the wrong-PIN count back to zero.
pub fn apply_to_profile(
    conn: &Connection,
    profile: &Profile,
    event: ProfileEvent,
    now: OffsetDateTime,
) -> ApiResult<Profile> {
    let next = profile
        .state
        .apply(event)
        .map_err(|_| ApiError::new(ErrorCode::Conflict))?;
    set_profile_state(conn, &profile.id, next, now)?;
    if matches!(
        event,
        ProfileEvent::Unlock(_) | ProfileEvent::UnlockedInOnlineBank
    ) {
        conn.execute(
            "UPDATE profiles SET failures = 0 WHERE id = ?1",
            [&profile.id],
        )?;
    }
    self::profile(conn, &profile.id)?.ok_or(ApiError::new(ErrorCode::NotFound))
}

/// Applies a lifecycle event to every profile of a customer where it is allowed, and
/// returns the ids of those that changed. (Events that do not apply, like locking a
/// revoked profile, leave it as it is.)
pub fn apply_to_profiles(
    conn: &Connection,
    customer_id: i64,
    event: avain_protocol::lifecycle::ProfileEvent,
    only_if: impl Fn(ProfileState) -> bool,
    now: OffsetDateTime,
) -> ApiResult<Vec<String>> {
    let mut changed = Vec::new();
    for profile in profiles_of(conn, customer_id)? {
        if !only_if(profile.state) {
            continue;
        }
        if let Ok(next) = profile.state.apply(event)
            && next != profile.state
        {
            set_profile_state(conn, &profile.id, next, now)?;
            if next == ProfileState::Active {
                conn.execute(
                    "UPDATE profiles SET failures = 0 WHERE id = ?1",
                    [&profile.id],
                )?;
            }
            changed.push(profile.id);
        }
    }
    Ok(changed)
}
