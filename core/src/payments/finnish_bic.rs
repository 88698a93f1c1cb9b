//! Finnish bank codes (rahalaitostunnus, the first one to three digits of the BBAN) and the
//! BIC of the bank that owns each, as dated data.
//!
//! Source: Finance Finland's list "Suomalaiset rahalaitostunnukset ja BIC-koodit"
//! (last updated December 2023), with the older FKL edition 1/2012 for the rows that have
//! not changed since. `valid_from` is the first day a row is known to hold: 2012-01-01
//! for rows already in the 2012 edition, 2023-12-01 for rows known from the current
//! edition only. When Finance Finland announces a change, give the old row a
//! `valid_until` and add the new row with its `valid_from`, so an app shipped before the
//! change switches on the right day.
//!
//! Rows are ordered longest prefix first, so a three-digit code (405 Aktia) is found
//! before a one-digit one would be; within a prefix length the prefix ranges never
//! overlap at any date (the tests check both).

use time::Date;
use time::macros::date;

/// One bank-code range and the bank behind it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FinnishBank {
    /// First bank code of the range ("470").
    pub from: &'static str,
    /// Last bank code of the range, the same length as `from` ("479").
    pub to: &'static str,
    /// The bank's BIC (ISO 9362), 8 characters.
    pub bic: &'static str,
    /// The bank's name as the list gives it.
    pub name: &'static str,
    /// First day the row holds.
    pub valid_from: Date,
    /// First day it no longer holds, if a change is known.
    pub valid_until: Option<Date>,
}

impl FinnishBank {
    /// Whether the row holds on `date`.
    pub fn valid_on(&self, date: Date) -> bool {
        self.valid_from <= date && self.valid_until.is_none_or(|until| date < until)
    }

    /// Whether the BBAN starts with a bank code in this row's range.
    pub fn matches(&self, bban: &str) -> bool {
        bban.get(..self.from.len())
            .is_some_and(|code| self.from <= code && code <= self.to)
    }
}

const LIST_2012: Date = date!(2012 - 01 - 01);
const LIST_2023: Date = date!(2023 - 12 - 01);

const fn row(
    from: &'static str,
    to: &'static str,
    bic: &'static str,
    name: &'static str,
    valid_from: Date,
) -> FinnishBank {
    FinnishBank {
        from,
        to,
        bic,
        name,
        valid_from,
        valid_until: None,
    }
}

const AKTIA: &str = "Aktia Pankki";
const POP: &str = "POP Pankit";
const SP: &str = "Säästöpankit (Sp) ja Oma Säästöpankki";

/// The table, longest prefix first.
pub const FINNISH_BANKS: &[FinnishBank] = &[
    // Three-digit codes. The savings-bank block 400-496 is split around Aktia (405, 497)
    // and POP Bank (470-479); the gaps are codes nobody holds.
    row("400", "400", "ITELFIHH", SP, LIST_2023),
    row("402", "403", "ITELFIHH", SP, LIST_2023),
    row("405", "405", "HELSFIHH", AKTIA, LIST_2023),
    row("406", "408", "ITELFIHH", SP, LIST_2023),
    row("410", "412", "ITELFIHH", SP, LIST_2023),
    row("414", "421", "ITELFIHH", SP, LIST_2023),
    row("423", "432", "ITELFIHH", SP, LIST_2023),
    row("435", "452", "ITELFIHH", SP, LIST_2023),
    row("454", "464", "ITELFIHH", SP, LIST_2023),
    row("470", "479", "POPFFI22", POP, LIST_2023),
    row("483", "493", "ITELFIHH", SP, LIST_2023),
    row("495", "496", "ITELFIHH", SP, LIST_2023),
    row("497", "497", "HELSFIHH", AKTIA, LIST_2023),
    row("713", "713", "CITIFIHX", "Citibank", LIST_2012),
    row(
        "715",
        "715",
        "ITELFIHH",
        "Säästöpankkien Keskuspankki",
        LIST_2012,
    ),
    row("717", "717", "BIGKFIH1", "Bigbank", LIST_2023),
    row("798", "798", "VPAYFIH2", "Viva Payment Services", LIST_2023),
    row("799", "799", "HOLVFIHH", "Holvi", LIST_2023),
    // Two-digit codes.
    row("31", "31", "HANDFIHH", "Handelsbanken", LIST_2012),
    row(
        "33",
        "33",
        "ESSEFIHX",
        "Skandinaviska Enskilda Banken (SEB)",
        LIST_2012,
    ),
    row("34", "34", "DABAFIHH", "Danske Bank", LIST_2023),
    row("36", "36", "SBANFIHH", "S-Pankki", LIST_2023),
    row(
        "37",
        "37",
        "DNBAFIHX",
        "DNB Bank ASA, Finland Branch",
        LIST_2012,
    ),
    row("38", "38", "SWEDFIHH", "Swedbank", LIST_2012),
    row("39", "39", "SBANFIHH", "S-Pankki", LIST_2012),
    // One-digit codes.
    row("1", "2", "NDEAFIHH", "Nordea", LIST_2012),
    row("5", "5", "OKOYFIHH", "OP Ryhmä", LIST_2012),
    row("6", "6", "AABAFI22", "Ålandsbanken", LIST_2012),
    row("8", "8", "DABAFIHH", "Danske Bank", LIST_2012),
];

/// The bank whose code starts `bban` (a Finnish BBAN, 14 digits) on `date`.
pub fn finnish_bank(bban: &str, date: Date) -> Option<&'static FinnishBank> {
    FINNISH_BANKS
        .iter()
        .find(|bank| bank.valid_on(date) && bank.matches(bban))
}

#[cfg(test)]
mod tests {
    use super::*;

    const TODAY: Date = date!(2025 - 06 - 01);

    fn bic(bban: &str) -> Option<&'static str> {
        finnish_bank(bban, TODAY).map(|bank| bank.bic)
    }

    #[test]
    fn the_big_banks() {
        assert_eq!(bic("12345600000785"), Some("NDEAFIHH"));
        assert_eq!(bic("20000000000000"), Some("NDEAFIHH"));
        assert_eq!(bic("50000120253504"), Some("OKOYFIHH"));
        assert_eq!(bic("80001400050267"), Some("DABAFIHH"));
        assert_eq!(bic("34000000000000"), Some("DABAFIHH"));
        assert_eq!(bic("60000000000000"), Some("AABAFI22"));
    }

    #[test]
    fn three_digit_codes_win_over_the_savings_bank_block() {
        assert_eq!(bic("40500000000000"), Some("HELSFIHH"));
        assert_eq!(bic("49700000000000"), Some("HELSFIHH"));
        assert_eq!(bic("47000000000000"), Some("POPFFI22"));
        assert_eq!(bic("47900000000000"), Some("POPFFI22"));
        assert_eq!(bic("44052020036082"), Some("ITELFIHH"));
        assert_eq!(bic("40000000000000"), Some("ITELFIHH"));
        assert_eq!(bic("49600000000000"), Some("ITELFIHH"));
        assert_eq!(bic("71500000000000"), Some("ITELFIHH"));
        assert_eq!(bic("79977997123456"), Some("HOLVFIHH"));
    }

    #[test]
    fn two_digit_codes() {
        for (code, expected) in [
            ("31", "HANDFIHH"),
            ("33", "ESSEFIHX"),
            ("36", "SBANFIHH"),
            ("37", "DNBAFIHX"),
            ("38", "SWEDFIHH"),
            ("39", "SBANFIHH"),
        ] {
            assert_eq!(
                bic(&format!("{code}000000000000")),
                Some(expected),
                "{code}"
            );
        }
    }

    #[test]
    fn unassigned_codes_have_no_bic() {
        for bban in [
            "00000000000000",
            "30000000000000",
            "32000000000000",
            "35000000000000",
            "40100000000000",
            "46500000000000",
            "49800000000000",
            "70000000000000",
            "90000000000000",
            "",
        ] {
            assert_eq!(bic(bban), None, "{bban}");
        }
    }

    #[test]
    fn rows_only_hold_from_their_date() {
        assert_eq!(finnish_bank("79900000000000", date!(2020 - 01 - 01)), None);
        assert!(finnish_bank("12345600000785", date!(2020 - 01 - 01)).is_some());
    }

    #[test]
    fn table_is_longest_prefix_first_and_never_overlaps() {
        for pair in FINNISH_BANKS.windows(2) {
            assert!(pair[0].from.len() >= pair[1].from.len(), "{}", pair[1].from);
        }
        for bank in FINNISH_BANKS {
            assert_eq!(bank.from.len(), bank.to.len());
            assert!(bank.from <= bank.to);
            assert_eq!(bank.bic.len(), 8);
            assert!(bank.bic[4..6] == *"FI", "{}", bank.bic);
        }
        // Every code of every length maps to at most one row on any day a row starts.
        let days: Vec<Date> = FINNISH_BANKS.iter().map(|b| b.valid_from).collect();
        for day in days {
            for code in 0..1000 {
                for len in 1..=3 {
                    let prefix = format!("{code:03}");
                    let prefix = &prefix[..len];
                    let hits = FINNISH_BANKS
                        .iter()
                        .filter(|b| b.from.len() == len && b.valid_on(day) && b.matches(prefix))
                        .count();
                    assert!(hits <= 1, "{prefix} on {day}");
                }
            }
        }
    }
}
