//! The round trips shared by requests the bank pushes to the app and the customer answers
//! without an app session: a third party's identification (`identification.rs`) and a
//! browser online-bank login (`app_login.rs`). Each flow keeps its own texts, checks and
//! error wording; the bank's replies pass through the flow's `reword` function.

use std::sync::Arc;

use serde::de::DeserializeOwned;

use super::approval::Signed;
use super::{AvainError, Inner};
use crate::api::{
    ConfirmRequest, DeviceState, IdentificationChallengeRequest, IdentificationReject,
};
use crate::i18n::Language;
use crate::store::Profile;

/// Says one of the bank's generic refusals the way a flow's screen needs it.
pub(crate) type Reword = fn(Language, AvainError) -> AvainError;

impl Inner {
    /// What the phone reports about itself with every challenge request, so the bank applies
    /// its OS policy.
    pub(crate) fn device_state(&self) -> DeviceState {
        DeviceState {
            os_version: self.device.os_version.clone(),
            app_version: self.app_version().to_owned(),
        }
    }

    /// Fetches a pushed request's challenge from `path` for `profile`. The OS policy is
    /// refreshed and applied first: a blocked phone does not even show the request.
    pub(crate) async fn pushed_challenge<T: DeserializeOwned>(
        self: &Arc<Self>,
        profile: &Profile,
        path: &str,
        reword: Reword,
    ) -> Result<T, AvainError> {
        self.refresh_policy_if_stale().await;
        self.gate_before_approval()?;
        let body = IdentificationChallengeRequest {
            profile_id: profile.server_profile_id.clone(),
            device: self.device_state(),
        };
        self.http
            .post(path, &body, None)
            .await
            .map_err(|e| self.refusal(profile, e, reword))
    }

    /// Sends the signed approval of a pushed request to `path` (its receipt is settled by
    /// the answer).
    pub(crate) async fn send_pushed_approval<T: DeserializeOwned>(
        &self,
        profile: &Profile,
        signed: &Signed,
        path: &str,
        reword: Reword,
    ) -> Result<T, AvainError> {
        let body = ConfirmRequest {
            assertion: signed.assertion.clone(),
        };
        self.answer(signed, self.http.post(path, &body, None))
            .await
            .map_err(|e| self.refusal(profile, e, reword))
    }

    /// Refuses a pushed request at `path` (no PIN needed).
    pub(crate) async fn send_pushed_rejection<T: DeserializeOwned>(
        &self,
        profile: &Profile,
        path: &str,
        reword: Reword,
    ) -> Result<T, AvainError> {
        let body = IdentificationReject {
            profile_id: profile.server_profile_id.clone(),
        };
        let lang = self.lang();
        self.http
            .post(path, &body, None)
            .await
            .map_err(|e| reword(lang, AvainError::from_net(lang, e)))
    }

    /// A refusal of an approval round trip: the local profile follows the bank (a lock, a
    /// removed device), then the flow words it.
    fn refusal(
        &self,
        profile: &Profile,
        error: crate::net::NetError,
        reword: Reword,
    ) -> AvainError {
        let lang = self.lang();
        let error = AvainError::from_net(lang, error);
        self.mirror_refusal(profile, &error);
        reword(lang, error)
    }
}
