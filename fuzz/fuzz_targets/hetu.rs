//! Personal identity codes (avain_core::hetu): parsing never panics, an accepted code
//! reads back to itself and to the birth date it starts with, the permanent-only parser
//! agrees with `is_temporary`, and neither `Debug` nor an error shows the code.
#![no_main]

use avain_core::Language;
use avain_core::hetu::{Hetu, HetuError};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match Hetu::parse(text) {
        Ok(hetu) => {
            let code = hetu.expose().to_owned();
            assert_eq!(code, text.trim().to_ascii_uppercase());
            assert_eq!(Hetu::parse(&code).as_ref(), Ok(&hetu));
            let date = hetu.birth_date();
            let ddmmyy = format!(
                "{:02}{:02}{:02}",
                date.day(),
                u8::from(date.month()),
                date.year() % 100
            );
            assert_eq!(&code[..6], ddmmyy);
            let permanent = Hetu::parse_permanent(&code);
            assert_eq!(permanent.is_err(), hetu.is_temporary());
            if let Err(error) = permanent {
                assert_eq!(error, HetuError::Temporary);
            }
            assert!(!format!("{hetu:?}").contains(&code[..6]));
        }
        Err(error) => {
            assert!(!error.code().is_empty());
            for lang in Language::ALL {
                assert!(!error.message(lang).is_empty());
            }
        }
    }
});
