//! Where the device keeps small secrets: key material, the per-profile device secret, the
//! store's data key.
//!
//! [`SecretStore`] is the one interface: get, put and delete bytes by name. Phones
//! implement it in their shells over the Android Keystore / iOS Keychain (through the FFI,
//! which is why the trait is object safe, `Send + Sync` and speaks only bytes and
//! strings); Rust programs on a desktop use [`KeyringSecretStore`] (feature `keyring`);
//! tests use [`MemorySecretStore`]. Nothing here ever logs a value.

mod error;
#[cfg(feature = "keyring")]
mod keyring_store;
mod memory;
mod names;
mod secret_bytes;

pub use error::SecretStoreError;
#[cfg(feature = "keyring")]
pub use keyring_store::KeyringSecretStore;
pub use memory::MemorySecretStore;
pub use names::{check_name, profile_secret_name};
pub use secret_bytes::SecretBytes;

/// A keystore of named byte strings.
///
/// Names are ASCII (`avain/...`, see [`check_name`]); values are at most a few kilobytes.
/// Implementations must be safe to call from several threads, must make `put` durable
/// before returning, and must treat `delete` of a missing name as success.
pub trait SecretStore: Send + Sync {
    /// The value stored under `name`, or `None` if there is none.
    fn get(&self, name: &str) -> Result<Option<SecretBytes>, SecretStoreError>;

    /// Stores `value` under `name`, replacing any previous value. Changes persisted state.
    fn put(&self, name: &str, value: &[u8]) -> Result<(), SecretStoreError>;

    /// Removes `name` and its value; succeeds if there was none. Changes persisted state.
    fn delete(&self, name: &str) -> Result<(), SecretStoreError>;
}

/// Returns the value under `name`, creating it with `make` the first time.
///
/// Used for the device's long-lived secrets (the data key, each profile's device secret):
/// the value is made once and read back on every later call.
pub fn get_or_create(
    store: &dyn SecretStore,
    name: &str,
    make: impl FnOnce() -> Result<SecretBytes, SecretStoreError>,
) -> Result<SecretBytes, SecretStoreError> {
    if let Some(existing) = store.get(name)? {
        return Ok(existing);
    }
    let value = make()?;
    store.put(name, value.expose())?;
    Ok(value)
}

#[cfg(test)]
mod tests;
