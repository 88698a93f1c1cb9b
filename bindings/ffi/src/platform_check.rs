//! Before registration: do the shell's secret store and device keys work on this phone
//! and keep the contracts the core relies on? Some Android keystores are broken in ways
//! only a real round trip shows (a value read back differently, a key that signs with
//! another key), and finding that out after the customer has typed their key-code card
//! code is too late.
//!
//! The check drives the shell's implementations through the same adapters the core uses
//! and verifies the device key's signature with the core's verifier. It runs on the
//! runtime's blocking pool (keystore calls block) and can be cancelled; whatever happens, the
//! throwaway secret and key it made are deleted.

use std::sync::Arc;
use std::time::Instant;

use avain_core::Language;
use avain_core::keys::{BiometricKeyFactory, DeviceKeyFactory, KeyError};
use avain_core::random::{SystemRandomness, random_array, random_id};
use avain_core::secrets::{SecretStore as _, SecretStoreError};

use crate::biometric_keys::{BiometricKeys, CoreBiometricKeys};
use crate::cancellation::{CancelOnDrop, Cancellation};
use crate::device_keys::{CoreDeviceKeys, DeviceKeys};
use crate::error::{AvainError, IntoAvainError};
use crate::runtime;
use crate::secret_store::{CoreSecretStore, SecretStore};

/// What the platform check measured on this phone.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct PlatformCheck {
    /// Milliseconds for storing, reading back and deleting a secret.
    pub secret_store_ms: u64,
    /// Milliseconds for making a device key, signing once and deleting the key (StrongBox
    /// keys are markedly slower than TEE ones).
    pub device_key_ms: u64,
    /// Whether strong biometrics can be offered (once the profile is unlocked).
    pub biometrics_available: bool,
    /// Whether the phone has a secure screen lock ([`DeviceKeys::has_secure_lock_screen`]):
    /// without one, registration is refused (`ScreenLockRequired`), so the app can say so
    /// before the customer types anything.
    pub secure_lock_screen: bool,
}

/// Checks that `secret_store` and `device_keys` work on this phone: stores, reads back
/// and deletes a random secret; makes a device key, signs with it (the signature is
/// verified against its public key), finds it again and deletes it; asks `biometric_keys`
/// whether biometrics are available (no prompt is shown).
///
/// Touches the keystore: runs on the runtime's blocking pool, the caller's thread is
/// free. Fails with the [`AvainError`] of the first step that failed; [`AvainError::Cancelled`] when
/// `cancellation` is cancelled (Kotlin: cancelling the coroutine is enough).
#[uniffi::export]
pub async fn check_platform(
    secret_store: Arc<dyn SecretStore>,
    device_keys: Arc<dyn DeviceKeys>,
    biometric_keys: Arc<dyn BiometricKeys>,
    lang: Language,
    cancellation: Option<Arc<Cancellation>>,
) -> Result<PlatformCheck, AvainError> {
    // Stops the worker when this future is dropped (a cancelled Kotlin coroutine) or when
    // the caller's switch is cancelled, whichever comes first.
    let stop = Cancellation::new();
    let _stop_on_drop = CancelOnDrop(Arc::clone(&stop));
    let worker_stop = Arc::clone(&stop);
    let work = runtime::blocking(lang, move || {
        run(&secret_store, &device_keys, &biometric_keys, &worker_stop)
    });
    let outcome = match cancellation {
        Some(cancellation) => tokio::select! {
            outcome = work => outcome,
            () = cancellation.cancelled() => {
                stop.cancel();
                return Err(AvainError::cancelled(lang));
            }
        },
        None => work.await,
    };
    match outcome? {
        Ok(check) => Ok(check),
        Err(Stop::Failed(error)) => Err(error.into_avain_error(lang)),
        // The worker saw the switch.
        Err(Stop::Cancelled) => Err(AvainError::cancelled(lang)),
    }
}

/// Why the check stopped early.
enum Stop {
    Failed(KeyError),
    Cancelled,
}

impl From<KeyError> for Stop {
    fn from(error: KeyError) -> Stop {
        Stop::Failed(error)
    }
}

impl From<SecretStoreError> for Stop {
    fn from(error: SecretStoreError) -> Stop {
        Stop::Failed(KeyError::Secrets(error))
    }
}

fn run(
    secret_store: &Arc<dyn SecretStore>,
    device_keys: &Arc<dyn DeviceKeys>,
    biometric_keys: &Arc<dyn BiometricKeys>,
    stop: &Cancellation,
) -> Result<PlatformCheck, Stop> {
    let rng = SystemRandomness::new();
    let id = random_id(&rng).map_err(KeyError::from)?;
    let secret_name = format!("avain/check/{id}");
    let key_profile = format!("check-{id}");
    let store = CoreSecretStore::new(Arc::clone(secret_store));
    let keys = CoreDeviceKeys::new(Arc::clone(device_keys));
    let outcome = steps(&store, &keys, &secret_name, &key_profile, stop, &rng).map(
        |(secret_store_ms, device_key_ms)| PlatformCheck {
            secret_store_ms,
            device_key_ms,
            biometrics_available: CoreBiometricKeys::new(Arc::clone(biometric_keys)).is_available(),
            secure_lock_screen: keys.has_secure_lock_screen(),
        },
    );
    // Whatever happened, leave nothing behind (both deletes succeed when there is
    // nothing to delete).
    if store.delete(&secret_name).is_err() || keys.delete(&key_profile).is_err() {
        tracing::warn!(target: "avain_ffi", "the platform check could not clean up");
    }
    outcome
}

fn steps(
    store: &CoreSecretStore,
    keys: &CoreDeviceKeys,
    secret_name: &str,
    key_profile: &str,
    stop: &Cancellation,
    rng: &SystemRandomness,
) -> Result<(u64, u64), Stop> {
    let checkpoint = || {
        if stop.is_cancelled() {
            Err(Stop::Cancelled)
        } else {
            Ok(())
        }
    };
    let broken = |reason: &str| SecretStoreError::Platform {
        reason: reason.to_owned(),
    };

    checkpoint()?;
    let started = Instant::now();
    let value = random_array::<32>(rng).map_err(KeyError::from)?;
    store.put(secret_name, &value)?;
    checkpoint()?;
    match store.get(secret_name)? {
        Some(read) if read.expose() == value => {}
        _ => return Err(broken("secret_read_back_differs").into()),
    }
    checkpoint()?;
    store.delete(secret_name)?;
    if store.get(secret_name)?.is_some() {
        return Err(broken("secret_not_deleted").into());
    }
    let secret_store_ms = elapsed_ms(started);

    checkpoint()?;
    let started = Instant::now();
    // No attestation challenge: the check key never goes to the bank.
    let key = keys.create(key_profile, None)?.key;
    checkpoint()?;
    // The adapter verifies the signature against the key's public key.
    key.sign(b"avain platform check")?;
    let found = keys.open(key_profile)?.ok_or(KeyError::NotFound)?;
    if found.public_key()? != key.public_key()? {
        return Err(KeyError::Corrupted.into());
    }
    checkpoint()?;
    keys.delete(key_profile)?;
    if keys.open(key_profile)?.is_some() {
        return Err(broken("key_not_deleted").into());
    }
    Ok((secret_store_ms, elapsed_ms(started)))
}

fn elapsed_ms(since: Instant) -> u64 {
    u64::try_from(since.elapsed().as_millis()).unwrap_or(u64::MAX)
}

#[cfg(test)]
mod tests {
    use std::sync::mpsc;
    use std::sync::{Mutex, PoisonError};
    use std::time::Duration;

    use super::*;
    use crate::error::PlatformError;
    use crate::secret_store::RustMemoryStore;
    use crate::software_keys::software_device_keys;

    fn block_on<F: std::future::Future>(future: F) -> F::Output {
        tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap()
            .block_on(future)
    }

    struct NoBiometrics;

    impl BiometricKeys for NoBiometrics {
        fn is_available(&self) -> bool {
            false
        }
        fn create(
            &self,
            _: String,
            _: Option<Vec<u8>>,
        ) -> Result<crate::device_keys::CreatedKey, PlatformError> {
            Err(PlatformError::BiometricsNotAvailable)
        }
        fn public_key(&self, _: String) -> Result<Option<Vec<u8>>, PlatformError> {
            Ok(None)
        }
        fn sign(&self, _: String, _: String, _: Vec<u8>) -> Result<Vec<u8>, PlatformError> {
            Err(PlatformError::BiometricsNotAvailable)
        }
        fn delete(&self, _: String) -> Result<(), PlatformError> {
            Ok(())
        }
    }

    /// A memory store that can flip a bit of what it returns, or hold `put` until told.
    #[derive(Default)]
    struct Store {
        inner: RustMemoryStore,
        corrupt: bool,
        hold_put: Mutex<Option<mpsc::Receiver<()>>>,
        entered_put: Mutex<Option<mpsc::Sender<()>>>,
        calls: Mutex<Vec<String>>,
    }

    impl SecretStore for Store {
        fn get(&self, name: String) -> Result<Option<Vec<u8>>, PlatformError> {
            self.calls.lock().unwrap().push(format!("get {name}"));
            let mut value = self.inner.get(name)?;
            if self.corrupt
                && let Some(value) = value.as_mut()
            {
                value[0] ^= 1;
            }
            Ok(value)
        }
        fn put(&self, name: String, value: Vec<u8>) -> Result<(), PlatformError> {
            self.calls.lock().unwrap().push(format!("put {name}"));
            if let Some(entered) = self.entered_put.lock().unwrap().take() {
                entered.send(()).unwrap();
            }
            let hold = self
                .hold_put
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .take();
            if let Some(hold) = hold {
                hold.recv().unwrap();
            }
            self.inner.put(name, value)
        }
        fn delete(&self, name: String) -> Result<(), PlatformError> {
            self.calls.lock().unwrap().push(format!("delete {name}"));
            self.inner.delete(name)
        }
    }

    #[test]
    fn a_working_platform_passes_and_leaves_nothing_behind() {
        let store = Arc::new(Store::default());
        let keys = software_device_keys(store.clone());
        let check = block_on(check_platform(
            store.clone(),
            keys,
            Arc::new(NoBiometrics),
            Language::Fi,
            None,
        ))
        .unwrap();
        assert!(!check.biometrics_available);
        assert!(check.secure_lock_screen);
        assert!(
            store.inner.0.names().is_empty(),
            "{:?}",
            store.inner.0.names()
        );
    }

    #[test]
    fn a_store_that_returns_other_bytes_fails_the_check() {
        let store = Arc::new(Store {
            corrupt: true,
            ..Store::default()
        });
        let keys = software_device_keys(Arc::new(Store::default()));
        let error = block_on(check_platform(
            store.clone(),
            keys,
            Arc::new(NoBiometrics),
            Language::Sv,
            None,
        ))
        .unwrap_err();
        assert!(matches!(error, AvainError::Internal { .. }), "{error:?}");
        assert_eq!(error.code(), crate::AvainErrorCode::SecretStorePlatform);
        assert!(store.inner.0.names().is_empty());
    }

    #[test]
    fn cancelling_returns_at_once_and_the_worker_cleans_up() {
        let (release, hold) = mpsc::channel();
        let (entered_tx, entered) = mpsc::channel();
        let store = Arc::new(Store {
            hold_put: Mutex::new(Some(hold)),
            entered_put: Mutex::new(Some(entered_tx)),
            ..Store::default()
        });
        let cancellation = Cancellation::new();
        let switch = Arc::clone(&cancellation);
        let canceller = std::thread::spawn(move || {
            entered.recv().unwrap();
            switch.cancel();
        });
        let keys = software_device_keys(Arc::new(Store::default()));
        let error = block_on(check_platform(
            store.clone(),
            keys,
            Arc::new(NoBiometrics),
            Language::En,
            Some(cancellation),
        ))
        .unwrap_err();
        canceller.join().unwrap();
        assert_eq!(error.code(), crate::AvainErrorCode::Cancelled);
        // The keystore call in progress finishes; then the worker stops and cleans up.
        release.send(()).unwrap();
        for _ in 0..200 {
            if store
                .calls
                .lock()
                .unwrap()
                .iter()
                .any(|c| c.starts_with("delete"))
            {
                break;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        let calls = store.calls.lock().unwrap().clone();
        assert_eq!(calls.len(), 2, "{calls:?}");
        assert!(calls[0].starts_with("put avain/check/"));
        assert!(calls[1].starts_with("delete avain/check/"));
        assert!(store.inner.0.names().is_empty());
    }
}
