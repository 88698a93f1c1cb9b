//! Crash safety of the local store: a child process writes receipts and payees and reports
//! each commit on stdout; the parent kills it with SIGKILL at a random moment, 200 times,
//! and after every kill reopens the database and checks `integrity_check` = ok and that
//! every write reported committed is there.
//!
//! The child is this same test binary, started again with `CHILD_DIR` set: it then runs
//! the writer loop instead of the test. A kill can land anywhere, including during the
//! child's open, a migration check, or mid-transaction.

#![allow(clippy::expect_used)]

use std::collections::HashSet;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use avain_core::Language;
use avain_core::keys::{PinKdfParams, SecondFactor};
use avain_core::payments::Iban;
use avain_core::random::{Randomness, SystemRandomness};
use avain_core::secrets::{MemorySecretStore, SecretStore};
use avain_core::signed_bytes::Purpose;
use avain_core::store::{DATA_KEY_NAME, NewProfile, NewReceipt, Store};
use time::OffsetDateTime;

const CHILD_DIR: &str = "AVAIN_CRASH_CHILD_DIR";
const CHILD_KEY: &str = "AVAIN_CRASH_CHILD_DATA_KEY";
const CHILD_ROUND: &str = "AVAIN_CRASH_CHILD_ROUND";
const PROFILE: &str = "crash0";
const KILLS: u32 = 200;
const PAYEES: u32 = 40;

fn payee_iban(i: u32) -> Iban {
    Iban::from_bban(
        "FI",
        &format!("{:014}", 12_345_600_000_000u64 + u64::from(i)),
    )
    .expect("a valid IBAN")
}

/// The writer: loops until killed, printing "R <receipt id>" and "P <payee number>" after
/// each commit returns.
fn child(dir: &str) -> ! {
    let secrets = MemorySecretStore::new();
    let key = hex::decode(std::env::var(CHILD_KEY).expect("data key")).expect("hex");
    secrets.put(DATA_KEY_NAME, &key).expect("put");
    let round: u32 = std::env::var(CHILD_ROUND)
        .expect("round")
        .parse()
        .expect("number");
    let rng: Arc<dyn Randomness> = Arc::new(SystemRandomness::new());
    let store = Store::open(Path::new(dir), &secrets, rng).expect("open");
    let mut out = std::io::stdout().lock();
    for i in 0u32.. {
        let receipt = store
            .add_receipt(&NewReceipt {
                profile_id: PROFILE.into(),
                purpose: Purpose::Payment,
                factor: SecondFactor::Pin,
                shown_text: format!("Maksu {round}-{i}"),
                server_device_id: Some("dev-1".into()),
                approved_at: OffsetDateTime::now_utc(),
                approval_id: Some(format!("chl-{round}-{i}")),
            })
            .expect("receipt");
        writeln!(out, "R {}", receipt.id).expect("stdout");
        out.flush().expect("flush");
        let n = (round * 7 + i) % PAYEES;
        store
            .record_payee(
                PROFILE,
                &payee_iban(n),
                &format!("Saaja {n}"),
                OffsetDateTime::now_utc(),
            )
            .expect("payee");
        writeln!(out, "P {n}").expect("stdout");
        out.flush().expect("flush");
    }
    std::process::exit(0)
}

/// xorshift64*: reproducible kill points from the printed seed.
struct Dice(u64);

impl Dice {
    fn next(&mut self, below: u64) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) % below.max(1)
    }
}

#[test]
fn sigkilled_writers_never_lose_a_committed_write() {
    if let Ok(dir) = std::env::var(CHILD_DIR) {
        child(&dir);
    }
    let started = Instant::now();
    let dir = tempfile::tempdir().expect("temp dir");
    let secrets = MemorySecretStore::new();
    let rng: Arc<dyn Randomness> = Arc::new(SystemRandomness::new());
    {
        let store = Store::open(dir.path(), &secrets, Arc::clone(&rng)).expect("open");
        store
            .create_profile(
                &NewProfile {
                    id: PROFILE.into(),
                    name: "Kaatuja".into(),
                    server_profile_id: "prof-1".into(),
                    server_device_id: "dev-1".into(),
                    customer_kind: avain_core::api::CustomerKind::Personal,
                    language: Language::Fi,
                    pin_kdf: PinKdfParams::new(&[1; 16], 1000).expect("params"),
                },
                OffsetDateTime::now_utc(),
            )
            .expect("profile");
    }
    let data_key = hex::encode(
        secrets
            .get(DATA_KEY_NAME)
            .expect("get")
            .expect("key")
            .expose(),
    );
    let seed = u64::from_le_bytes(avain_core::random::random_array::<8>(&*rng).expect("seed")) | 1;
    let mut dice = Dice(seed);
    let exe = std::env::current_exe().expect("test binary");

    let mut receipts: HashSet<String> = HashSet::new();
    let mut payees: HashSet<u32> = HashSet::new();
    let mut killed_mid_write = 0;
    for round in 0..KILLS {
        let mut child = Command::new(&exe)
            .args([
                "sigkilled_writers_never_lose_a_committed_write",
                "--exact",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(CHILD_DIR, dir.path())
            .env(CHILD_KEY, &data_key)
            .env(CHILD_ROUND, round.to_string())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn the writer");
        let mut stdout = BufReader::new(child.stdout.take().expect("stdout"));
        let mut reported = Vec::new();
        // Let it commit a random number of writes (zero: kill it during start-up)...
        let wanted = dice.next(12);
        let mut line = String::new();
        while (reported.len() as u64) < wanted {
            line.clear();
            if stdout.read_line(&mut line).expect("read") == 0 {
                break;
            }
            reported.push(line.trim().to_owned());
        }
        // ...then at a random moment within the next few milliseconds, kill it.
        std::thread::sleep(Duration::from_micros(dice.next(3_000)));
        child.kill().expect("SIGKILL");
        let status = child.wait().expect("wait");
        assert!(
            !status.success(),
            "round {round}: the writer exited by itself"
        );
        // Lines written before the kill are commits too.
        let mut rest = String::new();
        stdout.read_to_string(&mut rest).expect("read the rest");
        let before = reported.len();
        reported.extend(rest.lines().map(str::to_owned));
        if reported.len() > before {
            killed_mid_write += 1;
        }
        for line in reported {
            match line.split_once(' ') {
                Some(("R", id)) => {
                    receipts.insert(id.to_owned());
                }
                Some(("P", n)) => {
                    payees.insert(n.parse().expect("payee number"));
                }
                // The test harness's own lines ("running 1 test").
                _ => {}
            }
        }

        let store = Store::open(dir.path(), &secrets, Arc::clone(&rng))
            .unwrap_or_else(|e| panic!("round {round} (seed {seed}): reopen failed: {e}"));
        assert!(
            store.integrity_check().expect("integrity_check"),
            "round {round} (seed {seed}): integrity_check is not ok"
        );
        let stored: HashSet<String> = store
            .receipts(PROFILE, u32::MAX)
            .expect("receipts")
            .into_iter()
            .map(|r| r.id)
            .collect();
        let missing = receipts.difference(&stored).count();
        assert_eq!(
            missing, 0,
            "round {round} (seed {seed}): committed receipts lost"
        );
        let known: HashSet<u32> = payees
            .iter()
            .copied()
            .filter(|n| {
                store
                    .is_known_payee(PROFILE, &payee_iban(*n))
                    .expect("lookup")
            })
            .collect();
        assert_eq!(
            known, payees,
            "round {round} (seed {seed}): committed payees lost"
        );
    }
    assert!(!receipts.is_empty(), "the writers committed nothing at all");
    assert!(
        killed_mid_write > 0,
        "no kill landed while the writer was running"
    );
    eprintln!(
        "{KILLS} kills, {} receipts and {} payees committed, {:.1} s (seed {seed})",
        receipts.len(),
        payees.len(),
        started.elapsed().as_secs_f64()
    );
}
