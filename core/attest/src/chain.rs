//! Certificate chains: each certificate signed by the next, the last one a trusted root or
//! signed by one, every certificate valid at the given time. Signatures by ring.

use ring::signature::{self, UnparsedPublicKey, VerificationAlgorithm};
use time::OffsetDateTime;
use x509_parser::prelude::X509Certificate;
use x509_parser::x509::SubjectPublicKeyInfo;

use crate::reason::Reason;
use crate::roots::{TrustAnchors, parse_certificate};

const EC_PUBLIC_KEY: &str = "1.2.840.10045.2.1";
const RSA_ENCRYPTION: &str = "1.2.840.113549.1.1.1";
const P256: &str = "1.2.840.10045.3.1.7";
const P384: &str = "1.3.132.0.34";

/// Parses every certificate (leaf first); `ChainTooShort` below `minimum`.
pub(crate) fn parse_chain(
    ders: &[Vec<u8>],
    minimum: usize,
) -> Result<Vec<X509Certificate<'_>>, Reason> {
    let certificates = ders
        .iter()
        .map(|der| parse_certificate(der))
        .collect::<Result<Vec<_>, _>>()?;
    if certificates.len() < minimum.max(1) {
        return Err(Reason::ChainTooShort);
    }
    Ok(certificates)
}

/// Checks the chain (leaf first): the issuer names and signatures link each certificate to
/// the next, the last is a trusted root (same public key) or is signed by one, and every
/// certificate, the anchor included, is valid at `at`.
pub(crate) fn verify_chain(
    chain: &[X509Certificate<'_>],
    anchors: &TrustAnchors,
    at: OffsetDateTime,
) -> Result<(), Reason> {
    let Some(last) = chain.last() else {
        return Err(Reason::ChainTooShort);
    };
    for pair in chain.windows(2) {
        let (child, parent) = (&pair[0], &pair[1]);
        if child.tbs_certificate.issuer.as_raw() != parent.tbs_certificate.subject.as_raw() {
            return Err(Reason::SignatureInvalid);
        }
        verify_signed_by(child, parent.public_key())?;
    }
    let anchored_by = anchor_of(last, anchors)?;
    let now = at.unix_timestamp();
    for certificate in chain.iter().chain(anchored_by.as_ref()) {
        let validity = certificate.validity();
        if now < validity.not_before.timestamp() {
            return Err(Reason::CertificateNotYetValid);
        }
        if now > validity.not_after.timestamp() {
            return Err(Reason::CertificateExpired);
        }
    }
    Ok(())
}

/// How the chain's last certificate reaches a root: it carries a root's own key (Google's
/// chains end with a copy of the root; any issue of it with the same key counts), or a
/// root signed it (Apple's chains stop below the root). Returns the root in the second case,
/// for its validity.
fn anchor_of<'a>(
    last: &X509Certificate<'_>,
    anchors: &'a TrustAnchors,
) -> Result<Option<X509Certificate<'a>>, Reason> {
    let self_issued = last.tbs_certificate.issuer.as_raw() == last.tbs_certificate.subject.as_raw();
    let mut signature_failed = false;
    for der in anchors.roots() {
        let root = parse_certificate(der)?;
        if root.public_key().raw == last.public_key().raw {
            if self_issued {
                verify_signed_by(last, last.public_key())?;
            }
            return Ok(None);
        }
        // A root of the chain's own with a trusted root's name is still a foreign root.
        if !self_issued
            && root.tbs_certificate.subject.as_raw() == last.tbs_certificate.issuer.as_raw()
        {
            match verify_signed_by(last, root.public_key()) {
                Ok(()) => return Ok(Some(root)),
                Err(_) => signature_failed = true,
            }
        }
    }
    // A certificate that names a trusted root as issuer but whose signature fails is a
    // broken signature, not merely a foreign root.
    Err(if signature_failed {
        Reason::SignatureInvalid
    } else {
        Reason::UntrustedRoot
    })
}

/// Checks `certificate`'s signature with `issuer`'s public key.
pub(crate) fn verify_signed_by(
    certificate: &X509Certificate<'_>,
    issuer: &SubjectPublicKeyInfo<'_>,
) -> Result<(), Reason> {
    if certificate.signature_algorithm.algorithm != certificate.tbs_certificate.signature.algorithm
    {
        return Err(Reason::Malformed);
    }
    let algorithm = algorithm_for(
        &certificate.signature_algorithm.algorithm.to_id_string(),
        issuer,
    )?;
    UnparsedPublicKey::new(algorithm, issuer.subject_public_key.data.as_ref())
        .verify(
            certificate.tbs_certificate.as_ref(),
            certificate.signature_value.data.as_ref(),
        )
        .map_err(|_| Reason::SignatureInvalid)
}

/// The named curve of an EC key, if it is one.
fn curve(key: &SubjectPublicKeyInfo<'_>) -> Option<String> {
    if key.algorithm.algorithm.to_id_string() != EC_PUBLIC_KEY {
        return None;
    }
    key.algorithm
        .parameters
        .as_ref()
        .and_then(|parameters| parameters.as_oid().ok())
        .map(|oid| oid.to_id_string())
}

/// The uncompressed point of a P-256 key (65 bytes), if the key is one.
pub(crate) fn p256_point<'a>(key: &'a SubjectPublicKeyInfo<'_>) -> Option<&'a [u8]> {
    let point = key.subject_public_key.data.as_ref();
    (curve(key).as_deref() == Some(P256) && point.len() == 65 && point[0] == 0x04).then_some(point)
}

/// ring's algorithm for a signature algorithm (OID) made with the issuer's key.
fn algorithm_for(
    signature_oid: &str,
    issuer: &SubjectPublicKeyInfo<'_>,
) -> Result<&'static dyn VerificationAlgorithm, Reason> {
    let key_oid = issuer.algorithm.algorithm.to_id_string();
    let curve = curve(issuer);
    let algorithm: &'static dyn VerificationAlgorithm = match (signature_oid, curve.as_deref()) {
        ("1.2.840.10045.4.3.2", Some(P256)) => &signature::ECDSA_P256_SHA256_ASN1,
        ("1.2.840.10045.4.3.3", Some(P256)) => &signature::ECDSA_P256_SHA384_ASN1,
        ("1.2.840.10045.4.3.2", Some(P384)) => &signature::ECDSA_P384_SHA256_ASN1,
        ("1.2.840.10045.4.3.3", Some(P384)) => &signature::ECDSA_P384_SHA384_ASN1,
        ("1.2.840.113549.1.1.11", None) if key_oid == RSA_ENCRYPTION => {
            &signature::RSA_PKCS1_2048_8192_SHA256
        }
        ("1.2.840.113549.1.1.12", None) if key_oid == RSA_ENCRYPTION => {
            &signature::RSA_PKCS1_2048_8192_SHA384
        }
        ("1.2.840.113549.1.1.13", None) if key_oid == RSA_ENCRYPTION => {
            &signature::RSA_PKCS1_2048_8192_SHA512
        }
        _ => return Err(Reason::UnsupportedAlgorithm),
    };
    Ok(algorithm)
}

/// The certificate's extension with this OID (dotted), if present.
pub(crate) fn extension<'a>(certificate: &'a X509Certificate<'_>, oid: &str) -> Option<&'a [u8]> {
    certificate
        .iter_extensions()
        .find(|extension| extension.oid.to_id_string() == oid)
        .map(|extension| extension.value)
}
