//! Registering the authenticator on this device, as a typed state machine:
//! password -> key-card code -> SMS code -> PIN (the policy's reasons) -> profile name ->
//! pending unlock in the online bank -> active (at the first login after the unlock).
//!
//! The profile is stored when the bank accepts the device; from then on it survives a
//! restart as [`ProfileState::PendingUnlock`]. Each method is allowed only in its step;
//! a wrong step is [`AvainError::InvalidInput`] with code `wrong_step`.

use std::sync::{Arc, Mutex};

use super::attestation::android_evidence;
use super::screen_lock::Guarded;
use super::{AvainError, Inner, ProfileInfo, run_on};
use crate::api::{
    Base64Bytes, CodeRequest, DeviceDescription, RegisteredProfile, RegistrationComplete,
    RegistrationStart, RegistrationStarted, RegistrationVerified, Secret, SmsCodeSent,
};
use crate::attestation::{AttestedKeyRole, key_attestation_challenge};
use crate::error::AvainErrorCode;
use crate::i18n::Language;
use crate::keys::{
    PinKdfParams, PinKey, create_device_secret, delete_profile_keys, load_device_secret,
    store_app_attest_key_id,
};
use crate::lifecycle::ProfileState;
use crate::pin::{Pin, PinContext};
use crate::random::random_id;
use crate::signed_bytes::{self, Approval};
use crate::store::NewProfile;

use crate::error::{PinRejection, pin_rejections};

/// Where a registration is, as the UI shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum RegistrationStep {
    /// Type the code number `key_card_index` of the paper key-code card.
    KeyCardCode {
        /// Which code (1-based).
        key_card_index: u32,
    },
    /// Type the SMS code sent to the masked number.
    SmsCode {
        /// "+358 40 *** **67".
        phone_hint: String,
    },
    /// Choose a PIN of 4-8 digits; `advice` says not to reuse the card PIN etc.
    ChoosePin {
        /// Advice lines in the customer's language.
        advice: Vec<String>,
    },
    /// Name the profile.
    ProfileName {
        /// A suggestion ("Anna Virtanen").
        suggestion: String,
    },
    /// Registered: unlock the profile in the online bank, then log in.
    PendingUnlock {
        /// The new profile.
        profile: ProfileInfo,
        /// What to do next, in the customer's language.
        instruction: String,
    },
}

enum State {
    KeyCard {
        id: String,
        index: u32,
    },
    Sms {
        id: String,
        phone_hint: String,
    },
    Pin {
        id: String,
        verified: RegistrationVerified,
        local_id: String,
    },
    Name {
        id: String,
        verified: RegistrationVerified,
        local_id: String,
        key: PinKey,
        kdf: PinKdfParams,
    },
    Done {
        profile: ProfileInfo,
    },
    /// A step is being sent to the bank.
    Busy,
}

/// One registration in progress. Get it from [`super::Avain::start_registration`].
pub struct Registration {
    inner: Arc<Inner>,
    runtime: tokio::runtime::Handle,
    /// Shared with the step in flight, whose flow records its outcome (see [`Step`]).
    state: Arc<Mutex<State>>,
}

/// A step in flight. Its flow ends it with the next state; if the flow fails, or is
/// stopped because the app stopped waiting before anything was sent, dropping it puts back
/// the state the step started from. Because it lives in the flow, a step whose request
/// went out runs on (docs/concurrency.md) and still records the bank's answer: the
/// registration is then where the bank has it, never stuck half-way.
struct Step {
    state: Arc<Mutex<State>>,
    back: Option<State>,
}

impl Step {
    fn new(state: &Arc<Mutex<State>>, back: State) -> Step {
        Step {
            state: Arc::clone(state),
            back: Some(back),
        }
    }

    /// The step is done: `next` is the registration's state.
    fn end(mut self, next: State) {
        self.back = None;
        put(&self.state, next);
    }
}

impl Drop for Step {
    fn drop(&mut self) {
        if let Some(back) = self.back.take() {
            put(&self.state, back);
        }
    }
}

fn put(state: &Mutex<State>, next: State) {
    *state.lock().unwrap_or_else(|e| e.into_inner()) = next;
}

impl std::fmt::Debug for Registration {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Registration").finish_non_exhaustive()
    }
}

impl super::Avain {
    /// Step 1: the online-bank user id and password. The bank answers which key-card code
    /// it wants. Refuses with `no_phone_number` or `sms_service_off` when registration
    /// is impossible for the customer.
    pub async fn start_registration(
        &self,
        username: String,
        password: String,
    ) -> Result<Arc<Registration>, AvainError> {
        let username = username.trim().to_owned();
        let lang = self.language();
        if username.is_empty() || username.len() > 64 {
            return Err(AvainError::input(lang, AvainErrorCode::UsernameInvalid));
        }
        if password.is_empty() || password.len() > 128 {
            return Err(AvainError::input(lang, AvainErrorCode::PasswordInvalid));
        }
        self.inner.require_screen_lock(Guarded::Registration)?;
        let started = self
            .run(move |inner| async move {
                let body = RegistrationStart {
                    username,
                    password: Secret::new(password),
                };
                inner
                    .http
                    .post::<_, RegistrationStarted>("v1/registrations", &body, None)
                    .await
                    .map_err(|e| AvainError::from_net(inner.lang(), e))
            })
            .await?;
        Ok(Arc::new(Registration {
            inner: Arc::clone(&self.inner),
            runtime: self.runtime.clone(),
            state: Arc::new(Mutex::new(State::KeyCard {
                id: started.registration_id,
                index: started.key_card_index,
            })),
        }))
    }
}

fn digits(code: &str, lang: Language, what: AvainErrorCode) -> Result<String, AvainError> {
    let code: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    if code.is_empty() || code.len() > 12 || !code.bytes().all(|b| b.is_ascii_digit()) {
        return Err(AvainError::input(lang, what));
    }
    Ok(code)
}

impl Registration {
    fn lang(&self) -> Language {
        self.inner.lang()
    }

    fn take(&self) -> State {
        std::mem::replace(
            &mut *self.state.lock().unwrap_or_else(|e| e.into_inner()),
            State::Busy,
        )
    }

    fn put(&self, state: State) {
        put(&self.state, state);
    }

    fn wrong_step(&self, state: State) -> AvainError {
        self.put(state);
        AvainError::input(self.lang(), AvainErrorCode::WrongStep)
    }

    /// The current step.
    pub fn step(&self) -> RegistrationStep {
        let lang = self.lang();
        match &*self.state.lock().unwrap_or_else(|e| e.into_inner()) {
            State::KeyCard { index, .. } => RegistrationStep::KeyCardCode {
                key_card_index: *index,
            },
            State::Sms { phone_hint, .. } => RegistrationStep::SmsCode {
                phone_hint: phone_hint.clone(),
            },
            State::Pin { .. } | State::Busy => RegistrationStep::ChoosePin {
                advice: crate::pin::advice(lang),
            },
            State::Name { verified, .. } => RegistrationStep::ProfileName {
                suggestion: verified.customer_name.clone(),
            },
            State::Done { profile } => RegistrationStep::PendingUnlock {
                profile: profile.clone(),
                instruction: crate::i18n::text(lang, "client-registration-unlock-online-bank"),
            },
        }
    }

    /// Step 2: the key-card code. A wrong code keeps this step (three wrong codes lock the
    /// user code at the bank).
    pub async fn submit_key_card_code(&self, code: String) -> Result<RegistrationStep, AvainError> {
        let code = digits(&code, self.lang(), AvainErrorCode::KeyCardCodeInvalid)?;
        let (id, index) = match self.take() {
            State::KeyCard { id, index } => (id, index),
            other => return Err(self.wrong_step(other)),
        };
        let path = format!("v1/registrations/{id}/key-card");
        let step = Step::new(
            &self.state,
            State::KeyCard {
                id: id.clone(),
                index,
            },
        );
        run_on(&self.inner, &self.runtime, move |inner| async move {
            let sent = inner
                .http
                .post::<_, SmsCodeSent>(
                    &path,
                    &CodeRequest {
                        code: Secret::new(code),
                    },
                    None,
                )
                .await
                .map_err(|e| AvainError::from_net(inner.lang(), e))?;
            step.end(State::Sms {
                id,
                phone_hint: sent.phone_hint,
            });
            Ok(())
        })
        .await?;
        Ok(self.step())
    }

    /// Step 3: the SMS code.
    pub async fn submit_sms_code(&self, code: String) -> Result<RegistrationStep, AvainError> {
        let code = digits(&code, self.lang(), AvainErrorCode::SmsCodeInvalid)?;
        let (id, phone_hint) = match self.take() {
            State::Sms { id, phone_hint } => (id, phone_hint),
            other => return Err(self.wrong_step(other)),
        };
        let path = format!("v1/registrations/{id}/sms");
        let step = Step::new(
            &self.state,
            State::Sms {
                id: id.clone(),
                phone_hint,
            },
        );
        run_on(&self.inner, &self.runtime, move |inner| async move {
            let verified = inner
                .http
                .post::<_, RegistrationVerified>(
                    &path,
                    &CodeRequest {
                        code: Secret::new(code),
                    },
                    None,
                )
                .await
                .map_err(|e| AvainError::from_net(inner.lang(), e))?;
            let local_id = random_id(inner.rng.as_ref())
                .map_err(|_| AvainError::internal(inner.lang(), AvainErrorCode::Randomness))?;
            step.end(State::Pin {
                id,
                verified,
                local_id,
            });
            Ok(())
        })
        .await?;
        Ok(self.step())
    }

    /// Checks a PIN against the policy (series, repeats, dates, the customer's birth date,
    /// popular PINs) without choosing it: every reason, in the customer's language.
    pub fn check_pin(&self, pin: String) -> Vec<PinRejection> {
        let birth_date = match &*self.state.lock().unwrap_or_else(|e| e.into_inner()) {
            State::Pin { verified, .. } | State::Name { verified, .. } => verified.birth_date,
            _ => None,
        };
        rejections(self.lang(), &Pin::new(pin), birth_date)
    }

    /// Step 4: the PIN and its repetition (the customer types it twice). A PIN the
    /// policy refuses is [`AvainError::PinRejected`] with every reason; a repetition that
    /// differs is [`AvainError::InvalidInput`] with code `pin_mismatch`. Either way the
    /// step stays and nothing is derived or sent. The PIN itself is never stored: K_pin
    /// is derived from it (with this device's secret) and kept only until the profile is
    /// named.
    pub async fn choose_pin(
        &self,
        pin: String,
        pin_again: String,
    ) -> Result<RegistrationStep, AvainError> {
        let lang = self.lang();
        let pin_again = Pin::new(pin_again);
        let (id, verified, local_id) = match self.take() {
            State::Pin {
                id,
                verified,
                local_id,
            } => (id, verified, local_id),
            other => return Err(self.wrong_step(other)),
        };
        let pin = Pin::new(pin);
        let reasons = rejections(lang, &pin, verified.birth_date);
        if let Err(rejected) = AvainError::unless_pin_rejected(reasons) {
            self.put(State::Pin {
                id,
                verified,
                local_id,
            });
            return Err(rejected);
        }
        if !pin.matches(&pin_again) {
            self.put(State::Pin {
                id,
                verified,
                local_id,
            });
            return Err(AvainError::input(lang, AvainErrorCode::PinMismatch));
        }
        drop(pin_again);
        let step = Step::new(
            &self.state,
            State::Pin {
                id: id.clone(),
                verified: verified.clone(),
                local_id: local_id.clone(),
            },
        );
        run_on(&self.inner, &self.runtime, move |inner| async move {
            let lang = inner.lang();
            let kdf = PinKdfParams::generate(inner.rng.as_ref(), inner.pin_kdf_iterations)
                .map_err(|e| AvainError::from_keys(lang, e))?;
            // The keystore (the device secret) and PBKDF2 both block: on the blocking pool,
            // so a caller that leaves meanwhile stops the flow before it records anything.
            let (store, id_for_key) = (Arc::clone(&inner), local_id.clone());
            let key = super::blocking(lang, move || {
                let secrets = store.parts.secrets.as_ref();
                create_device_secret(secrets, store.rng.as_ref(), &id_for_key)?;
                PinKey::derive_from_store(secrets, &pin, &kdf, &id_for_key)
            })
            .await?
            .map_err(|e| AvainError::from_keys(lang, e))?;
            step.end(State::Name {
                id,
                verified,
                local_id,
                key,
                kdf,
            });
            Ok(())
        })
        .await?;
        Ok(self.step())
    }

    /// Step 5: the profile's name (1-40 characters). Makes K_dev, proves possession of
    /// both keys to the bank, sends the platform's evidence for them when it has some
    /// (Android's chain for K_dev, iOS App Attest; docs/attestation.md) and stores the
    /// profile, pending the online-bank unlock. A bank whose attestation policy does not
    /// admit the phone refuses it: [`AvainError::DeviceNotSupported`] with
    /// `attestation_required` or `attestation_failed`, the keys made for it deleted.
    /// Changes persisted state.
    pub async fn finish(&self, profile_name: String) -> Result<RegistrationStep, AvainError> {
        let lang = self.lang();
        let name = profile_name.trim().to_owned();
        let chars = name.chars().count();
        if chars == 0 || chars > 40 || name.chars().any(char::is_control) {
            return Err(AvainError::input(lang, AvainErrorCode::ProfileNameInvalid));
        }
        let (id, verified, local_id, key, kdf) = match self.take() {
            State::Name {
                id,
                verified,
                local_id,
                key,
                kdf,
            } => (id, verified, local_id, key, kdf),
            other => return Err(self.wrong_step(other)),
        };
        // Without its key (cancelled, or refused by the bank, which deletes the attempt's
        // keys) the step goes back to choosing the PIN; a failure that leaves the key goes
        // back to naming.
        let step = Step::new(
            &self.state,
            State::Pin {
                id: id.clone(),
                verified: verified.clone(),
                local_id: local_id.clone(),
            },
        );
        run_on(&self.inner, &self.runtime, move |inner| async move {
            let key = Arc::new(key);
            match complete(&inner, &id, &verified, &local_id, &key, kdf, name).await {
                Ok(profile) => {
                    step.end(State::Done { profile });
                    Ok(())
                }
                Err(e) => {
                    // A bank that refused the device (an attestation it requires, say)
                    // had this attempt's keys deleted, with the device secret K_pin was
                    // derived from: the step goes back to choosing the PIN, which makes a
                    // new one. A failure that kept the secret asks for the name again.
                    let secret_kept =
                        load_device_secret(inner.parts.secrets.as_ref(), &local_id).is_ok();
                    if let (true, Ok(key)) = (secret_kept, Arc::try_unwrap(key)) {
                        step.end(State::Name {
                            id,
                            verified,
                            local_id,
                            key,
                            kdf,
                        });
                    }
                    Err(e)
                }
            }
        })
        .await?;
        Ok(self.step())
    }
}

fn rejections(lang: Language, pin: &Pin, birth_date: Option<time::Date>) -> Vec<PinRejection> {
    let context = PinContext {
        birth_date,
        current: None,
    };
    pin_rejections(lang, pin, &context)
}

async fn complete(
    inner: &Arc<Inner>,
    registration_id: &str,
    verified: &RegistrationVerified,
    local_id: &str,
    pin_key: &PinKey,
    kdf: PinKdfParams,
    name: String,
) -> Result<ProfileInfo, AvainError> {
    let lang = inner.lang();
    // The lock may have gone since the registration started: K_dev is not made without it.
    inner.require_screen_lock(Guarded::Registration)?;
    // K_dev is made and used in the platform's keystore: foreign calls that block, run on
    // the blocking pool.
    // From here the keys are deleted again if the bank does not take them, so a cancelled
    // call runs on to that point instead of stopping with a key made.
    crate::net::must_finish();
    // Android: K_dev is made with the attestation challenge bound to the bank's nonce,
    // this profile and device (avain_protocol::attestation), so its chain speaks for this
    // registration only.
    let challenge = key_attestation_challenge(
        AttestedKeyRole::Device,
        verified.nonce.as_slice(),
        &verified.profile_id,
        &verified.device_id,
    );
    let (factory, id) = (Arc::clone(&inner.parts.device_keys), local_id.to_owned());
    let (device_key, device_public_key, chain) = super::blocking(lang, move || {
        let created = factory.create(&id, Some(&challenge))?;
        let public_key = created.key.public_key()?;
        Ok((created.key, public_key, created.attestation_chain))
    })
    .await?
    .map_err(|e| AvainError::from_keys(lang, e))?;
    let pin_public_key = pin_key.public_key().to_vec();
    let approval = Approval::Registration {
        device_public_key: device_public_key.clone(),
        pin_public_key: pin_public_key.clone(),
        profile_name: name.clone(),
    };
    let context = Inner::registration_context(
        verified.nonce.as_slice(),
        &verified.profile_id,
        &verified.device_id,
    );
    let bytes = signed_bytes::encode(&context, &approval)
        .map_err(|_| AvainError::input(lang, AvainErrorCode::ProfileNameInvalid))?;
    let message = bytes.as_bytes().to_vec();
    let device_signature = super::blocking(lang, move || device_key.sign(&message))
        .await?
        .map_err(|e| AvainError::from_keys(lang, e))?;
    let pin_signature = pin_key
        .sign(bytes.as_bytes())
        .map_err(|e| AvainError::from_keys(lang, e))?;
    // The evidence: Android's chain for K_dev, or else (iOS) App Attest over these bytes,
    // which hold K_dev and K_pin. None is fine here: the bank's policy decides.
    let (attestation, app_attest_key_id) = match android_evidence(chain) {
        Some(evidence) => (Some(evidence), None),
        None => match inner
            .app_attest_registration(bytes.as_bytes().to_vec())
            .await?
        {
            Some(attested) => (Some(attested.evidence), Some(attested.key_id)),
            None => (None, None),
        },
    };
    let body = RegistrationComplete {
        profile_name: name.clone(),
        device: DeviceDescription {
            platform: inner.device.platform.code().to_owned(),
            model: inner.device.model.clone(),
            os_version: inner.device.os_version.clone(),
            app_version: inner.app_version().to_owned(),
            push_token: inner.push_token(),
        },
        device_public_key: Base64Bytes(device_public_key),
        pin_public_key: Base64Bytes(pin_public_key),
        device_signature: Base64Bytes(device_signature),
        pin_signature: Base64Bytes(pin_signature.to_vec()),
        attestation,
    };
    let path = format!("v1/registrations/{registration_id}/complete");
    let registered: RegisteredProfile = match inner.http.post(&path, &body, None).await {
        Ok(registered) => registered,
        Err(e) => {
            // The bank did not take the device: leave no keys behind.
            let _ = delete_profile_keys(
                inner.parts.secrets.as_ref(),
                inner.parts.device_keys.as_ref(),
                inner.parts.biometric_keys.as_ref(),
                local_id,
            );
            return Err(AvainError::from_net(lang, e));
        }
    };
    if let Some(key_id) = app_attest_key_id {
        // Without it this phone sends no App Attest assertions; the bank decides whether
        // that matters, so the registration stands.
        if let Err(e) = store_app_attest_key_id(inner.parts.secrets.as_ref(), local_id, &key_id) {
            tracing::warn!(target: "avain::client", reason = e.code(), "App Attest key id not kept");
        }
    }
    inner
        .store
        .create_profile(
            &NewProfile {
                id: local_id.to_owned(),
                name,
                server_profile_id: registered.profile_id,
                server_device_id: verified.device_id.clone(),
                customer_kind: verified.customer_kind,
                language: lang,
                pin_kdf: kdf,
            },
            inner.now(),
        )
        .map_err(|e| AvainError::from_store(lang, e))?;
    let profile = inner.profile(local_id)?;
    if registered.state != ProfileState::PendingUnlock {
        inner.set_state(&profile, registered.state)?;
    }
    tracing::info!(target: "avain::client", profile = %local_id, "registered, pending unlock");
    Ok(inner.info(&inner.profile(local_id)?))
}
