//! Meetings for people who are not logged in: the bank's free slots, a booking by name,
//! phone and e-mail, invitations to other participants, and a guest's way in through the
//! identification broker with another bank's codes.
//!
//! A booking without login answers the same whether the phone belongs to a customer or
//! not (the booker is kept as a guest either way), and is throttled per phone, per e-mail
//! and per client address, each sending at most a few confirmations a day.
//!
//! Guests hold an invitation code (100 random bits, kept only as an HMAC hash) that
//! works for their own row of one meeting, and only inside the meeting's join window: it
//! is useless after the meeting ends. Joining starts a broker transaction (a random
//! `state`, hashed, 10 minutes); the broker's signed assertion must name that state, is
//! accepted once, and lets the guest in under the name the broker verified.
//!
//! The sandbox plays the broker too (`/v1/sandbox/broker/other-bank-identifications`):
//! it signs with a key derived from the bank's pepper under its own domain, standing in
//! for the broker's key the bank would trust.

use avain_protocol::api::sandbox::{BrokerAssertion, OtherBankIdentification};
use avain_protocol::api::{
    ErrorCode, GuestAdmission, GuestAdmit, GuestBooking, GuestJoin, GuestJoinStarted, Meeting,
    MeetingInvitation, MeetingSlot, MeetingSlots, Personal, Secret,
};
use avain_protocol::rules::meeting_guests::{
    SLOT_MINUTES, can_invite, check_guest_booking, check_invitation,
};
use avain_protocol::rules::text::is_single_line;
use axum::extract::State;
use axum::http::StatusCode;
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};
use time::{Duration, OffsetDateTime, Weekday};

use super::meetings::{
    EXPERT_NAME, EXPERT_OFFICE, kind_text, load, new_booking_code, public, require_open,
};
use crate::clock::{from_millis, to_millis};
use crate::crypto;
use crate::db::records;
use crate::error::{ApiError, ApiResult};
use crate::extract::{AppSession, Json, PathId};
use crate::language;
use crate::meeting_texts::{self, MeetingNotice};
use crate::state::{AppState, Shared};
use crate::throttle::{ClientAddr, Counter, GUEST_BOOKINGS_PER_CONTACT};

/// Slots offered: this many at most, soonest first.
pub const SLOTS_SHOWN: usize = 40;
/// A slot is offered only this far ahead of now at the soonest.
pub const SLOT_LEAD: Duration = Duration::HOUR;
/// Days ahead the calendar covers.
const CALENDAR_DAYS: i64 = 21;
/// The experts' hours, UTC (9-16 Finnish winter time).
const FIRST_HOUR: u8 = 7;
const LAST_HOUR: u8 = 13;
/// The invitation code's length, in characters of the booking-code alphabet (5 bits each:
/// 100 bits).
pub const TOKEN_CHARS: usize = 20;
/// How long a broker transaction waits for the guest.
pub const BROKER_STATE_TTL: Duration = Duration::minutes(10);
/// How old a broker assertion may be when it arrives.
pub const ASSERTION_TTL: Duration = Duration::minutes(5);
const TOKEN_DOMAIN: &str = "meeting_invitation";
const STATE_DOMAIN: &str = "broker_state";
const ASSERTION_DOMAIN: &str = "broker_assertion";
const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

/// The calendar's slots from `now` on, whether taken or not.
fn calendar(now: OffsetDateTime) -> impl Iterator<Item = OffsetDateTime> {
    let first_day = now.date();
    (0..CALENDAR_DAYS)
        .filter_map(move |d| first_day.checked_add(Duration::days(d)))
        .filter(|day| !matches!(day.weekday(), Weekday::Saturday | Weekday::Sunday))
        .flat_map(|day| (FIRST_HOUR..=LAST_HOUR).filter_map(move |h| day.with_hms(h, 0, 0).ok()))
        .map(|t| t.assume_utc())
        .filter(move |t| *t >= now + SLOT_LEAD)
}

fn taken(conn: &Connection, at: OffsetDateTime) -> ApiResult<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM meetings WHERE starts_at = ?1 AND status = 'booked')",
        [to_millis(at)],
        |r| r.get(0),
    )?)
}

fn free_slots(conn: &Connection, now: OffsetDateTime) -> ApiResult<Vec<MeetingSlot>> {
    let mut slots = Vec::new();
    for starts_at in calendar(now) {
        if slots.len() == SLOTS_SHOWN {
            break;
        }
        if !taken(conn, starts_at)? {
            slots.push(MeetingSlot {
                starts_at,
                duration_minutes: SLOT_MINUTES,
            });
        }
    }
    Ok(slots)
}

/// A new invitation code and the hash the bank keeps.
fn new_token(state: &AppState) -> (String, Vec<u8>) {
    let bytes: [u8; TOKEN_CHARS] = crypto::random_bytes();
    // 256 is a multiple of 32: the modulo has no bias.
    let token: String = bytes
        .iter()
        .map(|b| ALPHABET[usize::from(*b) % ALPHABET.len()] as char)
        .collect();
    let hash = token_hash(state, &token);
    (token, hash)
}

fn token_hash(state: &AppState, token: &str) -> Vec<u8> {
    state.keys.hasher.hash(TOKEN_DOMAIN, &[token.as_bytes()])
}

/// Sends `notice` to a person: by e-mail when they gave one, else by SMS. The outbox's
/// user id is the address itself (a guest has no user id, and a customer's booking
/// without login must not look different).
fn send(state: &AppState, phone: &str, email: Option<&str>, notice: MeetingNotice<'_>) {
    let text = meeting_texts::text(notice, language::current());
    let kind = meeting_texts::kind(notice);
    match email {
        Some(address) => state
            .outbox
            .email(state.now(), address, address, kind, text),
        None => state.outbox.sms(state.now(), phone, phone, kind, text),
    }
}

fn insert_guest(
    conn: &Connection,
    code: &str,
    position: usize,
    person: (&Personal, &Personal, Option<&Personal>),
    hash: &[u8],
) -> ApiResult<()> {
    let (name, phone, email) = person;
    conn.execute(
        "INSERT INTO meeting_guests (code, position, name, phone, email, token_hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            code,
            position as i64,
            name.as_str(),
            phone.as_str(),
            email.map(Personal::as_str),
            hash
        ],
    )?;
    Ok(())
}

/// `GET /v1/meeting-slots`: the free slots, without login.
pub async fn slots(State(state): State<Shared>) -> ApiResult<axum::Json<MeetingSlots>> {
    let now = state.now();
    let slots = state.db.read(move |conn| free_slots(conn, now)).await?;
    Ok(axum::Json(MeetingSlots { slots }))
}

/// `POST /v1/meeting-bookings`: a booking without login into one of the free slots. The
/// confirmation (booking code, time, invitation code) goes to the e-mail address if
/// given, else by SMS to the phone.
pub async fn book(
    State(state): State<Shared>,
    client: ClientAddr,
    Json(body): Json<GuestBooking>,
) -> ApiResult<(StatusCode, axum::Json<Meeting>)> {
    let now = state.now();
    if check_guest_booking(&body, now).is_err() {
        return Err(ErrorCode::InvalidValue.into());
    }
    let kind = kind_text(body.kind)?;
    state.throttle.hit_both(
        (
            Counter::GuestBookingsPerPhone,
            body.phone.as_str(),
            GUEST_BOOKINGS_PER_CONTACT,
        ),
        (Counter::GuestBookingsPerAddress, client),
        now,
    )?;
    if let Some(email) = &body.email {
        state.throttle.hit(
            Counter::GuestBookingsPerEmail,
            &email.as_str().to_ascii_lowercase(),
            GUEST_BOOKINGS_PER_CONTACT,
            now,
        )?;
    }
    let (token, hash) = new_token(&state);
    let booking = body.clone();
    let meeting = state
        .db
        .write(move |conn| {
            let is_slot = calendar(now).any(|t| t == booking.starts_at);
            if !is_slot || taken(conn, booking.starts_at)? {
                return Err(ErrorCode::Conflict.into());
            }
            let code = new_booking_code(conn)?;
            conn.execute(
                "INSERT INTO meetings (code, starts_at, duration_minutes, topic, details,
                     expert_name, expert_office, status, booking_phone, kind)
                 VALUES (?1, ?2, ?3, ?4, NULL, ?5, ?6, 'booked', ?7, ?8)",
                params![
                    code,
                    to_millis(booking.starts_at),
                    SLOT_MINUTES,
                    booking.topic,
                    EXPERT_NAME,
                    EXPERT_OFFICE,
                    booking.phone.as_str(),
                    kind
                ],
            )?;
            insert_guest(
                conn,
                &code,
                0,
                (&booking.name, &booking.phone, booking.email.as_ref()),
                &hash,
            )?;
            Ok(load(conn, &code)?.meeting)
        })
        .await?;
    send(
        &state,
        body.phone.as_str(),
        body.email.as_ref().map(Personal::as_str),
        MeetingNotice::Booked {
            code: &meeting.booking_code,
            kind: meeting.kind,
            at: meeting.starts_at,
            token: Some(&token),
        },
    );
    Ok((StatusCode::CREATED, axum::Json(public(meeting))))
}

/// `POST /v1/meetings/{code}/invitations`: a participant (logged in) invites another; at
/// most three customers in all. The invitee gets the invitation by e-mail if given, else
/// by SMS.
pub async fn invite(
    State(state): State<Shared>,
    session: AppSession,
    PathId(code): PathId,
    Json(body): Json<MeetingInvitation>,
) -> ApiResult<(StatusCode, axum::Json<Meeting>)> {
    if check_invitation(&body).is_err() {
        return Err(ErrorCode::InvalidValue.into());
    }
    let now = state.now();
    let customer_id = session.session.customer_id;
    let (token, hash) = new_token(&state);
    let invitation = body.clone();
    let (meeting, inviter) = state
        .db
        .write(move |conn| {
            let stored = load(conn, &code)?;
            let participant: bool = conn.query_row(
                "SELECT EXISTS (SELECT 1 FROM meeting_participants
                 WHERE code = ?1 AND customer_id = ?2)",
                params![code, customer_id],
                |r| r.get(0),
            )?;
            if !participant {
                return Err(ErrorCode::NotFound.into());
            }
            if stored.meeting.status != avain_protocol::api::MeetingStatus::Booked
                || now >= stored.meeting.ends_at
            {
                return Err(ErrorCode::Conflict.into());
            }
            if !can_invite(stored.customers()) {
                return Err(ErrorCode::MeetingFull.into());
            }
            insert_guest(
                conn,
                &code,
                stored.customers(),
                (
                    &invitation.name,
                    &invitation.phone,
                    invitation.email.as_ref(),
                ),
                &hash,
            )?;
            let inviter = records::customer(conn, customer_id)?.name;
            Ok((load(conn, &code)?.meeting, inviter))
        })
        .await?;
    send(
        &state,
        body.phone.as_str(),
        body.email.as_ref().map(Personal::as_str),
        MeetingNotice::Invited {
            code: &meeting.booking_code,
            kind: meeting.kind,
            at: meeting.starts_at,
            inviter: &inviter,
            token: &token,
        },
    );
    Ok((StatusCode::CREATED, axum::Json(meeting)))
}

/// The guest row an invitation code opens in the meeting `code`, or not found: a code
/// for another meeting opens nothing here.
fn guest_of(conn: &Connection, state: &AppState, code: &str, token: &str) -> ApiResult<i64> {
    let token = token.trim().to_ascii_uppercase();
    conn.query_row(
        "SELECT id FROM meeting_guests WHERE token_hash = ?1 AND code = ?2",
        params![token_hash(state, &token), code.trim().to_ascii_uppercase()],
        |r| r.get(0),
    )
    .optional()?
    .ok_or(ApiError::new(ErrorCode::NotFound))
}

/// `POST /v1/meeting-guests/join`: a guest opens the invitation inside the join window
/// and is sent to the broker.
pub async fn join(
    State(state): State<Shared>,
    Json(body): Json<GuestJoin>,
) -> ApiResult<axum::Json<GuestJoinStarted>> {
    let now = state.now();
    let st = state.clone();
    let broker_state = crypto::new_token();
    let state_hash = state
        .keys
        .hasher
        .hash(STATE_DOMAIN, &[broker_state.as_bytes()]);
    let expires_at = now + BROKER_STATE_TTL;
    state
        .db
        .write(move |conn| {
            let guest = guest_of(conn, &st, &body.booking_code, body.token.expose())?;
            let stored = load(conn, &body.booking_code.trim().to_ascii_uppercase())?;
            require_open(&stored.meeting, now)?;
            conn.execute(
                "INSERT INTO meeting_guest_joins (state_hash, guest_id, expires_at)
                 VALUES (?1, ?2, ?3)",
                params![state_hash, guest, to_millis(expires_at)],
            )?;
            Ok(())
        })
        .await?;
    Ok(axum::Json(GuestJoinStarted {
        broker_url: format!(
            "https://broker.sandbox.invalid/identify?state={}",
            broker_state.as_str()
        ),
        state: Secret::new(broker_state.as_str()),
        expires_at,
    }))
}

/// What the broker signs.
#[derive(Serialize, Deserialize)]
struct AssertionBody {
    id: String,
    state: String,
    name: String,
    bank: String,
    issued_at: i64,
}

fn assertion_mac(state: &AppState, payload: &str) -> Vec<u8> {
    state
        .keys
        .hasher
        .hash(ASSERTION_DOMAIN, &[payload.as_bytes()])
}

/// The broker's assertion read and its signature checked, or `None`.
fn read_assertion(state: &AppState, assertion: &str) -> Option<AssertionBody> {
    let (payload, mac) = assertion.split_once('.')?;
    let mac = URL_SAFE_NO_PAD.decode(mac).ok()?;
    if !crypto::constant_time_eq(&assertion_mac(state, payload), &mac) {
        return None;
    }
    let json = URL_SAFE_NO_PAD.decode(payload).ok()?;
    serde_json::from_slice(&json).ok()
}

/// `POST /v1/meeting-guests/admit`: the guest comes back from the broker. The assertion
/// must be the broker's, fresh, unused, and name the state of this guest's own join.
pub async fn admit(
    State(state): State<Shared>,
    Json(body): Json<GuestAdmit>,
) -> ApiResult<axum::Json<GuestAdmission>> {
    let now = state.now();
    let assertion = read_assertion(&state, body.assertion.expose())
        .ok_or(ApiError::new(ErrorCode::InvalidValue))?;
    let issued_at = from_millis(assertion.issued_at);
    if issued_at > now + Duration::minutes(1) || now - issued_at > ASSERTION_TTL {
        return Err(ErrorCode::Expired.into());
    }
    let st = state.clone();
    let state_hash = state
        .keys
        .hasher
        .hash(STATE_DOMAIN, &[assertion.state.as_bytes()]);
    let (meeting, name) = state
        .db
        .write(move |conn| {
            let guest = guest_of(conn, &st, &body.booking_code, body.token.expose())?;
            let code = body.booking_code.trim().to_ascii_uppercase();
            let stored = load(conn, &code)?;
            require_open(&stored.meeting, now)?;
            let join: Option<(i64, bool)> = conn
                .query_row(
                    "SELECT expires_at, used FROM meeting_guest_joins
                     WHERE state_hash = ?1 AND guest_id = ?2",
                    params![state_hash, guest],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?;
            let Some((expires, used)) = join else {
                return Err(ErrorCode::NotFound.into());
            };
            if now >= from_millis(expires) {
                return Err(ErrorCode::Expired.into());
            }
            let fresh = conn.execute(
                "INSERT OR IGNORE INTO broker_assertions_used (assertion_id, used_at)
                 VALUES (?1, ?2)",
                params![assertion.id, to_millis(now)],
            )?;
            if used || fresh == 0 {
                return Err(ErrorCode::Conflict.into());
            }
            conn.execute(
                "UPDATE meeting_guest_joins SET used = 1 WHERE state_hash = ?1",
                [&state_hash],
            )?;
            conn.execute(
                "UPDATE meeting_guests SET verified_name = ?2, identified_at = ?3 WHERE id = ?1",
                params![guest, assertion.name, to_millis(now)],
            )?;
            Ok((load(conn, &code)?.meeting, assertion.name))
        })
        .await?;
    let join_url = format!(
        "https://video.sandbox.invalid/meetings/{}",
        meeting.booking_code
    );
    Ok(axum::Json(GuestAdmission {
        meeting: public(meeting),
        verified_name: Personal(name),
        join_url,
    }))
}

/// `POST /v1/sandbox/broker/other-bank-identifications`: the broker, after the guest has
/// identified with another bank's codes, signs who they are for the transaction `state`.
pub async fn broker_identify(
    State(state): State<Shared>,
    Json(body): Json<OtherBankIdentification>,
) -> ApiResult<(StatusCode, axum::Json<BrokerAssertion>)> {
    if !is_single_line(&body.name, 100) || !is_single_line(&body.bank, 80) {
        return Err(ErrorCode::InvalidValue.into());
    }
    let assertion = AssertionBody {
        id: crypto::new_id("bas"),
        state: body.state.expose().to_owned(),
        name: body.name,
        bank: body.bank,
        issued_at: to_millis(state.now()),
    };
    let json =
        serde_json::to_vec(&assertion).map_err(|e| ApiError::internal("broker assertion", e))?;
    let payload = URL_SAFE_NO_PAD.encode(json);
    let mac = URL_SAFE_NO_PAD.encode(assertion_mac(&state, &payload));
    Ok((
        StatusCode::CREATED,
        axum::Json(BrokerAssertion {
            assertion: Secret::new(format!("{payload}.{mac}")),
        }),
    ))
}
