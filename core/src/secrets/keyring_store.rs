//! A [`SecretStore`] on the desktop's credential store through `keyring-core`
//! (feature `keyring`). On Linux it uses the kernel's keyutils: secrets live in the session
//! keyring, in kernel memory, and vanish at logout or reboot, so a Linux desktop program
//! keeps its keys only as long as its login session, much as a phone's keystore keeps them
//! only as long as the app is installed.

use std::sync::Arc;

use keyring_core::{CredentialStore, Entry, Error as KeyringError};
use zeroize::Zeroizing;

use super::{SecretBytes, SecretStore, SecretStoreError, check_name};

/// Secrets in a keyring-core credential store, one credential per name under one service.
pub struct KeyringSecretStore {
    store: Arc<CredentialStore>,
    service: String,
}

impl KeyringSecretStore {
    /// Uses `store` (any keyring-core store) with credentials under `service`
    /// (for example `fi.example.avain`).
    pub fn new(store: Arc<CredentialStore>, service: &str) -> KeyringSecretStore {
        KeyringSecretStore {
            store,
            service: service.to_owned(),
        }
    }

    /// The Linux keyutils store (session keyring) with credentials under `service`.
    #[cfg(target_os = "linux")]
    pub fn linux_keyutils(service: &str) -> Result<KeyringSecretStore, SecretStoreError> {
        let store = linux_keyutils_keyring_store::Store::new().map_err(|e| map_error(&e))?;
        Ok(KeyringSecretStore::new(store, service))
    }

    fn entry(&self, name: &str) -> Result<Entry, SecretStoreError> {
        check_name(name)?;
        self.store
            .build(&self.service, name, None)
            .map_err(|e| map_error(&e))
    }
}

/// Maps keyring errors without formatting them: some variants carry the raw secret bytes
/// (`BadEncoding`, `BadDataFormat`), and their `Debug` would print them.
fn map_error(error: &KeyringError) -> SecretStoreError {
    match error {
        KeyringError::NoStorageAccess(_) | KeyringError::NoDefaultStore => {
            SecretStoreError::Unavailable
        }
        KeyringError::BadEncoding(_)
        | KeyringError::BadDataFormat(_, _)
        | KeyringError::BadStoreFormat(_)
        | KeyringError::Ambiguous(_) => SecretStoreError::Corrupted,
        KeyringError::TooLong(..) | KeyringError::Invalid(..) => SecretStoreError::InvalidName,
        KeyringError::PlatformFailure(_) => SecretStoreError::Platform {
            reason: "platform failure".to_owned(),
        },
        KeyringError::NotSupportedByStore(_) => SecretStoreError::Platform {
            reason: "operation not supported by the store".to_owned(),
        },
        KeyringError::NoEntry => SecretStoreError::Platform {
            reason: "no entry".to_owned(),
        },
        _ => SecretStoreError::Platform {
            reason: "unknown keyring error".to_owned(),
        },
    }
}

impl SecretStore for KeyringSecretStore {
    fn get(&self, name: &str) -> Result<Option<SecretBytes>, SecretStoreError> {
        match self.entry(name)?.get_secret() {
            Ok(bytes) => Ok(Some(SecretBytes::from(Zeroizing::new(bytes)))),
            Err(KeyringError::NoEntry) => Ok(None),
            Err(e) => Err(map_error(&e)),
        }
    }

    fn put(&self, name: &str, value: &[u8]) -> Result<(), SecretStoreError> {
        self.entry(name)?
            .set_secret(value)
            .map_err(|e| map_error(&e))
    }

    fn delete(&self, name: &str) -> Result<(), SecretStoreError> {
        match self.entry(name)?.delete_credential() {
            Ok(()) | Err(KeyringError::NoEntry) => Ok(()),
            Err(e) => Err(map_error(&e)),
        }
    }
}

impl std::fmt::Debug for KeyringSecretStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("KeyringSecretStore")
            .field("service", &self.service)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    //! Run by `tests/run keyring` inside `keyctl session`, on the real kernel keyring.

    use super::*;
    use crate::secrets::tests::exercise_store;

    fn store() -> KeyringSecretStore {
        // A service per test process so parallel runs never share credentials.
        let service = format!("avain-test-{}", std::process::id());
        KeyringSecretStore::linux_keyutils(&service).expect("keyutils store")
    }

    #[test]
    fn the_keyutils_store_behaves_like_every_secret_store() {
        exercise_store(&store(), "avain/test/keyring-contract");
    }

    #[test]
    fn a_value_written_by_one_handle_is_read_by_another() {
        let name = "avain/test/keyring-second-handle";
        store().put(name, &[9u8; 48]).unwrap();
        let read = store().get(name).unwrap().expect("stored");
        assert_eq!(read.expose(), &[9u8; 48]);
        store().delete(name).unwrap();
        assert!(store().get(name).unwrap().is_none());
    }

    #[test]
    fn binary_values_with_zero_bytes_survive() {
        let name = "avain/test/keyring-binary";
        let value: Vec<u8> = (0..=255u8).collect();
        let s = store();
        s.put(name, &value).unwrap();
        assert_eq!(s.get(name).unwrap().unwrap().expose(), value.as_slice());
        s.delete(name).unwrap();
    }
}
