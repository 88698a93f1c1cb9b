//! Requests the bank pushes to the app and the customer answers without an app login:
//! a third party's strong identification (Verohallinto, Kela, through the identification
//! broker) and a browser online-bank login ("log in with the code app"). Each is opened
//! with the id from the push, shown, then approved with the PIN or biometrics
//! ([`ApprovalFactor`]) or rejected. Thin calls into `avain_core::client::Avain`, which
//! checks the bank's challenge, renders the text, signs it and keeps the receipt.

use std::sync::Arc;

use avain_core::client::{self as core, AppLoginPrompt, ApprovalFactor, IdentificationPrompt};

use crate::avain::Avain;
use crate::error::AvainError;

/// Third parties' identification requests and browser logins: `avain.identification()` in
/// Kotlin and Swift, a view of the one [`Avain`] it came from.
#[derive(uniffi::Object)]
pub struct Identification {
    avain: Arc<core::Avain>,
}

impl std::fmt::Debug for Identification {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Identification").finish_non_exhaustive()
    }
}

impl Identification {
    fn area(&self) -> core::Identification<'_> {
        self.avain.identification()
    }
}

#[uniffi::export]
impl Avain {
    /// Third parties' identification requests and browser logins.
    pub fn identification(&self) -> Arc<Identification> {
        Arc::new(Identification {
            avain: Arc::clone(&self.core),
        })
    }
}

#[uniffi::export]
impl Identification {
    /// Opens a third party's identification request for `profile_id` (the id comes in the
    /// push notification): one round trip, no login needed. The text is in Finnish, with a
    /// notice for customers using another language. Then `approveIdentification` or
    /// `rejectIdentification`.
    pub async fn open_identification_request(
        &self,
        profile_id: String,
        request_id: String,
    ) -> Result<IdentificationPrompt, AvainError> {
        let prompt = self
            .area()
            .open_identification_request(profile_id, request_id)
            .await?;
        Ok(prompt)
    }

    /// Approves the identification request last opened, signing the text shown with the
    /// PIN or biometrics; the service then receives the customer's name and identity code.
    /// The opened request is used once: after `WrongPin`, open it again. Changes persisted
    /// state (a receipt).
    pub async fn approve_identification(
        &self,
        request_id: String,
        factor: ApprovalFactor,
    ) -> Result<(), AvainError> {
        self.area().approve_identification(request_id, factor).await
    }

    /// Refuses an identification request the customer did not ask for; the service learns
    /// that they refused. No PIN needed.
    pub async fn reject_identification(
        &self,
        profile_id: String,
        request_id: String,
    ) -> Result<(), AvainError> {
        self.area()
            .reject_identification(profile_id, request_id)
            .await
    }

    /// Opens a browser online-bank login waiting for this app, for `profile_id` (the id
    /// comes in the push notification): one round trip, no app login needed. Show the
    /// short code large beside the text. Then `approveAppLogin` or `rejectAppLogin`.
    pub async fn open_app_login(
        &self,
        profile_id: String,
        request_id: String,
    ) -> Result<AppLoginPrompt, AvainError> {
        self.area().open_app_login(profile_id, request_id).await
    }

    /// Reads `url` as the bank's app link (see `Avain.readAppLink`) and opens the browser
    /// login it names for `profile_id`, as `openAppLogin` does with a pushed id: the same
    /// prompt, then `approveAppLogin` or `rejectAppLogin`. A refused link sends nothing.
    pub async fn open_app_link(
        &self,
        profile_id: String,
        url: String,
    ) -> Result<AppLoginPrompt, AvainError> {
        self.area().open_app_link(profile_id, url).await
    }

    /// Approves the browser login last opened, signing the text with the code with the PIN
    /// or biometrics; the browser then logs in. The opened login is used once: after
    /// `WrongPin`, open it again. Changes persisted state (a receipt).
    pub async fn approve_app_login(
        &self,
        request_id: String,
        factor: ApprovalFactor,
    ) -> Result<(), AvainError> {
        self.area().approve_app_login(request_id, factor).await
    }

    /// Refuses a browser login the customer did not start; the browser says it was
    /// refused. No PIN needed.
    pub async fn reject_app_login(
        &self,
        profile_id: String,
        request_id: String,
    ) -> Result<(), AvainError> {
        self.area().reject_app_login(profile_id, request_id).await
    }
}
