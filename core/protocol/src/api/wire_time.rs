//! How dates and instants travel on the wire: ISO 8601, as `tests/sandbox/openapi.yaml`
//! says.
//!
//! - A calendar date is `"YYYY-MM-DD"` ([`date`], [`date_option`]).
//! - An instant is RFC 3339, written in UTC with `Z` ([`instant`], [`instant_option`]);
//!   any RFC 3339 offset is read, and the instant kept.
//!
//! Without these the `time` crate's default serde form (`[year, day-of-year]` arrays for a
//! date) would leak onto the wire. Use them with `#[serde(with = "...")]` on every
//! `Date` / `OffsetDateTime` field of a wire type.

use serde::{Deserialize, Deserializer, Serializer};
use time::format_description::well_known::Rfc3339;
use time::macros::format_description;
use time::{Date, OffsetDateTime, UtcOffset};

/// The ISO 8601 calendar-date format, `YYYY-MM-DD`.
const DATE_FORMAT: &[time::format_description::BorrowedFormatItem<'static>] =
    format_description!("[year]-[month]-[day]");

fn write_date<S: Serializer>(date: &Date, serializer: S) -> Result<S::Ok, S::Error> {
    let text = date
        .format(DATE_FORMAT)
        .map_err(serde::ser::Error::custom)?;
    serializer.serialize_str(&text)
}

fn read_date<E: serde::de::Error>(text: &str) -> Result<Date, E> {
    Date::parse(text, DATE_FORMAT).map_err(|_| E::custom("expected a date as YYYY-MM-DD"))
}

fn write_instant<S: Serializer>(at: &OffsetDateTime, serializer: S) -> Result<S::Ok, S::Error> {
    let text = at
        .to_offset(UtcOffset::UTC)
        .format(&Rfc3339)
        .map_err(serde::ser::Error::custom)?;
    serializer.serialize_str(&text)
}

fn read_instant<E: serde::de::Error>(text: &str) -> Result<OffsetDateTime, E> {
    OffsetDateTime::parse(text, &Rfc3339)
        .map(|at| at.to_offset(UtcOffset::UTC))
        .map_err(|_| E::custom("expected an RFC 3339 date and time"))
}

/// A required date as `"YYYY-MM-DD"`.
pub mod date {
    use super::*;

    /// Writes `"YYYY-MM-DD"`.
    pub fn serialize<S: Serializer>(date: &Date, serializer: S) -> Result<S::Ok, S::Error> {
        write_date(date, serializer)
    }

    /// Reads `"YYYY-MM-DD"`.
    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Date, D::Error> {
        let text = String::deserialize(deserializer)?;
        read_date(&text)
    }
}

/// An optional date as `"YYYY-MM-DD"` or `null`; pair it with `#[serde(default)]`.
pub mod date_option {
    use super::*;

    /// Writes `"YYYY-MM-DD"` or `null`.
    pub fn serialize<S: Serializer>(date: &Option<Date>, serializer: S) -> Result<S::Ok, S::Error> {
        match date {
            Some(date) => write_date(date, serializer),
            None => serializer.serialize_none(),
        }
    }

    /// Reads `"YYYY-MM-DD"` or `null`.
    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<Date>, D::Error> {
        Option::<String>::deserialize(deserializer)?
            .map(|text| read_date(&text))
            .transpose()
    }
}

/// A required instant as RFC 3339 in UTC (`2026-12-20T09:30:00Z`).
pub mod instant {
    use super::*;

    /// Writes RFC 3339 in UTC.
    pub fn serialize<S: Serializer>(at: &OffsetDateTime, serializer: S) -> Result<S::Ok, S::Error> {
        write_instant(at, serializer)
    }

    /// Reads RFC 3339 with any offset; the result is in UTC.
    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<OffsetDateTime, D::Error> {
        let text = String::deserialize(deserializer)?;
        read_instant(&text)
    }
}

/// An optional instant as RFC 3339 in UTC or `null`; pair it with `#[serde(default)]`.
pub mod instant_option {
    use super::*;

    /// Writes RFC 3339 in UTC, or `null`.
    pub fn serialize<S: Serializer>(
        at: &Option<OffsetDateTime>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match at {
            Some(at) => write_instant(at, serializer),
            None => serializer.serialize_none(),
        }
    }

    /// Reads RFC 3339 with any offset, or `null`; the result is in UTC.
    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<OffsetDateTime>, D::Error> {
        Option::<String>::deserialize(deserializer)?
            .map(|text| read_instant(&text))
            .transpose()
    }
}

#[cfg(test)]
mod tests {
    use serde::{Deserialize, Serialize};
    use time::macros::{date, datetime};

    use super::*;

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Sample {
        #[serde(with = "date")]
        day: Date,
        #[serde(default, with = "date_option")]
        maybe_day: Option<Date>,
        #[serde(with = "instant")]
        at: OffsetDateTime,
        #[serde(default, with = "instant_option")]
        maybe_at: Option<OffsetDateTime>,
    }

    #[test]
    fn dates_are_iso_and_instants_are_utc_rfc3339() {
        let sample = Sample {
            day: date!(2026 - 12 - 20),
            maybe_day: Some(date!(2026 - 01 - 02)),
            at: datetime!(2026-12-20 11:30:00 +02:00),
            maybe_at: None,
        };
        let json = serde_json::to_value(&sample).expect("serializes");
        assert_eq!(
            json,
            serde_json::json!({
                "day": "2026-12-20",
                "maybe_day": "2026-01-02",
                "at": "2026-12-20T09:30:00Z",
                "maybe_at": null,
            })
        );
        let back: Sample = serde_json::from_value(json).expect("reads back");
        assert_eq!(back, sample);
    }

    #[test]
    fn any_offset_is_read_as_the_same_instant() {
        let json = r#"{"day":"2026-12-20","at":"2026-12-20T11:30:00.5+02:00"}"#;
        let sample: Sample = serde_json::from_str(json).expect("reads");
        assert_eq!(sample.at, datetime!(2026-12-20 09:30:00.5 UTC));
        assert_eq!(sample.maybe_day, None);
        assert_eq!(sample.maybe_at, None);
    }

    #[test]
    fn the_old_array_form_and_malformed_dates_are_refused() {
        for day in [
            r#"[2026, 354]"#,
            r#""2026-13-01""#,
            r#""2026-02-30""#,
            r#""20261220""#,
            r#""2026-12-20T00:00:00Z""#,
            r#""""#,
        ] {
            let json = format!(r#"{{"day":{day},"at":"2026-12-20T09:30:00Z"}}"#);
            assert!(serde_json::from_str::<Sample>(&json).is_err(), "{day}");
        }
        for at in [r#""2026-12-20""#, r#""2026-12-20T09:30:00""#, "12345"] {
            let json = format!(r#"{{"day":"2026-12-20","at":{at}}}"#);
            assert!(serde_json::from_str::<Sample>(&json).is_err(), "{at}");
        }
    }
}
