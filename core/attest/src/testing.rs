//! A test authority for the sandbox's simulated phones: a root of its own, with chains and
//! attestation objects shaped like Google's and Apple's (the same extensions, the same
//! CBOR), so the bank's real checks run on them. Only a bank in test mode trusts its root
//! ([`TestAuthority::anchors`]); under the vendors' roots everything it makes is refused.

use ciborium::Value;
use rcgen::{
    BasicConstraints, CertificateParams, CertifiedIssuer, CustomExtension, DnType, IsCa, KeyPair,
    PKCS_ECDSA_P256_SHA256, PKCS_ECDSA_P384_SHA384, PublicKeyData, SignatureAlgorithm, SigningKey,
    date_time_ymd,
};
use ring::digest::{SHA256, digest};

use crate::apple::AAGUID_DEVELOPMENT;
use crate::apple::AAGUID_PRODUCTION;
use crate::policy::KeyRole;
use crate::roots::TrustAnchors;
use crate::verdict::SecurityLevel;

const KEY_DESCRIPTION_OID: &[u64] = &[1, 3, 6, 1, 4, 1, 11129, 2, 1, 17];
const APPLE_NONCE_OID: &[u64] = &[1, 2, 840, 113635, 100, 8, 2];

/// What a simulated Android key's attestation says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AndroidKeySpec {
    /// The bank's challenge.
    pub challenge: Vec<u8>,
    /// Where the key claims to live.
    pub level: SecurityLevel,
    /// K_dev (no user authentication) or K_bio (a biometric per use).
    pub role: KeyRole,
    /// The app's package name.
    pub package: String,
    /// SHA-256 of the app's signing certificate.
    pub signer_digest: [u8; 32],
    /// Whether the bootloader is locked.
    pub device_locked: bool,
}

impl AndroidKeySpec {
    /// A TEE K_dev of `package`, on a locked device, with the challenge.
    pub fn device_key(challenge: &[u8], package: &str) -> AndroidKeySpec {
        AndroidKeySpec {
            challenge: challenge.to_vec(),
            level: SecurityLevel::TrustedEnvironment,
            role: KeyRole::Device,
            package: package.to_owned(),
            signer_digest: [0x5a; 32],
            device_locked: true,
        }
    }
}

/// A simulated App Attest key: its attestation object, and the key to sign assertions.
pub struct TestAppAttestKey {
    key: KeyPair,
    /// The attestation object (CBOR).
    pub object: Vec<u8>,
    /// The key id (SHA-256 of the public point).
    pub key_id: Vec<u8>,
}

impl TestAppAttestKey {
    /// A fresh key, not yet attested, as `generateKey` makes it (`object` empty until
    /// [`TestAuthority::attest_apple_key`]).
    pub fn generate() -> Result<TestAppAttestKey, rcgen::Error> {
        let key = KeyPair::generate_for(&PKCS_ECDSA_P256_SHA256)?;
        let key_id = digest(&SHA256, key.public_key_raw()).as_ref().to_vec();
        Ok(TestAppAttestKey {
            key,
            object: Vec::new(),
            key_id,
        })
    }

    /// An assertion over `client_data_hash` with this counter, as `generateAssertion`
    /// makes it: `{"signature", "authenticatorData"}`.
    pub fn assertion(
        &self,
        app_id: &str,
        client_data_hash: &[u8],
        counter: u32,
    ) -> Result<Vec<u8>, rcgen::Error> {
        let mut auth_data = digest(&SHA256, app_id.as_bytes()).as_ref().to_vec();
        auth_data.push(0x00);
        auth_data.extend_from_slice(&counter.to_be_bytes());
        let nonce = digest(&SHA256, &[auth_data.as_slice(), client_data_hash].concat());
        let signature = self.key.sign(nonce.as_ref())?;
        Ok(cbor(&Value::Map(vec![
            (text("signature"), Value::Bytes(signature)),
            (text("authenticatorData"), Value::Bytes(auth_data)),
        ])))
    }

    /// The key's public point (uncompressed).
    pub fn public_key(&self) -> &[u8] {
        self.key.public_key_raw()
    }
}

/// The test root and its two intermediates (one per platform), keys in memory only.
pub struct TestAuthority {
    root: CertifiedIssuer<'static, KeyPair>,
    android_ca: CertifiedIssuer<'static, KeyPair>,
    apple_ca: CertifiedIssuer<'static, KeyPair>,
}

impl TestAuthority {
    /// A new root (P-384), valid 2020 to 2050, with fresh keys.
    pub fn new() -> Result<TestAuthority, rcgen::Error> {
        let root = CertifiedIssuer::self_signed(
            ca_params("Avain Sandbox Attestation Test Root")?,
            KeyPair::generate_for(&PKCS_ECDSA_P384_SHA384)?,
        )?;
        let android_ca = CertifiedIssuer::signed_by(
            ca_params("Avain Sandbox Android Attestation CA")?,
            KeyPair::generate_for(&PKCS_ECDSA_P256_SHA256)?,
            &root,
        )?;
        let apple_ca = CertifiedIssuer::signed_by(
            ca_params("Avain Sandbox App Attestation CA")?,
            KeyPair::generate_for(&PKCS_ECDSA_P384_SHA384)?,
            &root,
        )?;
        Ok(TestAuthority {
            root,
            android_ca,
            apple_ca,
        })
    }

    /// The test root, as the anchors a bank in test mode trusts.
    pub fn anchors(&self) -> TrustAnchors {
        TrustAnchors::from_der(vec![self.root.der().to_vec()]).expect("rcgen's certificate parses")
    }

    /// The test root, PEM.
    pub fn root_pem(&self) -> String {
        self.root.pem()
    }

    /// An Android-shaped chain (leaf, intermediate, root; DER) attesting the P-256 key
    /// with this uncompressed public point, as `spec` says.
    pub fn android_chain(
        &self,
        public_key: &[u8],
        spec: &AndroidKeySpec,
    ) -> Result<Vec<Vec<u8>>, rcgen::Error> {
        let mut params = leaf_params("Android Keystore Key")?;
        params
            .custom_extensions
            .push(CustomExtension::from_oid_content(
                KEY_DESCRIPTION_OID,
                key_description(spec),
            ));
        let leaf = params.signed_by(&RawP256(public_key.to_vec()), &self.android_ca)?;
        Ok(vec![
            leaf.der().to_vec(),
            self.android_ca.der().to_vec(),
            self.root.der().to_vec(),
        ])
    }

    /// An Android-shaped chain for a fresh key (the tests' own phones).
    pub fn android_chain_for_new_key(
        &self,
        spec: &AndroidKeySpec,
    ) -> Result<Vec<Vec<u8>>, rcgen::Error> {
        let key = KeyPair::generate_for(&PKCS_ECDSA_P256_SHA256)?;
        self.android_chain(key.public_key_raw(), spec)
    }

    /// An App Attest key and its attestation object for `app_id`, bound to
    /// `client_data_hash`, from the production or the development environment.
    pub fn apple_attestation(
        &self,
        app_id: &str,
        client_data_hash: &[u8],
        development: bool,
    ) -> Result<TestAppAttestKey, rcgen::Error> {
        let mut key = TestAppAttestKey::generate()?;
        key.object = self.attest_apple_key(&key, app_id, client_data_hash, development)?;
        Ok(key)
    }

    /// The attestation object for an existing key (`attestKey`), for `app_id`, bound to
    /// `client_data_hash`, from the production or the development environment.
    pub fn attest_apple_key(
        &self,
        key: &TestAppAttestKey,
        app_id: &str,
        client_data_hash: &[u8],
        development: bool,
    ) -> Result<Vec<u8>, rcgen::Error> {
        let point = key.key.public_key_raw();
        let auth_data = attested_auth_data(app_id, &key.key_id, point, development);
        let nonce = digest(&SHA256, &[auth_data.as_slice(), client_data_hash].concat());
        // SEQUENCE { [1] EXPLICIT OCTET STRING nonce }
        let nonce_value = tlv(&[0x30], &tlv(&[0xa1], &tlv(&[0x04], nonce.as_ref())));
        let mut params = leaf_params(&hex_lower(&key.key_id))?;
        params
            .custom_extensions
            .push(CustomExtension::from_oid_content(
                APPLE_NONCE_OID,
                nonce_value,
            ));
        let leaf = params.signed_by(&key.key, &self.apple_ca)?;
        Ok(cbor(&Value::Map(vec![
            (text("fmt"), text("apple-appattest")),
            (
                text("attStmt"),
                Value::Map(vec![
                    (
                        text("x5c"),
                        Value::Array(vec![
                            Value::Bytes(leaf.der().to_vec()),
                            Value::Bytes(self.apple_ca.der().to_vec()),
                        ]),
                    ),
                    (text("receipt"), Value::Bytes(b"sandbox receipt".to_vec())),
                ]),
            ),
            (text("authData"), Value::Bytes(auth_data)),
        ])))
    }
}

/// A public key given as its uncompressed P-256 point.
struct RawP256(Vec<u8>);

impl PublicKeyData for RawP256 {
    fn der_bytes(&self) -> &[u8] {
        &self.0
    }

    fn algorithm(&self) -> &'static SignatureAlgorithm {
        &PKCS_ECDSA_P256_SHA256
    }
}

fn ca_params(name: &str) -> Result<CertificateParams, rcgen::Error> {
    let mut params = CertificateParams::new(Vec::<String>::new())?;
    params.distinguished_name.push(DnType::CommonName, name);
    params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    params.not_before = date_time_ymd(2020, 1, 1);
    params.not_after = date_time_ymd(2050, 1, 1);
    Ok(params)
}

fn leaf_params(name: &str) -> Result<CertificateParams, rcgen::Error> {
    let mut params = CertificateParams::new(Vec::<String>::new())?;
    params.distinguished_name.push(DnType::CommonName, name);
    params.not_before = date_time_ymd(2020, 1, 1);
    params.not_after = date_time_ymd(2048, 1, 1);
    Ok(params)
}

/// rpIdHash, flags (attested credential data), counter 0, AAGUID, credential id (the key
/// id), and the key as COSE (EC2, ES256, P-256).
fn attested_auth_data(app_id: &str, key_id: &[u8], point: &[u8], development: bool) -> Vec<u8> {
    let mut data = digest(&SHA256, app_id.as_bytes()).as_ref().to_vec();
    data.push(0x40);
    data.extend_from_slice(&0u32.to_be_bytes());
    data.extend_from_slice(if development {
        AAGUID_DEVELOPMENT
    } else {
        AAGUID_PRODUCTION
    });
    data.extend_from_slice(
        &u16::try_from(key_id.len())
            .unwrap_or(u16::MAX)
            .to_be_bytes(),
    );
    data.extend_from_slice(key_id);
    let (x, y) = point
        .get(1..)
        .unwrap_or_default()
        .split_at(point.len().saturating_sub(1) / 2);
    data.extend_from_slice(&cbor(&Value::Map(vec![
        (Value::Integer(1.into()), Value::Integer(2.into())),
        (Value::Integer(3.into()), Value::Integer((-7).into())),
        (Value::Integer((-1).into()), Value::Integer(1.into())),
        (Value::Integer((-2).into()), Value::Bytes(x.to_vec())),
        (Value::Integer((-3).into()), Value::Bytes(y.to_vec())),
    ])));
    data
}

/// The KeyDescription DER as KeyMint 300 writes it.
fn key_description(spec: &AndroidKeySpec) -> Vec<u8> {
    let level = match spec.level {
        SecurityLevel::Software => 0,
        SecurityLevel::TrustedEnvironment => 1,
        SecurityLevel::StrongBox => 2,
    };
    let mut key = vec![
        explicit(1, set(vec![integer(2)])),
        explicit(2, integer(3)),
        explicit(3, integer(256)),
        explicit(10, integer(1)),
    ];
    match spec.role {
        KeyRole::Device => key.push(explicit(503, vec![0x05, 0x00])),
        KeyRole::Biometric => key.push(explicit(504, integer(2))),
    }
    key.push(explicit(702, integer(0)));
    let app_id = sequence(vec![
        set(vec![sequence(vec![
            tlv(&[0x04], spec.package.as_bytes()),
            integer(1),
        ])]),
        set(vec![tlv(&[0x04], &spec.signer_digest)]),
    ]);
    let mut software = vec![explicit(709, tlv(&[0x04], &app_id))];
    let mut hardware = Vec::new();
    if spec.level == SecurityLevel::Software {
        // A software key: the OS enforces everything, and no root of trust is attested.
        key.append(&mut software);
        software = key;
    } else {
        let root_of_trust = sequence(vec![
            tlv(&[0x04], &[0x11; 32]),
            tlv(&[0x01], &[if spec.device_locked { 0xff } else { 0x00 }]),
            tlv(&[0x0a], &[if spec.device_locked { 0 } else { 2 }]),
            tlv(&[0x04], &[0x22; 32]),
        ]);
        key.push(explicit(704, root_of_trust));
        hardware = key;
    }
    sequence(vec![
        integer(300),
        tlv(&[0x0a], &[level]),
        integer(300),
        tlv(&[0x0a], &[level]),
        tlv(&[0x04], &spec.challenge),
        tlv(&[0x04], &[]),
        sequence(software),
        sequence(hardware),
    ])
}

fn tlv(tag: &[u8], content: &[u8]) -> Vec<u8> {
    let mut out = tag.to_vec();
    let length = content.len();
    if length < 0x80 {
        out.push(length as u8);
    } else {
        let bytes: Vec<u8> = length
            .to_be_bytes()
            .into_iter()
            .skip_while(|b| *b == 0)
            .collect();
        out.push(0x80 | bytes.len() as u8);
        out.extend_from_slice(&bytes);
    }
    out.extend_from_slice(content);
    out
}

fn sequence(parts: Vec<Vec<u8>>) -> Vec<u8> {
    tlv(&[0x30], &parts.concat())
}

/// DER sorts a SET OF by encoding.
fn set(mut parts: Vec<Vec<u8>>) -> Vec<u8> {
    parts.sort();
    tlv(&[0x31], &parts.concat())
}

fn integer(value: u64) -> Vec<u8> {
    let mut bytes: Vec<u8> = value
        .to_be_bytes()
        .into_iter()
        .skip_while(|b| *b == 0)
        .collect();
    if bytes.first().is_none_or(|b| b & 0x80 != 0) {
        bytes.insert(0, 0);
    }
    tlv(&[0x02], &bytes)
}

/// `[tag] EXPLICIT`: context-specific, constructed, high tag numbers in base 128.
fn explicit(tag: u32, inner: Vec<u8>) -> Vec<u8> {
    let header = if tag < 31 {
        vec![0xa0 | tag as u8]
    } else {
        let mut digits = vec![(tag & 0x7f) as u8];
        let mut rest = tag >> 7;
        while rest > 0 {
            digits.push(0x80 | (rest & 0x7f) as u8);
            rest >>= 7;
        }
        digits.push(0xbf);
        digits.reverse();
        digits
    };
    tlv(&header, &inner)
}

fn text(value: &str) -> Value {
    Value::Text(value.to_owned())
}

fn cbor(value: &Value) -> Vec<u8> {
    let mut out = Vec::new();
    ciborium::into_writer(value, &mut out)
        .expect("a CBOR value of maps, bytes and text encodes into a Vec");
    out
}

fn hex_lower(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
