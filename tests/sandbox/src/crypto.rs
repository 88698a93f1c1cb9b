//! The bank's cryptography: randomness, ids and codes, hashing of secrets kept in the
//! database, and checks of the device's public keys. All with `ring`. The device's
//! signatures are verified by `avain_protocol::verify`, the protocol's one verifier.

use ring::rand::{SecureRandom, SystemRandom};
use ring::{agreement, digest, hmac, pbkdf2};
use std::num::NonZeroU32;
use zeroize::Zeroizing;

/// PBKDF2-HMAC-SHA256 iterations for online-bank passwords. The iteration count is stored
/// with each hash, so it can be raised without invalidating old ones.
pub const PASSWORD_ITERATIONS: u32 = 60_000;

/// Random bytes from the operating system.
pub fn random_bytes<const N: usize>() -> [u8; N] {
    let mut bytes = [0u8; N];
    // The OS random source failing is not recoverable for a bank: every id and code
    // depends on it, and a fallback would be predictable.
    #[allow(clippy::expect_used)]
    SystemRandom::new()
        .fill(&mut bytes)
        .expect("the operating system's random source is available");
    bytes
}

/// A random id with a readable prefix: "prf_3f9a...", 80 bits of randomness.
pub fn new_id(prefix: &str) -> String {
    let bytes: [u8; 10] = random_bytes();
    format!("{prefix}_{}", hex(&bytes))
}

/// A random opaque token (sessions): 256 bits, base64url.
pub fn new_token() -> Zeroizing<String> {
    use base64::Engine;
    let bytes: Zeroizing<[u8; 32]> = Zeroizing::new(random_bytes());
    Zeroizing::new(base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(*bytes))
}

/// A random code of `digits` decimal digits (SMS codes, meeting identifiers), uniform:
/// rejection sampling avoids the modulo bias.
pub fn new_digits(digits: u32) -> Zeroizing<String> {
    let modulus = 10u64.pow(digits);
    let limit = u64::MAX - (u64::MAX % modulus);
    loop {
        let value = u64::from_le_bytes(random_bytes());
        if value < limit {
            return Zeroizing::new(format!(
                "{:0width$}",
                value % modulus,
                width = digits as usize
            ));
        }
    }
}

/// A uniform random index in `1..=max`.
pub fn random_index(max: u32) -> u32 {
    let max = u64::from(max.max(1));
    let limit = u64::MAX - (u64::MAX % max);
    loop {
        let value = u64::from_le_bytes(random_bytes());
        if value < limit {
            return u32::try_from(value % max + 1).unwrap_or(1);
        }
    }
}

/// Lowercase hex.
pub fn hex(bytes: &[u8]) -> String {
    // Not a `format!` per byte: every challenge id is made here.
    ::hex::encode(bytes)
}

/// SHA-256.
pub fn sha256(data: &[u8]) -> [u8; 32] {
    let digest = digest::digest(&digest::SHA256, data);
    let mut out = [0u8; 32];
    out.copy_from_slice(digest.as_ref());
    out
}

/// Keyed hashes of short secrets (key-card codes, SMS codes, HETU, tokens, identifiers)
/// under the bank's pepper, which lives in the data directory and never in the database:
/// a copy of the database alone does not let anyone test candidate codes.
#[derive(Clone)]
pub struct SecretHasher {
    key: hmac::Key,
}

impl std::fmt::Debug for SecretHasher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SecretHasher([redacted])")
    }
}

impl SecretHasher {
    /// A hasher with the bank's 32-byte pepper.
    pub fn new(pepper: &[u8]) -> Self {
        SecretHasher {
            key: hmac::Key::new(hmac::HMAC_SHA256, pepper),
        }
    }

    /// HMAC-SHA256 over the domain and each part, each length-prefixed so that no two
    /// different inputs hash alike.
    pub fn hash(&self, domain: &str, parts: &[&[u8]]) -> Vec<u8> {
        let mut ctx = hmac::Context::with_key(&self.key);
        for part in std::iter::once(domain.as_bytes()).chain(parts.iter().copied()) {
            ctx.update(&(part.len() as u64).to_be_bytes());
            ctx.update(part);
        }
        ctx.sign().as_ref().to_vec()
    }

    /// Whether `candidate` hashes to `stored` (constant time).
    pub fn verify(&self, domain: &str, parts: &[&[u8]], stored: &[u8]) -> bool {
        let computed = self.hash(domain, parts);
        constant_time_eq(&computed, stored)
    }
}

/// Compares two byte strings in time independent of where they differ.
pub fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Hashes a password as "pbkdf2-sha256$<iterations>$<salt hex>$<hash hex>".
pub fn hash_password(password: &str) -> String {
    let salt: [u8; 16] = random_bytes();
    hash_password_with(password, &salt, PASSWORD_ITERATIONS)
}

fn hash_password_with(password: &str, salt: &[u8], iterations: u32) -> String {
    let mut out = [0u8; 32];
    let rounds = NonZeroU32::new(iterations).unwrap_or(NonZeroU32::MIN);
    pbkdf2::derive(
        pbkdf2::PBKDF2_HMAC_SHA256,
        rounds,
        salt,
        password.as_bytes(),
        &mut out,
    );
    format!("pbkdf2-sha256${iterations}${}${}", hex(salt), hex(&out))
}

/// Whether `password` matches the stored hash; a malformed stored value never matches.
pub fn verify_password(password: &str, stored: &str) -> bool {
    let mut parts = stored.split('$');
    let (Some("pbkdf2-sha256"), Some(iterations), Some(salt), Some(hash), None) = (
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
    ) else {
        return false;
    };
    let (Ok(iterations), Some(salt), Some(hash)) =
        (iterations.parse::<u32>(), unhex(salt), unhex(hash))
    else {
        return false;
    };
    let Some(rounds) = NonZeroU32::new(iterations) else {
        return false;
    };
    pbkdf2::verify(
        pbkdf2::PBKDF2_HMAC_SHA256,
        rounds,
        &salt,
        password.as_bytes(),
        &hash,
    )
    .is_ok()
}

/// Spends the time of a password check when there is no account to check against, so the
/// answer's timing does not tell whether a username exists.
pub fn dummy_password_check(password: &str) {
    let _ = hash_password_with(password, &[0u8; 16], PASSWORD_ITERATIONS);
}

fn unhex(text: &str) -> Option<Vec<u8>> {
    if text.len() % 2 != 0 {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok())
        .collect()
}

/// Whether `key` is a valid P-256 public key (SEC1 uncompressed point on the curve).
///
/// ring has no "parse public key" call, but an ECDH agreement validates the peer's point
/// fully before using it, so a throwaway agreement is an exact check.
pub fn is_valid_p256_public_key(key: &[u8]) -> bool {
    if key.len() != 65 || key.first() != Some(&0x04) {
        return false;
    }
    let rng = SystemRandom::new();
    let Ok(ephemeral) = agreement::EphemeralPrivateKey::generate(&agreement::ECDH_P256, &rng)
    else {
        return false;
    };
    let peer = agreement::UnparsedPublicKey::new(&agreement::ECDH_P256, key);
    agreement::agree_ephemeral(ephemeral, &peer, |_| ()).is_ok()
}

/// Whether `key` has the length of an Ed25519 public key. (Any 32 bytes may be one; ring
/// rejects points that do not decode when verifying.)
pub fn is_valid_ed25519_public_key(key: &[u8]) -> bool {
    key.len() == 32
}

#[cfg(test)]
mod tests {
    use super::*;
    use ring::signature::{ECDSA_P256_SHA256_ASN1_SIGNING, EcdsaKeyPair, KeyPair};

    #[test]
    fn passwords_verify_only_with_the_right_password() {
        let stored = hash_password("Sauna-24");
        assert!(stored.starts_with("pbkdf2-sha256$60000$"));
        assert!(verify_password("Sauna-24", &stored));
        assert!(!verify_password("sauna-24", &stored));
        assert!(!verify_password("Sauna-24", "pbkdf2-sha256$0$00$00"));
        assert!(!verify_password("Sauna-24", "garbage"));
    }

    #[test]
    fn secret_hashes_are_domain_separated() {
        let hasher = SecretHasher::new(&[7u8; 32]);
        let a = hasher.hash("sms", &[b"123456"]);
        assert_ne!(a, hasher.hash("key_card", &[b"123456"]));
        assert_ne!(
            hasher.hash("x", &[b"ab", b"c"]),
            hasher.hash("x", &[b"a", b"bc"])
        );
        assert!(hasher.verify("sms", &[b"123456"], &a));
        assert!(!hasher.verify("sms", &[b"123457"], &a));
        assert!(!format!("{hasher:?}").contains('7'));
    }

    #[test]
    fn random_codes_have_their_length_and_range() {
        for _ in 0..200 {
            let code = new_digits(6);
            assert_eq!(code.len(), 6);
            assert!(code.bytes().all(|b| b.is_ascii_digit()));
            let index = random_index(50);
            assert!((1..=50).contains(&index));
        }
        assert_ne!(new_id("prf"), new_id("prf"));
        assert!(new_id("pay").starts_with("pay_"));
    }

    #[test]
    fn device_public_keys_are_checked_on_the_curve() {
        let rng = SystemRandom::new();
        let pkcs8 = EcdsaKeyPair::generate_pkcs8(&ECDSA_P256_SHA256_ASN1_SIGNING, &rng).unwrap();
        let dev = EcdsaKeyPair::from_pkcs8(&ECDSA_P256_SHA256_ASN1_SIGNING, pkcs8.as_ref(), &rng)
            .unwrap();
        assert!(is_valid_p256_public_key(dev.public_key().as_ref()));
        let mut off_curve = dev.public_key().as_ref().to_vec();
        off_curve[64] ^= 1;
        assert!(!is_valid_p256_public_key(&off_curve));
        assert!(!is_valid_p256_public_key(&[4u8; 65]));
    }
}
