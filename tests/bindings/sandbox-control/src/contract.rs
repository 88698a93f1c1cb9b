//! `avain-contract-sandbox`: a fresh sandbox bank with a logged-in app session, for the
//! schema-conformance run of `tests/run contract` (Schemathesis against openapi.yaml).
//!
//! Starts the bank on a free loopback port with the control routes on, registers a
//! software device for the demo customer Anna, unlocks it in the online bank and logs in
//! with it, as a phone would. Writes the bank's root certificate to the file named by its
//! only argument and prints, one `key value` per line, then serves until stdin closes:
//!
//! ```text
//! url https://127.0.0.1:PORT
//! token <the app session's bearer token>
//! ```
//!
//! The token is a sandbox session of a demo customer, printed for a test on the same
//! machine; it is no secret of anyone's.

use std::process::ExitCode;

use avain_sandbox::Sandbox;
use avain_sandbox::client::{BankClient, SoftwareDevice};
use avain_sandbox::seed;
use tokio::io::AsyncReadExt;

/// The PIN of the fuzzed session's device (a valid PIN under the PIN rules).
const PIN: &str = "2580";

async fn logged_in(bank: &Sandbox) -> Result<String, String> {
    let client = BankClient::for_sandbox(bank)?;
    let customer = seed::customer(seed::ANNA).ok_or("no demo customer Anna")?;
    let mut device = SoftwareDevice::new();
    client
        .register_active(customer, &mut device, PIN)
        .await
        .map_err(|e| format!("registration: {e}"))?;
    let session = client
        .login(&device, Some(PIN))
        .await
        .map_err(|e| format!("login: {e}"))?;
    Ok(session.token.expose().to_owned())
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() -> ExitCode {
    let Some(ca_file) = std::env::args_os().nth(1) else {
        eprintln!("usage: avain-contract-sandbox <file for the root certificate (PEM)>");
        return ExitCode::from(2);
    };
    let bank = match Sandbox::start_fresh().await {
        Ok(bank) => bank,
        Err(e) => {
            eprintln!("avain-contract-sandbox: {e}");
            return ExitCode::FAILURE;
        }
    };
    if let Err(e) = std::fs::write(&ca_file, bank.root_certificate_pem()) {
        eprintln!("avain-contract-sandbox: writing the root certificate: {e}");
        return ExitCode::FAILURE;
    }
    let token = match logged_in(&bank).await {
        Ok(token) => token,
        Err(e) => {
            eprintln!("avain-contract-sandbox: {e}");
            return ExitCode::FAILURE;
        }
    };
    println!("url {}\ntoken {token}", bank.url());
    // Serve until the parent closes our stdin (or stops us).
    let mut stdin = tokio::io::stdin();
    let mut buf = [0u8; 64];
    while matches!(stdin.read(&mut buf).await, Ok(n) if n > 0) {}
    bank.stop().await;
    ExitCode::SUCCESS
}
