//! The evidence a phone sends, as plain data: what the registration protocol will carry
//! (its wire form is the protocol crate's, next; these types depend on nothing else of
//! this crate's but the checks they turn into, so they can move there as they are).

use time::OffsetDateTime;

use crate::android::AndroidCheck;
use crate::apple::AppleCheck;
use crate::policy::KeyRole;

/// A key's attestation evidence, per platform.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Evidence {
    /// An Android Keystore key's certificate chain.
    Android(AndroidEvidence),
    /// An App Attest attestation object.
    Apple(AppleEvidence),
}

/// An Android Keystore key's certificate chain, generated with the bank's challenge.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AndroidEvidence {
    /// DER certificates, leaf first, as `KeyStore.getCertificateChain` returns them.
    pub chain: Vec<Vec<u8>>,
}

/// An App Attest attestation object with the key id it attests.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AppleEvidence {
    /// The attestation object (CBOR).
    pub object: Vec<u8>,
    /// The key id from `generateKey` (32 bytes).
    pub key_id: Vec<u8>,
}

impl AndroidEvidence {
    /// What to verify: this chain against the bank's challenge for this key, at `at`.
    pub fn check<'a>(
        &'a self,
        challenge: &'a [u8],
        role: KeyRole,
        at: OffsetDateTime,
    ) -> AndroidCheck<'a> {
        AndroidCheck {
            chain: &self.chain,
            challenge: Some(challenge),
            role,
            at,
        }
    }
}

impl AppleEvidence {
    /// What to verify: this object for `app_id`, bound to the clientDataHash the bank
    /// computes itself from the registration, at `at`.
    pub fn check<'a>(
        &'a self,
        client_data_hash: &'a [u8],
        app_id: &'a str,
        at: OffsetDateTime,
    ) -> AppleCheck<'a> {
        AppleCheck {
            object: &self.object,
            key_id: &self.key_id,
            client_data_hash,
            app_id,
            at,
        }
    }
}
