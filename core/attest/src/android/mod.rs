//! Android Key Attestation: the key's certificate chain, checked up to Google's roots, and
//! its KeyDescription checked against the bank's challenge and policy.

mod key_description;
mod revocation;

pub use key_description::{
    ALGORITHM_EC, AUTH_BIOMETRIC, AUTH_PASSWORD, AttestationApplicationId, AuthorizationList,
    CURVE_P256, KEY_DESCRIPTION_OID, KeyDescription, PURPOSE_SIGN, RootOfTrust, VerifiedBootState,
};
pub use revocation::StatusList;

use time::OffsetDateTime;

use crate::chain::{extension, p256_point, parse_chain, verify_chain};
use crate::policy::{AndroidPolicy, KeyRole};
use crate::reason::Reason;
use crate::roots::TrustAnchors;
use crate::verdict::{Attested, Verdict};

/// One Android key's evidence and what the bank expects of it.
#[derive(Clone, Copy, Debug)]
pub struct AndroidCheck<'a> {
    /// The key's certificate chain as the phone sent it, DER, leaf first.
    pub chain: &'a [Vec<u8>],
    /// The challenge the bank gave for this key; `None` skips that check (only for
    /// inspecting evidence by hand: without it any old chain of the same key passes).
    pub challenge: Option<&'a [u8]>,
    /// K_dev or K_bio.
    pub role: KeyRole,
    /// The time the certificates must be valid at.
    pub at: OffsetDateTime,
}

/// The verdict, and what the leaf's KeyDescription says when it could be read (also for
/// a refused chain, for the bank's log and the command line).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AndroidReport {
    /// Valid with the security level, or the first failed check.
    pub verdict: Verdict,
    /// The leaf's KeyDescription, when present and readable; what it says is vouched for
    /// only when the verdict is valid.
    pub description: Option<KeyDescription>,
    /// The leaf's public key (P-256, SEC1 uncompressed), when valid: the bank compares it
    /// with the key being registered (`Reason::KeyMismatch` when it differs).
    pub public_key: Option<Vec<u8>>,
}

/// Checks an Android key's attestation, in this order: the chain's form, signatures and
/// root, every certificate's validity at `at`, revocation, the extension's place, the
/// challenge, the security level, the key (sign, EC P-256, and for K_bio a biometric per
/// use), the root of trust, the app.
pub fn verify_android(
    check: &AndroidCheck<'_>,
    policy: &AndroidPolicy,
    anchors: &TrustAnchors,
    revoked: &StatusList,
) -> AndroidReport {
    let description = check
        .chain
        .first()
        .and_then(|leaf| crate::roots::parse_certificate(leaf).ok())
        .and_then(|leaf| extension(&leaf, KEY_DESCRIPTION_OID).map(KeyDescription::parse))
        .and_then(Result::ok);
    let verdict: Verdict = check_all(check, policy, anchors, revoked).into();
    let public_key = check
        .chain
        .first()
        .filter(|_| verdict.is_valid())
        .and_then(|leaf| crate::roots::parse_certificate(leaf).ok())
        .and_then(|leaf| p256_point(leaf.public_key()).map(<[u8]>::to_vec));
    AndroidReport {
        verdict,
        description,
        public_key,
    }
}

fn check_all(
    check: &AndroidCheck<'_>,
    policy: &AndroidPolicy,
    anchors: &TrustAnchors,
    revoked: &StatusList,
) -> Result<Attested, Reason> {
    let chain = parse_chain(check.chain, 1)?;
    verify_chain(&chain, anchors, check.at)?;
    if chain.iter().any(|c| revoked.is_listed(c.raw_serial())) {
        return Err(Reason::CertificateRevoked);
    }
    let leaf = &chain[0];
    // Only the leaf may carry a KeyDescription: one further down means an attested key
    // signed a certificate of the phone's own making, with whatever description it liked.
    if chain[1..]
        .iter()
        .any(|c| extension(c, KEY_DESCRIPTION_OID).is_some())
    {
        return Err(Reason::ExtensionMisplaced);
    }
    let description = KeyDescription::parse(
        extension(leaf, KEY_DESCRIPTION_OID).ok_or(Reason::ExtensionMissing)?,
    )?;

    if let Some(expected) = check.challenge {
        if description.challenge != expected {
            return Err(Reason::ChallengeMismatch);
        }
    }
    let level = description.security_level();
    if level < policy.minimum_level {
        return Err(Reason::SecurityLevelTooLow);
    }

    let key = description.key_properties();
    if !key.purposes.contains(&PURPOSE_SIGN) {
        return Err(Reason::NotSigningKey);
    }
    if key.algorithm != Some(ALGORITHM_EC)
        || key.ec_curve != Some(CURVE_P256)
        || p256_point(leaf.public_key()).is_none()
    {
        return Err(Reason::KeyNotP256);
    }
    if check.role == KeyRole::Biometric {
        check_biometric(key)?;
    }

    let root = description.root_of_trust();
    if policy.require_locked_bootloader && !root.is_some_and(|r| r.device_locked) {
        return Err(Reason::BootloaderUnlocked);
    }
    if policy.require_verified_boot
        && !root.is_some_and(|r| r.verified_boot_state == VerifiedBootState::Verified)
    {
        return Err(Reason::BootNotVerified);
    }

    let app = description.application_id();
    if !policy.packages.is_empty()
        && !app.is_some_and(|a| a.packages.iter().any(|p| policy.packages.contains(p)))
    {
        return Err(Reason::AppMismatch);
    }
    if !policy.signer_digests.is_empty()
        && !app.is_some_and(|a| {
            a.signer_digests.iter().any(|d| {
                policy
                    .signer_digests
                    .iter()
                    .any(|want| want.as_slice() == d)
            })
        })
    {
        return Err(Reason::AppSignerMismatch);
    }
    Ok(Attested::Android(level))
}

/// K_bio: user authentication required, by a biometric only, for every use. Whether the
/// key is invalidated by a new enrolment is not in the attestation (KeyMint leaves the
/// secure user ids out); docs/attestation.md says what the bank relies on instead.
fn check_biometric(key: &AuthorizationList) -> Result<(), Reason> {
    let Some(auth_type) = key.user_auth_type.filter(|_| !key.no_auth_required) else {
        return Err(Reason::UserAuthNotRequired);
    };
    let biometric_only = auth_type & AUTH_BIOMETRIC != 0 && auth_type & AUTH_PASSWORD == 0;
    let per_use = key.auth_timeout.is_none_or(|seconds| seconds == 0);
    if biometric_only && per_use {
        Ok(())
    } else {
        Err(Reason::NotBiometricOnly)
    }
}
