//! Answering one of the bank's challenges: check that the bank signed it and that it is
//! for this profile, device and purpose; apply the OS gate; build the canonical bytes;
//! sign with K_dev and K_pin (or K_bio); keep the receipt before the answer leaves.
//!
//! The receipt is written (one synced transaction) while K_pin is being derived, so it is
//! on disk before the bank can answer and costs nothing on the way to the answer: an app
//! killed at any moment after the bank accepted has it. [`Inner::answer`] sends the signed
//! answer and settles it: kept when the bank accepted, and when the outcome is not known
//! (no answer in time, an answer cut off, a 5xx: the bank may have accepted); removed when
//! the bank refused or the request never left (docs/device-security.md, "Receipts").

use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use super::screen_lock::Guarded;
use super::{AvainError, Inner, blocking};
use crate::api::{self, Base64Bytes, Challenge, Factor};
use crate::error::AvainErrorCode;
use crate::keys::{KeyError, PinKdfParams, PinKey, SecondFactor};
use crate::lifecycle::{BiometricEvent, ProfileState};
use crate::net::NetError;
use crate::pin::Pin;
use crate::signed_bytes::{self, Approval, ChallengeContext};
use crate::store::{NewReceipt, Profile};

/// How the customer approves: the PIN, or biometrics (the platform shows the prompt).
#[derive(Clone)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum ApprovalFactor {
    /// Knowledge: the PIN typed now.
    Pin {
        /// The PIN (never stored, never logged).
        pin: String,
    },
    /// Inherence: the biometric key, released by the platform's prompt.
    Biometric,
}

impl std::fmt::Debug for ApprovalFactor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ApprovalFactor::Pin { .. } => f.write_str("Pin([redacted])"),
            ApprovalFactor::Biometric => f.write_str("Biometric"),
        }
    }
}

/// A signed answer, with the receipt already stored for it.
pub(crate) struct Signed {
    pub(crate) assertion: api::Assertion,
    pub(crate) receipt: StoredReceipt,
}

/// The receipt of an approval, stored before its answer is sent. Dropped before
/// [`Inner::answer`] sent it (a check failed, the app stopped waiting before anything
/// left), it is removed again: nothing was approved.
pub(crate) struct StoredReceipt {
    inner: Arc<Inner>,
    profile_id: String,
    /// `None` when the local database failed: the approval goes ahead without it.
    id: Option<String>,
    /// The answer went (or may have gone) to the bank: the receipt stays on drop.
    sent: AtomicBool,
    /// Removed already.
    removed: AtomicBool,
}

impl StoredReceipt {
    /// The receipt's id, unless the local database failed.
    pub(crate) fn id(&self) -> Option<String> {
        self.id.clone()
    }

    /// Removes the receipt: the bank did not accept the approval.
    fn remove(&self) {
        if self.removed.swap(true, Ordering::SeqCst) {
            return;
        }
        if let Some(id) = &self.id
            && let Err(e) = self.inner.store.remove_receipt(&self.profile_id, id)
        {
            tracing::warn!(target: "avain::client", code = e.code(), "receipt not removed");
        }
    }
}

impl Drop for StoredReceipt {
    fn drop(&mut self) {
        if !self.sent.load(Ordering::SeqCst) {
            self.remove();
        }
    }
}

/// Whether a failed answer's approval certainly did not take effect at the bank: it
/// refused it, or the request never left. No answer in time, an answer that does not
/// parse and a server error may follow a commit: the receipt stays for those.
fn certainly_not_accepted(error: &NetError) -> bool {
    match error {
        NetError::Bank { status, .. } => *status < 500,
        NetError::Configuration(_)
        | NetError::BadCertificate
        | NetError::UntrustedServer
        | NetError::Connect
        | NetError::Throttled { .. }
        | NetError::Cancelled => true,
        NetError::Timeout | NetError::Protocol => false,
    }
}

/// The second factor ready to sign: K_pin already derived (a login derives it while the
/// challenge is on its way), or biometrics (the prompt shows the text being signed).
pub(crate) enum ReadyFactor {
    /// K_pin, derived from the PIN typed now.
    Pin(PinKey),
    /// K_bio, released by the platform's prompt when signing.
    Biometric,
}

impl Inner {
    /// Checks `challenge` and signs `approval` for it with `factor`.
    pub(crate) async fn sign(
        self: &Arc<Self>,
        profile: &Profile,
        challenge: &Challenge,
        approval: Approval,
        factor: ApprovalFactor,
    ) -> Result<Signed, AvainError> {
        let (factor, receipt) = match factor {
            ApprovalFactor::Pin { pin } => {
                // The receipt is written while K_pin is derived (on the blocking pool).
                let (factor, receipt) = tokio::try_join!(
                    self.pin_factor(profile, challenge, &approval, Pin::new(pin)),
                    async { self.store_receipt(profile, challenge, &approval, SecondFactor::Pin) }
                )?;
                (factor, receipt)
            }
            ApprovalFactor::Biometric => {
                self.check_challenge(profile, challenge, &approval)?;
                let receipt =
                    self.store_receipt(profile, challenge, &approval, SecondFactor::Biometric)?;
                (ReadyFactor::Biometric, receipt)
            }
        };
        self.sign_ready(profile, challenge, approval, factor, receipt)
            .await
    }

    /// Stores the receipt of answering `challenge` with `approval` (one synced
    /// transaction, which also marks the profile used), before the answer is sent. When
    /// the app has stopped waiting the answer will not be sent: nothing is written and the
    /// flow ends as cancelled ([`crate::net::still_waiting`]).
    pub(crate) fn store_receipt(
        self: &Arc<Self>,
        profile: &Profile,
        challenge: &Challenge,
        approval: &Approval,
        factor: SecondFactor,
    ) -> Result<StoredReceipt, AvainError> {
        crate::net::still_waiting().map_err(|e| self.bank_error(e))?;
        let receipt = NewReceipt {
            profile_id: profile.id.clone(),
            purpose: approval.purpose(),
            factor,
            shown_text: receipt_text(self.lang(), approval),
            server_device_id: Some(profile.server_device_id.clone()),
            approved_at: self.now(),
            approval_id: Some(challenge.challenge_id.clone()),
        };
        let id = match self.store.add_receipt(&receipt) {
            Ok(stored) => Some(stored.id),
            Err(e) => {
                // A missing receipt must not stop the approval.
                tracing::warn!(target: "avain::client", code = e.code(), "receipt not saved");
                None
            }
        };
        Ok(StoredReceipt {
            inner: Arc::clone(self),
            profile_id: profile.id.clone(),
            id,
            sent: AtomicBool::new(false),
            removed: AtomicBool::new(false),
        })
    }

    /// Sends the signed answer with `send` and settles its receipt: it stays when the
    /// bank accepted or may have accepted, and is removed when the bank refused or the
    /// request never left.
    pub(crate) async fn answer<T>(
        &self,
        signed: &Signed,
        send: impl Future<Output = Result<T, NetError>>,
    ) -> Result<T, NetError> {
        signed.receipt.sent.store(true, Ordering::SeqCst);
        let result = send.await;
        match &result {
            Ok(_) if signed.receipt.id.is_none() => {
                let _ = self
                    .store
                    .mark_profile_used(&signed.receipt.profile_id, self.now());
            }
            Ok(_) => {}
            Err(e) if certainly_not_accepted(e) => signed.receipt.remove(),
            Err(_) => {}
        }
        result
    }

    /// K_pin for answering `challenge` (checked first): derived with the parameters of
    /// the key the bank holds, which the challenge names (see [`Inner::pin_kdf_for`]).
    pub(crate) async fn pin_factor(
        self: &Arc<Self>,
        profile: &Profile,
        challenge: &Challenge,
        approval: &Approval,
        pin: Pin,
    ) -> Result<ReadyFactor, AvainError> {
        self.check_challenge(profile, challenge, approval)?;
        let params = self.pin_kdf_for(profile, challenge)?;
        Ok(ReadyFactor::Pin(
            self.derive_pin_key(profile, pin, params).await?,
        ))
    }

    /// The derivation parameters of the K_pin the bank verifies `challenge` with. When
    /// the challenge names the profile's pending PIN change as the current key, the bank
    /// committed it (its answer may have been lost): the new parameters are recorded now,
    /// in one store transaction, and used. Otherwise the profile's own parameters; a
    /// pending change the bank has not committed is kept, since its confirmation may
    /// still be on its way.
    pub(crate) fn pin_kdf_for(
        &self,
        profile: &Profile,
        challenge: &Challenge,
    ) -> Result<PinKdfParams, AvainError> {
        let lang = self.lang();
        if let Some(key_id) = challenge.pin_key_id.as_deref() {
            let pending = self
                .store
                .pending_pin_change(&profile.id)
                .map_err(|e| AvainError::from_store(lang, e))?;
            if let Some(pending) = pending.filter(|p| p.change_id == key_id) {
                self.store
                    .commit_pending_pin_change(&profile.id, key_id)
                    .map_err(|e| AvainError::from_store(lang, e))?;
                tracing::info!(target: "avain::client", profile = %profile.id, "PIN change committed by the bank");
                return Ok(pending.pin_kdf);
            }
        }
        Ok(self.profile(&profile.id)?.pin_kdf)
    }

    /// The bank's signature on `challenge`, and that it is for this profile, device and
    /// purpose; refused before any key is used.
    fn check_challenge(
        &self,
        profile: &Profile,
        challenge: &Challenge,
        approval: &Approval,
    ) -> Result<(), AvainError> {
        let lang = self.lang();
        if !challenge.verify_bank_signature(&self.bank.challenge_key) {
            tracing::warn!(target: "avain::client", "challenge signature refused");
            return Err(AvainError::Untrusted {
                code: AvainErrorCode::BankSignatureInvalid,
                user_message: crate::i18n::text(lang, "client-error-untrusted-server"),
            });
        }
        if challenge.profile_id != profile.server_profile_id
            || challenge.device_id != profile.server_device_id
            || challenge.purpose != approval.purpose()
        {
            return Err(AvainError::refused(lang, AvainErrorCode::ChallengeMismatch));
        }
        Ok(())
    }

    /// [`Inner::sign`] with the second factor ready.
    pub(crate) async fn sign_ready(
        self: &Arc<Self>,
        profile: &Profile,
        challenge: &Challenge,
        approval: Approval,
        factor: ReadyFactor,
        receipt: StoredReceipt,
    ) -> Result<Signed, AvainError> {
        let lang = self.lang();
        self.check_challenge(profile, challenge, &approval)?;
        // Nothing is signed on a phone whose screen lock is off (screen_lock.rs).
        self.require_screen_lock(Guarded::Approval)?;
        // The OS policy applies before every approval, not only at start-up.
        self.gate_before_approval()?;
        let context = challenge.context();
        let bytes = signed_bytes::encode(&context, &approval)
            .map_err(|_| AvainError::input(lang, AvainErrorCode::ApprovalInvalid))?;
        let (factor_kind, factor_signature) = match factor {
            ReadyFactor::Pin(key) => {
                let signature = key
                    .sign(bytes.as_bytes())
                    .map_err(|e| AvainError::from_keys(lang, e))?;
                (SecondFactor::Pin, signature.to_vec())
            }
            ReadyFactor::Biometric => {
                let signature = self
                    .sign_biometric(
                        profile,
                        bytes.as_bytes().to_vec(),
                        receipt_text(lang, &approval),
                    )
                    .await?;
                (SecondFactor::Biometric, signature)
            }
        };
        // K_dev lives in the platform's keystore (StrongBox, Secure Enclave): a foreign
        // call that blocks, so it runs on the blocking pool.
        let (inner, for_key, message) =
            (Arc::clone(self), profile.clone(), bytes.as_bytes().to_vec());
        let device_signature = blocking(lang, move || {
            inner
                .device_key(&for_key)?
                .sign(&message)
                .map_err(|e| AvainError::from_keys(lang, e))
        })
        .await??;
        // iOS: the app instance's App Attest assertion over the same bytes, where the
        // bank's policy asks for one (none when this phone cannot: the bank decides).
        let app_attest_assertion = if challenge.app_attest_assertion_requested {
            self.app_attest_assertion(profile, bytes.as_bytes().to_vec())
                .await?
        } else {
            None
        };
        self.note_answered(&profile.id, challenge.counter);
        Ok(Signed {
            assertion: api::Assertion {
                challenge_id: challenge.challenge_id.clone(),
                factor: match factor_kind {
                    SecondFactor::Pin => Factor::Pin,
                    SecondFactor::Biometric => Factor::Biometric,
                },
                device_signature: Base64Bytes(device_signature),
                factor_signature: Base64Bytes(factor_signature),
                shown_text: approval.shown_text().map(str::to_owned),
                app_attest_assertion,
            },
            receipt,
        })
    }

    /// The registration proof: both new keys sign the registration bytes (counter 0).
    pub(crate) fn registration_context(
        nonce: &[u8],
        server_profile_id: &str,
        server_device_id: &str,
    ) -> ChallengeContext {
        ChallengeContext {
            nonce: nonce.to_vec(),
            profile_id: server_profile_id.to_owned(),
            device_id: server_device_id.to_owned(),
            counter: 0,
        }
    }

    /// K_pin for `pin` with `params`, derived on the blocking pool (PBKDF2 takes tens of
    /// milliseconds).
    pub(crate) async fn derive_pin_key(
        self: &Arc<Self>,
        profile: &Profile,
        pin: Pin,
        params: PinKdfParams,
    ) -> Result<PinKey, AvainError> {
        let lang = self.lang();
        let inner = Arc::clone(self);
        let id = profile.id.clone();
        blocking(lang, move || {
            PinKey::derive_from_store(inner.parts.secrets.as_ref(), &pin, &params, &id)
        })
        .await?
        .map_err(|e| AvainError::from_keys(lang, e))
    }

    pub(crate) fn device_key(
        &self,
        profile: &Profile,
    ) -> Result<Arc<dyn crate::keys::DeviceKey>, AvainError> {
        let lang = self.lang();
        self.parts
            .device_keys
            .open(&profile.id)
            .map_err(|e| AvainError::from_keys(lang, e))?
            .ok_or_else(|| AvainError::from_keys(lang, KeyError::NotFound))
    }

    /// Signs with K_bio after the platform's prompt. When the platform reports that the
    /// biometric set changed, biometrics are switched off for the profile (with a notice)
    /// and its key deleted; the PIN keeps working.
    async fn sign_biometric(
        self: &Arc<Self>,
        profile: &Profile,
        message: Vec<u8>,
        prompt: String,
    ) -> Result<Vec<u8>, AvainError> {
        let lang = self.lang();
        if !profile.biometrics.is_enabled() || profile.state != ProfileState::Active {
            return Err(AvainError::BiometricsUnavailable {
                code: AvainErrorCode::BiometricsOff,
                user_message: crate::i18n::text(lang, "client-error-biometrics-off"),
            });
        }
        let (factory, id) = (Arc::clone(&self.parts.biometric_keys), profile.id.clone());
        let key = blocking(lang, move || factory.open(&id))
            .await?
            .map_err(|e| AvainError::from_keys(lang, e))?;
        let Some(key) = key else {
            self.invalidate_biometrics(profile)?;
            return Err(AvainError::from_keys(lang, KeyError::BiometricSetChanged));
        };
        let result = blocking(lang, move || key.sign(&prompt, &message)).await?;
        match result {
            Ok(signature) => Ok(signature),
            Err(KeyError::BiometricSetChanged) => {
                self.invalidate_biometrics(profile)?;
                let notice = self
                    .profile(&profile.id)
                    .ok()
                    .and_then(|p| p.biometrics.notice(lang));
                Err(AvainError::BiometricsUnavailable {
                    code: AvainErrorCode::KeyBiometricSetChanged,
                    user_message: notice
                        .unwrap_or_else(|| KeyError::BiometricSetChanged.message(lang)),
                })
            }
            Err(other) => Err(AvainError::from_keys(lang, other)),
        }
    }

    /// Biometrics off after the platform invalidated K_bio.
    pub(crate) fn invalidate_biometrics(&self, profile: &Profile) -> Result<(), AvainError> {
        let lang = self.lang();
        let next = profile
            .biometrics
            .apply(BiometricEvent::SetChanged, profile.state)
            .unwrap_or(profile.biometrics);
        tracing::info!(target: "avain::client", profile = %profile.id, "biometrics invalidated");
        // The old key is useless now; delete it so nothing tries it again.
        let _ = self.parts.biometric_keys.delete(&profile.id);
        self.store
            .set_biometrics(&profile.id, next)
            .map_err(|e| AvainError::from_store(lang, e))
    }
}

/// What a receipt says was approved: the text shown, or for approvals that show none, a
/// line naming what they did.
fn receipt_text(lang: crate::i18n::Language, approval: &Approval) -> String {
    approval
        .shown_text()
        .map(str::to_owned)
        .unwrap_or_else(|| receipt_description(lang, approval))
}

/// A receipt line for approvals that show no text of their own.
fn receipt_description(lang: crate::i18n::Language, approval: &Approval) -> String {
    let id = match approval {
        Approval::PinChange { .. } => "client-receipt-pin-change",
        Approval::BiometricRegistration { .. } => "client-receipt-biometrics",
        _ => "client-receipt-registration",
    };
    crate::i18n::text(lang, id)
}
