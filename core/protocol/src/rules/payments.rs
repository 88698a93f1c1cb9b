//! Payments: the amounts allowed, and how far ahead a due date may be.

use time::{Date, Duration};

/// The largest amount of one payment, in cents: 999 999 999,99 €, what a SEPA credit
/// transfer allows. The payment form refuses more, the signed bytes cannot carry more and
/// the bank refuses more.
pub const MAX_AMOUNT_CENTS: u64 = 99_999_999_999;

/// Whether `cents` is a payment's amount: at least one cent, at most [`MAX_AMOUNT_CENTS`].
pub fn valid_amount_cents(cents: i64) -> bool {
    u64::try_from(cents).is_ok_and(|cents| (1..=MAX_AMOUNT_CENTS).contains(&cents))
}

/// A due date may be at most this many days after today.
pub const DUE_DATE_MAX_DAYS_AHEAD: i64 = 365;

/// Whether `due` may be a payment's due date on `today`: not in the past, at most
/// [`DUE_DATE_MAX_DAYS_AHEAD`] days ahead.
pub fn valid_due_date(due: Date, today: Date) -> bool {
    due >= today && !is_too_far(due, today)
}

/// Whether `due` is further ahead of `today` than a due date may be.
pub fn is_too_far(due: Date, today: Date) -> bool {
    due > today.saturating_add(Duration::days(DUE_DATE_MAX_DAYS_AHEAD))
}

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::*;

    #[test]
    fn an_amount_is_one_cent_to_the_sepa_maximum() {
        for (cents, valid) in [
            (i64::MIN, false),
            (-1, false),
            (0, false),
            (1, true),
            (99_999_999_999, true),
            (100_000_000_000, false),
            (i64::MAX, false),
        ] {
            assert_eq!(valid_amount_cents(cents), valid, "{cents}");
        }
    }

    #[test]
    fn due_dates_run_from_today_to_a_year_ahead() {
        let today = date!(2026 - 12 - 20);
        assert!(valid_due_date(today, today));
        assert!(!valid_due_date(date!(2026 - 12 - 19), today));
        assert!(valid_due_date(date!(2027 - 12 - 20), today));
        assert!(!valid_due_date(date!(2027 - 12 - 21), today));
        assert!(is_too_far(date!(2027 - 12 - 21), today));
        assert!(!is_too_far(date!(2027 - 12 - 20), today));
        assert!(valid_due_date(Date::MAX, Date::MAX));
    }
}
