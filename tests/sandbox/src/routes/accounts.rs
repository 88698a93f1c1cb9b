//! Accounts, balances and transactions.

use avain_protocol::api::{
    Account, AccountKind, AccountList, ErrorCode, Money, Personal, Transaction, TransactionList,
};
use axum::extract::State;
use rusqlite::{Connection, params};
use time::Date;
use time::format_description::well_known::Iso8601;

use crate::error::{ApiError, ApiResult};
use crate::extract::{AppSession, PathId};
use crate::routes::payments::book_due_payments;
use crate::state::Shared;

/// Parses an ISO date column.
pub fn date(text: &str) -> Date {
    Date::parse(text, &Iso8601::DATE).unwrap_or(Date::MIN)
}

fn kind(code: &str) -> AccountKind {
    match code {
        "savings" => AccountKind::Savings,
        "joint" => AccountKind::Joint,
        "business" => AccountKind::Business,
        _ => AccountKind::Current,
    }
}

/// Whether the customer holds the account.
pub fn holds(conn: &Connection, customer_id: i64, account_id: &str) -> ApiResult<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM account_holders WHERE customer_id = ?1 AND account_id = ?2)",
        params![customer_id, account_id],
        |r| r.get(0),
    )?)
}

/// The customer's accounts with booked and available balances.
pub fn accounts_of(conn: &Connection, customer_id: i64) -> ApiResult<Vec<Account>> {
    let mut stmt = conn.prepare_cached(
        "SELECT a.id, a.iban, a.name, a.kind, a.balance_cents,
                a.balance_cents - COALESCE((SELECT SUM(p.amount_cents) FROM payments p
                    WHERE p.from_account_id = a.id AND p.status = 'scheduled'), 0)
         FROM accounts a JOIN account_holders h ON h.account_id = a.id
         WHERE h.customer_id = ?1 ORDER BY a.rowid",
    )?;
    let rows = stmt.query_map([customer_id], |r| {
        Ok(Account {
            account_id: r.get(0)?,
            iban: Personal(r.get(1)?),
            name: r.get(2)?,
            kind: kind(&r.get::<_, String>(3)?),
            balance: Money::eur(r.get(4)?),
            available: Money::eur(r.get(5)?),
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// `GET /v1/accounts`
pub async fn list(
    State(state): State<Shared>,
    session: AppSession,
) -> ApiResult<axum::Json<AccountList>> {
    book_due_payments(&state).await?;
    let customer_id = session.session.customer_id;
    let accounts = state
        .db
        .read(move |conn| accounts_of(conn, customer_id))
        .await?;
    Ok(axum::Json(AccountList { accounts }))
}

/// `GET /v1/accounts/{id}/transactions`
pub async fn transactions(
    State(state): State<Shared>,
    session: AppSession,
    PathId(account_id): PathId,
) -> ApiResult<axum::Json<TransactionList>> {
    book_due_payments(&state).await?;
    let customer_id = session.session.customer_id;
    let transactions = state
        .db
        .read(move |conn| {
            if !holds(conn, customer_id, &account_id)? {
                return Err(ApiError::new(ErrorCode::NotFound));
            }
            let mut stmt = conn.prepare_cached(
                "SELECT id, booked_on, amount_cents, counterparty, reference_or_message
                 FROM transactions WHERE account_id = ?1
                 ORDER BY booked_on DESC, rowid DESC LIMIT 200",
            )?;
            let rows = stmt.query_map([&account_id], |r| {
                Ok(Transaction {
                    transaction_id: r.get(0)?,
                    booked_on: date(&r.get::<_, String>(1)?),
                    amount: Money::eur(r.get(2)?),
                    counterparty: r.get(3)?,
                    reference_or_message: r.get(4)?,
                })
            })?;
            Ok(rows.collect::<Result<Vec<_>, _>>()?)
        })
        .await?;
    Ok(axum::Json(TransactionList { transactions }))
}
