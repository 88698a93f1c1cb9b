//! `avain bench login --n 200`: full PIN logins by the core against an embedded sandbox
//! bank over HTTPS on loopback, with the shipping PBKDF2 cost. Prints one JSON line:
//! round trips per login (target 2 on a warm connection), p50 and p99 latency, the PIN
//! key derivation alone (`kdf_ms`, timed after each login so both see the same load), and
//! `ratio` = p50 / kdf (target: p50 <= kdf + 3 ms), with a breakdown of the rest.

use std::io;
use std::time::{Duration, Instant};

use avain_core::keys::{DEFAULT_PIN_KDF_ITERATIONS, PinKdfParams, PinKey};
use avain_core::pin::Pin;
use avain_core::random::SystemRandomness;
use avain_core::secrets::SecretBytes;
use avain_e2e::{ANNA, Harness};
use serde_json::json;

const PIN: &str = "4719";

/// Runs the benchmark and returns its JSON line.
pub fn run(n: u32) -> io::Result<serde_json::Value> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    runtime.block_on(bench(n))
}

fn ms(d: Duration) -> f64 {
    (d.as_secs_f64() * 1e5).round() / 100.0
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let last = sorted.len().saturating_sub(1);
    // Nearest rank, clamped: the sample list is never empty here.
    let rank = ((p * sorted.len() as f64).ceil() as usize)
        .saturating_sub(1)
        .min(last);
    sorted.get(rank).copied().unwrap_or_default()
}

async fn bench(n: u32) -> io::Result<serde_json::Value> {
    let harness = Harness::start_with_kdf(None, vec!["fi".into()], DEFAULT_PIN_KDF_ITERATIONS)
        .await
        .map_err(io::Error::other)?;
    let anna = Harness::customer(ANNA).map_err(io::Error::other)?;
    // Registration, online unlock and a first login warm the connection and the policy.
    let id = harness
        .active_profile(anna, PIN)
        .await
        .map_err(io::Error::other)?;
    let mut samples = Vec::with_capacity(n as usize);
    let mut kdf_samples = Vec::with_capacity(n as usize);
    let kdf_input = KdfInput::new()?;
    let mut round_trips = 0;
    for _ in 0..n {
        let before = harness.avain.round_trips();
        let start = Instant::now();
        harness
            .avain
            .login_with_pin(id.clone(), PIN.into())
            .await
            .map_err(|e| io::Error::other(e.code().as_str()))?;
        samples.push(start.elapsed());
        round_trips += harness.avain.round_trips() - before;
        // The KDF alone right after each login, so both see the same load on a shared
        // machine (measured apart, a busy minute on one side skews the ratio).
        kdf_samples.push(kdf_input.time_one()?);
    }
    samples.sort_unstable();
    kdf_samples.sort_unstable();
    let kdf = percentile(&kdf_samples, 0.5);
    let p50 = percentile(&samples, 0.50);
    let p99 = percentile(&samples, 0.99);
    let breakdown = breakdown(&harness, &id, n.clamp(10, 100)).await?;
    Ok(json!({
        "round_trips_per_login": round_trips as f64 / f64::from(n),
        "p50_ms": ms(p50),
        "p99_ms": ms(p99),
        "kdf_ms": ms(kdf),
        "ratio": ((p50.as_secs_f64() / kdf.as_secs_f64().max(1e-9)) * 100.0).round() / 100.0,
        "n": n,
        "pin_kdf_iterations": DEFAULT_PIN_KDF_ITERATIONS,
        "breakdown_p50_ms": breakdown,
    }))
}

/// Where a login's time goes besides the KDF, each part alone (medians): the challenge
/// round trip (which the core overlaps with the KDF), the signed answer's round trip
/// (the bank verifies two signatures and commits the counter before answering), and the
/// phone's receipt write (one SQLite transaction, synced to disk).
async fn breakdown(harness: &Harness, id: &str, runs: u32) -> io::Result<serde_json::Value> {
    let phone = harness.raw_phone(id, PIN).map_err(io::Error::other)?;
    let (mut challenge, mut answer) = (Vec::new(), Vec::new());
    for _ in 0..runs {
        let start = Instant::now();
        let issued = phone
            .login_challenge()
            .await
            .map_err(|e| io::Error::other(format!("challenge: {e:?}")))?;
        challenge.push(start.elapsed());
        let request = phone.login_request(&issued).map_err(io::Error::other)?;
        let start = Instant::now();
        let _: serde_json::Value = phone
            .client
            .post("/v1/sessions", None, &request)
            .await
            .map_err(|e| io::Error::other(format!("session: {e:?}")))?;
        answer.push(start.elapsed());
    }
    let receipt = receipt_write(runs)?;
    challenge.sort_unstable();
    answer.sort_unstable();
    Ok(json!({
        "challenge_round_trip": ms(percentile(&challenge, 0.5)),
        "answer_round_trip": ms(percentile(&answer, 0.5)),
        "receipt_write": ms(receipt),
    }))
}

/// The median time of storing one receipt (with the profile's last use) on this disk.
fn receipt_write(runs: u32) -> io::Result<Duration> {
    use avain_core::keys::SecondFactor;
    use avain_core::secrets::MemorySecretStore;
    use avain_core::signed_bytes::Purpose;
    use avain_core::store::{NewProfile, NewReceipt, Store};
    use std::sync::Arc;

    let dir = tempfile::tempdir()?;
    let secrets = MemorySecretStore::new();
    let rng = SystemRandomness::new();
    let store = Store::open(dir.path(), &secrets, Arc::new(SystemRandomness::new()))
        .map_err(|e| io::Error::other(e.code()))?;
    let pin_kdf = PinKdfParams::generate(&rng, 1_000).map_err(|e| io::Error::other(e.code()))?;
    store
        .create_profile(
            &NewProfile {
                id: "bench".into(),
                name: "Bench".into(),
                server_profile_id: "prf_bench".into(),
                server_device_id: "dev_bench".into(),
                customer_kind: avain_core::api::CustomerKind::Personal,
                language: avain_core::Language::Fi,
                pin_kdf,
            },
            time::OffsetDateTime::now_utc(),
        )
        .map_err(|e| io::Error::other(e.code()))?;
    let mut samples = Vec::new();
    for _ in 0..runs {
        let receipt = NewReceipt {
            profile_id: "bench".into(),
            purpose: Purpose::Login,
            factor: SecondFactor::Pin,
            shown_text: "Vahvista kirjautuminen".into(),
            server_device_id: None,
            approved_at: time::OffsetDateTime::now_utc(),
            approval_id: None,
        };
        let start = Instant::now();
        store
            .add_receipt(&receipt)
            .map_err(|e| io::Error::other(e.code()))?;
        samples.push(start.elapsed());
    }
    samples.sort_unstable();
    Ok(samples[samples.len() / 2])
}

/// K_pin's derivation alone (PBKDF2 + HKDF + Ed25519 key) at the shipping cost.
struct KdfInput {
    params: PinKdfParams,
    secret: SecretBytes,
    pin: Pin,
}

impl KdfInput {
    fn new() -> io::Result<KdfInput> {
        let rng = SystemRandomness::new();
        Ok(KdfInput {
            params: PinKdfParams::generate(&rng, DEFAULT_PIN_KDF_ITERATIONS)
                .map_err(|e| io::Error::other(e.code()))?,
            secret: SecretBytes::new(vec![7; 32]),
            pin: Pin::new(PIN.to_owned()),
        })
    }

    fn time_one(&self) -> io::Result<Duration> {
        let start = Instant::now();
        let key = PinKey::derive(&self.pin, &self.params, &self.secret, "bench-profile")
            .map_err(|e| io::Error::other(e.code()))?;
        std::hint::black_box(key.public_key());
        Ok(start.elapsed())
    }
}
