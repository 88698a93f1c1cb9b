//! What every integration test of the sandbox needs: a fresh bank and a client that
//! trusts only its root certificate.

#![allow(dead_code)] // each test file uses its own part

pub mod spec;

use avain_sandbox::Sandbox;
use avain_sandbox::client::{BankClient, SoftwareDevice};
use avain_sandbox::seed::{self, SeedCustomer};

pub const PIN: &str = "2580";

pub async fn bank() -> (Sandbox, BankClient) {
    let sandbox = Sandbox::start_fresh().await.expect("sandbox starts");
    let client = BankClient::for_sandbox(&sandbox).expect("client");
    (sandbox, client)
}

pub fn customer(user_id: &str) -> &'static SeedCustomer {
    seed::customer(user_id).expect("seeded customer")
}

/// A registered and unlocked device for Anna, and its session.
pub async fn active_device(client: &BankClient, user_id: &str) -> SoftwareDevice {
    let mut device = SoftwareDevice::new();
    client
        .register_active(customer(user_id), &mut device, PIN)
        .await
        .expect("registration and unlock");
    device
}

pub async fn logged_in(client: &BankClient, user_id: &str) -> (SoftwareDevice, String) {
    let device = active_device(client, user_id).await;
    let session = client.login(&device, Some(PIN)).await.expect("login");
    (device, session.token.expose().to_owned())
}

/// The balance of `account` in cents, as the logged-in customer's account list shows it.
pub async fn balance(client: &BankClient, token: &str, account: &str) -> i64 {
    let accounts: avain_protocol::api::AccountList =
        client.get("/v1/accounts", Some(token)).await.unwrap();
    accounts
        .accounts
        .iter()
        .find(|a| a.account_id == account)
        .unwrap()
        .balance
        .cents
}
