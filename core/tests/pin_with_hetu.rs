//! The PIN policy's birth-date rule fed from a personal identity code, as registration
//! and PIN change use it.

use avain_core::Language;
use avain_core::hetu::Hetu;
use avain_core::pin::{Pin, PinContext, PinReason, check_pin};

fn refuses_as_birth_date(pin: &str, hetu: &Hetu) -> bool {
    let context = PinContext {
        birth_date: Some(hetu.birth_date()),
        current: None,
    };
    check_pin(&Pin::new(pin.to_owned()), &context)
        .reasons()
        .contains(PinReason::BirthDate)
}

#[test]
fn the_birth_date_in_the_identity_code_is_refused_in_every_form() {
    // 13 October 1952.
    let hetu = Hetu::parse("131052-308T").unwrap();
    for pin in [
        "1310", "1013", "1952", "1052", "5210", "131052", "101352", "521013", "101952", "195210",
        "13101952", "19521013", "7131052",
    ] {
        assert!(refuses_as_birth_date(pin, &hetu), "{pin}");
    }
    assert!(!refuses_as_birth_date("7395", &hetu));
}

#[test]
fn a_2000s_code_gives_a_2000s_birth_date() {
    let hetu = Hetu::parse("010203A543J").unwrap_or_else(|e| panic!("{}", e.code()));
    assert_eq!(hetu.birth_date().year(), 2003);
    assert!(refuses_as_birth_date("01022003", &hetu));
    assert!(!refuses_as_birth_date("01021903", &hetu));
}

#[test]
fn a_refusal_explains_itself_in_every_language_without_the_pin() {
    let hetu = Hetu::parse("131052-308T").unwrap();
    let context = PinContext {
        birth_date: Some(hetu.birth_date()),
        current: None,
    };
    let result = check_pin(&Pin::new("131052".to_owned()), &context);
    assert!(!result.accepted());
    for lang in Language::ALL {
        for message in result.messages(lang) {
            assert!(!message.contains("131052"), "{message}");
        }
    }
}
