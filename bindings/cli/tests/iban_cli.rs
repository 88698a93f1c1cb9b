//! `avain iban` end to end: an IBAN whose check digits are right but whose account part
//! does not have its country's registry structure is refused with its own code.

mod common;

use common::*;

#[test]
fn a_letter_where_the_country_has_digits_is_a_structure_error() {
    // NL is 4!a10!n and BG 4!a4!n2!n8!c: the letters O and X stand where digits belong,
    // and the check digits are recomputed, so only the structure is wrong.
    let out = avain(
        &["--json", "iban", "-"],
        "NL64ABNA041716430O\nBG04BNBGX6611020345678\nNL91ABNA0417164300\n",
    );
    let lines: Vec<serde_json::Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("every line is JSON"))
        .collect();
    assert_eq!(lines.len(), 3, "{lines:?}");
    for refused in &lines[..2] {
        assert_eq!(refused["valid"], false, "{refused}");
        assert_eq!(refused["error"], "bad_structure", "{refused}");
    }
    assert_eq!(lines[2]["valid"], true);
    assert_eq!(lines[2]["electronic"], "NL91ABNA0417164300");
}

#[test]
fn the_structure_error_is_told_in_the_chosen_language() {
    for (lang, start) in [
        ("en", "The account number does not have this country's form"),
        ("fi", "Tilinumero ei ole tämän maan tilinumeron muotoinen"),
        ("sv", "Kontonumret har inte det här landets form"),
    ] {
        let out = avain(&["--lang", lang, "iban", "NL64 ABNA 0417 1643 0O"], "");
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(stdout.starts_with(start), "{lang}: {stdout}");
    }
}
