//! `avain scam` end to end: arguments, JSON lines on stdin, exit statuses.

mod common;

use common::*;

#[test]
fn one_message_as_json() {
    let out = avain(
        &[
            "--json",
            "--lang",
            "en",
            "scam",
            "--sender",
            "+358 45 231 8890",
            "Log in at https://tunnus-uusinta.com now",
        ],
        "",
    );
    assert!(out.status.success());
    let answer = &json_lines(&out)[0];
    assert_eq!(answer["level"], "dangerous");
    let codes: Vec<&str> = answer["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    assert!(codes.contains(&"login_via_link"), "{codes:?}");
    assert!(
        answer["findings"][0]["message"]
            .as_str()
            .unwrap()
            .contains("link")
    );
    assert!(answer["advice"].as_str().unwrap().contains("020 333"));
}

#[test]
fn one_message_as_text_in_swedish() {
    let out = avain(
        &[
            "--lang",
            "sv",
            "scam",
            "--sender",
            "AvainBanken",
            "Du har ett nytt meddelande i nätbanken.",
        ],
        "",
    );
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.starts_with("Inga tecken på bluff (ok)"), "{text}");
}

#[test]
fn json_lines_from_stdin_with_a_bad_line() {
    let input = concat!(
        r#"{"sender":"AvainPankki","text":"Sinulle on uusi viesti verkkopankissa. Avaa sovellus itse ja lue viesti."}"#,
        "\n",
        "not json\n",
        r#"{"text":"Voitit! Lunasta palkinto: bit.ly/x"}"#,
        "\n"
    );
    let out = avain(&["scam", "-"], input);
    assert_eq!(out.status.code(), Some(2));
    let answers = json_lines(&out);
    assert_eq!(answers.len(), 3);
    assert_eq!(answers[0]["level"], "ok");
    assert_eq!(answers[1]["error"]["code"], "invalid_input_line");
    assert_eq!(answers[2]["level"], "dangerous");
}

#[test]
fn other_banks_domains_can_be_given() {
    let out = avain(
        &[
            "--json",
            "scam",
            "--bank-domain",
            "op.fi",
            "--sender",
            "OP <viestit@op.fi>",
            "Katso https://www.op.fi/tarjous",
        ],
        "",
    );
    assert!(out.status.success());
    assert_eq!(json_lines(&out)[0]["level"], "ok");
    let out = avain(&["scam", "--bank-domain", "not a domain", "x"], "");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a domain"));
}
