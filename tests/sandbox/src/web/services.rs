//! Messages, video meetings and documents to sign: the same data and rules as the app's
//! API (`routes::inbox`, `routes::meetings`, `routes::signing`), shown as pages.

use askama::Template;
use avain_protocol::api::{
    DocumentSummary, Meeting, MeetingIdentify, MeetingKind, MeetingStatus, MessageSummary,
    NewMeeting, Secret,
};
use avain_protocol::rules::meeting_guests::SLOT_MINUTES;
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use super::context::{Ctx, LoggedIn};
use super::format;
use crate::extract::{Json, PathId};
use crate::routes::{inbox, meeting_guests, meetings, signing};
use crate::state::Shared;
use avain_protocol::rules::ids::is_id;

/// A message in the list.
pub struct MessageRow {
    /// Its id (the link).
    pub id: String,
    /// Subject.
    pub subject: String,
    /// Sender.
    pub sender: String,
    /// Sent, formatted.
    pub sent: String,
    /// Opened already.
    pub read: bool,
    /// Marked important by the bank.
    pub important: bool,
}

fn message_row(c: &Ctx, m: MessageSummary) -> MessageRow {
    MessageRow {
        id: m.message_id,
        subject: m.subject,
        sender: m.sender,
        sent: format::date_time(c.lang, m.sent_at),
        read: m.read,
        important: m.important,
    }
}

/// The inbox.
#[derive(Template)]
#[template(path = "messages.html")]
pub struct MessagesPage {
    /// Context.
    pub c: Ctx,
    /// Newest first.
    pub messages: Vec<MessageRow>,
}

/// One message.
#[derive(Template)]
#[template(path = "message.html")]
pub struct MessagePage {
    /// Context.
    pub c: Ctx,
    /// Its header.
    pub message: MessageRow,
    /// Its paragraphs.
    pub paragraphs: Vec<String>,
}

/// `GET /messages`
pub async fn messages(State(state): State<Shared>, me: LoggedIn) -> Response {
    let c = me.ctx("messages");
    match inbox::list(State(state), me.app_session()).await {
        Ok(list) => {
            let messages = list
                .0
                .messages
                .into_iter()
                .map(|m| message_row(&c, m))
                .collect();
            me.web.render(&MessagesPage { c, messages })
        }
        Err(_) => me
            .web
            .error_page(StatusCode::INTERNAL_SERVER_ERROR, "error_internal"),
    }
}

/// `GET /messages/{id}`: opening marks it read (message ids are not secrets).
pub async fn message(State(state): State<Shared>, me: LoggedIn, PathId(id): PathId) -> Response {
    let c = me.ctx("messages");
    match inbox::open(State(state), me.app_session(), PathId(id)).await {
        Ok(m) => {
            let m = m.0;
            let paragraphs = m
                .body
                .split("\n\n")
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .map(str::to_owned)
                .collect();
            let message = message_row(&c, m.summary);
            me.web.render(&MessagePage {
                c,
                message,
                paragraphs,
            })
        }
        Err(_) => me.web.error_page(StatusCode::NOT_FOUND, "error_not_found"),
    }
}

/// A meeting as the page shows it.
pub struct MeetingRow {
    /// Booking code.
    pub code: String,
    /// Topic.
    pub topic: String,
    /// "ma 7.2.2022 klo 12.30–13.30".
    pub when: String,
    /// Duration in minutes.
    pub minutes: u32,
    /// The expert and office.
    pub expert: String,
    /// Joining is possible now.
    pub open: bool,
    /// Not yet open: from when.
    pub opens: String,
    /// Cancelled or over.
    pub closed: bool,
    /// Participants and whether each has identified.
    pub participants: Vec<(String, bool)>,
    /// Extra details.
    pub details: String,
}

fn meeting_row(c: &Ctx, m: Meeting, now: time::OffsetDateTime) -> MeetingRow {
    let closed = m.status == MeetingStatus::Cancelled || now >= m.ends_at;
    MeetingRow {
        open: !closed && now >= m.join_opens_at,
        opens: format::date_time(c.lang, m.join_opens_at),
        closed,
        when: format!(
            "{}–{}",
            format::date_time(c.lang, m.starts_at),
            format::clock(c.lang, m.ends_at)
        ),
        minutes: m.duration_minutes,
        code: m.booking_code,
        topic: m.topic,
        expert: format!("{}, {}", m.expert_name, m.expert_office),
        participants: m
            .participants
            .into_iter()
            .map(|p| (p.name, p.identified))
            .collect(),
        details: m.details.unwrap_or_default(),
    }
}

/// The meetings list.
#[derive(Template)]
#[template(path = "meetings.html")]
pub struct MeetingsPage {
    /// Context.
    pub c: Ctx,
    /// Upcoming (and under way) first, then past and cancelled.
    pub meetings: Vec<MeetingRow>,
    /// The bank's free slots: (unix seconds, the time as shown).
    pub slots: Vec<(i64, String)>,
    /// The booking code of a booking just made.
    pub booked: Option<String>,
    /// Why a booking was refused.
    pub error: Option<String>,
}

/// One meeting: join and identify.
#[derive(Template)]
#[template(path = "meeting.html")]
pub struct MeetingPage {
    /// Context.
    pub c: Ctx,
    /// The meeting.
    pub m: MeetingRow,
    /// The video link, once joined.
    pub join_url: Option<String>,
    /// This customer has identified.
    pub identified: bool,
    /// What went wrong.
    pub error: Option<String>,
}

async fn all_meetings(state: &Shared, me: &LoggedIn) -> Option<Vec<Meeting>> {
    meetings::list(State(state.clone()), me.app_session())
        .await
        .ok()
        .map(|l| l.0.meetings)
}

/// `GET /meetings`
pub async fn meetings_page(State(state): State<Shared>, me: LoggedIn) -> Response {
    list_page(&state, &me, None, None).await
}

async fn list_page(
    state: &Shared,
    me: &LoggedIn,
    booked: Option<String>,
    error: Option<String>,
) -> Response {
    let c = me.ctx("meetings");
    let now = state.now();
    let Some(list) = all_meetings(state, me).await else {
        return me
            .web
            .error_page(StatusCode::INTERNAL_SERVER_ERROR, "error_internal");
    };
    let slots = match meeting_guests::slots(State(state.clone())).await {
        Ok(slots) => slots
            .0
            .slots
            .into_iter()
            .map(|s| {
                (
                    s.starts_at.unix_timestamp(),
                    format::date_time(c.lang, s.starts_at),
                )
            })
            .collect(),
        Err(_) => Vec::new(),
    };
    let mut rows: Vec<MeetingRow> = list.into_iter().map(|m| meeting_row(&c, m, now)).collect();
    rows.sort_by_key(|r| r.closed);
    let status = if error.is_some() {
        StatusCode::BAD_REQUEST
    } else {
        StatusCode::OK
    };
    me.web.render_status(
        status,
        &MeetingsPage {
            c,
            meetings: rows,
            slots,
            booked,
            error,
        },
    )
}

/// The booking form ("Varaa aika").
#[derive(Deserialize)]
pub struct BookForm {
    csrf: String,
    kind: String,
    /// The slot's start, unix seconds.
    slot: i64,
    topic: String,
}

/// `POST /meetings/book`: one of the bank's free slots, with the app's rules and the
/// SMS confirmation (`routes::meetings::book`).
pub async fn book(
    State(state): State<Shared>,
    me: LoggedIn,
    Form(form): Form<BookForm>,
) -> Response {
    if let Some(refused) = me.web.csrf_refusal(&form.csrf) {
        return refused;
    }
    let kind = match form.kind.as_str() {
        "phone" => MeetingKind::Phone,
        "video" => MeetingKind::Video,
        "branch" => MeetingKind::Branch,
        _ => {
            return me
                .web
                .error_page(StatusCode::BAD_REQUEST, "error_bad_request");
        }
    };
    let Ok(starts_at) = time::OffsetDateTime::from_unix_timestamp(form.slot) else {
        return me
            .web
            .error_page(StatusCode::BAD_REQUEST, "error_bad_request");
    };
    let body = NewMeeting {
        kind,
        starts_at,
        duration_minutes: SLOT_MINUTES,
        topic: form.topic.trim().to_owned(),
        details: None,
    };
    match meetings::book(State(state.clone()), me.app_session(), Json(body)).await {
        Ok((_, booked)) => list_page(&state, &me, Some(booked.0.booking_code), None).await,
        Err(e) => {
            let error = me.web.api_error(e);
            list_page(&state, &me, None, Some(error)).await
        }
    }
}

/// The form naming a meeting.
#[derive(Deserialize)]
pub struct MeetingForm {
    csrf: String,
    code: String,
    #[serde(default)]
    identifier: Option<String>,
}

async fn meeting_page(
    state: &Shared,
    me: &LoggedIn,
    code: &str,
    join_url: Option<String>,
    error: Option<String>,
) -> Response {
    let c = me.ctx("meetings");
    let now = state.now();
    let Some(found) = all_meetings(state, me)
        .await
        .and_then(|l| l.into_iter().find(|m| m.booking_code == code))
    else {
        return me.web.error_page(StatusCode::NOT_FOUND, "error_not_found");
    };
    let me_name = me.name.clone();
    let identified = found
        .participants
        .iter()
        .any(|p| p.name == me_name && p.identified);
    let status = if error.is_some() {
        StatusCode::BAD_REQUEST
    } else {
        StatusCode::OK
    };
    let page = MeetingPage {
        m: meeting_row(&c, found, now),
        c,
        join_url,
        identified,
        error,
    };
    me.web.render_status(status, &page)
}

/// `POST /meetings/join`: from 15 minutes before the start until the end.
pub async fn join(
    State(state): State<Shared>,
    me: LoggedIn,
    Form(form): Form<MeetingForm>,
) -> Response {
    if let Some(refused) = me.web.csrf_refusal(&form.csrf) {
        return refused;
    }
    if !is_id(&form.code) {
        return me
            .web
            .error_page(StatusCode::BAD_REQUEST, "error_bad_request");
    }
    match meetings::join(
        State(state.clone()),
        me.app_session(),
        PathId(form.code.clone()),
    )
    .await
    {
        Ok(joined) => meeting_page(&state, &me, &form.code, Some(joined.0.join_url), None).await,
        Err(e) => {
            let error = me.web.api_error(e);
            meeting_page(&state, &me, &form.code, None, Some(error)).await
        }
    }
}

/// `POST /meetings/identify`: the identifier the expert gave (3 tries).
pub async fn identify(
    State(state): State<Shared>,
    me: LoggedIn,
    Form(form): Form<MeetingForm>,
) -> Response {
    if let Some(refused) = me.web.csrf_refusal(&form.csrf) {
        return refused;
    }
    if !is_id(&form.code) {
        return me
            .web
            .error_page(StatusCode::BAD_REQUEST, "error_bad_request");
    }
    let body = MeetingIdentify {
        identifier: Secret::new(form.identifier.unwrap_or_default()),
    };
    let error = meetings::identify(
        State(state.clone()),
        me.app_session(),
        PathId(form.code.clone()),
        Json(body),
    )
    .await
    .err()
    .map(|e| me.web.api_error(e));
    meeting_page(&state, &me, &form.code, None, error).await
}

/// A document in a list.
pub struct DocumentRow {
    /// Its id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Parties: name and signed date (empty when not yet).
    pub parties: Vec<(String, String)>,
    /// Completed: date.
    pub completed: String,
    /// Downloadable until (empty when not).
    pub download_until: String,
}

fn document_row(c: &Ctx, d: DocumentSummary, now: time::OffsetDateTime) -> DocumentRow {
    DocumentRow {
        id: d.document_id,
        title: d.title,
        parties: d
            .parties
            .into_iter()
            .map(|p| {
                (
                    p.name,
                    p.signed_at
                        .map(|t| format::date(c.lang, t))
                        .unwrap_or_default(),
                )
            })
            .collect(),
        completed: d
            .completed_at
            .map(|t| format::date(c.lang, t))
            .unwrap_or_default(),
        download_until: d
            .download_until
            .filter(|t| now < *t)
            .map(|t| format::date(c.lang, t))
            .unwrap_or_default(),
    }
}

/// The documents page.
#[derive(Template)]
#[template(path = "documents.html")]
pub struct DocumentsPage {
    /// Context.
    pub c: Ctx,
    /// Waiting for my signature.
    pub waiting: Vec<DocumentRow>,
    /// Signed by me, waiting for others.
    pub pending: Vec<DocumentRow>,
    /// Signed by everybody.
    pub completed: Vec<DocumentRow>,
}

/// `GET /documents`
pub async fn documents(State(state): State<Shared>, me: LoggedIn) -> Response {
    let c = me.ctx("documents");
    let now = state.now();
    let Ok(list) = signing::list(State(state), me.app_session()).await else {
        return me
            .web
            .error_page(StatusCode::INTERNAL_SERVER_ERROR, "error_internal");
    };
    let list = list.0;
    let rows = |v: Vec<DocumentSummary>| -> Vec<DocumentRow> {
        v.into_iter().map(|d| document_row(&c, d, now)).collect()
    };
    let page = DocumentsPage {
        waiting: rows(list.waiting),
        pending: rows(list.pending),
        completed: rows(list.completed),
        c: c.clone(),
    };
    me.web.render(&page)
}

/// `GET /documents/{id}/download`: a completed document, for 30 days.
pub async fn download(State(state): State<Shared>, me: LoggedIn, PathId(id): PathId) -> Response {
    match signing::download(State(state), me.app_session(), PathId(id)).await {
        Ok(file) => me.web.finish(file.into_response()),
        Err(e) => {
            let key = if e.code == avain_protocol::api::ErrorCode::DownloadUnavailable {
                "download_unavailable"
            } else {
                "error_not_found"
            };
            me.web.error_page(StatusCode::GONE, key)
        }
    }
}
