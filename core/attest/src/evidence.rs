//! The evidence a phone sends, as plain data: what the registration protocol will carry
//! (its wire form is the protocol crate's, next; these types have no dependency so they
//! can move there as they are).

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
