//! The KeyDescription extension (OID 1.3.6.1.4.1.11129.2.1.17) of an Android attestation
//! certificate, read with a DER parser: the fields the bank's checks need, the rest skipped.
//! Schema: source.android.com/docs/security/features/keystore/attestation.

use crate::der::{self, BOOLEAN, ENUMERATED, NULL, OCTET_STRING, SEQUENCE, SET};
use crate::reason::Reason;
use crate::verdict::SecurityLevel;

/// The extension's OID.
pub const KEY_DESCRIPTION_OID: &str = "1.3.6.1.4.1.11129.2.1.17";

/// KeyMint's purpose SIGN.
pub const PURPOSE_SIGN: u64 = 2;
/// KeyMint's algorithm EC.
pub const ALGORITHM_EC: u64 = 3;
/// KeyMint's curve P-256.
pub const CURVE_P256: u64 = 1;
/// `userAuthType` bit: the device PIN, pattern or password.
pub const AUTH_PASSWORD: u64 = 1;
/// `userAuthType` bit: a biometric (BIOMETRIC_STRONG).
pub const AUTH_BIOMETRIC: u64 = 2;

// AuthorizationList tags (KeyMint Tag.aidl, without the type bits).
const TAG_PURPOSE: u32 = 1;
const TAG_ALGORITHM: u32 = 2;
const TAG_KEY_SIZE: u32 = 3;
const TAG_EC_CURVE: u32 = 10;
const TAG_NO_AUTH_REQUIRED: u32 = 503;
const TAG_USER_AUTH_TYPE: u32 = 504;
const TAG_AUTH_TIMEOUT: u32 = 505;
const TAG_ROOT_OF_TRUST: u32 = 704;
const TAG_ATTESTATION_APPLICATION_ID: u32 = 709;

/// The device's boot state, from the root of trust.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum VerifiedBootState {
    /// The image was verified with the device's own key.
    Verified,
    /// Verified with a key the user installed (a custom OS).
    SelfSigned,
    /// Not verified (unlocked bootloader).
    Unverified,
    /// Verification failed.
    Failed,
}

impl VerifiedBootState {
    /// The stable snake_case code.
    pub fn code(self) -> &'static str {
        match self {
            VerifiedBootState::Verified => "verified",
            VerifiedBootState::SelfSigned => "self_signed",
            VerifiedBootState::Unverified => "unverified",
            VerifiedBootState::Failed => "failed",
        }
    }
}

/// The device's root of trust.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RootOfTrust {
    /// Whether the bootloader is locked.
    pub device_locked: bool,
    /// The boot state.
    pub verified_boot_state: VerifiedBootState,
}

/// The app that asked for the key, as the OS saw it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AttestationApplicationId {
    /// Package names (more than one when apps share a user id).
    pub packages: Vec<String>,
    /// SHA-256 digests of the packages' signing certificates.
    pub signer_digests: Vec<Vec<u8>>,
}

/// The fields of one AuthorizationList that the checks read.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AuthorizationList {
    /// `purpose`: what the key may do (2 = sign).
    pub purposes: Vec<u64>,
    /// `algorithm` (3 = EC).
    pub algorithm: Option<u64>,
    /// `keySize` in bits.
    pub key_size: Option<u64>,
    /// `ecCurve` (1 = P-256).
    pub ec_curve: Option<u64>,
    /// `noAuthRequired`: usable without user authentication.
    pub no_auth_required: bool,
    /// `userAuthType`: bits of [`AUTH_PASSWORD`] and [`AUTH_BIOMETRIC`].
    pub user_auth_type: Option<u64>,
    /// `authTimeout` in seconds; absent means an authentication per use.
    pub auth_timeout: Option<u64>,
    /// `rootOfTrust`.
    pub root_of_trust: Option<RootOfTrust>,
    /// `attestationApplicationId`.
    pub application_id: Option<AttestationApplicationId>,
}

/// The KeyDescription: what the secure hardware says about the key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyDescription {
    /// The attestation format's version.
    pub attestation_version: u64,
    /// Where the attestation was made.
    pub attestation_security_level: SecurityLevel,
    /// KeyMint's (Keymaster's) version.
    pub keymint_version: u64,
    /// Where the key lives.
    pub keymint_security_level: SecurityLevel,
    /// The challenge the app passed to `setAttestationChallenge`.
    pub challenge: Vec<u8>,
    /// What the OS enforces.
    pub software_enforced: AuthorizationList,
    /// What the TEE or StrongBox enforces.
    pub hardware_enforced: AuthorizationList,
}

impl KeyDescription {
    /// Reads the extension's value (the DER of the KeyDescription SEQUENCE).
    pub fn parse(value: &[u8]) -> Result<KeyDescription, Reason> {
        let fields = der::constructed(&der::single(value)?, SEQUENCE)?;
        let [
            version,
            level,
            km_version,
            km_level,
            challenge,
            _unique_id,
            software,
            hardware,
            ..,
        ] = fields.as_slice()
        else {
            return Err(Reason::Malformed);
        };
        Ok(KeyDescription {
            attestation_version: der::unsigned(version)?,
            attestation_security_level: security_level(level)?,
            keymint_version: der::unsigned(km_version)?,
            keymint_security_level: security_level(km_level)?,
            challenge: der::universal(challenge, OCTET_STRING)?.to_vec(),
            software_enforced: authorization_list(software)?,
            hardware_enforced: authorization_list(hardware)?,
        })
    }

    /// The lower of the attestation's and the key's levels: what the bank can rely on.
    pub fn security_level(&self) -> SecurityLevel {
        self.attestation_security_level
            .min(self.keymint_security_level)
    }

    /// The list that holds the key's properties: the hardware's when the key is in
    /// hardware, else the OS's.
    pub fn key_properties(&self) -> &AuthorizationList {
        if self.keymint_security_level.is_hardware() {
            &self.hardware_enforced
        } else {
            &self.software_enforced
        }
    }

    /// The attesting app: Android puts it in the OS's list; taken from either.
    pub fn application_id(&self) -> Option<&AttestationApplicationId> {
        self.software_enforced
            .application_id
            .as_ref()
            .or(self.hardware_enforced.application_id.as_ref())
    }

    /// The root of trust, which only the secure hardware can attest.
    pub fn root_of_trust(&self) -> Option<&RootOfTrust> {
        self.hardware_enforced.root_of_trust.as_ref()
    }
}

fn security_level(any: &x509_parser::asn1_rs::Any<'_>) -> Result<SecurityLevel, Reason> {
    der::universal(any, ENUMERATED)?;
    match der::unsigned(any)? {
        0 => Ok(SecurityLevel::Software),
        1 => Ok(SecurityLevel::TrustedEnvironment),
        2 => Ok(SecurityLevel::StrongBox),
        _ => Err(Reason::Malformed),
    }
}

fn authorization_list(any: &x509_parser::asn1_rs::Any<'_>) -> Result<AuthorizationList, Reason> {
    let mut list = AuthorizationList::default();
    let mut seen = std::collections::HashSet::new();
    for entry in der::constructed(any, SEQUENCE)? {
        let tag = der::context_tag(&entry).ok_or(Reason::Malformed)?;
        if !seen.insert(tag) {
            return Err(Reason::Malformed);
        }
        // Every field is [tag] EXPLICIT: the content is one element.
        let inner = || der::single(entry.data);
        match tag {
            TAG_PURPOSE => {
                list.purposes = der::constructed(&inner()?, SET)?
                    .iter()
                    .map(der::unsigned)
                    .collect::<Result<_, _>>()?;
            }
            TAG_ALGORITHM => list.algorithm = Some(der::unsigned(&inner()?)?),
            TAG_KEY_SIZE => list.key_size = Some(der::unsigned(&inner()?)?),
            TAG_EC_CURVE => list.ec_curve = Some(der::unsigned(&inner()?)?),
            TAG_NO_AUTH_REQUIRED => {
                der::universal(&inner()?, NULL)?;
                list.no_auth_required = true;
            }
            TAG_USER_AUTH_TYPE => list.user_auth_type = Some(der::unsigned(&inner()?)?),
            TAG_AUTH_TIMEOUT => list.auth_timeout = Some(der::unsigned(&inner()?)?),
            TAG_ROOT_OF_TRUST => list.root_of_trust = Some(root_of_trust(&inner()?)?),
            TAG_ATTESTATION_APPLICATION_ID => {
                let bytes = der::universal(&inner()?, OCTET_STRING)?;
                list.application_id = Some(application_id(bytes)?);
            }
            _ => {}
        }
    }
    Ok(list)
}

fn root_of_trust(any: &x509_parser::asn1_rs::Any<'_>) -> Result<RootOfTrust, Reason> {
    let fields = der::constructed(any, SEQUENCE)?;
    let [boot_key, locked, state, ..] = fields.as_slice() else {
        return Err(Reason::Malformed);
    };
    der::universal(boot_key, OCTET_STRING)?;
    der::universal(locked, BOOLEAN)?;
    der::universal(state, ENUMERATED)?;
    Ok(RootOfTrust {
        device_locked: der::boolean(locked)?,
        verified_boot_state: match der::unsigned(state)? {
            0 => VerifiedBootState::Verified,
            1 => VerifiedBootState::SelfSigned,
            2 => VerifiedBootState::Unverified,
            3 => VerifiedBootState::Failed,
            _ => return Err(Reason::Malformed),
        },
    })
}

fn application_id(bytes: &[u8]) -> Result<AttestationApplicationId, Reason> {
    let fields = der::constructed(&der::single(bytes)?, SEQUENCE)?;
    let [packages, digests] = fields.as_slice() else {
        return Err(Reason::Malformed);
    };
    let mut out = AttestationApplicationId::default();
    for package in der::constructed(packages, SET)? {
        let info = der::constructed(&package, SEQUENCE)?;
        let [name, _version] = info.as_slice() else {
            return Err(Reason::Malformed);
        };
        let name = der::universal(name, OCTET_STRING)?;
        out.packages
            .push(String::from_utf8(name.to_vec()).map_err(|_| Reason::Malformed)?);
    }
    for digest in der::constructed(digests, SET)? {
        out.signer_digests
            .push(der::universal(&digest, OCTET_STRING)?.to_vec());
    }
    Ok(out)
}
