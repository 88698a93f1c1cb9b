//! What the bank learns: the security level (Android) or the environment (Apple), and the
//! verdict it stores with the device.

use crate::reason::Reason;

/// Where an Android key lives, as its attestation says (KeyMint's `SecurityLevel`).
/// Ordered: `Software < TrustedEnvironment < StrongBox`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SecurityLevel {
    /// Keystore in the Android OS itself: the key can be copied by whoever controls the OS.
    Software,
    /// The TEE (TrustZone): outside the OS, on the main processor.
    TrustedEnvironment,
    /// A separate secure element (StrongBox).
    StrongBox,
}

impl SecurityLevel {
    /// The stable snake_case code.
    pub fn code(self) -> &'static str {
        match self {
            SecurityLevel::Software => "software",
            SecurityLevel::TrustedEnvironment => "trusted_environment",
            SecurityLevel::StrongBox => "strong_box",
        }
    }

    /// The level with this code, if any.
    pub fn from_code(code: &str) -> Option<SecurityLevel> {
        [
            SecurityLevel::Software,
            SecurityLevel::TrustedEnvironment,
            SecurityLevel::StrongBox,
        ]
        .into_iter()
        .find(|level| level.code() == code)
    }

    /// Whether the key is outside the OS (TEE or StrongBox).
    pub fn is_hardware(self) -> bool {
        self >= SecurityLevel::TrustedEnvironment
    }
}

/// Which App Attest environment an attestation comes from (its AAGUID).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AppleEnvironment {
    /// `appattest` and seven zero bytes: an App Store, TestFlight or enterprise build.
    Production,
    /// `appattestdevelop`: a build signed for development.
    Development,
}

impl AppleEnvironment {
    /// The stable snake_case code.
    pub fn code(self) -> &'static str {
        match self {
            AppleEnvironment::Production => "production",
            AppleEnvironment::Development => "development",
        }
    }
}

/// What a valid attestation established, stored with the device and shown in its list
/// ("hardware-backed key, StrongBox").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Attested {
    /// An Android Keystore key at this level.
    Android(SecurityLevel),
    /// An App Attest key (always in the Secure Enclave) from this environment.
    Apple(AppleEnvironment),
}

/// The outcome of checking one piece of evidence.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Verdict {
    /// Every check passed.
    Valid(Attested),
    /// A check failed; the first one in the fixed order.
    Refused(Reason),
}

impl Verdict {
    /// Whether every check passed.
    pub fn is_valid(&self) -> bool {
        matches!(self, Verdict::Valid(_))
    }

    /// The reason, when refused.
    pub fn reason(&self) -> Option<Reason> {
        match self {
            Verdict::Valid(_) => None,
            Verdict::Refused(reason) => Some(*reason),
        }
    }
}

impl From<Result<Attested, Reason>> for Verdict {
    fn from(result: Result<Attested, Reason>) -> Self {
        match result {
            Ok(attested) => Verdict::Valid(attested),
            Err(reason) => Verdict::Refused(reason),
        }
    }
}
