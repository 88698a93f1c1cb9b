//! Finnish and RF references: parsing never panics, print forms parse back, and every
//! Finnish reference converts to a valid RF reference.
#![no_main]

use avain_core::payments::{FinnishReference, Reference, RfReference};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(reference) = Reference::parse(text) {
        assert_eq!(
            Reference::parse(&reference.display_form()).as_ref(),
            Ok(&reference)
        );
        assert_eq!(
            Reference::parse(reference.machine()).as_ref(),
            Ok(&reference)
        );
        let rf = reference.to_rf();
        assert_eq!(RfReference::parse(rf.electronic()).as_ref(), Ok(&rf));
    }
    if let Ok(reference) = FinnishReference::from_base(text) {
        assert_eq!(
            FinnishReference::parse(reference.machine()).as_ref(),
            Ok(&reference)
        );
    }
    if let Ok(reference) = RfReference::from_body(text) {
        assert_eq!(
            RfReference::parse(&reference.print_form()).as_ref(),
            Ok(&reference)
        );
    }
});
