//! Registering the code app: password -> key-card code -> SMS code -> device and keys.
//! The new profile starts pending: the customer unlocks it in the online bank.

use avain_protocol::api::{
    Base64Bytes, CodeRequest, ErrorCode, Factor, RegisteredProfile, RegistrationComplete,
    RegistrationStart, RegistrationStarted, RegistrationVerified, SmsCodeSent,
};
use avain_protocol::lifecycle::ProfileState;
use avain_protocol::rules::text::{PROFILE_NAME_MAX, is_single_line};
use avain_protocol::signed_bytes::{self, Approval, ChallengeContext};
use avain_protocol::verify::{FactorCheck, ProfileKeys, verify_signatures};
use axum::extract::State;
use axum::http::StatusCode;
use rusqlite::{OptionalExtension, params};
use time::{Date, Duration};

use crate::attestation::{self, RegistrationEvidence};
use crate::clock::{from_millis, to_millis};
use crate::credentials;
use crate::crypto;
use crate::db::records::{self, Customer};
use crate::error::{ApiError, ApiResult};
use crate::extract::{Json, PathId};
use crate::notify;
use crate::state::Shared;
use crate::texts::Notice;
use crate::throttle::{self, ClientAddr, Counter};

/// How long a registration may take.
pub const REGISTRATION_TTL: Duration = Duration::minutes(10);
/// Wrong SMS codes before the registration must start again.
pub const MAX_SMS_FAILURES: u32 = 3;

struct Registration {
    customer: Customer,
    step: String,
    key_card_index: u32,
    sms_code_hash: Option<Vec<u8>>,
    profile_id: String,
    device_id: String,
    nonce: Vec<u8>,
}

fn load(
    conn: &rusqlite::Connection,
    id: &str,
    now: time::OffsetDateTime,
) -> ApiResult<Registration> {
    let row = conn
        .query_row(
            "SELECT customer_id, step, key_card_index, sms_code_hash, profile_id, device_id,
                    nonce, expires_at
             FROM registrations WHERE id = ?1",
            [id],
            |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, u32>(2)?,
                    r.get::<_, Option<Vec<u8>>>(3)?,
                    r.get::<_, String>(4)?,
                    r.get::<_, String>(5)?,
                    r.get::<_, Vec<u8>>(6)?,
                    r.get::<_, i64>(7)?,
                ))
            },
        )
        .optional()?
        .ok_or(ApiError::new(ErrorCode::NotFound))?;
    let (customer_id, step, key_card_index, sms_code_hash, profile_id, device_id, nonce, expires) =
        row;
    if step == "failed" || now >= from_millis(expires) {
        return Err(ErrorCode::Expired.into());
    }
    let customer = records::customer(conn, customer_id)?;
    customer.require_usable()?;
    Ok(Registration {
        customer,
        step,
        key_card_index,
        sms_code_hash,
        profile_id,
        device_id,
        nonce,
    })
}

fn require_step(reg: &Registration, step: &str) -> ApiResult<()> {
    if reg.step == step {
        Ok(())
    } else {
        Err(ErrorCode::WrongStep.into())
    }
}

/// `POST /v1/registrations`: the online-bank user id and password. The password is
/// guessed here as at the online bank's login, so the same counters throttle it: the user
/// id's login starts, and the client address's failures (refunded when it is right).
pub async fn start(
    State(state): State<Shared>,
    client: ClientAddr,
    Json(body): Json<RegistrationStart>,
) -> ApiResult<(StatusCode, axum::Json<RegistrationStarted>)> {
    throttle::count_password_check(&state, &body.username, client)?;
    let customer =
        credentials::check_password(&state, &body.username, body.password.expose()).await?;
    state
        .throttle
        .refund_address(Counter::LoginFailuresPerAddress, client);
    if customer.password_change_required {
        return Err(ErrorCode::PasswordChangeRequired.into());
    }
    if customer.phone.is_none() {
        return Err(ErrorCode::NoPhoneNumber.into());
    }
    if !customer.sms_service {
        return Err(ErrorCode::SmsServiceOff.into());
    }
    let now = state.now();
    let expires_at = now + REGISTRATION_TTL;
    let id = crypto::new_id("reg");
    let registration_id = id.clone();
    let key_card_index = state
        .db
        .write(move |conn| {
            let key_card_index = credentials::key_card_index_in(conn, customer.id)?;
            conn.execute(
                "INSERT INTO registrations (id, customer_id, step, key_card_index, profile_id,
                     device_id, nonce, created_at, expires_at)
                 VALUES (?1, ?2, 'key_card', ?3, ?4, ?5, ?6, ?7, ?8)",
                params![
                    id,
                    customer.id,
                    key_card_index,
                    crypto::new_id("prf"),
                    crypto::new_id("dev"),
                    crypto::random_bytes::<32>().to_vec(),
                    to_millis(now),
                    to_millis(expires_at)
                ],
            )?;
            Ok(key_card_index)
        })
        .await?;
    Ok((
        StatusCode::CREATED,
        axum::Json(RegistrationStarted {
            registration_id,
            key_card_index,
            expires_at,
        }),
    ))
}

/// `POST /v1/registrations/{id}/key-card`
pub async fn key_card(
    State(state): State<Shared>,
    PathId(id): PathId,
    Json(body): Json<CodeRequest>,
) -> ApiResult<axum::Json<SmsCodeSent>> {
    let now = state.now();
    let st = state.clone();
    let (customer, code) = state
        .db
        .write(move |conn| {
            let reg = load(conn, &id, now)?;
            require_step(&reg, "key_card")?;
            if let Err(wrong) = credentials::check_key_card_in(
                conn,
                &st,
                &reg.customer,
                reg.key_card_index,
                body.code.expose(),
                now,
            )? {
                return Ok(Err(wrong));
            }
            let (code, hash) = credentials::new_sms_code(&st, &id);
            conn.execute(
                "UPDATE registrations SET step = 'sms', sms_code_hash = ?2 WHERE id = ?1",
                params![id, hash],
            )?;
            Ok(Ok((reg.customer, code)))
        })
        .await??;
    notify::sms(
        &state,
        &customer,
        "registration_sms_code",
        Notice::RegistrationCode(&code),
    );
    Ok(axum::Json(SmsCodeSent {
        phone_hint: notify::phone_hint(customer.phone.as_deref().unwrap_or_default()),
        expires_at: now + REGISTRATION_TTL,
    }))
}

/// `POST /v1/registrations/{id}/sms`
pub async fn sms(
    State(state): State<Shared>,
    PathId(id): PathId,
    Json(body): Json<CodeRequest>,
) -> ApiResult<axum::Json<RegistrationVerified>> {
    let now = state.now();
    let st = state.clone();
    state
        .db
        .write(move |conn| {
            let reg = load(conn, &id, now)?;
            require_step(&reg, "sms")?;
            let right = reg
                .sms_code_hash
                .as_deref()
                .is_some_and(|h| credentials::sms_code_matches(&st, &id, body.code.expose(), h));
            if !right {
                let failures: u32 = conn.query_row(
                    "UPDATE registrations SET sms_failures = sms_failures + 1 WHERE id = ?1
                     RETURNING sms_failures",
                    [&id],
                    |r| r.get(0),
                )?;
                if failures >= MAX_SMS_FAILURES {
                    conn.execute(
                        "UPDATE registrations SET step = 'failed' WHERE id = ?1",
                        [&id],
                    )?;
                    return Ok(Err(ApiError::new(ErrorCode::Expired)));
                }
                return Ok(Err(ApiError::with_attempts_left(
                    ErrorCode::SmsCodeWrong,
                    MAX_SMS_FAILURES - failures,
                )));
            }
            conn.execute(
                "UPDATE registrations SET step = 'device' WHERE id = ?1",
                [&id],
            )?;
            Ok(Ok(RegistrationVerified {
                profile_id: reg.profile_id,
                device_id: reg.device_id,
                nonce: Base64Bytes(reg.nonce),
                customer_name: reg.customer.name.clone(),
                customer_kind: reg.customer.kind,
                birth_date: reg.customer.birth_date.as_deref().and_then(|d| {
                    Date::parse(d, &time::format_description::well_known::Iso8601::DATE).ok()
                }),
            }))
        })
        .await?
        .map(axum::Json)
}

/// A version or model string as the shells report them.
fn valid_device_text(text: &str) -> bool {
    !text.is_empty() && text.len() <= 64 && !text.chars().any(char::is_control)
}

/// `POST /v1/registrations/{id}/complete`
pub async fn complete(
    State(state): State<Shared>,
    PathId(id): PathId,
    Json(body): Json<RegistrationComplete>,
) -> ApiResult<(StatusCode, axum::Json<RegisteredProfile>)> {
    let now = state.now();
    let d = &body.device;
    if !is_single_line(&body.profile_name, PROFILE_NAME_MAX)
        || ![&d.model, &d.os_version, &d.app_version, &d.platform]
            .iter()
            .all(|t| valid_device_text(t))
        || d.push_token
            .as_ref()
            .is_some_and(|t| t.expose().len() > 4096)
    {
        return Err(ErrorCode::InvalidValue.into());
    }
    if !crypto::is_valid_p256_public_key(body.device_public_key.as_slice())
        || !crypto::is_valid_ed25519_public_key(body.pin_public_key.as_slice())
    {
        return Err(ErrorCode::InvalidValue.into());
    }
    state.check_device(&d.platform, &d.os_version, &d.app_version, true)?;

    let reg_id = id.clone();
    let reg = state
        .db
        .read(move |conn| {
            let reg = load(conn, &reg_id, now)?;
            require_step(&reg, "device")?;
            Ok((reg.profile_id, reg.device_id, reg.nonce))
        })
        .await?;
    let (profile_id, device_id, nonce) = reg;
    let context = ChallengeContext {
        nonce,
        profile_id: profile_id.clone(),
        device_id: device_id.clone(),
        counter: 0,
    };
    let approval = Approval::Registration {
        device_public_key: body.device_public_key.0.clone(),
        pin_public_key: body.pin_public_key.0.clone(),
        profile_name: body.profile_name.clone(),
    };
    let bytes = signed_bytes::encode(&context, &approval)
        .map_err(|_| ApiError::new(ErrorCode::InvalidValue))?;
    // Proof of possession of both private keys; a failure here counts towards nothing
    // (there is no profile yet) but ends nothing either: the device may try again.
    let keys = ProfileKeys {
        device: body.device_public_key.as_slice(),
        pin: body.pin_public_key.as_slice(),
        biometric: None,
    };
    let proven = verify_signatures(
        &keys,
        Factor::Pin,
        &bytes,
        body.device_signature.as_slice(),
        body.pin_signature.as_slice(),
    );
    if proven != Ok(FactorCheck::Verified) {
        return Err(ErrorCode::SignatureInvalid.into());
    }
    // The keys are proven; now whether K_dev is in the phone's hardware, as the platform
    // vouches, bound to this registration (docs/attestation.md). A required attestation
    // that is missing or fails ends here; the registration may be tried again.
    let verdict = attestation::check_registration(
        &state.attestation,
        &RegistrationEvidence {
            platform: &d.platform,
            evidence: body.attestation.as_ref(),
            nonce: &context.nonce,
            profile_id: &profile_id,
            device_id: &device_id,
            device_public_key: body.device_public_key.as_slice(),
            signed_bytes: bytes.as_bytes(),
        },
        now,
    )?;
    let key_protection = verdict.key_protection;

    let name = body.profile_name.clone();
    let pid = profile_id.clone();
    let customer = state
        .db
        .write(move |conn| {
            let reg = load(conn, &id, now)?;
            require_step(&reg, "device")?;
            conn.execute(
                "INSERT INTO profiles (id, device_id, customer_id, name, state, platform, model,
                     os_version, app_version, has_push, device_key, pin_key, registered_at,
                     key_protection, attestation_reason, attestation_security_level,
                     keymint_security_level, app_attest_key, app_attest_counter)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16,
                     ?17, ?18, ?19)",
                params![
                    pid,
                    device_id,
                    reg.customer.id,
                    name,
                    ProfileState::PendingUnlock.code(),
                    body.device.platform,
                    body.device.model,
                    body.device.os_version,
                    body.device.app_version,
                    body.device.push_token.is_some(),
                    body.device_public_key.0,
                    body.pin_public_key.0,
                    to_millis(now),
                    verdict.key_protection.code(),
                    verdict.reason,
                    verdict.levels.map(|(attestation, _)| attestation.code()),
                    verdict.levels.map(|(_, keymint)| keymint.code()),
                    verdict.app_attest_key,
                    verdict.app_attest_key_counter(),
                ],
            )?;
            conn.execute(
                "UPDATE registrations SET step = 'done' WHERE id = ?1",
                [&id],
            )?;
            Ok(reg.customer)
        })
        .await?;
    notify::sms(
        &state,
        &customer,
        "profile_pending_unlock",
        Notice::ProfilePending,
    );
    Ok((
        StatusCode::CREATED,
        axum::Json(RegisteredProfile {
            profile_id,
            state: ProfileState::PendingUnlock,
            profile_name: body.profile_name,
            key_protection: Some(key_protection),
        }),
    ))
}
