//! `avain-sandbox attest android|apple`: one JSON object for the vendors' samples
//! (core/attest/tests/data) and for evidence under a test root; exit 0 whether valid or
//! not, 2 on input it cannot read.

#![allow(clippy::unwrap_used)] // test helpers outside #[test] functions

use std::process::Command;

use avain_attest::testing::{AndroidKeySpec, TestAuthority};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde_json::Value;

fn sample(path: &str) -> String {
    format!(
        "{}/../../core/attest/tests/data/{path}",
        env!("CARGO_MANIFEST_DIR")
    )
}

/// Runs the command; the exit code and, on 0, the printed JSON object.
fn attest(args: &[&str]) -> (i32, Option<Value>) {
    let out = Command::new(env!("CARGO_BIN_EXE_avain-sandbox"))
        .arg("attest")
        .args(args)
        .output()
        .unwrap();
    let code = out.status.code().unwrap();
    let json = (code == 0).then(|| serde_json::from_slice(&out.stdout).unwrap());
    (code, json)
}

const CAIMAN_CHALLENGE: &[u8] = b"7ccac1ea-4845-482e-858d-f6fa9aa8c295";

fn caiman(challenge: &[u8], at: &str) -> (i32, Option<Value>) {
    let chain = sample("android/caiman_strongbox_ec.pem");
    let challenge = hex::encode(challenge);
    attest(&[
        "android",
        "--chain",
        &chain,
        "--challenge",
        &challenge,
        "--at",
        at,
    ])
}

#[test]
fn android_sample_is_valid_with_its_level_challenge_and_app() {
    let (code, json) = caiman(CAIMAN_CHALLENGE, "2025-10-01");
    assert_eq!(code, 0);
    let json = json.unwrap();
    assert_eq!(json["valid"], true);
    assert_eq!(json["reason"], Value::Null);
    assert_eq!(json["security_level"], "strong_box");
    assert_eq!(json["challenge"], hex::encode(CAIMAN_CHALLENGE));
    assert_eq!(json["app"], "com.google.android.attestation");
    assert_eq!(json["device_locked"], true);
    assert_eq!(json["verified_boot_state"], "verified");
}

#[test]
fn android_refusals_exit_0_with_the_reason() {
    let (code, json) = caiman(b"another", "2025-10-01");
    assert_eq!(code, 0);
    assert_eq!(json.as_ref().unwrap()["valid"], false);
    assert_eq!(json.unwrap()["reason"], "challenge_mismatch");

    let (code, json) = caiman(CAIMAN_CHALLENGE, "2025-12-01");
    assert_eq!(code, 0);
    assert_eq!(json.unwrap()["reason"], "certificate_expired");

    let chain = sample("android/caiman_strongbox_ec.pem");
    let (code, json) = attest(&[
        "android",
        "--chain",
        &chain,
        "--at",
        "2025-10-01",
        "--package",
        "fi.avain.app",
    ]);
    assert_eq!(code, 0);
    assert_eq!(json.unwrap()["reason"], "app_mismatch");

    let unlocked = sample("android/akita_tee_ec_unlocked.pem");
    let (_, json) = attest(&["android", "--chain", &unlocked, "--at", "2024-09-20"]);
    let json = json.unwrap();
    assert_eq!(json["reason"], "bootloader_unlocked");
    // Without --challenge the challenge is shown, not checked.
    assert_eq!(json["challenge"], hex::encode("challenge"));
    let (_, json) = attest(&[
        "android",
        "--chain",
        &unlocked,
        "--at",
        "2024-09-20",
        "--allow-unlocked",
    ]);
    assert_eq!(json.unwrap()["security_level"], "trusted_environment");
}

#[test]
fn android_input_that_cannot_be_read_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let not_pem = dir.path().join("chain.pem");
    std::fs::write(&not_pem, "no certificate here").unwrap();
    let chain = sample("android/caiman_strongbox_ec.pem");
    for args in [
        vec!["android", "--chain", "/nonexistent/chain.pem"],
        vec!["android", "--chain", not_pem.to_str().unwrap()],
        vec!["android", "--chain", &chain, "--challenge", "xyz"],
        vec!["android", "--chain", &chain, "--at", "1.10.2025"],
    ] {
        assert_eq!(attest(&args).0, 2, "{args:?}");
    }
}

const GUIDE_KEY_ID: &str = "bSrEhF8TIzIvWSPwvZ0i2+UOBre4ASH84rK15m6emNY=";
const GUIDE_APP_ID: &str = "0352187391.com.apple.example_app_attest";

fn guide(app_id: &str, extra: &[&str]) -> (i32, Option<Value>) {
    let object = sample("apple/apple_guide_attestation.b64");
    let hash = STANDARD.encode(b"test_server_challenge");
    let mut args = vec![
        "apple",
        "--object",
        &object,
        "--key-id",
        GUIDE_KEY_ID,
        "--client-data-hash",
        &hash,
        "--app-id",
        app_id,
        "--at",
        "2024-04-18",
    ];
    args.extend_from_slice(extra);
    attest(&args)
}

#[test]
fn apples_guide_sample_is_valid_in_production() {
    let (code, json) = guide(GUIDE_APP_ID, &[]);
    assert_eq!(code, 0);
    let json = json.unwrap();
    assert_eq!(json["valid"], true);
    assert_eq!(json["reason"], Value::Null);
    assert_eq!(json["environment"], "production");
    assert_eq!(json["app"], GUIDE_APP_ID);
    assert_eq!(json["key_id"], GUIDE_KEY_ID);
}

#[test]
fn apple_refusals_exit_0_with_the_reason() {
    let (code, json) = guide("0352187391.fi.avain.app", &[]);
    assert_eq!(code, 0);
    assert_eq!(json.unwrap()["reason"], "app_mismatch");
    let (_, json) = guide(GUIDE_APP_ID, &["--development"]);
    let json = json.unwrap();
    assert_eq!(json["reason"], "environment_mismatch");
    assert_eq!(json["environment"], Value::Null);
}

#[test]
fn apple_input_that_cannot_be_read_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let not_base64 = dir.path().join("object.b64");
    std::fs::write(&not_base64, "*** not base64 ***").unwrap();
    let object = sample("apple/apple_guide_attestation.b64");
    let common = |object: &str, key_id: &str| {
        attest(&[
            "apple",
            "--object",
            object,
            "--key-id",
            key_id,
            "--client-data-hash",
            "AA==",
            "--app-id",
            GUIDE_APP_ID,
        ])
        .0
    };
    assert_eq!(common(not_base64.to_str().unwrap(), GUIDE_KEY_ID), 2);
    assert_eq!(common("/nonexistent", GUIDE_KEY_ID), 2);
    assert_eq!(common(&object, "%%"), 2);
}

#[test]
fn evidence_under_a_test_root_is_valid_only_with_that_root() {
    let authority = TestAuthority::new().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("root.pem");
    std::fs::write(&root, authority.root_pem()).unwrap();
    let chain = authority
        .android_chain_for_new_key(&AndroidKeySpec::device_key(b"bank", "fi.avain.app"))
        .unwrap();
    let pem: String = chain
        .iter()
        .map(|der| {
            format!(
                "-----BEGIN CERTIFICATE-----\n{}\n-----END CERTIFICATE-----\n",
                STANDARD.encode(der)
            )
        })
        .collect();
    let chain_file = dir.path().join("chain.pem");
    std::fs::write(&chain_file, pem).unwrap();
    let chain_file = chain_file.to_str().unwrap();
    let challenge = hex::encode(b"bank");
    let (_, json) = attest(&[
        "android",
        "--chain",
        chain_file,
        "--challenge",
        &challenge,
        "--roots",
        root.to_str().unwrap(),
    ]);
    assert_eq!(json.unwrap()["valid"], true);
    let (_, json) = attest(&["android", "--chain", chain_file, "--challenge", &challenge]);
    assert_eq!(json.unwrap()["reason"], "untrusted_root");

    let app_id = "ABCDE12345.fi.avain.app";
    let key = authority
        .apple_attestation(app_id, &[3; 32], false)
        .unwrap();
    let object = dir.path().join("object.b64");
    std::fs::write(&object, STANDARD.encode(&key.object)).unwrap();
    let key_id = STANDARD.encode(&key.key_id);
    let hash = STANDARD.encode([3u8; 32]);
    let run = |roots: Option<&str>| {
        let mut args = vec![
            "apple",
            "--object",
            object.to_str().unwrap(),
            "--key-id",
            &key_id,
            "--client-data-hash",
            &hash,
            "--app-id",
            app_id,
        ];
        if let Some(roots) = roots {
            args.extend(["--roots", roots]);
        }
        attest(&args).1.unwrap()
    };
    assert_eq!(
        run(Some(root.to_str().unwrap()))["environment"],
        "production"
    );
    assert_eq!(run(None)["reason"], "untrusted_root");
}
