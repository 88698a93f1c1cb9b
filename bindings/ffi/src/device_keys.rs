//! K_dev, the possession key, made and kept by the platform (Android Keystore with
//! StrongBox when present, the iOS Secure Enclave): a foreign trait, and the adapter
//! through which the core uses it as its own [`DeviceKeyFactory`].

use std::sync::Arc;

use avain_core::keys::{
    DeviceKey, DeviceKeyFactory, KeyError, P256_PUBLIC_KEY_LEN, verify_device_signature,
};

use crate::error::{PlatformError, key_error};

/// The device keys of the profiles on this phone, one ECDSA P-256 key per profile,
/// implemented by the shell. The private key never leaves the platform keystore.
///
/// Public keys are uncompressed SEC1 (65 bytes, starting 0x04); signatures are ECDSA
/// with SHA-256 over the message, ASN.1 DER. Profile ids are random ASCII and safe to use
/// in key aliases. The core calls these methods from its own threads.
#[uniffi::export(with_foreign)]
pub trait DeviceKeys: Send + Sync {
    /// Makes a new key for `profile_id`, replacing any old one, and returns its public
    /// key. Changes persisted state.
    fn create(&self, profile_id: String) -> Result<Vec<u8>, PlatformError>;

    /// The public key of `profile_id`'s key, or `None` if this device has none.
    fn public_key(&self, profile_id: String) -> Result<Option<Vec<u8>>, PlatformError>;

    /// Signs `message` with `profile_id`'s key ([`PlatformError::KeyNotFound`] if there
    /// is none).
    fn sign(&self, profile_id: String, message: Vec<u8>) -> Result<Vec<u8>, PlatformError>;

    /// Deletes `profile_id`'s key; succeeds if there was none. Changes persisted state.
    fn delete(&self, profile_id: String) -> Result<(), PlatformError>;

    /// Whether the phone has a secure screen lock now: a PIN, pattern, password or
    /// passcode (Android `KeyguardManager.isDeviceSecure`, iOS
    /// `LAContext.canEvaluatePolicy(.deviceOwnerAuthentication)`). The core refuses
    /// registration, enabling biometrics, logins and approvals without one
    /// (`ScreenLockRequired`). Called often and from the core's threads: answer at once,
    /// show nothing.
    fn has_secure_lock_screen(&self) -> bool;
}

/// The shell's [`DeviceKeys`] as the core's [`DeviceKeyFactory`].
pub(crate) struct CoreDeviceKeys {
    platform: Arc<dyn DeviceKeys>,
}

impl CoreDeviceKeys {
    pub(crate) fn new(platform: Arc<dyn DeviceKeys>) -> CoreDeviceKeys {
        CoreDeviceKeys { platform }
    }

    fn handle(
        &self,
        profile_id: &str,
        public_key: Vec<u8>,
    ) -> Result<Arc<dyn DeviceKey>, KeyError> {
        check_public_key(&public_key)?;
        Ok(Arc::new(PlatformDeviceKey {
            platform: Arc::clone(&self.platform),
            profile_id: profile_id.to_owned(),
            public_key,
        }))
    }
}

/// The platform's answer to "the public key of this profile's key" as the core's open: a
/// key the platform does not have (never made, or wiped with the app's data) is `None`.
/// Shared by K_dev and K_bio.
pub(crate) fn opened<K>(
    answer: Result<Option<Vec<u8>>, PlatformError>,
    handle: impl FnOnce(Vec<u8>) -> Result<K, KeyError>,
) -> Result<Option<K>, KeyError> {
    match answer {
        Ok(Some(public_key)) => handle(public_key).map(Some),
        Ok(None) | Err(PlatformError::KeyNotFound) => Ok(None),
        Err(e) => Err(key_error(e, false)),
    }
}

/// The platform's answer to "delete this profile's key": one that was not there is gone
/// too. Shared by K_dev and K_bio.
pub(crate) fn deleted(answer: Result<(), PlatformError>) -> Result<(), KeyError> {
    match answer {
        Ok(()) | Err(PlatformError::KeyNotFound) => Ok(()),
        Err(e) => Err(key_error(e, false)),
    }
}

/// A P-256 public key as the core and the server expect it.
pub(crate) fn check_public_key(public_key: &[u8]) -> Result<(), KeyError> {
    if public_key.len() == P256_PUBLIC_KEY_LEN && public_key[0] == 0x04 {
        Ok(())
    } else {
        tracing::error!(target: "avain_ffi", len = public_key.len(), "the platform returned a malformed public key");
        Err(KeyError::Corrupted)
    }
}

impl DeviceKeyFactory for CoreDeviceKeys {
    fn create(&self, profile_id: &str) -> Result<Arc<dyn DeviceKey>, KeyError> {
        let public_key = self
            .platform
            .create(profile_id.to_owned())
            .map_err(|e| key_error(e, false))?;
        self.handle(profile_id, public_key)
    }

    fn open(&self, profile_id: &str) -> Result<Option<Arc<dyn DeviceKey>>, KeyError> {
        opened(
            self.platform.public_key(profile_id.to_owned()),
            |public_key| self.handle(profile_id, public_key),
        )
    }

    fn delete(&self, profile_id: &str) -> Result<(), KeyError> {
        deleted(self.platform.delete(profile_id.to_owned()))
    }

    fn has_secure_lock_screen(&self) -> bool {
        self.platform.has_secure_lock_screen()
    }
}

/// A handle on one profile's platform key.
struct PlatformDeviceKey {
    platform: Arc<dyn DeviceKeys>,
    profile_id: String,
    public_key: Vec<u8>,
}

impl DeviceKey for PlatformDeviceKey {
    fn public_key(&self) -> Result<Vec<u8>, KeyError> {
        Ok(self.public_key.clone())
    }

    fn sign(&self, message: &[u8]) -> Result<Vec<u8>, KeyError> {
        let signature = self
            .platform
            .sign(self.profile_id.clone(), message.to_vec())
            .map_err(|e| key_error(e, true))?;
        // A shell that signs with another key (a stale alias, a replaced key) would only
        // be caught by the server; checking here costs far less than the signature and
        // names the culprit.
        if !verify_device_signature(&self.public_key, message, &signature) {
            tracing::error!(target: "avain_ffi", "the platform's device key signature does not verify");
            return Err(KeyError::SigningFailed);
        }
        Ok(signature)
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Mutex;

    use super::*;
    use crate::secret_store::RustMemoryStore;
    use crate::software_keys::software_device_keys;

    fn software() -> Arc<dyn DeviceKeys> {
        software_device_keys(Arc::new(RustMemoryStore(Default::default())))
    }

    #[test]
    fn the_core_signs_with_platform_keys_and_the_signature_verifies() {
        let keys = CoreDeviceKeys::new(software());
        assert!(keys.open("p1").unwrap().is_none());
        let key = keys.create("p1").unwrap();
        let public_key = key.public_key().unwrap();
        let signature = key.sign(b"approval bytes").unwrap();
        assert!(verify_device_signature(
            &public_key,
            b"approval bytes",
            &signature
        ));
        let reopened = keys.open("p1").unwrap().unwrap();
        assert_eq!(reopened.public_key().unwrap(), public_key);
        keys.delete("p1").unwrap();
        keys.delete("p1").unwrap();
        assert!(keys.open("p1").unwrap().is_none());
        assert_eq!(key.sign(b"x").unwrap_err(), KeyError::NotFound);
    }

    /// A shell whose sign() uses another key than the one it reported.
    struct Swapped {
        real: Arc<dyn DeviceKeys>,
        other: Mutex<bool>,
    }

    impl DeviceKeys for Swapped {
        fn create(&self, profile_id: String) -> Result<Vec<u8>, PlatformError> {
            self.real.create(profile_id)
        }
        fn public_key(&self, profile_id: String) -> Result<Option<Vec<u8>>, PlatformError> {
            self.real.public_key(profile_id)
        }
        fn sign(&self, profile_id: String, message: Vec<u8>) -> Result<Vec<u8>, PlatformError> {
            if *self.other.lock().unwrap() {
                self.real.create("other".into())?;
                return self.real.sign("other".into(), message);
            }
            self.real.sign(profile_id, message)
        }
        fn delete(&self, profile_id: String) -> Result<(), PlatformError> {
            self.real.delete(profile_id)
        }
        fn has_secure_lock_screen(&self) -> bool {
            self.real.has_secure_lock_screen()
        }
    }

    #[test]
    fn a_signature_by_another_key_is_refused() {
        let shell = Arc::new(Swapped {
            real: software(),
            other: Mutex::new(false),
        });
        let keys = CoreDeviceKeys::new(shell.clone());
        let key = keys.create("p1").unwrap();
        assert!(key.sign(b"x").is_ok());
        *shell.other.lock().unwrap() = true;
        assert_eq!(key.sign(b"x").unwrap_err(), KeyError::SigningFailed);
    }

    struct Malformed;

    impl DeviceKeys for Malformed {
        fn create(&self, _: String) -> Result<Vec<u8>, PlatformError> {
            Ok(vec![0x02; 33])
        }
        fn public_key(&self, _: String) -> Result<Option<Vec<u8>>, PlatformError> {
            Err(PlatformError::Unavailable)
        }
        fn sign(&self, _: String, _: Vec<u8>) -> Result<Vec<u8>, PlatformError> {
            Err(PlatformError::KeyNotFound)
        }
        fn delete(&self, _: String) -> Result<(), PlatformError> {
            Err(PlatformError::KeyNotFound)
        }
        /// A phone without a screen lock, too.
        fn has_secure_lock_screen(&self) -> bool {
            false
        }
    }

    #[test]
    fn the_shells_screen_lock_answer_reaches_the_core() {
        assert!(!CoreDeviceKeys::new(Arc::new(Malformed)).has_secure_lock_screen());
        assert!(CoreDeviceKeys::new(software()).has_secure_lock_screen());
    }

    #[test]
    fn malformed_keys_and_platform_errors_become_key_errors() {
        let keys = CoreDeviceKeys::new(Arc::new(Malformed));
        assert_eq!(keys.create("p").err(), Some(KeyError::Corrupted));
        assert!(matches!(
            keys.open("p").err(),
            Some(KeyError::Secrets(
                avain_core::secrets::SecretStoreError::Unavailable
            ))
        ));
        assert_eq!(keys.delete("p"), Ok(()));
    }
}
