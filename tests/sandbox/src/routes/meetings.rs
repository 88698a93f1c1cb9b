//! Video meetings with the bank's expert: 1-3 customers and the expert; bookings can be
//! looked up, changed and cancelled with booking code and phone number without logging
//! in; joining opens 15 minutes before the start and closes at the end; each participant
//! identifies with the identifier the expert gives them.

use avain_core::client::normalize_phone;
use avain_protocol::api::sandbox::{IssueIdentifier, IssuedIdentifier};
use avain_protocol::api::{
    ErrorCode, Meeting, MeetingChange, MeetingIdentify, MeetingJoin, MeetingKind, MeetingList,
    MeetingLookup, MeetingLookupChange, MeetingParticipant, MeetingStatus, NewMeeting, Secret,
};
use avain_protocol::rules::meeting_guests::can_invite;
use avain_protocol::rules::meetings::{
    JoinWindow, check_meeting_change, check_new_meeting, join_opens_at, join_window,
};
use axum::extract::State;
use axum::http::StatusCode;
use rusqlite::{Connection, OptionalExtension, params};
use time::{Duration, OffsetDateTime};

use crate::clock::{from_millis, to_millis};
use crate::crypto;
use crate::db::records;
use crate::error::{ApiError, ApiResult};
use crate::extract::{AppSession, Json, PathId};
use crate::language;
use crate::meeting_texts::{self, MeetingNotice};
use crate::state::Shared;
use crate::throttle::{self, Counter};

pub use avain_protocol::rules::meeting_guests::MAX_CUSTOMERS;
/// Wrong identifiers before the expert must issue a new one.
pub const MAX_IDENTIFIER_FAILURES: u32 = 3;
/// Booking codes use letters and digits that cannot be mistaken for each other.
const CODE_ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
const IDENTIFIER_DOMAIN: &str = "meeting_identifier";
/// The expert the sandbox assigns to every new booking.
pub(crate) const EXPERT_NAME: &str = "Matleena Malliharju";
/// The expert's bank.
pub(crate) const EXPERT_OFFICE: &str = "Malliharjun Osuuspankki";

/// A meeting as the bank keeps it.
pub(crate) struct Stored {
    pub(crate) meeting: Meeting,
    booking_phone: Option<String>,
    customer_ids: Vec<i64>,
    /// Participants who came by invitation or booked without login.
    pub(crate) guests: usize,
}

impl Stored {
    /// Customers taking part: this bank's and guests.
    pub(crate) fn customers(&self) -> usize {
        self.customer_ids.len() + self.guests
    }
}

/// The kind as stored.
pub(crate) fn kind_text(kind: MeetingKind) -> ApiResult<&'static str> {
    match kind {
        MeetingKind::Phone => Ok("phone"),
        MeetingKind::Video => Ok("video"),
        MeetingKind::Branch => Ok("branch"),
        MeetingKind::Unknown => Err(ErrorCode::InvalidValue.into()),
    }
}

fn kind_of(text: &str) -> MeetingKind {
    match text {
        "phone" => MeetingKind::Phone,
        "branch" => MeetingKind::Branch,
        _ => MeetingKind::Video,
    }
}

/// A new booking code, not yet taken.
pub(crate) fn new_booking_code(conn: &Connection) -> ApiResult<String> {
    loop {
        let bytes: [u8; 8] = crypto::random_bytes();
        let code: String = bytes
            .iter()
            .map(|b| CODE_ALPHABET[usize::from(*b) % CODE_ALPHABET.len()] as char)
            .collect();
        let taken: bool = conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM meetings WHERE code = ?1)",
            [&code],
            |r| r.get(0),
        )?;
        if !taken {
            return Ok(code);
        }
    }
}

pub(crate) fn load(conn: &Connection, code: &str) -> ApiResult<Stored> {
    let row = conn
        .query_row(
            "SELECT starts_at, duration_minutes, topic, details, expert_name, expert_office,
                    status, booking_phone, kind
             FROM meetings WHERE code = ?1",
            [code],
            |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, u32>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, Option<String>>(3)?,
                    r.get::<_, String>(4)?,
                    r.get::<_, String>(5)?,
                    r.get::<_, String>(6)?,
                    r.get::<_, Option<String>>(7)?,
                    r.get::<_, String>(8)?,
                ))
            },
        )
        .optional()?
        .ok_or(ApiError::new(ErrorCode::NotFound))?;
    let (starts, minutes, topic, details, expert, office, status, phone, kind) = row;
    let mut stmt = conn.prepare_cached(
        "SELECT p.customer_id, c.name, p.identified_at FROM meeting_participants p
         JOIN customers c ON c.id = p.customer_id WHERE p.code = ?1 ORDER BY p.position",
    )?;
    let mut customer_ids = Vec::new();
    let mut participants = Vec::new();
    for row in stmt.query_map([code], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, Option<i64>>(2)?,
        ))
    })? {
        let (id, name, identified) = row?;
        customer_ids.push(id);
        participants.push(MeetingParticipant {
            name,
            identified: identified.is_some(),
        });
    }
    let mut guests = conn.prepare_cached(
        "SELECT COALESCE(verified_name, name), identified_at FROM meeting_guests
         WHERE code = ?1 ORDER BY position",
    )?;
    let mut guest_count = 0;
    for row in guests.query_map([code], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, Option<i64>>(1)?))
    })? {
        let (name, identified) = row?;
        guest_count += 1;
        participants.push(MeetingParticipant {
            name,
            identified: identified.is_some(),
        });
    }
    let starts_at = from_millis(starts);
    Ok(Stored {
        meeting: Meeting {
            booking_code: code.to_owned(),
            kind: kind_of(&kind),
            starts_at,
            duration_minutes: minutes,
            topic,
            details,
            expert_name: expert,
            expert_office: office,
            participants,
            status: if status == "cancelled" {
                MeetingStatus::Cancelled
            } else {
                MeetingStatus::Booked
            },
            join_opens_at: join_opens_at(starts_at),
            ends_at: starts_at + Duration::minutes(i64::from(minutes)),
            recorded: true,
        },
        booking_phone: phone,
        customer_ids,
        guests: guest_count,
    })
}

/// A participant's meeting, or not found.
fn load_for(conn: &Connection, code: &str, customer_id: i64) -> ApiResult<Stored> {
    let stored = load(conn, code)?;
    if stored.customer_ids.contains(&customer_id) {
        Ok(stored)
    } else {
        Err(ErrorCode::NotFound.into())
    }
}

/// The join window (the protocol's rule): open from 15 minutes before the start until
/// the end.
pub(crate) fn require_open(meeting: &Meeting, now: OffsetDateTime) -> ApiResult<()> {
    let cancelled = meeting.status != MeetingStatus::Booked;
    match join_window(meeting.starts_at, meeting.ends_at, cancelled, now) {
        JoinWindow::Open => Ok(()),
        JoinWindow::NotYetOpen { .. } => Err(ErrorCode::MeetingNotOpen.into()),
        JoinWindow::Ended | JoinWindow::Cancelled => Err(ErrorCode::MeetingClosed.into()),
    }
}

fn validate_change(change: &MeetingChange, now: OffsetDateTime) -> ApiResult<()> {
    check_meeting_change(change, now).map_err(|_| ApiError::new(ErrorCode::InvalidValue))
}

fn apply_change(
    conn: &Connection,
    code: &str,
    change: &MeetingChange,
    now: OffsetDateTime,
) -> ApiResult<Meeting> {
    let stored = load(conn, code)?;
    if stored.meeting.status == MeetingStatus::Cancelled || now >= stored.meeting.starts_at {
        return Err(ErrorCode::Conflict.into());
    }
    conn.execute(
        "UPDATE meetings SET starts_at = COALESCE(?2, starts_at),
             duration_minutes = COALESCE(?3, duration_minutes), topic = COALESCE(?4, topic),
             details = CASE WHEN ?5 IS NULL THEN details WHEN ?5 = '' THEN NULL ELSE ?5 END
         WHERE code = ?1",
        params![
            code,
            change.starts_at.map(to_millis),
            change.duration_minutes,
            change.topic,
            change.details
        ],
    )?;
    Ok(load(conn, code)?.meeting)
}

fn cancel_in(conn: &Connection, code: &str, now: OffsetDateTime) -> ApiResult<Meeting> {
    let stored = load(conn, code)?;
    if stored.meeting.status == MeetingStatus::Cancelled || now >= stored.meeting.ends_at {
        return Err(ErrorCode::Conflict.into());
    }
    conn.execute(
        "UPDATE meetings SET status = 'cancelled' WHERE code = ?1",
        [code],
    )?;
    Ok(load(conn, code)?.meeting)
}

/// The booking code as typed, in the form the bank keeps it (and counts look-ups by).
fn lookup_key(code: &str) -> String {
    code.trim()
        .chars()
        .take(64)
        .collect::<String>()
        .to_ascii_uppercase()
}

/// Counts a look-up of `code` against its window of wrong phones
/// ([`throttle::LOOKUP_FAILURES_PER_BOOKING`]), known code or not, so that the refusal
/// says nothing about which codes exist; [`found`] clears it.
fn count_lookup(state: &Shared, code: &str) -> ApiResult<String> {
    let key = lookup_key(code);
    state.throttle.hit(
        Counter::LookupFailuresPerBooking,
        &key,
        throttle::LOOKUP_FAILURES_PER_BOOKING,
        state.now(),
    )?;
    Ok(key)
}

/// A look-up counted by [`count_lookup`] found its booking: the count starts again.
fn found<T>(state: &Shared, key: &str, answer: ApiResult<T>) -> ApiResult<T> {
    if answer.is_ok() {
        state.throttle.clear(Counter::LookupFailuresPerBooking, key);
    }
    answer
}

/// Checks booking code and phone. Unknown codes and wrong phones get the same answer.
fn check_lookup(conn: &Connection, code: &str, phone: &str) -> ApiResult<Result<Stored, ApiError>> {
    let Ok(stored) = load(conn, &lookup_key(code)) else {
        return Ok(Err(ApiError::new(ErrorCode::NotFound)));
    };
    let matches = normalize_phone(phone)
        .zip(stored.booking_phone.as_deref())
        .is_some_and(|(given, booked)| {
            crypto::constant_time_eq(given.as_bytes(), booked.as_bytes())
        });
    if !matches {
        return Ok(Err(ApiError::new(ErrorCode::NotFound)));
    }
    Ok(Ok(stored))
}

/// A meeting as shown without login: no participants' names.
pub(crate) fn public(mut meeting: Meeting) -> Meeting {
    meeting.participants.clear();
    meeting
}

/// `GET /v1/meetings`
pub async fn list(
    State(state): State<Shared>,
    session: AppSession,
) -> ApiResult<axum::Json<MeetingList>> {
    let customer_id = session.session.customer_id;
    let meetings = state
        .db
        .read(move |conn| {
            let codes: Vec<String> = conn
                .prepare_cached(
                    "SELECT p.code FROM meeting_participants p JOIN meetings m ON m.code = p.code
                     WHERE p.customer_id = ?1 ORDER BY m.starts_at",
                )?
                .query_map([customer_id], |r| r.get(0))?
                .collect::<Result<_, _>>()?;
            codes
                .iter()
                .map(|code| load(conn, code).map(|s| s.meeting))
                .collect::<ApiResult<Vec<_>>>()
        })
        .await?;
    Ok(axum::Json(MeetingList { meetings }))
}

/// `POST /v1/meetings`: book a phone, video or branch meeting; the bank assigns an expert
/// and confirms by SMS.
pub async fn book(
    State(state): State<Shared>,
    session: AppSession,
    Json(body): Json<NewMeeting>,
) -> ApiResult<(StatusCode, axum::Json<Meeting>)> {
    let now = state.now();
    if check_new_meeting(&body, now).is_err() {
        return Err(ErrorCode::InvalidValue.into());
    }
    let kind = kind_text(body.kind)?;
    let customer_id = session.session.customer_id;
    let (meeting, customer) = state
        .db
        .write(move |conn| {
            let customer = records::customer(conn, customer_id)?;
            let code = new_booking_code(conn)?;
            conn.execute(
                "INSERT INTO meetings (code, starts_at, duration_minutes, topic, details,
                     expert_name, expert_office, status, booking_phone, kind)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?7, ?8, 'booked', ?6, ?9)",
                params![
                    code,
                    to_millis(body.starts_at),
                    body.duration_minutes,
                    body.topic,
                    body.details,
                    customer.phone,
                    EXPERT_NAME,
                    EXPERT_OFFICE,
                    kind
                ],
            )?;
            conn.execute(
                "INSERT INTO meeting_participants (code, customer_id, position) VALUES (?1, ?2, 0)",
                params![code, customer_id],
            )?;
            Ok((load(conn, &code)?.meeting, customer))
        })
        .await?;
    // The confirmation: by SMS to the phone the bank has (the one for look-ups).
    if let Some(phone) = &customer.phone {
        let notice = MeetingNotice::Booked {
            code: &meeting.booking_code,
            kind: meeting.kind,
            at: meeting.starts_at,
            token: None,
        };
        state.outbox.sms(
            now,
            &customer.user_id,
            phone,
            meeting_texts::kind(notice),
            meeting_texts::text(notice, language::current()),
        );
    }
    Ok((StatusCode::CREATED, axum::Json(meeting)))
}

/// `PATCH /v1/meetings/{code}`
pub async fn change(
    State(state): State<Shared>,
    session: AppSession,
    PathId(code): PathId,
    Json(body): Json<MeetingChange>,
) -> ApiResult<axum::Json<Meeting>> {
    let now = state.now();
    validate_change(&body, now)?;
    let customer_id = session.session.customer_id;
    state
        .db
        .write(move |conn| {
            load_for(conn, &code, customer_id)?;
            apply_change(conn, &code, &body, now)
        })
        .await
        .map(axum::Json)
}

/// `DELETE /v1/meetings/{code}`
pub async fn cancel(
    State(state): State<Shared>,
    session: AppSession,
    PathId(code): PathId,
) -> ApiResult<axum::Json<Meeting>> {
    let now = state.now();
    let customer_id = session.session.customer_id;
    state
        .db
        .write(move |conn| {
            load_for(conn, &code, customer_id)?;
            cancel_in(conn, &code, now)
        })
        .await
        .map(axum::Json)
}

/// `POST /v1/meeting-lookups`: find a booking with its code and phone, without login.
pub async fn lookup(
    State(state): State<Shared>,
    Json(body): Json<MeetingLookup>,
) -> ApiResult<axum::Json<Meeting>> {
    let key = count_lookup(&state, &body.booking_code)?;
    let answer = state
        .db
        .read(move |conn| {
            Ok(check_lookup(conn, &body.booking_code, body.phone.as_str())?
                .map(|s| public(s.meeting)))
        })
        .await?;
    found(&state, &key, answer).map(axum::Json)
}

/// `POST /v1/meeting-lookups/change`
pub async fn lookup_change(
    State(state): State<Shared>,
    Json(body): Json<MeetingLookupChange>,
) -> ApiResult<axum::Json<Meeting>> {
    let now = state.now();
    validate_change(&body.change, now)?;
    let key = count_lookup(&state, &body.booking_code)?;
    let answer = state
        .db
        .write(move |conn| {
            let stored = match check_lookup(conn, &body.booking_code, body.phone.as_str())? {
                Ok(stored) => stored,
                Err(e) => return Ok(Err(e)),
            };
            apply_change(conn, &stored.meeting.booking_code, &body.change, now)
                .map(|m| Ok(public(m)))
        })
        .await?;
    found(&state, &key, answer).map(axum::Json)
}

/// `POST /v1/meeting-lookups/cancel`
pub async fn lookup_cancel(
    State(state): State<Shared>,
    Json(body): Json<MeetingLookup>,
) -> ApiResult<axum::Json<Meeting>> {
    let now = state.now();
    let key = count_lookup(&state, &body.booking_code)?;
    let answer = state
        .db
        .write(move |conn| {
            let stored = match check_lookup(conn, &body.booking_code, body.phone.as_str())? {
                Ok(stored) => stored,
                Err(e) => return Ok(Err(e)),
            };
            cancel_in(conn, &stored.meeting.booking_code, now).map(|m| Ok(public(m)))
        })
        .await?;
    found(&state, &key, answer).map(axum::Json)
}

/// `POST /v1/meetings/{code}/join`: only inside the join window.
pub async fn join(
    State(state): State<Shared>,
    session: AppSession,
    PathId(code): PathId,
) -> ApiResult<axum::Json<MeetingJoin>> {
    let now = state.now();
    let customer_id = session.session.customer_id;
    let stored = state
        .db
        .read(move |conn| load_for(conn, &code, customer_id))
        .await?;
    require_open(&stored.meeting, now)?;
    Ok(axum::Json(MeetingJoin {
        join_url: format!(
            "https://video.sandbox.invalid/meetings/{}",
            stored.meeting.booking_code
        ),
        identification_required: true,
        recorded: true,
    }))
}

/// `POST /v1/meetings/{code}/identify`: the identifier the expert gave this customer.
pub async fn identify(
    State(state): State<Shared>,
    session: AppSession,
    PathId(code): PathId,
    Json(body): Json<MeetingIdentify>,
) -> ApiResult<axum::Json<Meeting>> {
    let now = state.now();
    let customer_id = session.session.customer_id;
    let st = state.clone();
    state
        .db
        .write(move |conn| {
            let stored = load_for(conn, &code, customer_id)?;
            require_open(&stored.meeting, now)?;
            let (hash, failures): (Option<Vec<u8>>, u32) = conn.query_row(
                "SELECT identifier_hash, identifier_failures FROM meeting_participants
                 WHERE code = ?1 AND customer_id = ?2",
                params![code, customer_id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?;
            // No identifier issued yet (or used up): the expert gives a new one.
            let Some(hash) = hash else {
                return Ok(Err(ApiError::new(ErrorCode::IdentifierWrong)));
            };
            let given = body.identifier.expose().replace(' ', "");
            let right = st.keys.hasher.verify(
                IDENTIFIER_DOMAIN,
                &[
                    code.as_bytes(),
                    &customer_id.to_be_bytes(),
                    given.as_bytes(),
                ],
                &hash,
            );
            if right {
                conn.execute(
                    "UPDATE meeting_participants SET identified_at = ?3, identifier_hash = NULL,
                         identifier_failures = 0 WHERE code = ?1 AND customer_id = ?2",
                    params![code, customer_id, to_millis(now)],
                )?;
                return Ok(Ok(load(conn, &code)?.meeting));
            }
            let failures = failures + 1;
            let void = failures >= MAX_IDENTIFIER_FAILURES;
            conn.execute(
                "UPDATE meeting_participants SET identifier_failures = ?3,
                     identifier_hash = CASE WHEN ?4 THEN NULL ELSE identifier_hash END
                 WHERE code = ?1 AND customer_id = ?2",
                params![code, customer_id, failures, void],
            )?;
            Ok(Err(ApiError::with_attempts_left(
                ErrorCode::IdentifierWrong,
                MAX_IDENTIFIER_FAILURES.saturating_sub(failures),
            )))
        })
        .await?
        .map(axum::Json)
}

/// `POST /v1/sandbox/meetings/{code}/identifiers`: the expert issues a participant's
/// identifier (during the meeting).
pub async fn issue_identifier(
    State(state): State<Shared>,
    PathId(code): PathId,
    Json(body): Json<IssueIdentifier>,
) -> ApiResult<(StatusCode, axum::Json<IssuedIdentifier>)> {
    let now = state.now();
    let st = state.clone();
    state
        .db
        .write(move |conn| {
            let stored = load(conn, &code)?;
            require_open(&stored.meeting, now)?;
            let customer = records::customer_by_user_id(conn, &body.user_id)?
                .filter(|c| stored.customer_ids.contains(&c.id))
                .ok_or(ApiError::new(ErrorCode::NotFound))?;
            let identifier = crypto::new_digits(6);
            let hash = st.keys.hasher.hash(
                IDENTIFIER_DOMAIN,
                &[
                    code.as_bytes(),
                    &customer.id.to_be_bytes(),
                    identifier.as_bytes(),
                ],
            );
            conn.execute(
                "UPDATE meeting_participants SET identifier_hash = ?3, identifier_failures = 0
                 WHERE code = ?1 AND customer_id = ?2",
                params![code, customer.id, hash],
            )?;
            Ok(IssuedIdentifier {
                identifier: Secret::new(identifier.as_str()),
            })
        })
        .await
        .map(|issued| (StatusCode::CREATED, axum::Json(issued)))
}

/// `GET /v1/sandbox/meetings/{code}`: the expert's view (who has identified).
pub async fn expert_view(
    State(state): State<Shared>,
    PathId(code): PathId,
) -> ApiResult<axum::Json<Meeting>> {
    state
        .db
        .read(move |conn| Ok(load(conn, &code)?.meeting))
        .await
        .map(axum::Json)
}

/// `POST /v1/sandbox/meetings/{code}/participants`: the expert invites another customer
/// (at most three customers per meeting).
pub async fn add_participant(
    State(state): State<Shared>,
    PathId(code): PathId,
    Json(body): Json<IssueIdentifier>,
) -> ApiResult<axum::Json<Meeting>> {
    state
        .db
        .write(move |conn| {
            let stored = load(conn, &code)?;
            let customer = records::customer_by_user_id(conn, &body.user_id)?
                .ok_or(ApiError::new(ErrorCode::NotFound))?;
            if stored.customer_ids.contains(&customer.id) {
                return Err(ErrorCode::Conflict.into());
            }
            if !can_invite(stored.customers()) {
                return Err(ErrorCode::MeetingFull.into());
            }
            conn.execute(
                "INSERT INTO meeting_participants (code, customer_id, position) VALUES (?1, ?2, ?3)",
                params![code, customer.id, stored.customers() as i64],
            )?;
            Ok(load(conn, &code)?.meeting)
        })
        .await
        .map(axum::Json)
}
