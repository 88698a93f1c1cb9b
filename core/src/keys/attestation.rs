//! What the platform says about a key it made (docs/attestation.md): the evidence the
//! core carries to the bank and never judges itself.
//!
//! - Android: K_dev and K_bio are made with the bank's attestation challenge
//!   (`setAttestationChallenge`) and come with their certificate chain ([`CreatedKey`]).
//! - iOS: App Attest ([`AppAttest`]) vouches for the app instance: a key whose id the
//!   core keeps per profile in the secret store, attested once at registration and asked
//!   for assertions on approvals where the bank's policy wants one.
//!
//! A platform that cannot attest (an old Android, a simulator, App Attest unsupported)
//! gives no evidence; that is not an error here: the bank's policy decides.

use std::sync::Arc;

use super::KeyError;
use crate::secrets::{SecretStore, profile_secret_name};

/// A key just made, with the platform's evidence for it.
pub struct CreatedKey<K: ?Sized> {
    /// The key.
    pub key: Arc<K>,
    /// Android: the key's certificate chain (DER, leaf first) as Keystore returned it for
    /// a key made with the attestation challenge. `None` when no challenge was given or
    /// the platform cannot attest.
    pub attestation_chain: Option<Vec<Vec<u8>>>,
}

impl<K: ?Sized> CreatedKey<K> {
    /// A key without evidence (a platform that cannot attest, or no challenge).
    pub fn unattested(key: Arc<K>) -> CreatedKey<K> {
        CreatedKey {
            key,
            attestation_chain: None,
        }
    }
}

impl<K: ?Sized> std::fmt::Debug for CreatedKey<K> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CreatedKey")
            .field(
                "attestation_chain",
                &self.attestation_chain.as_ref().map(Vec::len),
            )
            .finish_non_exhaustive()
    }
}

/// Why the platform gave no App Attest evidence: its own reason code for the log
/// (`DCError` case, exception type), never bytes of a key or object.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("app attest: {reason}")]
pub struct AppAttestError {
    /// The platform's reason code.
    pub reason: String,
}

impl AppAttestError {
    /// An error with `reason`.
    pub fn new(reason: impl Into<String>) -> AppAttestError {
        AppAttestError {
            reason: reason.into(),
        }
    }
}

/// Apple's App Attest (`DCAppAttestService`), implemented by the iOS shell. Each call may
/// block (Apple's servers are asked); the core calls them from its blocking pool.
pub trait AppAttest: Send + Sync {
    /// Whether App Attest works on this device (`DCAppAttestService.isSupported`; false
    /// on the simulator).
    fn is_supported(&self) -> bool;

    /// Makes a new App Attest key and returns its key id (base64 of 32 bytes, as
    /// `generateKey` gives it).
    fn generate_key(&self) -> Result<String, AppAttestError>;

    /// Apple's attestation object (CBOR) for `key_id` over `client_data_hash`.
    fn attest_key(&self, key_id: &str, client_data_hash: &[u8]) -> Result<Vec<u8>, AppAttestError>;

    /// An assertion (CBOR) by `key_id` over `client_data_hash`.
    fn generate_assertion(
        &self,
        key_id: &str,
        client_data_hash: &[u8],
    ) -> Result<Vec<u8>, AppAttestError>;
}

fn key_id_name(profile_id: &str) -> String {
    profile_secret_name(profile_id, "app-attest-key-id")
}

/// Remembers the App Attest key id the bank took with `profile_id`'s registration.
pub fn store_app_attest_key_id(
    secrets: &dyn SecretStore,
    profile_id: &str,
    key_id: &str,
) -> Result<(), KeyError> {
    Ok(secrets.put(&key_id_name(profile_id), key_id.as_bytes())?)
}

/// The App Attest key id of `profile_id`, if its registration was attested with one.
pub fn load_app_attest_key_id(
    secrets: &dyn SecretStore,
    profile_id: &str,
) -> Result<Option<String>, KeyError> {
    let Some(stored) = secrets.get(&key_id_name(profile_id))? else {
        return Ok(None);
    };
    String::from_utf8(stored.expose().to_vec())
        .map(Some)
        .map_err(|_| KeyError::Corrupted)
}

/// Forgets `profile_id`'s App Attest key id (App Attest keys cannot be deleted; an
/// unused one is harmless). Succeeds if there was none.
pub fn delete_app_attest_key_id(
    secrets: &dyn SecretStore,
    profile_id: &str,
) -> Result<(), KeyError> {
    Ok(secrets.delete(&key_id_name(profile_id))?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::secrets::MemorySecretStore;

    #[test]
    fn the_key_id_is_kept_per_profile_and_forgotten() {
        let secrets = MemorySecretStore::new();
        assert_eq!(load_app_attest_key_id(&secrets, "p1").unwrap(), None);
        store_app_attest_key_id(&secrets, "p1", "a2V5").unwrap();
        assert_eq!(
            load_app_attest_key_id(&secrets, "p1").unwrap().as_deref(),
            Some("a2V5")
        );
        assert_eq!(load_app_attest_key_id(&secrets, "p2").unwrap(), None);
        delete_app_attest_key_id(&secrets, "p1").unwrap();
        delete_app_attest_key_id(&secrets, "p1").unwrap();
        assert_eq!(load_app_attest_key_id(&secrets, "p1").unwrap(), None);
    }

    #[test]
    fn debug_shows_only_the_chain_length() {
        struct Nothing;
        let created = CreatedKey {
            key: Arc::new(Nothing),
            attestation_chain: Some(vec![vec![0x30, 0x82], vec![0x30]]),
        };
        assert_eq!(
            format!("{created:?}"),
            "CreatedKey { attestation_chain: Some(2), .. }"
        );
    }
}
