//! Changing the PIN: the new PIN passes the policy (and differs from the current one), a
//! new K_pin is derived with a fresh salt, and the change is signed with the old K_pin and
//! K_dev. Only after the bank confirmed does the device switch to the new derivation.

use std::sync::Arc;

use super::{ApprovalFactor, Avain, AvainError, PinRejection};
use crate::api::{Base64Bytes, PendingChange, PinChangeRequest, ProfileStatus};
use crate::keys::{PinKdfParams, PinKey};
use crate::pin::{Pin, PinContext, check_pin};
use crate::signed_bytes::Approval;

impl Avain {
    /// Changes the PIN of the logged-in profile. A new PIN the policy refuses is
    /// [`AvainError::PinRejected`]; a wrong current PIN counts as a failed approval.
    /// Changes persisted state.
    pub async fn change_pin(&self, current_pin: String, new_pin: String) -> Result<(), AvainError> {
        self.run(move |inner| async move {
            let lang = inner.lang();
            let current = Pin::new(current_pin);
            let new = Pin::new(new_pin);
            let reasons: Vec<PinRejection> = check_pin(
                &new,
                &PinContext {
                    birth_date: None,
                    current: Some(&current),
                },
            )
            .reasons()
            .iter()
            .map(|r| PinRejection {
                code: r.code().to_owned(),
                message: r.message(lang),
            })
            .collect();
            if !reasons.is_empty() {
                let message = reasons
                    .iter()
                    .map(|r| r.message.as_str())
                    .collect::<Vec<_>>()
                    .join(" ");
                return Err(AvainError::PinRejected { reasons, message });
            }
            let (token, profile_id) = inner.session()?;
            let profile = inner.profile(&profile_id)?;
            let kdf = PinKdfParams::generate(inner.rng.as_ref(), inner.pin_kdf_iterations)
                .map_err(|e| AvainError::from_keys(lang, e))?;
            let (i2, params, id) = (Arc::clone(&inner), kdf, profile.id.clone());
            let new_key = super::blocking(lang, move || {
                PinKey::derive_from_store(i2.parts.secrets.as_ref(), &new, &params, &id)
            })
            .await?
            .map_err(|e| AvainError::from_keys(lang, e))?;
            let new_public = new_key.public_key().to_vec();
            let pending: PendingChange = inner
                .http
                .post(
                    "v1/pin-changes",
                    &PinChangeRequest {
                        new_pin_public_key: Base64Bytes(new_public.clone()),
                    },
                    Some(token.expose()),
                )
                .await
                .map_err(|e| inner.bank_error(e))?;
            let approval = Approval::PinChange {
                new_pin_public_key: new_public,
            };
            let signed = inner
                .sign(
                    &profile,
                    &pending.challenge,
                    approval,
                    ApprovalFactor::Pin {
                        pin: current.expose().to_owned(),
                    },
                )
                .await?;
            let path = format!("v1/pin-changes/{}/confirm", pending.change_id);
            let result: Result<ProfileStatus, _> = inner
                .http
                .post(
                    &path,
                    &crate::api::ConfirmRequest {
                        assertion: signed.assertion.clone(),
                    },
                    Some(token.expose()),
                )
                .await;
            if let Err(e) = result {
                let error = inner.bank_error(e);
                inner.mirror_refusal(&profile, &error);
                return Err(error);
            }
            inner
                .store
                .set_pin_kdf(&profile.id, &kdf)
                .map_err(|e| AvainError::from_store(lang, e))?;
            inner.keep_receipt(&profile, &signed);
            tracing::info!(target: "avain::client", profile = %profile.id, "PIN changed");
            Ok(())
        })
        .await
    }
}
