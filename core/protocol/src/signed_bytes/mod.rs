//! The canonical bytes every approval signs.
//!
//! Each approval carries two signatures over the same bytes (K_dev for possession, and K_pin
//! or K_bio for knowledge or inherence). Those bytes are built here and only here, from
//! typed fields, never from JSON text: one version byte, then length-prefixed fields, the
//! first of which names the purpose, so a signature made for one purpose can never be
//! replayed as another. The format is specified in `docs/protocol.md`, and
//! `tests/vectors/signed_bytes.json` holds vectors that the sandbox bank checks too.
//!
//! The server recomputes the same bytes from its own record of the challenge and of what is
//! being approved (dynamic linking: a payment's amount and payee are in the bytes), so the
//! device never sends these bytes, only the fields and the signatures.

mod approval;
mod encoder;
mod error;
mod fields;
mod purpose;

use ring::digest;
use serde::{Deserialize, Serialize};

pub use approval::{Approval, LoginChannel};
pub use error::SignedBytesError;
pub use purpose::Purpose;

use encoder::Encoder;

/// The format version, the first byte of every encoding.
pub const VERSION: u8 = 1;

/// What binds an approval to one server challenge.
///
/// The server issues the nonce and the counter with the challenge; it accepts a signature
/// over them once, before the challenge expires, and only if the counter is greater than
/// the last one it accepted for the profile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChallengeContext {
    /// The challenge's random nonce, 16 to 64 bytes (hex in JSON).
    #[serde(with = "crate::hex_bytes")]
    pub nonce: Vec<u8>,
    /// The server's identifier of the profile (the credential), printable ASCII.
    pub profile_id: String,
    /// The server's identifier of this device, printable ASCII.
    pub device_id: String,
    /// The challenge's per-credential counter.
    pub counter: u64,
}

/// Canonical bytes ready to be signed, with the purpose they were built for.
///
/// `Debug` shows only the purpose and the length: the bytes hold a payee's IBAN and name.
#[derive(Clone, PartialEq, Eq)]
pub struct SignedBytes {
    purpose: Purpose,
    bytes: Vec<u8>,
}

impl SignedBytes {
    /// The purpose these bytes were built for.
    pub fn purpose(&self) -> Purpose {
        self.purpose
    }

    /// The bytes to sign and to verify.
    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// The bytes as lowercase hex (for test vectors and debugging tools).
    pub fn to_hex(&self) -> String {
        hex::encode(&self.bytes)
    }
}

impl AsRef<[u8]> for SignedBytes {
    fn as_ref(&self) -> &[u8] {
        &self.bytes
    }
}

impl std::fmt::Debug for SignedBytes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SignedBytes")
            .field("purpose", &self.purpose)
            .field("len", &self.bytes.len())
            .finish_non_exhaustive()
    }
}

/// SHA-256 of the exact UTF-8 text shown to the customer, as signed in the bytes.
///
/// Receipts keep the text; this is what proves which text was approved.
pub fn shown_text_digest(text: &str) -> [u8; 32] {
    let digest = digest::digest(&digest::SHA256, text.as_bytes());
    let mut out = [0u8; 32];
    out.copy_from_slice(digest.as_ref());
    out
}

/// Builds the canonical bytes for `approval` under `context`.
///
/// Every field is checked first (lengths, canonical forms of IBAN, currency, reference and
/// keys, no control characters in text); text is normalised to Unicode NFC so that the
/// device and the server produce the same bytes whatever normalisation their input had.
pub fn encode(
    context: &ChallengeContext,
    approval: &Approval,
) -> Result<SignedBytes, SignedBytesError> {
    let purpose = approval.purpose();
    let mut out = Encoder::new(VERSION);
    out.text(purpose.domain());
    fields::check_nonce(&context.nonce)?;
    out.bytes(&context.nonce);
    out.text(fields::identifier("profile_id", &context.profile_id)?);
    out.text(fields::identifier("device_id", &context.device_id)?);
    out.u64(context.counter);
    approval.encode_fields(&mut out)?;
    Ok(SignedBytes {
        purpose,
        bytes: out.finish(),
    })
}

#[cfg(test)]
mod tests;
