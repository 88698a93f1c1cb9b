//! Trusted devices, PIN change and biometric keys (in the app, logged in).

use avain_protocol::api::{
    ApprovalRequired, BiometricKeyRequest, BiometricKind, ConfirmRequest, DeviceList, ErrorCode,
    Factor, KeyProtection, LoginChannel, PendingChange, PinChangeRequest, ProfileStatus, Purpose,
    TrustedDevice,
};
use avain_protocol::signed_bytes::Approval;
use axum::extract::State;
use axum::http::StatusCode;
use rusqlite::{OptionalExtension, params};
use time::Date;
use time::format_description::well_known::Iso8601;

use crate::approvals::{self, require_shown_text};
use crate::clock::to_millis;
use crate::crypto;
use crate::db::records::{self, Profile};
use crate::error::{ApiError, ApiResult};
use crate::extract::{AppSession, Json, PathId};
use crate::notify;
use crate::routes::auth::{BANK_REQUESTER, issue};
use crate::routes::biometric_attestation;
use crate::routes::online_bank::revoke;
use crate::state::Shared;
use crate::texts::Notice;

/// A profile as the trusted-devices list shows it.
pub fn trusted_device(profile: &Profile, this_profile: Option<&str>) -> TrustedDevice {
    TrustedDevice {
        profile_id: profile.id.clone(),
        device_id: profile.device_id.clone(),
        profile_name: profile.name.clone(),
        model: profile.model.clone(),
        platform: profile.platform.clone(),
        os_version: profile.os_version.clone(),
        app_version: profile.app_version.clone(),
        state: profile.state,
        biometric: profile.bio_kind,
        registered_at: profile.registered_at,
        last_used_at: profile.last_used_at,
        this_device: this_profile == Some(profile.id.as_str()),
        key_protection: Some(profile.key_protection),
    }
}

/// The session's profile, active.
pub async fn session_profile(state: &Shared, session: &AppSession) -> ApiResult<Profile> {
    let id = session.profile_id.clone();
    let profile = state
        .db
        .read(move |conn| records::profile(conn, &id))
        .await?
        .ok_or(ApiError::new(ErrorCode::Unauthorized))?;
    profile.require_active()?;
    Ok(profile)
}

/// `GET /v1/devices`
pub async fn list(
    State(state): State<Shared>,
    session: AppSession,
) -> ApiResult<axum::Json<DeviceList>> {
    let customer_id = session.session.customer_id;
    let this = session.profile_id.clone();
    let devices = state
        .db
        .read(move |conn| {
            Ok(records::profiles_of(conn, customer_id)?
                .iter()
                .filter(|p| !p.state.is_final())
                .map(|p| trusted_device(p, Some(&this)))
                .collect())
        })
        .await?;
    Ok(axum::Json(DeviceList { devices }))
}

/// `POST /v1/devices/{device_id}/removal`: the challenge to approve removing a device.
pub async fn removal(
    State(state): State<Shared>,
    session: AppSession,
    PathId(device_id): PathId,
) -> ApiResult<(StatusCode, axum::Json<ApprovalRequired>)> {
    let profile = session_profile(&state, &session).await?;
    let customer_id = session.session.customer_id;
    let target = device_id.clone();
    state
        .db
        .read(move |conn| {
            let found: Option<String> = conn
                .query_row(
                    "SELECT id FROM profiles WHERE device_id = ?1 AND customer_id = ?2
                     AND state <> 'revoked'",
                    params![target, customer_id],
                    |r| r.get(0),
                )
                .optional()?;
            found.map(|_| ()).ok_or(ApiError::new(ErrorCode::NotFound))
        })
        .await?;
    let challenge = issue(
        &state,
        &profile,
        Purpose::DeviceRemoval,
        BANK_REQUESTER,
        Some(device_id),
        LoginChannel::App,
    )?;
    Ok((
        StatusCode::CREATED,
        axum::Json(ApprovalRequired { challenge }),
    ))
}

/// `POST /v1/devices/{device_id}/removal/confirm`
pub async fn confirm_removal(
    State(state): State<Shared>,
    session: AppSession,
    PathId(device_id): PathId,
    Json(body): Json<ConfirmRequest>,
) -> ApiResult<StatusCode> {
    let customer_id = session.session.customer_id;
    let now = state.now();
    let target = device_id.clone();
    let subject = device_id.clone();
    let (removed, customer) = approvals::approve(
        &state,
        body.assertion,
        Purpose::DeviceRemoval,
        Some(subject.clone()),
        |_, shown| {
            Ok(Approval::DeviceRemoval {
                target_device_id: target.clone(),
                shown_text: require_shown_text(shown)?,
            })
        },
        move |conn, approved| {
            if approved.profile.id != session.profile_id {
                return Err(ErrorCode::ChallengeMismatch.into());
            }
            let profile_id: String = conn
                .query_row(
                    "SELECT id FROM profiles WHERE device_id = ?1 AND customer_id = ?2",
                    params![device_id, customer_id],
                    |r| r.get(0),
                )
                .optional()?
                .ok_or(ApiError::new(ErrorCode::NotFound))?;
            revoke(conn, customer_id, &profile_id, now)
        },
    )
    .await?;
    state.sessions.end_all(customer_id, Some(&removed.id));
    notify::sms(&state, &customer, "device_removed", Notice::DeviceRemoved);
    Ok(StatusCode::NO_CONTENT)
}

async fn start_change(
    state: &Shared,
    session: &AppSession,
    kind: &'static str,
    public_key: Vec<u8>,
    biometric: Option<(BiometricKind, KeyProtection)>,
    purpose: Purpose,
) -> ApiResult<(StatusCode, axum::Json<PendingChange>)> {
    let profile = match session_profile(state, session).await {
        Err(e) if e.code != ErrorCode::Unauthorized && kind == "biometric" => {
            return Err(ErrorCode::ProfileNotActive.into());
        }
        other => other?,
    };
    let change_id = crypto::new_id("chg");
    let (id, pid, now) = (
        change_id.clone(),
        profile.id.clone(),
        to_millis(state.now()),
    );
    let (profile, birth_date) = state
        .db
        .write(move |conn| {
            // One pending change of a kind per profile: a new request replaces the old,
            // which can then never be confirmed (its confirmation finds no row).
            conn.execute(
                "DELETE FROM pending_changes WHERE profile_id = ?1 AND kind = ?2",
                params![pid, kind],
            )?;
            conn.execute(
                "INSERT INTO pending_changes (id, profile_id, kind, public_key, bio_kind,
                     key_protection, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![
                    id,
                    pid,
                    kind,
                    public_key,
                    biometric.map(|(k, _)| k.code()),
                    biometric.map(|(_, p)| p.code()),
                    now
                ],
            )?;
            // The challenge names the K_pin current after this job: a change committed
            // before it, or none that can still commit.
            let profile =
                records::profile(conn, &pid)?.ok_or(ApiError::new(ErrorCode::Unauthorized))?;
            let birth_date = match kind {
                "pin" => records::customer(conn, profile.customer_id)?
                    .birth_date
                    .as_deref()
                    .and_then(|d| Date::parse(d, &Iso8601::DATE).ok()),
                _ => None,
            };
            Ok((profile, birth_date))
        })
        .await?;
    let challenge = issue(
        state,
        &profile,
        purpose,
        BANK_REQUESTER,
        Some(change_id.clone()),
        LoginChannel::App,
    )?;
    Ok((
        StatusCode::CREATED,
        axum::Json(PendingChange {
            change_id,
            challenge,
            birth_date,
        }),
    ))
}

async fn confirm_change(
    state: &Shared,
    session: AppSession,
    change_id: String,
    kind: &'static str,
    purpose: Purpose,
    assertion: avain_protocol::api::Assertion,
) -> ApiResult<ProfileStatus> {
    // Key changes are approved with the PIN: the biometric key is not trusted for
    // replacing keys.
    if assertion.factor != Factor::Pin {
        return Err(ErrorCode::InvalidValue.into());
    }
    let (id, pid) = (change_id.clone(), session.profile_id.clone());
    let (public_key, bio_kind, bio_protection): (Vec<u8>, Option<String>, Option<String>) = state
        .db
        .read(move |conn| {
            conn.query_row(
                "SELECT public_key, bio_kind, key_protection FROM pending_changes
                 WHERE id = ?1 AND profile_id = ?2 AND kind = ?3",
                params![id, pid, kind],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?
            .ok_or(ApiError::new(ErrorCode::NotFound))
        })
        .await?;
    let key = public_key.clone();
    let profile_id = session.profile_id.clone();
    let subject = change_id.clone();
    approvals::approve(
        state,
        assertion,
        purpose,
        Some(subject),
        move |_, _| {
            Ok(match kind {
                "pin" => Approval::PinChange {
                    new_pin_public_key: key,
                },
                _ => Approval::BiometricRegistration {
                    biometric_public_key: key,
                },
            })
        },
        move |conn, approved| {
            if approved.profile.id != profile_id {
                return Err(ErrorCode::ChallengeMismatch.into());
            }
            // Still pending, in this transaction: a newer request may have replaced it
            // since it was read.
            let still_pending = conn.execute(
                "DELETE FROM pending_changes
                 WHERE id = ?1 AND profile_id = ?2 AND kind = ?3 AND public_key = ?4",
                params![change_id, profile_id, kind, public_key],
            )?;
            if still_pending != 1 {
                return Err(ErrorCode::NotFound.into());
            }
            if kind == "pin" {
                conn.execute(
                    "UPDATE profiles SET pin_key = ?2, pin_key_id = ?3,
                         keys_version = keys_version + 1
                     WHERE id = ?1",
                    params![profile_id, public_key, change_id],
                )?;
            } else {
                conn.execute(
                    "UPDATE profiles SET bio_key = ?2, bio_kind = ?3, bio_key_protection = ?4,
                         keys_version = keys_version + 1
                     WHERE id = ?1",
                    params![profile_id, public_key, bio_kind, bio_protection],
                )?;
            }
            let profile =
                records::profile(conn, &profile_id)?.ok_or(ApiError::new(ErrorCode::NotFound))?;
            Ok(ProfileStatus {
                profile_id: profile.id,
                state: profile.state,
                biometric: profile.bio_kind,
            })
        },
    )
    .await
}

/// `POST /v1/pin-changes`: the new K_pin public key; approve with the old PIN.
pub async fn pin_change(
    State(state): State<Shared>,
    session: AppSession,
    Json(body): Json<PinChangeRequest>,
) -> ApiResult<(StatusCode, axum::Json<PendingChange>)> {
    if !crypto::is_valid_ed25519_public_key(body.new_pin_public_key.as_slice()) {
        return Err(ErrorCode::InvalidValue.into());
    }
    start_change(
        &state,
        &session,
        "pin",
        body.new_pin_public_key.0,
        None,
        Purpose::PinChange,
    )
    .await
}

/// `POST /v1/pin-changes/{id}/confirm`
pub async fn confirm_pin_change(
    State(state): State<Shared>,
    session: AppSession,
    PathId(id): PathId,
    Json(body): Json<ConfirmRequest>,
) -> ApiResult<axum::Json<ProfileStatus>> {
    confirm_change(
        &state,
        session,
        id,
        "pin",
        Purpose::PinChange,
        body.assertion,
    )
    .await
    .map(axum::Json)
}

/// `POST /v1/biometric-keys`: register K_bio (only while the profile is active).
pub async fn biometric_key(
    State(state): State<Shared>,
    session: AppSession,
    Json(body): Json<BiometricKeyRequest>,
) -> ApiResult<(StatusCode, axum::Json<PendingChange>)> {
    // A request is read strictly: a kind the bank does not know is refused.
    if body.kind == BiometricKind::Unknown
        || !crypto::is_valid_p256_public_key(body.public_key.as_slice())
    {
        return Err(ErrorCode::InvalidValue.into());
    }
    let profile = match session_profile(&state, &session).await {
        Err(e) if e.code != ErrorCode::Unauthorized => {
            return Err(ErrorCode::ProfileNotActive.into());
        }
        other => other?,
    };
    // K_bio's evidence (Android) under the attestation policy; stored with the change.
    let protection = biometric_attestation::check_request(&state, &profile, &body).await?;
    start_change(
        &state,
        &session,
        "biometric",
        body.public_key.0,
        Some((body.kind, protection)),
        Purpose::BiometricRegistration,
    )
    .await
}

/// `POST /v1/biometric-keys/{id}/confirm`
pub async fn confirm_biometric_key(
    State(state): State<Shared>,
    session: AppSession,
    PathId(id): PathId,
    Json(body): Json<ConfirmRequest>,
) -> ApiResult<axum::Json<ProfileStatus>> {
    confirm_change(
        &state,
        session,
        id,
        "biometric",
        Purpose::BiometricRegistration,
        body.assertion,
    )
    .await
    .map(axum::Json)
}

/// `DELETE /v1/biometric-keys/current`: switch biometrics off (e.g. after the platform
/// reported a changed biometric set). Needs no approval: it only removes a way in.
pub async fn remove_biometric_key(
    State(state): State<Shared>,
    session: AppSession,
) -> ApiResult<axum::Json<ProfileStatus>> {
    let profile_id = session.profile_id.clone();
    let status = state
        .db
        .write(move |conn| {
            conn.execute(
                "UPDATE profiles SET bio_key = NULL, bio_kind = NULL, bio_key_protection = NULL,
                     keys_version = keys_version + 1
                 WHERE id = ?1",
                [&profile_id],
            )?;
            let profile =
                records::profile(conn, &profile_id)?.ok_or(ApiError::new(ErrorCode::NotFound))?;
            Ok(ProfileStatus {
                profile_id: profile.id,
                state: profile.state,
                biometric: profile.bio_kind,
            })
        })
        .await?;
    Ok(axum::Json(status))
}
