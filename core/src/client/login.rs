//! Logging in with the PIN or biometrics (two round trips on a warm connection: the
//! challenge, then the signed answer), logging out, and the self-service unlock of a
//! user code locked by wrong PINs.

use std::sync::Arc;

use time::Duration;

use super::approval::ReadyFactor;
use super::screen_lock::Guarded;
use super::session::{ActiveSession, DEFAULT_IDLE_TIMEOUT};
use super::{ApprovalFactor, Avain, AvainError, Inner, ProfileInfo};
use crate::api::{
    ChallengeRequest, LoginRequest, Secret, Session, UserCodeUnlockFinish, UserCodeUnlockStart,
};
use crate::confirmation;
use crate::error::{AvainErrorCode, IntoAvainError};
use crate::hetu::Hetu;
use crate::keys::SecondFactor;
use crate::lifecycle::{LockReason, ProfileState};
use crate::pin::Pin;
use crate::signed_bytes::{Approval, LoginChannel};
use crate::store::Profile;

/// A successful login.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct LoginResult {
    /// The profile, now active.
    pub profile: ProfileInfo,
    /// The customer's name, for the greeting.
    pub customer_name: String,
    /// A warning of the OS gate to show (update the OS before the cut-off date).
    pub os_warning: Option<String>,
}

/// The self-service unlock started: the bank sent an SMS code and names a key-card code.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct UserCodeUnlockStarted {
    /// Pass to [`Avain::finish_user_code_unlock`].
    pub unlock_id: String,
    /// Which code of the key-code card to type.
    pub key_card_index: u32,
    /// Where the SMS went, masked.
    pub phone_hint: String,
}

/// The user code is open again.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct UserCodeUnlocked {
    /// Profiles the bank reactivated.
    pub profiles_unlocked: u32,
    /// When the password was reset: which key-card code is the temporary password.
    pub password_is_key_card_code: Option<u32>,
    /// What happens next, in the customer's language.
    pub message: String,
}

impl Inner {
    /// Asks for a login challenge and mirrors what the bank says about the profile.
    async fn login_challenge(
        self: &Arc<Self>,
        profile: &Profile,
    ) -> Result<crate::api::Challenge, AvainError> {
        let lang = self.lang();
        let request = ChallengeRequest {
            profile_id: profile.server_profile_id.clone(),
            device: self.device_state(),
            channel: LoginChannel::App,
        };
        match self.http.post("v1/challenges", &request, None).await {
            Ok(challenge) => Ok(challenge),
            Err(e) => {
                let error = AvainError::from_net(lang, e);
                self.mirror_refusal(profile, &error);
                Err(error)
            }
        }
    }

    /// Keeps the local profile state in step with a refusal from the bank.
    pub(crate) fn mirror_refusal(&self, profile: &Profile, error: &AvainError) {
        let state = match error {
            AvainError::Locked { code, .. } => Some(ProfileState::Locked {
                reason: match code {
                    AvainErrorCode::UserCodeLockedAtBank => LockReason::WrongKeyCardCodes,
                    AvainErrorCode::CodesBlocked => LockReason::ByBank,
                    AvainErrorCode::ProfileLockedByCustomer => LockReason::ByCustomer,
                    _ => LockReason::WrongPins,
                },
            }),
            AvainError::ProfileRemoved {
                code: AvainErrorCode::ProfileRevoked,
                ..
            } => Some(ProfileState::Revoked),
            _ => None,
        };
        if let Some(state) = state {
            let _ = self.set_state(profile, state);
        }
    }

    async fn login(
        self: &Arc<Self>,
        profile_id: &str,
        factor: ApprovalFactor,
    ) -> Result<LoginResult, AvainError> {
        let lang = self.lang();
        let profile = self.profile(profile_id)?;
        match profile.state {
            ProfileState::Revoked | ProfileState::Deleted => {
                return Err(AvainError::ProfileRemoved {
                    code: AvainErrorCode::ProfileRevoked,
                    user_message: crate::api::ErrorCode::ProfileRevoked.message(lang, None),
                });
            }
            ProfileState::Locked {
                reason: reason @ (LockReason::WrongKeyCardCodes | LockReason::ByBank),
            } => return Err(AvainError::locked(lang, reason)),
            _ => {}
        }
        // Before the session ends: without the lock the customer stays where they were.
        self.require_screen_lock(Guarded::Login)?;
        self.session.end();
        self.refresh_policy_if_stale().await;
        let os_warning = self.gate_before_approval()?;
        let approval = Approval::Login {
            channel: LoginChannel::App,
            shown_text: confirmation::login(lang, confirmation::LoginChannel::App),
        };
        let pending_pin_change = self
            .store
            .pending_pin_change(&profile.id)
            .map_err(|e| AvainError::from_store(lang, e))?;
        // Without a pending PIN change K_pin does not depend on the challenge: derive it
        // (PBKDF2, the bulk of a login's time) while the challenge request is on its way
        // and the receipt is written, so a login costs about the KDF plus one round trip
        // instead of both round trips and a synced write on top of it.
        let (for_challenge, for_receipt) = (&profile, &approval);
        let challenge_and_receipt = move |factor: SecondFactor| async move {
            let challenge = self.login_challenge(for_challenge).await?;
            let receipt = self.store_receipt(for_challenge, &challenge, for_receipt, factor)?;
            Ok::<_, AvainError>((challenge, receipt))
        };
        let ((challenge, receipt), factor) = match factor {
            ApprovalFactor::Pin { pin } if pending_pin_change.is_none() => {
                let (challenge, key) = tokio::try_join!(
                    challenge_and_receipt(SecondFactor::Pin),
                    self.derive_pin_key(&profile, Pin::new(pin), profile.pin_kdf)
                )?;
                (challenge, ReadyFactor::Pin(key))
            }
            // Which of the two PIN keys the bank holds is known only from the challenge.
            ApprovalFactor::Pin { pin } => {
                let (challenge, receipt) = challenge_and_receipt(SecondFactor::Pin).await?;
                let factor = self
                    .pin_factor(&profile, &challenge, &approval, Pin::new(pin))
                    .await?;
                ((challenge, receipt), factor)
            }
            ApprovalFactor::Biometric => (
                challenge_and_receipt(SecondFactor::Biometric).await?,
                ReadyFactor::Biometric,
            ),
        };
        // The bank issued a challenge, so the profile is usable (unlocked online, or
        // opened by a self-service unlock).
        if profile.state != ProfileState::Active {
            self.set_state(&profile, ProfileState::Active)?;
        }
        let profile = self.profile(profile_id)?;
        let signed = self
            .sign_ready(&profile, &challenge, approval, factor, receipt)
            .await?;
        let request = LoginRequest {
            assertion: signed.assertion.clone(),
        };
        let session: Session = match self
            .answer(&signed, self.http.post("v1/sessions", &request, None))
            .await
        {
            Ok(session) => session,
            Err(e) => {
                let error = AvainError::from_net(lang, e);
                self.mirror_refusal(&profile, &error);
                return Err(error);
            }
        };
        let idle = match session.idle_timeout_s {
            0 => DEFAULT_IDLE_TIMEOUT,
            s => Duration::seconds(i64::from(s)).min(DEFAULT_IDLE_TIMEOUT),
        };
        self.session.start(ActiveSession {
            profile_id: profile.id.clone(),
            token: session.token,
            idle_timeout: idle,
            last_activity: self.now(),
        });
        tracing::info!(target: "avain::client", profile = %profile.id, "logged in");
        Ok(LoginResult {
            profile: self.info(&self.profile(profile_id)?),
            customer_name: session.customer.name,
            os_warning,
        })
    }
}

impl Avain {
    /// Logs in with the PIN: two requests (challenge, signed answer). A wrong PIN is
    /// [`AvainError::WrongPin`] with the attempts left; the fifth in a row locks
    /// ([`AvainError::Locked`], with the self-service unlock as the next step).
    pub async fn login_with_pin(
        &self,
        profile_id: String,
        pin: String,
    ) -> Result<LoginResult, AvainError> {
        self.run(
            move |inner| async move { inner.login(&profile_id, ApprovalFactor::Pin { pin }).await },
        )
        .await
    }

    /// Logs in with biometrics (the platform's prompt). When the biometric set changed,
    /// biometrics are switched off with a notice and the PIN must be used.
    pub async fn login_with_biometrics(
        &self,
        profile_id: String,
    ) -> Result<LoginResult, AvainError> {
        self.run(
            move |inner| async move { inner.login(&profile_id, ApprovalFactor::Biometric).await },
        )
        .await
    }

    /// The profile logged in now, if the session is alive (5 minutes of inactivity end it).
    pub fn logged_in_profile(&self) -> Option<String> {
        self.inner.session.profile_id(self.inner.now())
    }

    /// Logs out: ends the session at the bank (best effort) and here.
    pub async fn logout(&self) -> Result<(), AvainError> {
        self.run(|inner| async move {
            if let Ok((token, _)) = inner.session() {
                let _ = inner
                    .http
                    .delete::<()>("v1/sessions/current", Some(token.expose()))
                    .await;
            }
            inner.session.end();
            Ok(())
        })
        .await
    }

    /// Self-service unlock, step 1: the personal identity code and the user id. The bank
    /// sends an SMS code and names a key-card code.
    pub async fn start_user_code_unlock(
        &self,
        user_id: String,
        hetu: String,
    ) -> Result<UserCodeUnlockStarted, AvainError> {
        let lang = self.language();
        let hetu = Hetu::parse(hetu.trim()).map_err(|e| e.into_avain_error(lang))?;
        let user_id = user_id.trim().to_owned();
        if user_id.is_empty() || user_id.len() > 64 {
            return Err(AvainError::input(lang, AvainErrorCode::UsernameInvalid));
        }
        let hetu = Secret::new(hetu.expose());
        self.run(move |inner| async move {
            let started: crate::api::UserCodeUnlockStarted = inner
                .http
                .post(
                    "v1/user-code-unlocks",
                    &UserCodeUnlockStart { hetu, user_id },
                    None,
                )
                .await
                .map_err(|e| AvainError::from_net(inner.lang(), e))?;
            Ok(UserCodeUnlockStarted {
                unlock_id: started.key_card.attempt_id,
                key_card_index: started.key_card.key_card_index,
                phone_hint: started.phone_hint,
            })
        })
        .await
    }

    /// Self-service unlock, step 2: the SMS code and the key-card code. Profiles locked by
    /// wrong PINs work again. Changes persisted state.
    pub async fn finish_user_code_unlock(
        &self,
        unlock_id: String,
        sms_code: String,
        key_card_code: String,
    ) -> Result<UserCodeUnlocked, AvainError> {
        let lang = self.language();
        let clean = |c: &str, what: AvainErrorCode| -> Result<String, AvainError> {
            let c: String = c.chars().filter(|c| !c.is_whitespace()).collect();
            if c.is_empty() || c.len() > 12 || !c.bytes().all(|b| b.is_ascii_digit()) {
                return Err(AvainError::input(lang, what));
            }
            Ok(c)
        };
        let sms = clean(&sms_code, AvainErrorCode::SmsCodeInvalid)?;
        let card = clean(&key_card_code, AvainErrorCode::KeyCardCodeInvalid)?;
        if unlock_id.is_empty() || unlock_id.len() > 64 || unlock_id.contains('/') {
            return Err(AvainError::input(lang, AvainErrorCode::WrongStep));
        }
        self.run(move |inner| async move {
            let lang = inner.lang();
            let done: crate::api::UserCodeUnlocked = inner
                .http
                .post(
                    &format!("v1/user-code-unlocks/{unlock_id}"),
                    &UserCodeUnlockFinish {
                        sms_code: Secret::new(sms),
                        key_card_code: Secret::new(card),
                    },
                    None,
                )
                .await
                .map_err(|e| AvainError::from_net(lang, e))?;
            // The bank reactivated the profiles it locked for wrong PINs.
            if let Ok(profiles) = inner.store.profiles() {
                for profile in profiles {
                    if profile.state
                        == (ProfileState::Locked {
                            reason: LockReason::WrongPins,
                        })
                    {
                        inner.set_state(&profile, ProfileState::Active)?;
                    }
                }
            }
            let message = match done.password_is_key_card_code {
                Some(n) => crate::i18n::text_with(
                    lang,
                    "client-unlock-done-password-reset",
                    &[("index", crate::i18n::Arg::from(n))],
                ),
                None => crate::i18n::text(lang, "client-unlock-done"),
            };
            Ok(UserCodeUnlocked {
                profiles_unlocked: done.profiles_unlocked,
                password_is_key_card_code: done.password_is_key_card_code,
                message,
            })
        })
        .await
    }
}
