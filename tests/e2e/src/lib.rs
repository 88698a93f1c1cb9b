//! # avain-e2e
//!
//! The core's [`Avain`] object against the sandbox bank, over real HTTPS on loopback:
//! a harness that starts a fresh sandbox, opens the core on a fresh data directory with
//! software keys and a settable clock, and plays the customer's other hands (the browser
//! online bank, reading SMS codes from the sandbox's outbox). The end-to-end tests in
//! `tests/` and `avain demo` use it.

pub mod attesting;
pub mod rows;
pub mod services;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use avain_core::api::sandbox::Outbox;
use avain_core::client::{
    Avain, AvainConfig, AvainError, BankConfig, Clock, DeviceDetails, PlatformParts, Registration,
    RegistrationStep,
};
use avain_core::keys::{SimulatedSensor, SoftwareBiometrics, SoftwareDeviceKeys};
use avain_core::net::{HttpOptions, Trust};
use avain_core::os_policy::Platform;
use avain_core::secrets::{MemorySecretStore, SecretStore};
use avain_sandbox::Sandbox;
use avain_sandbox::client::BankClient;
use avain_sandbox::seed::{self, SeedCustomer};
use time::OffsetDateTime;

pub use avain_sandbox::seed::{ANNA, LIISA, MIKKO, PEKKA, PUUTYO};

mod raw_phone;
pub use raw_phone::RawPhone;

/// PBKDF2 iterations for test profiles: enough to exercise the derivation, fast in tests.
pub const TEST_PIN_KDF_ITERATIONS: u32 = 1_000;

/// A clock the test moves by hand (starts at the real time).
#[derive(Debug)]
pub struct ManualClock(Mutex<OffsetDateTime>);

impl Default for ManualClock {
    fn default() -> Self {
        ManualClock(Mutex::new(OffsetDateTime::now_utc()))
    }
}

impl ManualClock {
    /// Moves the clock forward.
    pub fn advance(&self, by: time::Duration) {
        let mut now = self.0.lock().unwrap_or_else(|e| e.into_inner());
        *now += by;
    }
}

impl Clock for ManualClock {
    fn now(&self) -> OffsetDateTime {
        *self.0.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// What the harness failed at, as text for test output (no secrets in it).
pub type Failure = String;

/// A sandbox bank and a phone running the core against it.
pub struct Harness {
    /// The bank.
    pub bank: Sandbox,
    /// The browser and the sandbox's own endpoints.
    pub browser: BankClient,
    /// The phone's core.
    pub avain: Arc<Avain>,
    /// The phone's clock.
    pub clock: Arc<ManualClock>,
    /// The phone's biometric sensor.
    pub sensor: Arc<SimulatedSensor>,
    /// The phone's keystore.
    pub secrets: Arc<MemorySecretStore>,
    /// The phone's K_dev, which also reports its screen lock (a test turns it off).
    pub device_keys: Arc<SoftwareDeviceKeys>,
    data_dir: PathBuf,
    _temp: Option<tempfile::TempDir>,
}

impl std::fmt::Debug for Harness {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Harness")
            .field("data_dir", &self.data_dir)
            .finish_non_exhaustive()
    }
}

/// How the phone trusts and finds the bank: the sandbox's root certificate only.
pub fn bank_config(bank: &Sandbox) -> Result<BankConfig, Failure> {
    let keys = bank.bank_keys();
    Ok(BankConfig {
        url: bank.url().to_owned(),
        trust: Trust::only_root(bank.root_certificate_der().to_vec()),
        challenge_key: keys.challenge_key.as_slice().to_vec(),
        policy_keys: bank.policy_bank_key().into_iter().collect(),
        app_links: avain_core::app_link::AppLinkDomain::Sandbox,
    })
}

/// An Android phone recent enough for every policy.
pub fn test_device() -> DeviceDetails {
    DeviceDetails {
        platform: Platform::Android,
        model: "Pixel 8".to_owned(),
        os_version: "14".to_owned(),
        app_version: "1.0.0".to_owned(),
    }
}

/// The configuration a test phone opens with: `device` on `data_dir` against `bank`,
/// Finnish first, the tests' PIN KDF cost, default HTTP options. Tests set other fields
/// with `AvainConfig { ..., ..test_config(...) }`.
pub fn test_config(data_dir: &Path, bank: BankConfig, device: DeviceDetails) -> AvainConfig {
    AvainConfig {
        data_dir: data_dir.to_path_buf(),
        bank,
        preferred_languages: vec!["fi".to_owned()],
        supported_languages: Vec::new(),
        device,
        pin_kdf_iterations: TEST_PIN_KDF_ITERATIONS,
        http: HttpOptions::default(),
    }
}

/// The core reopened on `data_dir` with software keys over the keystore `secrets`, as the
/// same phone after its app was restarted (or restored), talking to `bank`.
pub fn reopen_phone(
    data_dir: &Path,
    secrets: Arc<dyn SecretStore>,
    clock: Arc<dyn Clock>,
    bank: BankConfig,
) -> Result<Arc<Avain>, Failure> {
    let parts = PlatformParts {
        secrets: secrets.clone(),
        device_keys: Arc::new(SoftwareDeviceKeys::new(secrets.clone())),
        biometric_keys: Arc::new(SoftwareBiometrics::new(
            secrets,
            Arc::new(SimulatedSensor::new()),
        )),
        app_attest: None,
        clock,
    };
    Avain::open(test_config(data_dir, bank, test_device()), parts)
        .map_err(|e| format!("open: {}", e.code()))
}

impl Harness {
    /// A fresh sandbox and a phone with an empty temporary data directory.
    pub async fn start() -> Result<Harness, Failure> {
        Harness::start_with(None, vec!["fi-FI".to_owned()]).await
    }

    /// A fresh sandbox and a phone using `data_dir` (a fresh temporary one when `None`),
    /// with the phone's preferred languages.
    pub async fn start_with(
        data_dir: Option<PathBuf>,
        languages: Vec<String>,
    ) -> Result<Harness, Failure> {
        Harness::start_with_kdf(data_dir, languages, TEST_PIN_KDF_ITERATIONS).await
    }

    /// [`Harness::start_with`] with the PBKDF2 iterations for new PINs (benchmarks use
    /// the shipping default).
    pub async fn start_with_kdf(
        data_dir: Option<PathBuf>,
        languages: Vec<String>,
        pin_kdf_iterations: u32,
    ) -> Result<Harness, Failure> {
        let bank = Sandbox::start_fresh()
            .await
            .map_err(|e| format!("sandbox: {e}"))?;
        Harness::with_bank(bank, data_dir, languages, pin_kdf_iterations)
    }

    /// A phone against an already running `bank`.
    pub fn with_bank(
        bank: Sandbox,
        data_dir: Option<PathBuf>,
        languages: Vec<String>,
        pin_kdf_iterations: u32,
    ) -> Result<Harness, Failure> {
        let browser = BankClient::for_sandbox(&bank)?;
        let (temp, data_dir) = match data_dir {
            Some(dir) => (None, dir),
            None => {
                let temp = tempfile::tempdir().map_err(|e| format!("temp dir: {e}"))?;
                let dir = temp.path().join("app");
                (Some(temp), dir)
            }
        };
        let secrets = Arc::new(MemorySecretStore::new());
        let sensor = Arc::new(SimulatedSensor::new());
        let clock = Arc::new(ManualClock::default());
        let device_keys = Arc::new(SoftwareDeviceKeys::new(secrets.clone()));
        let parts = PlatformParts {
            secrets: secrets.clone(),
            device_keys: device_keys.clone(),
            biometric_keys: Arc::new(SoftwareBiometrics::new(secrets.clone(), sensor.clone())),
            app_attest: None,
            clock: clock.clone(),
        };
        let avain = Avain::open(
            AvainConfig {
                preferred_languages: languages,
                pin_kdf_iterations,
                ..test_config(&data_dir, bank_config(&bank)?, test_device())
            },
            parts,
        )
        .map_err(|e| format!("open: {}", e.code()))?;
        Ok(Harness {
            bank,
            browser,
            avain,
            clock,
            sensor,
            secrets,
            device_keys,
            data_dir,
            _temp: temp,
        })
    }

    /// Another phone against the same bank (its own keystore, clock and data directory
    /// under `dir`), for the trusted-devices flows.
    pub fn second_phone(&self, dir: &Path) -> Result<Arc<Avain>, Failure> {
        self.phone_with(dir, bank_config(&self.bank)?)
    }

    /// Another phone configured with `bank` (a different trust or key, for the failure
    /// paths).
    pub fn phone_with(&self, dir: &Path, bank: BankConfig) -> Result<Arc<Avain>, Failure> {
        let secrets = Arc::new(MemorySecretStore::new());
        let sensor = Arc::new(SimulatedSensor::new());
        let parts = PlatformParts {
            secrets: secrets.clone(),
            device_keys: Arc::new(SoftwareDeviceKeys::new(secrets.clone())),
            biometric_keys: Arc::new(SoftwareBiometrics::new(secrets, sensor)),
            app_attest: None,
            clock: Arc::new(ManualClock::default()),
        };
        let mut device = test_device();
        device.model = "Galaxy S21".to_owned();
        device.os_version = "13".to_owned();
        Avain::open(test_config(dir, bank, device), parts)
            .map_err(|e| format!("open: {}", e.code()))
    }

    /// Registers `phone` (any core against this bank) for `customer`, up to pending
    /// unlock; returns the local profile id.
    pub async fn register_on(
        &self,
        phone: &Avain,
        customer: &SeedCustomer,
        pin: &str,
        name: &str,
    ) -> Result<String, Failure> {
        let registration = self
            .registration_before_finish(phone, customer, pin)
            .await?;
        match registration
            .finish(name.to_owned())
            .await
            .map_err(fail("finish"))?
        {
            RegistrationStep::PendingUnlock { profile, .. } => Ok(profile.id),
            other => Err(format!("unexpected step {other:?}")),
        }
    }

    /// A registration of `phone` for `customer` taken through every step but the last
    /// (password, key-card code, SMS code, PIN `pin` twice), for tests of what finishing
    /// does.
    pub async fn registration_before_finish(
        &self,
        phone: &Avain,
        customer: &SeedCustomer,
        pin: &str,
    ) -> Result<Arc<Registration>, Failure> {
        let registration = phone
            .start_registration(customer.user_id.to_owned(), customer.password.to_owned())
            .await
            .map_err(fail("start_registration"))?;
        let RegistrationStep::KeyCardCode { key_card_index } = registration.step() else {
            return Err("expected the key-card step".to_owned());
        };
        registration
            .submit_key_card_code(customer.key_card_code(key_card_index))
            .await
            .map_err(fail("key_card"))?;
        let code = self
            .sms_code(customer.user_id, "registration_sms_code")
            .await?;
        registration
            .submit_sms_code(code)
            .await
            .map_err(fail("sms"))?;
        registration
            .choose_pin(pin.to_owned(), pin.to_owned())
            .await
            .map_err(fail("choose_pin"))?;
        Ok(registration)
    }

    /// The phone's data directory.
    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    /// A seeded customer.
    pub fn customer(user_id: &str) -> Result<&'static SeedCustomer, Failure> {
        seed::customer(user_id).ok_or_else(|| format!("no seeded customer {user_id}"))
    }

    /// The newest 6-digit code of `kind` sent to `user_id`, from the sandbox's outbox.
    pub async fn sms_code(&self, user_id: &str, kind: &str) -> Result<String, Failure> {
        self.browser
            .latest_sms_code(user_id, kind)
            .await
            .ok_or_else(|| format!("no {kind} SMS for {user_id}"))
    }

    /// Every message the bank sent to `user_id`.
    pub async fn outbox(&self, user_id: &str) -> Result<Outbox, Failure> {
        self.browser
            .get(&format!("/v1/sandbox/outbox?user_id={user_id}"), None)
            .await
            .map_err(|e| format!("outbox: {e}"))
    }

    /// Registers the phone for `customer` with `pin`, up to pending unlock. Returns the
    /// local profile id.
    pub async fn register(&self, customer: &SeedCustomer, pin: &str) -> Result<String, Failure> {
        self.register_on(&self.avain, customer, pin, "Oma puhelin")
            .await
    }

    /// In the browser: logs in to the online bank with password and key-card code and
    /// unlocks every profile of the customer that waits for it.
    pub async fn unlock_in_online_bank(&self, customer: &SeedCustomer) -> Result<u32, Failure> {
        let token = self
            .browser
            .online_bank_login(customer)
            .await
            .map_err(|e| format!("online bank login: {e}"))?;
        let list: avain_core::api::OnlineBankDeviceList = self
            .browser
            .get("/v1/online-bank/devices", Some(&token))
            .await
            .map_err(|e| format!("online bank devices: {e}"))?;
        let mut unlocked = 0;
        for device in list.devices {
            if device.state == avain_core::lifecycle::ProfileState::PendingUnlock {
                let _: serde_json::Value = self
                    .browser
                    .post_empty(
                        &format!("/v1/online-bank/devices/{}/unlock", device.profile_id),
                        Some(&token),
                    )
                    .await
                    .map_err(|e| format!("unlock: {e}"))?;
                unlocked += 1;
            }
        }
        Ok(unlocked)
    }

    /// Registers, unlocks in the online bank and logs in once: an active profile.
    pub async fn active_profile(
        &self,
        customer: &SeedCustomer,
        pin: &str,
    ) -> Result<String, Failure> {
        let id = self.register(customer, pin).await?;
        self.unlock_in_online_bank(customer).await?;
        self.avain
            .login_with_pin(id.clone(), pin.to_owned())
            .await
            .map_err(fail("login"))?;
        Ok(id)
    }

    /// Every file under the phone's data directory, read as bytes, with its path.
    pub fn data_files(&self) -> Vec<(PathBuf, Vec<u8>)> {
        let mut out = Vec::new();
        let mut stack = vec![self.data_dir.clone()];
        while let Some(dir) = stack.pop() {
            let Ok(entries) = std::fs::read_dir(&dir) else {
                continue;
            };
            for entry in entries.flatten() {
                let path = entry.path();
                if path.is_dir() {
                    stack.push(path);
                } else if let Ok(bytes) = std::fs::read(&path) {
                    out.push((path, bytes));
                }
            }
        }
        out
    }

    /// The secrets of `needles` found in any file of the data directory, as UTF-8 or as
    /// UTF-16 in either byte order (as a platform might write them). Empty when the data
    /// directory holds none of them.
    pub fn secrets_in_data_dir(&self, needles: &[&str]) -> Vec<String> {
        let files = self.data_files();
        needles
            .iter()
            .filter(|n| !n.is_empty())
            .filter(|needle| {
                let short_number = needle.len() < 6 && needle.bytes().all(|b| b.is_ascii_digit());
                encodings(needle).iter().any(|encoded| {
                    files
                        .iter()
                        .any(|(_, bytes)| contains(bytes, encoded, short_number))
                })
            })
            .map(|n| (*n).to_owned())
            .collect()
    }
}

/// `needle` as UTF-8 and as UTF-16 (little and big endian).
fn encodings(needle: &str) -> Vec<Vec<u8>> {
    let utf16: Vec<u16> = needle.encode_utf16().collect();
    vec![
        needle.as_bytes().to_vec(),
        utf16.iter().flat_map(|u| u.to_le_bytes()).collect(),
        utf16.iter().flat_map(|u| u.to_be_bytes()).collect(),
    ]
}

/// Whether `needle` is in `haystack`. A short number (a 4-digit PIN or key-card code)
/// counts only as a token of its own: four digits inside a longer run of letters and
/// digits (a random hex id, an encrypted blob's printable bytes) are chance, not the code
/// stored in clear, which would stand alone as a column value or a JSON string.
fn contains(haystack: &[u8], needle: &[u8], short_number: bool) -> bool {
    haystack
        .windows(needle.len())
        .enumerate()
        .any(|(at, window)| {
            window == needle
                && (!short_number || {
                    let before = at.checked_sub(1).map(|i| haystack[i]);
                    let after = haystack.get(at + needle.len()).copied();
                    !before.is_some_and(|b| b.is_ascii_alphanumeric())
                        && !after.is_some_and(|b| b.is_ascii_alphanumeric())
                })
        })
}

/// Maps a core error to a failure naming the step and the code (never the message's
/// values: codes are safe to print).
pub fn fail(step: &'static str) -> impl Fn(AvainError) -> Failure {
    move |e| format!("{step}: {}", e.code())
}

#[cfg(test)]
mod tests {
    use super::contains;

    #[test]
    fn short_numbers_match_only_on_their_own() {
        assert!(contains(b"pin=4719;", b"4719", true));
        assert!(contains(b"\"4719\"", b"4719", true));
        assert!(!contains(b"dev_a4719f", b"4719", true));
        assert!(contains(b"dev_a4719f", b"4719", false));
        assert!(contains(b"131052-308T", b"131052-308T", false));
    }
}
