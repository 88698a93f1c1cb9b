//! The attestation challenge an Android phone generates K_bio with, and the check of
//! K_bio's evidence when biometrics are switched on (docs/attestation.md). The nonce is
//! single use, bound to the session's profile and short-lived, so evidence made for one
//! request, or for another profile, never counts for another.

use avain_protocol::api::{
    AttestationChallenge, Base64Bytes, BiometricKeyRequest, ErrorCode, KeyProtection,
};
use axum::extract::State;
use axum::http::StatusCode;
use rusqlite::{OptionalExtension, params};
use time::Duration;

use crate::attestation::{self, BiometricEvidence};
use crate::clock::{from_millis, to_millis};
use crate::crypto;
use crate::db::records::Profile;
use crate::error::{ApiError, ApiResult};
use crate::extract::AppSession;
use crate::routes::devices::session_profile;
use crate::state::Shared;

/// How long the phone has to generate K_bio and send its request.
pub const CHALLENGE_TTL: Duration = Duration::minutes(5);

/// `POST /v1/biometric-keys/attestation-challenges`
pub async fn challenge(
    State(state): State<Shared>,
    session: AppSession,
) -> ApiResult<(StatusCode, axum::Json<AttestationChallenge>)> {
    let profile = match session_profile(&state, &session).await {
        Err(e) if e.code != ErrorCode::Unauthorized => {
            return Err(ErrorCode::ProfileNotActive.into());
        }
        other => other?,
    };
    let now = state.now();
    let expires_at = now + CHALLENGE_TTL;
    let nonce = crypto::random_bytes::<32>().to_vec();
    let stored = nonce.clone();
    state
        .db
        .write(move |conn| {
            // Expired nonces are of no use to anyone; they go as new ones come.
            conn.execute(
                "DELETE FROM attestation_challenges WHERE expires_at <= ?1",
                [to_millis(now)],
            )?;
            conn.execute(
                "INSERT INTO attestation_challenges (nonce, profile_id, expires_at)
                 VALUES (?1, ?2, ?3)",
                params![stored, profile.id, to_millis(expires_at)],
            )?;
            Ok(())
        })
        .await?;
    Ok((
        StatusCode::CREATED,
        axum::Json(AttestationChallenge {
            nonce: Base64Bytes(nonce),
            expires_at,
        }),
    ))
}

/// K_bio's protection for a biometric key request: the nonce taken (once), the evidence
/// checked under the policy in force. A required attestation missing or failing is
/// refused; the nonce is spent either way.
pub async fn check_request(
    state: &Shared,
    profile: &Profile,
    body: &BiometricKeyRequest,
) -> ApiResult<KeyProtection> {
    let now = state.now();
    if let Some(nonce) = &body.attestation_nonce {
        let (nonce, profile_id) = (nonce.0.clone(), profile.id.clone());
        state
            .db
            .write(move |conn| take_nonce(conn, &nonce, &profile_id, now))
            .await?;
    }
    attestation::check_biometric_key(
        &state.attestation,
        &BiometricEvidence {
            platform: &profile.platform,
            evidence: body.attestation.as_ref(),
            nonce: body.attestation_nonce.as_ref().map(Base64Bytes::as_slice),
            profile_id: &profile.id,
            device_id: &profile.device_id,
            public_key: body.public_key.as_slice(),
            has_app_attest_key: profile.app_attest_key.is_some(),
        },
        now,
    )
}

/// Marks the nonce used: unknown, another profile's, used or expired is refused.
fn take_nonce(
    conn: &rusqlite::Connection,
    nonce: &[u8],
    profile_id: &str,
    now: time::OffsetDateTime,
) -> ApiResult<()> {
    let row: Option<(String, i64, bool)> = conn
        .query_row(
            "SELECT profile_id, expires_at, used FROM attestation_challenges WHERE nonce = ?1",
            [nonce],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    let Some((owner, expires_at, used)) = row else {
        return Err(ErrorCode::ChallengeUnknown.into());
    };
    if owner != profile_id {
        return Err(ErrorCode::ChallengeMismatch.into());
    }
    if used {
        return Err(ErrorCode::ChallengeUsed.into());
    }
    if now >= from_millis(expires_at) {
        return Err(ApiError::new(ErrorCode::ChallengeExpired));
    }
    conn.execute(
        "UPDATE attestation_challenges SET used = 1 WHERE nonce = ?1",
        [nonce],
    )?;
    Ok(())
}
