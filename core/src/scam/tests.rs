//! One test per finding code through [`check_message`], the level rule, and the texts.

use proptest::prelude::*;

use super::*;

fn check(sender: &str, text: &str) -> Verdict {
    check_message(sender, text, &BankConfig::demo()).expect("input within limits")
}

fn codes(sender: &str, text: &str) -> Vec<FindingCode> {
    check(sender, text)
        .findings
        .iter()
        .map(|f| f.code)
        .collect()
}

fn assert_finds(sender: &str, text: &str, code: FindingCode) {
    let verdict = check(sender, text);
    assert!(
        verdict.findings.iter().any(|f| f.code == code),
        "{code} not found in {sender:?} / {text:?}: {:?}",
        verdict.findings
    );
}

#[test]
fn sender_domain_not_bank() {
    assert_finds("info@example.com", "Hei", FindingCode::SenderDomainNotBank);
}

#[test]
fn sender_name_claims_bank() {
    assert_finds(
        "Avain Pankki <avainpankki.asiakaspalvelu@outlook.com>",
        "Hei",
        FindingCode::SenderNameClaimsBank,
    );
}

#[test]
fn sender_lookalike() {
    assert_finds("AvainPankk1", "Hei", FindingCode::SenderLookalike);
    assert_finds(
        "tuki@avainpankki-tuki.com",
        "Hei",
        FindingCode::SenderLookalike,
    );
}

#[test]
fn sms_sender_not_bank() {
    assert_finds("+358 40 123 4567", "Hei", FindingCode::SmsSenderNotBank);
}

#[test]
fn text_claims_bank() {
    assert_finds(
        "+358 40 123 4567",
        "Avain Pankki: tarkista tilisi.",
        FindingCode::TextClaimsBank,
    );
    // The bank's own sender may of course name the bank.
    assert!(
        !codes("AvainPankki", "Avain Pankki: tarkista tilisi.")
            .contains(&FindingCode::TextClaimsBank)
    );
}

#[test]
fn link_not_bank() {
    assert_finds("", "Katso https://example.com/x", FindingCode::LinkNotBank);
}

#[test]
fn link_lookalike() {
    assert_finds(
        "",
        "Avaa avainpankki-fi.com/vahvista",
        FindingCode::LinkLookalike,
    );
}

#[test]
fn link_homoglyph() {
    let config = BankConfig::new(&["op.fi"]).unwrap();
    let verdict = check_message("", "Kirjaudu: https://\u{43e}p.fi", &config).unwrap();
    assert!(
        verdict
            .findings
            .iter()
            .any(|f| f.code == FindingCode::LinkHomoglyph)
    );
    assert_eq!(verdict.level, Level::Dangerous);
}

#[test]
fn link_punycode() {
    assert_finds(
        "",
        "https://xn--bcher-kva.example/",
        FindingCode::LinkPunycode,
    );
}

#[test]
fn link_raw_ip() {
    assert_finds("", "http://185.94.33.12/vero", FindingCode::LinkRawIp);
}

#[test]
fn link_shortener() {
    assert_finds("", "Katso bit.ly/3xPaKet", FindingCode::LinkShortener);
}

#[test]
fn link_plain_http() {
    assert_finds("", "http://tili-tarkistus.info", FindingCode::LinkPlainHttp);
}

#[test]
fn link_userinfo() {
    assert_finds(
        "",
        "https://avainpankki.fi@secure-login.example/fi",
        FindingCode::LinkUserinfo,
    );
}

#[test]
fn link_obfuscated() {
    assert_finds(
        "",
        "hxxps://avainpankki-palvelu[.]com/palauta",
        FindingCode::LinkObfuscated,
    );
}

#[test]
fn login_via_link() {
    assert_finds(
        "",
        "Kirjaudu tästä: https://example.com",
        FindingCode::LoginViaLink,
    );
    // The same request with only the bank's own link is the bank's own wording.
    assert!(!codes("", "Kirjaudu osoitteessa avainpankki.fi").contains(&FindingCode::LoginViaLink));
}

#[test]
fn credential_request() {
    assert_finds(
        "",
        "Lähetä tunnuslukusi vastauksena.",
        FindingCode::CredentialRequest,
    );
}

#[test]
fn install_request() {
    assert_finds(
        "",
        "Lataa: https://avain-app.net/avain.apk",
        FindingCode::InstallRequest,
    );
    assert_finds("", "Install AnyDesk now.", FindingCode::InstallRequest);
    assert_finds(
        "",
        "Asenna päivitys: https://example.com/paivitys",
        FindingCode::InstallRequest,
    );
    // The app stores are where the bank itself sends people.
    assert!(
        !codes(
            "",
            "Update the app: https://play.google.com/store/apps/details?id=x"
        )
        .contains(&FindingCode::InstallRequest)
    );
}

#[test]
fn urgency() {
    assert_finds("", "Toimi välittömästi.", FindingCode::Urgency);
}

#[test]
fn threat() {
    assert_finds("", "Ditt konto stängs.", FindingCode::Threat);
}

#[test]
fn too_good_offer() {
    assert_finds("", "You have won a prize.", FindingCode::TooGoodOffer);
}

#[test]
fn call_unknown_number() {
    let verdict = check("", "Soita heti numeroon 0800 912 774.");
    let finding = verdict
        .findings
        .iter()
        .find(|f| f.code == FindingCode::CallUnknownNumber)
        .expect("found");
    assert_eq!(finding.subject.as_deref(), Some("0800 912 774"));
    // The bank's own blocking service is not suspicious.
    assert!(
        check("", "Soita sulkupalveluun 020 333.")
            .findings
            .is_empty()
    );
}

#[test]
fn mixed_script() {
    assert_finds(
        "",
        "Kirj\u{430}udu verkkopankkiin",
        FindingCode::MixedScript,
    );
}

#[test]
fn every_code_has_a_test_above_and_a_message_in_every_language() {
    let source = include_str!("tests.rs");
    for code in FindingCode::ALL {
        assert!(
            source.contains(&format!("fn {}()", code.code())),
            "no test for {code}"
        );
        for lang in Language::ALL {
            let finding = Finding {
                code,
                subject: Some("evil.example".into()),
                imitates: Some("avainpankki.fi".into()),
            };
            let message = finding.message(lang);
            assert!(
                !message.starts_with("scam-"),
                "{code} has no {lang} message"
            );
            assert!(!message.contains("{$"), "{code} {lang}: {message}");
        }
    }
}

#[test]
fn genuine_bank_messages_are_ok() {
    let verdict = check(
        "AvainPankki",
        "Sinulle on uusi viesti verkkopankissa. Avaa sovellus itse ja lue viesti.",
    );
    assert_eq!(verdict.level, Level::Ok);
    assert!(verdict.findings.is_empty());
    let verdict = check(
        "Avain Pankki <uutiskirje@avainpankki.fi>",
        "Lue lisää: https://www.avainpankki.fi/saastaminen. Emme koskaan pyydä tunnuksiasi.",
    );
    assert_eq!(verdict.level, Level::Ok);
}

#[test]
fn levels_follow_the_weights() {
    let f = |code| Finding::new(code);
    assert_eq!(level_for(&[]), Level::Ok);
    assert_eq!(level_for(&[f(FindingCode::Urgency)]), Level::Ok);
    assert_eq!(
        level_for(&[f(FindingCode::Urgency), f(FindingCode::Threat)]),
        Level::Suspicious
    );
    assert_eq!(
        level_for(&[f(FindingCode::LinkShortener)]),
        Level::Suspicious
    );
    assert_eq!(
        level_for(&[f(FindingCode::CredentialRequest)]),
        Level::Dangerous
    );
    assert_eq!(
        level_for(&[
            f(FindingCode::LinkShortener),
            f(FindingCode::Urgency),
            f(FindingCode::SmsSenderNotBank)
        ]),
        Level::Dangerous
    );
    // The same code twice counts once.
    let two_links = [
        Finding::about(FindingCode::LinkNotBank, "a.example"),
        Finding::about(FindingCode::LinkNotBank, "b.example"),
    ];
    assert_eq!(level_for(&two_links), Level::Ok);
}

#[test]
fn findings_are_heaviest_first_and_unique() {
    let verdict = check(
        "+358 45 231 8890",
        "Kirjaudu https://evil.example/a ja https://evil.example/a heti",
    );
    let codes: Vec<FindingCode> = verdict.findings.iter().map(|f| f.code).collect();
    assert_eq!(
        codes,
        [
            FindingCode::LoginViaLink,
            FindingCode::SmsSenderNotBank,
            FindingCode::LinkNotBank,
            FindingCode::Urgency
        ]
    );
    assert_eq!(verdict.score(), 6);
}

#[test]
fn advice_names_the_blocking_service_when_worried() {
    let ok = check("AvainPankki", "Hei");
    assert!(!ok.advice(Language::Fi).contains("020 333"));
    let dangerous = check("", "Lähetä tunnuslukusi.");
    for lang in Language::ALL {
        let advice = dangerous.advice(lang);
        assert!(
            advice.contains("020 333") && advice.contains("+358 20 333"),
            "{advice}"
        );
    }
    assert!(dangerous.advice(Language::En).contains("never asks"));
}

#[test]
fn oversized_input_is_refused_without_echoing_it() {
    let text = "x".repeat(MAX_TEXT_CHARS + 1);
    let err = check_message("", &text, &BankConfig::demo()).unwrap_err();
    assert_eq!(err.code(), "message_too_long");
    assert!(!format!("{err:?}").contains("xxx"));
    assert!(err.message(Language::Sv).contains("100000"));
    let sender = "s".repeat(MAX_SENDER_CHARS + 1);
    let err = check_message(&sender, "", &BankConfig::demo()).unwrap_err();
    assert_eq!(err.code(), "sender_too_long");
    assert!(!format!("{err:?}").contains("sss"));
}

#[test]
fn levels_have_labels() {
    for lang in Language::ALL {
        for level in [Level::Ok, Level::Suspicious, Level::Dangerous] {
            assert!(!level.label(lang).starts_with("scam-"));
        }
    }
}

#[test]
fn finding_debug_hides_the_subject() {
    let finding = Finding::about(FindingCode::SmsSenderNotBank, "+358 40 123 4567");
    let debug = format!("{finding:?}");
    assert!(!debug.contains("4567"), "{debug}");
    assert!(debug.contains("SmsSenderNotBank"));
}

#[test]
fn awkward_inputs_do_not_panic() {
    for text in [
        "hxxp",
        "hxxps[:]//",
        "[.]",
        "x[.]",
        "http://",
        "https://@",
        "http://[",
        "http://[::1",
        "@",
        "a@",
        "@b.fi",
        "xn--",
        "https://xn--/",
        "www.",
        "..",
        ".fi",
        "op.fi:",
        "::::",
        "http://0x",
        "http://999999999999999999999",
        "\u{0}\u{202e}moc.live",
        "€",
        "1,",
        "+",
        "*",
        "~",
        "Kirj\u{430}",
        "\u{fdfd}\u{fdfd}",
        "ß.fi",
        "İstanbul.com",
        "a.b.c.d.e.f.g.h.fi",
    ] {
        let _ = check_message(text, text, &BankConfig::demo());
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn arbitrary_input_never_panics(sender in "\\PC{0,40}", text in "\\PC{0,300}") {
        let verdict = check_message(&sender, &text, &BankConfig::demo()).unwrap();
        prop_assert_eq!(verdict.level, level_for(&verdict.findings));
    }

    #[test]
    fn link_like_input_never_panics(
        text in "(h[tx]{2}ps?(://|\\[:\\]//))?[a-zа-я0-9.@\\[\\]():/-]{0,40}( [a-z]{1,8}){0,4}"
    ) {
        let _ = check_message("", &text, &BankConfig::demo()).unwrap();
        let _ = crate::inbox::check_alert_text(&text);
    }
}
