//! One registration in progress: password -> key-card code -> SMS code -> PIN -> profile
//! name -> pending unlock in the online bank. The steps and their rules are the core's
//! (`avain_core::client::Registration`).

use std::sync::Arc;

use avain_core::client::{self as core, RegistrationStep};
use avain_core::error::PinRejection;

use crate::error::AvainError;

/// A registration in progress, from `Avain.startRegistration`. Each method is allowed only
/// in its step; a wrong step is [`AvainError::InvalidInput`] with code `wrong_step`.
#[derive(uniffi::Object)]
pub struct Registration {
    core: Arc<core::Registration>,
}

impl std::fmt::Debug for Registration {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Registration").finish_non_exhaustive()
    }
}

impl Registration {
    pub(crate) fn new(core: Arc<core::Registration>) -> Registration {
        Registration { core }
    }
}

#[uniffi::export]
impl Registration {
    /// Where the registration is now.
    pub fn step(&self) -> RegistrationStep {
        self.core.step()
    }

    /// The code of the paper key-code card the bank asked for.
    pub async fn submit_key_card_code(&self, code: String) -> Result<RegistrationStep, AvainError> {
        self.core.submit_key_card_code(code).await
    }

    /// The code of the SMS the bank sent.
    pub async fn submit_sms_code(&self, code: String) -> Result<RegistrationStep, AvainError> {
        self.core.submit_sms_code(code).await
    }

    /// Checks a PIN as the customer types it, without choosing it: every reason to refuse
    /// it (the customer's own birth date included), in the customer's language. Empty
    /// when the PIN is acceptable. Pure: returns at once.
    pub fn check_pin(&self, pin: String) -> Vec<PinRejection> {
        self.core.check_pin(pin)
    }

    /// Chooses the PIN, typed twice: `pin` and its repetition `pin_again`. One the policy
    /// refuses is [`AvainError::PinRejected`] with every reason; a repetition that differs
    /// is [`AvainError::InvalidInput`] with code `pin_mismatch`. Either way the step stays
    /// and nothing is derived. Derives K_pin (PBKDF2: a fraction of a second).
    pub async fn choose_pin(
        &self,
        pin: String,
        pin_again: String,
    ) -> Result<RegistrationStep, AvainError> {
        self.core.choose_pin(pin, pin_again).await
    }

    /// Names the profile (1-40 characters): makes K_dev, proves both keys to the bank and
    /// stores the profile, pending the online-bank unlock. Changes persisted state.
    pub async fn finish(&self, profile_name: String) -> Result<RegistrationStep, AvainError> {
        self.core.finish(profile_name).await
    }
}
