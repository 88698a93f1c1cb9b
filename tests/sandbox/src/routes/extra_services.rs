//! The online bank's additional services ("Ota käyttöön lisäpalvelut" / "Ta i bruk
//! tilläggstjänster"): the mobile number and the SMS additional service. Registration of
//! the code app refuses without them (`no_phone_number`, `sms_service_off`); this is where
//! the customer fixes that.
//!
//! A new number is confirmed with a key-card code and an SMS code sent to the new number
//! (proof that the customer holds it), through [`confirmations`]. Starts are throttled per
//! customer ([`throttle::PHONE_CHANGES_PER_CUSTOMER`]). Numbers never reach a log: the
//! outbox is the only place they go.

use avain_protocol::api::{
    CodeRequest, ErrorCode, ExtraServices, KeyCardChallenge, PhoneChangeFinish, PhoneChangeStart,
    PhoneChangeStarted, SmsServiceChange,
};
use avain_protocol::rules::phone;
use axum::extract::State;
use axum::http::StatusCode;
use rusqlite::params;

use crate::credentials;
use crate::crypto;
use crate::db::records;
use crate::error::{ApiError, ApiResult};
use crate::extract::{BankSession, Json, PathId};
use crate::notify;
use crate::routes::confirmations::{self, Answer, NewConfirmation, Purpose};
use crate::state::Shared;
use crate::texts::{self, Notice};
use crate::throttle::{self, Counter};

/// The outbox kind of the SMS code sent to a new number.
pub const PHONE_CHANGE_SMS_CODE: &str = "phone_change_sms_code";

/// `GET /v1/online-bank/extra-services`
pub async fn get(
    State(state): State<Shared>,
    session: BankSession,
) -> ApiResult<axum::Json<ExtraServices>> {
    session.require_password_ok()?;
    let customer_id = session.session.customer_id;
    let customer = state
        .db
        .read(move |conn| records::customer(conn, customer_id))
        .await?;
    Ok(services(&customer))
}

/// `POST /v1/online-bank/phone-changes`: checks the number's form, sends an SMS code to it
/// and asks a key-card code.
pub async fn start(
    State(state): State<Shared>,
    session: BankSession,
    Json(body): Json<PhoneChangeStart>,
) -> ApiResult<(StatusCode, axum::Json<PhoneChangeStarted>)> {
    session.require_password_ok()?;
    let number = phone::normalize_mobile(body.phone.as_str())
        .ok_or(ApiError::new(ErrorCode::PhoneNumberInvalid))?;
    let customer_id = session.session.customer_id;
    let now = state.now();
    state.throttle.hit(
        Counter::PhoneChangesPerCustomer,
        &customer_id.to_string(),
        throttle::PHONE_CHANGES_PER_CUSTOMER,
        now,
    )?;
    let st = state.clone();
    let new_phone = number.clone();
    let (customer, code, key_card) = state
        .db
        .write(move |conn| {
            let customer = records::customer(conn, customer_id)?;
            customer.require_usable()?;
            let id = crypto::new_id("phc");
            let (code, hash) = credentials::new_sms_code(&st, &id);
            let key_card = confirmations::open(
                conn,
                customer_id,
                Purpose::PhoneChange,
                NewConfirmation {
                    id: &id,
                    sms_code_hash: Some(hash),
                    new_phone: Some(&new_phone),
                    profile_id: None,
                },
                now,
            )?;
            Ok((customer, code, key_card))
        })
        .await?;
    // To the new number, not the customer's current one: this proves the customer holds it.
    state.outbox.sms(
        now,
        &customer.user_id,
        &number,
        PHONE_CHANGE_SMS_CODE,
        texts::text(Notice::PhoneChangeCode(&code), customer.lang()),
    );
    Ok((
        StatusCode::CREATED,
        axum::Json(PhoneChangeStarted {
            key_card,
            phone_hint: notify::phone_hint(&number),
        }),
    ))
}

/// `POST /v1/online-bank/phone-changes/{id}`: the SMS code and the key-card code; saves
/// the number and tells the old one.
pub async fn finish(
    State(state): State<Shared>,
    session: BankSession,
    PathId(id): PathId,
    Json(body): Json<PhoneChangeFinish>,
) -> ApiResult<StatusCode> {
    session.require_password_ok()?;
    let customer_id = session.session.customer_id;
    let now = state.now();
    let st = state.clone();
    let old = state
        .db
        .write(move |conn| {
            let confirmation = match confirmations::check(
                conn,
                &st,
                customer_id,
                Answer {
                    id: &id,
                    purpose: Purpose::PhoneChange,
                    sms_code: Some(body.sms_code.expose()),
                    key_card_code: body.key_card_code.expose(),
                },
                now,
            )? {
                Ok(confirmation) => confirmation,
                Err(refused) => return Ok(Err(refused)),
            };
            conn.execute(
                "UPDATE customers SET phone = ?2 WHERE id = ?1",
                params![customer_id, confirmation.new_phone],
            )?;
            Ok(Ok(confirmation.customer))
        })
        .await??;
    if old.phone.is_some() {
        notify::sms(&state, &old, "phone_changed", Notice::PhoneChanged);
    }
    Ok(StatusCode::NO_CONTENT)
}

/// `PUT /v1/online-bank/sms-service`: switches the service on, which needs a saved mobile
/// number (`no_phone_number`). Off is `wrong_step` here: it takes away the new-payee SMS
/// confirmation, so whoever holds the session must also show a key-card code
/// ([`off_start`], [`off_finish`]), as a bank asks for any change that weakens the
/// customer's protection.
pub async fn set_sms_service(
    State(state): State<Shared>,
    session: BankSession,
    Json(body): Json<SmsServiceChange>,
) -> ApiResult<axum::Json<ExtraServices>> {
    session.require_password_ok()?;
    if !body.enabled {
        return Err(ErrorCode::WrongStep.into());
    }
    let customer_id = session.session.customer_id;
    let customer = state
        .db
        .write(move |conn| {
            let customer = records::customer(conn, customer_id)?;
            customer.require_usable()?;
            if customer.phone.is_none() {
                return Err(ErrorCode::NoPhoneNumber.into());
            }
            conn.execute(
                "UPDATE customers SET sms_service = 1 WHERE id = ?1",
                [customer_id],
            )?;
            records::customer(conn, customer_id)
        })
        .await?;
    Ok(services(&customer))
}

/// `POST /v1/online-bank/sms-service-off`: asks a key-card code to switch the service off
/// (`conflict` when it is off already).
pub async fn off_start(
    State(state): State<Shared>,
    session: BankSession,
) -> ApiResult<(StatusCode, axum::Json<KeyCardChallenge>)> {
    session.require_password_ok()?;
    let customer_id = session.session.customer_id;
    let now = state.now();
    let challenge = state
        .db
        .write(move |conn| {
            let customer = records::customer(conn, customer_id)?;
            customer.require_usable()?;
            if !customer.sms_service {
                return Err(ErrorCode::Conflict.into());
            }
            confirmations::open(
                conn,
                customer_id,
                Purpose::SmsServiceOff,
                NewConfirmation {
                    id: &crypto::new_id("sso"),
                    sms_code_hash: None,
                    new_phone: None,
                    profile_id: None,
                },
                now,
            )
        })
        .await?;
    Ok((StatusCode::CREATED, axum::Json(challenge)))
}

/// `POST /v1/online-bank/sms-service-offs/{id}`: the key-card code; switches the service
/// off and tells the customer by SMS (the last one the service sends), as after a number
/// change. A wrong code counts toward the card's lock like every key-card code.
pub async fn off_finish(
    State(state): State<Shared>,
    session: BankSession,
    PathId(id): PathId,
    Json(body): Json<CodeRequest>,
) -> ApiResult<axum::Json<ExtraServices>> {
    session.require_password_ok()?;
    let customer_id = session.session.customer_id;
    let now = state.now();
    let st = state.clone();
    let (before, customer) = state
        .db
        .write(move |conn| {
            let confirmation = match confirmations::check(
                conn,
                &st,
                customer_id,
                Answer::key_card(&id, Purpose::SmsServiceOff, body.code.expose()),
                now,
            )? {
                Ok(confirmation) => confirmation,
                Err(refused) => return Ok(Err(refused)),
            };
            conn.execute(
                "UPDATE customers SET sms_service = 0 WHERE id = ?1",
                [customer_id],
            )?;
            Ok(Ok((
                confirmation.customer,
                records::customer(conn, customer_id)?,
            )))
        })
        .await??;
    if before.sms_service {
        notify::sms(&state, &before, "sms_service_off", Notice::SmsServiceOff);
    }
    Ok(services(&customer))
}

fn services(customer: &records::Customer) -> axum::Json<ExtraServices> {
    axum::Json(ExtraServices {
        phone_hint: customer.phone.as_deref().map(notify::phone_hint),
        sms_service: customer.sms_service,
    })
}
