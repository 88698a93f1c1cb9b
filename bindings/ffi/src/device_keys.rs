//! K_dev, the possession key, made and kept by the platform (Android Keystore with
//! StrongBox when present, the iOS Secure Enclave): a foreign trait, and the adapter
//! through which the core uses it as its own [`DeviceKeyFactory`].

use std::sync::Arc;

use avain_core::keys::{
    self as core_keys, DeviceKey, DeviceKeyFactory, KeyError, P256_PUBLIC_KEY_LEN,
    verify_device_signature,
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
    /// key. With an `attestation_challenge` (at registration), Android generates the key
    /// with `setAttestationChallenge(challenge)` and returns `getCertificateChain` with
    /// it; a platform that cannot attest (iOS, whose App Attest is [`crate::AppAttest`];
    /// an old Android) ignores the challenge and returns no chain: the bank decides.
    /// Changes persisted state.
    fn create(
        &self,
        profile_id: String,
        attestation_challenge: Option<Vec<u8>>,
    ) -> Result<CreatedKey, PlatformError>;

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

/// A key the platform just made: its public key and, when the platform could attest it
/// with the challenge it was given, its certificate chain.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct CreatedKey {
    /// Uncompressed SEC1 P-256 (65 bytes, starting 0x04).
    pub public_key: Vec<u8>,
    /// Android: the key's certificate chain, DER, leaf first, as
    /// `KeyStore.getCertificateChain` returns it. `None` without a challenge or when the
    /// platform cannot attest (never an error: the bank's policy decides).
    #[uniffi(default)]
    pub attestation_chain: Option<Vec<Vec<u8>>>,
}

impl CreatedKey {
    /// The core's view: a handle from `handle`, the chain as it came.
    pub(crate) fn into_core<K: ?Sized>(
        self,
        handle: impl FnOnce(Vec<u8>) -> Result<Arc<K>, KeyError>,
    ) -> Result<core_keys::CreatedKey<K>, KeyError> {
        Ok(core_keys::CreatedKey {
            key: handle(self.public_key)?,
            attestation_chain: self.attestation_chain,
        })
    }
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
    fn create(
        &self,
        profile_id: &str,
        attestation_challenge: Option<&[u8]>,
    ) -> Result<core_keys::CreatedKey<dyn DeviceKey>, KeyError> {
        self.platform
            .create(
                profile_id.to_owned(),
                attestation_challenge.map(<[u8]>::to_vec),
            )
            .map_err(|e| key_error(e, false))?
            .into_core(|public_key| self.handle(profile_id, public_key))
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
        let key = keys.create("p1", None).unwrap().key;
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
        fn create(
            &self,
            profile_id: String,
            challenge: Option<Vec<u8>>,
        ) -> Result<CreatedKey, PlatformError> {
            self.real.create(profile_id, challenge)
        }
        fn public_key(&self, profile_id: String) -> Result<Option<Vec<u8>>, PlatformError> {
            self.real.public_key(profile_id)
        }
        fn sign(&self, profile_id: String, message: Vec<u8>) -> Result<Vec<u8>, PlatformError> {
            if *self.other.lock().unwrap() {
                self.real.create("other".into(), None)?;
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
        let key = keys.create("p1", None).unwrap().key;
        assert!(key.sign(b"x").is_ok());
        *shell.other.lock().unwrap() = true;
        assert_eq!(key.sign(b"x").unwrap_err(), KeyError::SigningFailed);
    }

    /// A shell that attests: it records the challenge and returns a (fake) chain.
    struct Attesting {
        real: Arc<dyn DeviceKeys>,
        challenges: Mutex<Vec<Option<Vec<u8>>>>,
    }

    impl DeviceKeys for Attesting {
        fn create(
            &self,
            profile_id: String,
            challenge: Option<Vec<u8>>,
        ) -> Result<CreatedKey, PlatformError> {
            let chain = challenge.as_ref().map(|c| vec![c.clone(), vec![0x30]]);
            self.challenges.lock().unwrap().push(challenge);
            let created = self.real.create(profile_id, None)?;
            Ok(CreatedKey {
                attestation_chain: chain,
                ..created
            })
        }
        fn public_key(&self, profile_id: String) -> Result<Option<Vec<u8>>, PlatformError> {
            self.real.public_key(profile_id)
        }
        fn sign(&self, profile_id: String, message: Vec<u8>) -> Result<Vec<u8>, PlatformError> {
            self.real.sign(profile_id, message)
        }
        fn delete(&self, profile_id: String) -> Result<(), PlatformError> {
            self.real.delete(profile_id)
        }
        fn has_secure_lock_screen(&self) -> bool {
            true
        }
    }

    #[test]
    fn the_challenge_reaches_the_shell_and_its_chain_the_core() {
        let shell = Arc::new(Attesting {
            real: software(),
            challenges: Mutex::new(Vec::new()),
        });
        let keys = CoreDeviceKeys::new(shell.clone());
        let created = keys.create("p1", Some(&[9; 32])).unwrap();
        assert_eq!(
            created.attestation_chain,
            Some(vec![vec![9; 32], vec![0x30]])
        );
        assert!(created.key.sign(b"x").is_ok());
        assert!(keys.create("p2", None).unwrap().attestation_chain.is_none());
        assert_eq!(
            *shell.challenges.lock().unwrap(),
            vec![Some(vec![9; 32]), None]
        );
        // The software keys the tests use never invent evidence.
        let plain = CoreDeviceKeys::new(software());
        assert!(
            plain
                .create("p1", Some(&[9; 32]))
                .unwrap()
                .attestation_chain
                .is_none()
        );
    }

    struct Malformed;

    impl DeviceKeys for Malformed {
        fn create(&self, _: String, _: Option<Vec<u8>>) -> Result<CreatedKey, PlatformError> {
            Ok(CreatedKey {
                public_key: vec![0x02; 33],
                attestation_chain: None,
            })
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
        assert_eq!(keys.create("p", None).err(), Some(KeyError::Corrupted));
        assert!(matches!(
            keys.open("p").err(),
            Some(KeyError::Secrets(
                avain_core::secrets::SecretStoreError::Unavailable
            ))
        ));
        assert_eq!(keys.delete("p"), Ok(()));
    }
}
