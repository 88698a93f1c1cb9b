//! The bank's policy per platform: whether attestation is required, preferred or off, the
//! minimum level, and what the attested app must be.

use crate::reason::Reason;
use crate::verdict::{SecurityLevel, Verdict};

/// How much the bank insists on attestation for one platform.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Requirement {
    /// A registration without valid evidence is refused.
    Required,
    /// Evidence is checked and its verdict stored; a registration without valid evidence
    /// still goes ahead, recorded as not attested.
    Preferred,
    /// Evidence is neither asked for nor checked.
    Off,
}

impl Requirement {
    /// The stable snake_case code.
    pub fn code(self) -> &'static str {
        match self {
            Requirement::Required => "required",
            Requirement::Preferred => "preferred",
            Requirement::Off => "off",
        }
    }
}

/// What the bank does with a registration, given its requirement and the verdict.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Admission {
    /// Register; store the verdict with the device (a refused one as "not attested").
    Admit(Option<Verdict>),
    /// Refuse the registration with this reason.
    Refuse(Reason),
}

impl Requirement {
    /// The bank's decision for a registration whose evidence got `verdict` (`None`: the
    /// phone sent none). Missing evidence under `Required` is refused as `Malformed`.
    pub fn admit(self, verdict: Option<Verdict>) -> Admission {
        match (self, verdict) {
            (Requirement::Off, _) => Admission::Admit(None),
            (Requirement::Preferred, verdict) => Admission::Admit(verdict),
            (Requirement::Required, Some(Verdict::Valid(attested))) => {
                Admission::Admit(Some(Verdict::Valid(attested)))
            }
            (Requirement::Required, Some(Verdict::Refused(reason))) => Admission::Refuse(reason),
            (Requirement::Required, None) => Admission::Refuse(Reason::Malformed),
        }
    }
}

/// Which of the phone's keys the evidence is for: K_dev needs only to be a hardware signing
/// key; K_bio must also need a biometric for every use.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum KeyRole {
    /// K_dev, the device key (possession).
    Device,
    /// K_bio, the biometric key (inherence).
    Biometric,
}

/// The bank's Android policy.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AndroidPolicy {
    /// Required, preferred or off.
    pub requirement: Requirement,
    /// The lowest acceptable level (both the attestation's and KeyMint's).
    pub minimum_level: SecurityLevel,
    /// Refuse devices whose bootloader is unlocked.
    pub require_locked_bootloader: bool,
    /// Refuse devices that did not boot a verified image (`Verified` state).
    pub require_verified_boot: bool,
    /// The bank app's package names; empty accepts any (for checking evidence by hand).
    pub packages: Vec<String>,
    /// SHA-256 digests of the bank app's signing certificates; empty accepts any.
    pub signer_digests: Vec<[u8; 32]>,
}

impl Default for AndroidPolicy {
    /// Required, TEE or better, locked bootloader and verified boot, any app.
    fn default() -> Self {
        AndroidPolicy {
            requirement: Requirement::Required,
            minimum_level: SecurityLevel::TrustedEnvironment,
            require_locked_bootloader: true,
            require_verified_boot: true,
            packages: Vec::new(),
            signer_digests: Vec::new(),
        }
    }
}

/// The bank's Apple policy.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ApplePolicy {
    /// Required, preferred or off.
    pub requirement: Requirement,
    /// Accept attestations from the development environment (test builds) instead of
    /// production ones.
    pub development: bool,
}

impl Default for ApplePolicy {
    /// Required, production.
    fn default() -> Self {
        ApplePolicy {
            requirement: Requirement::Required,
            development: false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::verdict::Attested;

    #[test]
    fn requirement_decides_admission() {
        let valid = Verdict::Valid(Attested::Android(SecurityLevel::StrongBox));
        let refused = Verdict::Refused(Reason::UntrustedRoot);
        assert_eq!(
            Requirement::Required.admit(Some(valid)),
            Admission::Admit(Some(valid))
        );
        assert_eq!(
            Requirement::Required.admit(Some(refused)),
            Admission::Refuse(Reason::UntrustedRoot)
        );
        assert_eq!(
            Requirement::Required.admit(None),
            Admission::Refuse(Reason::Malformed)
        );
        assert_eq!(
            Requirement::Preferred.admit(Some(refused)),
            Admission::Admit(Some(refused))
        );
        assert_eq!(Requirement::Preferred.admit(None), Admission::Admit(None));
        assert_eq!(
            Requirement::Off.admit(Some(refused)),
            Admission::Admit(None)
        );
    }
}
