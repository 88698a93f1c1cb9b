//! `avain-sandbox bench`: complete logins per second against a running sandbox over HTTPS
//! on loopback. A complete login is what the app does: ask a challenge, check the bank's
//! signature on it, sign the login bytes with K_dev (P-256) and K_pin (Ed25519), send the
//! assertion, get a session; the bank verifies both signatures and commits the counter
//! before answering.

use std::sync::Arc;
use std::time::{Duration, Instant};

use avain_core::api::Challenge;
use serde::Serialize;

use crate::client::{BankClient, SoftwareDevice};
use crate::crypto;
use crate::seed::{self, SeedCustomer};

/// The PIN every bench profile uses.
const PIN: &str = "2580";

/// What the bench measured.
#[derive(Debug, Clone, Serialize)]
pub struct BenchReport {
    /// Complete logins per second, all clients together.
    pub logins_per_s: f64,
    /// Median time of one complete login (two round trips), milliseconds.
    pub p50_ms: f64,
    /// 99th percentile, milliseconds.
    pub p99_ms: f64,
    /// Concurrent clients.
    pub clients: usize,
    /// Measured seconds.
    pub seconds: f64,
    /// Logins completed.
    pub logins: u64,
    /// Logins that failed (should be 0).
    pub errors: u64,
    /// Where the time goes: single-core costs of the crypto in one login, microseconds.
    pub crypto_us: CryptoCosts,
}

/// Single-core timings of each cryptographic step of one login, in microseconds.
#[derive(Debug, Clone, Serialize)]
pub struct CryptoCosts {
    /// Bank: sign the challenge (ECDSA P-256).
    pub bank_sign_challenge: f64,
    /// App: verify the bank's challenge signature.
    pub app_verify_challenge: f64,
    /// App: sign with K_dev (ECDSA P-256).
    pub app_sign_device: f64,
    /// App: sign with K_pin (Ed25519).
    pub app_sign_pin: f64,
    /// Bank: verify K_dev's signature.
    pub bank_verify_device: f64,
    /// Bank: verify K_pin's signature.
    pub bank_verify_pin: f64,
}

/// Runs `clients` concurrent clients for `seconds` against the sandbox at `url`.
pub async fn run(
    url: &str,
    root_der: &[u8],
    challenge_key: &[u8],
    clients: usize,
    seconds: f64,
) -> Result<BenchReport, String> {
    let customers: Vec<&SeedCustomer> = seed::CUSTOMERS
        .iter()
        .filter(|c| c.phone.is_some() && c.sms_service)
        .collect();
    // Register one profile per client, one after another: the SMS code of a registration
    // is read from the outbox by customer, so two at once for one customer would mix them.
    let mut ready = Vec::with_capacity(clients);
    for i in 0..clients {
        let customer = customers[i % customers.len()];
        let client = BankClient::new(url, root_der)?;
        let mut device = SoftwareDevice::new();
        client
            .register_active(customer, &mut device, PIN)
            .await
            .map_err(|e| format!("registering bench client {i}: {e}"))?;
        ready.push((client, device));
    }

    let challenge_key: Arc<[u8]> = Arc::from(challenge_key);
    let start = Instant::now();
    let deadline = start + Duration::from_secs_f64(seconds);
    let mut runs = tokio::task::JoinSet::new();
    for (client, device) in ready {
        let key = challenge_key.clone();
        runs.spawn(async move {
            let mut latencies = Vec::with_capacity(4096);
            let mut errors = 0u64;
            while Instant::now() < deadline {
                let t = Instant::now();
                match login_once(&client, &device, &key).await {
                    Ok(()) => latencies.push(t.elapsed()),
                    Err(_) => errors += 1,
                }
            }
            (latencies, errors)
        });
    }
    let mut latencies = Vec::new();
    let mut errors = 0;
    while let Some(done) = runs.join_next().await {
        let (l, e) = done.map_err(|e| e.to_string())?;
        latencies.extend(l);
        errors += e;
    }
    let elapsed = start.elapsed().as_secs_f64();
    latencies.sort();
    let percentile = |p: f64| -> f64 {
        if latencies.is_empty() {
            return 0.0;
        }
        let index = ((latencies.len() as f64 - 1.0) * p).round() as usize;
        latencies[index.min(latencies.len() - 1)].as_secs_f64() * 1000.0
    };
    Ok(BenchReport {
        logins_per_s: round2(latencies.len() as f64 / elapsed),
        p50_ms: round2(percentile(0.50)),
        p99_ms: round2(percentile(0.99)),
        clients,
        seconds: round2(elapsed),
        logins: latencies.len() as u64,
        errors,
        crypto_us: crypto_costs(),
    })
}

async fn login_once(
    client: &BankClient,
    device: &SoftwareDevice,
    bank_key: &[u8],
) -> Result<(), String> {
    let challenge: Challenge = client
        .login_challenge(device)
        .await
        .map_err(|e| e.to_string())?;
    if !challenge.verify_bank_signature(bank_key) {
        return Err("the challenge is not signed by the bank".to_owned());
    }
    client
        .answer_login(device, &challenge, Some(PIN))
        .await
        .map(|_| ())
        .map_err(|e| e.to_string())
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// Times each crypto step alone on one core (the same ring calls the bank and the
/// reference client make).
pub fn crypto_costs() -> CryptoCosts {
    use ring::rand::SystemRandom;
    use ring::signature::{ECDSA_P256_SHA256_ASN1_SIGNING, EcdsaKeyPair, Ed25519KeyPair, KeyPair};

    fn per_call(mut f: impl FnMut()) -> f64 {
        let rounds = 400;
        f();
        let t = Instant::now();
        for _ in 0..rounds {
            f();
        }
        round2(t.elapsed().as_secs_f64() * 1e6 / f64::from(rounds))
    }
    let rng = SystemRandom::new();
    let message = [7u8; 180];
    let Ok(pkcs8) = EcdsaKeyPair::generate_pkcs8(&ECDSA_P256_SHA256_ASN1_SIGNING, &rng) else {
        return CryptoCosts::zero();
    };
    let Ok(p256) = EcdsaKeyPair::from_pkcs8(&ECDSA_P256_SHA256_ASN1_SIGNING, pkcs8.as_ref(), &rng)
    else {
        return CryptoCosts::zero();
    };
    let Ok(ed) = Ed25519KeyPair::from_seed_unchecked(&[3u8; 32]) else {
        return CryptoCosts::zero();
    };
    let p256_sig = p256
        .sign(&rng, &message)
        .map(|s| s.as_ref().to_vec())
        .unwrap_or_default();
    let ed_sig = ed.sign(&message).as_ref().to_vec();
    let p256_public = p256.public_key().as_ref().to_vec();
    let ed_public = ed.public_key().as_ref().to_vec();
    let sign = per_call(|| {
        let _ = p256.sign(&rng, &message);
    });
    let verify = per_call(|| {
        let _ = crypto::verify_p256(&p256_public, &message, &p256_sig);
    });
    CryptoCosts {
        bank_sign_challenge: sign,
        app_verify_challenge: verify,
        app_sign_device: sign,
        app_sign_pin: per_call(|| {
            let _ = ed.sign(&message);
        }),
        bank_verify_device: verify,
        bank_verify_pin: per_call(|| {
            let _ = crypto::verify_ed25519(&ed_public, &message, &ed_sig);
        }),
    }
}

impl CryptoCosts {
    fn zero() -> Self {
        CryptoCosts {
            bank_sign_challenge: 0.0,
            app_verify_challenge: 0.0,
            app_sign_device: 0.0,
            app_sign_pin: 0.0,
            bank_verify_device: 0.0,
            bank_verify_pin: 0.0,
        }
    }
}
