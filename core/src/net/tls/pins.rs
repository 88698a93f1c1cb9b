//! Public-key pins, matched against a certificate path that was verified, never against
//! the certificates the server sent: anyone holding a certificate from a trusted CA could
//! append the pinned CA's certificate to what they send.
//!
//! - **The app's own roots only** (`system_roots` off): webpki builds the path from the
//!   server's certificate to one of the configured roots, and a pin matches the leaf, an
//!   intermediate of that path, or the root it ends at (the trust anchor, which the server
//!   need not send).
//! - **With the platform's roots**: the platform verifier decides whether the chain is
//!   trusted, but it cannot say which path it built. So webpki builds a second path, from
//!   the server's certificate to a certificate carrying a pinned key (a configured root or
//!   one the server sent): the pin matches only when the leaf was issued, signature by
//!   signature, under the pinned key. A root that neither the server sends nor the app
//!   configures cannot be pinned this way: pin the bank's issuing CA or the leaf's key.
//!
//! The leaf's own key matches in both cases: the chain check accepted that certificate
//! and the handshake's signature is checked against its key.

use std::sync::Arc;

use ring::digest;
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::pki_types::{
    CertificateDer, ServerName, SignatureVerificationAlgorithm, TrustAnchor, UnixTime,
};
use rustls::{DigitallySignedStruct, SignatureScheme};
use webpki::{EndEntityCert, KeyUsage, VerifiedPath, anchor_from_trusted_cert};

use super::{NetError, Trust};

/// Where a pinned path may end, and the pins it must carry.
#[derive(Debug)]
pub(super) struct PinnedPaths {
    pins: Vec<[u8; 32]>,
    /// The configured roots: all of them when they are the only anchors; with the
    /// platform's roots, only those carrying a pinned key.
    anchors: Vec<TrustAnchor<'static>>,
    /// With the platform's roots: the server's own certificates that carry a pinned key
    /// also end a path (the platform verifier already decided the chain is trusted).
    server_anchors: bool,
    algorithms: &'static [&'static dyn SignatureVerificationAlgorithm],
}

impl PinnedPaths {
    pub(super) fn new(
        trust: &Trust,
        algorithms: &'static [&'static dyn SignatureVerificationAlgorithm],
    ) -> Result<PinnedPaths, NetError> {
        let pins = trust.pinned_spki_sha256.clone();
        let mut anchors = Vec::new();
        for der in &trust.extra_roots_der {
            if trust.system_roots && !is_pinned(&pins, &super::spki_sha256(der)?) {
                continue;
            }
            let cert = CertificateDer::from(der.as_slice());
            let anchor = anchor_from_trusted_cert(&cert).map_err(|_| NetError::BadCertificate)?;
            anchors.push(anchor.to_owned());
        }
        Ok(PinnedPaths {
            pins,
            anchors,
            server_anchors: trust.system_roots,
            algorithms,
        })
    }

    /// Whether a path from `end_entity` through `intermediates` carries a pinned key.
    pub(super) fn matches(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        now: UnixTime,
    ) -> bool {
        let Ok(leaf) = EndEntityCert::try_from(end_entity) else {
            return false;
        };
        if is_pinned(&self.pins, &sha256(&leaf.subject_public_key_info())) {
            return true;
        }
        let mut anchors = self.anchors.clone();
        if self.server_anchors {
            anchors.extend(
                intermediates
                    .iter()
                    .filter(|cert| {
                        super::spki_sha256(cert).is_ok_and(|pin| is_pinned(&self.pins, &pin))
                    })
                    .filter_map(|cert| anchor_from_trusted_cert(cert).ok()),
            );
        }
        // webpki tries every path it can build; this rejects those without a pinned key,
        // so a pinned path is found even when an unpinned one exists beside it.
        let carries_pin = |path: &VerifiedPath<'_>| {
            if self.path_carries_pin(path) {
                Ok(())
            } else {
                Err(webpki::Error::UnknownIssuer)
            }
        };
        leaf.verify_for_usage(
            self.algorithms,
            &anchors,
            intermediates,
            now,
            KeyUsage::server_auth(),
            None,
            Some(&carries_pin),
        )
        .is_ok()
    }

    fn path_carries_pin(&self, path: &VerifiedPath<'_>) -> bool {
        let leaf = sha256(&path.end_entity().subject_public_key_info());
        let anchor = anchor_spki_sha256(path.anchor());
        std::iter::once(leaf)
            .chain(
                path.intermediate_certificates()
                    .map(|cert| sha256(&cert.subject_public_key_info())),
            )
            .chain(std::iter::once(anchor))
            .any(|hash| is_pinned(&self.pins, &hash))
    }
}

/// A normal chain check, then: the verified path carries a pinned key.
#[derive(Debug)]
pub(super) struct PinningVerifier {
    chain: Arc<dyn ServerCertVerifier>,
    paths: PinnedPaths,
}

impl PinningVerifier {
    pub(super) fn new(chain: Arc<dyn ServerCertVerifier>, paths: PinnedPaths) -> PinningVerifier {
        PinningVerifier { chain, paths }
    }
}

impl ServerCertVerifier for PinningVerifier {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp_response: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        let verified = self.chain.verify_server_cert(
            end_entity,
            intermediates,
            server_name,
            ocsp_response,
            now,
        )?;
        if self.paths.matches(end_entity, intermediates, now) {
            Ok(verified)
        } else {
            tracing::warn!(target: "avain::net", "server certificate path carries no pinned key");
            Err(rustls::Error::General("pinned public key mismatch".into()))
        }
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.chain.verify_tls12_signature(message, cert, dss)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.chain.verify_tls13_signature(message, cert, dss)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.chain.supported_verify_schemes()
    }
}

fn is_pinned(pins: &[[u8; 32]], hash: &[u8; 32]) -> bool {
    // Pins are public, but a constant-time comparison costs nothing here.
    pins.iter()
        .any(|pin| pin.iter().zip(hash).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0)
}

fn sha256(bytes: &[u8]) -> [u8; 32] {
    let mut hash = [0u8; 32];
    hash.copy_from_slice(digest::digest(&digest::SHA256, bytes).as_ref());
    hash
}

/// The pin of a trust anchor. webpki keeps only the content of the anchor's
/// SubjectPublicKeyInfo; a pin hashes the whole DER SEQUENCE, so the header goes back on.
fn anchor_spki_sha256(anchor: &TrustAnchor<'_>) -> [u8; 32] {
    let content = anchor.subject_public_key_info.as_ref();
    let mut der = Vec::with_capacity(content.len() + 6);
    der.push(0x30);
    if content.len() < 0x80 {
        der.push(content.len() as u8);
    } else {
        let len = content.len().to_be_bytes();
        let skip = len.iter().take_while(|b| **b == 0).count();
        der.push(0x80 | (len.len() - skip) as u8);
        der.extend_from_slice(&len[skip..]);
    }
    der.extend_from_slice(content);
    sha256(&der)
}

#[cfg(test)]
mod tests;
