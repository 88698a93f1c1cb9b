//! Why evidence was refused: one typed reason per check, each with a stable snake_case
//! code (what the bank stores, logs and sends; never a message built from the evidence).
//! The golden list `reasons.txt` beside this file holds every code, sorted.

use std::fmt;

/// Why attestation evidence was refused. The order of the checks is fixed (docs/attestation.md),
/// so a given piece of evidence always gets the same reason.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Reason {
    /// The evidence could not be read: not DER certificates, not CBOR, a field missing or
    /// of the wrong type.
    Malformed,
    /// The chain has no certificate (Android) or fewer than the leaf and intermediate (Apple).
    ChainTooShort,
    /// A certificate's signature does not verify with the next certificate's key, or an
    /// issuer name does not match the next certificate's subject.
    SignatureInvalid,
    /// A signature or key algorithm this verifier does not accept.
    UnsupportedAlgorithm,
    /// The chain does not end at one of the trusted roots.
    UntrustedRoot,
    /// A certificate of the chain (or the root) is not yet valid at the given time.
    CertificateNotYetValid,
    /// A certificate of the chain (or the root) has expired at the given time.
    CertificateExpired,
    /// A certificate of the chain is on the vendor's revocation status list.
    CertificateRevoked,
    /// The attestation extension is missing from the leaf certificate.
    ExtensionMissing,
    /// The attestation extension appears in a certificate other than the leaf: a key the
    /// phone controls signed a certificate of its own making.
    ExtensionMisplaced,
    /// The challenge (Android) or the nonce (Apple) is not the one the bank expects.
    ChallengeMismatch,
    /// The key's security level is lower than the policy's minimum (for example a software
    /// key where hardware is required).
    SecurityLevelTooLow,
    /// The attested key cannot sign (purpose SIGN missing).
    NotSigningKey,
    /// The attested key is not an EC P-256 key.
    KeyNotP256,
    /// K_bio: the key can be used without user authentication.
    UserAuthNotRequired,
    /// K_bio: the key accepts something other than a biometric (for example the device
    /// PIN), or an authentication that stays valid for a while instead of one per use.
    NotBiometricOnly,
    /// The device's bootloader is unlocked.
    BootloaderUnlocked,
    /// The device did not boot a verified image.
    BootNotVerified,
    /// The attested app (Android package, Apple app id) is not the bank's app.
    AppMismatch,
    /// Android: the app's signing certificate is not the bank's.
    AppSignerMismatch,
    /// Apple: the attestation object's format is not `apple-appattest`.
    FormatInvalid,
    /// Apple: the AAGUID is not the expected environment's (production or development).
    EnvironmentMismatch,
    /// Apple: the key id is not the SHA-256 of the attested public key, or the credential
    /// id is not the key id.
    KeyIdMismatch,
    /// Apple: the attestation's counter is not 0.
    CounterNotZero,
    /// Apple: an assertion's counter is not greater than the last one accepted (a replay).
    CounterReplayed,
    /// The attested key is not the key the phone registers with it (evidence made for
    /// another key). Found by the bank comparing the attested key with the registered one.
    KeyMismatch,
}

impl Reason {
    /// Every reason, in declaration order (for golden lists and docs).
    pub const ALL: [Reason; 26] = [
        Reason::Malformed,
        Reason::ChainTooShort,
        Reason::SignatureInvalid,
        Reason::UnsupportedAlgorithm,
        Reason::UntrustedRoot,
        Reason::CertificateNotYetValid,
        Reason::CertificateExpired,
        Reason::CertificateRevoked,
        Reason::ExtensionMissing,
        Reason::ExtensionMisplaced,
        Reason::ChallengeMismatch,
        Reason::SecurityLevelTooLow,
        Reason::NotSigningKey,
        Reason::KeyNotP256,
        Reason::UserAuthNotRequired,
        Reason::NotBiometricOnly,
        Reason::BootloaderUnlocked,
        Reason::BootNotVerified,
        Reason::AppMismatch,
        Reason::AppSignerMismatch,
        Reason::FormatInvalid,
        Reason::EnvironmentMismatch,
        Reason::KeyIdMismatch,
        Reason::CounterNotZero,
        Reason::CounterReplayed,
        Reason::KeyMismatch,
    ];

    /// The stable snake_case code.
    pub fn code(self) -> &'static str {
        match self {
            Reason::Malformed => "malformed",
            Reason::ChainTooShort => "chain_too_short",
            Reason::SignatureInvalid => "signature_invalid",
            Reason::UnsupportedAlgorithm => "unsupported_algorithm",
            Reason::UntrustedRoot => "untrusted_root",
            Reason::CertificateNotYetValid => "certificate_not_yet_valid",
            Reason::CertificateExpired => "certificate_expired",
            Reason::CertificateRevoked => "certificate_revoked",
            Reason::ExtensionMissing => "extension_missing",
            Reason::ExtensionMisplaced => "extension_misplaced",
            Reason::ChallengeMismatch => "challenge_mismatch",
            Reason::SecurityLevelTooLow => "security_level_too_low",
            Reason::NotSigningKey => "not_signing_key",
            Reason::KeyNotP256 => "key_not_p256",
            Reason::UserAuthNotRequired => "user_auth_not_required",
            Reason::NotBiometricOnly => "not_biometric_only",
            Reason::BootloaderUnlocked => "bootloader_unlocked",
            Reason::BootNotVerified => "boot_not_verified",
            Reason::AppMismatch => "app_mismatch",
            Reason::AppSignerMismatch => "app_signer_mismatch",
            Reason::FormatInvalid => "format_invalid",
            Reason::EnvironmentMismatch => "environment_mismatch",
            Reason::KeyIdMismatch => "key_id_mismatch",
            Reason::CounterNotZero => "counter_not_zero",
            Reason::CounterReplayed => "counter_replayed",
            Reason::KeyMismatch => "key_mismatch",
        }
    }

    /// The reason with this code, if any.
    pub fn from_code(code: &str) -> Option<Reason> {
        Reason::ALL.into_iter().find(|r| r.code() == code)
    }
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl std::error::Error for Reason {}

#[cfg(test)]
mod tests {
    use super::*;

    /// The golden list `reasons.txt` (sorted): a bank stores these codes, so a code that
    /// changes or disappears must show up in review.
    #[test]
    fn codes_match_the_golden_list() {
        let golden: Vec<&str> = include_str!("reasons.txt").lines().collect();
        let mut codes: Vec<&str> = Reason::ALL.iter().map(|r| r.code()).collect();
        codes.sort_unstable();
        assert_eq!(codes, golden);
    }

    #[test]
    fn codes_are_unique_snake_case_and_round_trip() {
        let mut seen = std::collections::HashSet::new();
        for reason in Reason::ALL {
            let code = reason.code();
            assert!(seen.insert(code), "duplicate code {code}");
            assert!(
                code.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'),
                "{code}"
            );
            assert_eq!(Reason::from_code(code), Some(reason));
        }
        assert_eq!(Reason::from_code("nonsense"), None);
    }
}
