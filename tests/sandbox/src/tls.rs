//! The sandbox's TLS identity: a private root certificate authority and a server
//! certificate for `localhost`, `127.0.0.1` and `::1`, generated with rcgen at first start
//! and kept in `<data dir>/tls/`. Clients trust the root explicitly (never by switching
//! verification off); its PEM is in the embedded server's handle and printed by `serve`.
//!
//! The certificates look like a real bank's so that strict clients accept them (Python's
//! `VERIFY_X509_STRICT`, `openssl verify -x509_strict`): both carry key identifiers (the
//! server's names its issuer's), the server certificate says it is no CA, and validity is
//! realistic: the root for ten years, the server certificate for 397 days (the CA/Browser
//! Forum's maximum). A data directory whose server certificate is near its end gets a new
//! identity at the next start.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::path::Path;
use std::sync::Arc;

use rcgen::{
    BasicConstraints, CertificateParams, DnType, ExtendedKeyUsagePurpose, IsCa, Issuer, KeyPair,
    KeyUsagePurpose, PKCS_ECDSA_P256_SHA256, SanType,
};
use rustls::ServerConfig;
use rustls_pki_types::pem::PemObject;
use rustls_pki_types::{CertificateDer, PrivateKeyDer};
use time::{Duration, OffsetDateTime};

use crate::key_files;

/// How long the root certificate is valid.
const ROOT_VALIDITY: Duration = Duration::days(3652);
/// How long the server certificate is valid (CA/Browser Forum baseline maximum).
const SERVER_VALIDITY: Duration = Duration::days(397);
/// A server certificate older than this is replaced at start, a month before it expires.
const RENEW_AFTER: Duration = Duration::days(367);
/// Validity starts a day early, so a client whose clock is a little behind accepts it.
const CLOCK_SKEW: Duration = Duration::days(1);

/// The root certificate clients trust, in PEM and DER.
#[derive(Debug, Clone)]
pub struct TrustRoot {
    /// PEM text ("-----BEGIN CERTIFICATE-----...").
    pub pem: String,
    /// DER bytes.
    pub der: Vec<u8>,
}

/// The loaded TLS identity.
pub struct TlsIdentity {
    /// What clients trust.
    pub root: TrustRoot,
    /// The rustls server configuration (ring provider, HTTP/2 and HTTP/1.1 by ALPN).
    pub server_config: Arc<ServerConfig>,
}

/// Loads the TLS identity from `dir`, creating it on first start.
pub fn load_or_create(dir: &Path) -> Result<TlsIdentity, String> {
    let root_path = dir.join("root-ca.pem");
    let chain_path = dir.join("server-chain.pem");
    let key_path = dir.join("server-key.pem");
    if !(root_path.exists() && chain_path.exists() && key_path.exists())
        || is_due_for_renewal(&chain_path)
    {
        generate(dir, OffsetDateTime::now_utc())?;
    }
    let read = |p: &Path| std::fs::read(p).map_err(|e| format!("reading {}: {e}", p.display()));
    let root_pem = String::from_utf8(read(&root_path)?)
        .map_err(|_| format!("{} is not text", root_path.display()))?;
    let root_der = CertificateDer::from_pem_slice(root_pem.as_bytes())
        .map_err(|e| format!("parsing {}: {e}", root_path.display()))?;
    let chain: Vec<CertificateDer<'static>> = CertificateDer::pem_slice_iter(&read(&chain_path)?)
        .collect::<Result<_, _>>()
        .map_err(|e| format!("parsing {}: {e}", chain_path.display()))?;
    let key = PrivateKeyDer::from_pem_slice(&read(&key_path)?)
        .map_err(|e| format!("parsing {}: {e}", key_path.display()))?;
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let mut config = ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| format!("TLS versions: {e}"))?
        .with_no_client_auth()
        .with_single_cert(chain, key)
        .map_err(|e| format!("TLS certificate: {e}"))?;
    config.alpn_protocols = vec![b"h2".to_vec(), b"http/1.1".to_vec()];
    Ok(TlsIdentity {
        root: TrustRoot {
            pem: root_pem,
            der: root_der.as_ref().to_vec(),
        },
        server_config: Arc::new(config),
    })
}

/// Whether the server certificate written at `chain_path` is old enough to be replaced
/// (judged by when the file was written: it is written once, when the identity is made).
fn is_due_for_renewal(chain_path: &Path) -> bool {
    let written = std::fs::metadata(chain_path).and_then(|m| m.modified());
    written.is_ok_and(|at| {
        at.elapsed()
            .is_ok_and(|age| age > std::time::Duration::try_from(RENEW_AFTER).unwrap_or_default())
    })
}

fn generate(dir: &Path, now: OffsetDateTime) -> Result<(), String> {
    let err = |e: rcgen::Error| format!("generating the TLS certificate: {e}");
    let root_key = KeyPair::generate_for(&PKCS_ECDSA_P256_SHA256).map_err(err)?;
    let mut root_params = CertificateParams::new(Vec::<String>::new()).map_err(err)?;
    root_params.not_before = now - CLOCK_SKEW;
    root_params.not_after = now + ROOT_VALIDITY;
    root_params.is_ca = IsCa::Ca(BasicConstraints::Constrained(0));
    root_params
        .distinguished_name
        .push(DnType::CommonName, "Avain sandbox bank root CA");
    root_params
        .distinguished_name
        .push(DnType::OrganizationName, "Avain sandbox bank");
    root_params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
    let root_cert = root_params.self_signed(&root_key).map_err(err)?;

    let server_key = KeyPair::generate_for(&PKCS_ECDSA_P256_SHA256).map_err(err)?;
    let mut server_params = CertificateParams::new(vec!["localhost".to_owned()]).map_err(err)?;
    server_params
        .subject_alt_names
        .push(SanType::IpAddress(IpAddr::V4(Ipv4Addr::LOCALHOST)));
    server_params
        .subject_alt_names
        .push(SanType::IpAddress(IpAddr::V6(Ipv6Addr::LOCALHOST)));
    server_params
        .distinguished_name
        .push(DnType::CommonName, "Avain sandbox bank");
    server_params.not_before = now - CLOCK_SKEW;
    server_params.not_after = now + SERVER_VALIDITY;
    server_params.is_ca = IsCa::ExplicitNoCa;
    server_params.use_authority_key_identifier_extension = true;
    server_params.key_usages = vec![KeyUsagePurpose::DigitalSignature];
    server_params.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth];
    let issuer = Issuer::new(root_params, &root_key);
    let server_cert = server_params.signed_by(&server_key, &issuer).map_err(err)?;

    // The root's private key is not kept: nothing else will ever be signed by it, so a
    // leaked data directory cannot be used to mint certificates for other names.
    key_files::write_atomically(
        &dir.join("server-key.pem"),
        server_key.serialize_pem().as_bytes(),
        true,
    )?;
    let chain = format!("{}{}", server_cert.pem(), root_cert.pem());
    key_files::write_atomically(&dir.join("server-chain.pem"), chain.as_bytes(), false)?;
    // Written last: its presence marks a complete identity.
    key_files::write_atomically(&dir.join("root-ca.pem"), root_cert.pem().as_bytes(), false)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// DER of an extension's OID: 2.5.29.14 (subject key id) and 2.5.29.35 (authority key id).
    const SUBJECT_KEY_ID: [u8; 5] = [0x06, 0x03, 0x55, 0x1d, 0x0e];
    const AUTHORITY_KEY_ID: [u8; 5] = [0x06, 0x03, 0x55, 0x1d, 0x23];

    fn contains(haystack: &[u8], needle: &[u8]) -> bool {
        haystack.windows(needle.len()).any(|w| w == needle)
    }

    #[test]
    fn certificates_carry_key_identifiers_for_strict_clients() {
        let dir = tempfile::tempdir().expect("temp dir");
        let identity = load_or_create(dir.path()).expect("identity");
        let chain = std::fs::read(dir.path().join("server-chain.pem")).expect("chain");
        let certs: Vec<CertificateDer<'static>> = CertificateDer::pem_slice_iter(&chain)
            .collect::<Result<_, _>>()
            .expect("PEM chain");
        let leaf = certs.first().expect("server certificate");
        assert!(contains(leaf, &SUBJECT_KEY_ID));
        assert!(contains(leaf, &AUTHORITY_KEY_ID));
        assert!(contains(&identity.root.der, &SUBJECT_KEY_ID));
    }

    #[test]
    fn a_fresh_identity_is_kept_and_an_old_one_renewed() {
        let dir = tempfile::tempdir().expect("temp dir");
        let first = load_or_create(dir.path()).expect("identity");
        let again = load_or_create(dir.path()).expect("identity");
        assert_eq!(first.root.der, again.root.der);
        let chain = dir.path().join("server-chain.pem");
        let old = std::time::SystemTime::now() - std::time::Duration::from_secs(368 * 86_400);
        std::fs::File::options()
            .write(true)
            .open(&chain)
            .and_then(|f| f.set_modified(old))
            .expect("backdate");
        let renewed = load_or_create(dir.path()).expect("identity");
        assert_ne!(first.root.der, renewed.root.der);
    }
}
