use std::sync::Arc;

use rcgen::{
    BasicConstraints, CertificateParams, CertifiedIssuer, DnType, IsCa, KeyPair, KeyUsagePurpose,
};
use rustls::pki_types::{CertificateDer, ServerName, TrustAnchor, UnixTime};
use webpki::anchor_from_trusted_cert;

use super::{PinnedPaths, anchor_spki_sha256, sha256};
use crate::net::tls::server_verifier;
use crate::net::{NetError, Trust, spki_sha256};

type Ca = CertifiedIssuer<'static, KeyPair>;

fn ca_params(name: &str) -> CertificateParams {
    let mut params = CertificateParams::new(Vec::<String>::new()).unwrap();
    params.distinguished_name.push(DnType::CommonName, name);
    params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
    params
}

fn root(name: &str) -> Ca {
    CertifiedIssuer::self_signed(ca_params(name), KeyPair::generate().unwrap()).unwrap()
}

fn intermediate(name: &str, parent: &Ca) -> Ca {
    intermediate_with_key(name, parent, KeyPair::generate().unwrap())
}

fn intermediate_with_key(name: &str, parent: &Ca, key: KeyPair) -> Ca {
    CertifiedIssuer::signed_by(ca_params(name), key, parent).unwrap()
}

fn leaf(parent: &Ca) -> CertificateDer<'static> {
    let mut params = CertificateParams::new(vec!["localhost".to_owned()]).unwrap();
    params
        .distinguished_name
        .push(DnType::CommonName, "localhost");
    let key = KeyPair::generate().unwrap();
    params.signed_by(&key, parent).unwrap().der().clone()
}

fn pin(cert: &CertificateDer<'_>) -> [u8; 32] {
    spki_sha256(cert).unwrap()
}

fn own_roots(roots: &[&Ca], pins: Vec<[u8; 32]>) -> Trust {
    Trust {
        system_roots: false,
        extra_roots_der: roots.iter().map(|ca| ca.der().to_vec()).collect(),
        pinned_spki_sha256: pins,
    }
}

fn paths(trust: &Trust) -> PinnedPaths {
    let provider = rustls::crypto::ring::default_provider();
    PinnedPaths::new(trust, provider.signature_verification_algorithms.all).unwrap()
}

fn matches(trust: &Trust, end_entity: &CertificateDer<'_>, sent: &[CertificateDer<'_>]) -> bool {
    paths(trust).matches(end_entity, sent, UnixTime::now())
}

#[test]
fn the_pinned_ca_appended_to_another_cas_chain_does_not_match() {
    let pinned = root("Pankki Root CA");
    let other = root("Public Root CA");
    // The same name as the pinned CA: only the signature tells them apart.
    let lookalike = root("Pankki Root CA");
    for issuer in [&other, &lookalike] {
        let trust = own_roots(&[&pinned, issuer], vec![pin(pinned.der())]);
        let attacker = leaf(issuer);
        assert!(!matches(&trust, &attacker, &[pinned.der().clone()]));
        assert!(!matches(
            &trust,
            &attacker,
            &[issuer.der().clone(), pinned.der().clone()]
        ));
    }
}

#[test]
fn a_chain_under_the_pinned_anchor_matches_without_the_server_sending_it() {
    let pinned = root("Pankki Root CA");
    let other = root("Public Root CA");
    let trust = own_roots(&[&other, &pinned], vec![pin(pinned.der())]);
    assert!(matches(&trust, &leaf(&pinned), &[]));
    assert!(!matches(&trust, &leaf(&other), &[]));
}

#[test]
fn a_pin_on_the_leaf_key_matches_that_leaf_only() {
    let ca = root("Pankki Root CA");
    let bank = leaf(&ca);
    let trust = own_roots(&[&ca], vec![pin(&bank)]);
    assert!(matches(&trust, &bank, &[]));
    assert!(!matches(&trust, &leaf(&ca), &[]));
}

#[test]
fn an_intermediate_pin_matches_only_when_it_is_on_the_path() {
    let ca = root("Pankki Root CA");
    let issuing = intermediate("Pankki Issuing CA", &ca);
    let other = root("Public Root CA");
    let trust = own_roots(&[&ca, &other], vec![pin(issuing.der())]);
    assert!(matches(&trust, &leaf(&issuing), &[issuing.der().clone()]));
    assert!(!matches(&trust, &leaf(&other), &[issuing.der().clone()]));
}

#[test]
fn an_unpinned_path_beside_the_pinned_one_does_not_hide_it() {
    let ca = root("Pankki Root CA");
    let other = root("Public Root CA");
    let key = KeyPair::generate().unwrap();
    let same_key = KeyPair::from_pem(&key.serialize_pem()).unwrap();
    let issuing = intermediate_with_key("Pankki Issuing CA", &ca, key);
    // The same issuing CA (name and key) cross-signed by another root, sent first.
    let cross = intermediate_with_key("Pankki Issuing CA", &other, same_key);
    let trust = own_roots(&[&other, &ca], vec![pin(ca.der())]);
    let sent = [cross.der().clone(), issuing.der().clone()];
    assert!(matches(&trust, &leaf(&issuing), &sent));
    let unpinned = own_roots(&[&other, &ca], vec![[9u8; 32]]);
    assert!(!matches(&unpinned, &leaf(&issuing), &sent));
}

#[test]
fn with_system_roots_the_path_must_reach_a_pinned_certificate() {
    let ca = root("Pankki Root CA");
    let issuing = intermediate("Pankki Issuing CA", &ca);
    let other = root("Public Root CA");
    let backup = [7u8; 32];
    let system = |pins: Vec<[u8; 32]>| Trust {
        system_roots: true,
        extra_roots_der: Vec::new(),
        pinned_spki_sha256: pins,
    };
    let trust = system(vec![pin(issuing.der()), backup]);
    assert!(matches(&trust, &leaf(&issuing), &[issuing.der().clone()]));
    assert!(!matches(
        &trust,
        &leaf(&other),
        &[other.der().clone(), issuing.der().clone()]
    ));
    // The root pinned: matches when the server sends the root, not otherwise (the
    // platform's path cannot be seen).
    let trust = system(vec![pin(ca.der()), backup]);
    let bank = leaf(&issuing);
    assert!(matches(
        &trust,
        &bank,
        &[issuing.der().clone(), ca.der().clone()]
    ));
    assert!(!matches(&trust, &bank, &[issuing.der().clone()]));
    // A configured root carrying the pin ends a path too.
    let trust = Trust {
        extra_roots_der: vec![ca.der().to_vec(), other.der().to_vec()],
        ..system(vec![pin(ca.der()), backup])
    };
    assert!(matches(&trust, &bank, &[issuing.der().clone()]));
    assert!(!matches(&trust, &leaf(&other), &[ca.der().clone()]));
}

#[test]
fn the_verifier_refuses_the_appended_pinned_ca_and_accepts_the_bank() {
    let pinned = root("Pankki Root CA");
    let other = root("Public Root CA");
    let trust = own_roots(&[&pinned, &other], vec![pin(pinned.der())]);
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let verifier = server_verifier(&trust, provider).unwrap();
    let name = ServerName::try_from("localhost").unwrap();
    let now = UnixTime::now();
    let attack =
        verifier.verify_server_cert(&leaf(&other), &[pinned.der().clone()], &name, &[], now);
    assert!(
        matches!(attack, Err(rustls::Error::General(_))),
        "{attack:?}"
    );
    assert!(
        verifier
            .verify_server_cert(&leaf(&pinned), &[], &name, &[], now)
            .is_ok()
    );
}

#[test]
fn system_roots_need_a_backup_pin() {
    let ca = root("Pankki Root CA");
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    for pins in [vec![pin(ca.der())], vec![pin(ca.der()), pin(ca.der())]] {
        let trust = Trust {
            system_roots: true,
            extra_roots_der: Vec::new(),
            pinned_spki_sha256: pins,
        };
        assert_eq!(
            server_verifier(&trust, provider.clone()).err(),
            Some(NetError::Configuration("backup_pin_missing"))
        );
    }
    // The app's own roots need no backup: the app ships the anchor itself.
    let own = own_roots(&[&ca], vec![pin(ca.der())]);
    assert!(server_verifier(&own, provider).is_ok());
}

#[test]
fn the_anchor_pin_is_the_hash_of_the_root_certificates_key() {
    let ca = root("Pankki Root CA");
    let anchor = anchor_from_trusted_cert(ca.der()).unwrap();
    assert_eq!(anchor_spki_sha256(&anchor), pin(ca.der()));
    // Long-form DER lengths, as RSA keys have.
    for (len, header) in [
        (200usize, vec![0x30, 0x81, 0xc8]),
        (300, vec![0x30, 0x82, 0x01, 0x2c]),
    ] {
        let content = vec![0x5a; len];
        let anchor = TrustAnchor {
            subject: Vec::new().into(),
            subject_public_key_info: content.clone().into(),
            name_constraints: None,
        };
        let mut der = header;
        der.extend_from_slice(&content);
        assert_eq!(anchor_spki_sha256(&anchor), sha256(&der));
    }
}
