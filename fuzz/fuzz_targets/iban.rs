//! IBANs and old Finnish account numbers: parsing never panics, a valid IBAN's print form
//! parses back to the same IBAN, and a converted account number is a valid IBAN.
#![no_main]

use avain_core::payments::{DomesticAccount, Iban};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(iban) = Iban::parse(text) {
        assert_eq!(Iban::parse(&iban.print_form()).as_ref(), Ok(&iban));
        assert_eq!(iban.electronic().len(), iban.country().length);
        if iban.is_finnish() {
            assert!(iban.finnish_account_check_ok().is_some());
        }
    }
    if let Ok(account) = DomesticAccount::parse(text) {
        let iban = account.to_iban();
        assert_eq!(Iban::parse(iban.electronic()).as_ref(), Ok(&iban));
        let again = DomesticAccount::parse(&account.domestic_form()).expect("printed form");
        assert_eq!(again, account);
    }
});
