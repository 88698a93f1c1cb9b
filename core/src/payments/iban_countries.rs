//! IBAN lengths per country (ISO 13616 / the SWIFT IBAN registry) and which countries are
//! in SEPA, where a euro credit transfer to the IBAN is a SEPA payment.
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
}

const fn c(code: &'static str, length: usize, sepa: bool) -> IbanCountry {
    IbanCountry { code, length, sepa }
}

/// Every country the core accepts IBANs from, sorted by code.
pub const IBAN_COUNTRIES: &[IbanCountry] = &[
    c("AD", 24, true),
    c("AE", 23, false),
    c("AL", 28, true),
    c("AT", 20, true),
    c("AX", 18, true),
    c("AZ", 28, false),
    c("BA", 20, false),
    c("BE", 16, true),
    c("BG", 22, true),
    c("BH", 22, false),
    c("BI", 27, false),
    c("BL", 27, true),
    c("BR", 29, false),
    c("BY", 28, false),
    c("CH", 21, true),
    c("CR", 22, false),
    c("CY", 28, true),
    c("CZ", 24, true),
    c("DE", 22, true),
    c("DJ", 27, false),
    c("DK", 18, true),
    c("DO", 28, false),
    c("EE", 20, true),
    c("EG", 29, false),
    c("ES", 24, true),
    c("FI", 18, true),
    c("FK", 18, false),
    c("FO", 18, false),
    c("FR", 27, true),
    c("GB", 22, true),
    c("GE", 22, false),
    c("GF", 27, true),
    c("GI", 23, true),
    c("GL", 18, false),
    c("GP", 27, true),
    c("GR", 27, true),
    c("GT", 28, false),
    c("HN", 28, false),
    c("HR", 21, true),
    c("HU", 28, true),
    c("IE", 22, true),
    c("IL", 23, false),
    c("IQ", 23, false),
    c("IS", 26, true),
    c("IT", 27, true),
    c("JO", 30, false),
    c("KW", 30, false),
    c("KZ", 20, false),
    c("LB", 28, false),
    c("LC", 32, false),
    c("LI", 21, true),
    c("LT", 20, true),
    c("LU", 20, true),
    c("LV", 21, true),
    c("LY", 25, false),
    c("MC", 27, true),
    c("MD", 24, true),
    c("ME", 22, true),
    c("MF", 27, true),
    c("MK", 19, true),
    c("MN", 20, false),
    c("MQ", 27, true),
    c("MR", 27, false),
    c("MT", 31, true),
    c("MU", 30, false),
    c("NC", 27, false),
    c("NI", 28, false),
    c("NL", 18, true),
    c("NO", 15, true),
    c("OM", 23, false),
    c("PF", 27, false),
    c("PK", 24, false),
    c("PL", 28, true),
    c("PM", 27, true),
    c("PS", 29, false),
    c("PT", 25, true),
    c("QA", 29, false),
    c("RE", 27, true),
    c("RO", 24, true),
    c("RS", 22, true),
    c("RU", 33, false),
    c("SA", 24, false),
    c("SC", 31, false),
    c("SD", 18, false),
    c("SE", 24, true),
    c("SI", 19, true),
    c("SK", 24, true),
    c("SM", 27, true),
    c("SO", 23, false),
    c("ST", 25, false),
    c("SV", 28, false),
    c("TF", 27, false),
    c("TL", 23, false),
    c("TN", 24, false),
    c("TR", 26, false),
    c("UA", 29, false),
    c("VA", 22, true),
    c("VG", 24, false),
    c("WF", 27, false),
    c("XK", 20, false),
    c("YE", 30, false),
    c("YT", 27, true),
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

    #[test]
    fn finland_and_aland_share_the_finnish_length() {
        assert_eq!(iban_country("FI").map(|c| c.length), Some(18));
        assert_eq!(iban_country("AX").map(|c| c.length), Some(18));
        assert_eq!(iban_country("US"), None);
        assert_eq!(iban_country("fi"), None);
    }
}
