//! The trust anchors: the vendors' published roots, as PEM data files in `data/` (bundled
//! at build time) or read from files the bank replaces when a vendor publishes new ones.

use x509_parser::pem::Pem;
use x509_parser::prelude::{FromDer, X509Certificate};

use crate::reason::Reason;

/// Google's hardware attestation roots (the RSA root and the EC "Key Attestation CA1"
/// root), as published; `data/README.md` says where from.
pub const GOOGLE_ROOTS_PEM: &str = include_str!("../data/google_attestation_roots.pem");

/// Apple's App Attestation Root CA, as published; `data/README.md` says where from.
pub const APPLE_ROOT_PEM: &str = include_str!("../data/apple_app_attestation_root_ca.pem");

/// The root certificates a chain may end at (DER), each checked to parse.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TrustAnchors {
    roots: Vec<Vec<u8>>,
}

impl TrustAnchors {
    /// Every `CERTIFICATE` block of a PEM text; `Malformed` when there is none or one
    /// does not parse.
    pub fn from_pem(pem: &str) -> Result<TrustAnchors, Reason> {
        TrustAnchors::from_der(certificates_from_pem(pem)?)
    }

    /// DER certificates; `Malformed` when there is none or one does not parse.
    pub fn from_der(roots: Vec<Vec<u8>>) -> Result<TrustAnchors, Reason> {
        if roots.is_empty() {
            return Err(Reason::Malformed);
        }
        for der in &roots {
            parse_certificate(der)?;
        }
        Ok(TrustAnchors { roots })
    }

    /// Google's hardware attestation roots bundled with this crate.
    pub fn google() -> TrustAnchors {
        TrustAnchors::from_pem(GOOGLE_ROOTS_PEM).expect("the bundled Google roots parse (tested)")
    }

    /// Apple's App Attestation Root CA bundled with this crate.
    pub fn apple() -> TrustAnchors {
        TrustAnchors::from_pem(APPLE_ROOT_PEM).expect("the bundled Apple root parses (tested)")
    }

    /// The roots, DER.
    pub fn roots(&self) -> &[Vec<u8>] {
        &self.roots
    }
}

/// The DER of every `CERTIFICATE` block of a PEM text, in order; `Malformed` when the text
/// holds none or a block is not valid PEM.
pub fn certificates_from_pem(pem: &str) -> Result<Vec<Vec<u8>>, Reason> {
    let mut certificates = Vec::new();
    for block in Pem::iter_from_buffer(pem.as_bytes()) {
        let block = block.map_err(|_| Reason::Malformed)?;
        if block.label == "CERTIFICATE" {
            certificates.push(block.contents);
        }
    }
    if certificates.is_empty() {
        return Err(Reason::Malformed);
    }
    Ok(certificates)
}

/// One DER certificate, with nothing after it.
pub(crate) fn parse_certificate(der: &[u8]) -> Result<X509Certificate<'_>, Reason> {
    match X509Certificate::from_der(der) {
        Ok(([], certificate)) => Ok(certificate),
        _ => Err(Reason::Malformed),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_roots_parse() {
        assert_eq!(TrustAnchors::google().roots().len(), 2);
        assert_eq!(TrustAnchors::apple().roots().len(), 1);
    }

    #[test]
    fn text_without_certificates_is_malformed() {
        assert_eq!(TrustAnchors::from_pem(""), Err(Reason::Malformed));
        assert_eq!(
            TrustAnchors::from_pem("not pem at all"),
            Err(Reason::Malformed)
        );
        assert_eq!(
            TrustAnchors::from_der(vec![vec![0x30, 0x00]]),
            Err(Reason::Malformed)
        );
    }
}
