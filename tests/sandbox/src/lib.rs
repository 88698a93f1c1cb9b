//! # avain-sandbox
//!
//! The sandbox bank: a real HTTPS server implementing the bank's side of Avain's protocol
//! (`docs/protocol.md`, `docs/sandbox.md`, `tests/sandbox/openapi.yaml`), with its own
//! SQLite database, deterministic demo customers, an outbox for the SMS and push messages
//! it sends, and a settable clock. The end-to-end tests, the binding tests and the demo
//! run the core against it over loopback.
//!
//! ```no_run
//! # async fn demo() -> Result<(), Box<dyn std::error::Error>> {
//! let bank = avain_sandbox::Sandbox::start_fresh().await?;
//! println!("{} trusts {}", bank.url(), bank.root_certificate_pem());
//! # Ok(()) }
//! ```
//!
//! The wire types are `avain_protocol::api`; the signed bytes are `avain_protocol::signed_bytes`,
//! the profile lifecycle `avain_protocol::lifecycle`, the OS policy `avain_core::os_policy`:
//! the sandbox reuses the core's definitions, it does not restate them.

pub mod address_slots;
pub mod approvals;
pub mod attestation;
pub mod bank_keys;
pub mod bench;
pub mod body_deadline;
pub mod challenges;
pub mod client;
pub mod client_attestation;
pub mod client_online_bank;
pub mod clock;
pub mod credentials;
pub mod crypto;
pub mod db;
pub mod decoys;
pub mod error;
pub mod extract;
pub mod idle;
pub mod key_files;
pub mod language;
pub mod meeting_texts;
pub mod notify;
pub mod outbox;
pub mod relay;
pub mod requests;
pub mod routes;
pub mod seed;
pub mod server;
pub mod sessions;
pub mod state;
pub mod texts;
pub mod throttle;
pub mod tls;
pub mod unknown_users;
pub mod web;

pub use attestation::AttestationConfig;
pub use server::{ConnectionLimits, Sandbox, SandboxOptions, StartError};
pub use throttle::ThrottleSettings;
