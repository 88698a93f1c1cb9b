//! Dates and times as a Finnish bank shows them: in Finnish time (EET/EEST), "22.11.2026
//! klo 14.30" in Finnish, "22.11.2026 kl. 14.30" in Swedish, "22 Nov 2026, 14:30" in
//! English.

use avain_protocol::Language;
use time::{Date, Month, OffsetDateTime, UtcOffset, Weekday};

/// The last Sunday of `month` in `year`.
fn last_sunday(year: i32, month: Month) -> Option<Date> {
    let days = time::util::days_in_month(month, year);
    let last = Date::from_calendar_date(year, month, days).ok()?;
    let back = last.weekday().number_days_from_sunday();
    last.checked_sub(time::Duration::days(i64::from(back)))
}

/// Finnish time at instant `t`: UTC+3 from the last Sunday of March 01:00 UTC to the
/// last Sunday of October 01:00 UTC (the EU rule), else UTC+2.
pub fn finnish_time(t: OffsetDateTime) -> OffsetDateTime {
    let utc = t.to_offset(UtcOffset::UTC);
    let year = utc.year();
    let summer = match (
        last_sunday(year, Month::March),
        last_sunday(year, Month::October),
    ) {
        (Some(start), Some(end)) => {
            let start = start.with_hms(1, 0, 0).map(|d| d.assume_utc());
            let end = end.with_hms(1, 0, 0).map(|d| d.assume_utc());
            matches!((start, end), (Ok(s), Ok(e)) if utc >= s && utc < e)
        }
        _ => false,
    };
    let hours = if summer { 3 } else { 2 };
    utc.to_offset(UtcOffset::from_hms(hours, 0, 0).unwrap_or(UtcOffset::UTC))
}

const EN_MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// The date, e.g. "7.2.2022" or "7 Feb 2022".
pub fn date(lang: Language, t: OffsetDateTime) -> String {
    let t = finnish_time(t);
    match lang {
        Language::En => format!(
            "{} {} {}",
            t.day(),
            EN_MONTHS[usize::from(u8::from(t.month())) - 1],
            t.year()
        ),
        _ => format!("{}.{}.{}", t.day(), u8::from(t.month()), t.year()),
    }
}

/// The time of day, "12.30" (fi, sv) or "12:30" (en).
pub fn clock(lang: Language, t: OffsetDateTime) -> String {
    let t = finnish_time(t);
    match lang {
        Language::En => format!("{:02}:{:02}", t.hour(), t.minute()),
        _ => format!("{}.{:02}", t.hour(), t.minute()),
    }
}

/// Date and time, "ma 7.2.2022 klo 12.30".
pub fn date_time(lang: Language, t: OffsetDateTime) -> String {
    let local = finnish_time(t);
    let day = weekday(lang, local.weekday());
    let (d, c) = (date(lang, t), clock(lang, t));
    match lang {
        Language::Fi => format!("{day} {d} klo {c}"),
        Language::Sv => format!("{day} {d} kl. {c}"),
        Language::En => format!("{day} {d}, {c}"),
    }
}

fn weekday(lang: Language, day: Weekday) -> &'static str {
    let i = usize::from(day.number_days_from_monday());
    let names: [&str; 7] = match lang {
        Language::Fi => ["ma", "ti", "ke", "to", "pe", "la", "su"],
        Language::Sv => ["mån", "tis", "ons", "tors", "fre", "lör", "sön"],
        Language::En => ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
    };
    names[i]
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn finnish_time_follows_the_eu_summer_time_rule() {
        // 2022: summer time from 27 March to 30 October.
        assert_eq!(
            finnish_time(datetime!(2022-02-07 10:30 UTC))
                .offset()
                .whole_hours(),
            2
        );
        assert_eq!(
            finnish_time(datetime!(2022-03-27 00:59 UTC))
                .offset()
                .whole_hours(),
            2
        );
        assert_eq!(
            finnish_time(datetime!(2022-03-27 01:00 UTC))
                .offset()
                .whole_hours(),
            3
        );
        assert_eq!(
            finnish_time(datetime!(2022-10-30 00:59 UTC))
                .offset()
                .whole_hours(),
            3
        );
        assert_eq!(
            finnish_time(datetime!(2022-10-30 01:00 UTC))
                .offset()
                .whole_hours(),
            2
        );
    }

    #[test]
    fn dates_read_as_in_each_language() {
        let t = datetime!(2022-02-07 10:30 UTC); // 12.30 in Helsinki
        assert_eq!(date_time(Language::Fi, t), "ma 7.2.2022 klo 12.30");
        assert_eq!(date_time(Language::Sv, t), "mån 7.2.2022 kl. 12.30");
        assert_eq!(date_time(Language::En, t), "Mon 7 Feb 2022, 12:30");
    }
}
