//! How the core decides whether it is talking to the bank: TLS 1.2/1.3 with rustls on
//! `ring`, the trust anchors the app configures, and optional public-key pins.
//!
//! Verification is never switched off: a sandbox or test bank is trusted by adding its
//! certificate as a root, or by pinning its key on top of a normal chain check. Pins are
//! matched against a certificate path that was verified, never against the list the
//! server sent (`tls/pins.rs`).

mod pins;
mod provider;

use std::fmt;
use std::sync::Arc;

use ring::digest;
use rustls::RootCertStore;
use rustls::client::WebPkiServerVerifier;
use rustls::client::danger::ServerCertVerifier;
use rustls::crypto::CryptoProvider;
use rustls::pki_types::CertificateDer;
use webpki::anchor_from_trusted_cert;

use super::NetError;
use pins::{PinnedPaths, PinningVerifier};

/// Which certificates the core accepts for the bank's servers.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Trust {
    /// Also accept chains to the platform's trust store (Android/iOS/desktop roots).
    pub system_roots: bool,
    /// Extra root certificates (DER), e.g. the bank's private CA or the sandbox's
    /// self-signed certificate. With `system_roots` off these are the only anchors.
    pub extra_roots_der: Vec<Vec<u8>>,
    /// SHA-256 of SubjectPublicKeyInfo values; when non-empty, the verified path from the
    /// server's certificate must carry one of them: the leaf's key, an intermediate's, or
    /// the trust anchor's (RFC 7469 style pins). With `system_roots` on, at least two
    /// different pins are required (one a backup for a key change).
    pub pinned_spki_sha256: Vec<[u8; 32]>,
}

impl Trust {
    /// Trust exactly one self-signed or private root certificate (DER).
    pub fn only_root(cert_der: Vec<u8>) -> Trust {
        Trust {
            system_roots: false,
            extra_roots_der: vec![cert_der],
            pinned_spki_sha256: Vec::new(),
        }
    }

    /// Adds a pin for the public key inside `cert_der`.
    pub fn pin_certificate_key(mut self, cert_der: &[u8]) -> Result<Trust, NetError> {
        self.pinned_spki_sha256.push(spki_sha256(cert_der)?);
        Ok(self)
    }
}

impl fmt::Debug for Trust {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Trust")
            .field("system_roots", &self.system_roots)
            .field("extra_roots", &self.extra_roots_der.len())
            .field("pins", &self.pinned_spki_sha256.len())
            .finish()
    }
}

/// SHA-256 of the SubjectPublicKeyInfo of a DER certificate: the value to pin.
pub fn spki_sha256(cert_der: &[u8]) -> Result<[u8; 32], NetError> {
    let spki = super::spki::subject_public_key_info(cert_der).ok_or(NetError::BadCertificate)?;
    let mut pin = [0u8; 32];
    pin.copy_from_slice(digest::digest(&digest::SHA256, spki).as_ref());
    Ok(pin)
}

/// The rustls client configuration for `trust`, on `ring` with AES-GCM suites
/// ([`provider`]).
pub fn client_config(trust: &Trust) -> Result<rustls::ClientConfig, NetError> {
    let provider = Arc::new(provider::provider());
    let verifier = server_verifier(trust, provider.clone())?;
    let mut config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|_| NetError::Configuration("tls_versions"))?
        .dangerous()
        .with_custom_certificate_verifier(verifier)
        .with_no_client_auth();
    // HTTP/1.1 only: the client is built without HTTP/2 (reqwest's `http2` feature), so it
    // must not let the server choose h2. The bank's API is short JSON exchanges, mostly one
    // after another, which a kept-alive HTTP/1.1 connection serves; HTTP/2 cost the phone
    // library close to half a megabyte (docs/bindings.md, "Size").
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok(config)
}

/// What [`client_config`] would refuse in `trust`, found without building anything: the
/// anchors, the backup pin, and every configured root read as a trust anchor. The app's
/// open checks this and leaves the building to the first request.
pub(super) fn check_trust(trust: &Trust) -> Result<(), NetError> {
    if trust.system_roots
        && !trust.pinned_spki_sha256.is_empty()
        && distinct_pins(&trust.pinned_spki_sha256) < 2
    {
        // Any public CA may issue for the bank's name, so the pin is what keeps them out;
        // a single pin would lock every installed app out the day that key changes.
        return Err(NetError::Configuration("backup_pin_missing"));
    }
    if trust.system_roots && !trust.extra_roots_der.is_empty() && !EXTRA_ROOTS_WITH_SYSTEM_ROOTS {
        return Err(NetError::Configuration("extra_roots_with_system_roots"));
    }
    if !trust.system_roots && trust.extra_roots_der.is_empty() {
        return Err(NetError::Configuration("no_trust_anchor"));
    }
    for der in &trust.extra_roots_der {
        anchor_from_trusted_cert(&CertificateDer::from(der.as_slice()))
            .map_err(|_| NetError::BadCertificate)?;
    }
    Ok(())
}

/// The chain check for `trust`, with the pin check on top when pins are configured.
fn server_verifier(
    trust: &Trust,
    provider: Arc<CryptoProvider>,
) -> Result<Arc<dyn ServerCertVerifier>, NetError> {
    check_trust(trust)?;
    if trust.pinned_spki_sha256.is_empty() {
        return chain_verifier(trust, provider);
    }
    let paths = PinnedPaths::new(trust, provider.signature_verification_algorithms.all)?;
    let chain = chain_verifier(trust, provider)?;
    Ok(Arc::new(PinningVerifier::new(chain, paths)))
}

fn distinct_pins(pins: &[[u8; 32]]) -> usize {
    let mut pins = pins.to_vec();
    pins.sort_unstable();
    pins.dedup();
    pins.len()
}

fn chain_verifier(
    trust: &Trust,
    provider: Arc<CryptoProvider>,
) -> Result<Arc<dyn ServerCertVerifier>, NetError> {
    let extra: Vec<CertificateDer<'static>> = trust
        .extra_roots_der
        .iter()
        .map(|der| CertificateDer::from(der.clone()))
        .collect();
    if trust.system_roots {
        return platform_verifier(extra, provider);
    }
    if extra.is_empty() {
        return Err(NetError::Configuration("no_trust_anchor"));
    }
    let mut roots = RootCertStore::empty();
    for cert in extra {
        roots.add(cert).map_err(|_| NetError::BadCertificate)?;
    }
    let verifier = WebPkiServerVerifier::builder_with_provider(Arc::new(roots), provider)
        .build()
        .map_err(|_| NetError::Configuration("trust_anchors"))?;
    Ok(verifier)
}

/// Whether the platform verifier takes extra roots beside the platform's (not Android's).
const EXTRA_ROOTS_WITH_SYSTEM_ROOTS: bool = cfg!(any(
    all(unix, not(target_os = "android")),
    target_os = "windows"
));

#[cfg(any(all(unix, not(target_os = "android")), target_os = "windows"))]
fn platform_verifier(
    extra: Vec<CertificateDer<'static>>,
    provider: Arc<CryptoProvider>,
) -> Result<Arc<dyn ServerCertVerifier>, NetError> {
    let verifier = if extra.is_empty() {
        rustls_platform_verifier::Verifier::new(provider)
    } else {
        rustls_platform_verifier::Verifier::new_with_extra_roots(extra, provider)
    };
    Ok(Arc::new(
        verifier.map_err(|_| NetError::Configuration("system_roots"))?,
    ))
}

#[cfg(not(any(all(unix, not(target_os = "android")), target_os = "windows")))]
fn platform_verifier(
    extra: Vec<CertificateDer<'static>>,
    provider: Arc<CryptoProvider>,
) -> Result<Arc<dyn ServerCertVerifier>, NetError> {
    // Android's system trust store cannot be combined with extra roots; pin instead.
    if !extra.is_empty() {
        return Err(NetError::Configuration("extra_roots_with_system_roots"));
    }
    Ok(Arc::new(
        rustls_platform_verifier::Verifier::new(provider)
            .map_err(|_| NetError::Configuration("system_roots"))?,
    ))
}
