//! K_dev in software, for tests only: the core's `ring` key kept in a [`SecretStore`] the
//! shell passes, exported as [`software_device_keys`] when avain-ffi is built with the
//! cargo feature `software-keys` (tests/bindings/generate does). The phone library
//! (`--profile phone`, android/build-rust.sh, ios/build-xcframework.sh) is built without
//! it, so an app cannot fall back to a key that any code with the store's contents could
//! copy. The crate's own unit tests use it too.

use std::sync::Arc;

use avain_core::keys::{DeviceKeyFactory, SoftwareDeviceKeys};

use crate::device_keys::{CreatedKey, DeviceKeys};
use crate::error::{PlatformError, platform_error};
use crate::secret_store::{CoreSecretStore, SecretStore};

/// Device keys made by the core with `ring`, their private keys (PKCS#8) kept in
/// `store`: for the Kotlin and Swift tests. Only in a library built with the
/// `software-keys` feature; apps use the shell's hardware-backed keys.
#[uniffi::export]
pub fn software_device_keys(store: Arc<dyn SecretStore>) -> Arc<dyn DeviceKeys> {
    Arc::new(SoftwareKeys(SoftwareDeviceKeys::new(Arc::new(
        CoreSecretStore::new(store),
    ))))
}

struct SoftwareKeys(SoftwareDeviceKeys);

impl DeviceKeys for SoftwareKeys {
    /// Software keys cannot be attested: the challenge is ignored and no chain returned
    /// (a test that wants evidence wraps these keys: Kotlin `JvmDeviceKeys`, Swift
    /// `SwiftDeviceKeys`, which ask the sandbox's simulated attestation service).
    fn create(
        &self,
        profile_id: String,
        _attestation_challenge: Option<Vec<u8>>,
    ) -> Result<CreatedKey, PlatformError> {
        let created = self.0.create(&profile_id, None).map_err(platform_error)?;
        Ok(CreatedKey {
            public_key: created.key.public_key().map_err(platform_error)?,
            attestation_chain: None,
        })
    }

    fn public_key(&self, profile_id: String) -> Result<Option<Vec<u8>>, PlatformError> {
        match self.0.open(&profile_id).map_err(platform_error)? {
            Some(key) => key.public_key().map(Some).map_err(platform_error),
            None => Ok(None),
        }
    }

    fn sign(&self, profile_id: String, message: Vec<u8>) -> Result<Vec<u8>, PlatformError> {
        let key = self
            .0
            .open(&profile_id)
            .map_err(platform_error)?
            .ok_or(PlatformError::KeyNotFound)?;
        key.sign(&message).map_err(platform_error)
    }

    fn delete(&self, profile_id: String) -> Result<(), PlatformError> {
        self.0.delete(&profile_id).map_err(platform_error)
    }

    /// A test's software keys stand for a phone with its screen lock on; a test of the
    /// lock wraps them (Kotlin `JvmDeviceKeys`, Swift `SwiftDeviceKeys`).
    fn has_secure_lock_screen(&self) -> bool {
        self.0.has_secure_lock_screen()
    }
}
