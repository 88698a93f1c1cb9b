//! Typed amounts: parsing never panics, accepted amounts are within 0..=999 999 999,99 €,
//! and every language's formatting of them parses back to the same cents.
#![no_main]

use avain_core::Language;
use avain_core::payments::Money;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(money) = Money::parse(text) {
        assert!((0..=Money::MAX_TYPED.cents()).contains(&money.cents()));
        for lang in Language::ALL {
            assert_eq!(Money::parse(&money.format(lang)), Ok(money), "{lang}");
        }
    }
    // Formatting any i64 never panics either (8 bytes of input as cents).
    if let Some(bytes) = data.get(..8) {
        let cents = i64::from_le_bytes(bytes.try_into().expect("8 bytes"));
        for lang in Language::ALL {
            let _ = Money::from_cents(cents).format(lang);
        }
    }
});
