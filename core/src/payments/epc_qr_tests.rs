use proptest::prelude::*;
use time::macros::date;

use super::*;

const TODAY: Date = date!(2026 - 12 - 04);

/// The example of the EPC guideline (EPC069-12, section 3.5), version 002.
const GUIDELINE: &str = "BCD\n002\n1\nSCT\nBPOTBEB1\nRed Cross of Belgium\nBE72000000001616\n\
                         EUR1\nCHAR\n\nUrgency fund\nSample EPC QR code";

/// A Finnish invoice's code: version 001, CRLF, the Finnish BIC, an RF reference and the
/// due date in the information line as Finance Finland's guide writes it.
const FINNISH_RF: &str = "BCD\r\n001\r\n1\r\nSCT\r\nNDEAFIHH\r\nHelsingin Energia Oy\r\n\
                          FI2112345600000785\r\nEUR145.5\r\n\r\nRF18539007547034\r\n\r\n\
                          ReqdExctnDt/2026-12-24";

/// Replaces element `index` of the guideline's example (extending it with empty elements).
fn with(index: usize, value: &str) -> String {
    let mut elements: Vec<String> = GUIDELINE.split('\n').map(str::to_owned).collect();
    while elements.len() <= index {
        elements.push(String::new());
    }
    elements[index] = value.to_owned();
    elements.join("\n")
}

fn error(text: &str) -> EpcQrError {
    EpcQr::parse(text, TODAY).unwrap_err()
}

#[test]
fn the_guidelines_example() {
    let qr = EpcQr::parse(GUIDELINE, TODAY).unwrap();
    assert_eq!(qr.version(), EpcQrVersion::V002);
    assert_eq!(qr.character_set(), 1);
    assert_eq!(qr.bic(), Some("BPOTBEB1"));
    assert_eq!(qr.name(), "Red Cross of Belgium");
    assert_eq!(qr.iban().electronic(), "BE72000000001616");
    assert_eq!(qr.amount(), Some(Money::from_cents(100)));
    assert_eq!(qr.purpose(), Some("CHAR"));
    assert_eq!(qr.reference(), None);
    assert_eq!(qr.message(), Some("Urgency fund"));
    assert_eq!(qr.info(), Some("Sample EPC QR code"));
    assert_eq!(qr.due_date(), None);
    // Version 001 of the same code, with CRLF and one final line break.
    let v1 = GUIDELINE.replace("002", "001").replace('\n', "\r\n") + "\r\n";
    let qr1 = EpcQr::parse(&v1, TODAY).unwrap();
    assert_eq!(qr1.version(), EpcQrVersion::V001);
    assert_eq!(qr1.message(), Some("Urgency fund"));
}

#[test]
fn a_finnish_invoice_with_rf_reference_and_due_date() {
    let qr = EpcQr::parse(FINNISH_RF, TODAY).unwrap();
    assert_eq!(qr.version(), EpcQrVersion::V001);
    assert_eq!(qr.iban().electronic(), "FI2112345600000785");
    assert_eq!(qr.amount(), Some(Money::from_cents(14_550)));
    assert_eq!(
        qr.reference().map(Reference::machine),
        Some("RF18539007547034")
    );
    assert_eq!(qr.message(), None);
    assert_eq!(qr.due_date(), Some(date!(2026 - 12 - 24)));
}

#[test]
fn a_finnish_reference_in_the_structured_field() {
    let qr = EpcQr::parse(
        "BCD\n002\n1\nSCT\n\nHelsingin Energia Oy\nFI21 1234 5600 0007 85\nEUR12.34\n\n\
         1234561",
        TODAY,
    )
    .unwrap();
    assert_eq!(qr.bic(), None);
    assert!(matches!(qr.reference(), Some(Reference::Finnish(_))));
    assert_eq!(qr.reference().map(Reference::machine), Some("1234561"));
    assert_eq!(qr.amount(), Some(Money::from_cents(1234)));
    assert_eq!(qr.info(), None);
}

#[test]
fn every_allowed_character_set() {
    for set in 1..=8 {
        let qr = EpcQr::parse(&with(2, &set.to_string()), TODAY).unwrap();
        assert_eq!(qr.character_set(), set);
    }
    for bad in ["0", "9", "01", "", "a"] {
        assert_eq!(
            error(&with(2, bad)),
            EpcQrError::UnsupportedCharset,
            "{bad:?}"
        );
    }
}

#[test]
fn amounts() {
    let cents =
        |text: &str| EpcQr::parse(&with(7, text), TODAY).map(|qr| qr.amount().map(Money::cents));
    assert_eq!(cents(""), Ok(None));
    assert_eq!(cents("EUR0.01"), Ok(Some(1)));
    assert_eq!(cents("EUR12.3"), Ok(Some(1230)));
    assert_eq!(cents("EUR999999999.99"), Ok(Some(MAX_EPC_QR_CENTS)));
    assert_eq!(cents("EUR0001.50"), Ok(Some(150)));
    for bad in [
        "12.34", "SEK12", "EUR", "EUR12,34", "EUR1.234", "EUR1.", "EUR.5", "EUR-1", "eur1",
    ] {
        assert_eq!(cents(bad), Err(EpcQrError::InvalidAmount), "{bad:?}");
    }
    for out in [
        "EUR0",
        "EUR0.00",
        "EUR1000000000",
        "EUR99999999999999999999",
    ] {
        assert_eq!(cents(out), Err(EpcQrError::AmountOutOfRange), "{out:?}");
    }
}

#[test]
fn every_invalid_case_has_its_error() {
    let long_name = "N".repeat(71);
    let long_text = "t".repeat(141);
    let long_info = "i".repeat(71);
    let cases: Vec<(String, EpcQrError)> = vec![
        (
            format!("{GUIDELINE}{}", "x".repeat(400)),
            EpcQrError::TooLong,
        ),
        (
            with(10, &"é".repeat(140)).replace("Urgency", ""),
            EpcQrError::TooLong,
        ),
        (String::new(), EpcQrError::NotEpc),
        (GUIDELINE.replacen("BCD", "BCE", 1), EpcQrError::NotEpc),
        (with(1, "003"), EpcQrError::UnsupportedVersion),
        (with(1, "2"), EpcQrError::UnsupportedVersion),
        (with(2, "9"), EpcQrError::UnsupportedCharset),
        (with(3, "INST"), EpcQrError::UnsupportedIdentification),
        (
            with(1, "001").replace("BPOTBEB1", ""),
            EpcQrError::MissingBic,
        ),
        (with(4, "BPOTBE"), EpcQrError::InvalidBic),
        (with(4, "BPO1BEB1"), EpcQrError::InvalidBic),
        (with(4, "BPOTBEB1XX"), EpcQrError::InvalidBic),
        (
            FINNISH_RF.replace("NDEAFIHH", "OKOYFIHH"),
            EpcQrError::BicMismatch,
        ),
        (with(5, ""), EpcQrError::MissingName),
        (with(5, &long_name), EpcQrError::NameTooLong),
        (with(5, "Red\tCross"), EpcQrError::InvalidName),
        (with(6, ""), EpcQrError::MissingIban),
        (with(6, "BE73000000001616"), EpcQrError::InvalidIban),
        (
            with(6, "BR1800360305000010009795493C1"),
            EpcQrError::IbanNotSepa,
        ),
        (with(7, "EUR1,00"), EpcQrError::InvalidAmount),
        (with(7, "EUR0"), EpcQrError::AmountOutOfRange),
        (with(8, "CHARITY"), EpcQrError::InvalidPurpose),
        (with(8, "CH-R"), EpcQrError::InvalidPurpose),
        (
            with(9, "RF19539007547034").replace("Urgency fund", ""),
            EpcQrError::InvalidReference,
        ),
        (
            with(9, "1234562").replace("Urgency fund", ""),
            EpcQrError::InvalidReference,
        ),
        (
            with(9, &format!("RF18{}", "1".repeat(40))).replace("Urgency fund", ""),
            EpcQrError::InvalidReference,
        ),
        (with(9, "RF18539007547034"), EpcQrError::ReferenceAndMessage),
        (with(10, &long_text), EpcQrError::MessageTooLong),
        (with(10, "Urgency\u{7}fund"), EpcQrError::InvalidMessage),
        (with(11, &long_info), EpcQrError::InfoTooLong),
        (with(11, "Sample\u{0}code"), EpcQrError::InvalidInfo),
        (
            with(11, "ReqdExctnDt/2026-02-30"),
            EpcQrError::InvalidDueDate,
        ),
        (
            with(11, "ReqdExctnDt/24.12.2026"),
            EpcQrError::InvalidDueDate,
        ),
        (with(11, "ReqdExctnDt/2026-12"), EpcQrError::InvalidDueDate),
        (format!("{GUIDELINE}\nextra"), EpcQrError::TrailingData),
        (format!("{GUIDELINE}\n\n"), EpcQrError::TrailingData),
    ];
    for (text, expected) in &cases {
        assert_eq!(error(text), *expected, "{text:?}");
    }
    // Every error is tested (and so reachable).
    for variant in EpcQrError::ALL {
        assert!(
            cases.iter().any(|(_, e)| *e == variant),
            "{variant:?} has no test"
        );
    }
}

#[test]
fn an_eleven_character_bic_and_lower_case() {
    let qr = EpcQr::parse(&FINNISH_RF.replace("NDEAFIHH", "ndeafihhxxx"), TODAY).unwrap();
    assert_eq!(qr.bic(), Some("NDEAFIHHXXX"));
}

#[test]
fn errors_have_codes_and_messages() {
    for error in EpcQrError::ALL {
        for lang in [Language::Fi, Language::Sv, Language::En] {
            let message = error.message(lang);
            assert!(
                !message.is_empty() && !message.starts_with("payments-"),
                "{message}"
            );
        }
    }
}

#[test]
fn debug_shows_no_personal_data() {
    let qr = EpcQr::parse(FINNISH_RF, TODAY).unwrap();
    let debug = format!("{qr:?}");
    for secret in ["Helsingin", "FI21", "539007547034", "NDEA"] {
        assert!(!debug.contains(secret), "{debug}");
    }
}

proptest! {
    #[test]
    fn arbitrary_text_never_panics(text in any::<String>()) {
        let _ = EpcQr::parse(&text, TODAY);
    }

    #[test]
    fn arbitrary_elements_never_panic(
        elements in proptest::collection::vec("[ -~\u{e9}\r]{0,20}", 0..14),
        crlf in any::<bool>(),
    ) {
        let mut all = vec!["BCD".to_owned(), "002".to_owned(), "1".to_owned(), "SCT".to_owned()];
        all.extend(elements);
        let _ = EpcQr::parse(&all.join(if crlf { "\r\n" } else { "\n" }), TODAY);
    }
}
