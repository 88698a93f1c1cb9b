//! Changing the PIN, crash-safe in two phases. The new PIN passes the policy (and differs
//! from the current one, and is not the customer's birth date, which the bank sends with
//! the change), a new K_pin is derived with a fresh salt, and the change is signed with
//! the old K_pin and K_dev. Before the confirmation leaves, the new derivation parameters
//! are stored as the profile's pending PIN change, next to the current ones: whatever
//! happens next (the answer lost, the app killed), the phone can derive both keys, and
//! every later challenge names the key the bank holds (`pin_key_id`, the id of the change
//! that registered it), so the phone switches exactly when the bank did.

use std::sync::Arc;

use time::Date;

use super::{Avain, AvainError, Inner};
use crate::api::{Base64Bytes, ErrorCode, PendingChange, PinChangeRequest, ProfileStatus};
use crate::error::{AvainErrorCode, pin_rejections};
use crate::i18n::Language;
use crate::keys::{PinKdfParams, PinKey, SecondFactor};
use crate::net::NetError;
use crate::pin::{Pin, PinContext};
use crate::signed_bytes::Approval;
use crate::store::PendingPinChange;

/// The policy's verdict on `new` as the PIN replacing `current`.
fn check_new_pin(
    lang: Language,
    new: &Pin,
    current: &Pin,
    birth_date: Option<Date>,
) -> Result<(), AvainError> {
    let context = PinContext {
        birth_date,
        current: Some(current),
    };
    AvainError::unless_pin_rejected(pin_rejections(lang, new, &context))
}

impl Avain {
    /// Changes the PIN of the logged-in profile; the customer types the new PIN twice
    /// (`new_pin`, `new_pin_again`). A new PIN the policy refuses (the customer's birth
    /// date included) is [`AvainError::PinRejected`]; a repetition that differs is
    /// [`AvainError::InvalidInput`] with code `pin_mismatch`, and then nothing is derived
    /// or sent; a wrong current PIN counts as a failed approval. When the bank's answer
    /// is lost or the app dies midway, the next challenge tells which PIN the bank holds:
    /// the new one if it committed the change, else the old one. Changes persisted state.
    pub async fn change_pin(
        &self,
        current_pin: String,
        new_pin: String,
        new_pin_again: String,
    ) -> Result<(), AvainError> {
        let (current, new, again) = (
            Pin::new(current_pin),
            Pin::new(new_pin),
            Pin::new(new_pin_again),
        );
        // The rules the phone knows alone, before any work or request.
        let lang = self.language();
        check_new_pin(lang, &new, &current, None)?;
        if !new.matches(&again) {
            return Err(AvainError::input(lang, AvainErrorCode::PinMismatch));
        }
        drop(again);
        self.run(move |inner| async move { inner.change_pin(current, new).await })
            .await
    }
}

impl Inner {
    async fn change_pin(self: &Arc<Self>, current: Pin, new: Pin) -> Result<(), AvainError> {
        let lang = self.lang();
        let (token, profile_id) = self.session()?;
        let profile = self.profile(&profile_id)?;
        let kdf = PinKdfParams::generate(self.rng.as_ref(), self.pin_kdf_iterations)
            .map_err(|e| AvainError::from_keys(lang, e))?;
        let (inner, id, new_for_key) = (Arc::clone(self), profile.id.clone(), new.clone());
        let new_key = super::blocking(lang, move || {
            PinKey::derive_from_store(inner.parts.secrets.as_ref(), &new_for_key, &kdf, &id)
        })
        .await?
        .map_err(|e| AvainError::from_keys(lang, e))?;
        let new_public = new_key.public_key().to_vec();
        let pending: PendingChange = self
            .http
            .post(
                "v1/pin-changes",
                &PinChangeRequest {
                    new_pin_public_key: Base64Bytes(new_public.clone()),
                },
                Some(token.expose()),
            )
            .await
            .map_err(|e| self.bank_error(e))?;
        check_new_pin(lang, &new, &current, pending.birth_date)?;
        // The bank's answer to the start needs nothing stored here; when the app stopped
        // waiting, the confirmation would not be sent, so nothing is derived, stored or
        // signed for it.
        crate::net::still_waiting().map_err(|e| self.bank_error(e))?;
        let approval = Approval::PinChange {
            new_pin_public_key: new_public,
        };
        // Settles an earlier change the bank committed before this one replaces it.
        let factor = self
            .pin_factor(&profile, &pending.challenge, &approval, current)
            .await?;
        self.store
            .save_pending_pin_change(
                &profile.id,
                &PendingPinChange {
                    change_id: pending.change_id.clone(),
                    pin_kdf: kdf,
                },
            )
            .map_err(|e| AvainError::from_store(lang, e))?;
        let receipt =
            self.store_receipt(&profile, &pending.challenge, &approval, SecondFactor::Pin)?;
        let signed = self
            .sign_ready(&profile, &pending.challenge, approval, factor, receipt)
            .await?;
        let path = format!("v1/pin-changes/{}/confirm", pending.change_id);
        let body = crate::api::ConfirmRequest {
            assertion: signed.assertion.clone(),
        };
        let result: Result<ProfileStatus, _> = self
            .answer(&signed, self.http.post(&path, &body, Some(token.expose())))
            .await;
        if let Err(e) = result {
            // A wrong current PIN or a lock: the bank checked this answer and committed
            // nothing, and the challenge is spent. After any other failure (no answer, a
            // refusal that may follow a commit) the pending change stays for the next
            // challenge to settle.
            let spent = match &e {
                NetError::Bank { code, .. } => {
                    matches!(
                        code,
                        ErrorCode::SignatureInvalid
                            | ErrorCode::ProfileLocked
                            | ErrorCode::ProfileLockedByCustomer
                    )
                }
                _ => false,
            };
            if spent {
                self.store
                    .discard_pending_pin_change(&profile.id, &pending.change_id)
                    .map_err(|e| AvainError::from_store(lang, e))?;
            }
            let error = self.bank_error(e);
            self.mirror_refusal(&profile, &error);
            return Err(error);
        }
        self.store
            .commit_pending_pin_change(&profile.id, &pending.change_id)
            .map_err(|e| AvainError::from_store(lang, e))?;
        tracing::info!(target: "avain::client", profile = %profile.id, "PIN changed");
        Ok(())
    }
}
