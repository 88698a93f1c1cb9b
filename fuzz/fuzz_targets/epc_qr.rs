//! EPC QR codes: reading never panics, and whatever is accepted keeps the guideline's
//! limits (name, message, amount, one of reference and message).
#![no_main]

use avain_core::Language;
use avain_core::payments::{EpcQr, MAX_EPC_QR_CENTS};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let today = time::macros::date!(2026 - 12 - 04);
    match EpcQr::parse(text, today) {
        Ok(qr) => {
            assert!(!qr.name().is_empty() && qr.name().chars().count() <= 70);
            assert!(qr.message().is_none_or(|m| m.chars().count() <= 140));
            assert!(qr.reference().is_none() || qr.message().is_none());
            assert!(qr.amount().is_none_or(|a| (1..=MAX_EPC_QR_CENTS).contains(&a.cents())));
            assert!(qr.iban().is_sepa());
        }
        Err(error) => {
            assert!(!error.code().is_empty());
            let _ = error.message(Language::Fi);
        }
    }
});
