//! `avain bench open --runs 50`: the app's start in Rust, what the profile picker waits
//! for. `Avain::open` and the picker's read (`profiles()`: the names decrypted, the
//! states) on an existing data directory with two registered, unlocked and logged-in
//! profiles (against an embedded sandbox bank, which then sits idle: opening makes no
//! network call), and `Avain::open` on a fresh data directory (the first start after
//! installing). Each open is a new core on the same runtime, as an app restarted in a
//! warm process; the library's load and its runtime's start are not in it (the Kotlin
//! figures of `tests/bindings-report` are). Prints one JSON line with medians of wall
//! time, the process's processor time per run (a mean: the kernel counts it in 10 ms
//! ticks), and the load average before and after.

use std::io;
use std::sync::Arc;
use std::time::{Duration, Instant};

use avain_core::client::{Avain, AvainConfig, DeviceDetails, PlatformParts, SystemClock};
use avain_core::keys::{SimulatedSensor, SoftwareBiometrics, SoftwareDeviceKeys};
use avain_core::net::HttpOptions;
use avain_core::secrets::{MemorySecretStore, SecretStore};
use avain_e2e::{ANNA, Harness, MIKKO, TEST_PIN_KDF_ITERATIONS, bank_config, reopen_phone};
use serde_json::json;

use crate::bench_machine::{loadavg, process_cpu_s};

const PIN: &str = "4719";

/// Runs the benchmark and returns its JSON line.
pub fn run(runs: u32) -> io::Result<serde_json::Value> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    runtime.block_on(bench(runs))
}

fn median_ms(mut samples: Vec<Duration>) -> f64 {
    samples.sort_unstable();
    ms(samples.get(samples.len() / 2).copied().unwrap_or_default())
}

/// Processor time per run since `start` (seconds from [`process_cpu_s`]), in ms.
fn cpu_per_run_ms(start: f64, runs: u32) -> f64 {
    ((process_cpu_s() - start) * 1e3 / f64::from(runs) * 100.0).round() / 100.0
}

fn ms(d: Duration) -> f64 {
    (d.as_secs_f64() * 1e5).round() / 100.0
}

async fn bench(runs: u32) -> io::Result<serde_json::Value> {
    let loadavg_start = loadavg();
    let harness = Harness::start().await.map_err(io::Error::other)?;
    for user in [ANNA, MIKKO] {
        let customer = Harness::customer(user).map_err(io::Error::other)?;
        harness
            .active_profile(customer, PIN)
            .await
            .map_err(io::Error::other)?;
    }
    let bank = bank_config(&harness.bank).map_err(io::Error::other)?;
    let secrets: Arc<dyn SecretStore> = harness.secrets.clone();

    let (mut open, mut picker, mut both) = (Vec::new(), Vec::new(), Vec::new());
    let existing_cpu = process_cpu_s();
    for _ in 0..runs {
        let start = Instant::now();
        let avain = reopen_phone(
            harness.data_dir(),
            Arc::clone(&secrets),
            harness.clock.clone(),
            bank.clone(),
        )
        .map_err(io::Error::other)?;
        let opened = Instant::now();
        let profiles = avain
            .profiles()
            .await
            .map_err(|e| io::Error::other(e.code().as_str()))?;
        let listed = Instant::now();
        // Usable: both profiles, with their names decrypted.
        if profiles.len() != 2 || profiles.iter().any(|p| p.name.is_empty()) {
            return Err(io::Error::other("the picker did not get both profiles"));
        }
        open.push(opened - start);
        picker.push(listed - opened);
        both.push(listed - start);
        drop(avain);
    }
    let existing_cpu = cpu_per_run_ms(existing_cpu, runs);

    let fresh_root = tempfile::tempdir()?;
    let mut fresh = Vec::new();
    let fresh_cpu = process_cpu_s();
    for n in 0..runs {
        let store = Arc::new(MemorySecretStore::new());
        let parts = PlatformParts {
            secrets: store.clone(),
            device_keys: Arc::new(SoftwareDeviceKeys::new(store.clone())),
            biometric_keys: Arc::new(SoftwareBiometrics::new(
                store,
                Arc::new(SimulatedSensor::new()),
            )),
            clock: Arc::new(SystemClock),
            app_attest: None,
        };
        let config = AvainConfig {
            data_dir: fresh_root.path().join(format!("app-{n}")),
            bank: bank.clone(),
            preferred_languages: vec!["fi-FI".to_owned()],
            supported_languages: Vec::new(),
            device: DeviceDetails {
                platform: avain_core::os_policy::Platform::Android,
                model: "Pixel 8".to_owned(),
                os_version: "14".to_owned(),
                app_version: "1.0.0".to_owned(),
            },
            pin_kdf_iterations: TEST_PIN_KDF_ITERATIONS,
            http: HttpOptions::default(),
        };
        let start = Instant::now();
        let avain = Avain::open(config, parts).map_err(|e| io::Error::other(e.code().as_str()))?;
        let profiles = avain
            .profiles()
            .await
            .map_err(|e| io::Error::other(e.code().as_str()))?;
        fresh.push(start.elapsed());
        if !profiles.is_empty() {
            return Err(io::Error::other("a fresh directory has profiles"));
        }
    }

    let fresh_cpu = cpu_per_run_ms(fresh_cpu, runs);
    Ok(json!({
        "runs": runs,
        "existing_two_profiles": {
            "open_median_ms": median_ms(open),
            "profiles_median_ms": median_ms(picker),
            "open_and_profiles_median_ms": median_ms(both),
            "open_and_profiles_cpu_ms": existing_cpu,
        },
        "fresh": {
            "open_and_profiles_median_ms": median_ms(fresh),
            "open_and_profiles_cpu_ms": fresh_cpu,
        },
        "loadavg_start": loadavg_start,
        "loadavg_end": loadavg(),
    }))
}
