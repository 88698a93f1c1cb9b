//! The bank's own keys, generated at first start and kept in `<data dir>/keys/`:
//! - the challenge key (ECDSA P-256) signs every challenge, so the device knows it talks
//!   to its bank;
//! - the policy key (ECDSA P-256) signs OS policy documents;
//! - the pepper (32 random bytes) keys the hashes of short secrets in the database.
//!
//! Separate keys per purpose: a signature made for one can never be replayed as the other,
//! and each can be rotated alone.

use std::path::Path;

use ring::rand::SystemRandom;
use ring::signature::{ECDSA_P256_SHA256_ASN1_SIGNING, EcdsaKeyPair, KeyPair};
use zeroize::Zeroizing;

use crate::crypto::SecretHasher;
use crate::key_files;

/// A P-256 signing key of the bank.
pub struct BankSigningKey {
    pair: EcdsaKeyPair,
    rng: SystemRandom,
}

impl std::fmt::Debug for BankSigningKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("BankSigningKey([redacted])")
    }
}

impl BankSigningKey {
    fn load_or_create(path: &Path) -> Result<Self, String> {
        let rng = SystemRandom::new();
        let pkcs8 = Zeroizing::new(key_files::load_or_create(path, true, || {
            EcdsaKeyPair::generate_pkcs8(&ECDSA_P256_SHA256_ASN1_SIGNING, &rng)
                .map(|doc| doc.as_ref().to_vec())
                .map_err(|_| "generating a P-256 key failed".to_owned())
        })?);
        let pair = EcdsaKeyPair::from_pkcs8(&ECDSA_P256_SHA256_ASN1_SIGNING, &pkcs8, &rng)
            .map_err(|_| format!("{} is not a P-256 PKCS#8 key", path.display()))?;
        Ok(BankSigningKey { pair, rng })
    }

    /// The key pair, for code that signs with ring directly (policy envelopes).
    pub fn key_pair(&self) -> &EcdsaKeyPair {
        &self.pair
    }

    /// The public key, SEC1 uncompressed (65 bytes).
    pub fn public_key(&self) -> Vec<u8> {
        self.pair.public_key().as_ref().to_vec()
    }

    /// Signs `message`: ECDSA P-256 SHA-256, ASN.1 DER.
    pub fn sign(&self, message: &[u8]) -> Result<Vec<u8>, String> {
        self.pair
            .sign(&self.rng, message)
            .map(|sig| sig.as_ref().to_vec())
            .map_err(|_| "signing failed".to_owned())
    }
}

/// All of the bank's key material.
#[derive(Debug)]
pub struct BankKeys {
    /// Signs challenges.
    pub challenge: BankSigningKey,
    /// Signs OS policies.
    pub policy: BankSigningKey,
    /// Hashes short secrets.
    pub hasher: SecretHasher,
}

impl BankKeys {
    /// Loads the keys from `dir`, creating missing ones.
    pub fn load_or_create(dir: &Path) -> Result<Self, String> {
        let challenge = BankSigningKey::load_or_create(&dir.join("challenge-signing.p8"))?;
        let policy = BankSigningKey::load_or_create(&dir.join("policy-signing.p8"))?;
        let pepper = Zeroizing::new(key_files::load_or_create(
            &dir.join("pepper.bin"),
            true,
            || Ok(crate::crypto::random_bytes::<32>().to_vec()),
        )?);
        if pepper.len() != 32 {
            return Err("keys/pepper.bin must hold 32 bytes".to_owned());
        }
        Ok(BankKeys {
            challenge,
            policy,
            hasher: SecretHasher::new(&pepper),
        })
    }
}
