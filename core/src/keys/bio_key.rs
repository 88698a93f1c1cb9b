//! K_bio, the inherence factor: a P-256 key the platform releases only after a biometric
//! check, and invalidates for good when the device's biometric set changes (a finger or a
//! face added or removed), so that someone who enrols their own finger cannot approve.

use std::collections::VecDeque;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use ring::rand::SystemRandom;
use ring::signature::{ECDSA_P256_SHA256_ASN1_SIGNING, EcdsaKeyPair, KeyPair};
use zeroize::Zeroizing;

use super::{CreatedKey, KeyError, P256_PUBLIC_KEY_LEN};
use crate::secrets::{SecretStore, profile_secret_name};

/// A biometric key handle. The shells implement it over BiometricPrompt + Android Keystore
/// (`setInvalidatedByBiometricEnrollment`) and LocalAuthentication + Secure Enclave
/// (`.biometryCurrentSet`).
pub trait BiometricKey: Send + Sync {
    /// The public key, uncompressed SEC1 P-256 (65 bytes).
    fn public_key(&self) -> Result<Vec<u8>, KeyError>;

    /// Shows the biometric prompt with `prompt` (localized text from the core) and, if the
    /// customer passes, signs `message` with ECDSA P-256 SHA-256 (ASN.1 DER).
    ///
    /// Fails with [`KeyError::BiometricRefused`] when cancelled or not recognised and with
    /// [`KeyError::BiometricSetChanged`] when the platform invalidated the key. Blocks until
    /// the customer answers.
    fn sign(&self, prompt: &str, message: &[u8]) -> Result<Vec<u8>, KeyError>;
}

/// Makes, finds and deletes the biometric key of each profile.
pub trait BiometricKeyFactory: Send + Sync {
    /// Whether the device has a sensor with at least one enrolled finger or face.
    fn is_available(&self) -> bool;

    /// Makes a new key for `profile_id` bound to the current biometric set, replacing any
    /// old one. With an `attestation_challenge` (Android: the bank's biometric key
    /// challenge) a platform that can attest returns the key's certificate chain with it;
    /// one that cannot ignores the challenge. Changes persisted state.
    fn create(
        &self,
        profile_id: &str,
        attestation_challenge: Option<&[u8]>,
    ) -> Result<CreatedKey<dyn BiometricKey>, KeyError>;

    /// The key of `profile_id`, if this device has one.
    fn open(&self, profile_id: &str) -> Result<Option<Arc<dyn BiometricKey>>, KeyError>;

    /// Deletes the key of `profile_id`; succeeds if there was none. Changes persisted state.
    fn delete(&self, profile_id: &str) -> Result<(), KeyError>;
}

/// What the simulated customer does at the next prompt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PromptResponse {
    /// Touches the sensor / looks at the camera and is recognised.
    Approve,
    /// Cancels, or is not recognised.
    Refuse,
    /// The platform reports that the biometric set changed (key invalidated).
    SetChanged,
}

/// A stand-in for the device's biometric hardware, for tests and Rust programs: a queue of
/// scripted answers (approve when empty), an enrolled flag, and a counter of the enrolled
/// set that [`SimulatedSensor::change_biometric_set`] bumps.
#[derive(Debug)]
pub struct SimulatedSensor {
    enrolled: AtomicBool,
    set_generation: AtomicU64,
    responses: Mutex<VecDeque<PromptResponse>>,
    prompts: Mutex<Vec<String>>,
}

impl Default for SimulatedSensor {
    fn default() -> SimulatedSensor {
        SimulatedSensor {
            enrolled: AtomicBool::new(true),
            set_generation: AtomicU64::new(1),
            responses: Mutex::new(VecDeque::new()),
            prompts: Mutex::new(Vec::new()),
        }
    }
}

impl SimulatedSensor {
    /// A sensor with one enrolled finger that approves every prompt.
    pub fn new() -> SimulatedSensor {
        SimulatedSensor::default()
    }

    /// Queues the answer to a coming prompt (answers are used in order).
    pub fn respond_next(&self, response: PromptResponse) {
        lock(&self.responses).push_back(response);
    }

    /// Adds or removes a finger: every existing key becomes permanently invalid.
    pub fn change_biometric_set(&self) {
        self.set_generation.fetch_add(1, Ordering::SeqCst);
    }

    /// Removes (`false`) or restores (`true`) every enrolled finger and face.
    pub fn set_enrolled(&self, enrolled: bool) {
        self.enrolled.store(enrolled, Ordering::SeqCst);
        self.change_biometric_set();
    }

    /// The prompt texts shown so far, oldest first.
    pub fn prompts_shown(&self) -> Vec<String> {
        lock(&self.prompts).clone()
    }

    fn generation(&self) -> u64 {
        self.set_generation.load(Ordering::SeqCst)
    }

    fn prompt(&self, text: &str) -> PromptResponse {
        lock(&self.prompts).push(text.to_owned());
        lock(&self.responses)
            .pop_front()
            .unwrap_or(PromptResponse::Approve)
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    // Every critical section is one push or pop: a poisoned lock is still consistent.
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Software biometric keys: `ring` P-256 keys in a [`SecretStore`], released only when
/// the [`SimulatedSensor`] approves and the enrolled set is the one the key was made for.
pub struct SoftwareBiometrics {
    secrets: Arc<dyn SecretStore>,
    sensor: Arc<SimulatedSensor>,
}

impl SoftwareBiometrics {
    /// Keys in `secrets`, checked by `sensor`.
    pub fn new(secrets: Arc<dyn SecretStore>, sensor: Arc<SimulatedSensor>) -> SoftwareBiometrics {
        SoftwareBiometrics { secrets, sensor }
    }
}

fn secret_name(profile_id: &str) -> String {
    profile_secret_name(profile_id, "biometric-key")
}

/// Stored form: the set generation (8 bytes, big-endian), then the PKCS#8.
fn split(stored: &[u8]) -> Result<(u64, &[u8]), KeyError> {
    if stored.len() < 9 {
        return Err(KeyError::Corrupted);
    }
    let (generation, pkcs8) = stored.split_at(8);
    let generation: [u8; 8] = generation.try_into().map_err(|_| KeyError::Corrupted)?;
    Ok((u64::from_be_bytes(generation), pkcs8))
}

fn key_pair(pkcs8: &[u8]) -> Result<EcdsaKeyPair, KeyError> {
    EcdsaKeyPair::from_pkcs8(&ECDSA_P256_SHA256_ASN1_SIGNING, pkcs8, &SystemRandom::new())
        .map_err(|_| KeyError::Corrupted)
}

impl BiometricKeyFactory for SoftwareBiometrics {
    fn is_available(&self) -> bool {
        self.sensor.enrolled.load(Ordering::SeqCst)
    }

    /// Software keys cannot be attested: the challenge is ignored.
    fn create(
        &self,
        profile_id: &str,
        _attestation_challenge: Option<&[u8]>,
    ) -> Result<CreatedKey<dyn BiometricKey>, KeyError> {
        if !self.is_available() {
            return Err(KeyError::BiometricUnavailable);
        }
        let rng = SystemRandom::new();
        let document = EcdsaKeyPair::generate_pkcs8(&ECDSA_P256_SHA256_ASN1_SIGNING, &rng)
            .map_err(|_| KeyError::Randomness)?;
        let public_key = key_pair(document.as_ref())?.public_key().as_ref().to_vec();
        let mut stored = Zeroizing::new(self.sensor.generation().to_be_bytes().to_vec());
        stored.extend_from_slice(document.as_ref());
        let name = secret_name(profile_id);
        self.secrets.put(&name, &stored)?;
        tracing::debug!(profile = %profile_id, "K_bio created");
        Ok(CreatedKey::unattested(Arc::new(SoftwareBiometricKey {
            secrets: Arc::clone(&self.secrets),
            sensor: Arc::clone(&self.sensor),
            name,
            public_key,
        })))
    }

    fn open(&self, profile_id: &str) -> Result<Option<Arc<dyn BiometricKey>>, KeyError> {
        let name = secret_name(profile_id);
        let Some(stored) = self.secrets.get(&name)? else {
            return Ok(None);
        };
        let (_, pkcs8) = split(stored.expose())?;
        let public_key = key_pair(pkcs8)?.public_key().as_ref().to_vec();
        if public_key.len() != P256_PUBLIC_KEY_LEN {
            return Err(KeyError::Corrupted);
        }
        Ok(Some(Arc::new(SoftwareBiometricKey {
            secrets: Arc::clone(&self.secrets),
            sensor: Arc::clone(&self.sensor),
            name,
            public_key,
        })))
    }

    fn delete(&self, profile_id: &str) -> Result<(), KeyError> {
        Ok(self.secrets.delete(&secret_name(profile_id))?)
    }
}

struct SoftwareBiometricKey {
    secrets: Arc<dyn SecretStore>,
    sensor: Arc<SimulatedSensor>,
    name: String,
    public_key: Vec<u8>,
}

impl SoftwareBiometricKey {
    /// Like the platforms: an invalidated key is gone for good, not just refused once.
    fn invalidate(&self) -> KeyError {
        tracing::debug!("K_bio invalidated: the biometric set changed");
        match self.secrets.delete(&self.name) {
            Ok(()) => KeyError::BiometricSetChanged,
            Err(e) => e.into(),
        }
    }
}

impl BiometricKey for SoftwareBiometricKey {
    fn public_key(&self) -> Result<Vec<u8>, KeyError> {
        Ok(self.public_key.clone())
    }

    fn sign(&self, prompt: &str, message: &[u8]) -> Result<Vec<u8>, KeyError> {
        let stored = self
            .secrets
            .get(&self.name)?
            .ok_or(KeyError::BiometricSetChanged)?;
        let (generation, pkcs8) = split(stored.expose())?;
        if generation != self.sensor.generation() {
            return Err(self.invalidate());
        }
        match self.sensor.prompt(prompt) {
            PromptResponse::Approve => {}
            PromptResponse::Refuse => return Err(KeyError::BiometricRefused),
            PromptResponse::SetChanged => return Err(self.invalidate()),
        }
        let pair = key_pair(pkcs8)?;
        if pair.public_key().as_ref() != self.public_key.as_slice() {
            return Err(KeyError::NotFound);
        }
        let signature = pair
            .sign(&SystemRandom::new(), message)
            .map_err(|_| KeyError::SigningFailed)?;
        Ok(signature.as_ref().to_vec())
    }
}

impl std::fmt::Debug for SoftwareBiometricKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SoftwareBiometricKey([redacted])")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keys::verify_biometric_signature;
    use crate::secrets::MemorySecretStore;

    fn setup() -> (Arc<SimulatedSensor>, SoftwareBiometrics) {
        let sensor = Arc::new(SimulatedSensor::new());
        let secrets = Arc::new(MemorySecretStore::new());
        (sensor.clone(), SoftwareBiometrics::new(secrets, sensor))
    }

    #[test]
    fn an_approved_prompt_signs() {
        let (sensor, bio) = setup();
        let key = bio.create("p1", None).unwrap().key;
        let signature = key.sign("Hyväksy maksu", b"bytes").unwrap();
        assert!(verify_biometric_signature(
            &key.public_key().unwrap(),
            b"bytes",
            &signature
        ));
        assert_eq!(sensor.prompts_shown(), vec!["Hyväksy maksu"]);
    }

    #[test]
    fn a_refused_prompt_does_not_sign_and_the_key_still_works_afterwards() {
        let (sensor, bio) = setup();
        let key = bio.create("p1", None).unwrap().key;
        sensor.respond_next(PromptResponse::Refuse);
        assert_eq!(key.sign("x", b"m").unwrap_err(), KeyError::BiometricRefused);
        assert!(key.sign("x", b"m").is_ok());
    }

    #[test]
    fn a_reported_set_change_invalidates_the_key_for_good() {
        let (sensor, bio) = setup();
        let key = bio.create("p1", None).unwrap().key;
        sensor.respond_next(PromptResponse::SetChanged);
        assert_eq!(
            key.sign("x", b"m").unwrap_err(),
            KeyError::BiometricSetChanged
        );
        assert_eq!(
            key.sign("x", b"m").unwrap_err(),
            KeyError::BiometricSetChanged
        );
        assert!(bio.open("p1").unwrap().is_none());
    }

    #[test]
    fn enrolling_a_new_finger_invalidates_existing_keys_without_a_prompt() {
        let (sensor, bio) = setup();
        let key = bio.create("p1", None).unwrap().key;
        sensor.change_biometric_set();
        assert_eq!(
            key.sign("x", b"m").unwrap_err(),
            KeyError::BiometricSetChanged
        );
        assert!(sensor.prompts_shown().is_empty());
        // A key made after the change works with the new set.
        let fresh = bio.create("p1", None).unwrap().key;
        assert!(fresh.sign("x", b"m").is_ok());
    }

    #[test]
    fn no_enrolled_biometrics_means_no_key() {
        let (sensor, bio) = setup();
        sensor.set_enrolled(false);
        assert!(!bio.is_available());
        assert_eq!(
            bio.create("p1", None).err(),
            Some(KeyError::BiometricUnavailable)
        );
    }

    #[test]
    fn keys_reopen_and_delete() {
        let (_, bio) = setup();
        let key = bio.create("p1", None).unwrap().key;
        let reopened = bio.open("p1").unwrap().unwrap();
        assert_eq!(reopened.public_key().unwrap(), key.public_key().unwrap());
        bio.delete("p1").unwrap();
        assert!(bio.open("p1").unwrap().is_none());
    }
}
