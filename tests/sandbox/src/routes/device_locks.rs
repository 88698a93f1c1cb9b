//! Locking one profile in the online bank (a lost phone the customer hopes to find) and
//! opening it again. Locking needs no code, it only makes things safer; opening is
//! confirmed with a key-card code ([`confirmations`]). A profile the customer locked is
//! `Locked { reason: ByCustomer }`: its app sessions end, it approves nothing and the bank
//! refuses it with `profile_locked_by_customer` ([`records::Profile::require_active`]);
//! the phone shows where to open it. Opened, it works again without a new registration.

use avain_protocol::api::{CodeRequest, ErrorCode, KeyCardChallenge, TrustedDevice};
use avain_protocol::lifecycle::{LockReason, ProfileEvent, ProfileState, UnlockChannel};
use axum::extract::State;
use axum::http::StatusCode;

use crate::crypto;
use crate::db::records;
use crate::error::{ApiError, ApiResult};
use crate::extract::{BankSession, Json, PathId};
use crate::notify;
use crate::routes::confirmations::{self, Answer, NewConfirmation, Purpose};
use crate::routes::devices::trusted_device;
use crate::state::Shared;
use crate::texts::Notice;

/// The customer's lock.
pub const BY_CUSTOMER: ProfileState = ProfileState::Locked {
    reason: LockReason::ByCustomer,
};

/// `POST /v1/online-bank/devices/{id}/lock`: locks one usable (or PIN-locked) profile and
/// ends its app sessions: whoever holds the lost phone must lose what an open app shows
/// (balances, transactions, messages), not only the approvals. The bank tells the
/// customer by SMS, and the device by push so it can show the lock.
pub async fn lock(
    State(state): State<Shared>,
    session: BankSession,
    PathId(profile_id): PathId,
) -> ApiResult<axum::Json<TrustedDevice>> {
    session.require_password_ok()?;
    let customer_id = session.session.customer_id;
    let now = state.now();
    let (profile, customer) = state
        .db
        .write(move |conn| {
            let profile = records::profile(conn, &profile_id)?
                .filter(|p| p.customer_id == customer_id && !p.state.is_final())
                .ok_or(ApiError::new(ErrorCode::NotFound))?;
            let profile = records::apply_to_profile(
                conn,
                &profile,
                ProfileEvent::Lock(LockReason::ByCustomer),
                now,
            )?;
            Ok((profile, records::customer(conn, customer_id)?))
        })
        .await?;
    state.sessions.end_all(customer_id, Some(&profile.id));
    notify::sms(
        &state,
        &customer,
        "profile_locked_by_customer",
        Notice::ProfileLockedByCustomer,
    );
    notify::push(&state, &customer, &profile, "profile_locked", None);
    Ok(axum::Json(trusted_device(&profile, None)))
}

/// `POST /v1/online-bank/devices/{id}/open`: asks the key-card code that opens a profile
/// the customer locked.
pub async fn open_start(
    State(state): State<Shared>,
    session: BankSession,
    PathId(profile_id): PathId,
) -> ApiResult<(StatusCode, axum::Json<KeyCardChallenge>)> {
    session.require_password_ok()?;
    let customer_id = session.session.customer_id;
    let now = state.now();
    let challenge = state
        .db
        .write(move |conn| {
            let profile = records::profile(conn, &profile_id)?
                .filter(|p| p.customer_id == customer_id)
                .ok_or(ApiError::new(ErrorCode::NotFound))?;
            if profile.state != BY_CUSTOMER {
                return Err(ErrorCode::Conflict.into());
            }
            records::customer(conn, customer_id)?.require_usable()?;
            confirmations::open(
                conn,
                customer_id,
                Purpose::ProfileOpen,
                NewConfirmation {
                    id: &crypto::new_id("pro"),
                    sms_code_hash: None,
                    new_phone: None,
                    profile_id: Some(&profile.id),
                },
                now,
            )
        })
        .await?;
    Ok((StatusCode::CREATED, axum::Json(challenge)))
}

/// `POST /v1/online-bank/device-opens/{id}`: the key-card code; the profile is usable
/// again. The state is read again in the same job: a lock the bank made meanwhile (the
/// blocking service) is not opened here.
pub async fn open_finish(
    State(state): State<Shared>,
    session: BankSession,
    PathId(id): PathId,
    Json(body): Json<CodeRequest>,
) -> ApiResult<axum::Json<TrustedDevice>> {
    session.require_password_ok()?;
    let customer_id = session.session.customer_id;
    let now = state.now();
    let st = state.clone();
    let (profile, customer) = state
        .db
        .write(move |conn| {
            let confirmation = match confirmations::check(
                conn,
                &st,
                customer_id,
                Answer::key_card(&id, Purpose::ProfileOpen, body.code.expose()),
                now,
            )? {
                Ok(confirmation) => confirmation,
                Err(refused) => return Ok(Err(refused)),
            };
            let profile_id = confirmation.profile_id.unwrap_or_default();
            let profile = records::profile(conn, &profile_id)?
                .filter(|p| p.customer_id == customer_id && p.state == BY_CUSTOMER)
                .ok_or(ApiError::new(ErrorCode::Conflict))?;
            let profile = records::apply_to_profile(
                conn,
                &profile,
                ProfileEvent::Unlock(UnlockChannel::OnlineBank),
                now,
            )?;
            Ok(Ok((profile, confirmation.customer)))
        })
        .await??;
    notify::sms(
        &state,
        &customer,
        "profile_unlocked",
        Notice::ProfileUnlocked,
    );
    notify::push(&state, &customer, &profile, "profile_unlocked", None);
    Ok(axum::Json(trusted_device(&profile, None)))
}
