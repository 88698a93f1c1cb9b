//! The platform's secret store (Android Keystore-wrapped storage, iOS Keychain) as a
//! foreign trait, and the adapter through which the core uses it as its own
//! [`avain_core::secrets::SecretStore`].
//!
//! Values cross the FFI as byte arrays: UniFFI copies them, and the copies on the
//! Kotlin/Swift side are outside Rust's control (the shells keep them no longer than the
//! call). On the Rust side they become [`SecretBytes`] at once, which wipe themselves.

use std::sync::Arc;

use avain_core::secrets::{self as core_secrets, SecretBytes, SecretStoreError};

use crate::error::{PlatformError, secret_store_error};

/// A keystore of named byte strings, implemented by the shell: on Android values
/// encrypted with an AES-GCM key that never leaves the Android Keystore; on iOS Keychain
/// items readable only on this device after its first unlock; in tests, memory.
///
/// Names are ASCII (`avain/...`, at most 128 characters of `a-z 0-9 . _ - /`) and hold no
/// personal data; values are at most a few kilobytes. The core calls these methods from
/// its own threads, never from the app's main thread, possibly from several at once.
#[uniffi::export(with_foreign)]
pub trait SecretStore: Send + Sync {
    /// The value stored under `name`, or `None` if there is none.
    fn get(&self, name: String) -> Result<Option<Vec<u8>>, PlatformError>;

    /// Stores `value` under `name`, replacing any previous value; durable when it returns.
    fn put(&self, name: String, value: Vec<u8>) -> Result<(), PlatformError>;

    /// Removes `name` and its value; succeeds if there was none.
    fn delete(&self, name: String) -> Result<(), PlatformError>;
}

/// The shell's [`SecretStore`] as the core's secret store.
pub(crate) struct CoreSecretStore {
    platform: Arc<dyn SecretStore>,
}

impl CoreSecretStore {
    pub(crate) fn new(platform: Arc<dyn SecretStore>) -> CoreSecretStore {
        CoreSecretStore { platform }
    }
}

impl core_secrets::SecretStore for CoreSecretStore {
    fn get(&self, name: &str) -> Result<Option<SecretBytes>, SecretStoreError> {
        core_secrets::check_name(name)?;
        match self.platform.get(name.to_owned()) {
            Ok(value) => Ok(value.map(SecretBytes::new)),
            // The Keychain answers a missing item with errSecItemNotFound.
            Err(PlatformError::KeyNotFound) => Ok(None),
            Err(e) => Err(secret_store_error(e)),
        }
    }

    fn put(&self, name: &str, value: &[u8]) -> Result<(), SecretStoreError> {
        core_secrets::check_name(name)?;
        self.platform
            .put(name.to_owned(), value.to_vec())
            .map_err(secret_store_error)
    }

    fn delete(&self, name: &str) -> Result<(), SecretStoreError> {
        core_secrets::check_name(name)?;
        match self.platform.delete(name.to_owned()) {
            Ok(()) | Err(PlatformError::KeyNotFound) => Ok(()),
            Err(e) => Err(secret_store_error(e)),
        }
    }
}

/// The core's in-memory secret store behind the foreign trait: what a Rust-only test
/// passes where a shell would pass its Keystore or Keychain store.
#[cfg(test)]
#[derive(Default)]
pub(crate) struct RustMemoryStore(pub core_secrets::MemorySecretStore);

#[cfg(test)]
impl SecretStore for RustMemoryStore {
    fn get(&self, name: String) -> Result<Option<Vec<u8>>, PlatformError> {
        use core_secrets::SecretStore as _;
        self.0
            .get(&name)
            .map(|v| v.map(|v| v.expose().to_vec()))
            .map_err(|e| PlatformError::Failure {
                reason: e.code().to_owned(),
            })
    }

    fn put(&self, name: String, value: Vec<u8>) -> Result<(), PlatformError> {
        use core_secrets::SecretStore as _;
        self.0
            .put(&name, &value)
            .map_err(|e| PlatformError::Failure {
                reason: e.code().to_owned(),
            })
    }

    fn delete(&self, name: String) -> Result<(), PlatformError> {
        use core_secrets::SecretStore as _;
        self.0.delete(&name).map_err(|e| PlatformError::Failure {
            reason: e.code().to_owned(),
        })
    }
}

#[cfg(test)]
mod tests {
    use core_secrets::SecretStore as _;

    use super::*;

    struct Failing(PlatformError);

    impl SecretStore for Failing {
        fn get(&self, _: String) -> Result<Option<Vec<u8>>, PlatformError> {
            Err(self.0.clone())
        }
        fn put(&self, _: String, _: Vec<u8>) -> Result<(), PlatformError> {
            Err(self.0.clone())
        }
        fn delete(&self, _: String) -> Result<(), PlatformError> {
            Err(self.0.clone())
        }
    }

    #[test]
    fn round_trip_through_the_adapter() {
        let store = CoreSecretStore::new(Arc::new(RustMemoryStore(Default::default())));
        assert_eq!(store.get("avain/x").unwrap(), None);
        store.put("avain/x", b"value").unwrap();
        assert_eq!(store.get("avain/x").unwrap().unwrap().expose(), b"value");
        store.delete("avain/x").unwrap();
        store.delete("avain/x").unwrap();
        assert_eq!(store.get("avain/x").unwrap(), None);
    }

    #[test]
    fn bad_names_never_reach_the_platform() {
        let store = CoreSecretStore::new(Arc::new(Failing(PlatformError::Cancelled)));
        assert_eq!(
            store.get("Avain/Profile").unwrap_err(),
            SecretStoreError::InvalidName
        );
    }

    #[test]
    fn platform_failures_become_secret_store_errors() {
        let missing = CoreSecretStore::new(Arc::new(Failing(PlatformError::KeyNotFound)));
        assert_eq!(missing.get("avain/x").unwrap(), None);
        assert_eq!(missing.delete("avain/x"), Ok(()));
        let locked = CoreSecretStore::new(Arc::new(Failing(PlatformError::Unavailable)));
        assert_eq!(
            locked.put("avain/x", b"v").unwrap_err(),
            SecretStoreError::Unavailable
        );
        let broken = CoreSecretStore::new(Arc::new(Failing(PlatformError::Failure {
            reason: "java.security.KeyStoreException".into(),
        })));
        assert_eq!(
            broken.get("avain/x").unwrap_err(),
            SecretStoreError::Platform {
                reason: "java.security.KeyStoreException".into()
            }
        );
    }
}
