//! Biometrics for a profile: enabled only when the profile is active (K_bio registered at
//! the bank with a PIN approval), disabled at will, and switched off with a notice when
//! the platform reports that the biometric set changed.

use std::sync::Arc;

use super::attestation::android_evidence;
use super::screen_lock::{self, Guarded};
use super::{ApprovalFactor, Avain, AvainError};
use crate::api::{
    AttestationChallenge, Base64Bytes, BiometricKeyRequest, ConfirmRequest, ErrorCode,
    PendingChange, ProfileStatus,
};
use crate::attestation::{AttestedKeyRole, key_attestation_challenge};
use crate::error::IntoAvainError;
use crate::lifecycle::{BiometricEvent, BiometricKind, ProfileState};
use crate::net::NetError;
use crate::os_policy::Platform;
use crate::signed_bytes::Approval;

impl Avain {
    /// Enables biometrics for the logged-in profile, confirmed with the PIN. Refused
    /// unless the profile is active and the phone has enrolled biometrics. On Android
    /// K_bio is made with the bank's attestation challenge and its certificate chain goes
    /// with it (docs/attestation.md); the bank's policy decides whether a K_bio without
    /// evidence will do. Changes persisted state.
    pub async fn enable_biometrics(
        &self,
        kind: BiometricKind,
        pin: String,
    ) -> Result<(), AvainError> {
        self.run(move |inner| async move {
            let lang = inner.lang();
            let (token, profile_id) = inner.session()?;
            inner.require_screen_lock(Guarded::EnableBiometrics)?;
            let profile = inner.profile(&profile_id)?;
            let next = profile
                .biometrics
                .apply(BiometricEvent::Enable(kind), profile.state)
                .map_err(|e| e.into_avain_error(lang))?;
            if !inner.parts.biometric_keys.is_available() {
                return Err(AvainError::from_keys(
                    lang,
                    crate::keys::KeyError::BiometricUnavailable,
                ));
            }
            // Android: K_bio is made with the bank's fresh attestation challenge, so its
            // chain speaks for this key, profile and device (iOS vouches for K_bio with
            // the approval's App Attest assertion instead, when the bank asks).
            let nonce = if inner.device.platform == Platform::Android {
                let asked = inner
                    .http
                    .post_empty::<AttestationChallenge>(
                        "v1/biometric-keys/attestation-challenges",
                        Some(token.expose()),
                    )
                    .await;
                match asked {
                    Ok(challenge) => Some(challenge.nonce),
                    // A bank without the route (an older one) asks for no evidence.
                    Err(NetError::Bank {
                        code: ErrorCode::NotFound,
                        ..
                    }) => {
                        tracing::info!(target: "avain::client", "no attestation challenge from the bank");
                        None
                    }
                    Err(e) => return Err(inner.bank_error(e)),
                }
            } else {
                None
            };
            let attestation_challenge = nonce.as_ref().map(|nonce| {
                key_attestation_challenge(
                    AttestedKeyRole::Biometric,
                    nonce.as_slice(),
                    &profile.server_profile_id,
                    &profile.server_device_id,
                )
            });
            // From here K_bio exists and is deleted again unless the bank takes it, so a
            // cancelled call runs on to that point. Made in the platform's keystore: a
            // foreign call that blocks, on the blocking pool.
            crate::net::must_finish();
            let (factory, id) = (Arc::clone(&inner.parts.biometric_keys), profile.id.clone());
            let (public_key, chain) = super::blocking(lang, move || {
                let created = factory.create(&id, attestation_challenge.as_ref().map(|c| &c[..]))?;
                Ok((created.key.public_key()?, created.attestation_chain))
            })
            .await?
            .map_err(|e| AvainError::from_keys(lang, e))?;
            let attestation = android_evidence(chain);
            let result = async {
                let pending: PendingChange = inner
                    .http
                    .post(
                        "v1/biometric-keys",
                        &BiometricKeyRequest {
                            kind,
                            public_key: Base64Bytes(public_key.clone()),
                            // The nonce goes exactly with the evidence made with it.
                            attestation_nonce: attestation.as_ref().and(nonce),
                            attestation,
                        },
                        Some(token.expose()),
                    )
                    .await
                    .map_err(|e| inner.bank_error(e))?;
                let signed = inner
                    .sign(
                        &profile,
                        &pending.challenge,
                        Approval::BiometricRegistration {
                            biometric_public_key: public_key,
                        },
                        ApprovalFactor::Pin { pin },
                    )
                    .await?;
                let path = format!("v1/biometric-keys/{}/confirm", pending.change_id);
                let body = ConfirmRequest {
                    assertion: signed.assertion.clone(),
                };
                inner
                    .answer(
                        &signed,
                        inner
                            .http
                            .post::<_, ProfileStatus>(&path, &body, Some(token.expose())),
                    )
                    .await
                    .map_err(|e| {
                        let error = inner.bank_error(e);
                        inner.mirror_refusal(&profile, &error);
                        error
                    })?;
                Ok::<(), AvainError>(())
            }
            .await;
            if let Err(e) = result {
                let _ = inner.parts.biometric_keys.delete(&profile.id);
                return Err(e);
            }
            inner
                .store
                .set_biometrics(&profile.id, next)
                .map_err(|e| AvainError::from_store(lang, e))?;
            Ok(())
        })
        .await
    }

    /// Disables biometrics for the logged-in profile: the bank forgets K_bio and the
    /// platform deletes it. Changes persisted state.
    pub async fn disable_biometrics(&self) -> Result<(), AvainError> {
        self.run(|inner| async move {
            let lang = inner.lang();
            let (token, profile_id) = inner.session()?;
            let profile = inner.profile(&profile_id)?;
            inner
                .http
                .delete::<ProfileStatus>("v1/biometric-keys/current", Some(token.expose()))
                .await
                .map_err(|e| inner.bank_error(e))?;
            let _ = inner.parts.biometric_keys.delete(&profile.id);
            let next = profile
                .biometrics
                .apply(BiometricEvent::Disable, profile.state)
                .unwrap_or_default();
            inner
                .store
                .set_biometrics(&profile.id, next)
                .map_err(|e| AvainError::from_store(lang, e))
        })
        .await
    }

    /// Tells the core the customer saw the "biometrics were switched off" notice.
    /// Changes persisted state.
    pub async fn acknowledge_biometric_notice(&self, profile_id: &str) -> Result<(), AvainError> {
        let profile_id = profile_id.to_owned();
        self.local(move |inner| {
            let profile = inner.profile(&profile_id)?;
            if let Ok(next) = profile
                .biometrics
                .apply(BiometricEvent::NoticeShown, profile.state)
            {
                inner
                    .store
                    .set_biometrics(&profile_id, next)
                    .map_err(|e| AvainError::from_store(inner.lang(), e))?;
            }
            Ok(())
        })
        .await
    }

    /// Whether the enable-biometrics switch should be offered for `profile_id`: the
    /// profile is active, the phone has enrolled biometrics and a secure screen lock
    /// (switching them on needs it: [`super::screen_lock`]).
    pub async fn biometrics_offered(&self, profile_id: &str) -> Result<bool, AvainError> {
        let profile_id = profile_id.to_owned();
        self.local(move |inner| {
            let profile = inner.profile(&profile_id)?;
            Ok(profile.state == ProfileState::Active
                && inner.parts.biometric_keys.is_available()
                && screen_lock::allowed(
                    Guarded::EnableBiometrics,
                    inner.parts.device_keys.has_secure_lock_screen(),
                ))
        })
        .await
    }
}
