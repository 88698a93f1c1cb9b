//! The signing service: documents waiting for my signature, pending (others still to
//! sign), completed (everybody signed: an SMS to every party). Completed documents can be
//! downloaded for 30 days.

use avain_protocol::api::{
    ApprovalRequired, Base64Bytes, ConfirmRequest, Document, DocumentList, DocumentParty,
    DocumentStatus, DocumentSummary, ErrorCode, LoginChannel, Purpose,
};
use avain_protocol::rules::signing::download_until;
use avain_protocol::signed_bytes::Approval;
use axum::extract::State;
use axum::http::StatusCode;
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::response::IntoResponse;
use rusqlite::{Connection, OptionalExtension, params};
use time::OffsetDateTime;

use crate::approvals::{self, require_shown_text};
use crate::clock::{from_millis, to_millis};
use crate::db::records::{self, Customer};
use crate::error::{ApiError, ApiResult};
use crate::extract::{AppSession, Json, PathId};
use crate::notify;
use crate::routes::auth::{BANK_REQUESTER, issue};
use crate::routes::devices::session_profile;
use crate::state::Shared;
use crate::texts::Notice;

/// How long completed documents can be downloaded.
pub use avain_protocol::rules::signing::DOWNLOAD_PERIOD;

struct Stored {
    summary: DocumentSummary,
    content: String,
    /// (customer id, signed) per party.
    parties: Vec<(i64, bool)>,
}

fn load(conn: &Connection, id: &str, customer_id: i64) -> ApiResult<Stored> {
    let (title, content, sha, completed): (String, String, Vec<u8>, Option<i64>) = conn
        .query_row(
            "SELECT title, content, sha256, completed_at FROM documents WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .optional()?
        .ok_or(ApiError::new(ErrorCode::NotFound))?;
    let mut stmt = conn.prepare_cached(
        "SELECT p.customer_id, c.name, p.signed_at FROM document_parties p
         JOIN customers c ON c.id = p.customer_id WHERE p.document_id = ?1 ORDER BY p.position",
    )?;
    let mut parties = Vec::new();
    let mut shown = Vec::new();
    for row in stmt.query_map([id], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, Option<i64>>(2)?,
        ))
    })? {
        let (party, name, signed) = row?;
        parties.push((party, signed.is_some()));
        shown.push(DocumentParty {
            name,
            signed_at: signed.map(from_millis),
        });
    }
    // Documents of other customers do not exist for this one.
    let Some(mine) = parties.iter().find(|(c, _)| *c == customer_id) else {
        return Err(ErrorCode::NotFound.into());
    };
    let completed_at = completed.map(from_millis);
    let status = if completed_at.is_some() {
        DocumentStatus::Completed
    } else if mine.1 {
        DocumentStatus::Pending
    } else {
        DocumentStatus::Waiting
    };
    Ok(Stored {
        summary: DocumentSummary {
            document_id: id.to_owned(),
            title,
            status,
            parties: shown,
            sha256: Base64Bytes(sha),
            completed_at,
            download_until: completed_at.map(download_until),
        },
        content,
        parties,
    })
}

/// `GET /v1/documents`
pub async fn list(
    State(state): State<Shared>,
    session: AppSession,
) -> ApiResult<axum::Json<DocumentList>> {
    let customer_id = session.session.customer_id;
    state
        .db
        .read(move |conn| {
            let ids: Vec<String> = conn
                .prepare_cached(
                    "SELECT d.id FROM documents d JOIN document_parties p ON p.document_id = d.id
                     WHERE p.customer_id = ?1 ORDER BY d.created_at DESC",
                )?
                .query_map([customer_id], |r| r.get(0))?
                .collect::<Result<_, _>>()?;
            let mut list = DocumentList {
                waiting: vec![],
                pending: vec![],
                completed: vec![],
            };
            for id in ids {
                let summary = load(conn, &id, customer_id)?.summary;
                match summary.status {
                    DocumentStatus::Waiting => list.waiting.push(summary),
                    DocumentStatus::Pending => list.pending.push(summary),
                    DocumentStatus::Completed => list.completed.push(summary),
                    // Stored statuses are the three above; nothing else is listed.
                    DocumentStatus::Unknown => {}
                }
            }
            Ok(list)
        })
        .await
        .map(axum::Json)
}

/// `GET /v1/documents/{id}`: read before signing.
pub async fn get(
    State(state): State<Shared>,
    session: AppSession,
    PathId(id): PathId,
) -> ApiResult<axum::Json<Document>> {
    let customer_id = session.session.customer_id;
    state
        .db
        .read(move |conn| {
            let stored = load(conn, &id, customer_id)?;
            Ok(Document {
                summary: stored.summary,
                content: stored.content,
            })
        })
        .await
        .map(axum::Json)
}

/// `POST /v1/documents/{id}/signature`: the challenge to sign with.
pub async fn start(
    State(state): State<Shared>,
    session: AppSession,
    PathId(id): PathId,
) -> ApiResult<(StatusCode, axum::Json<ApprovalRequired>)> {
    let profile = session_profile(&state, &session).await?;
    let customer_id = session.session.customer_id;
    let doc = id.clone();
    let stored = state
        .db
        .read(move |conn| load(conn, &doc, customer_id))
        .await?;
    if stored.summary.status != DocumentStatus::Waiting {
        return Err(ErrorCode::AlreadySigned.into());
    }
    let challenge = issue(
        &state,
        &profile,
        Purpose::DocumentSigning,
        BANK_REQUESTER,
        Some(id),
        LoginChannel::App,
    )?;
    Ok((
        StatusCode::CREATED,
        axum::Json(ApprovalRequired { challenge }),
    ))
}

/// `POST /v1/documents/{id}/signature/confirm`
pub async fn confirm(
    State(state): State<Shared>,
    session: AppSession,
    PathId(id): PathId,
    Json(body): Json<ConfirmRequest>,
) -> ApiResult<axum::Json<DocumentSummary>> {
    let customer_id = session.session.customer_id;
    let now = state.now();
    let doc = id.clone();
    let stored = state
        .db
        .read(move |conn| load(conn, &doc, customer_id))
        .await?;
    if stored.summary.status != DocumentStatus::Waiting {
        return Err(ErrorCode::AlreadySigned.into());
    }
    let (title, sha) = (
        stored.summary.title.clone(),
        stored.summary.sha256.0.clone(),
    );
    let document_id = id.clone();
    let session_profile_id = session.profile_id.clone();
    let (summary, notify_all) = approvals::approve(
        &state,
        body.assertion,
        Purpose::DocumentSigning,
        Some(id.clone()),
        move |_, shown| {
            Ok(Approval::DocumentSigning {
                document_id,
                document_title: title,
                document_sha256: sha,
                shown_text: require_shown_text(shown)?,
            })
        },
        move |conn, approved| {
            sign_in(
                conn,
                &id,
                customer_id,
                &approved.profile.id,
                &session_profile_id,
                now,
            )
        },
    )
    .await?;
    for customer in &notify_all {
        notify::sms(
            &state,
            customer,
            "document_completed",
            Notice::DocumentCompleted(&summary.title),
        );
    }
    Ok(axum::Json(summary))
}

fn sign_in(
    conn: &Connection,
    id: &str,
    customer_id: i64,
    profile_id: &str,
    session_profile_id: &str,
    now: OffsetDateTime,
) -> ApiResult<(DocumentSummary, Vec<Customer>)> {
    if profile_id != session_profile_id {
        return Err(ErrorCode::ChallengeMismatch.into());
    }
    let stored = load(conn, id, customer_id)?;
    if stored.summary.status != DocumentStatus::Waiting {
        return Err(ErrorCode::AlreadySigned.into());
    }
    conn.execute(
        "UPDATE document_parties SET signed_at = ?3, signed_by = ?4
         WHERE document_id = ?1 AND customer_id = ?2",
        params![id, customer_id, to_millis(now), profile_id],
    )?;
    let all_signed = stored
        .parties
        .iter()
        .all(|(party, signed)| *signed || *party == customer_id);
    let mut notify = Vec::new();
    if all_signed {
        conn.execute(
            "UPDATE documents SET completed_at = ?2 WHERE id = ?1",
            params![id, to_millis(now)],
        )?;
        for (party, _) in &stored.parties {
            notify.push(records::customer(conn, *party)?);
        }
    }
    Ok((load(conn, id, customer_id)?.summary, notify))
}

/// `GET /v1/documents/{id}/download`: the signed document, while it is downloadable.
pub async fn download(
    State(state): State<Shared>,
    session: AppSession,
    PathId(id): PathId,
) -> ApiResult<impl IntoResponse> {
    let customer_id = session.session.customer_id;
    let now = state.now();
    let stored = state
        .db
        .read(move |conn| load(conn, &id, customer_id))
        .await?;
    match stored.summary.download_until {
        Some(until) if now < until => {}
        _ => return Err(ErrorCode::DownloadUnavailable.into()),
    }
    let file = format!(
        "attachment; filename=\"{}.txt\"",
        stored.summary.document_id
    );
    Ok((
        [
            (CONTENT_TYPE, "text/plain; charset=utf-8".to_owned()),
            (CONTENT_DISPOSITION, file),
        ],
        stored.content,
    ))
}
