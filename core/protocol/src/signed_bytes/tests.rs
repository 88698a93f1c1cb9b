use proptest::prelude::*;

use super::*;
use crate::i18n::{self, Language};

fn context() -> ChallengeContext {
    ChallengeContext {
        nonce: vec![0xAB; 16],
        profile_id: "p1".into(),
        device_id: "d1".into(),
        counter: 7,
    }
}

fn payment() -> Approval {
    Approval::Payment {
        amount_cents: 1_450_594,
        currency: "EUR".into(),
        payee_iban: "FI2112345600000785".into(),
        payee_name: "Äänekosken Sähkö Oy".into(),
        reference: "1234567890120".into(),
        shown_text: "Maksa 14 505,94 €".into(),
    }
}

fn field(out: &mut Vec<u8>, value: &[u8]) {
    out.extend_from_slice(&u32::try_from(value.len()).unwrap().to_be_bytes());
    out.extend_from_slice(value);
}

#[test]
fn a_login_is_laid_out_field_by_field() {
    let approval = Approval::Login {
        channel: LoginChannel::App,
        shown_text: "Kirjaudu".into(),
    };
    let mut expected = vec![VERSION];
    field(&mut expected, b"avain/login");
    field(&mut expected, &[0xAB; 16]);
    field(&mut expected, b"p1");
    field(&mut expected, b"d1");
    field(&mut expected, &7u64.to_be_bytes());
    field(&mut expected, b"app");
    field(&mut expected, &shown_text_digest("Kirjaudu"));
    let bytes = encode(&context(), &approval).unwrap();
    assert_eq!(bytes.as_bytes(), expected.as_slice());
    assert_eq!(bytes.purpose(), Purpose::Login);
}

#[test]
fn domains_are_distinct_and_codes_round_trip() {
    let mut domains: Vec<&str> = Purpose::ALL.iter().map(|p| p.domain()).collect();
    domains.sort_unstable();
    domains.dedup();
    assert_eq!(domains.len(), Purpose::ALL.len());
    for purpose in Purpose::ALL {
        assert_eq!(Purpose::from_code(purpose.code()), Some(purpose));
        assert_eq!(purpose.domain(), format!("avain/{}", purpose.code()));
        let json = serde_json::to_string(&purpose).unwrap();
        assert_eq!(json, format!("\"{}\"", purpose.code()));
    }
    assert_eq!(Purpose::from_code("Login"), None);
}

#[test]
fn the_same_fields_under_two_purposes_never_give_the_same_bytes() {
    let key = vec![7u8; 32];
    let pin_change = encode(
        &context(),
        &Approval::PinChange {
            new_pin_public_key: key.clone(),
        },
    )
    .unwrap();
    let mut bio_key = vec![4u8];
    bio_key.extend_from_slice(&[7u8; 64]);
    let bio = encode(
        &context(),
        &Approval::BiometricRegistration {
            biometric_public_key: bio_key,
        },
    )
    .unwrap();
    assert_ne!(pin_change.as_bytes()[..20], bio.as_bytes()[..20]);
}

#[test]
fn every_signed_field_of_a_payment_changes_the_bytes() {
    let base = encode(&context(), &payment()).unwrap();
    let Approval::Payment {
        amount_cents,
        currency,
        payee_iban,
        payee_name,
        reference,
        shown_text,
    } = payment()
    else {
        unreachable!()
    };
    let variants = [
        Approval::Payment {
            amount_cents: amount_cents + 1,
            currency: currency.clone(),
            payee_iban: payee_iban.clone(),
            payee_name: payee_name.clone(),
            reference: reference.clone(),
            shown_text: shown_text.clone(),
        },
        Approval::Payment {
            amount_cents,
            currency: "SEK".into(),
            payee_iban: payee_iban.clone(),
            payee_name: payee_name.clone(),
            reference: reference.clone(),
            shown_text: shown_text.clone(),
        },
        Approval::Payment {
            amount_cents,
            currency: currency.clone(),
            payee_iban: "FI5810171000000122".into(),
            payee_name: payee_name.clone(),
            reference: reference.clone(),
            shown_text: shown_text.clone(),
        },
        Approval::Payment {
            amount_cents,
            currency: currency.clone(),
            payee_iban: payee_iban.clone(),
            payee_name: "Äänekosken Sähkö Oyj".into(),
            reference: reference.clone(),
            shown_text: shown_text.clone(),
        },
        Approval::Payment {
            amount_cents,
            currency: currency.clone(),
            payee_iban: payee_iban.clone(),
            payee_name: payee_name.clone(),
            reference: String::new(),
            shown_text: shown_text.clone(),
        },
        Approval::Payment {
            amount_cents,
            currency,
            payee_iban,
            payee_name,
            reference,
            shown_text: "Maksa 14 505,95 €".into(),
        },
    ];
    for variant in variants {
        assert_ne!(encode(&context(), &variant).unwrap(), base);
    }
    let mut other = context();
    other.counter += 1;
    assert_ne!(encode(&other, &payment()).unwrap(), base);
}

#[test]
fn debug_output_shows_no_personal_data() {
    let approval = payment();
    let bytes = encode(&context(), &approval).unwrap();
    for printed in [format!("{approval:?}"), format!("{bytes:?}")] {
        assert!(!printed.contains("FI21"), "{printed}");
        assert!(!printed.contains("nekosken"), "{printed}");
        assert!(!printed.contains("1234567890120"), "{printed}");
    }
    assert_eq!(format!("{approval:?}"), "Approval(payment, [redacted])");
}

#[test]
fn errors_carry_the_field_name_and_never_the_value() {
    let Approval::Payment {
        amount_cents,
        currency,
        payee_name,
        reference,
        shown_text,
        ..
    } = payment()
    else {
        unreachable!()
    };
    let bad = Approval::Payment {
        amount_cents,
        currency,
        payee_iban: "FI21 1234 5600 0007 85".into(),
        payee_name,
        reference,
        shown_text,
    };
    let err = encode(&context(), &bad).unwrap_err();
    assert_eq!(err, SignedBytesError::InvalidIban);
    assert_eq!(err.field(), "payee_iban");
    for lang in Language::ALL {
        let message = err.message(lang);
        assert!(!message.contains("FI21"), "{message}");
        assert!(!message.starts_with("signed-bytes"), "{message}");
    }
    assert!(!err.to_string().contains("FI21"));
}

#[test]
fn every_error_has_a_message_in_every_language() {
    let errors = [
        SignedBytesError::EmptyField {
            field: "payee_name",
        },
        SignedBytesError::FieldTooLong {
            field: "payee_name",
            max: 256,
        },
        SignedBytesError::ControlCharacter {
            field: "payee_name",
        },
        SignedBytesError::Untrimmed {
            field: "payee_name",
        },
        SignedBytesError::InvalidIdentifier { field: "device_id" },
        SignedBytesError::InvalidNonce,
        SignedBytesError::InvalidAmount,
        SignedBytesError::InvalidCurrency,
        SignedBytesError::InvalidIban,
        SignedBytesError::InvalidReference,
        SignedBytesError::InvalidPublicKey {
            field: "pin_public_key",
        },
        SignedBytesError::InvalidDigest {
            field: "document_sha256",
        },
    ];
    for err in errors {
        let id = err.code().replace('_', "-");
        for lang in Language::ALL {
            assert!(i18n::has_message(lang, &id), "{lang} lacks {id}");
        }
        assert!(err.message(Language::Fi).contains("allekirjoittaa"));
    }
    let too_long = SignedBytesError::FieldTooLong {
        field: "payee_name",
        max: 256,
    };
    assert!(too_long.message(Language::Sv).contains("256"));
    assert!(too_long.message(Language::En).contains("payee_name"));
}

#[test]
fn text_is_normalised_to_nfc_but_shown_text_is_hashed_exactly() {
    let composed = "Sähkö";
    let decomposed = "Sa\u{308}hko\u{308}";
    let with_name = |name: &str, shown: &str| Approval::Payment {
        amount_cents: 100,
        currency: "EUR".into(),
        payee_iban: "FI2112345600000785".into(),
        payee_name: name.into(),
        reference: String::new(),
        shown_text: shown.into(),
    };
    assert_eq!(
        encode(&context(), &with_name(composed, "x")).unwrap(),
        encode(&context(), &with_name(decomposed, "x")).unwrap()
    );
    assert_ne!(
        encode(&context(), &with_name("a", composed)).unwrap(),
        encode(&context(), &with_name("a", decomposed)).unwrap()
    );
}

#[test]
fn oversized_fields_are_refused() {
    let long_id = "x".repeat(fields::MAX_IDENTIFIER + 1);
    let mut ctx = context();
    ctx.device_id = long_id;
    assert_eq!(
        encode(&ctx, &payment()).unwrap_err().code(),
        "signed_bytes_field_too_long"
    );
    let removal = Approval::DeviceRemoval {
        target_device_id: "d2".into(),
        shown_text: "ä".repeat(fields::MAX_SHOWN_TEXT),
    };
    assert_eq!(
        encode(&context(), &removal).unwrap_err(),
        SignedBytesError::FieldTooLong {
            field: "shown_text",
            max: fields::MAX_SHOWN_TEXT
        }
    );
    let signing = Approval::DocumentSigning {
        document_id: "doc".into(),
        document_title: "t".repeat(fields::MAX_TEXT + 1),
        document_sha256: vec![0; 32],
        shown_text: "Allekirjoita".into(),
    };
    assert_eq!(
        encode(&context(), &signing).unwrap_err().field(),
        "document_title"
    );
}

#[test]
fn json_with_unknown_fields_is_refused() {
    let json = r#"{"purpose":"login","channel":"app","shown_text":"x","extra":1}"#;
    assert!(serde_json::from_str::<Approval>(json).is_err());
    let json = r#"{"purpose":"login","channel":"app","shown_text":"x"}"#;
    let approval: Approval = serde_json::from_str(json).unwrap();
    assert_eq!(approval.purpose(), Purpose::Login);
    assert_eq!(approval.shown_text(), Some("x"));
}

proptest! {
    #[test]
    fn arbitrary_payments_never_panic_and_accepted_ones_are_injective(
        amount in any::<u64>(),
        name_a in "\\PC{0,40}",
        name_b in "\\PC{0,40}",
        reference in "[A-Z0-9 ]{0,30}",
        shown in "\\PC{0,60}",
    ) {
        let make = |name: &str| Approval::Payment {
            amount_cents: amount,
            currency: "EUR".into(),
            payee_iban: "FI2112345600000785".into(),
            payee_name: name.into(),
            reference: reference.clone(),
            shown_text: shown.clone(),
        };
        let a = encode(&context(), &make(&name_a));
        let b = encode(&context(), &make(&name_b));
        if let (Ok(a), Ok(b)) = (a, b) {
            use unicode_normalization::UnicodeNormalization;
            let same = name_a.nfc().eq(name_b.nfc());
            prop_assert_eq!(a == b, same);
        }
    }

    #[test]
    fn shifting_text_between_adjacent_fields_changes_the_bytes(
        requester in "[a-z]{1,10}",
        broker in "[a-z]{1,10}",
        cut in 0usize..10,
    ) {
        // Without length prefixes, "ab"+"c" and "a"+"bc" would collide.
        let joined = format!("{requester}{broker}");
        let cut = 1 + cut % (joined.len() - 1);
        let (r2, b2) = joined.split_at(cut);
        let make = |r: &str, b: &str| Approval::ThirdPartyIdentification {
            requester: r.into(),
            broker: b.into(),
            request_id: "r1".into(),
            shown_text: "ok".into(),
        };
        let a = encode(&context(), &make(&requester, &broker)).unwrap();
        let b = encode(&context(), &make(r2, b2)).unwrap();
        prop_assert_eq!(a == b, requester == r2);
    }
}

fn own_transfer() -> Approval {
    Approval::OwnTransfer {
        amount_cents: 50_000,
        currency: "EUR".into(),
        from_iban: "FI2112345600000785".into(),
        to_iban: "FI4950009420028730".into(),
        shown_text: "Vahvista siirto omien tilien välillä".into(),
    }
}

#[test]
fn every_signed_field_of_an_own_transfer_changes_the_bytes() {
    let base = encode(&context(), &own_transfer()).unwrap();
    assert_eq!(base.purpose(), Purpose::OwnTransfer);
    let Approval::OwnTransfer {
        amount_cents,
        currency,
        from_iban,
        to_iban,
        shown_text,
    } = own_transfer()
    else {
        unreachable!()
    };
    let variants = [
        Approval::OwnTransfer {
            amount_cents: amount_cents + 1,
            currency: currency.clone(),
            from_iban: from_iban.clone(),
            to_iban: to_iban.clone(),
            shown_text: shown_text.clone(),
        },
        // The two accounts swapped: the money would go the other way.
        Approval::OwnTransfer {
            amount_cents,
            currency: currency.clone(),
            from_iban: to_iban.clone(),
            to_iban: from_iban.clone(),
            shown_text: shown_text.clone(),
        },
        Approval::OwnTransfer {
            amount_cents,
            currency: currency.clone(),
            from_iban: "FI5810171000000122".into(),
            to_iban: to_iban.clone(),
            shown_text: shown_text.clone(),
        },
        Approval::OwnTransfer {
            amount_cents,
            currency,
            from_iban,
            to_iban,
            shown_text: format!("{shown_text}."),
        },
    ];
    for variant in variants {
        assert_ne!(encode(&context(), &variant).unwrap(), base);
    }
    // The same amount to the same account as a payment signs other bytes.
    let as_payment = Approval::Payment {
        amount_cents: 50_000,
        currency: "EUR".into(),
        payee_iban: "FI4950009420028730".into(),
        payee_name: "Säästötili".into(),
        reference: String::new(),
        shown_text: "Vahvista siirto omien tilien välillä".into(),
    };
    assert_ne!(
        encode(&context(), &as_payment).unwrap().as_bytes()[..30],
        base.as_bytes()[..30]
    );
    let spaced = Approval::OwnTransfer {
        amount_cents: 50_000,
        currency: "EUR".into(),
        from_iban: "FI21 1234 5600 0007 85".into(),
        to_iban: "FI4950009420028730".into(),
        shown_text: "x".into(),
    };
    assert_eq!(
        encode(&context(), &spaced).unwrap_err(),
        SignedBytesError::InvalidIban
    );
}
