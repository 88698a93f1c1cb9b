//! IBAN lengths and BBAN structures per country (ISO 13616 / the SWIFT IBAN registry) and
//! which countries are in SEPA, where a euro credit transfer to the IBAN is a SEPA payment.
//!
//! The BBAN structures are the registry's format strings ("4!a10!n": four upper-case
//! letters, then ten digits). The tests check every registry row against
//! `iban_registry.txt` beside this file (the registry's structures and example IBANs, its
//! source named in its header). A hand-kept table rather than the `iban_validate` crate:
//! that crate's release (5.0.1) lacks HN and PK and the territories below, and checks only
//! whole IBANs, not a BBAN under another country's structure.
//!
//! SEPA membership follows the ECB's list of 41 countries (current as of 22 May 2025,
//! when Serbia joined; Albania and Montenegro joined in November 2024, Moldova and North
//! Macedonia in 2025). Territories that print their own country code in the IBAN (Åland
//! AX, the French overseas departments and collectivities) are listed with the length of
//! the country whose format they use. Update this table when the registry or the EPC's
//! list changes; the tests below pin the invariants.

/// One country's IBAN format, as far as the core checks it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IbanCountry {
    /// ISO 3166-1 alpha-2 code, the IBAN's first two letters.
    pub code: &'static str,
    /// Total IBAN length in the electronic form, country code and check digits included.
    pub length: usize,
    /// Whether the country is in the SEPA schemes' geographical scope.
    pub sepa: bool,
    /// The registry's BBAN structure: runs of `<count>!<class>`, the class `n` (digits),
    /// `a` (upper-case letters) or `c` (letters or digits), e.g. "4!a10!n" for NL.
    pub bban_structure: &'static str,
}

impl IbanCountry {
    /// Whether `bban` (upper case, the IBAN after its first four characters) has this
    /// country's BBAN structure: its length and the character class at each position.
    pub fn bban_matches(&self, bban: &[u8]) -> bool {
        let mut rest = bban;
        for (count, class) in structure_runs(self.bban_structure) {
            let Some((run, tail)) = rest.split_at_checked(count) else {
                return false;
            };
            let fits = match class {
                b'n' => run.iter().all(u8::is_ascii_digit),
                b'a' => run.iter().all(u8::is_ascii_uppercase),
                _ => run
                    .iter()
                    .all(|b| b.is_ascii_digit() || b.is_ascii_uppercase()),
            };
            if !fits {
                return false;
            }
            rest = tail;
        }
        rest.is_empty()
    }
}

/// The runs of a registry structure string ("4!a10!n" gives (4, b'a'), (10, b'n')). The
/// table's strings are checked by the tests; a malformed run would end the iteration early
/// and so fail every BBAN's length check, never panic.
fn structure_runs(structure: &str) -> impl Iterator<Item = (usize, u8)> + '_ {
    structure.split_inclusive(['n', 'a', 'c']).map_while(|run| {
        let (count, class) = run.split_once('!')?;
        Some((count.parse().ok()?, *class.as_bytes().first()?))
    })
}

const fn c(
    code: &'static str,
    length: usize,
    sepa: bool,
    bban_structure: &'static str,
) -> IbanCountry {
    IbanCountry {
        code,
        length,
        sepa,
        bban_structure,
    }
}

/// Every country the core accepts IBANs from, sorted by code. Territories that print their
/// own code carry the structure of the country whose format they use (AX: FI; BL, GF, GP,
/// MF, MQ, NC, PF, PM, RE, TF, WF, YT: FR).
pub const IBAN_COUNTRIES: &[IbanCountry] = &[
    c("AD", 24, true, "4!n4!n12!c"),
    c("AE", 23, false, "3!n16!n"),
    c("AL", 28, true, "8!n16!c"),
    c("AT", 20, true, "5!n11!n"),
    c("AX", 18, true, "3!n11!n"),
    c("AZ", 28, false, "4!a20!c"),
    c("BA", 20, false, "3!n3!n8!n2!n"),
    c("BE", 16, true, "3!n7!n2!n"),
    c("BG", 22, true, "4!a4!n2!n8!c"),
    c("BH", 22, false, "4!a14!c"),
    c("BI", 27, false, "5!n5!n11!n2!n"),
    c("BL", 27, true, "5!n5!n11!c2!n"),
    c("BR", 29, false, "8!n5!n10!n1!a1!c"),
    c("BY", 28, false, "4!c4!n16!c"),
    c("CH", 21, true, "5!n12!c"),
    c("CR", 22, false, "4!n14!n"),
    c("CY", 28, true, "3!n5!n16!c"),
    c("CZ", 24, true, "4!n6!n10!n"),
    c("DE", 22, true, "8!n10!n"),
    c("DJ", 27, false, "5!n5!n11!n2!n"),
    c("DK", 18, true, "4!n9!n1!n"),
    c("DO", 28, false, "4!c20!n"),
    c("EE", 20, true, "2!n2!n11!n1!n"),
    c("EG", 29, false, "4!n4!n17!n"),
    c("ES", 24, true, "4!n4!n1!n1!n10!n"),
    c("FI", 18, true, "3!n11!n"),
    c("FK", 18, false, "2!a12!n"),
    c("FO", 18, false, "4!n9!n1!n"),
    c("FR", 27, true, "5!n5!n11!c2!n"),
    c("GB", 22, true, "4!a6!n8!n"),
    c("GE", 22, false, "2!a16!n"),
    c("GF", 27, true, "5!n5!n11!c2!n"),
    c("GI", 23, true, "4!a15!c"),
    c("GL", 18, false, "4!n9!n1!n"),
    c("GP", 27, true, "5!n5!n11!c2!n"),
    c("GR", 27, true, "3!n4!n16!c"),
    c("GT", 28, false, "4!c20!c"),
    c("HN", 28, false, "4!a20!n"),
    c("HR", 21, true, "7!n10!n"),
    c("HU", 28, true, "3!n4!n1!n15!n1!n"),
    c("IE", 22, true, "4!a6!n8!n"),
    c("IL", 23, false, "3!n3!n13!n"),
    c("IQ", 23, false, "4!a3!n12!n"),
    c("IS", 26, true, "4!n2!n6!n10!n"),
    c("IT", 27, true, "1!a5!n5!n12!c"),
    c("JO", 30, false, "4!a4!n18!c"),
    c("KW", 30, false, "4!a22!c"),
    c("KZ", 20, false, "3!n13!c"),
    c("LB", 28, false, "4!n20!c"),
    c("LC", 32, false, "4!a24!c"),
    c("LI", 21, true, "5!n12!c"),
    c("LT", 20, true, "5!n11!n"),
    c("LU", 20, true, "3!n13!c"),
    c("LV", 21, true, "4!a13!c"),
    c("LY", 25, false, "3!n3!n15!n"),
    c("MC", 27, true, "5!n5!n11!c2!n"),
    c("MD", 24, true, "2!c18!c"),
    c("ME", 22, true, "3!n13!n2!n"),
    c("MF", 27, true, "5!n5!n11!c2!n"),
    c("MK", 19, true, "3!n10!c2!n"),
    c("MN", 20, false, "4!n12!n"),
    c("MQ", 27, true, "5!n5!n11!c2!n"),
    c("MR", 27, false, "5!n5!n11!n2!n"),
    c("MT", 31, true, "4!a5!n18!c"),
    c("MU", 30, false, "4!a2!n2!n12!n3!n3!a"),
    c("NC", 27, false, "5!n5!n11!c2!n"),
    c("NI", 28, false, "4!a20!n"),
    c("NL", 18, true, "4!a10!n"),
    c("NO", 15, true, "4!n6!n1!n"),
    c("OM", 23, false, "3!n16!c"),
    c("PF", 27, false, "5!n5!n11!c2!n"),
    c("PK", 24, false, "4!a16!c"),
    c("PL", 28, true, "8!n16!n"),
    c("PM", 27, true, "5!n5!n11!c2!n"),
    c("PS", 29, false, "4!a21!c"),
    c("PT", 25, true, "4!n4!n11!n2!n"),
    c("QA", 29, false, "4!a21!c"),
    c("RE", 27, true, "5!n5!n11!c2!n"),
    c("RO", 24, true, "4!a16!c"),
    c("RS", 22, true, "3!n13!n2!n"),
    c("RU", 33, false, "9!n5!n15!c"),
    c("SA", 24, false, "2!n18!c"),
    c("SC", 31, false, "4!a2!n2!n16!n3!a"),
    c("SD", 18, false, "2!n12!n"),
    c("SE", 24, true, "3!n16!n1!n"),
    c("SI", 19, true, "5!n8!n2!n"),
    c("SK", 24, true, "4!n6!n10!n"),
    c("SM", 27, true, "1!a5!n5!n12!c"),
    c("SO", 23, false, "4!n3!n12!n"),
    c("ST", 25, false, "4!n4!n11!n2!n"),
    c("SV", 28, false, "4!a20!n"),
    c("TF", 27, false, "5!n5!n11!c2!n"),
    c("TL", 23, false, "3!n14!n2!n"),
    c("TN", 24, false, "2!n3!n13!n2!n"),
    c("TR", 26, false, "5!n1!n16!c"),
    c("UA", 29, false, "6!n19!c"),
    c("VA", 22, true, "3!n15!n"),
    c("VG", 24, false, "4!a16!n"),
    c("WF", 27, false, "5!n5!n11!c2!n"),
    c("XK", 20, false, "4!n10!n2!n"),
    c("YE", 30, false, "4!a4!n18!c"),
    c("YT", 27, true, "5!n5!n11!c2!n"),
];

/// The IBAN format of `code` (two upper-case letters), if the core knows the country.
pub fn iban_country(code: &str) -> Option<&'static IbanCountry> {
    IBAN_COUNTRIES
        .binary_search_by(|country| country.code.cmp(code))
        .ok()
        .map(|index| &IBAN_COUNTRIES[index])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_sorted_unique_and_well_formed() {
        for pair in IBAN_COUNTRIES.windows(2) {
            assert!(
                pair[0].code < pair[1].code,
                "{} / {}",
                pair[0].code,
                pair[1].code
            );
        }
        for country in IBAN_COUNTRIES {
            assert!(country.code.bytes().all(|b| b.is_ascii_uppercase()));
            assert_eq!(country.code.len(), 2);
            // ISO 13616: at most 34 characters, and at least one BBAN character.
            assert!((15..=34).contains(&country.length), "{}", country.code);
        }
    }

    #[test]
    fn sepa_has_the_ecb_41_countries() {
        // The 41 countries of the ECB's list; the other SEPA rows are territories.
        let countries = [
            "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE",
            "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS",
            "LI", "NO", "CH", "GB", "AD", "MC", "SM", "VA", "AL", "MD", "ME", "MK", "RS",
        ];
        assert_eq!(countries.len(), 41);
        for code in countries {
            let country = iban_country(code).unwrap_or_else(|| panic!("{code} missing"));
            assert!(country.sepa, "{code}");
        }
        let territories = ["AX", "BL", "GF", "GI", "GP", "MF", "MQ", "PM", "RE", "YT"];
        let sepa_rows = IBAN_COUNTRIES.iter().filter(|c| c.sepa).count();
        assert_eq!(sepa_rows, countries.len() + territories.len());
    }

    /// The registry rows of `iban_registry.txt`: (code, structure, example IBAN).
    fn registry_rows() -> Vec<(&'static str, &'static str, &'static str)> {
        include_str!("iban_registry.txt")
            .lines()
            .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
            .map(|line| {
                let fields: Vec<&str> = line.split_whitespace().collect();
                assert_eq!(fields.len(), 3, "{line}");
                (fields[0], fields[1], fields[2])
            })
            .collect()
    }

    #[test]
    fn every_registry_country_has_the_registry_structure() {
        let rows = registry_rows();
        assert!(rows.len() >= 89, "{}", rows.len());
        for (code, structure, example) in rows {
            let country = iban_country(code).unwrap_or_else(|| panic!("{code} missing"));
            assert_eq!(country.bban_structure, structure, "{code}");
            assert_eq!(country.length, example.len(), "{code}");
            assert!(country.bban_matches(&example.as_bytes()[4..]), "{code}");
        }
    }

    #[test]
    fn structures_are_well_formed_and_give_the_length() {
        for country in IBAN_COUNTRIES {
            let runs: Vec<_> = structure_runs(country.bban_structure).collect();
            let rebuilt: String = runs
                .iter()
                .map(|(count, class)| format!("{count}!{}", char::from(*class)))
                .collect();
            assert_eq!(rebuilt, country.bban_structure, "{}", country.code);
            let bban_length: usize = runs.iter().map(|(count, _)| count).sum();
            assert_eq!(4 + bban_length, country.length, "{}", country.code);
        }
    }

    #[test]
    fn territories_use_their_countrys_structure() {
        let structure = |code| iban_country(code).map(|c| c.bban_structure);
        assert_eq!(structure("AX"), structure("FI"));
        for code in [
            "BL", "GF", "GP", "MF", "MQ", "NC", "PF", "PM", "RE", "TF", "WF", "YT",
        ] {
            assert_eq!(structure(code), structure("FR"), "{code}");
        }
        let registry: Vec<_> = registry_rows().iter().map(|row| row.0).collect();
        for country in IBAN_COUNTRIES {
            let territory = [
                "AX", "BL", "GF", "GP", "MF", "MQ", "NC", "PF", "PM", "RE", "TF", "WF", "YT",
            ]
            .contains(&country.code);
            assert!(
                territory || registry.contains(&country.code),
                "{} not in the registry file",
                country.code
            );
        }
    }

    #[test]
    fn bban_matches_checks_each_position() {
        let nl = iban_country("NL").expect("NL");
        assert!(nl.bban_matches(b"ABNA0417164300"));
        assert!(!nl.bban_matches(b"ABNA041716430O"), "letter O for a digit");
        assert!(!nl.bban_matches(b"AB1A0417164300"), "digit for a letter");
        assert!(!nl.bban_matches(b"ABNA041716430"), "too short");
        assert!(!nl.bban_matches(b"ABNA04171643000"), "too long");
        let bg = iban_country("BG").expect("BG");
        assert!(bg.bban_matches(b"BNBG96611020345678"));
        assert!(bg.bban_matches(b"BNBG9661102034567Z"), "c takes letters");
        assert!(
            !bg.bban_matches(b"BNBG966110203456z8"),
            "lower case is not c"
        );
    }

    #[test]
    fn finland_and_aland_share_the_finnish_length() {
        assert_eq!(iban_country("FI").map(|c| c.length), Some(18));
        assert_eq!(iban_country("AX").map(|c| c.length), Some(18));
        assert_eq!(iban_country("US"), None);
        assert_eq!(iban_country("fi"), None);
    }
}
