//! Where fresh randomness comes from: salts, device secrets, data keys, nonces, ids.
//!
//! Code that needs random bytes takes a [`Randomness`] so that tests can make it
//! reproducible; production uses [`SystemRandomness`] (the OS generator through `ring`).
//! Key pairs that `ring` generates itself (K_dev, K_bio) use `ring`'s own generator, since
//! `ring` accepts no other.

use ring::rand::SecureRandom;

/// The OS generator failed (practically never; the operation should be retried later).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("the system random number generator failed")]
pub struct RandomnessError;

/// A source of cryptographically secure random bytes.
pub trait Randomness: Send + Sync {
    /// Fills `dest` with random bytes.
    fn fill(&self, dest: &mut [u8]) -> Result<(), RandomnessError>;
}

/// The operating system's generator, through `ring`.
#[derive(Debug)]
pub struct SystemRandomness(ring::rand::SystemRandom);

impl SystemRandomness {
    /// The OS generator.
    pub fn new() -> SystemRandomness {
        SystemRandomness(ring::rand::SystemRandom::new())
    }
}

impl Default for SystemRandomness {
    fn default() -> SystemRandomness {
        SystemRandomness::new()
    }
}

impl Randomness for SystemRandomness {
    fn fill(&self, dest: &mut [u8]) -> Result<(), RandomnessError> {
        self.0.fill(dest).map_err(|_| RandomnessError)
    }
}

/// Returns `N` random bytes.
pub fn random_array<const N: usize>(rng: &dyn Randomness) -> Result<[u8; N], RandomnessError> {
    let mut out = [0u8; N];
    rng.fill(&mut out)?;
    Ok(out)
}

/// A new random identifier: 16 random bytes as 32 lowercase hex characters.
pub fn random_id(rng: &dyn Randomness) -> Result<String, RandomnessError> {
    Ok(hex::encode(random_array::<16>(rng)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn system_randomness_gives_different_values() {
        let rng = SystemRandomness::new();
        let a = random_array::<32>(&rng).unwrap();
        let b = random_array::<32>(&rng).unwrap();
        assert_ne!(a, b);
        let id = random_id(&rng).unwrap();
        assert_eq!(id.len(), 32);
        assert!(
            id.bytes()
                .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
        );
    }
}
