//! Phones that attest their keys, for the key attestation tests (docs/attestation.md):
//! software keys whose evidence comes from the sandbox's simulated platform attestation
//! services (`/v1/sandbox/attestation/...`, control routes only), under the test root only
//! this sandbox trusts. An Android flavour (K_dev and K_bio come with Keystore-shaped
//! chains) and an iOS flavour (App Attest).
//!
//! The core's key traits are synchronous and run on its blocking pool; these call the
//! bank's async client there with the runtime's `block_on`, as a platform keystore blocks
//! on its own service.

use std::path::Path;
use std::sync::{Arc, Mutex};

use avain_core::api::sandbox_attestation::{
    AttestationLevel, AttestationPolicySettings, SimulatedAndroidKey, SimulatedAppAttestAssertion,
    SimulatedAppAttestCall, SimulatedAppAttestKey,
};
use avain_core::api::{Base64Bytes, KeyAttestation};
use avain_core::attestation::AttestedKeyRole;
use avain_core::client::{Avain, DeviceDetails, PlatformParts};
use avain_core::keys::{
    AppAttest, AppAttestError, BiometricKey, BiometricKeyFactory, CreatedKey, DeviceKey,
    DeviceKeyFactory, KeyError, SimulatedSensor, SoftwareBiometrics, SoftwareDeviceKeys,
};
use avain_core::os_policy::Platform;
use avain_core::secrets::MemorySecretStore;
use avain_sandbox::client::BankClient;
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use tokio::runtime::Handle;

use crate::{Failure, Harness, ManualClock, bank_config, test_config, test_device};

/// The sandbox's simulated attestation services, called from the core's blocking pool.
pub struct SimulatedServices {
    client: BankClient,
    runtime: Handle,
    /// Where the simulated Android keys claim to live.
    level: AttestationLevel,
    /// The client data hashes App Attest was asked to assert, in order.
    assertions: Mutex<Vec<Vec<u8>>>,
}

impl SimulatedServices {
    fn post<T: serde::de::DeserializeOwned>(
        &self,
        path: &str,
        body: &(impl serde::Serialize + ?Sized),
    ) -> Result<T, String> {
        self.runtime
            .block_on(self.client.post(path, None, body))
            .map_err(|e| format!("{path}: {e}"))
    }

    fn android_chain(
        &self,
        public_key: Vec<u8>,
        challenge: &[u8],
        role: AttestedKeyRole,
    ) -> Result<Vec<Vec<u8>>, KeyError> {
        let evidence: KeyAttestation = self
            .post(
                "/v1/sandbox/attestation/android",
                &SimulatedAndroidKey {
                    public_key: Base64Bytes(public_key),
                    challenge: Base64Bytes(challenge.to_vec()),
                    role,
                    security_level: self.level,
                },
            )
            .map_err(|_| KeyError::SigningFailed)?;
        match evidence {
            KeyAttestation::AndroidKeyAttestation { certificate_chain } => {
                Ok(certificate_chain.into_iter().map(|c| c.0).collect())
            }
            KeyAttestation::AppleAppAttest { .. } => Err(KeyError::SigningFailed),
        }
    }

    /// How many App Attest assertions the core asked for, and over what.
    pub fn assertions(&self) -> Vec<Vec<u8>> {
        self.assertions
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone()
    }
}

/// Android K_dev: software keys, with the chain the simulated Keystore gives.
struct AttestingDeviceKeys {
    keys: Arc<SoftwareDeviceKeys>,
    services: Arc<SimulatedServices>,
}

impl DeviceKeyFactory for AttestingDeviceKeys {
    fn create(
        &self,
        profile_id: &str,
        attestation_challenge: Option<&[u8]>,
    ) -> Result<CreatedKey<dyn DeviceKey>, KeyError> {
        let created = self.keys.create(profile_id, None)?;
        let chain = match attestation_challenge {
            Some(challenge) => Some(self.services.android_chain(
                created.key.public_key()?,
                challenge,
                AttestedKeyRole::Device,
            )?),
            None => None,
        };
        Ok(CreatedKey {
            key: created.key,
            attestation_chain: chain,
        })
    }

    fn open(&self, profile_id: &str) -> Result<Option<Arc<dyn DeviceKey>>, KeyError> {
        self.keys.open(profile_id)
    }

    fn delete(&self, profile_id: &str) -> Result<(), KeyError> {
        self.keys.delete(profile_id)
    }

    fn has_secure_lock_screen(&self) -> bool {
        self.keys.has_secure_lock_screen()
    }
}

/// Android K_bio: software biometric keys, with the chain of a key that needs a
/// biometric for every use.
struct AttestingBiometrics {
    keys: SoftwareBiometrics,
    services: Arc<SimulatedServices>,
}

impl BiometricKeyFactory for AttestingBiometrics {
    fn is_available(&self) -> bool {
        self.keys.is_available()
    }

    fn create(
        &self,
        profile_id: &str,
        attestation_challenge: Option<&[u8]>,
    ) -> Result<CreatedKey<dyn BiometricKey>, KeyError> {
        let created = self.keys.create(profile_id, None)?;
        let chain = match attestation_challenge {
            Some(challenge) => Some(self.services.android_chain(
                created.key.public_key()?,
                challenge,
                AttestedKeyRole::Biometric,
            )?),
            None => None,
        };
        Ok(CreatedKey {
            key: created.key,
            attestation_chain: chain,
        })
    }

    fn open(&self, profile_id: &str) -> Result<Option<Arc<dyn BiometricKey>>, KeyError> {
        self.keys.open(profile_id)
    }

    fn delete(&self, profile_id: &str) -> Result<(), KeyError> {
        self.keys.delete(profile_id)
    }
}

/// iOS: `DCAppAttestService` as the sandbox simulates it.
struct SimulatedAppAttest {
    services: Arc<SimulatedServices>,
}

fn key_id_bytes(key_id: &str) -> Result<Vec<u8>, AppAttestError> {
    STANDARD
        .decode(key_id)
        .map_err(|_| AppAttestError::new("invalid_key_id"))
}

impl AppAttest for SimulatedAppAttest {
    fn is_supported(&self) -> bool {
        true
    }

    fn generate_key(&self) -> Result<String, AppAttestError> {
        let key: SimulatedAppAttestKey = self
            .services
            .post(
                "/v1/sandbox/attestation/apple/keys",
                &serde_json::Map::new(),
            )
            .map_err(AppAttestError::new)?;
        Ok(STANDARD.encode(key.key_id.0))
    }

    fn attest_key(&self, key_id: &str, client_data_hash: &[u8]) -> Result<Vec<u8>, AppAttestError> {
        let evidence: KeyAttestation = self
            .services
            .post(
                "/v1/sandbox/attestation/apple/attest",
                &SimulatedAppAttestCall {
                    key_id: Base64Bytes(key_id_bytes(key_id)?),
                    client_data_hash: Base64Bytes(client_data_hash.to_vec()),
                },
            )
            .map_err(AppAttestError::new)?;
        match evidence {
            KeyAttestation::AppleAppAttest {
                attestation_object, ..
            } => Ok(attestation_object.0),
            KeyAttestation::AndroidKeyAttestation { .. } => {
                Err(AppAttestError::new("unexpected_format"))
            }
        }
    }

    fn generate_assertion(
        &self,
        key_id: &str,
        client_data_hash: &[u8],
    ) -> Result<Vec<u8>, AppAttestError> {
        self.services
            .assertions
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .push(client_data_hash.to_vec());
        let answer: SimulatedAppAttestAssertion = self
            .services
            .post(
                "/v1/sandbox/attestation/apple/assert",
                &SimulatedAppAttestCall {
                    key_id: Base64Bytes(key_id_bytes(key_id)?),
                    client_data_hash: Base64Bytes(client_data_hash.to_vec()),
                },
            )
            .map_err(AppAttestError::new)?;
        Ok(answer.assertion.0)
    }
}

/// Which platform's evidence a phone gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flavour {
    /// Android: K_dev and K_bio with Keystore chains at this level.
    Android(AttestationLevel),
    /// iOS: App Attest.
    Ios,
}

/// A phone that attests, against the harness's bank.
pub struct AttestingPhone {
    /// The phone's core.
    pub avain: Arc<Avain>,
    /// The simulated services its evidence comes from.
    pub services: Arc<SimulatedServices>,
}

impl Harness {
    /// Puts the bank's attestation policy in force (until the next one).
    pub async fn set_attestation_policy(
        &self,
        policy: AttestationPolicySettings,
    ) -> Result<AttestationPolicySettings, Failure> {
        self.browser
            .post("/v1/sandbox/attestation/policy", None, &policy)
            .await
            .map_err(|e| format!("attestation policy: {e}"))
    }

    /// A phone of `flavour` on a fresh data directory under `dir` whose keys come with
    /// the sandbox's simulated evidence.
    pub fn attesting_phone(&self, dir: &Path, flavour: Flavour) -> Result<AttestingPhone, Failure> {
        let services = Arc::new(SimulatedServices {
            client: BankClient::for_sandbox(&self.bank)?,
            runtime: Handle::current(),
            level: match flavour {
                Flavour::Android(level) => level,
                Flavour::Ios => AttestationLevel::TrustedEnvironment,
            },
            assertions: Mutex::new(Vec::new()),
        });
        let secrets = Arc::new(MemorySecretStore::new());
        let device_keys = Arc::new(SoftwareDeviceKeys::new(secrets.clone()));
        let biometrics = SoftwareBiometrics::new(secrets.clone(), Arc::new(SimulatedSensor::new()));
        let parts = match flavour {
            Flavour::Android(_) => PlatformParts {
                secrets,
                device_keys: Arc::new(AttestingDeviceKeys {
                    keys: device_keys,
                    services: Arc::clone(&services),
                }),
                biometric_keys: Arc::new(AttestingBiometrics {
                    keys: biometrics,
                    services: Arc::clone(&services),
                }),
                app_attest: None,
                clock: Arc::new(ManualClock::default()),
            },
            Flavour::Ios => PlatformParts {
                secrets,
                device_keys,
                biometric_keys: Arc::new(biometrics),
                app_attest: Some(Arc::new(SimulatedAppAttest {
                    services: Arc::clone(&services),
                })),
                clock: Arc::new(ManualClock::default()),
            },
        };
        let device = match flavour {
            Flavour::Android(_) => test_device(),
            Flavour::Ios => DeviceDetails {
                platform: Platform::Ios,
                model: "iPhone15,2".to_owned(),
                os_version: "17.4".to_owned(),
                app_version: "1.0.0".to_owned(),
            },
        };
        let avain = Avain::open(test_config(dir, bank_config(&self.bank)?, device), parts)
            .map_err(|e| format!("open: {}", e.code()))?;
        Ok(AttestingPhone { avain, services })
    }
}
