//! `avain-sandbox bench`: complete logins per second against a running sandbox over HTTPS
//! on loopback. A complete login is what the app does: ask a challenge, check the bank's
//! signature on it, sign the login bytes with K_dev (P-256) and K_pin (Ed25519), send the
//! assertion, get a session; the bank verifies both signatures and commits the counter
//! before answering.
//!
//! The machine it runs on is shared, so besides the throughput the report says how much
//! processor time the bank and the clients actually got and spent per login (from
//! `/proc`), the load average before and after, and what each signature operation costs
//! in processor time (not wall time, which a busy machine inflates). Those figures hold
//! whatever else runs; the throughput does not.

use avain_protocol::verify::{verify_device_signature, verify_pin_signature};
use std::sync::Arc;
use std::time::{Duration, Instant};

use avain_protocol::api::Challenge;
use serde::Serialize;

use crate::client::{BankClient, SoftwareDevice};
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
    /// The machine's 1-minute load average when the measuring started and ended.
    pub load_avg_1m: [f64; 2],
    /// Processor time spent while measuring (none where `/proc` is missing).
    pub cpu: Option<CpuUse>,
    /// Where the time goes: processor time of each cryptographic step of one login,
    /// microseconds.
    pub crypto_us: CryptoCosts,
}

/// Processor time the bank and the clients spent while measuring.
#[derive(Debug, Clone, Serialize)]
pub struct CpuUse {
    /// Cores' worth of processor time the bank and the clients got together (at most the
    /// machine's core count; less when other work competes).
    pub cores_used: f64,
    /// Cores' worth of time the whole machine sat idle meanwhile, waiting for the disk
    /// included (`/proc/stat`; none where it is missing). Beside `cores_used` it says
    /// whether the bench lacked processors or left them without work.
    pub idle_cores: Option<f64>,
    /// The bank's processor time per login, milliseconds (none when measuring a bank
    /// started elsewhere).
    pub server_ms_per_login: Option<f64>,
    /// The clients' processor time per login, milliseconds.
    pub client_ms_per_login: f64,
    /// Logins per second of processor time, bank and clients together: what one core
    /// given wholly to this bench would do.
    pub logins_per_core_s: f64,
    /// Logins per second of the bank's processor time alone: what one core would serve
    /// with the clients elsewhere.
    pub server_logins_per_core_s: Option<f64>,
    /// `server_ms_per_login` divided by the bank's signature work per login
    /// (`crypto_us.bank_total`): 1.0 would be a bank doing nothing but its signatures.
    pub server_to_signatures: Option<f64>,
}

/// Processor time of each cryptographic step of one login, in microseconds.
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
    /// The bank's share: one sign and two verifications.
    pub bank_total: f64,
    /// Bank and app together.
    pub login_total: f64,
}

/// Runs `clients` concurrent clients for `seconds` against the sandbox at `url`.
/// `server_pid` is the bank's process, when it runs on this machine, to count its
/// processor time.
pub async fn run(
    url: &str,
    root_der: &[u8],
    challenge_key: &[u8],
    clients: usize,
    seconds: f64,
    server_pid: Option<u32>,
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
    let load_before = load_average();
    let client_cpu_before = process_cpu_s("self");
    let idle_before = machine_idle_s();
    let server_cpu_before = server_pid.and_then(|pid| process_cpu_s(&pid.to_string()));
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
    let client_cpu = client_cpu_before
        .zip(process_cpu_s("self"))
        .map(|(before, after)| after - before);
    let server_cpu = server_cpu_before
        .zip(server_pid.and_then(|pid| process_cpu_s(&pid.to_string())))
        .map(|(before, after)| after - before);
    let idle_s = idle_before
        .zip(machine_idle_s())
        .map(|(before, after)| after - before);
    let load_after = load_average();
    // Measured after the logins, on the same machine state, so that the ratio of the
    // bank's processor time to its signature work compares like with like.
    let crypto = crypto_costs();
    let logins = latencies.len() as u64;
    latencies.sort();
    let percentile = |p: f64| -> f64 {
        if latencies.is_empty() {
            return 0.0;
        }
        let index = ((latencies.len() as f64 - 1.0) * p).round() as usize;
        latencies[index.min(latencies.len() - 1)].as_secs_f64() * 1000.0
    };
    Ok(BenchReport {
        logins_per_s: round2(logins as f64 / elapsed),
        p50_ms: round2(percentile(0.50)),
        p99_ms: round2(percentile(0.99)),
        clients,
        seconds: round2(elapsed),
        logins,
        errors,
        load_avg_1m: [load_before, load_after],
        cpu: client_cpu.map(|client| cpu_use(logins, elapsed, client, server_cpu, idle_s, &crypto)),
        crypto_us: crypto,
    })
}

fn cpu_use(
    logins: u64,
    elapsed: f64,
    client_s: f64,
    server_s: Option<f64>,
    idle_s: Option<f64>,
    crypto: &CryptoCosts,
) -> CpuUse {
    let logins = logins.max(1) as f64;
    let total_s = client_s + server_s.unwrap_or(0.0);
    let server_ms = server_s.map(|s| s * 1000.0 / logins);
    CpuUse {
        cores_used: round2(total_s / elapsed),
        idle_cores: idle_s.map(|s| round2(s / elapsed)),
        server_ms_per_login: server_ms.map(round3),
        client_ms_per_login: round3(client_s * 1000.0 / logins),
        logins_per_core_s: round2(logins / total_s.max(1e-9)),
        server_logins_per_core_s: server_s.map(|s| round2(logins / s.max(1e-9))),
        server_to_signatures: server_ms
            .filter(|_| crypto.bank_total > 0.0)
            .map(|ms| round2(ms * 1000.0 / crypto.bank_total)),
    }
}

/// The 1-minute load average (0 where `/proc/loadavg` is missing).
fn load_average() -> f64 {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|text| text.split_whitespace().next()?.parse().ok())
        .unwrap_or(0.0)
}

/// User and system processor time of a process (`"self"` or a pid), all its threads
/// together, living and ended, in seconds: fields 14 and 15 of `/proc/<pid>/stat`, in
/// USER_HZ ticks (100 per second on Linux, fixed by its ABI).
fn process_cpu_s(pid: &str) -> Option<f64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The command name may hold spaces and parentheses: count fields after the last ')'.
    let rest = &stat[stat.rfind(')')? + 1..];
    let mut fields = rest.split_whitespace().skip(11);
    let user: u64 = fields.next()?.parse().ok()?;
    let system: u64 = fields.next()?.parse().ok()?;
    Some((user + system) as f64 / 100.0)
}

/// Time the machine's processors have sat idle or waited for the disk since boot, all
/// cores together, in seconds (`/proc/stat`).
fn machine_idle_s() -> Option<f64> {
    idle_ticks(&std::fs::read_to_string("/proc/stat").ok()?).map(|ticks| ticks as f64 / 100.0)
}

/// The `idle` and `iowait` fields of `/proc/stat`'s first line (all cores), in USER_HZ
/// ticks.
fn idle_ticks(stat: &str) -> Option<u64> {
    let mut fields = stat
        .lines()
        .next()?
        .strip_prefix("cpu ")?
        .split_whitespace()
        .skip(3);
    let idle: u64 = fields.next()?.parse().ok()?;
    let iowait: u64 = fields.next()?.parse().ok()?;
    Some(idle + iowait)
}

/// Nanoseconds the calling thread has run on a processor, to the nanosecond
/// (`CLOCK_THREAD_CPUTIME_ID`, which brings the running thread's count up to date when
/// read). `/proc/thread-self/schedstat` is not: a thread that makes no system call is
/// counted there only at the scheduler's tick (4 ms on this project's machines), which put
/// each verification's time in steps of 2 µs (a tick over 2,000 rounds): an error of up to
/// 4 % in `bank_total`, and so in the ratio to it.
fn thread_cpu_ns() -> u64 {
    let now = rustix::time::clock_gettime(rustix::time::ClockId::ThreadCPUTime);
    u64::try_from(now.tv_sec).unwrap_or(0) * 1_000_000_000 + u64::try_from(now.tv_nsec).unwrap_or(0)
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

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// Times each crypto step alone on one thread (the same ring calls the bank and the
/// reference client make), in the thread's processor time, so that other work on the
/// machine does not inflate it.
pub fn crypto_costs() -> CryptoCosts {
    use ring::rand::SystemRandom;
    use ring::signature::{ECDSA_P256_SHA256_ASN1_SIGNING, EcdsaKeyPair, Ed25519KeyPair, KeyPair};

    fn per_call(mut f: impl FnMut()) -> f64 {
        let rounds = 2000;
        f();
        let before = thread_cpu_ns();
        for _ in 0..rounds {
            f();
        }
        let ns = thread_cpu_ns().saturating_sub(before) as f64;
        round2(ns / 1000.0 / f64::from(rounds))
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
        let _ = verify_device_signature(&p256_public, &message, &p256_sig);
    });
    let ed_sign = per_call(|| {
        let _ = ed.sign(&message);
    });
    let ed_verify = per_call(|| {
        let _ = verify_pin_signature(&ed_public, &message, &ed_sig);
    });
    CryptoCosts {
        bank_sign_challenge: sign,
        app_verify_challenge: verify,
        app_sign_device: sign,
        app_sign_pin: ed_sign,
        bank_verify_device: verify,
        bank_verify_pin: ed_verify,
        bank_total: round2(sign + verify + ed_verify),
        login_total: round2(2.0 * sign + 2.0 * verify + ed_sign + ed_verify),
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
            bank_total: 0.0,
            login_total: 0.0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn processor_time_is_read_from_proc() {
        if std::path::Path::new("/proc/self/stat").exists() {
            let before = process_cpu_s("self").expect("own stat");
            let spin = Instant::now();
            let mut x = 0u64;
            while spin.elapsed() < Duration::from_millis(60) {
                x = x.wrapping_mul(31).wrapping_add(7);
            }
            assert!(x != 1);
            assert!(process_cpu_s("self").expect("own stat") >= before);
        }
    }

    #[test]
    fn thread_time_counts_a_loop_without_system_calls_as_it_runs() {
        // Loops that make no system call: a clock brought up to date only at the
        // scheduler's tick (4 or 10 ms) would show them no time at all, or a whole tick.
        // A thread's processor time never exceeds the wall time it spans; one loop of ten
        // may be preempted on a busy machine, not all of them.
        let mut longest = 0;
        for _ in 0..10 {
            let before = thread_cpu_ns();
            let spin = Instant::now();
            let mut x = 0u64;
            while spin.elapsed() < Duration::from_micros(200) {
                x = x.wrapping_mul(31).wrapping_add(7);
            }
            let ran = thread_cpu_ns() - before;
            let wall = u64::try_from(spin.elapsed().as_nanos()).unwrap_or(u64::MAX);
            assert!(x != 1);
            assert!(
                ran <= wall + 50_000,
                "{ran} ns of processor time in {wall} ns"
            );
            longest = longest.max(ran);
        }
        assert!(longest >= 150_000, "{longest} ns");
    }

    #[test]
    fn cpu_use_divides_by_logins() {
        let mut crypto = CryptoCosts::zero();
        crypto.bank_total = 125.0;
        let used = cpu_use(1000, 2.0, 1.0, Some(0.5), Some(0.3), &crypto);
        assert_eq!(used.cores_used, 0.75);
        assert_eq!(used.idle_cores, Some(0.15));
        assert_eq!(used.client_ms_per_login, 1.0);
        assert_eq!(used.server_ms_per_login, Some(0.5));
        assert_eq!(used.logins_per_core_s, 666.67);
        assert_eq!(used.server_logins_per_core_s, Some(2000.0));
        assert_eq!(used.server_to_signatures, Some(4.0));
        let unmeasured = cpu_use(1000, 2.0, 1.0, Some(0.5), None, &CryptoCosts::zero());
        assert_eq!(unmeasured.server_to_signatures, None);
        assert_eq!(unmeasured.idle_cores, None);
    }

    #[test]
    fn idle_is_idle_and_iowait() {
        let stat = "cpu  4705 150 1120 16250 520 0 14 0 0 0\ncpu0 2352 75 560 8125 260 0 7 0 0 0\n";
        assert_eq!(idle_ticks(stat), Some(16770));
        assert_eq!(idle_ticks("cpu0 1 2 3 4 5\n"), None);
        assert_eq!(idle_ticks("cpu  1 2 3\n"), None);
        assert_eq!(idle_ticks(""), None);
    }
}
