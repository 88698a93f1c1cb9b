//! `avain bench`: speed figures printed as one JSON line, measured in the same run against
//! a baseline so that the machine's speed cancels out of the ratio.
//!
//! - `avain bench store --profiles 5 --payees 1000`: a cold open of the local store
//!   (migration check, data key, profiles, payee cache decrypted, cached OS policy
//!   checked) against a bare rusqlite open + SELECT of the same rows.
//! - `avain bench open --runs 50`: the app's start, `Avain::open` and the profile picker's
//!   read on an existing data directory with two profiles and on a fresh one
//!   (`cmd_bench_open.rs`).
//! - `avain bench pin-kdf --target-ms 50`: the PBKDF2 iteration count that takes the target
//!   time here, and what a full K_pin derivation then costs.

use std::io;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use avain_core::Language;
use avain_core::keys::{PinKdfParams, PinKey, calibrate_pin_kdf_iterations};
use avain_core::os_policy::{BankKey, OsPolicy, Platform, SignedPolicy};
use avain_core::payments::Iban;
use avain_core::pin::Pin;
use avain_core::random::{Randomness, SystemRandomness, random_id};
use avain_core::secrets::{MemorySecretStore, SecretBytes};
use avain_core::store::{DATABASE_FILE, DeviceDescription, NewProfile, Store};
use ring::signature::{ECDSA_P256_SHA256_ASN1_SIGNING, EcdsaKeyPair, KeyPair};
use serde_json::json;
use time::OffsetDateTime;

/// The benchmarks.
#[derive(Debug, clap::Subcommand)]
pub enum BenchCommand {
    /// Cold open of the local store against a bare SQLite open and SELECT.
    Store {
        /// Profiles in the database.
        #[arg(long, default_value_t = 5)]
        profiles: u32,
        /// Payees in the database, spread over the profiles.
        #[arg(long, default_value_t = 1000)]
        payees: u32,
        /// Timed opens of each kind.
        #[arg(long, default_value_t = 200)]
        runs: u32,
    },
    /// Full PIN logins against an embedded sandbox bank: round trips, latency, and its
    /// ratio to the PIN key derivation alone.
    Login {
        /// Timed logins (and as many approvals).
        #[arg(long, default_value_t = 200)]
        n: u32,
        /// PBKDF2 iterations of the PIN key (default: the shipping default).
        #[arg(long, default_value_t = avain_core::keys::DEFAULT_PIN_KDF_ITERATIONS)]
        iterations: u32,
    },
    /// The app's start: `Avain::open` and the profile picker's read, on an existing data
    /// directory with two profiles and on a fresh one.
    Open {
        /// Timed opens of each kind.
        #[arg(long, default_value_t = 50)]
        runs: u32,
    },
    /// Calibrate the PIN key derivation's PBKDF2 iterations to a target time.
    PinKdf {
        /// The target time of one PBKDF2 run, in milliseconds.
        #[arg(long, default_value_t = 50)]
        target_ms: u64,
    },
}

/// Runs one benchmark and prints its JSON line.
pub fn run(command: &BenchCommand) -> io::Result<()> {
    let line = match *command {
        BenchCommand::Store {
            profiles,
            payees,
            runs,
        } => bench_store(profiles.max(1), payees, runs.max(1))?,
        BenchCommand::PinKdf { target_ms } => bench_pin_kdf(target_ms.max(1))?,
        BenchCommand::Login { n, iterations } => {
            crate::cmd_bench_login::run(n.max(1), iterations.max(1))?
        }
        BenchCommand::Open { runs } => crate::cmd_bench_open::run(runs.max(1))?,
    };
    println!("{line}");
    Ok(())
}

fn other(e: impl std::fmt::Display) -> io::Error {
    io::Error::other(e.to_string())
}

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort_unstable();
    samples[samples.len() / 2]
}

fn micros(d: Duration) -> f64 {
    (d.as_secs_f64() * 1e7).round() / 10.0
}

/// A valid Finnish IBAN for payee number `i` (check digits computed by the core).
fn payee_iban(i: u32) -> Result<Iban, io::Error> {
    Iban::from_bban(
        "FI",
        &format!("{:014}", 12_345_600_000_000u64 + u64::from(i)),
    )
    .map_err(other)
}

fn bench_store(profiles: u32, payees: u32, runs: u32) -> io::Result<serde_json::Value> {
    let dir = tempfile::tempdir()?;
    let secrets = MemorySecretStore::new();
    let rng: Arc<dyn Randomness> = Arc::new(SystemRandomness::new());
    let now = OffsetDateTime::now_utc();
    let ring_rng = ring::rand::SystemRandom::new();
    let bank_pkcs8 =
        EcdsaKeyPair::generate_pkcs8(&ECDSA_P256_SHA256_ASN1_SIGNING, &ring_rng).map_err(other)?;
    let bank = EcdsaKeyPair::from_pkcs8(
        &ECDSA_P256_SHA256_ASN1_SIGNING,
        bank_pkcs8.as_ref(),
        &ring_rng,
    )
    .map_err(other)?;
    let keys = [BankKey::new("bench", bank.public_key().as_ref()).map_err(other)?];

    {
        let store = Store::open(dir.path(), &secrets, Arc::clone(&rng)).map_err(other)?;
        store
            .set_device(&DeviceDescription {
                name: "Benchmark phone".into(),
                model: "Pixel 8".into(),
                platform: Platform::Android,
                os_version: "15".into(),
                app_version: env!("CARGO_PKG_VERSION").into(),
            })
            .map_err(other)?;
        let mut ids = Vec::new();
        for n in 0..profiles {
            let id = random_id(&*rng).map_err(other)?;
            store
                .create_profile(
                    &NewProfile {
                        id: id.clone(),
                        name: format!("Profiili {n}"),
                        server_profile_id: format!("prof-{n}"),
                        server_device_id: format!("dev-{n}"),
                        customer_kind: avain_core::api::CustomerKind::Personal,
                        language: Language::Fi,
                        pin_kdf: PinKdfParams::generate(&*rng, 100_000).map_err(other)?,
                    },
                    now,
                )
                .map_err(other)?;
            ids.push(id);
        }
        for i in 0..payees {
            let profile = &ids[(i % profiles) as usize];
            store
                .record_payee(
                    profile,
                    &payee_iban(i)?,
                    &format!("Maksunsaaja {i} Oy"),
                    now,
                )
                .map_err(other)?;
        }
        let policy = OsPolicy::builtin();
        let envelope = SignedPolicy::sign(&policy, "bench", &bank, &ring_rng).map_err(other)?;
        store.save_policy(&envelope, &policy, now).map_err(other)?;
    }

    let path = dir.path().join(DATABASE_FILE);
    let loadavg_start = crate::bench_machine::loadavg();
    let mut open_times = Vec::new();
    let mut baseline_times = Vec::new();
    let mut parts: [Vec<Duration>; 4] = Default::default();
    let mut checked = false;
    // Alternate the two, so drift in the machine's load affects both alike.
    for _ in 0..runs {
        let start = Instant::now();
        let (profiles_seen, payees_seen) =
            cold_open(dir.path(), &secrets, &rng, &keys, &mut parts)?;
        open_times.push(start.elapsed());

        let start = Instant::now();
        let (base_profiles, base_payees) = bare_select(&path)?;
        baseline_times.push(start.elapsed());

        if !checked {
            if (profiles_seen, payees_seen) != (base_profiles, base_payees) {
                return Err(other("the store and the baseline read different rows"));
            }
            checked = true;
        }
    }
    let [open_part, profiles_part, payees_part, policy_part] = parts.map(median);
    let open = median(open_times);
    let baseline = median(baseline_times);
    let ratio = open.as_secs_f64() / baseline.as_secs_f64().max(1e-9);
    Ok(json!({
        "open_median_us": micros(open),
        "baseline_median_us": micros(baseline),
        "ratio": (ratio * 100.0).round() / 100.0,
        // Where the store's open goes, each step's median.
        "open_steps_median_us": {
            "store_open": micros(open_part),
            "profiles": micros(profiles_part),
            "payees": micros(payees_part),
            "verified_policy": micros(policy_part),
        },
        "runs": runs,
        "loadavg_start": loadavg_start,
        "loadavg_end": crate::bench_machine::loadavg(),
    }))
}

/// What an app does at start: open, load the profiles and their payees, verify the policy.
/// As in the app, the first start after the policy was saved verifies its signature and
/// marks it; the starts after it (every timed run but the first) check the store's mark
/// instead (`core/src/store/policy.rs`), so the median is what a start costs from then on.
fn cold_open(
    dir: &Path,
    secrets: &MemorySecretStore,
    rng: &Arc<dyn Randomness>,
    keys: &[BankKey],
    steps: &mut [Vec<Duration>; 4],
) -> io::Result<(usize, usize)> {
    let start = Instant::now();
    let store = Store::open(dir, secrets, Arc::clone(rng)).map_err(other)?;
    let opened = Instant::now();
    let profiles = store.profiles().map_err(other)?;
    let listed = Instant::now();
    let mut payees = 0;
    for profile in &profiles {
        // Usable: every name and IBAN decrypted and read.
        for payee in store.payees(&profile.id).map_err(other)? {
            std::hint::black_box((payee.name.len(), payee.iban.electronic().len()));
            payees += 1;
        }
    }
    let paid = Instant::now();
    let policy = store.verified_policy(keys).map_err(other)?;
    if policy.is_none() {
        return Err(other("the cached policy is missing"));
    }
    let verified = Instant::now();
    for (step, took) in steps.iter_mut().zip([
        opened - start,
        listed - opened,
        paid - listed,
        verified - paid,
    ]) {
        step.push(took);
    }
    Ok((profiles.len(), payees))
}

type ProfileRow = (
    String,
    Vec<u8>,
    String,
    String,
    String,
    Option<String>,
    String,
);
type PayeeRow = (String, Vec<u8>, Vec<u8>, i64, i64, i64);

/// The floor: open the file and read the same rows, nothing decrypted or verified.
fn bare_select(path: &Path) -> io::Result<(usize, usize)> {
    let conn = rusqlite::Connection::open(path).map_err(other)?;
    let mut stmt = conn
        .prepare(
            "SELECT id, name, server_profile_id, server_device_id, state, lock_reason, language \
             FROM profiles ORDER BY created_at, id",
        )
        .map_err(other)?;
    let profiles: Vec<ProfileRow> = stmt
        .query_map([], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
            ))
        })
        .map_err(other)?
        .collect::<Result<_, _>>()
        .map_err(other)?;
    let mut stmt = conn
        .prepare(
            "SELECT id, iban_index, account, first_paid_at, last_paid_at, times_paid \
             FROM payees WHERE profile_id = ?1 ORDER BY last_paid_at DESC, id",
        )
        .map_err(other)?;
    let mut payees: Vec<PayeeRow> = Vec::new();
    for profile in &profiles {
        let rows = stmt
            .query_map([&profile.0], |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                ))
            })
            .map_err(other)?;
        for row in rows {
            payees.push(row.map_err(other)?);
        }
    }
    let policy: (String, Vec<u8>, Vec<u8>, i64) = conn
        .query_row(
            "SELECT key_id, document, signature, sequence FROM os_policy WHERE id = 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .map_err(other)?;
    std::hint::black_box(&policy);
    Ok((profiles.len(), payees.len()))
}

fn bench_pin_kdf(target_ms: u64) -> io::Result<serde_json::Value> {
    let iterations = calibrate_pin_kdf_iterations(Duration::from_millis(target_ms));
    let rng = SystemRandomness::new();
    let params = PinKdfParams::generate(&rng, iterations).map_err(other)?;
    let secret = SecretBytes::copy_from(&[0x5a; 32]);
    let pin = Pin::new("000000".into());
    let mut samples = Vec::new();
    for _ in 0..7 {
        let start = Instant::now();
        let key = PinKey::derive(&pin, &params, &secret, "bench").map_err(other)?;
        samples.push(start.elapsed());
        std::hint::black_box(key.public_key());
    }
    let derive = median(samples);
    Ok(json!({
        "target_ms": target_ms,
        "iterations": iterations,
        "derive_median_ms": (derive.as_secs_f64() * 1e4).round() / 10.0,
    }))
}
