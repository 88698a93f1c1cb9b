//! Virtual barcodes: parsing never panics, and whatever parses encodes back to exactly the
//! digits it came from (the barcode has one spelling per payment).
#![no_main]

use avain_core::Language;
use avain_core::payments::Barcode;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match Barcode::parse(text) {
        Ok(barcode) => {
            assert_eq!(barcode.digits(), text.trim());
            let rebuilt = Barcode::new(
                barcode.iban(),
                barcode.amount(),
                barcode.reference().clone(),
                barcode.due_date(),
            )
            .expect("a parsed barcode's fields fit a barcode");
            assert_eq!(rebuilt, barcode);
        }
        Err(error) => {
            assert!(!error.code().is_empty());
            let _ = error.message(Language::Fi);
        }
    }
});
