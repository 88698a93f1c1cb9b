//! Secret hygiene: a full local registration, biometric enrolment, logins and a payment,
//! with tracing captured at TRACE level, then the log output and every file in the data
//! directory (the database with its -wal and -shm) are searched for the PIN, the device
//! secret, the key seeds and private keys, the data key and K_pin's public key. None may
//! appear, in raw bytes, hex or base64.
//!
//! The bank's side is played by this test with the core's own verification functions: it
//! keeps the public keys it was given at registration, as the sandbox bank does.

#![allow(clippy::expect_used)]

use std::io::Write;
use std::num::NonZeroU32;
use std::path::Path;
use std::sync::{Arc, Mutex};

use avain_core::Language;
use avain_core::confirmation::{self, PaymentDetails};
use avain_core::keys::{
    Assertion, BiometricKeyFactory, DeviceKeyFactory, PinKdfParams, PinKey, SecondFactor,
    SimulatedSensor, SoftwareBiometrics, SoftwareDeviceKeys, create_device_secret,
    delete_profile_keys, sign_with_biometrics, sign_with_pin,
};
use avain_core::lifecycle::{BiometricKind, BiometricState, ProfileState};
use avain_core::os_policy::{BankKey, OsPolicy, Platform, SignedPolicy};
use avain_core::payments::{Iban, Money};
use avain_core::pin::Pin;
use avain_core::random::{Randomness, SystemRandomness, random_array, random_id};
use avain_core::secrets::{MemorySecretStore, SecretStore, profile_secret_name};
use avain_core::signed_bytes::{self, Approval, ChallengeContext, LoginChannel, SignedBytes};
use avain_core::store::{
    DATA_KEY_NAME, DeviceDescription, NewProfile, NewReceipt, PendingPinChange, Store,
};
use base64::Engine as _;
use ring::signature::{ECDSA_P256_SHA256_ASN1_SIGNING, EcdsaKeyPair, KeyPair};
use time::OffsetDateTime;

/// Eight digits, far from anything else in the files by chance.
const PIN: &str = "73915064";
const WRONG_PIN: &str = "73915065";
const NEW_PIN: &str = "48201637";
/// Small for speed: the cost of the derivation is not under test, its hygiene is.
const ITERATIONS: u32 = 2_000;

/// Every formatted tracing event, as text.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().expect("log buffer").extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The bank, as far as this test needs one.
struct Bank {
    device_public: Vec<u8>,
    pin_public: Vec<u8>,
    bio_public: Option<Vec<u8>>,
    counter: u64,
    rng: SystemRandomness,
}

impl Bank {
    fn challenge(&mut self) -> ChallengeContext {
        self.counter += 1;
        ChallengeContext {
            nonce: random_array::<32>(&self.rng).expect("nonce").to_vec(),
            profile_id: "prof-8842".into(),
            device_id: "dev-1203".into(),
            counter: self.counter,
        }
    }

    fn accepts(&self, bytes: &SignedBytes, assertion: &Assertion) -> bool {
        let factor_key = match assertion.factor {
            SecondFactor::Pin => &self.pin_public,
            SecondFactor::Biometric => self.bio_public.as_ref().expect("K_bio registered"),
        };
        assertion.verify(bytes, &self.device_public, factor_key)
    }
}

/// K_pin's seed, recomputed here from the specification so the test can look for it.
fn pin_seed(pin: &str, params: &PinKdfParams, device_secret: &[u8], profile_id: &str) -> Vec<u8> {
    let mut stretched = [0u8; 32];
    ring::pbkdf2::derive(
        ring::pbkdf2::PBKDF2_HMAC_SHA256,
        NonZeroU32::new(params.iterations()).expect("non-zero"),
        params.salt(),
        pin.as_bytes(),
        &mut stretched,
    );
    struct Len;
    impl ring::hkdf::KeyType for Len {
        fn len(&self) -> usize {
            32
        }
    }
    let prk = ring::hkdf::Salt::new(ring::hkdf::HKDF_SHA256, device_secret).extract(&stretched);
    let info = [b"avain pin v1".as_slice(), profile_id.as_bytes()];
    let mut seed = [0u8; 32];
    prk.expand(&info, Len)
        .expect("expand")
        .fill(&mut seed)
        .expect("fill");
    seed.to_vec()
}

/// The 32-byte private scalar inside a P-256 PKCS#8 (the ECPrivateKey's OCTET STRING).
fn p256_scalar(pkcs8: &[u8]) -> Vec<u8> {
    let marker = [0x02, 0x01, 0x01, 0x04, 0x20];
    let at = pkcs8
        .windows(marker.len())
        .position(|w| w == marker)
        .expect("an ECPrivateKey in the PKCS#8");
    pkcs8[at + marker.len()..at + marker.len() + 32].to_vec()
}

/// The forms a secret could leak in.
fn encodings(secret: &[u8]) -> Vec<Vec<u8>> {
    let mut forms = vec![
        secret.to_vec(),
        hex::encode(secret).into_bytes(),
        hex::encode_upper(secret).into_bytes(),
        base64::engine::general_purpose::STANDARD
            .encode(secret)
            .into_bytes(),
        base64::engine::general_purpose::URL_SAFE_NO_PAD
            .encode(secret)
            .into_bytes(),
    ];
    // A Debug print of a byte slice ("[12, 200, ...]").
    forms.push(format!("{secret:?}").into_bytes());
    forms
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty() && haystack.windows(needle.len()).any(|w| w == needle)
}

fn data_dir_files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).expect("data dir") {
        let path = entry.expect("entry").path();
        if path.is_file() {
            files.push((
                path.display().to_string(),
                std::fs::read(&path).expect("read"),
            ));
        }
    }
    files
}

#[test]
fn no_secret_reaches_the_logs_or_the_data_directory() {
    let log = Captured::default();
    let writer = log.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    let data = tempfile::tempdir().expect("temp dir");
    let secrets = Arc::new(MemorySecretStore::new());
    let rng: Arc<dyn Randomness> = Arc::new(SystemRandomness::new());
    let sensor = Arc::new(SimulatedSensor::new());
    let device_keys = SoftwareDeviceKeys::new(secrets.clone());
    let bio_keys = SoftwareBiometrics::new(secrets.clone(), sensor.clone());
    let now = OffsetDateTime::now_utc();
    let lang = Language::Fi;

    let store = Store::open(data.path(), &*secrets, Arc::clone(&rng)).expect("store");
    store
        .set_device(&DeviceDescription {
            name: "Testipuhelin".into(),
            model: "Pixel 8".into(),
            platform: Platform::Android,
            os_version: "15".into(),
            app_version: "1.0.0".into(),
        })
        .expect("device");

    // Registration: local id, device secret, K_dev, K_pin from the PIN, proof of possession.
    let local_id = random_id(&*rng).expect("id");
    create_device_secret(&*secrets, &*rng, &local_id).expect("device secret");
    let device = device_keys.create(&local_id).expect("K_dev");
    let params = PinKdfParams::generate(&*rng, ITERATIONS).expect("params");
    let pin = Pin::new(PIN.into());
    let pin_key = PinKey::derive_from_store(&*secrets, &pin, &params, &local_id).expect("K_pin");
    let mut bank = Bank {
        device_public: device.public_key().expect("public"),
        pin_public: pin_key.public_key().to_vec(),
        bio_public: None,
        counter: 0,
        rng: SystemRandomness::new(),
    };
    let registration = signed_bytes::encode(
        &bank.challenge(),
        &Approval::Registration {
            device_public_key: bank.device_public.clone(),
            pin_public_key: bank.pin_public.clone(),
            profile_name: "Oma".into(),
        },
    )
    .expect("registration bytes");
    let assertion = sign_with_pin(&registration, &*device, &pin_key).expect("sign");
    assert!(bank.accepts(&registration, &assertion));
    drop(pin_key);
    let first_pin_public = bank.pin_public.clone();
    store
        .create_profile(
            &NewProfile {
                id: local_id.clone(),
                name: "Oma".into(),
                server_profile_id: "prof-8842".into(),
                server_device_id: "dev-1203".into(),
                language: lang,
                pin_kdf: params,
            },
            now,
        )
        .expect("profile");
    // The customer unlocks the profile in the online bank.
    let state = ProfileState::PendingUnlock
        .apply(avain_core::lifecycle::ProfileEvent::UnlockedInOnlineBank)
        .expect("unlock");
    store.set_profile_state(&local_id, state).expect("state");

    // Login with the PIN, as after every app start: K_pin derived again, used, dropped.
    let login = |bank: &mut Bank, pin: &str| {
        let profile = store.profile(&local_id).expect("profile");
        let key = PinKey::derive_from_store(
            &*secrets,
            &Pin::new(pin.into()),
            &profile.pin_kdf,
            &local_id,
        )
        .expect("K_pin");
        let text = confirmation::login(lang, confirmation::LoginChannel::App);
        let bytes = signed_bytes::encode(
            &bank.challenge(),
            &Approval::Login {
                channel: LoginChannel::App,
                shown_text: text.clone(),
            },
        )
        .expect("login bytes");
        let assertion = sign_with_pin(&bytes, &*device, &key).expect("sign");
        (bank.accepts(&bytes, &assertion), text)
    };
    let (accepted, text) = login(&mut bank, PIN);
    assert!(accepted);
    store
        .add_receipt(&NewReceipt {
            profile_id: local_id.clone(),
            purpose: signed_bytes::Purpose::Login,
            factor: SecondFactor::Pin,
            shown_text: text,
            server_device_id: Some("dev-1203".into()),
            approved_at: now,
            approval_id: Some("chl-1".into()),
        })
        .expect("receipt");
    store.mark_profile_used(&local_id, now).expect("used");
    // A wrong PIN signs happily; only the bank can tell.
    let (accepted, _) = login(&mut bank, WRONG_PIN);
    assert!(!accepted);

    // Biometrics: K_bio registered with K_dev + K_pin while active.
    let bio = bio_keys.create(&local_id).expect("K_bio");
    let bio_public = bio.public_key().expect("public");
    let profile = store.profile(&local_id).expect("profile");
    let key =
        PinKey::derive_from_store(&*secrets, &pin, &profile.pin_kdf, &local_id).expect("K_pin");
    let bytes = signed_bytes::encode(
        &bank.challenge(),
        &Approval::BiometricRegistration {
            biometric_public_key: bio_public.clone(),
        },
    )
    .expect("bio bytes");
    assert!(bank.accepts(
        &bytes,
        &sign_with_pin(&bytes, &*device, &key).expect("sign")
    ));
    drop(key);
    bank.bio_public = Some(bio_public);
    store
        .set_biometrics(
            &local_id,
            BiometricState::Enabled {
                kind: BiometricKind::Fingerprint,
            },
        )
        .expect("biometrics");

    // A payment confirmed with biometrics; the payee goes to the cache.
    let iban = Iban::parse("FI21 1234 5600 0007 85").expect("iban");
    let details = PaymentDetails {
        amount: Money::from_cents(1_450_594),
        payee_name: "Äänekosken Sähkö Oy".into(),
        payee_iban: iban.clone(),
        reference: None,
        message: Some("Lasku 2026-14".into()),
        due_date: None,
        new_payee: true,
    };
    let text = confirmation::payment(lang, &details);
    let bytes = signed_bytes::encode(
        &bank.challenge(),
        &Approval::Payment {
            amount_cents: 1_450_594,
            currency: "EUR".into(),
            payee_iban: iban.electronic().into(),
            payee_name: details.payee_name.clone(),
            reference: String::new(),
            shown_text: text.clone(),
        },
    )
    .expect("payment bytes");
    let assertion = sign_with_biometrics(&bytes, &*device, &*bio, "Hyväksy maksu").expect("sign");
    assert!(bank.accepts(&bytes, &assertion));
    store
        .record_payee(&local_id, &iban, &details.payee_name, now)
        .expect("payee");
    store
        .add_receipt(&NewReceipt {
            profile_id: local_id.clone(),
            purpose: signed_bytes::Purpose::Payment,
            factor: SecondFactor::Biometric,
            shown_text: text,
            server_device_id: Some("dev-1203".into()),
            approved_at: now,
            approval_id: Some("chl-1".into()),
        })
        .expect("receipt");

    // PIN change: signed with the old K_pin, the new one registered.
    let old_params = store.profile(&local_id).expect("profile").pin_kdf;
    let old_key = PinKey::derive_from_store(&*secrets, &pin, &old_params, &local_id).expect("old");
    let new_params = PinKdfParams::generate(&*rng, ITERATIONS).expect("params");
    let new_key =
        PinKey::derive_from_store(&*secrets, &Pin::new(NEW_PIN.into()), &new_params, &local_id)
            .expect("new");
    let bytes = signed_bytes::encode(
        &bank.challenge(),
        &Approval::PinChange {
            new_pin_public_key: new_key.public_key().to_vec(),
        },
    )
    .expect("pin change bytes");
    assert!(bank.accepts(
        &bytes,
        &sign_with_pin(&bytes, &*device, &old_key).expect("sign")
    ));
    let new_pin_public = new_key.public_key().to_vec();
    drop((old_key, new_key));
    // The two phases: pending before the confirmation, committed when the bank's
    // challenge names the change.
    store
        .save_pending_pin_change(
            &local_id,
            &PendingPinChange {
                change_id: "chg-1".into(),
                pin_kdf: new_params,
            },
        )
        .expect("pending params");
    assert!(
        store
            .commit_pending_pin_change(&local_id, "chg-1")
            .expect("new params")
    );
    bank.pin_public = new_pin_public.clone();
    assert!(login(&mut bank, NEW_PIN).0);

    // The bank's signed OS policy is cached.
    let ring_rng = ring::rand::SystemRandom::new();
    let bank_pkcs8 =
        EcdsaKeyPair::generate_pkcs8(&ECDSA_P256_SHA256_ASN1_SIGNING, &ring_rng).expect("bank key");
    let bank_key = EcdsaKeyPair::from_pkcs8(
        &ECDSA_P256_SHA256_ASN1_SIGNING,
        bank_pkcs8.as_ref(),
        &ring_rng,
    )
    .expect("bank key");
    let policy = OsPolicy::builtin();
    let envelope = SignedPolicy::sign(&policy, "bank-1", &bank_key, &ring_rng).expect("sign");
    store.save_policy(&envelope, &policy, now).expect("policy");
    let keys = [BankKey::new("bank-1", bank_key.public_key().as_ref()).expect("key")];
    assert!(store.verified_policy(&keys).expect("verify").is_some());

    // What must not leak.
    let device_secret = secrets
        .get(&profile_secret_name(&local_id, "device-secret"))
        .expect("get")
        .expect("device secret");
    let dev_pkcs8 = secrets
        .get(&profile_secret_name(&local_id, "device-key"))
        .expect("get")
        .expect("K_dev");
    let bio_stored = secrets
        .get(&profile_secret_name(&local_id, "biometric-key"))
        .expect("get")
        .expect("K_bio");
    let data_key = secrets.get(DATA_KEY_NAME).expect("get").expect("data key");
    let mut forbidden: Vec<(&str, Vec<u8>)> = vec![
        ("PIN", PIN.as_bytes().to_vec()),
        ("wrong PIN", WRONG_PIN.as_bytes().to_vec()),
        ("new PIN", NEW_PIN.as_bytes().to_vec()),
        ("K_pin public key", bank.pin_public.clone()),
        ("first K_pin public key", first_pin_public.clone()),
    ];
    let secret_values: Vec<(&str, Vec<u8>)> = vec![
        ("device secret", device_secret.expose().to_vec()),
        (
            "K_pin seed",
            pin_seed(PIN, &params, device_secret.expose(), &local_id),
        ),
        (
            "new K_pin seed",
            pin_seed(NEW_PIN, &new_params, device_secret.expose(), &local_id),
        ),
        ("K_dev private key", p256_scalar(dev_pkcs8.expose())),
        ("K_dev PKCS#8", dev_pkcs8.expose().to_vec()),
        ("K_bio private key", p256_scalar(bio_stored.expose())),
        ("data key", data_key.expose().to_vec()),
    ];
    for (name, value) in secret_values {
        for form in encodings(&value) {
            forbidden.push((name, form));
        }
    }

    let check = |what: &str, haystack: &[u8]| {
        for (name, needle) in &forbidden {
            assert!(!contains(haystack, needle), "{name} found in {what}");
        }
    };

    // With the store still open: the -wal and -shm files exist now.
    let files = data_dir_files(data.path());
    assert!(
        files.iter().any(|(name, _)| name.ends_with("-wal")),
        "the WAL file is searched too"
    );
    for (name, bytes) in &files {
        check(name, bytes);
    }
    drop(store);
    for (name, bytes) in data_dir_files(data.path()) {
        check(&name, &bytes);
    }

    // Deleting the profile wipes its keys.
    delete_profile_keys(&*secrets, &device_keys, &bio_keys, &local_id).expect("wipe");
    assert_eq!(secrets.names(), vec![DATA_KEY_NAME.to_owned()]);

    let output = log.0.lock().expect("log").clone();
    let text = String::from_utf8_lossy(&output);
    // The capture works and the flow did log: the search below is not vacuous.
    for event in [
        "store opened",
        "profile created",
        "K_pin derived",
        "payee recorded",
        "receipt stored",
        "OS policy cached",
        "profile keys deleted",
    ] {
        assert!(
            text.contains(event),
            "no {event:?} event in the log:\n{text}"
        );
    }
    assert!(text.contains("TRACE") || text.contains("DEBUG"));
    check("the log", &output);
    assert!(!text.contains("Äänekosken"), "a payee name in the log");
    assert!(!text.contains("FI21"), "an IBAN in the log");
}
