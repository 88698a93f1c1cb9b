//! `avain qr` end to end: one payload as an argument, JSON strings on stdin.

mod common;

use common::*;

/// The EPC guideline's example (EPC069-12), version 002.
const GUIDELINE: &str = "BCD\n002\n1\nSCT\nBPOTBEB1\nRed Cross of Belgium\nBE72000000001616\n\
                         EUR1\nCHAR\n\nUrgency fund\nSample EPC QR code";

#[test]
fn one_payload_as_an_argument() {
    let out = avain(&["--json", "qr", GUIDELINE], "");
    assert!(out.status.success());
    let lines = json_lines(&out);
    assert_eq!(
        lines,
        vec![serde_json::json!({
            "valid": true,
            "error": null,
            "version": 2,
            "iban": "BE72000000001616",
            "bic": "BPOTBEB1",
            "name": "Red Cross of Belgium",
            "amount_cents": 100,
            "reference": null,
            "message": "Urgency fund",
            "due_date": null,
        })]
    );
    let text = avain(&["--lang", "en", "qr", GUIDELINE], "");
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("Payee: Red Cross of Belgium"), "{text}");
}

#[test]
fn json_strings_on_stdin_one_object_each() {
    let finnish = "BCD\r\n001\r\n1\r\nSCT\r\nNDEAFIHH\r\nHelsingin Energia Oy\r\n\
                   FI2112345600000785\r\nEUR145.50\r\n\r\nRF18539007547034\r\n\r\n\
                   ReqdExctnDt/2030-12-24";
    let stdin = [
        serde_json::to_string(GUIDELINE).unwrap(),
        serde_json::to_string(finnish).unwrap(),
        serde_json::to_string(&GUIDELINE.replace("002", "003")).unwrap(),
        "not json".to_owned(),
    ]
    .join("\n");
    let out = avain(&["--json", "qr", "-"], &stdin);
    assert!(out.status.success());
    let lines = json_lines(&out);
    assert_eq!(lines.len(), 4);
    assert_eq!(lines[0]["valid"], true);
    assert_eq!(lines[1]["version"], 1);
    assert_eq!(lines[1]["iban"], "FI2112345600000785");
    assert_eq!(lines[1]["amount_cents"], 14_550);
    assert_eq!(lines[1]["reference"], "RF18539007547034");
    assert_eq!(lines[1]["due_date"], "2030-12-24");
    assert_eq!(lines[1]["message"], serde_json::Value::Null);
    assert_eq!(lines[2]["valid"], false);
    assert_eq!(lines[2]["error"], "unsupported_version");
    assert_eq!(lines[2]["iban"], serde_json::Value::Null);
    assert_eq!(lines[3]["error"], "not_json_string");
}
