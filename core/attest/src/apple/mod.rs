//! Apple App Attest: the attestation object a phone sends once for its App Attest key, and
//! the assertions it signs with that key afterwards. The steps are Apple's ("Validating
//! apps that connect to your server").

mod auth_data;

pub use auth_data::{AAGUID_DEVELOPMENT, AAGUID_PRODUCTION, AuthenticatorData};

use ciborium::Value;
use ring::digest::{SHA256, digest};
use ring::signature::{ECDSA_P256_SHA256_ASN1, UnparsedPublicKey};
use time::OffsetDateTime;

use crate::chain::{extension, p256_point, parse_chain, verify_chain};
use crate::der::{self, OCTET_STRING, SEQUENCE};
use crate::policy::ApplePolicy;
use crate::reason::Reason;
use crate::roots::TrustAnchors;
use crate::verdict::{AppleEnvironment, Attested, Verdict};

/// The credential certificate's nonce extension.
pub const NONCE_OID: &str = "1.2.840.113635.100.8.2";

/// The attestation statement format App Attest uses.
pub const FORMAT: &str = "apple-appattest";

/// Evidence larger than this is refused unread (a real object is about 5.5 kB).
const MAX_OBJECT_BYTES: usize = 64 * 1024;

/// One attestation object and what the bank expects of it.
#[derive(Clone, Copy, Debug)]
pub struct AppleCheck<'a> {
    /// The attestation object, CBOR (as `attestKey` returned it).
    pub object: &'a [u8],
    /// The key id the app got from `generateKey` (32 bytes, decoded from its base64).
    pub key_id: &'a [u8],
    /// The exact bytes the app passed to `attestKey` as `clientDataHash`.
    pub client_data_hash: &'a [u8],
    /// The app id: team id, a dot, the bundle id.
    pub app_id: &'a str,
    /// The time the certificates must be valid at.
    pub at: OffsetDateTime,
}

/// The attested key, what the bank stores to check later assertions.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AppleKey {
    /// The key's public point, uncompressed (65 bytes).
    pub public_key: Vec<u8>,
    /// The key id (SHA-256 of the public point).
    pub key_id: Vec<u8>,
    /// Apple's receipt, for the bank's later fraud-risk queries (not checked here).
    pub receipt: Vec<u8>,
}

/// The verdict and, when valid, the key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AppleReport {
    /// Valid with the environment, or the first failed check.
    pub verdict: Verdict,
    /// The attested key, when valid.
    pub key: Option<AppleKey>,
}

/// Checks an attestation object, in Apple's order: the format, the `x5c` chain to Apple's
/// root and its validity at `at`, the nonce (SHA-256 of authData and clientDataHash), the
/// key id (SHA-256 of the credential certificate's key), the RP id hash (SHA-256 of the
/// app id), the counter (0), the environment (AAGUID), the credential id (the key id).
pub fn verify_app_attest(
    check: &AppleCheck<'_>,
    policy: &ApplePolicy,
    anchors: &TrustAnchors,
) -> AppleReport {
    match check_all(check, policy, anchors) {
        Ok((environment, key)) => AppleReport {
            verdict: Verdict::Valid(Attested::Apple(environment)),
            key: Some(key),
        },
        Err(reason) => AppleReport {
            verdict: Verdict::Refused(reason),
            key: None,
        },
    }
}

struct Object {
    x5c: Vec<Vec<u8>>,
    receipt: Vec<u8>,
    auth_data: Vec<u8>,
}

fn check_all(
    check: &AppleCheck<'_>,
    policy: &ApplePolicy,
    anchors: &TrustAnchors,
) -> Result<(AppleEnvironment, AppleKey), Reason> {
    let object = decode_object(check.object)?;
    let chain = parse_chain(&object.x5c, 2)?;
    verify_chain(&chain, anchors, check.at)?;
    let leaf = &chain[0];
    if chain[1..].iter().any(|c| extension(c, NONCE_OID).is_some()) {
        return Err(Reason::ExtensionMisplaced);
    }

    let nonce = digest(
        &SHA256,
        &[object.auth_data.as_slice(), check.client_data_hash].concat(),
    );
    let attested_nonce = nonce_of(extension(leaf, NONCE_OID).ok_or(Reason::ExtensionMissing)?)?;
    if attested_nonce != nonce.as_ref() {
        return Err(Reason::ChallengeMismatch);
    }

    let public_key = p256_point(leaf.public_key()).ok_or(Reason::KeyNotP256)?;
    let key_id = digest(&SHA256, public_key);
    if key_id.as_ref() != check.key_id {
        return Err(Reason::KeyIdMismatch);
    }

    let auth_data = AuthenticatorData::parse_attested(&object.auth_data)?;
    if auth_data.rp_id_hash != digest(&SHA256, check.app_id.as_bytes()).as_ref() {
        return Err(Reason::AppMismatch);
    }
    if auth_data.counter != 0 {
        return Err(Reason::CounterNotZero);
    }
    let environment = match auth_data.aaguid.as_deref() {
        Some(aaguid) if aaguid == AAGUID_PRODUCTION => AppleEnvironment::Production,
        Some(aaguid) if aaguid == AAGUID_DEVELOPMENT => AppleEnvironment::Development,
        _ => return Err(Reason::EnvironmentMismatch),
    };
    let wanted = if policy.development {
        AppleEnvironment::Development
    } else {
        AppleEnvironment::Production
    };
    if environment != wanted {
        return Err(Reason::EnvironmentMismatch);
    }
    if auth_data.credential_id.as_deref() != Some(key_id.as_ref()) {
        return Err(Reason::KeyIdMismatch);
    }
    Ok((
        environment,
        AppleKey {
            public_key: public_key.to_vec(),
            key_id: key_id.as_ref().to_vec(),
            receipt: object.receipt,
        },
    ))
}

/// `{"fmt": "apple-appattest", "attStmt": {"x5c": [bytes...], "receipt": bytes},
/// "authData": bytes}`.
fn decode_object(bytes: &[u8]) -> Result<Object, Reason> {
    let map = decode_map(bytes)?;
    match field(&map, "fmt") {
        Some(Value::Text(format)) if format == FORMAT => {}
        Some(Value::Text(_)) => return Err(Reason::FormatInvalid),
        _ => return Err(Reason::Malformed),
    }
    let Some(Value::Map(statement)) = field(&map, "attStmt") else {
        return Err(Reason::Malformed);
    };
    let Some(Value::Array(x5c)) = field(statement, "x5c") else {
        return Err(Reason::Malformed);
    };
    let x5c = x5c
        .iter()
        .map(|c| c.as_bytes().cloned().ok_or(Reason::Malformed))
        .collect::<Result<Vec<_>, _>>()?;
    let receipt = match field(statement, "receipt") {
        Some(Value::Bytes(receipt)) => receipt.clone(),
        None => Vec::new(),
        Some(_) => return Err(Reason::Malformed),
    };
    let Some(Value::Bytes(auth_data)) = field(&map, "authData") else {
        return Err(Reason::Malformed);
    };
    Ok(Object {
        x5c,
        receipt,
        auth_data: auth_data.clone(),
    })
}

fn decode_map(bytes: &[u8]) -> Result<Vec<(Value, Value)>, Reason> {
    if bytes.len() > MAX_OBJECT_BYTES {
        return Err(Reason::Malformed);
    }
    match ciborium::from_reader::<Value, _>(bytes) {
        Ok(Value::Map(map)) => Ok(map),
        _ => Err(Reason::Malformed),
    }
}

fn field<'a>(map: &'a [(Value, Value)], name: &str) -> Option<&'a Value> {
    map.iter()
        .find(|(key, _)| key.as_text() == Some(name))
        .map(|(_, value)| value)
}

/// The nonce extension's value: `SEQUENCE { [1] EXPLICIT OCTET STRING }`.
fn nonce_of(value: &[u8]) -> Result<&[u8], Reason> {
    let fields = der::constructed(&der::single(value)?, SEQUENCE)?;
    let [tagged] = fields.as_slice() else {
        return Err(Reason::Malformed);
    };
    if der::context_tag(tagged) != Some(1) {
        return Err(Reason::Malformed);
    }
    der::universal(&der::single(tagged.data)?, OCTET_STRING)
}

/// One assertion and what the bank expects of it.
#[derive(Clone, Copy, Debug)]
pub struct AssertionCheck<'a> {
    /// The assertion, CBOR `{"signature": bytes, "authenticatorData": bytes}`.
    pub assertion: &'a [u8],
    /// The exact bytes the app passed to `generateAssertion` as `clientDataHash`.
    pub client_data_hash: &'a [u8],
    /// The attested key's public point (from [`AppleKey`]).
    pub public_key: &'a [u8],
    /// The app id: team id, a dot, the bundle id.
    pub app_id: &'a str,
    /// The counter of the last assertion accepted for this key (0 after the attestation).
    pub previous_counter: u32,
}

/// Checks an assertion in Apple's order: the signature over SHA-256(authenticatorData ||
/// clientDataHash), the RP id hash, a counter greater than the last one. Returns the new
/// counter, which the bank stores.
pub fn verify_assertion(check: &AssertionCheck<'_>) -> Result<u32, Reason> {
    let map = decode_map(check.assertion)?;
    let (Some(Value::Bytes(signature)), Some(Value::Bytes(auth_data))) =
        (field(&map, "signature"), field(&map, "authenticatorData"))
    else {
        return Err(Reason::Malformed);
    };
    let nonce = digest(
        &SHA256,
        &[auth_data.as_slice(), check.client_data_hash].concat(),
    );
    UnparsedPublicKey::new(&ECDSA_P256_SHA256_ASN1, check.public_key)
        .verify(nonce.as_ref(), signature)
        .map_err(|_| Reason::SignatureInvalid)?;
    let auth_data = AuthenticatorData::parse(auth_data)?;
    if auth_data.rp_id_hash != digest(&SHA256, check.app_id.as_bytes()).as_ref() {
        return Err(Reason::AppMismatch);
    }
    if auth_data.counter <= check.previous_counter {
        return Err(Reason::CounterReplayed);
    }
    Ok(auth_data.counter)
}
