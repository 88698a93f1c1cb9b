//! Requests the bank pushes to the app and the customer answers without an app login:
//! a third party's strong identification (Verohallinto, Kela, through the identification
//! broker) and a browser online-bank login ("log in with the code app"). Each is opened
//! with the id from the push, shown, then approved with the PIN or biometrics
//! ([`ApprovalFactor`]) or rejected. Thin calls into `avain_core::client::Avain`, which
//! checks the bank's challenge, renders the text, signs it and keeps the receipt.

use std::time::SystemTime;

use avain_core::Language;
use avain_core::client::{self as core, ApprovalFactor};

use crate::avain::Avain;
use crate::error::AvainError;

/// A third party's identification request, as the approval screen shows it.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct IdentificationPrompt {
    /// The bank's id of the request (from the push notification).
    pub request_id: String,
    /// The service asking ("Verohallinto", "Kela").
    pub requester: String,
    /// The identification broker the request came through.
    pub broker: String,
    /// What the service receives, in the customer's language ("name", "personal identity
    /// code").
    pub attributes: Vec<String>,
    /// When the request can no longer be answered (the bank's clock).
    pub expires_at: SystemTime,
    /// The exact text to show above the approve button; it is what gets signed.
    pub shown_text: String,
    /// The language of `shown_text`: Finnish, as the flow exists only in Finnish.
    pub text_language: Language,
    /// The flow is not available in the customer's language: show `language_notice`.
    pub finnish_only: bool,
    /// The notice to show in the customer's own language when it is not Finnish.
    pub language_notice: Option<String>,
}

impl From<core::IdentificationPrompt> for IdentificationPrompt {
    fn from(p: core::IdentificationPrompt) -> IdentificationPrompt {
        IdentificationPrompt {
            request_id: p.request_id,
            requester: p.requester,
            broker: p.broker,
            attributes: p.attributes,
            expires_at: p.expires_at.into(),
            shown_text: p.shown_text,
            text_language: p.text_language,
            finnish_only: p.finnish_only,
            language_notice: p.language_notice,
        }
    }
}

/// A browser login waiting for this app, as the approval screen shows it.
#[derive(Clone, PartialEq, Eq, uniffi::Record)]
pub struct AppLoginPrompt {
    /// The bank's id of the login (from the push notification).
    pub request_id: String,
    /// The code the browser shows: show it large so the customer can compare.
    pub short_code: String,
    /// When the login can no longer be answered (the bank's clock).
    pub expires_at: SystemTime,
    /// The exact text to show above the approve button, with the code; it is what gets
    /// signed.
    pub shown_text: String,
    /// The language of `shown_text`: the customer's own.
    pub text_language: Language,
}

/// The short code (also inside the text) is what binds the browser to this approval: kept
/// out of logs.
impl std::fmt::Debug for AppLoginPrompt {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AppLoginPrompt")
            .field("request_id", &self.request_id)
            .field("expires_at", &self.expires_at)
            .field("text_language", &self.text_language)
            .finish_non_exhaustive()
    }
}

impl From<core::AppLoginPrompt> for AppLoginPrompt {
    fn from(p: core::AppLoginPrompt) -> AppLoginPrompt {
        AppLoginPrompt {
            request_id: p.request_id,
            short_code: p.short_code,
            expires_at: p.expires_at.into(),
            shown_text: p.shown_text,
            text_language: p.text_language,
        }
    }
}

#[uniffi::export]
impl Avain {
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
            .core
            .open_identification_request(profile_id, request_id)
            .await?;
        Ok(prompt.into())
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
        self.core.approve_identification(request_id, factor).await
    }

    /// Refuses an identification request the customer did not ask for; the service learns
    /// that they refused. No PIN needed.
    pub async fn reject_identification(
        &self,
        profile_id: String,
        request_id: String,
    ) -> Result<(), AvainError> {
        self.core
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
        Ok(self
            .core
            .open_app_login(profile_id, request_id)
            .await?
            .into())
    }

    /// Approves the browser login last opened, signing the text with the code with the PIN
    /// or biometrics; the browser then logs in. The opened login is used once: after
    /// `WrongPin`, open it again. Changes persisted state (a receipt).
    pub async fn approve_app_login(
        &self,
        request_id: String,
        factor: ApprovalFactor,
    ) -> Result<(), AvainError> {
        self.core.approve_app_login(request_id, factor).await
    }

    /// Refuses a browser login the customer did not start; the browser says it was
    /// refused. No PIN needed.
    pub async fn reject_app_login(
        &self,
        profile_id: String,
        request_id: String,
    ) -> Result<(), AvainError> {
        self.core.reject_app_login(profile_id, request_id).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn the_browser_code_stays_out_of_debug_output() {
        let prompt = AppLoginPrompt::from(core::AppLoginPrompt {
            request_id: "oal_1".into(),
            short_code: "K7Q2".into(),
            expires_at: datetime!(2026-11-22 05:17 UTC),
            shown_text: "Vahvista kirjautuminen verkkopankkiin koodilla K7Q2".into(),
            text_language: Language::Fi,
        });
        assert_eq!(
            prompt.expires_at,
            SystemTime::from(datetime!(2026-11-22 05:17 UTC))
        );
        let debug = format!("{prompt:?}");
        assert!(debug.contains("oal_1"), "{debug}");
        assert!(!debug.contains("K7Q2"), "{debug}");
    }
}
