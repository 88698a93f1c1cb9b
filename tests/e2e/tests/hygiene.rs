//! Secret hygiene of the real flows: registration, the online-bank unlock, logins with the
//! PIN (a wrong one too) and with biometrics, a payment approval and a PIN change, done by
//! the core against the sandbox bank over HTTPS with every tracing event captured at TRACE
//! level. Then the log and every file of the phone's data directory are searched for the
//! PINs, every value in the phone's keystore (device secret, K_dev, K_bio, the data key),
//! the private scalars inside the keys, and both K_pin seeds recomputed from the
//! specification with their public keys, in raw bytes, hex, base64 and as a Debug print.
//! None may appear; the bank's OS policy is cached on the way, and deleting the profile at
//! the end must wipe its keys.

#![allow(clippy::expect_used)]

use std::io::Write;
use std::num::NonZeroU32;
use std::sync::{Arc, Mutex};

use avain_core::client::{ApprovalFactor, PaymentDraft};
use avain_core::keys::PinKdfParams;
use avain_core::lifecycle::BiometricKind;
use avain_core::secrets::{SecretStore, profile_secret_name};
use avain_e2e::{ANNA, Harness};
use base64::Engine as _;
use ring::signature::KeyPair as _;

/// Eight digits, far from anything else in the files by chance.
const PIN: &str = "73915064";
const WRONG_PIN: &str = "73915065";
const NEW_PIN: &str = "48201637";

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
fn p256_scalar(pkcs8: &[u8]) -> Option<Vec<u8>> {
    let marker = [0x02, 0x01, 0x01, 0x04, 0x20];
    let at = pkcs8.windows(marker.len()).position(|w| w == marker)?;
    pkcs8
        .get(at + marker.len()..at + marker.len() + 32)
        .map(<[u8]>::to_vec)
}

/// The forms a secret could leak in.
fn encodings(secret: &[u8]) -> Vec<Vec<u8>> {
    vec![
        secret.to_vec(),
        hex::encode(secret).into_bytes(),
        hex::encode_upper(secret).into_bytes(),
        base64::engine::general_purpose::STANDARD
            .encode(secret)
            .into_bytes(),
        base64::engine::general_purpose::URL_SAFE_NO_PAD
            .encode(secret)
            .into_bytes(),
        // A Debug print of a byte slice ("[12, 200, ...]").
        format!("{secret:?}").into_bytes(),
    ]
}

/// K_pin's public key (Ed25519) from its seed, as the bank holds it.
fn pin_public_key(seed: &[u8]) -> Vec<u8> {
    ring::signature::Ed25519KeyPair::from_seed_unchecked(seed)
        .expect("a 32-byte seed")
        .public_key()
        .as_ref()
        .to_vec()
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty() && haystack.windows(needle.len()).any(|w| w == needle)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_secret_of_the_real_flows_reaches_the_logs_or_the_data_directory() {
    let log = Captured::default();
    let writer = log.clone();
    // Global: the core logs from its own runtime's threads. One test in this binary.
    tracing::subscriber::set_global_default(
        tracing_subscriber::fmt()
            .with_max_level(tracing::Level::TRACE)
            .with_ansi(false)
            .with_writer(move || writer.clone())
            .finish(),
    )
    .expect("the only subscriber");

    let h = Harness::start().await.expect("harness");
    let anna = Harness::customer(ANNA).expect("Anna");
    let id = h
        .active_profile(anna, PIN)
        .await
        .expect("registered and logged in");
    let local_id = h.raw_phone(&id, PIN).expect("profile").profile.id;
    let first_params = h.raw_phone(&id, PIN).expect("profile").profile.pin_kdf;

    // A wrong PIN, then the right one.
    assert!(
        h.avain
            .login_with_pin(id.clone(), WRONG_PIN.into())
            .await
            .is_err()
    );
    h.avain
        .login_with_pin(id.clone(), PIN.into())
        .await
        .expect("login");

    // A payment to a payee paid before, approved with the PIN.
    let invoices = h.avain.payments().e_invoices().await.expect("e-invoices");
    let invoice = invoices
        .iter()
        .find(|i| i.biller_name == "Helen Oy")
        .expect("Helen's invoice");
    let draft = PaymentDraft {
        from_account_id: "acc_anna_current".into(),
        payee_name: "Helen Oy".into(),
        payee_iban: invoice.iban.clone(),
        amount: "12,50".into(),
        reference: invoice.reference.clone(),
        ..PaymentDraft::default()
    };
    let pending = h
        .avain
        .payments()
        .start_payment(draft)
        .await
        .expect("payment");
    h.avain
        .payments()
        .confirm_payment(
            pending.payment_id.clone(),
            ApprovalFactor::Pin { pin: PIN.into() },
            None,
        )
        .await
        .expect("approved");

    // Biometrics on, a biometric login; then a PIN change and a login with the new PIN.
    h.avain
        .enable_biometrics(BiometricKind::Fingerprint, PIN.into())
        .await
        .expect("biometrics");
    h.avain
        .login_with_biometrics(id.clone())
        .await
        .expect("biometric login");
    h.avain
        .change_pin(PIN.into(), NEW_PIN.into(), NEW_PIN.into())
        .await
        .expect("PIN change");
    h.avain
        .login_with_pin(id.clone(), NEW_PIN.into())
        .await
        .expect("login with the new PIN");
    let new_params = h.raw_phone(&id, NEW_PIN).expect("profile").profile.pin_kdf;

    // The bank's signed OS policy, fetched, verified and cached in the database.
    h.avain.refresh_policy().await.expect("OS policy");

    // What must not leak: the PINs, and every secret in the keystore.
    let mut forbidden: Vec<(String, Vec<u8>)> = [PIN, WRONG_PIN, NEW_PIN]
        .iter()
        .map(|pin| ("a PIN".to_owned(), pin.as_bytes().to_vec()))
        .collect();
    let names = h.secrets.names();
    assert!(
        names.len() >= 4,
        "device secret, K_dev, K_bio, data key: {names:?}"
    );
    let mut values: Vec<(String, Vec<u8>)> = Vec::new();
    // The OS policy's floor is kept there against rollback, but it is a public sequence
    // number, not a secret (a few bytes that may occur anywhere by chance).
    for name in names.iter().filter(|n| !n.contains("os-policy")) {
        let value = h.secrets.get(name).expect("get").expect("listed");
        if let Some(scalar) = p256_scalar(value.expose()) {
            values.push((format!("the private key in {name}"), scalar));
        }
        values.push((name.clone(), value.expose().to_vec()));
    }
    let device_secret = h
        .secrets
        .get(&profile_secret_name(&local_id, "device-secret"))
        .expect("get")
        .expect("device secret");
    let first_seed = pin_seed(PIN, &first_params, device_secret.expose(), &local_id);
    let new_seed = pin_seed(NEW_PIN, &new_params, device_secret.expose(), &local_id);
    // K_pin's public keys are not secret at the bank, but a phone that kept one would let
    // whoever copies its files test PINs offline against it (docs/device-security.md).
    values.push(("K_pin public key".into(), pin_public_key(&first_seed)));
    values.push(("new K_pin public key".into(), pin_public_key(&new_seed)));
    values.push(("K_pin seed".into(), first_seed));
    values.push(("new K_pin seed".into(), new_seed));
    for (name, value) in values {
        for form in encodings(&value) {
            forbidden.push((name.clone(), form));
        }
    }
    let check = |what: &str, haystack: &[u8]| {
        for (name, needle) in &forbidden {
            assert!(!contains(haystack, needle), "{name} found in {what}");
        }
    };

    let files = h.data_files();
    assert!(
        files
            .iter()
            .any(|(path, _)| path.to_string_lossy().ends_with("-wal")),
        "the WAL file is searched too"
    );
    for (path, bytes) in &files {
        check(&path.display().to_string(), bytes);
    }

    // Deleting the profile on this phone wipes its keys; what is left (the app's data key,
    // the OS policy's rollback floor) is per app, not per profile.
    h.avain
        .delete_profile_locally(&id)
        .await
        .expect("deleted here");
    let left = h.secrets.names();
    let profile_prefix = profile_secret_name(&local_id, "");
    assert!(
        names
            .iter()
            .filter(|n| n.starts_with(&profile_prefix))
            .count()
            >= 3,
        "device secret, K_dev, K_bio: {names:?}"
    );
    assert!(
        !left.iter().any(|name| name.starts_with(&profile_prefix)),
        "the profile's keys are wiped: {left:?}"
    );
    for (path, bytes) in &h.data_files() {
        check(&path.display().to_string(), bytes);
    }

    let output = log.0.lock().expect("log").clone();
    let text = String::from_utf8_lossy(&output);
    // The capture works and the flows did log: the search is not vacuous.
    for event in [
        "K_pin derived",
        "receipt stored",
        "payee recorded",
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
    assert!(
        !text.contains("FI21") && !text.contains("FI49"),
        "an IBAN in the log"
    );
}
