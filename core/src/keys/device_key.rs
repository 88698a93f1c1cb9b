//! K_dev, the possession factor: an ECDSA P-256 key of this device, one per profile.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use ring::rand::SystemRandom;
use ring::signature::{ECDSA_P256_SHA256_ASN1_SIGNING, EcdsaKeyPair, KeyPair};
use zeroize::Zeroizing;

use super::{CreatedKey, KeyError, P256_PUBLIC_KEY_LEN};
use crate::secrets::{SecretStore, profile_secret_name};

/// A device key handle. Phones implement it over the Secure Enclave / Android Keystore,
/// where the private key never leaves the hardware.
pub trait DeviceKey: Send + Sync {
    /// The public key, uncompressed SEC1 P-256 (65 bytes, starting 0x04).
    fn public_key(&self) -> Result<Vec<u8>, KeyError>;

    /// ECDSA P-256 with SHA-256 over `message` (the canonical signed bytes), ASN.1 DER.
    fn sign(&self, message: &[u8]) -> Result<Vec<u8>, KeyError>;
}

/// Makes, finds and deletes the device key of each profile.
pub trait DeviceKeyFactory: Send + Sync {
    /// Makes a new key for `profile_id`, replacing any old one. With an
    /// `attestation_challenge` (Android: `setAttestationChallenge`) a platform that can
    /// attest returns the key's certificate chain with it; one that cannot ignores the
    /// challenge. Changes persisted state.
    fn create(
        &self,
        profile_id: &str,
        attestation_challenge: Option<&[u8]>,
    ) -> Result<CreatedKey<dyn DeviceKey>, KeyError>;

    /// The key of `profile_id`, if this device has one.
    fn open(&self, profile_id: &str) -> Result<Option<Arc<dyn DeviceKey>>, KeyError>;

    /// Deletes the key of `profile_id`; succeeds if there was none. Changes persisted state.
    fn delete(&self, profile_id: &str) -> Result<(), KeyError>;

    /// Whether the phone has a secure screen lock now (a PIN, pattern, password or
    /// passcode; Android `KeyguardManager.isDeviceSecure`, iOS `LAContext`
    /// `.deviceOwnerAuthentication`). Asked before registration, enabling biometrics,
    /// logins and approvals (`client/screen_lock.rs`); quick, no prompt.
    fn has_secure_lock_screen(&self) -> bool;
}

/// Device keys made by `ring`, their PKCS#8 kept in a [`SecretStore`] (on a desktop the
/// OS keyring) under `avain/profile/<id>/device-key`.
///
/// A desktop has no phone screen lock to ask: these keys report one (the desktop's own
/// login stands for it) until a test turns it off with
/// [`SoftwareDeviceKeys::set_secure_lock_screen`].
pub struct SoftwareDeviceKeys {
    secrets: Arc<dyn SecretStore>,
    secure_lock_screen: AtomicBool,
}

impl SoftwareDeviceKeys {
    /// Keys kept in `secrets`, reporting a secure screen lock.
    pub fn new(secrets: Arc<dyn SecretStore>) -> SoftwareDeviceKeys {
        SoftwareDeviceKeys {
            secrets,
            secure_lock_screen: AtomicBool::new(true),
        }
    }

    /// What [`DeviceKeyFactory::has_secure_lock_screen`] reports from now on (tests: the
    /// customer turns the phone's screen lock off or on).
    pub fn set_secure_lock_screen(&self, on: bool) {
        self.secure_lock_screen.store(on, Ordering::SeqCst);
    }
}

fn secret_name(profile_id: &str) -> String {
    profile_secret_name(profile_id, "device-key")
}

impl DeviceKeyFactory for SoftwareDeviceKeys {
    /// Software keys cannot be attested: the challenge is ignored.
    fn create(
        &self,
        profile_id: &str,
        _attestation_challenge: Option<&[u8]>,
    ) -> Result<CreatedKey<dyn DeviceKey>, KeyError> {
        let rng = SystemRandom::new();
        let document = EcdsaKeyPair::generate_pkcs8(&ECDSA_P256_SHA256_ASN1_SIGNING, &rng)
            .map_err(|_| KeyError::Randomness)?;
        let pkcs8 = Zeroizing::new(document.as_ref().to_vec());
        let key = SoftwareDeviceKey::from_pkcs8(
            Arc::clone(&self.secrets),
            secret_name(profile_id),
            &pkcs8,
        )?;
        self.secrets.put(&key.name, &pkcs8)?;
        tracing::debug!(profile = %profile_id, "K_dev created");
        Ok(CreatedKey::unattested(Arc::new(key)))
    }

    fn open(&self, profile_id: &str) -> Result<Option<Arc<dyn DeviceKey>>, KeyError> {
        let name = secret_name(profile_id);
        let Some(pkcs8) = self.secrets.get(&name)? else {
            return Ok(None);
        };
        let key = SoftwareDeviceKey::from_pkcs8(Arc::clone(&self.secrets), name, pkcs8.expose())?;
        Ok(Some(Arc::new(key)))
    }

    fn delete(&self, profile_id: &str) -> Result<(), KeyError> {
        Ok(self.secrets.delete(&secret_name(profile_id))?)
    }

    fn has_secure_lock_screen(&self) -> bool {
        self.secure_lock_screen.load(Ordering::SeqCst)
    }
}

/// A handle: the public key and where the private key is. The private key is read from
/// the secret store for each signature and dropped right after, as a hardware key would
/// never be in app memory at all.
struct SoftwareDeviceKey {
    secrets: Arc<dyn SecretStore>,
    name: String,
    public_key: Vec<u8>,
}

impl SoftwareDeviceKey {
    fn from_pkcs8(
        secrets: Arc<dyn SecretStore>,
        name: String,
        pkcs8: &[u8],
    ) -> Result<SoftwareDeviceKey, KeyError> {
        let pair = key_pair(pkcs8)?;
        let public_key = pair.public_key().as_ref().to_vec();
        if public_key.len() != P256_PUBLIC_KEY_LEN {
            return Err(KeyError::Corrupted);
        }
        Ok(SoftwareDeviceKey {
            secrets,
            name,
            public_key,
        })
    }
}

fn key_pair(pkcs8: &[u8]) -> Result<EcdsaKeyPair, KeyError> {
    EcdsaKeyPair::from_pkcs8(&ECDSA_P256_SHA256_ASN1_SIGNING, pkcs8, &SystemRandom::new())
        .map_err(|_| KeyError::Corrupted)
}

impl DeviceKey for SoftwareDeviceKey {
    fn public_key(&self) -> Result<Vec<u8>, KeyError> {
        Ok(self.public_key.clone())
    }

    fn sign(&self, message: &[u8]) -> Result<Vec<u8>, KeyError> {
        let pkcs8 = self.secrets.get(&self.name)?.ok_or(KeyError::NotFound)?;
        let pair = key_pair(pkcs8.expose())?;
        // A key replaced in the store since this handle was made must not sign for it.
        if pair.public_key().as_ref() != self.public_key.as_slice() {
            return Err(KeyError::NotFound);
        }
        let signature = pair
            .sign(&SystemRandom::new(), message)
            .map_err(|_| KeyError::SigningFailed)?;
        tracing::trace!("K_dev signed");
        Ok(signature.as_ref().to_vec())
    }
}

impl std::fmt::Debug for SoftwareDeviceKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SoftwareDeviceKey([redacted])")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keys::verify_device_signature;
    use crate::secrets::MemorySecretStore;

    fn factory() -> (Arc<MemorySecretStore>, SoftwareDeviceKeys) {
        let secrets = Arc::new(MemorySecretStore::new());
        let keys = SoftwareDeviceKeys::new(secrets.clone());
        (secrets, keys)
    }

    #[test]
    fn a_new_key_signs_and_its_signature_verifies() {
        let (_, keys) = factory();
        let key = keys.create("p1", None).unwrap().key;
        let public = key.public_key().unwrap();
        assert_eq!(public.len(), 65);
        assert_eq!(public[0], 0x04);
        let signature = key.sign(b"message").unwrap();
        assert!(verify_device_signature(&public, b"message", &signature));
        assert!(!verify_device_signature(&public, b"messagf", &signature));
    }

    #[test]
    fn a_key_survives_reopening_and_is_gone_after_delete() {
        let (secrets, keys) = factory();
        let created = keys.create("p1", None).unwrap().key;
        assert_eq!(secrets.names(), vec!["avain/profile/p1/device-key"]);
        let reopened = keys.open("p1").unwrap().expect("stored");
        assert_eq!(
            reopened.public_key().unwrap(),
            created.public_key().unwrap()
        );
        let signature = reopened.sign(b"x").unwrap();
        assert!(verify_device_signature(
            &created.public_key().unwrap(),
            b"x",
            &signature
        ));
        keys.delete("p1").unwrap();
        assert!(keys.open("p1").unwrap().is_none());
        assert_eq!(created.sign(b"x").unwrap_err(), KeyError::NotFound);
        keys.delete("p1").unwrap();
    }

    #[test]
    fn profiles_have_separate_keys_and_an_old_handle_cannot_sign_for_a_new_key() {
        let (_, keys) = factory();
        let a = keys.create("p1", None).unwrap().key;
        let b = keys.create("p2", None).unwrap().key;
        assert_ne!(a.public_key().unwrap(), b.public_key().unwrap());
        let replacement = keys.create("p1", None).unwrap().key;
        assert_ne!(replacement.public_key().unwrap(), a.public_key().unwrap());
        assert_eq!(a.sign(b"x").unwrap_err(), KeyError::NotFound);
    }

    #[test]
    fn damaged_key_material_is_reported_as_corrupted() {
        let (secrets, keys) = factory();
        secrets
            .put("avain/profile/p1/device-key", b"not pkcs8")
            .unwrap();
        assert_eq!(keys.open("p1").err(), Some(KeyError::Corrupted));
    }

    #[test]
    fn debug_shows_no_key_material() {
        let rng = SystemRandom::new();
        let document = EcdsaKeyPair::generate_pkcs8(&ECDSA_P256_SHA256_ASN1_SIGNING, &rng).unwrap();
        let secrets: Arc<dyn SecretStore> = Arc::new(MemorySecretStore::new());
        let key =
            SoftwareDeviceKey::from_pkcs8(secrets, "avain/x".into(), document.as_ref()).unwrap();
        assert_eq!(format!("{key:?}"), "SoftwareDeviceKey([redacted])");
    }
}
