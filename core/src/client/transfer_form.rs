//! The form of a transfer between two of the customer's own accounts: two accounts from
//! the customer's list, an amount, optionally a message and a due date. No payee to type,
//! so no payee name, IBAN or reference. Pure: "today" is an argument; the bank checks
//! again that both accounts are the customer's.

use time::Date;

use super::payment_form::{
    PaymentField, PaymentFieldError, check_amount, check_due_date, check_message, own_message,
};
use crate::error::AvainErrorCode;
use crate::i18n::Language;
use crate::payments::Money;

/// A transfer between own accounts as the customer filled it in. Pass it to
/// [`Payments::start_transfer`](crate::client::Payments::start_transfer).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct TransferDraft {
    /// The account the money leaves (an `account_id` of
    /// [`Payments::accounts`](crate::client::Payments::accounts)).
    pub from_account_id: String,
    /// The account it goes to (another `account_id` of the same list).
    pub to_account_id: String,
    /// The amount as typed ("500", "1 234,50 €").
    pub amount: String,
    /// A message, or empty.
    pub message: String,
    /// The due date, "24.12.2026" or "2026-12-24"; empty for today.
    pub due_date: String,
}

/// A transfer form that passed every check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ValidTransfer {
    pub(crate) from_account_id: String,
    pub(crate) to_account_id: String,
    pub(crate) amount: Money,
    pub(crate) message: Option<String>,
    pub(crate) due_date: Option<Date>,
}

/// Checks every field; all problems at once, in the form's order.
pub(crate) fn validate(
    lang: Language,
    draft: &TransferDraft,
    today: Date,
) -> Result<ValidTransfer, Vec<PaymentFieldError>> {
    let mut errors = Vec::new();
    let mut fail = |field: PaymentField, code: AvainErrorCode, message: String| {
        errors.push(PaymentFieldError {
            field,
            code,
            message,
        })
    };
    let from_account_id = draft.from_account_id.trim().to_owned();
    let to_account_id = draft.to_account_id.trim().to_owned();
    if from_account_id.is_empty() {
        let code = AvainErrorCode::FromAccountMissing;
        fail(PaymentField::FromAccountId, code, own_message(lang, code));
    }
    if to_account_id.is_empty() {
        let code = AvainErrorCode::ToAccountMissing;
        fail(PaymentField::ToAccountId, code, own_message(lang, code));
    } else if to_account_id == from_account_id {
        let code = AvainErrorCode::TransferSameAccount;
        fail(PaymentField::ToAccountId, code, own_message(lang, code));
    }
    let amount = match check_amount(lang, &draft.amount) {
        Ok(amount) => Some(amount),
        Err((code, message)) => {
            fail(PaymentField::Amount, code, message);
            None
        }
    };
    let message = check_message(&draft.message).unwrap_or_else(|code| {
        fail(PaymentField::Message, code, own_message(lang, code));
        None
    });
    let due_date = check_due_date(&draft.due_date, today).unwrap_or_else(|code| {
        fail(PaymentField::DueDate, code, own_message(lang, code));
        None
    });
    match amount {
        Some(amount) if errors.is_empty() => Ok(ValidTransfer {
            from_account_id,
            to_account_id,
            amount,
            message,
            due_date,
        }),
        _ => Err(errors),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    const TODAY: Date = date!(2026 - 11 - 22);

    fn draft() -> TransferDraft {
        TransferDraft {
            from_account_id: "acc_anna_current".into(),
            to_account_id: "acc_anna_savings".into(),
            amount: "500".into(),
            message: " Lomarahat ".into(),
            due_date: "24.12.2026".into(),
        }
    }

    #[test]
    fn a_filled_form_is_valid() {
        let valid = validate(Language::Fi, &draft(), TODAY).unwrap();
        assert_eq!(valid.amount.cents(), 50_000);
        assert_eq!(valid.message.as_deref(), Some("Lomarahat"));
        assert_eq!(valid.due_date, Some(date!(2026 - 12 - 24)));
        let today = TransferDraft {
            message: String::new(),
            due_date: String::new(),
            ..draft()
        };
        let valid = validate(Language::Fi, &today, TODAY).unwrap();
        assert_eq!((valid.message, valid.due_date), (None, None));
    }

    #[test]
    fn every_problem_is_reported_at_its_field() {
        let errors = validate(
            Language::Sv,
            &TransferDraft {
                from_account_id: "acc_anna_current".into(),
                to_account_id: " acc_anna_current ".into(),
                amount: "0".into(),
                message: "a\u{7}b".into(),
                due_date: "1.1.2020".into(),
            },
            TODAY,
        )
        .unwrap_err();
        let found: Vec<(PaymentField, AvainErrorCode)> =
            errors.iter().map(|e| (e.field, e.code)).collect();
        assert_eq!(
            found,
            [
                (
                    PaymentField::ToAccountId,
                    AvainErrorCode::TransferSameAccount
                ),
                (PaymentField::Amount, AvainErrorCode::AmountZero),
                (PaymentField::Message, AvainErrorCode::MessageInvalid),
                (PaymentField::DueDate, AvainErrorCode::DueDatePast),
            ]
        );
        assert_eq!(errors[0].message, "Välj två olika konton.");
        let empty = validate(Language::Fi, &TransferDraft::default(), TODAY).unwrap_err();
        let codes: Vec<AvainErrorCode> = empty.iter().map(|e| e.code).collect();
        assert_eq!(
            codes,
            [
                AvainErrorCode::FromAccountMissing,
                AvainErrorCode::ToAccountMissing,
                AvainErrorCode::AmountMissing,
            ]
        );
    }
}
