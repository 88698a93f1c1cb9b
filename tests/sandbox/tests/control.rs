//! `avain-sandbox serve --control` on a public address: the binary refuses to start.
//! (The attack tests in tests/e2e/tests/attacks/control_routes.rs test the same check
//! through `Sandbox::start`; only this crate can run the binary.)

#![allow(clippy::unwrap_used)] // tests

use std::process::Command;

#[test]
fn serve_with_control_on_a_public_address_refuses_to_start() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_avain-sandbox"))
        .args([
            "serve",
            "--control",
            "--bind",
            "0.0.0.0",
            "--port",
            "0",
            "--json",
        ])
        .arg("--data-dir")
        .arg(dir.path().join("bank"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty(), "it printed its start line");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("only served on a loopback address"),
        "{stderr}"
    );
    assert!(
        !dir.path().join("bank").exists(),
        "it created a data directory"
    );
}
