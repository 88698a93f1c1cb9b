//! Trusted devices: the customer's list (with "this device"), removing another device
//! remotely (an approval showing the device's name), and deleting a profile from this
//! device (every key wiped).

use std::sync::Arc;

use time::OffsetDateTime;

use super::{ApprovalFactor, Avain, AvainError, Inner};
use crate::api::{ApprovalRequired, ConfirmRequest, DeviceList, TrustedDevice};
use crate::confirmation;
use crate::error::AvainErrorCode;
use crate::keys::delete_profile_keys;
use crate::signed_bytes::Approval;

/// One trusted device, as the list shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeviceInfo {
    /// The bank's id of the device (pass it to [`Avain::remove_device`]).
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
    pub registered_at: OffsetDateTime,
    /// When it was last used.
    pub last_used_at: Option<OffsetDateTime>,
    /// Whether it is the device in the customer's hand.
    pub this_device: bool,
}

impl From<TrustedDevice> for DeviceInfo {
    fn from(d: TrustedDevice) -> Self {
        DeviceInfo {
            device_id: d.device_id,
            name: d.profile_name,
            model: d.model,
            platform: d.platform,
            os_version: d.os_version,
            state: d.state.code().to_owned(),
            registered_at: d.registered_at,
            last_used_at: d.last_used_at,
            this_device: d.this_device,
        }
    }
}

impl Inner {
    pub(crate) async fn devices(self: &Arc<Self>) -> Result<Vec<DeviceInfo>, AvainError> {
        let (token, _) = self.session()?;
        let list: DeviceList = self
            .http
            .get("v1/devices", Some(token.expose()))
            .await
            .map_err(|e| self.bank_error(e))?;
        Ok(list.devices.into_iter().map(DeviceInfo::from).collect())
    }

    /// A bank error in a session: a session the bank ended ends here too.
    pub(crate) fn bank_error(&self, error: crate::net::NetError) -> AvainError {
        let error = AvainError::from_net(self.lang(), error);
        self.check_session_error(&error);
        error
    }

    /// Deletes `profile_id` from this device: keys, device secret and the database row.
    pub(crate) fn delete_locally(&self, profile_id: &str) -> Result<(), AvainError> {
        let lang = self.lang();
        if self.session.profile_id(self.now()).as_deref() == Some(profile_id) {
            self.session.end();
        }
        delete_profile_keys(
            self.parts.secrets.as_ref(),
            self.parts.device_keys.as_ref(),
            self.parts.biometric_keys.as_ref(),
            profile_id,
        )
        .map_err(|e| AvainError::from_keys(lang, e))?;
        self.store
            .delete_profile(profile_id)
            .map_err(|e| AvainError::from_store(lang, e))?;
        tracing::info!(target: "avain::client", profile = %profile_id, "profile deleted locally");
        Ok(())
    }
}

impl Avain {
    /// The customer's trusted devices (needs a session).
    pub async fn devices(&self) -> Result<Vec<DeviceInfo>, AvainError> {
        self.run(|inner| async move { inner.devices().await }).await
    }

    /// Removes a trusted device remotely, after the customer approves the text naming
    /// it. Removing this device also deletes the profile here. Changes persisted state.
    pub async fn remove_device(
        &self,
        device_id: String,
        factor: ApprovalFactor,
    ) -> Result<(), AvainError> {
        self.run(move |inner| async move {
            let lang = inner.lang();
            let devices = inner.devices().await?;
            let target = devices
                .into_iter()
                .find(|d| d.device_id == device_id)
                .ok_or_else(|| AvainError::input(lang, AvainErrorCode::DeviceUnknown))?;
            let (token, profile_id) = inner.session()?;
            let profile = inner.profile(&profile_id)?;
            let path = format!("v1/devices/{}/removal", target.device_id);
            let required: ApprovalRequired = inner
                .http
                .post_empty(&path, Some(token.expose()))
                .await
                .map_err(|e| inner.bank_error(e))?;
            if required.challenge.subject_id.as_deref() != Some(target.device_id.as_str()) {
                return Err(AvainError::refused(lang, AvainErrorCode::ChallengeMismatch));
            }
            let label = format!("{} ({})", target.name, target.model);
            let approval = Approval::DeviceRemoval {
                target_device_id: target.device_id.clone(),
                shown_text: confirmation::device_removal(lang, &label),
            };
            let signed = inner
                .sign(&profile, &required.challenge, approval, factor)
                .await?;
            let confirm = format!("{path}/confirm");
            if let Err(e) = inner
                .http
                .post::<_, ()>(
                    &confirm,
                    &ConfirmRequest {
                        assertion: signed.assertion.clone(),
                    },
                    Some(token.expose()),
                )
                .await
            {
                let error = inner.bank_error(e);
                inner.mirror_refusal(&profile, &error);
                return Err(error);
            }
            inner.keep_receipt(&profile, &signed);
            if target.this_device || target.device_id == profile.server_device_id {
                inner.delete_locally(&profile.id)?;
            }
            Ok(())
        })
        .await
    }

    /// Deletes a profile from this device only: its keys are wiped, so no PIN works for
    /// it again here. The bank's list shows the device until it is removed there (or
    /// with [`Avain::remove_device`] first). Changes persisted state.
    pub async fn delete_profile_locally(&self, profile_id: &str) -> Result<(), AvainError> {
        let profile_id = profile_id.to_owned();
        self.local(move |inner| inner.delete_locally(&profile_id))
            .await
    }
}
