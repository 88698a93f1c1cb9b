//! Payments: created in the app (or waiting from the online bank), approved with two
//! signatures over the payment's own fields (dynamic linking), and for a payee never paid
//! before also with the SMS code the bank sends. Transfers between two accounts of the same
//! customer (`POST /v1/transfers`) are payments of kind `own_transfer`: both accounts must
//! be the customer's, there is no SMS step, and the signed bytes carry both IBANs.

use avain_core::confirmation;
use avain_core::payments::{Iban, Money as CoreMoney, Reference};
use avain_protocol::api::{
    EInvoice, EInvoiceList, ErrorCode, LoginChannel, Money, NewPayment, NewTransfer, Payee,
    PayeeList, Payment, PaymentApproval, PaymentConfirm, PaymentKind, PaymentList, PaymentStatus,
    Personal,
};
use avain_protocol::rules::payments::{valid_amount_cents, valid_due_date};
use avain_protocol::rules::text::{PAYEE_NAME_MAX, PAYMENT_MESSAGE_MAX, is_single_line};
use avain_protocol::signed_bytes::Approval;
use axum::extract::State;
use axum::http::StatusCode;
use rusqlite::{Connection, OptionalExtension, Row, params};
use serde::Deserialize;
use time::{Duration, OffsetDateTime};

use crate::approvals::{self, require_shown_text};
use crate::clock::{from_millis, to_millis};
use crate::credentials;
use crate::crypto;
use crate::db::records;
use crate::error::{ApiError, ApiResult};
use crate::extract::{AppSession, Json, PathId, Query};
use crate::notify;
use crate::routes::accounts::{date, holds};
use crate::routes::auth::{BANK_REQUESTER, issue};
use crate::routes::devices::session_profile;
use crate::state::Shared;
use crate::texts::Notice;

/// How long a new-payee SMS code is valid.
pub const SMS_CODE_TTL: Duration = Duration::minutes(10);
/// Wrong SMS codes before a new one must be asked.
pub const MAX_SMS_FAILURES: u32 = 3;

const COLUMNS: &str = "id, from_account_id, payee_name, payee_iban, amount_cents, reference,
    message, due_date, status, new_payee, created_at, kind,
    (SELECT a.iban FROM accounts a WHERE a.id = payments.from_account_id)";

fn status(code: &str) -> PaymentStatus {
    match code {
        "scheduled" => PaymentStatus::Scheduled,
        "booked" => PaymentStatus::Booked,
        "cancelled" => PaymentStatus::Cancelled,
        _ => PaymentStatus::AwaitingApproval,
    }
}

fn status_code(status: PaymentStatus) -> &'static str {
    match status {
        PaymentStatus::AwaitingApproval => "awaiting_approval",
        PaymentStatus::Scheduled => "scheduled",
        PaymentStatus::Booked => "booked",
        PaymentStatus::Cancelled => "cancelled",
        // Only the phone reads a status it does not know; the bank never stores one.
        PaymentStatus::Unknown => "unknown",
    }
}

fn kind(code: &str) -> PaymentKind {
    match code {
        "own_transfer" => PaymentKind::OwnTransfer,
        _ => PaymentKind::Payment,
    }
}

fn from_row(r: &Row<'_>) -> rusqlite::Result<Payment> {
    Ok(Payment {
        payment_id: r.get(0)?,
        kind: kind(&r.get::<_, String>(11)?),
        from_account_id: r.get(1)?,
        from_iban: r.get::<_, Option<String>>(12)?.map(Personal),
        payee_name: r.get(2)?,
        payee_iban: Personal(r.get(3)?),
        amount: Money::eur(r.get(4)?),
        reference: r.get(5)?,
        message: r.get(6)?,
        due_date: date(&r.get::<_, String>(7)?),
        status: status(&r.get::<_, String>(8)?),
        new_payee: r.get(9)?,
        created_at: from_millis(r.get(10)?),
    })
}

/// One of the customer's payments.
pub fn payment(conn: &Connection, customer_id: i64, id: &str) -> ApiResult<Payment> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM payments WHERE id = ?1 AND customer_id = ?2"),
        params![id, customer_id],
        from_row,
    )
    .optional()?
    .ok_or(ApiError::new(ErrorCode::NotFound))
}

/// Books scheduled payments whose due date has come (the bank's nightly run, done when a
/// customer next looks; the sandbox has no background jobs).
pub async fn book_due_payments(state: &Shared) -> ApiResult<()> {
    let today = state.now().date().to_string();
    let due: bool = {
        let today = today.clone();
        state
            .db
            .read(move |conn| {
                Ok(conn.query_row(
                    "SELECT EXISTS (SELECT 1 FROM payments WHERE status = 'scheduled' AND due_date <= ?1)",
                    [today],
                    |r| r.get(0),
                )?)
            })
            .await?
    };
    if !due {
        return Ok(());
    }
    state
        .db
        .write(move |conn| {
            let ids: Vec<String> = conn
                .prepare("SELECT id FROM payments WHERE status = 'scheduled' AND due_date <= ?1")?
                .query_map([&today], |r| r.get(0))?
                .collect::<Result<_, _>>()?;
            for id in ids {
                book(conn, &id, &today)?;
            }
            Ok(())
        })
        .await
}

/// Moves the money: debits the account, credits it if the payee banks here, records the
/// transactions and marks the payment booked.
fn book(conn: &Connection, id: &str, today: &str) -> ApiResult<()> {
    let (from, name, iban, cents, reference, message): (
        String,
        String,
        String,
        i64,
        Option<String>,
        Option<String>,
    ) = conn.query_row(
        "SELECT from_account_id, payee_name, payee_iban, amount_cents, reference, message
             FROM payments WHERE id = ?1",
        [id],
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
    )?;
    let text = reference.or(message);
    conn.execute(
        "UPDATE accounts SET balance_cents = balance_cents - ?2 WHERE id = ?1",
        params![from, cents],
    )?;
    conn.execute(
        "INSERT INTO transactions (id, account_id, booked_on, amount_cents, counterparty,
             reference_or_message, payment_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![crypto::new_id("trn"), from, today, -cents, name, text, id],
    )?;
    let payer: Option<String> = conn
        .query_row(
            "SELECT c.name FROM accounts a JOIN account_holders h ON h.account_id = a.id
             JOIN customers c ON c.id = h.customer_id WHERE a.id = ?1 AND h.position = 0",
            [&from],
            |r| r.get(0),
        )
        .optional()?;
    let credited = conn.execute(
        "UPDATE accounts SET balance_cents = balance_cents + ?2 WHERE iban = ?1",
        params![iban, cents],
    )?;
    if credited == 1 {
        let to: String =
            conn.query_row("SELECT id FROM accounts WHERE iban = ?1", [&iban], |r| {
                r.get(0)
            })?;
        conn.execute(
            "INSERT INTO transactions (id, account_id, booked_on, amount_cents, counterparty,
                 reference_or_message, payment_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                crypto::new_id("trn"),
                to,
                today,
                cents,
                payer.unwrap_or_default(),
                text,
                id
            ],
        )?;
    }
    conn.execute("UPDATE payments SET status = 'booked' WHERE id = ?1", [id])?;
    Ok(())
}

/// `GET /v1/payments?status=...`
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ListQuery {
    status: Option<PaymentStatus>,
}

/// `GET /v1/payments`
pub async fn list(
    State(state): State<Shared>,
    session: AppSession,
    Query(query): Query<ListQuery>,
) -> ApiResult<axum::Json<PaymentList>> {
    // The query is a request: a status the bank does not know is malformed, as it was
    // before the phone's enum learnt to keep unknown values.
    if query.status == Some(PaymentStatus::Unknown) {
        return Err(ErrorCode::MalformedRequest.into());
    }
    book_due_payments(&state).await?;
    let customer_id = session.session.customer_id;
    let payments = state
        .db
        .read(move |conn| {
            let mut stmt = conn.prepare_cached(&format!(
                "SELECT {COLUMNS} FROM payments WHERE customer_id = ?1
                   AND (?2 IS NULL OR status = ?2)
                 ORDER BY created_at DESC, rowid DESC LIMIT 200"
            ))?;
            let rows = stmt.query_map(
                params![customer_id, query.status.map(status_code)],
                from_row,
            )?;
            Ok(rows.collect::<Result<Vec<_>, _>>()?)
        })
        .await?;
    Ok(axum::Json(PaymentList { payments }))
}

/// `GET /v1/payments/{id}`
pub async fn get(
    State(state): State<Shared>,
    session: AppSession,
    PathId(id): PathId,
) -> ApiResult<axum::Json<Payment>> {
    let customer_id = session.session.customer_id;
    state
        .db
        .read(move |conn| payment(conn, customer_id, &id))
        .await
        .map(axum::Json)
}

/// `GET /v1/payees`
pub async fn payees(
    State(state): State<Shared>,
    session: AppSession,
) -> ApiResult<axum::Json<PayeeList>> {
    let customer_id = session.session.customer_id;
    let payees = state
        .db
        .read(move |conn| {
            let mut stmt = conn.prepare_cached(
                "SELECT name, iban, last_paid_on FROM payees WHERE customer_id = ?1
                 ORDER BY last_paid_on DESC, name",
            )?;
            let rows = stmt.query_map([customer_id], |r| {
                Ok(Payee {
                    name: r.get(0)?,
                    iban: Personal(r.get(1)?),
                    last_paid_on: date(&r.get::<_, String>(2)?),
                })
            })?;
            Ok(rows.collect::<Result<Vec<_>, _>>()?)
        })
        .await?;
    Ok(axum::Json(PayeeList { payees }))
}

/// `GET /v1/e-invoices`: invoices not yet paid.
pub async fn e_invoices(
    State(state): State<Shared>,
    session: AppSession,
) -> ApiResult<axum::Json<EInvoiceList>> {
    let customer_id = session.session.customer_id;
    let invoices = state
        .db
        .read(move |conn| {
            let mut stmt = conn.prepare_cached(
                "SELECT i.id, i.biller_name, i.iban, i.amount_cents, i.reference, i.due_date, i.barcode
                 FROM e_invoices i WHERE i.customer_id = ?1 AND NOT EXISTS (
                     SELECT 1 FROM payments p WHERE p.invoice_id = i.id
                     AND p.status IN ('scheduled', 'booked'))
                 ORDER BY i.due_date",
            )?;
            let rows = stmt.query_map([customer_id], |r| {
                Ok(EInvoice {
                    invoice_id: r.get(0)?,
                    biller_name: r.get(1)?,
                    iban: Personal(r.get(2)?),
                    amount: Money::eur(r.get(3)?),
                    reference: r.get(4)?,
                    due_date: date(&r.get::<_, String>(5)?),
                    virtual_barcode: r.get(6)?,
                })
            })?;
            Ok(rows.collect::<Result<Vec<_>, _>>()?)
        })
        .await?;
    Ok(axum::Json(EInvoiceList { invoices }))
}

/// Issues the payment's challenge, and the SMS code when the payee is new. A code sent
/// earlier for this payment that is still valid (unexpired, not failed too often) is kept:
/// a new challenge (after a restart of the app, or an expired one) does not make the code
/// the customer is typing useless, and the customer gets no pile of texts.
async fn approval_for(
    state: &Shared,
    session: &AppSession,
    payment: Payment,
) -> ApiResult<PaymentApproval> {
    let profile = session_profile(state, session).await?;
    let mut sms_code_sent = false;
    let code_still_valid = if payment.new_payee {
        let (id, now) = (payment.payment_id.clone(), to_millis(state.now()));
        state
            .db
            .read(move |conn| {
                Ok(conn.query_row(
                    "SELECT sms_code_hash IS NOT NULL AND sms_expires_at > ?2 AND sms_failures < ?3
                     FROM payments WHERE id = ?1",
                    params![id, now, MAX_SMS_FAILURES],
                    |r| r.get::<_, bool>(0),
                )?)
            })
            .await?
    } else {
        false
    };
    if code_still_valid {
        sms_code_sent = true;
    } else if payment.new_payee {
        let customer_id = session.session.customer_id;
        let customer = state
            .db
            .read(move |conn| records::customer(conn, customer_id))
            .await?;
        if customer.phone.is_none() {
            return Err(ErrorCode::NoPhoneNumber.into());
        }
        if !customer.sms_service {
            return Err(ErrorCode::SmsServiceOff.into());
        }
        let (code, hash) = credentials::new_sms_code(state, &payment.payment_id);
        let (id, expires) = (
            payment.payment_id.clone(),
            to_millis(state.now() + SMS_CODE_TTL),
        );
        state
            .db
            .write(move |conn| {
                conn.execute(
                    "UPDATE payments SET sms_code_hash = ?2, sms_expires_at = ?3, sms_failures = 0
                     WHERE id = ?1",
                    params![id, hash, expires],
                )?;
                Ok(())
            })
            .await?;
        notify::sms(
            state,
            &customer,
            "payment_sms_code",
            Notice::PaymentCode {
                code: &code,
                amount: CoreMoney::from_cents(payment.amount.cents),
                payee: &payment.payee_name,
            },
        );
        sms_code_sent = true;
    }
    let purpose = payment
        .kind
        .purpose()
        .ok_or_else(|| ApiError::internal("stored payment", "unknown kind"))?;
    let challenge = issue(
        state,
        &profile,
        purpose,
        BANK_REQUESTER,
        Some(payment.payment_id.clone()),
        LoginChannel::App,
    )?;
    Ok(PaymentApproval {
        payment,
        challenge,
        sms_code_sent,
    })
}

/// `POST /v1/payments`: a new payment from the app; answers with its challenge.
pub async fn create(
    State(state): State<Shared>,
    session: AppSession,
    Json(body): Json<NewPayment>,
) -> ApiResult<(StatusCode, axum::Json<PaymentApproval>)> {
    let iban = Iban::parse(body.payee_iban.as_str())
        .map_err(|_| ApiError::new(ErrorCode::InvalidValue))?;
    let reference = body
        .reference
        .as_deref()
        .map(Reference::parse)
        .transpose()
        .map_err(|_| ApiError::new(ErrorCode::InvalidValue))?;
    let message = body.message.clone();
    let today = state.now().date();
    let due = body.due_date.unwrap_or(today);
    let valid = is_single_line(&body.payee_name, PAYEE_NAME_MAX)
        && !(reference.is_some() && message.is_some())
        && amount_message_and_due_valid(body.amount_cents, message.as_deref(), due, today)
        && iban.is_sepa();
    if !valid {
        return Err(ErrorCode::InvalidValue.into());
    }
    let customer_id = session.session.customer_id;
    let now = state.now();
    let id = crypto::new_id("pay");
    let payment = state
        .db
        .write(move |conn| {
            if !holds(conn, customer_id, &body.from_account_id)? {
                return Err(ErrorCode::NotFound.into());
            }
            if let Some(invoice) = &body.invoice_id {
                let found: bool = conn.query_row(
                    "SELECT EXISTS (SELECT 1 FROM e_invoices WHERE id = ?1 AND customer_id = ?2)",
                    params![invoice, customer_id],
                    |r| r.get(0),
                )?;
                if !found {
                    return Err(ErrorCode::NotFound.into());
                }
            }
            let known: bool = conn.query_row(
                "SELECT EXISTS (SELECT 1 FROM payees WHERE customer_id = ?1 AND iban = ?2)
                     OR EXISTS (SELECT 1 FROM accounts a JOIN account_holders h ON h.account_id = a.id
                                WHERE h.customer_id = ?1 AND a.iban = ?2)",
                params![customer_id, iban.electronic()],
                |r| r.get(0),
            )?;
            conn.execute(
                "INSERT INTO payments (id, customer_id, from_account_id, payee_name, payee_iban,
                     amount_cents, reference, message, due_date, status, new_payee, created_at,
                     invoice_id)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 'awaiting_approval', ?10, ?11, ?12)",
                params![
                    id,
                    customer_id,
                    body.from_account_id,
                    body.payee_name,
                    iban.electronic(),
                    body.amount_cents,
                    reference.as_ref().map(Reference::machine),
                    message,
                    due.to_string(),
                    !known,
                    to_millis(now),
                    body.invoice_id
                ],
            )?;
            payment(conn, customer_id, &id)
        })
        .await?;
    let approval = approval_for(&state, &session, payment).await?;
    Ok((StatusCode::CREATED, axum::Json(approval)))
}

/// `POST /v1/transfers`: a transfer between two accounts of the same customer; answers
/// with its challenge (never an SMS code: no payee is new). Both accounts must be held by
/// the customer (else `not_found`, as for any account that is not theirs); the account
/// paid to is named by its id, so the customer types no IBAN and no name.
pub async fn create_transfer(
    State(state): State<Shared>,
    session: AppSession,
    Json(body): Json<NewTransfer>,
) -> ApiResult<(StatusCode, axum::Json<PaymentApproval>)> {
    let today = state.now().date();
    let due = body.due_date.unwrap_or(today);
    let valid =
        amount_message_and_due_valid(body.amount_cents, body.message.as_deref(), due, today)
            && body.from_account_id != body.to_account_id;
    if !valid {
        return Err(ErrorCode::InvalidValue.into());
    }
    let customer_id = session.session.customer_id;
    let now = state.now();
    let id = crypto::new_id("pay");
    let payment = state
        .db
        .write(move |conn| {
            if !holds(conn, customer_id, &body.from_account_id)?
                || !holds(conn, customer_id, &body.to_account_id)?
            {
                return Err(ErrorCode::NotFound.into());
            }
            let (to_iban, to_name): (String, String) = conn.query_row(
                "SELECT iban, name FROM accounts WHERE id = ?1",
                [&body.to_account_id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?;
            conn.execute(
                "INSERT INTO payments (id, customer_id, from_account_id, payee_name, payee_iban,
                     amount_cents, reference, message, due_date, status, new_payee, created_at,
                     kind)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, NULL, ?7, ?8, 'awaiting_approval', 0, ?9,
                     'own_transfer')",
                params![
                    id,
                    customer_id,
                    body.from_account_id,
                    to_name,
                    to_iban,
                    body.amount_cents,
                    body.message,
                    due.to_string(),
                    to_millis(now),
                ],
            )?;
            payment(conn, customer_id, &id)
        })
        .await?;
    let approval = approval_for(&state, &session, payment).await?;
    Ok((StatusCode::CREATED, axum::Json(approval)))
}

/// The fields the approval of `payment` signs, by its kind (the bank's own record).
fn signed_fields(payment: &Payment, shown_text: String) -> ApiResult<Approval> {
    let stored = |what: &'static str| ApiError::internal("stored payment", what);
    let amount_cents = u64::try_from(payment.amount.cents).map_err(|_| stored("amount"))?;
    let currency = payment.amount.currency.code().to_owned();
    let payee_iban = Iban::parse(payment.payee_iban.as_str()).map_err(|_| stored("IBAN"))?;
    match payment.kind {
        PaymentKind::Payment => Ok(Approval::Payment {
            amount_cents,
            currency,
            payee_iban: payee_iban.electronic().to_owned(),
            payee_name: payment.payee_name.clone(),
            reference: payment.reference.clone().unwrap_or_default(),
            shown_text,
        }),
        PaymentKind::OwnTransfer => {
            let from = payment
                .from_iban
                .as_ref()
                .ok_or_else(|| stored("account"))?;
            let from = Iban::parse(from.as_str()).map_err(|_| stored("account IBAN"))?;
            Ok(Approval::OwnTransfer {
                amount_cents,
                currency,
                from_iban: from.electronic().to_owned(),
                to_iban: payee_iban.electronic().to_owned(),
                shown_text,
            })
        }
        PaymentKind::Unknown => Err(stored("kind")),
    }
}

/// `POST /v1/payments/{id}/approval`: the challenge for a payment waiting for approval
/// (made in the online bank, or an earlier attempt).
pub async fn approval(
    State(state): State<Shared>,
    session: AppSession,
    PathId(id): PathId,
) -> ApiResult<(StatusCode, axum::Json<PaymentApproval>)> {
    let customer_id = session.session.customer_id;
    let payment = state
        .db
        .read(move |conn| payment(conn, customer_id, &id))
        .await?;
    if payment.status != PaymentStatus::AwaitingApproval {
        return Err(ErrorCode::Conflict.into());
    }
    let approval = approval_for(&state, &session, payment).await?;
    Ok((StatusCode::CREATED, axum::Json(approval)))
}

/// Whether `shown` is, byte for byte, `expected`: the confirmation text the bank rendered
/// from its own record of the payment. Both are hashed with SHA-256 and the digests
/// compared in constant time: what the customer read is what the bank keeps.
fn is_rendered_text(shown: &str, expected: &str) -> bool {
    crypto::constant_time_eq(
        &crypto::sha256(expected.as_bytes()),
        &crypto::sha256(shown.as_bytes()),
    )
}

/// `POST /v1/payments/{id}/confirm`
pub async fn confirm(
    State(state): State<Shared>,
    session: AppSession,
    PathId(id): PathId,
    Json(body): Json<PaymentConfirm>,
) -> ApiResult<axum::Json<Payment>> {
    let customer_id = session.session.customer_id;
    let now = state.now();
    let pid = id.clone();
    let current = state
        .db
        .read(move |conn| payment(conn, customer_id, &pid))
        .await?;
    if current.status != PaymentStatus::AwaitingApproval {
        return Err(ErrorCode::Conflict.into());
    }
    if current.new_payee {
        check_sms_code(&state, &id, body.sms_code.as_ref().map(|c| c.expose()), now).await?;
    }
    // The text the phone must have shown: the core's own rendering of the bank's record,
    // in the language the phone says it showed (PSD2 RTS art. 5, dynamic linking).
    let expected = confirmation::of_record(body.shown_language, &current)
        .ok_or_else(|| ApiError::internal("stored payment", "does not render"))?;
    let purpose = current
        .kind
        .purpose()
        .ok_or_else(|| ApiError::internal("stored payment", "unknown kind"))?;
    let fields = current.clone();
    let session_profile_id = session.profile_id.clone();
    approvals::approve(
        &state,
        body.assertion,
        purpose,
        Some(id.clone()),
        move |_, shown| {
            let shown_text = require_shown_text(shown)?;
            if !is_rendered_text(&shown_text, &expected) {
                return Err(ErrorCode::ShownTextMismatch.into());
            }
            signed_fields(&fields, shown_text)
        },
        move |conn, approved| {
            if approved.profile.id != session_profile_id {
                return Err(ErrorCode::ChallengeMismatch.into());
            }
            // Decided again inside the transaction: another request may have confirmed
            // or cancelled it, or spent the money, since the checks above.
            let payment = payment(conn, customer_id, &id)?;
            if payment.status != PaymentStatus::AwaitingApproval {
                return Err(ErrorCode::Conflict.into());
            }
            let today = now.date();
            let immediate = payment.due_date <= today;
            let available: i64 = conn.query_row(
                "SELECT a.balance_cents - COALESCE((SELECT SUM(p.amount_cents) FROM payments p
                     WHERE p.from_account_id = a.id AND p.status = 'scheduled'), 0)
                 FROM accounts a WHERE a.id = ?1",
                [&payment.from_account_id],
                |r| r.get(0),
            )?;
            if available < payment.amount.cents {
                return Err(ErrorCode::InsufficientFunds.into());
            }
            conn.execute(
                "UPDATE payments SET status = 'scheduled', confirmed_at = ?2, confirmed_by = ?3,
                     shown_text = ?4, sms_code_hash = NULL WHERE id = ?1",
                params![id, to_millis(now), approved.profile.id, approved.shown_text],
            )?;
            if immediate {
                book(conn, &id, &today.to_string())?;
            }
            // The customer's own account is not a payee.
            if payment.kind == PaymentKind::Payment {
                conn.execute(
                "INSERT INTO payees (customer_id, iban, name, last_paid_on) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (customer_id, iban) DO UPDATE SET name = excluded.name,
                     last_paid_on = excluded.last_paid_on",
                params![
                    customer_id,
                    payment.payee_iban.as_str(),
                    payment.payee_name,
                    today.to_string()
                ],
            )?;
            }
            self::payment(conn, customer_id, &id)
        },
    )
    .await
    .map(axum::Json)
}

async fn check_sms_code(
    state: &Shared,
    id: &str,
    code: Option<&str>,
    now: OffsetDateTime,
) -> ApiResult<()> {
    let Some(code) = code else {
        return Err(ErrorCode::SmsCodeRequired.into());
    };
    let (id, code, st) = (
        id.to_owned(),
        zeroize::Zeroizing::new(code.to_owned()),
        state.clone(),
    );
    state
        .db
        .write(move |conn| {
            let (hash, expires, failures): (Option<Vec<u8>>, Option<i64>, u32) = conn.query_row(
                "SELECT sms_code_hash, sms_expires_at, sms_failures FROM payments WHERE id = ?1",
                [&id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )?;
            let (Some(hash), Some(expires)) = (hash, expires) else {
                return Ok(Err(ApiError::new(ErrorCode::Expired)));
            };
            if now >= from_millis(expires) || failures >= MAX_SMS_FAILURES {
                return Ok(Err(ApiError::new(ErrorCode::Expired)));
            }
            if credentials::sms_code_matches(&st, &id, &code, &hash) {
                return Ok(Ok(()));
            }
            let failures = failures + 1;
            conn.execute(
                "UPDATE payments SET sms_failures = ?2 WHERE id = ?1",
                params![id, failures],
            )?;
            if failures >= MAX_SMS_FAILURES {
                return Ok(Err(ApiError::new(ErrorCode::Expired)));
            }
            Ok(Err(ApiError::with_attempts_left(
                ErrorCode::SmsCodeWrong,
                MAX_SMS_FAILURES - failures,
            )))
        })
        .await?
}

/// `DELETE /v1/payments/{id}`: cancel a payment waiting for approval or scheduled.
pub async fn cancel(
    State(state): State<Shared>,
    session: AppSession,
    PathId(id): PathId,
) -> ApiResult<axum::Json<Payment>> {
    let customer_id = session.session.customer_id;
    state
        .db
        .write(move |conn| {
            let payment = payment(conn, customer_id, &id)?;
            if !matches!(
                payment.status,
                PaymentStatus::AwaitingApproval | PaymentStatus::Scheduled
            ) {
                return Err(ErrorCode::Conflict.into());
            }
            conn.execute(
                "UPDATE payments SET status = 'cancelled', sms_code_hash = NULL WHERE id = ?1",
                [&id],
            )?;
            self::payment(conn, customer_id, &id)
        })
        .await
        .map(axum::Json)
}

/// The fields a payment and an own-account transfer share: the amount, the message (one
/// line, at most [`PAYMENT_MESSAGE_MAX`]) and the due date, by the protocol's rules.
fn amount_message_and_due_valid(
    amount_cents: i64,
    message: Option<&str>,
    due: time::Date,
    today: time::Date,
) -> bool {
    valid_amount_cents(amount_cents)
        && message.is_none_or(|m| is_single_line(m, PAYMENT_MESSAGE_MAX))
        && valid_due_date(due, today)
}
