//! The bank's decision on a key's evidence: verify it with `avain_attest` against the
//! policy in force, bound to what the bank itself knows (its nonce, the profile and device
//! ids, the key being registered, the registration's signed bytes), and turn the verdict
//! into a refusal or what is stored with the device. The reason is logged as its code;
//! the evidence never is.

use avain_attest::android::{AndroidCheck, verify_android};
use avain_attest::apple::{AppleCheck, AssertionCheck, verify_app_attest, verify_assertion};
use avain_attest::{Attested, KeyRole, Reason, Requirement, SecurityLevel, Verdict};
use avain_protocol::api::{ErrorCode, KeyAttestation, KeyProtection};
use avain_protocol::app_link::APP_IDS;
use avain_protocol::attestation::{
    AttestedKeyRole, app_attest_client_data_hash, key_attestation_challenge,
};
use time::OffsetDateTime;

use super::{Attestation, requirement};
use crate::error::{ApiError, ApiResult};

/// The reason stored when a device sent no evidence.
pub const NO_EVIDENCE: &str = "none";

/// What the bank stores with a device about its key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeviceVerdict {
    /// What the device lists show.
    pub key_protection: KeyProtection,
    /// Why the key is not attested: a refused check's code, or [`NO_EVIDENCE`]; `None`
    /// when the evidence was valid or not asked for.
    pub reason: Option<&'static str>,
    /// Android: the attestation's and KeyMint's security levels, when the evidence was
    /// valid.
    pub levels: Option<(SecurityLevel, SecurityLevel)>,
    /// iOS: the App Attest key's public point, when its attestation was valid.
    pub app_attest_key: Option<Vec<u8>>,
}

impl DeviceVerdict {
    /// The App Attest key's counter to store: 0 after its attestation, none without a key.
    pub fn app_attest_key_counter(&self) -> Option<u32> {
        self.app_attest_key.as_ref().map(|_| 0)
    }

    fn not_attested(reason: Option<&'static str>) -> DeviceVerdict {
        DeviceVerdict {
            key_protection: KeyProtection::NotAttested,
            reason,
            levels: None,
            app_attest_key: None,
        }
    }
}

/// A registration's evidence and what it must be bound to.
#[derive(Debug, Clone, Copy)]
pub struct RegistrationEvidence<'a> {
    /// The platform the device reports (`android`, `ios`).
    pub platform: &'a str,
    /// `RegistrationComplete.attestation`.
    pub evidence: Option<&'a KeyAttestation>,
    /// The registration's nonce (the bank's).
    pub nonce: &'a [u8],
    /// The profile id the bank assigned.
    pub profile_id: &'a str,
    /// The device id the bank assigned.
    pub device_id: &'a str,
    /// K_dev as registered.
    pub device_public_key: &'a [u8],
    /// The registration's signed bytes, as the bank rebuilt them.
    pub signed_bytes: &'a [u8],
}

/// A biometric key's evidence and what it must be bound to.
#[derive(Debug, Clone, Copy)]
pub struct BiometricEvidence<'a> {
    /// The platform the device registered with.
    pub platform: &'a str,
    /// `BiometricKeyRequest.attestation`.
    pub evidence: Option<&'a KeyAttestation>,
    /// The attestation challenge's nonce, already checked (single use, in time, this
    /// profile's).
    pub nonce: Option<&'a [u8]>,
    /// The profile.
    pub profile_id: &'a str,
    /// The profile's device id.
    pub device_id: &'a str,
    /// K_bio as requested.
    pub public_key: &'a [u8],
    /// Whether the profile has an attested App Attest key (iOS).
    pub has_app_attest_key: bool,
}

/// Checks K_dev's evidence at registration: `Ok` with what to store, or the refusal
/// (`attestation_required`, `attestation_failed`) when the platform's policy requires it.
pub fn check_registration(
    attestation: &Attestation,
    registration: &RegistrationEvidence<'_>,
    now: OffsetDateTime,
) -> ApiResult<DeviceVerdict> {
    let policy = attestation.policy();
    let (required, outcome) = match registration.platform {
        "android" => (
            requirement(policy.android),
            registration.evidence.map(|evidence| {
                let challenge = key_attestation_challenge(
                    AttestedKeyRole::Device,
                    registration.nonce,
                    registration.profile_id,
                    registration.device_id,
                );
                android(
                    attestation,
                    evidence,
                    &challenge,
                    KeyRole::Device,
                    registration.device_public_key,
                    now,
                )
            }),
        ),
        "ios" => (
            requirement(policy.apple),
            registration
                .evidence
                .map(|evidence| apple(attestation, evidence, registration.signed_bytes, now)),
        ),
        // The OS policy admits only these two; anything else has nothing to attest with.
        _ => (Requirement::Off, None),
    };
    decide("registration", registration.platform, required, outcome)
}

/// Checks K_bio's evidence when biometrics are switched on. Android: the chain for K_bio,
/// generated with the attestation challenge, as K_bio (a biometric for every use). iOS:
/// App Attest vouches for K_bio through the assertion on the change's approval, so the
/// protection is `app_attest` when the device has an attested App Attest key.
pub fn check_biometric_key(
    attestation: &Attestation,
    biometric: &BiometricEvidence<'_>,
    now: OffsetDateTime,
) -> ApiResult<KeyProtection> {
    let policy = attestation.policy();
    match biometric.platform {
        "android" => {
            let outcome = match (biometric.evidence, biometric.nonce) {
                (Some(evidence), Some(nonce)) => {
                    let challenge = key_attestation_challenge(
                        AttestedKeyRole::Biometric,
                        nonce,
                        biometric.profile_id,
                        biometric.device_id,
                    );
                    Some(android(
                        attestation,
                        evidence,
                        &challenge,
                        KeyRole::Biometric,
                        biometric.public_key,
                        now,
                    ))
                }
                (None, None) => None,
                // Evidence without its nonce (or the reverse) cannot be bound to anything.
                _ => return Err(ErrorCode::MalformedRequest.into()),
            };
            decide(
                "biometric key",
                biometric.platform,
                requirement(policy.android),
                outcome,
            )
            .map(|verdict| verdict.key_protection)
        }
        "ios" if biometric.has_app_attest_key => Ok(KeyProtection::AppAttest),
        _ => Ok(KeyProtection::NotAttested),
    }
}

/// Checks an approval's App Attest assertion (asked for with the challenge) over
/// `signed_bytes` with the device's App Attest key: the new counter to store, or
/// `attestation_failed` (missing, not by the key, another app, a counter not above
/// `previous_counter`: a replay). Never counted as a failed approval: the signatures
/// were right.
pub fn check_assertion(
    assertion: Option<&[u8]>,
    app_attest_key: Option<&[u8]>,
    previous_counter: u32,
    signed_bytes: &[u8],
) -> ApiResult<u32> {
    let (Some(assertion), Some(public_key)) = (assertion, app_attest_key) else {
        eprintln!("avain-sandbox: approval refused (ios): App Attest assertion {NO_EVIDENCE}");
        return Err(ApiError::new(ErrorCode::AttestationFailed));
    };
    let client_data_hash = app_attest_client_data_hash(signed_bytes);
    verify_assertion(&AssertionCheck {
        assertion,
        client_data_hash: &client_data_hash,
        public_key,
        app_id: APP_IDS.apple_app_id,
        previous_counter,
    })
    .map_err(|reason| {
        eprintln!("avain-sandbox: approval refused (ios): App Attest assertion {reason}");
        ApiError::new(ErrorCode::AttestationFailed)
    })
}

/// The verified evidence, or the first failed check with what a preferred policy stores.
type Outcome = Result<DeviceVerdict, (Reason, DeviceVerdict)>;

fn decide(
    what: &str,
    platform: &str,
    required: Requirement,
    outcome: Option<Outcome>,
) -> ApiResult<DeviceVerdict> {
    match (required, outcome) {
        (Requirement::Off, _) => Ok(DeviceVerdict::not_attested(None)),
        (Requirement::Required, None) => {
            eprintln!("avain-sandbox: {what} refused ({platform}): attestation {NO_EVIDENCE}");
            Err(ApiError::new(ErrorCode::AttestationRequired))
        }
        (Requirement::Preferred, None) => Ok(DeviceVerdict::not_attested(Some(NO_EVIDENCE))),
        (_, Some(Ok(verdict))) => Ok(verdict),
        (Requirement::Required, Some(Err((reason, _)))) => {
            eprintln!("avain-sandbox: {what} refused ({platform}): attestation {reason}");
            Err(ApiError::new(ErrorCode::AttestationFailed))
        }
        (Requirement::Preferred, Some(Err((reason, stored)))) => {
            eprintln!(
                "avain-sandbox: {what} recorded as {} ({platform}): attestation {reason}",
                stored.key_protection.code()
            );
            Ok(stored)
        }
    }
}

fn android(
    attestation: &Attestation,
    evidence: &KeyAttestation,
    challenge: &[u8],
    role: KeyRole,
    public_key: &[u8],
    now: OffsetDateTime,
) -> Outcome {
    let KeyAttestation::AndroidKeyAttestation { certificate_chain } = evidence else {
        return Err((
            Reason::FormatInvalid,
            DeviceVerdict::not_attested(Some("format_invalid")),
        ));
    };
    let chain: Vec<Vec<u8>> = certificate_chain.iter().map(|c| c.0.clone()).collect();
    let check = AndroidCheck {
        chain: &chain,
        challenge: Some(challenge),
        role,
        at: now,
    };
    let mut policy = attestation.android_policy();
    let report = verify_android(&check, &policy, &attestation.google, &attestation.status);
    let verified =
        |report: &avain_attest::android::AndroidReport| -> Result<DeviceVerdict, Reason> {
            let Verdict::Valid(Attested::Android(level)) = report.verdict else {
                return Err(report.verdict.reason().unwrap_or(Reason::Malformed));
            };
            // The chain is for the key being registered, not one the phone had attested
            // for some other purpose.
            if report.public_key.as_deref() != Some(public_key) {
                return Err(Reason::KeyMismatch);
            }
            Ok(DeviceVerdict {
                key_protection: protection(level),
                reason: None,
                levels: report
                    .description
                    .as_ref()
                    .map(|d| (d.attestation_security_level, d.keymint_security_level)),
                app_attest_key: None,
            })
        };
    match verified(&report) {
        Ok(verdict) => Ok(verdict),
        Err(Reason::SecurityLevelTooLow) => {
            // Valid evidence of a key below the minimum: refused under the policy, but a
            // preferred policy records what it is: the same checks at the lowest level,
            // without the root of trust (a software key's attestation has none: the OS
            // that holds the key also says how it booted).
            policy.minimum_level = SecurityLevel::Software;
            policy.require_locked_bootloader = false;
            policy.require_verified_boot = false;
            let stored = verify_android(&check, &policy, &attestation.google, &attestation.status);
            let stored = match verified(&stored) {
                Ok(mut verdict) => {
                    verdict.reason = Some(Reason::SecurityLevelTooLow.code());
                    verdict
                }
                Err(_) => DeviceVerdict::not_attested(Some(Reason::SecurityLevelTooLow.code())),
            };
            Err((Reason::SecurityLevelTooLow, stored))
        }
        Err(reason) => Err((reason, DeviceVerdict::not_attested(Some(reason.code())))),
    }
}

fn apple(
    attestation: &Attestation,
    evidence: &KeyAttestation,
    signed_bytes: &[u8],
    now: OffsetDateTime,
) -> Outcome {
    let KeyAttestation::AppleAppAttest {
        key_id,
        attestation_object,
    } = evidence
    else {
        return Err((
            Reason::FormatInvalid,
            DeviceVerdict::not_attested(Some("format_invalid")),
        ));
    };
    let client_data_hash = app_attest_client_data_hash(signed_bytes);
    let check = AppleCheck {
        object: attestation_object.as_slice(),
        key_id: key_id.as_slice(),
        client_data_hash: &client_data_hash,
        app_id: APP_IDS.apple_app_id,
        at: now,
    };
    let report = verify_app_attest(&check, &attestation.apple_policy(), &attestation.apple);
    match (report.verdict, report.key) {
        (Verdict::Valid(_), Some(key)) => Ok(DeviceVerdict {
            key_protection: KeyProtection::AppAttest,
            reason: None,
            levels: None,
            app_attest_key: Some(key.public_key),
        }),
        (verdict, _) => {
            let reason = verdict.reason().unwrap_or(Reason::Malformed);
            Err((reason, DeviceVerdict::not_attested(Some(reason.code()))))
        }
    }
}

/// The device list's word for an Android level.
fn protection(level: SecurityLevel) -> KeyProtection {
    match level {
        SecurityLevel::Software => KeyProtection::Software,
        SecurityLevel::TrustedEnvironment => KeyProtection::TrustedEnvironment,
        SecurityLevel::StrongBox => KeyProtection::StrongBox,
    }
}
