//! The records and enums of the `Avain` object's API: the core's own types where UniFFI
//! can carry them as they are (`#[uniffi::remote]`), mirrors where it cannot (dates).

use std::time::SystemTime;

use avain_core::client::{
    ApprovalFactor, DeviceDetails, LoginResult, PolicyStatus, ProfileInfo, RegistrationStep,
    UserCodeUnlockStarted, UserCodeUnlocked,
};
use avain_core::lifecycle::BiometricKind;
use avain_core::os_policy::Platform;

/// This phone, as the bank and the OS gate see it.
#[uniffi::remote(Record)]
pub struct DeviceDetails {
    /// The platform.
    pub platform: Platform,
    /// The model ("Pixel 8", "iPhone15,2").
    pub model: String,
    /// The OS version, dotted ("14", "17.4.1").
    pub os_version: String,
    /// The app's version, dotted.
    pub app_version: String,
}

/// A profile as the profile picker shows it.
#[uniffi::remote(Record)]
pub struct ProfileInfo {
    /// The local id, used in every call about this profile.
    pub id: String,
    /// The name the customer gave it.
    pub name: String,
    /// Stable state code (`pending_unlock`, `active`, `locked`, `revoked`).
    pub state: String,
    /// The lock reason's code when locked.
    pub lock_reason: Option<String>,
    /// A one-line status in the customer's language.
    pub status: String,
    /// Whether biometrics are on.
    pub biometrics_enabled: bool,
    /// A notice to show once (biometrics switched off after a biometric set change).
    pub notice: Option<String>,
}

/// A successful login.
#[uniffi::remote(Record)]
pub struct LoginResult {
    /// The profile, now active.
    pub profile: ProfileInfo,
    /// The customer's name, for the greeting.
    pub customer_name: String,
    /// A warning of the OS gate to show (update the OS before the cut-off date).
    pub os_warning: Option<String>,
}

/// The self-service unlock started: the bank sent an SMS code and names a key-card code.
#[uniffi::remote(Record)]
pub struct UserCodeUnlockStarted {
    /// Pass to `finishUserCodeUnlock`.
    pub unlock_id: String,
    /// Which code of the key-code card to type.
    pub key_card_index: u32,
    /// Where the SMS went, masked.
    pub phone_hint: String,
}

/// The user code is open again.
#[uniffi::remote(Record)]
pub struct UserCodeUnlocked {
    /// Profiles the bank reactivated.
    pub profiles_unlocked: u32,
    /// When the password was reset: which key-card code is the temporary password.
    pub password_is_key_card_code: Option<u32>,
    /// What happens next, in the customer's language.
    pub message: String,
}

/// The OS gate's answer for this phone, for the start screen.
#[uniffi::remote(Record)]
pub struct PolicyStatus {
    /// The sequence number of the policy in force (0: the built-in one); with
    /// `unverified`, the highest one this phone accepted, which it must get back.
    pub sequence: u64,
    /// `allowed`, `warn`, `cannot_install`, `blocked` or `unverified` (the saved policy
    /// is older than one this phone accepted, or gone: `refreshPolicy` fetches the
    /// bank's current one; approvals are refused until then).
    pub decision: String,
    /// What to tell the customer.
    pub message: String,
    /// The cut-off date of a warning, "15.4.2024".
    pub cutoff: Option<String>,
}

/// Where a registration is, as the UI shows it.
#[uniffi::remote(Enum)]
pub enum RegistrationStep {
    /// Type the code number `key_card_index` of the paper key-code card.
    KeyCardCode {
        /// Which code (1-based).
        key_card_index: u32,
    },
    /// Type the SMS code sent to the masked number.
    SmsCode {
        /// "+358 40 *** **67".
        phone_hint: String,
    },
    /// Choose a PIN of 4-8 digits; show `advice`.
    ChoosePin {
        /// Advice lines in the customer's language.
        advice: Vec<String>,
    },
    /// Name the profile.
    ProfileName {
        /// A suggestion ("Anna Virtanen").
        suggestion: String,
    },
    /// Registered: unlock the profile in the online bank, then log in.
    PendingUnlock {
        /// The new profile.
        profile: ProfileInfo,
        /// What to do next, in the customer's language.
        instruction: String,
    },
}

/// Which biometric the customer turns on.
#[uniffi::remote(Enum)]
pub enum BiometricKind {
    /// Fingerprint (Touch ID, Android fingerprint).
    Fingerprint,
    /// Face (Face ID, Android face unlock of the strong class).
    Face,
    /// A kind a newer bank reports that this version does not know; never turned on.
    Unknown,
}

/// How the customer approves: the PIN typed now, or biometrics (the platform's prompt).
#[uniffi::remote(Enum)]
pub enum ApprovalFactor {
    /// Knowledge: the PIN (never stored, never logged).
    Pin {
        /// The PIN.
        pin: String,
    },
    /// Inherence: the biometric key, released by the platform's prompt.
    Biometric,
}

/// One trusted device, as the list shows it.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct TrustedDevice {
    /// The bank's id of the device (pass it to `removeDevice`).
    pub device_id: String,
    /// The profile's name on that device.
    pub name: String,
    /// The model.
    pub model: String,
    /// The platform code.
    pub platform: String,
    /// The OS version.
    pub os_version: String,
    /// `pending_unlock`, `active`, `locked`, `revoked`.
    pub state: String,
    /// When it was registered.
    pub registered_at: SystemTime,
    /// When it was last used.
    pub last_used_at: Option<SystemTime>,
    /// Whether it is the device in the customer's hand.
    pub this_device: bool,
}

impl From<avain_core::client::DeviceInfo> for TrustedDevice {
    fn from(device: avain_core::client::DeviceInfo) -> TrustedDevice {
        TrustedDevice {
            device_id: device.device_id,
            name: device.name,
            model: device.model,
            platform: device.platform,
            os_version: device.os_version,
            state: device.state,
            registered_at: device.registered_at.into(),
            last_used_at: device.last_used_at.map(Into::into),
            this_device: device.this_device,
        }
    }
}
