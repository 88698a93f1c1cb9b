//! K_pin, the knowledge factor, "camouflaged": derived from the PIN, never stored.
//!
//! seed = HKDF-SHA256(ikm = PBKDF2-HMAC-SHA256(PIN, salt, iterations),
//!                    salt = the profile's device secret,
//!                    info = "avain pin v1" || profile id)
//! key  = Ed25519 from the seed (`ring`'s `Ed25519KeyPair::from_seed_unchecked`).
//!
//! The device keeps the salt and iteration count (in the store) and the device secret (in
//! the secret store), but no PIN, no PIN hash, no checksum and no public key: every PIN
//! yields a valid-looking key, so a copy of the device's files cannot be used to test PINs
//! offline. Only the server, which holds the public key from registration, sees whether a
//! signature is right, and it locks the profile after 5 failures in a row. The device
//! secret, kept in the platform keystore, means that even the data directory plus the
//! server's public key is not enough for an offline search.

use std::num::NonZeroU32;
use std::time::{Duration, Instant};

use ring::signature::{Ed25519KeyPair, KeyPair};
use ring::{hkdf, pbkdf2};
use zeroize::Zeroizing;

use super::{ED25519_PUBLIC_KEY_LEN, KeyError};
use crate::pin::Pin;
use crate::random::{Randomness, random_array};
use crate::secrets::{SecretBytes, SecretStore, profile_secret_name};

/// PBKDF2 iterations for new PINs: 5 ms on the reference machine at real-time priority,
/// 10 ms under load (release build, `avain bench login`). Set from the threat model in
/// docs/device-security.md: the cost slows only an attacker who already holds the device
/// secret and the bank's K_pin public key, and no cost a login can pay protects a 4-to-6
/// digit PIN from that one; so it is kept small for the login. Stored per profile, so a
/// profile keeps the cost its PIN was made with until its next PIN change.
pub const DEFAULT_PIN_KDF_ITERATIONS: u32 = 20_000;

/// The HKDF `info` prefix; the profile id follows it.
const INFO_PREFIX: &[u8] = b"avain pin v1";
/// Length of the per-profile PBKDF2 salt.
const SALT_LEN: usize = 16;
/// Length of the device secret.
const DEVICE_SECRET_LEN: usize = 32;

/// The per-profile PBKDF2 parameters kept in the store: not secret on their own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PinKdfParams {
    salt: [u8; SALT_LEN],
    iterations: NonZeroU32,
}

impl PinKdfParams {
    /// Parameters as stored; refuses a salt of the wrong length or zero iterations.
    pub fn new(salt: &[u8], iterations: u32) -> Result<PinKdfParams, KeyError> {
        let salt: [u8; SALT_LEN] = salt.try_into().map_err(|_| KeyError::InvalidKdfParams)?;
        let iterations = NonZeroU32::new(iterations).ok_or(KeyError::InvalidKdfParams)?;
        Ok(PinKdfParams { salt, iterations })
    }

    /// Fresh parameters for a new PIN: a random salt and `iterations`.
    pub fn generate(rng: &dyn Randomness, iterations: u32) -> Result<PinKdfParams, KeyError> {
        PinKdfParams::new(&random_array::<SALT_LEN>(rng)?, iterations)
    }

    /// The salt.
    pub fn salt(&self) -> &[u8] {
        &self.salt
    }

    /// The PBKDF2 iteration count.
    pub fn iterations(&self) -> u32 {
        self.iterations.get()
    }
}

/// A K_pin handle, alive only while one approval is being signed. It keeps the seed in
/// memory that is wiped on drop; `ring`'s key pair, which cannot be wiped, exists only for
/// the duration of one signature.
pub struct PinKey {
    seed: Zeroizing<[u8; 32]>,
    public_key: [u8; ED25519_PUBLIC_KEY_LEN],
}

impl PinKey {
    /// Derives the key. Takes about as long as the PBKDF2 iterations (5-10 ms by default):
    /// call it off the UI thread.
    pub fn derive(
        pin: &Pin,
        params: &PinKdfParams,
        device_secret: &SecretBytes,
        profile_id: &str,
    ) -> Result<PinKey, KeyError> {
        let mut stretched = Zeroizing::new([0u8; 32]);
        pbkdf2::derive(
            pbkdf2::PBKDF2_HMAC_SHA256,
            params.iterations,
            &params.salt,
            pin.expose().as_bytes(),
            &mut stretched[..],
        );
        let prk =
            hkdf::Salt::new(hkdf::HKDF_SHA256, device_secret.expose()).extract(&stretched[..]);
        let info = [INFO_PREFIX, profile_id.as_bytes()];
        let okm = prk
            .expand(&info, SeedLen)
            .map_err(|_| KeyError::InvalidKdfParams)?;
        let mut seed = Zeroizing::new([0u8; 32]);
        okm.fill(&mut seed[..])
            .map_err(|_| KeyError::InvalidKdfParams)?;
        let pair =
            Ed25519KeyPair::from_seed_unchecked(&seed[..]).map_err(|_| KeyError::Corrupted)?;
        let mut public_key = [0u8; ED25519_PUBLIC_KEY_LEN];
        public_key.copy_from_slice(pair.public_key().as_ref());
        tracing::trace!(profile = %profile_id, iterations = params.iterations(), "K_pin derived");
        Ok(PinKey { seed, public_key })
    }

    /// Loads the profile's device secret from `secrets` and derives the key.
    pub fn derive_from_store(
        secrets: &dyn SecretStore,
        pin: &Pin,
        params: &PinKdfParams,
        profile_id: &str,
    ) -> Result<PinKey, KeyError> {
        let device_secret = load_device_secret(secrets, profile_id)?;
        PinKey::derive(pin, params, &device_secret, profile_id)
    }

    /// The Ed25519 public key (32 bytes), sent to the server at registration and PIN change
    /// and never stored on the device.
    pub fn public_key(&self) -> [u8; ED25519_PUBLIC_KEY_LEN] {
        self.public_key
    }

    /// Signs `message` (the canonical signed bytes): 64 bytes.
    pub fn sign(&self, message: &[u8]) -> Result<[u8; 64], KeyError> {
        let pair =
            Ed25519KeyPair::from_seed_unchecked(&self.seed[..]).map_err(|_| KeyError::Corrupted)?;
        let mut out = [0u8; 64];
        out.copy_from_slice(pair.sign(message).as_ref());
        Ok(out)
    }
}

impl std::fmt::Debug for PinKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PinKey([redacted])")
    }
}

/// HKDF output length marker: one 32-byte Ed25519 seed.
struct SeedLen;

impl hkdf::KeyType for SeedLen {
    fn len(&self) -> usize {
        32
    }
}

fn device_secret_name(profile_id: &str) -> String {
    profile_secret_name(profile_id, "device-secret")
}

/// Makes the profile's device secret (32 random bytes in the secret store) unless it
/// exists. Changes persisted state.
pub fn create_device_secret(
    secrets: &dyn SecretStore,
    rng: &dyn Randomness,
    profile_id: &str,
) -> Result<(), KeyError> {
    let name = device_secret_name(profile_id);
    if secrets.get(&name)?.is_some() {
        return Ok(());
    }
    let mut bytes = Zeroizing::new([0u8; DEVICE_SECRET_LEN]);
    rng.fill(&mut bytes[..])?;
    secrets.put(&name, &bytes[..])?;
    Ok(())
}

/// The profile's device secret; [`KeyError::NotFound`] if it is gone.
pub fn load_device_secret(
    secrets: &dyn SecretStore,
    profile_id: &str,
) -> Result<SecretBytes, KeyError> {
    let secret = secrets
        .get(&device_secret_name(profile_id))?
        .ok_or(KeyError::NotFound)?;
    if secret.len() != DEVICE_SECRET_LEN {
        return Err(KeyError::Corrupted);
    }
    Ok(secret)
}

/// Deletes the profile's device secret: no PIN derives its old K_pin afterwards. Changes
/// persisted state.
pub fn delete_device_secret(secrets: &dyn SecretStore, profile_id: &str) -> Result<(), KeyError> {
    Ok(secrets.delete(&device_secret_name(profile_id))?)
}

/// The PBKDF2 iteration count that takes about `target` on this machine (the fastest of
/// three timed probes, scaled, rounded to thousands, at least 10 000).
///
/// Blocks for a few times `target`. Used by `avain bench pin-kdf` to set
/// [`DEFAULT_PIN_KDF_ITERATIONS`]; an app may also run it once at registration.
pub fn calibrate_pin_kdf_iterations(target: Duration) -> u32 {
    const PROBE: u32 = 20_000;
    let probe = NonZeroU32::new(PROBE).unwrap_or(NonZeroU32::MIN);
    let mut out = [0u8; 32];
    let fastest = (0..3)
        .map(|_| {
            let start = Instant::now();
            pbkdf2::derive(
                pbkdf2::PBKDF2_HMAC_SHA256,
                probe,
                b"calibration salt",
                b"000000",
                &mut out,
            );
            start.elapsed()
        })
        .min()
        .unwrap_or(Duration::from_millis(1))
        .max(Duration::from_micros(1));
    let scaled = f64::from(PROBE) * target.as_secs_f64() / fastest.as_secs_f64();
    let rounded = (scaled / 1000.0).round() * 1000.0;
    if rounded.is_finite() && rounded < f64::from(u32::MAX) {
        (rounded as u32).max(10_000)
    } else {
        u32::MAX
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keys::verify_pin_signature;
    use crate::random::SystemRandomness;
    use crate::secrets::MemorySecretStore;

    /// Tests use few iterations: the derivation's shape, not its cost, is under test.
    const TEST_ITERATIONS: u32 = 1_000;

    fn params() -> PinKdfParams {
        PinKdfParams::new(&[7u8; 16], TEST_ITERATIONS).unwrap()
    }

    fn secret() -> SecretBytes {
        SecretBytes::copy_from(&[9u8; 32])
    }

    #[test]
    fn the_same_inputs_give_the_same_key() {
        let a = PinKey::derive(&Pin::new("2580".into()), &params(), &secret(), "p1").unwrap();
        let b = PinKey::derive(&Pin::new("2580".into()), &params(), &secret(), "p1").unwrap();
        assert_eq!(a.public_key(), b.public_key());
        assert_eq!(a.sign(b"m").unwrap(), b.sign(b"m").unwrap());
    }

    #[test]
    fn every_input_changes_the_key() {
        let base = PinKey::derive(&Pin::new("2580".into()), &params(), &secret(), "p1")
            .unwrap()
            .public_key();
        let others = [
            PinKey::derive(&Pin::new("2581".into()), &params(), &secret(), "p1"),
            PinKey::derive(
                &Pin::new("2580".into()),
                &PinKdfParams::new(&[8u8; 16], TEST_ITERATIONS).unwrap(),
                &secret(),
                "p1",
            ),
            PinKey::derive(
                &Pin::new("2580".into()),
                &PinKdfParams::new(&[7u8; 16], TEST_ITERATIONS + 1).unwrap(),
                &secret(),
                "p1",
            ),
            PinKey::derive(
                &Pin::new("2580".into()),
                &params(),
                &SecretBytes::copy_from(&[10u8; 32]),
                "p1",
            ),
            PinKey::derive(&Pin::new("2580".into()), &params(), &secret(), "p2"),
        ];
        for other in others {
            assert_ne!(other.unwrap().public_key(), base);
        }
    }

    #[test]
    fn a_wrong_pin_gives_a_valid_key_that_only_the_public_key_holder_can_reject() {
        let right = PinKey::derive(&Pin::new("2580".into()), &params(), &secret(), "p1").unwrap();
        let wrong = PinKey::derive(&Pin::new("0000".into()), &params(), &secret(), "p1").unwrap();
        // The wrong key signs without complaint: nothing on the device can tell.
        let signature = wrong.sign(b"login").unwrap();
        assert!(verify_pin_signature(
            &wrong.public_key(),
            b"login",
            &signature
        ));
        assert!(!verify_pin_signature(
            &right.public_key(),
            b"login",
            &signature
        ));
    }

    #[test]
    fn parameters_are_checked() {
        assert_eq!(
            PinKdfParams::new(&[0u8; 15], 1000),
            Err(KeyError::InvalidKdfParams)
        );
        assert_eq!(
            PinKdfParams::new(&[0u8; 16], 0),
            Err(KeyError::InvalidKdfParams)
        );
        let generated = PinKdfParams::generate(&SystemRandomness::new(), 5000).unwrap();
        assert_eq!(generated.iterations(), 5000);
        assert_ne!(generated.salt(), &[0u8; 16]);
    }

    #[test]
    fn the_device_secret_lives_in_the_secret_store() {
        let secrets = MemorySecretStore::new();
        let rng = SystemRandomness::new();
        assert_eq!(
            PinKey::derive_from_store(&secrets, &Pin::new("2580".into()), &params(), "p1")
                .unwrap_err(),
            KeyError::NotFound
        );
        create_device_secret(&secrets, &rng, "p1").unwrap();
        let first = load_device_secret(&secrets, "p1").unwrap();
        // Creating again keeps the secret: K_pin must stay the same.
        create_device_secret(&secrets, &rng, "p1").unwrap();
        assert_eq!(load_device_secret(&secrets, "p1").unwrap(), first);
        let a =
            PinKey::derive_from_store(&secrets, &Pin::new("2580".into()), &params(), "p1").unwrap();
        let b = PinKey::derive(&Pin::new("2580".into()), &params(), &first, "p1").unwrap();
        assert_eq!(a.public_key(), b.public_key());
        delete_device_secret(&secrets, "p1").unwrap();
        assert_eq!(
            load_device_secret(&secrets, "p1").unwrap_err(),
            KeyError::NotFound
        );
    }

    #[test]
    fn a_failing_generator_leaves_no_device_secret() {
        struct Broken;
        impl Randomness for Broken {
            fn fill(&self, _: &mut [u8]) -> Result<(), crate::random::RandomnessError> {
                Err(crate::random::RandomnessError)
            }
        }
        let secrets = MemorySecretStore::new();
        assert_eq!(
            create_device_secret(&secrets, &Broken, "p1"),
            Err(KeyError::Randomness)
        );
        assert!(secrets.names().is_empty());
    }

    #[test]
    fn pins_and_keys_never_print() {
        let pin = Pin::new("2580".into());
        assert_eq!(format!("{pin:?}"), "[redacted]");
        let key = PinKey::derive(&pin, &params(), &secret(), "p1").unwrap();
        assert_eq!(format!("{key:?}"), "PinKey([redacted])");
    }

    #[test]
    fn calibration_scales_with_the_target() {
        let iterations = calibrate_pin_kdf_iterations(Duration::from_millis(5));
        assert!(iterations >= 10_000);
        assert_eq!(iterations % 1000, 0);
    }
}
