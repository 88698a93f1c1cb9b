//! The secure inbox. Messages live only here; the alert the bank sends (SMS, e-mail,
//! push) says that something is waiting, never what, and carries no link.

use avain_protocol::api::sandbox::BankMessage;
use avain_protocol::api::{ErrorCode, Message, MessageList, MessageSummary, NewMessage};
use avain_protocol::rules::text::{
    MESSAGE_BODY_MAX, MESSAGE_SUBJECT_MAX, is_multi_line, is_single_line,
};
use axum::extract::State;
use axum::http::StatusCode;
use rusqlite::{Connection, OptionalExtension, Row, params};

use crate::clock::{from_millis, to_millis};
use crate::crypto;
use crate::db::records;
use crate::error::{ApiError, ApiResult};
use crate::extract::{AppSession, Json, PathId};
use crate::notify;
use crate::state::Shared;

const COLUMNS: &str = "id, subject, sender, sent_at, read, important";

fn summary(r: &Row<'_>) -> rusqlite::Result<MessageSummary> {
    Ok(MessageSummary {
        message_id: r.get(0)?,
        subject: r.get(1)?,
        sender: r.get(2)?,
        sent_at: from_millis(r.get(3)?),
        read: r.get(4)?,
        important: r.get(5)?,
    })
}

/// `GET /v1/messages`
pub async fn list(
    State(state): State<Shared>,
    session: AppSession,
) -> ApiResult<axum::Json<MessageList>> {
    let customer_id = session.session.customer_id;
    let messages = state
        .db
        .read(move |conn| {
            let mut stmt = conn.prepare_cached(&format!(
                "SELECT {COLUMNS} FROM messages WHERE customer_id = ?1 ORDER BY sent_at DESC, rowid DESC"
            ))?;
            let rows = stmt.query_map([customer_id], summary)?;
            Ok(rows.collect::<Result<Vec<_>, _>>()?)
        })
        .await?;
    Ok(axum::Json(MessageList { messages }))
}

fn message(conn: &Connection, customer_id: i64, id: &str) -> ApiResult<Message> {
    conn.query_row(
        &format!("SELECT {COLUMNS}, body FROM messages WHERE id = ?1 AND customer_id = ?2"),
        params![id, customer_id],
        |r| {
            Ok(Message {
                summary: summary(r)?,
                body: r.get(6)?,
            })
        },
    )
    .optional()?
    .ok_or(ApiError::new(ErrorCode::NotFound))
}

/// `GET /v1/messages/{id}`: opening marks it read.
pub async fn open(
    State(state): State<Shared>,
    session: AppSession,
    PathId(id): PathId,
) -> ApiResult<axum::Json<Message>> {
    let customer_id = session.session.customer_id;
    state
        .db
        .write(move |conn| {
            let found = message(conn, customer_id, &id)?;
            if !found.summary.read {
                conn.execute("UPDATE messages SET read = 1 WHERE id = ?1", [&id])?;
            }
            message(conn, customer_id, &id)
        })
        .await
        .map(axum::Json)
}

/// `POST /v1/messages`: the customer writes to the bank.
pub async fn send(
    State(state): State<Shared>,
    session: AppSession,
    Json(body): Json<NewMessage>,
) -> ApiResult<(StatusCode, axum::Json<Message>)> {
    if !is_single_line(&body.subject, MESSAGE_SUBJECT_MAX)
        || !is_multi_line(&body.body, MESSAGE_BODY_MAX)
    {
        return Err(ErrorCode::InvalidValue.into());
    }
    let customer_id = session.session.customer_id;
    let now = to_millis(state.now());
    let id = crypto::new_id("msg");
    let message = state
        .db
        .write(move |conn| {
            conn.execute(
                "INSERT INTO messages (id, customer_id, sender, subject, body, sent_at, read)
                 VALUES (?1, ?2, 'customer', ?3, ?4, ?5, 1)",
                params![id, customer_id, body.subject, body.body, now],
            )?;
            message(conn, customer_id, &id)
        })
        .await?;
    Ok((StatusCode::CREATED, axum::Json(message)))
}

/// `POST /v1/sandbox/messages`: the bank writes to a customer and alerts them: a push to
/// each active device, and for important messages (price and term changes, which the law
/// requires an alert for) also SMS and e-mail.
pub async fn bank_send(
    State(state): State<Shared>,
    Json(body): Json<BankMessage>,
) -> ApiResult<(StatusCode, axum::Json<MessageSummary>)> {
    if !is_single_line(&body.subject, MESSAGE_SUBJECT_MAX)
        || !is_multi_line(&body.body, MESSAGE_BODY_MAX)
    {
        return Err(ErrorCode::InvalidValue.into());
    }
    let now = to_millis(state.now());
    let id = crypto::new_id("msg");
    let (customer, profiles, summary) =
        state
            .db
            .write(move |conn| {
                let customer = records::customer_by_user_id(conn, &body.user_id)?
                    .ok_or(ApiError::new(ErrorCode::NotFound))?;
                conn.execute(
                "INSERT INTO messages (id, customer_id, sender, subject, body, sent_at, important)
                 VALUES (?1, ?2, 'bank', ?3, ?4, ?5, ?6)",
                params![id, customer.id, body.subject, body.body, now, body.important],
            )?;
                let profiles = records::profiles_of(conn, customer.id)?;
                let summary = message(conn, customer.id, &id)?.summary;
                Ok((customer, profiles, summary))
            })
            .await?;
    notify::message_alert(&state, &customer, &profiles, summary.important);
    Ok((StatusCode::CREATED, axum::Json(summary)))
}
