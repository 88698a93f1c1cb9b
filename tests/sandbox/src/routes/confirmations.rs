//! What a logged-in online-bank customer confirms with a key-card code: a new mobile
//! number (together with an SMS code sent to that number) or the opening of a profile the
//! customer locked. One table (`online_bank_confirmations`) and one order of checks for
//! both: the attempt, the customer's codes, then the SMS code (3 tries per attempt), then
//! the key-card code, counted and locked at the third wrong one like every key-card code
//! ([`credentials::check_key_card_in`]).

use avain_protocol::api::{ErrorCode, KeyCardChallenge};
use rusqlite::{Connection, OptionalExtension, params};
use time::{Duration, OffsetDateTime};

use crate::clock::{from_millis, to_millis};
use crate::credentials;
use crate::db::records::{self, Customer};
use crate::error::{ApiError, ApiResult};
use crate::state::Shared;

/// How long a confirmation waits for its codes.
const TTL: Duration = Duration::minutes(10);
/// Wrong SMS codes before a confirmation must start again.
const MAX_SMS_FAILURES: u32 = 3;

/// What is being confirmed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// A new mobile number.
    PhoneChange,
    /// Opening a profile the customer locked.
    ProfileOpen,
    /// Switching the SMS additional service off.
    SmsServiceOff,
}

impl Purpose {
    fn code(self) -> &'static str {
        match self {
            Purpose::PhoneChange => "phone_change",
            Purpose::ProfileOpen => "profile_open",
            Purpose::SmsServiceOff => "sms_service_off",
        }
    }
}

/// A live confirmation, loaded for its finish.
pub struct Confirmation {
    /// Its id.
    pub id: String,
    /// The customer, read in the finishing job.
    pub customer: Customer,
    /// The new number (a phone change).
    pub new_phone: Option<String>,
    /// The profile (a profile opening).
    pub profile_id: Option<String>,
    key_card_index: u32,
    sms_code_hash: Option<Vec<u8>>,
}

/// What a new confirmation carries besides its purpose.
pub struct NewConfirmation<'a> {
    /// The id (also what the SMS code is bound to).
    pub id: &'a str,
    /// The SMS code's hash, when one was sent.
    pub sms_code_hash: Option<Vec<u8>>,
    /// The new number.
    pub new_phone: Option<&'a str>,
    /// The profile.
    pub profile_id: Option<&'a str>,
}

/// Opens a confirmation asking the customer's pending key-card code. A customer has at
/// most one live confirmation per purpose: a new one ends the others, so an SMS code sent
/// to one number can never confirm another.
pub fn open(
    conn: &Connection,
    customer_id: i64,
    purpose: Purpose,
    new: NewConfirmation<'_>,
    now: OffsetDateTime,
) -> ApiResult<KeyCardChallenge> {
    conn.execute(
        "UPDATE online_bank_confirmations SET used = 1
         WHERE customer_id = ?1 AND purpose = ?2 AND used = 0",
        params![customer_id, purpose.code()],
    )?;
    let index = credentials::key_card_index_in(conn, customer_id)?;
    let expires_at = now + TTL;
    conn.execute(
        "INSERT INTO online_bank_confirmations (id, customer_id, purpose, key_card_index,
             sms_code_hash, new_phone, profile_id, expires_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            new.id,
            customer_id,
            purpose.code(),
            index,
            new.sms_code_hash,
            new.new_phone,
            new.profile_id,
            to_millis(expires_at)
        ],
    )?;
    Ok(KeyCardChallenge {
        attempt_id: new.id.to_owned(),
        key_card_index: index,
        expires_at,
    })
}

/// Loads a live confirmation of `customer_id` (another customer's id is `not_found`).
fn load(
    conn: &Connection,
    id: &str,
    customer_id: i64,
    purpose: Purpose,
    now: OffsetDateTime,
) -> ApiResult<Confirmation> {
    type Row = (
        u32,
        Option<Vec<u8>>,
        Option<String>,
        Option<String>,
        bool,
        i64,
    );
    let (index, hash, new_phone, profile_id, used, expires): Row = conn
        .query_row(
            "SELECT key_card_index, sms_code_hash, new_phone, profile_id, used, expires_at
             FROM online_bank_confirmations
             WHERE id = ?1 AND customer_id = ?2 AND purpose = ?3",
            params![id, customer_id, purpose.code()],
            |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                ))
            },
        )
        .optional()?
        .ok_or(ApiError::new(ErrorCode::NotFound))?;
    if used || now >= from_millis(expires) {
        return Err(ErrorCode::Expired.into());
    }
    Ok(Confirmation {
        id: id.to_owned(),
        customer: records::customer(conn, customer_id)?,
        new_phone,
        profile_id,
        key_card_index: index,
        sms_code_hash: hash,
    })
}

fn end(conn: &Connection, id: &str) -> ApiResult<()> {
    conn.execute(
        "UPDATE online_bank_confirmations SET used = 1 WHERE id = ?1",
        [id],
    )?;
    Ok(())
}

/// The customer's answer to a confirmation.
pub struct Answer<'a> {
    /// The confirmation's id.
    pub id: &'a str,
    /// What it must confirm (another purpose's id is `not_found`).
    pub purpose: Purpose,
    /// The SMS code, where one was sent.
    pub sms_code: Option<&'a str>,
    /// The key-card code.
    pub key_card_code: &'a str,
}

impl<'a> Answer<'a> {
    /// An answer with the key-card code only (no SMS code was sent).
    pub fn key_card(id: &'a str, purpose: Purpose, key_card_code: &'a str) -> Answer<'a> {
        Answer {
            id,
            purpose,
            sms_code: None,
            key_card_code,
        }
    }
}

/// Checks a confirmation's codes inside a write job and ends it when they are right. A
/// refusal comes back as `Ok(Err(..))` so the job still commits what it counted.
pub fn check(
    conn: &Connection,
    state: &Shared,
    customer_id: i64,
    answer: Answer<'_>,
    now: OffsetDateTime,
) -> ApiResult<Result<Confirmation, ApiError>> {
    let Answer {
        id,
        purpose,
        sms_code,
        key_card_code,
    } = answer;
    let confirmation = load(conn, id, customer_id, purpose, now)?;
    if let Err(refused) = confirmation.customer.require_usable() {
        end(conn, id)?;
        return Ok(Err(refused));
    }
    if let Some(hash) = confirmation.sms_code_hash.as_deref() {
        let right = sms_code.is_some_and(|c| credentials::sms_code_matches(state, id, c, hash));
        if !right {
            let failures: u32 = conn.query_row(
                "UPDATE online_bank_confirmations SET sms_failures = sms_failures + 1
                 WHERE id = ?1 RETURNING sms_failures",
                [id],
                |r| r.get(0),
            )?;
            if failures >= MAX_SMS_FAILURES {
                end(conn, id)?;
                return Ok(Err(ApiError::new(ErrorCode::Expired)));
            }
            return Ok(Err(ApiError::with_attempts_left(
                ErrorCode::SmsCodeWrong,
                MAX_SMS_FAILURES - failures,
            )));
        }
    }
    if let Err(wrong) = credentials::check_key_card_in(
        conn,
        state,
        &confirmation.customer,
        confirmation.key_card_index,
        key_card_code,
        now,
    )? {
        if wrong.code != ErrorCode::KeyCardCodeWrong {
            end(conn, id)?;
        }
        return Ok(Err(wrong));
    }
    end(conn, id)?;
    Ok(Ok(confirmation))
}
