//! The names secrets are stored under.
//!
//! Names are visible to the platform keystore (and on Linux to anyone listing the session
//! keyring), so they hold no personal data: only fixed words and the local profile id,
//! which is random.

use super::SecretStoreError;

/// Longest secret name.
const MAX_NAME: usize = 128;

/// Checks that `name` is 1 to 128 characters of `a-z 0-9 . _ - /`.
pub fn check_name(name: &str) -> Result<(), SecretStoreError> {
    let ok = !name.is_empty()
        && name.len() <= MAX_NAME
        && name.bytes().all(|b| {
            b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'.' | b'_' | b'-' | b'/')
        });
    if ok {
        Ok(())
    } else {
        Err(SecretStoreError::InvalidName)
    }
}

/// The name of one profile's secret: `avain/profile/<profile id>/<what>`.
pub fn profile_secret_name(profile_id: &str, what: &str) -> String {
    format!("avain/profile/{profile_id}/{what}")
}
