//! The attacks of the hardening review, one test per attack, each named for what it tries.
//!
//! Every test performs the attack for real, against a fresh sandbox bank over HTTPS on
//! loopback (and, for the phone's side, against the core's own client), concurrently where
//! the attack is a race, and asserts that it fails. Each one succeeded before the fix it
//! guards. What a bank must do to pass them is written in docs/protocol.md ("What a bank
//! must do") and docs/sandbox.md.

mod control_routes;
mod key_attestation;
mod key_card_index;
mod new_payee_sms;
mod password_change;
mod password_guessing;
mod pin_change_crash;
mod policy_rollback;
mod profile_lockout;
mod receipt_kill;
mod self_service_unlock;
mod throttling;
mod tls_pins;
