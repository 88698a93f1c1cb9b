//! Strong identification for third parties (Verohallinto, Kela, ...) through a broker.
//! The broker asks the bank; the bank pushes only the request's id to the customer's
//! devices; the app fetches the request with its challenge and approves with the PIN (or
//! biometrics) in one step, no separate login needed.

use avain_protocol::api::sandbox::{BrokerRequest, BrokerResult};
use avain_protocol::api::{
    ConfirmRequest, ErrorCode, IdentificationApproval, IdentificationChallengeRequest,
    IdentificationReject, IdentificationRequest, IdentificationStatus, LoginChannel, Purpose,
};
use avain_protocol::rules::text::is_single_line;
use avain_protocol::signed_bytes::Approval;
use axum::extract::State;
use axum::http::StatusCode;
use rusqlite::{Connection, OptionalExtension, params};
use time::{Duration, OffsetDateTime};

use crate::approvals::{self, require_shown_text};
use crate::clock::{from_millis, to_millis};
use crate::crypto;
use crate::db::records;
use crate::error::{ApiError, ApiResult};
use crate::extract::{Json, PathId};
use crate::notify;
use crate::routes::auth::{
    challenge_issued, count_challenge, issue_reported, profile_for_challenge,
};
use crate::state::Shared;
use crate::throttle::{ClientAddr, Counter};

/// A third-party service's name, as the bank shows it (the bank's own limit).
const SERVICE_NAME_MAX: usize = 80;

/// The identification broker the sandbox's third parties come through.
pub const BROKER: &str = "Tunnistuspalvelu Oy";
/// How long a request waits for the customer.
pub const REQUEST_TTL: Duration = Duration::minutes(5);

struct Row {
    customer_id: i64,
    request: IdentificationRequest,
}

fn load(conn: &Connection, id: &str, now: OffsetDateTime) -> ApiResult<Row> {
    let (customer_id, service, broker, status, expires): (i64, String, String, String, i64) = conn
        .query_row(
            "SELECT customer_id, service_name, broker_name, status, expires_at
             FROM identification_requests WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )
        .optional()?
        .ok_or(ApiError::new(ErrorCode::NotFound))?;
    let expires_at = from_millis(expires);
    let status = match status.as_str() {
        "approved" => IdentificationStatus::Approved,
        "rejected" => IdentificationStatus::Rejected,
        _ if now >= expires_at => IdentificationStatus::Expired,
        _ => IdentificationStatus::Pending,
    };
    Ok(Row {
        customer_id,
        request: IdentificationRequest {
            request_id: id.to_owned(),
            service_name: service,
            broker_name: broker,
            attributes: vec!["name".to_owned(), "hetu".to_owned()],
            status,
            expires_at,
        },
    })
}

fn require_pending(row: &Row) -> ApiResult<()> {
    match row.request.status {
        IdentificationStatus::Pending => Ok(()),
        IdentificationStatus::Expired => Err(ErrorCode::Expired.into()),
        _ => Err(ErrorCode::Conflict.into()),
    }
}

/// `POST /v1/sandbox/broker/identification-requests`: a service asks to identify a
/// customer; every active device of the customer gets a push with the request id.
pub async fn broker_create(
    State(state): State<Shared>,
    Json(body): Json<BrokerRequest>,
) -> ApiResult<(StatusCode, axum::Json<BrokerResult>)> {
    if !is_single_line(&body.service_name, SERVICE_NAME_MAX) {
        return Err(ErrorCode::InvalidValue.into());
    }
    let now = state.now();
    let id = crypto::new_id("idr");
    let request_id = id.clone();
    let (customer, profiles) = state
        .db
        .write(move |conn| {
            let customer = records::customer_by_user_id(conn, &body.user_id)?
                .ok_or(ApiError::new(ErrorCode::NotFound))?;
            conn.execute(
                "INSERT INTO identification_requests (id, customer_id, service_name, broker_name,
                     status, created_at, expires_at) VALUES (?1, ?2, ?3, ?4, 'pending', ?5, ?6)",
                params![
                    id,
                    customer.id,
                    body.service_name,
                    BROKER,
                    to_millis(now),
                    to_millis(now + REQUEST_TTL)
                ],
            )?;
            let profiles = records::profiles_of(conn, customer.id)?;
            Ok((customer, profiles))
        })
        .await?;
    for profile in profiles.iter().filter(|p| p.state.is_usable()) {
        notify::push(
            &state,
            &customer,
            profile,
            "identification_request",
            Some(request_id.clone()),
        );
    }
    Ok((
        StatusCode::CREATED,
        axum::Json(BrokerResult {
            request_id,
            status: IdentificationStatus::Pending,
            name: None,
        }),
    ))
}

/// `GET /v1/sandbox/broker/identification-requests/{id}`: the broker polls the outcome.
pub async fn broker_result(
    State(state): State<Shared>,
    PathId(id): PathId,
) -> ApiResult<axum::Json<BrokerResult>> {
    let now = state.now();
    state
        .db
        .read(move |conn| {
            let row = load(conn, &id, now)?;
            let name = if row.request.status == IdentificationStatus::Approved {
                Some(records::customer(conn, row.customer_id)?.name)
            } else {
                None
            };
            Ok(BrokerResult {
                request_id: id,
                status: row.request.status,
                name,
            })
        })
        .await
        .map(axum::Json)
}

/// `POST /v1/identification-requests/{id}/challenge`: asked without a session, so
/// throttled like the login's challenge (and sharing its counts).
pub async fn challenge(
    State(state): State<Shared>,
    client: ClientAddr,
    PathId(id): PathId,
    Json(body): Json<IdentificationChallengeRequest>,
) -> ApiResult<(StatusCode, axum::Json<IdentificationApproval>)> {
    count_challenge(&state, &body.profile_id, client)?;
    let (profile, _, reported) = profile_for_challenge(
        &state,
        &body.profile_id,
        &body.device.os_version,
        &body.device.app_version,
    )
    .await?;
    let now = state.now();
    let rid = id.clone();
    let row = state.db.read(move |conn| load(conn, &rid, now)).await?;
    // Someone else's request looks the same as no request.
    if row.customer_id != profile.customer_id {
        return Err(ErrorCode::NotFound.into());
    }
    require_pending(&row)?;
    let challenge = issue_reported(
        &state,
        &profile,
        Some(reported),
        Purpose::ThirdPartyIdentification,
        &row.request.service_name,
        Some(id),
        LoginChannel::App,
    )?;
    challenge_issued(&state, client);
    Ok((
        StatusCode::CREATED,
        axum::Json(IdentificationApproval {
            request: row.request,
            challenge,
        }),
    ))
}

/// `POST /v1/identification-requests/{id}/approve`
pub async fn approve(
    State(state): State<Shared>,
    PathId(id): PathId,
    Json(body): Json<ConfirmRequest>,
) -> ApiResult<axum::Json<IdentificationRequest>> {
    let now = state.now();
    let rid = id.clone();
    let row = state.db.read(move |conn| load(conn, &rid, now)).await?;
    require_pending(&row)?;
    let (service, broker) = (
        row.request.service_name.clone(),
        row.request.broker_name.clone(),
    );
    let request_id = id.clone();
    let (request, profile_id) = approvals::approve(
        &state,
        body.assertion,
        Purpose::ThirdPartyIdentification,
        Some(id.clone()),
        move |_, shown| {
            Ok(Approval::ThirdPartyIdentification {
                requester: service,
                broker,
                request_id,
                shown_text: require_shown_text(shown)?,
            })
        },
        move |conn, approved| {
            let row = load(conn, &id, now)?;
            require_pending(&row)?;
            if row.customer_id != approved.profile.customer_id {
                return Err(ErrorCode::ChallengeMismatch.into());
            }
            conn.execute(
                "UPDATE identification_requests SET status = 'approved', answered_at = ?2,
                     answered_by = ?3 WHERE id = ?1",
                params![id, to_millis(now), approved.profile.id],
            )?;
            Ok((load(conn, &id, now)?.request, approved.profile.id.clone()))
        },
    )
    .await?;
    // A challenge answered with a valid approval is not what the per-profile limit counts.
    state
        .throttle
        .clear(Counter::ChallengesPerProfile, &profile_id);
    Ok(axum::Json(request))
}

/// `POST /v1/identification-requests/{id}/reject`
pub async fn reject(
    State(state): State<Shared>,
    PathId(id): PathId,
    Json(body): Json<IdentificationReject>,
) -> ApiResult<axum::Json<IdentificationRequest>> {
    let now = state.now();
    state
        .db
        .write(move |conn| {
            let row = load(conn, &id, now)?;
            let profile = records::profile(conn, &body.profile_id)?
                .filter(|p| p.customer_id == row.customer_id && !p.state.is_final())
                .ok_or(ApiError::new(ErrorCode::NotFound))?;
            require_pending(&row)?;
            conn.execute(
                "UPDATE identification_requests SET status = 'rejected', answered_at = ?2,
                     answered_by = ?3 WHERE id = ?1",
                params![id, to_millis(now), profile.id],
            )?;
            Ok(load(conn, &id, now)?.request)
        })
        .await
        .map(axum::Json)
}
