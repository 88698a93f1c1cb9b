//! `avain alert`: rendering the alert texts and checking them.

use std::process::Command;

fn avain(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_avain"))
        .args(args)
        .output()
        .expect("the avain binary runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

#[test]
fn renders_and_accepts_its_own_alerts() {
    for lang in ["fi", "sv", "en"] {
        for channel in ["email", "sms", "push"] {
            let json: serde_json::Value = serde_json::from_str(&avain(&[
                "--json",
                "--lang",
                lang,
                "alert",
                "render",
                "--channel",
                channel,
            ]))
            .unwrap();
            let body = json["body"].as_str().unwrap();
            let check: serde_json::Value =
                serde_json::from_str(&avain(&["--json", "alert", "check", body])).unwrap();
            assert_eq!(check["ok"], true, "{lang} {channel}: {check}");
        }
    }
}

#[test]
fn names_what_slipped_into_an_alert() {
    let out = avain(&[
        "--json",
        "--lang",
        "en",
        "alert",
        "check",
        "Hi Matti, you have a new message: https://avainpankki.fi/m/1",
    ]);
    let check: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(check["ok"], false);
    let codes: Vec<&str> = check["violations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["link", "digits", "not_a_template"]);
}
