//! "This was not me": a customer reports an approval they do not recognise. The bank
//! records it for its fraud team (once per approval; reporting again returns the first
//! report) and confirms by SMS with the blocking service's numbers.

use avain_protocol::api::{ApprovalReport, ApprovalReportReceipt, ErrorCode, Purpose};
use axum::extract::State;
use axum::http::StatusCode;
use rusqlite::{OptionalExtension, params};

use crate::clock::{from_millis, to_millis};
use crate::crypto;
use crate::db::records;
use crate::error::{ApiError, ApiResult};
use crate::extract::{AppSession, Json, PathId};
use crate::notify;
use crate::state::Shared;
use crate::texts::Notice;

/// `POST /v1/approvals/{id}/reports`: `id` is the challenge the approval answered. Only
/// approvals that succeeded, by one of this customer's profiles, can be reported.
pub async fn report(
    State(state): State<Shared>,
    session: AppSession,
    PathId(challenge_id): PathId,
    Json(body): Json<ApprovalReport>,
) -> ApiResult<(StatusCode, axum::Json<ApprovalReportReceipt>)> {
    let comment = avain_protocol::rules::text::report_comment(body.comment.as_deref())
        .map_err(|_| ApiError::new(ErrorCode::InvalidValue))?;
    let customer_id = session.session.customer_id;
    let reporter = session.profile_id.clone();
    let now = state.now();
    let report_id = crypto::new_id("rpt");
    let (receipt, fresh) = state
        .db
        .write(move |conn| {
            let approved: Option<(String, String)> = conn
                .query_row(
                    "SELECT e.profile_id, e.purpose FROM approval_events e
                     JOIN profiles p ON p.id = e.profile_id
                     WHERE e.challenge_id = ?1 AND e.outcome = 'approved' AND p.customer_id = ?2",
                    params![challenge_id, customer_id],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?;
            let Some((profile_id, purpose)) = approved else {
                return Err(ApiError::new(ErrorCode::NotFound));
            };
            let purpose = Purpose::from_code(&purpose)
                .ok_or_else(|| ApiError::internal("stored purpose", "unknown"))?;
            let existing: Option<(String, i64)> = conn
                .query_row(
                    "SELECT id, reported_at FROM approval_reports WHERE challenge_id = ?1",
                    [&challenge_id],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?;
            let (id, at, fresh) = match existing {
                Some((id, at)) => (id, at, false),
                None => {
                    conn.execute(
                        "INSERT INTO approval_reports (id, challenge_id, customer_id, profile_id,
                             reported_by, purpose, comment, reported_at)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                        params![
                            report_id,
                            challenge_id,
                            customer_id,
                            profile_id,
                            reporter,
                            purpose.code(),
                            comment,
                            to_millis(now)
                        ],
                    )?;
                    (report_id, to_millis(now), true)
                }
            };
            Ok((
                ApprovalReportReceipt {
                    report_id: id,
                    approval_id: challenge_id,
                    purpose,
                    received_at: from_millis(at),
                },
                fresh,
            ))
        })
        .await?;
    if fresh {
        let customer = state
            .db
            .read(move |conn| records::customer(conn, customer_id))
            .await?;
        notify::sms(
            &state,
            &customer,
            "approval_reported",
            Notice::ApprovalReported,
        );
    }
    let status = if fresh {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((status, axum::Json(receipt)))
}
