//! Sandbox-only endpoints (`/v1/sandbox/...`): the outbox, the clock, the demo customers,
//! the bank's keys, a reset, publishing a new OS policy, and the bank's branch (opening
//! locks only the bank can open). A real bank has none of these.

use avain_core::os_policy::{OsPolicy, SignedPolicy};
use avain_protocol::api::sandbox::{BankKeys, ClockChange, ClockState, DemoCustomerList, Outbox};
use avain_protocol::api::{Base64Bytes, ErrorCode};
use avain_protocol::lifecycle::{ProfileEvent, UnlockChannel};
use axum::extract::State;
use axum::http::StatusCode;
use rusqlite::Connection;
use serde::Deserialize;
use time::{Duration, OffsetDateTime};

use crate::bank_keys;
use crate::clock::{ClockMode, to_millis};
use crate::db::records;
use crate::error::{ApiError, ApiResult};
use crate::extract::{Json, PathId, Query};
use crate::seed;
use crate::state::{CurrentPolicy, POLICY_KEY_ID, Shared, sign_policy};

/// `GET /v1/sandbox/outbox?after=N&user_id=U`
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OutboxQuery {
    after: Option<String>,
    user_id: Option<String>,
}

/// `GET /v1/sandbox/outbox`
pub async fn outbox(
    State(state): State<Shared>,
    Query(query): Query<OutboxQuery>,
) -> ApiResult<axum::Json<Outbox>> {
    let after = match query.after.as_deref() {
        Some(text) => text
            .parse::<u64>()
            .map_err(|_| ApiError::new(ErrorCode::InvalidValue))?,
        None => 0,
    };
    Ok(axum::Json(Outbox {
        messages: state.outbox.list(after, query.user_id.as_deref()),
    }))
}

fn clock_state(state: &Shared) -> ClockState {
    ClockState {
        now: state.now(),
        frozen: matches!(state.clock.mode(), ClockMode::Frozen(_)),
    }
}

/// `GET /v1/sandbox/clock`
pub async fn clock(State(state): State<Shared>) -> axum::Json<ClockState> {
    axum::Json(clock_state(&state))
}

/// `POST /v1/sandbox/clock`: set, advance, or back to real time (exactly one).
pub async fn set_clock(
    State(state): State<Shared>,
    Json(change): Json<ClockChange>,
) -> ApiResult<axum::Json<ClockState>> {
    let mode = match (change.set, change.advance_s, change.real) {
        (Some(at), None, None) => ClockMode::Frozen(at),
        (None, Some(seconds), None) => {
            // Ten years either way is plenty for any test and keeps the arithmetic safe.
            if seconds.unsigned_abs() > 10 * 366 * 86_400 {
                return Err(ErrorCode::InvalidValue.into());
            }
            match state.clock.mode() {
                ClockMode::Running { offset } => ClockMode::Running {
                    offset: offset + Duration::seconds(seconds),
                },
                ClockMode::Frozen(at) => ClockMode::Frozen(at + Duration::seconds(seconds)),
            }
        }
        (None, None, Some(true)) => ClockMode::Running {
            offset: Duration::ZERO,
        },
        _ => return Err(ErrorCode::InvalidValue.into()),
    };
    state.clock.set_mode(mode);
    state.persist_clock().await?;
    Ok(axum::Json(clock_state(&state)))
}

/// `GET /v1/sandbox/customers`: every demo customer with their credentials.
pub async fn customers() -> axum::Json<DemoCustomerList> {
    axum::Json(DemoCustomerList {
        customers: seed::CUSTOMERS
            .iter()
            .map(seed::SeedCustomer::demo)
            .collect(),
    })
}

/// The bank's public keys.
pub fn bank_keys_of(keys: &bank_keys::BankKeys) -> BankKeys {
    BankKeys {
        challenge_key: Base64Bytes(keys.challenge.public_key()),
        policy_key: Base64Bytes(keys.policy.public_key()),
        policy_key_id: POLICY_KEY_ID.to_owned(),
    }
}

/// `GET /v1/sandbox/bank-keys`
pub async fn bank_keys(State(state): State<Shared>) -> axum::Json<BankKeys> {
    axum::Json(bank_keys_of(&state.keys))
}

/// Tables in the order they can be emptied (children before parents).
const TABLES: &[&str] = &[
    "approval_reports",
    "approval_events",
    "attestation_challenges",
    "pending_changes",
    "registrations",
    "key_card_attempts",
    "online_bank_confirmations",
    "transactions",
    "payees",
    "payments",
    "e_invoices",
    "messages",
    "meeting_participants",
    "meeting_guest_joins",
    "meeting_guests",
    "broker_assertions_used",
    "meetings",
    "document_parties",
    "documents",
    "identification_requests",
    "cards",
    "account_holders",
    "accounts",
    "profiles",
    "key_card_codes",
    "customers",
    "policies",
    "meta",
];

/// The built-in OS policy as the bank's first published one (sequence 1).
pub fn first_policy(now: OffsetDateTime) -> OsPolicy {
    let mut policy = OsPolicy::builtin();
    policy.sequence = 1;
    policy.issued = now.date();
    policy
}

/// Empties the database and seeds it again: demo customers, their data, the first policy.
pub fn seed_all(
    conn: &Connection,
    keys: &bank_keys::BankKeys,
    now: OffsetDateTime,
) -> ApiResult<CurrentPolicy> {
    for table in TABLES {
        conn.execute(&format!("DELETE FROM {table}"), [])?;
    }
    seed::insert(conn, &keys.hasher, now)?;
    let policy = first_policy(now);
    let signed = sign_policy(keys, &policy)?;
    store_policy(conn, &signed, now)?;
    conn.execute(
        "INSERT INTO meta (key, value) VALUES ('seeded_at', ?1)",
        [to_millis(now).to_string()],
    )?;
    Ok(CurrentPolicy { policy, signed })
}

/// Stores a signed policy.
pub fn store_policy(
    conn: &Connection,
    signed: &SignedPolicy,
    now: OffsetDateTime,
) -> ApiResult<()> {
    let document: OsPolicy = serde_json::from_slice(
        &base64_decode(&signed.document).ok_or(ApiError::new(ErrorCode::Internal))?,
    )
    .map_err(|e| ApiError::internal("stored policy", e))?;
    let json =
        serde_json::to_string(signed).map_err(|e| ApiError::internal("policy envelope", e))?;
    conn.execute(
        "INSERT INTO policies (sequence, document, signature, published_at) VALUES (?1, ?2, ?3, ?4)",
        rusqlite::params![
            i64::try_from(document.sequence).unwrap_or(i64::MAX),
            json,
            signed.signature.as_bytes(),
            to_millis(now)
        ],
    )?;
    Ok(())
}

fn base64_decode(text: &str) -> Option<Vec<u8>> {
    use base64::Engine;
    base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(text)
        .ok()
}

/// `POST /v1/sandbox/reset`: back to a fresh sandbox (same keys and certificate; the
/// clock back to real time; outbox, sessions and challenges emptied).
pub async fn reset(State(state): State<Shared>) -> ApiResult<StatusCode> {
    state.clock.set_mode(ClockMode::Running {
        offset: Duration::ZERO,
    });
    let now = state.now();
    let st = state.clone();
    let current = state
        .db
        .write(move |conn| seed_all(conn, &st.keys, now))
        .await?;
    match state.policy.write() {
        Ok(mut p) => *p = current,
        Err(poisoned) => *poisoned.into_inner() = current,
    }
    state.challenges.clear();
    state.sessions.clear();
    state.outbox.clear();
    Ok(StatusCode::NO_CONTENT)
}

/// `POST /v1/sandbox/policy`: publish a new OS policy (the bank gives it the next
/// sequence number and today's date, and signs it).
pub async fn publish_policy(
    State(state): State<Shared>,
    Json(policy): Json<OsPolicy>,
) -> ApiResult<(StatusCode, axum::Json<SignedPolicy>)> {
    if policy.format != avain_core::os_policy::POLICY_FORMAT {
        return Err(ErrorCode::InvalidValue.into());
    }
    let current = state.publish_policy(policy).await?;
    Ok((StatusCode::CREATED, axum::Json(current.signed)))
}

/// `GET /v1/policy`: the signed OS policy in force (public: the app fetches it before
/// anything else, also before registration).
pub async fn policy(State(state): State<Shared>) -> axum::Json<SignedPolicy> {
    axum::Json(state.current_policy().signed)
}

/// `POST /v1/sandbox/branch/customers/{user_id}/unlock`: at the bank: opens every lock of
/// the user code and of the profiles (including a lock from wrong key-card codes) and
/// lifts a block of the codes.
pub async fn branch_unlock(
    State(state): State<Shared>,
    PathId(user_id): PathId,
) -> ApiResult<StatusCode> {
    let now = state.now();
    state
        .db
        .write(move |conn| {
            let customer = records::customer_by_user_id(conn, &user_id)?
                .ok_or(ApiError::new(ErrorCode::NotFound))?;
            conn.execute(
                "UPDATE customers SET lock_reason = NULL, codes_blocked = 0, password_failures = 0,
                     key_card_failures = 0 WHERE id = ?1",
                [customer.id],
            )?;
            conn.execute(
                "UPDATE cards SET blocked = 0 WHERE customer_id = ?1",
                [customer.id],
            )?;
            records::apply_to_profiles(
                conn,
                customer.id,
                ProfileEvent::Unlock(UnlockChannel::AtBank),
                |s| s.lock_reason().is_some(),
                now,
            )?;
            Ok(())
        })
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::schema;

    #[test]
    fn reset_empties_every_table_the_schema_has() {
        let mut conn = Connection::open_in_memory().unwrap();
        schema::migrate(&mut conn).unwrap();
        let mut tables: Vec<String> = conn
            .prepare(
                "SELECT name FROM sqlite_master WHERE type = 'table'
                 AND name NOT LIKE 'sqlite_%' ORDER BY name",
            )
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        let mut listed: Vec<String> = TABLES.iter().map(|t| t.to_string()).collect();
        listed.sort();
        tables.sort();
        assert_eq!(listed, tables, "a table the reset does not empty");
    }
}
