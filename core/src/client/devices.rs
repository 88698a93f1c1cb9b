//! Trusted devices: the customer's list (with "this device"), removing another device
//! remotely (an approval showing the device's name), and deleting a profile from this
//! device (every key wiped).

use std::sync::Arc;

use time::OffsetDateTime;

use super::{ApprovalFactor, Avain, AvainError, Devices, Inner};
use crate::api::{self, ApprovalRequired, ConfirmRequest, DeviceList, KeyProtection};
use crate::confirmation;
use crate::error::AvainErrorCode;
use crate::i18n::Language;
use crate::keys::delete_profile_keys;
use crate::lifecycle::ProfileState;
use crate::os_policy::Platform;
use crate::signed_bytes::Approval;

/// One trusted device, as the list shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct TrustedDevice {
    /// The bank's id of the device (pass it to [`Devices::remove_device`](crate::client::Devices::remove_device)).
    pub device_id: String,
    /// The profile's name on that device.
    pub name: String,
    /// The model.
    pub model: String,
    /// The platform; `None` for one this version does not know (a newer bank's).
    pub platform: Option<Platform>,
    /// The OS version.
    pub os_version: String,
    /// The profile's state on that device (with the lock reason when locked).
    pub state: ProfileState,
    /// When it was registered.
    pub registered_at: OffsetDateTime,
    /// When it was last used.
    pub last_used_at: Option<OffsetDateTime>,
    /// Whether it is the device in the customer's hand.
    pub this_device: bool,
    /// What the bank concluded about the device's keys at registration (key
    /// attestation, docs/attestation.md); `None` from a bank that does not say.
    pub key_protection: Option<KeyProtection>,
    /// [`TrustedDevice::key_protection`] in the customer's language, to show as is
    /// ("Laitteistoon suojattu avain, StrongBox"); `None` with it.
    pub key_protection_label: Option<String>,
}

/// The label of a [`KeyProtection`] in `lang`.
pub fn key_protection_label(lang: Language, protection: KeyProtection) -> String {
    protection.label(lang)
}

impl TrustedDevice {
    /// The bank's entry, with the texts in `lang`.
    fn from_wire(lang: Language, d: api::TrustedDevice) -> Self {
        TrustedDevice {
            device_id: d.device_id,
            name: d.profile_name,
            model: d.model,
            platform: Platform::from_code(&d.platform),
            os_version: d.os_version,
            state: d.state,
            registered_at: d.registered_at,
            last_used_at: d.last_used_at,
            this_device: d.this_device,
            key_protection: d.key_protection,
            key_protection_label: d.key_protection.map(|p| key_protection_label(lang, p)),
        }
    }
}

impl Inner {
    pub(crate) async fn devices(self: &Arc<Self>) -> Result<Vec<TrustedDevice>, AvainError> {
        let (token, _) = self.session()?;
        let list: DeviceList = self
            .http
            .get("v1/devices", Some(token.expose()))
            .await
            .map_err(|e| self.bank_error(e))?;
        let lang = self.lang();
        Ok(list
            .devices
            .into_iter()
            .map(|d| TrustedDevice::from_wire(lang, d))
            .collect())
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
    /// Deletes a profile from this device only: its keys are wiped, so no PIN works for
    /// it again here. The bank's list shows the device until it is removed there (or
    /// with [`Devices::remove_device`](super::Devices::remove_device) first). Changes persisted state.
    pub async fn delete_profile_locally(&self, profile_id: &str) -> Result<(), AvainError> {
        let profile_id = profile_id.to_owned();
        self.local(move |inner| inner.delete_locally(&profile_id))
            .await
    }
}

impl Devices<'_> {
    /// The customer's trusted devices (needs a session).
    pub async fn list(self) -> Result<Vec<TrustedDevice>, AvainError> {
        self.0
            .run(|inner| async move { inner.devices().await })
            .await
    }

    /// Removes a trusted device remotely, after the customer approves the text naming
    /// it. Removing this device also deletes the profile here. Changes persisted state.
    pub async fn remove_device(
        self,
        device_id: String,
        factor: ApprovalFactor,
    ) -> Result<(), AvainError> {
        self.0
            .run(move |inner| async move {
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
                let body = ConfirmRequest {
                    assertion: signed.assertion.clone(),
                };
                if let Err(e) = inner
                    .answer(
                        &signed,
                        inner
                            .http
                            .post::<_, ()>(&confirm, &body, Some(token.expose())),
                    )
                    .await
                {
                    let error = inner.bank_error(e);
                    inner.mirror_refusal(&profile, &error);
                    return Err(error);
                }
                if target.this_device || target.device_id == profile.server_device_id {
                    inner.delete_locally(&profile.id)?;
                }
                Ok(())
            })
            .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_protection_has_a_label_in_every_language() {
        assert_eq!(
            key_protection_label(Language::Fi, KeyProtection::StrongBox),
            "Laitteistoon suojattu avain, StrongBox"
        );
        assert_eq!(
            key_protection_label(Language::Sv, KeyProtection::StrongBox),
            "Maskinvaruskyddad nyckel, StrongBox"
        );
        assert_eq!(
            key_protection_label(Language::En, KeyProtection::NotAttested),
            "Key protection not verified"
        );
        for lang in [Language::Fi, Language::Sv, Language::En] {
            let labels: Vec<String> = [
                KeyProtection::StrongBox,
                KeyProtection::TrustedEnvironment,
                KeyProtection::AppAttest,
                KeyProtection::Software,
                KeyProtection::NotAttested,
                KeyProtection::Unknown,
            ]
            .into_iter()
            .map(|p| key_protection_label(lang, p))
            .collect();
            // A missing message would show its id; each label is its own.
            assert!(
                labels.iter().all(|l| !l.starts_with("client-")),
                "{labels:?}"
            );
            let mut unique = labels.clone();
            unique.sort();
            unique.dedup();
            assert_eq!(unique.len(), labels.len());
        }
    }

    #[test]
    fn the_banks_verdict_reaches_the_list_with_its_label() {
        let wire = api::TrustedDevice {
            profile_id: "p1".into(),
            device_id: "d1".into(),
            profile_name: "Anna".into(),
            model: "Pixel 9".into(),
            platform: "android".into(),
            os_version: "15".into(),
            app_version: "1.0".into(),
            state: ProfileState::Active,
            biometric: None,
            registered_at: OffsetDateTime::UNIX_EPOCH,
            last_used_at: None,
            this_device: true,
            key_protection: Some(KeyProtection::TrustedEnvironment),
        };
        let device = TrustedDevice::from_wire(Language::En, wire);
        assert_eq!(
            device.key_protection,
            Some(KeyProtection::TrustedEnvironment)
        );
        assert_eq!(
            device.key_protection_label.as_deref(),
            Some("Hardware-backed key, trusted execution environment (TEE)")
        );
    }
}
