//! Key attestation at the bank (docs/attestation.md): the policy per platform, the trust
//! anchors, the verdict stored with each device, and in test mode the simulated platform
//! attestation services the test phones use (`simulated`).
//!
//! The anchors are the vendors' roots (`avain_attest::TrustAnchors::google()` and
//! `apple()`); only a sandbox with its control routes (tests, `serve --control`) also
//! trusts its own test root, whose evidence the simulated services make. The bank app's
//! ids are the app link's (`avain_protocol::app_link::APP_IDS`), so a chain for another
//! package or signer, or an App Attest object for another app id, is refused.

mod check;
pub mod simulated;

pub use check::{
    BiometricEvidence, DeviceVerdict, NO_EVIDENCE, RegistrationEvidence, check_assertion,
    check_biometric_key, check_registration,
};

use std::path::PathBuf;
use std::sync::RwLock;

use avain_attest::android::StatusList;
use avain_attest::{AndroidPolicy, ApplePolicy, Requirement, SecurityLevel, TrustAnchors};
use avain_protocol::api::sandbox_attestation::{
    AttestationLevel, AttestationPolicySettings, AttestationRequirement,
};
use avain_protocol::app_link::APP_IDS;

use crate::db::records::Profile;

/// The attestation part of the bank's configuration ([`crate::SandboxOptions`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttestationConfig {
    /// The policy the bank starts with (the control routes can change it in tests).
    pub policy: AttestationPolicySettings,
    /// Google's revocation status list (the JSON of
    /// https://android.googleapis.com/attestation/status), a file the bank refreshes;
    /// `None`: nothing is revoked.
    pub status_list: Option<PathBuf>,
}

impl Default for AttestationConfig {
    /// What a real bank would start with: attestation preferred on both platforms (checked
    /// and recorded, not yet refused), a hardware key (TEE or StrongBox) the minimum, no
    /// App Attest assertions on approvals.
    fn default() -> Self {
        AttestationConfig {
            policy: AttestationPolicySettings {
                android: AttestationRequirement::Preferred,
                android_minimum_level: AttestationLevel::TrustedEnvironment,
                apple: AttestationRequirement::Preferred,
                apple_assertions: false,
            },
            status_list: None,
        }
    }
}

/// The bank's attestation state: the policy in force, the anchors, the status list and, in
/// test mode, the simulated services.
pub struct Attestation {
    policy: RwLock<AttestationPolicySettings>,
    google: TrustAnchors,
    apple: TrustAnchors,
    status: StatusList,
    test: Option<simulated::TestServices>,
}

impl std::fmt::Debug for Attestation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Attestation")
            .field("policy", &self.policy())
            .field("test_mode", &self.test.is_some())
            .finish_non_exhaustive()
    }
}

impl Attestation {
    /// The vendors' roots, the status list from `config`'s file, and with `test_mode` the
    /// test authority's root and the simulated services.
    pub fn new(config: &AttestationConfig, test_mode: bool) -> Result<Attestation, String> {
        let status = match &config.status_list {
            Some(path) => {
                let json = std::fs::read_to_string(path)
                    .map_err(|e| format!("reading {}: {e}", path.display()))?;
                StatusList::from_json(&json).map_err(|reason| {
                    format!(
                        "the status list {} is not readable: {reason}",
                        path.display()
                    )
                })?
            }
            None => StatusList::empty(),
        };
        let test = if test_mode {
            Some(simulated::TestServices::new()?)
        } else {
            None
        };
        let with_test_root = |vendor: TrustAnchors| match &test {
            Some(services) => {
                TrustAnchors::from_der([vendor.roots(), services.root().roots()].concat())
                    .map_err(|reason| format!("the attestation roots: {reason}"))
            }
            None => Ok(vendor),
        };
        Ok(Attestation {
            policy: RwLock::new(config.policy),
            google: with_test_root(TrustAnchors::google())?,
            apple: with_test_root(TrustAnchors::apple())?,
            status,
            test,
        })
    }

    /// The policy in force.
    pub fn policy(&self) -> AttestationPolicySettings {
        match self.policy.read() {
            Ok(p) => *p,
            Err(poisoned) => *poisoned.into_inner(),
        }
    }

    /// Puts a new policy in force (the control routes, in tests).
    pub fn set_policy(&self, policy: AttestationPolicySettings) {
        match self.policy.write() {
            Ok(mut p) => *p = policy,
            Err(poisoned) => *poisoned.into_inner() = policy,
        }
    }

    /// Whether an approval by `profile` must carry an App Attest assertion: the policy asks
    /// for them and the device has an attested App Attest key.
    pub fn asks_for_assertion(&self, profile: &Profile) -> bool {
        profile.app_attest_key.is_some() && self.policy().apple_assertions
    }

    /// The simulated services, in test mode only.
    pub fn test_services(&self) -> Option<&simulated::TestServices> {
        self.test.as_ref()
    }

    /// The Android policy for `avain_attest`: the requirement and minimum level in force,
    /// a locked bootloader and verified boot, the bank app's package and signer.
    fn android_policy(&self) -> AndroidPolicy {
        let policy = self.policy();
        AndroidPolicy {
            requirement: requirement(policy.android),
            minimum_level: level(policy.android_minimum_level),
            require_locked_bootloader: true,
            require_verified_boot: true,
            packages: vec![APP_IDS.android_package.to_owned()],
            signer_digests: app_signer_digests(),
        }
    }

    /// The Apple policy: the requirement in force, production App Attest keys.
    fn apple_policy(&self) -> ApplePolicy {
        ApplePolicy {
            requirement: requirement(self.policy().apple),
            development: false,
        }
    }
}

/// The wire's requirement as `avain_attest`'s.
pub fn requirement(wire: AttestationRequirement) -> Requirement {
    match wire {
        AttestationRequirement::Required => Requirement::Required,
        AttestationRequirement::Preferred => Requirement::Preferred,
        AttestationRequirement::Off => Requirement::Off,
    }
}

/// The wire's level as `avain_attest`'s.
pub fn level(wire: AttestationLevel) -> SecurityLevel {
    match wire {
        AttestationLevel::Software => SecurityLevel::Software,
        AttestationLevel::TrustedEnvironment => SecurityLevel::TrustedEnvironment,
        AttestationLevel::StrongBox => SecurityLevel::StrongBox,
    }
}

/// The SHA-256 digests of the bank app's signing certificates, from the app link's
/// fingerprints (`5A:3C:...`).
pub fn app_signer_digests() -> Vec<[u8; 32]> {
    APP_IDS
        .android_cert_sha256
        .iter()
        .filter_map(|fingerprint| {
            let bytes = hex::decode(fingerprint.replace(':', "")).ok()?;
            <[u8; 32]>::try_from(bytes).ok()
        })
        .collect()
}
