//! A secret store in process memory, for tests and for programs that keep nothing.

use std::collections::HashMap;
use std::sync::Mutex;

use zeroize::Zeroizing;

use super::{SecretBytes, SecretStore, SecretStoreError, check_name};

/// Keeps secrets in a map; values are wiped when replaced, deleted or dropped.
#[derive(Default)]
pub struct MemorySecretStore {
    entries: Mutex<HashMap<String, Zeroizing<Vec<u8>>>>,
}

impl MemorySecretStore {
    /// An empty store.
    pub fn new() -> MemorySecretStore {
        MemorySecretStore::default()
    }

    /// The names currently stored, sorted (for tests that check what was wiped).
    pub fn names(&self) -> Vec<String> {
        let mut names: Vec<String> = self.lock().keys().cloned().collect();
        names.sort();
        names
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Zeroizing<Vec<u8>>>> {
        // A panic while holding the lock cannot leave the map half-updated (every operation
        // is a single insert/remove), so a poisoned lock is still consistent.
        self.entries
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

impl SecretStore for MemorySecretStore {
    fn get(&self, name: &str) -> Result<Option<SecretBytes>, SecretStoreError> {
        check_name(name)?;
        Ok(self.lock().get(name).map(|v| SecretBytes::copy_from(v)))
    }

    fn put(&self, name: &str, value: &[u8]) -> Result<(), SecretStoreError> {
        check_name(name)?;
        self.lock()
            .insert(name.to_owned(), Zeroizing::new(value.to_vec()));
        Ok(())
    }

    fn delete(&self, name: &str) -> Result<(), SecretStoreError> {
        check_name(name)?;
        self.lock().remove(name);
        Ok(())
    }
}

impl std::fmt::Debug for MemorySecretStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MemorySecretStore")
            .field("entries", &self.lock().len())
            .finish()
    }
}
