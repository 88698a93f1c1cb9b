//! What the customer does in the browser online bank: log in with the key-code card,
//! unlock a new profile, remove devices, unlock a locked user code, change the password,
//! and the app's side of logging in to the browser with the code app.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::{Challenge, Secret, TrustedDevice};

/// `POST /v1/online-bank/logins`: username and password.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OnlineBankLoginStart {
    /// The user id.
    pub username: String,
    /// The password.
    pub password: Secret,
}

/// The key-card code the bank asks for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeyCardChallenge {
    /// The login or unlock attempt, for the next step.
    pub attempt_id: String,
    /// Which code of the card to type (1-based).
    pub key_card_index: u32,
    /// When the attempt expires.
    #[serde(with = "super::wire_time::instant")]
    pub expires_at: OffsetDateTime,
}

/// An online-bank session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OnlineBankSession {
    /// Bearer token for the `/v1/online-bank/...` endpoints.
    pub token: Secret,
    /// Inactivity timeout in seconds.
    pub idle_timeout_s: u32,
    /// The password must be changed first (after a self-service unlock).
    pub password_change_required: bool,
}

/// `POST /v1/online-bank/password`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PasswordChange {
    /// The current password.
    pub current_password: Secret,
    /// The new one: 6 to 8 characters, case sensitive.
    pub new_password: Secret,
}

/// `GET /v1/online-bank/devices`: every profile, pending ones included.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OnlineBankDeviceList {
    /// The customer's profiles.
    pub devices: Vec<TrustedDevice>,
}

/// `POST /v1/user-code-unlocks`: self-service unlock of a locked user code, step 1.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UserCodeUnlockStart {
    /// The personal identity code (HETU).
    pub hetu: Secret,
    /// The online-bank user id.
    pub user_id: String,
}

/// Step 1's answer: an SMS code was sent and a key-card code is asked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserCodeUnlockStarted {
    /// The key-card code asked and the attempt's id.
    pub key_card: KeyCardChallenge,
    /// Where the SMS code went, masked.
    pub phone_hint: String,
}

/// `POST /v1/user-code-unlocks/{id}`: the SMS code and the key-card code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UserCodeUnlockFinish {
    /// The SMS code.
    pub sms_code: Secret,
    /// The key-card code asked.
    pub key_card_code: Secret,
}

/// The user code is open again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserCodeUnlocked {
    /// When the lock came from wrong passwords, the password is now this key-card code
    /// (number 1) and must be changed at the next online-bank login.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password_is_key_card_code: Option<u32>,
    /// Profiles locked by wrong PINs that are usable again.
    pub profiles_unlocked: u32,
}

/// `POST /v1/online-bank/app-logins/{id}/challenge`: a browser login to approve with the
/// app. The page shows `short_code`; the app shows it too, and the customer approves only
/// when both match.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppLoginApproval {
    /// The request's id (the push carried it).
    pub request_id: String,
    /// The code the browser shows; the app shows it too and it must be in the signed
    /// shown text.
    pub short_code: String,
    /// When the request stops being answerable.
    #[serde(with = "super::wire_time::instant")]
    pub expires_at: OffsetDateTime,
    /// A `login` challenge on the `online_bank` channel, its subject the request id.
    pub challenge: Challenge,
}
