//! The phone's keys used without the core's flows: what malware holding the keys and the
//! PIN could send, to show that the bank itself refuses a tampered or replayed approval
//! (the core never builds such requests). Also: restarting the app, and the bank's clock.

use std::sync::Arc;

use avain_core::Language;
use avain_core::api::sandbox::{ClockChange, ClockState};
use avain_core::api::{
    Assertion, Base64Bytes, Challenge, ChallengeRequest, DeviceState, Factor, LoginRequest, Session,
};
use avain_core::client::{Avain, AvainConfig, PlatformParts};
use avain_core::confirmation;
use avain_core::keys::{
    DeviceKey, DeviceKeyFactory, PinKey, SoftwareBiometrics, SoftwareDeviceKeys,
};
use avain_core::pin::Pin;
use avain_core::random::SystemRandomness;
use avain_core::signed_bytes::{self, Approval, LoginChannel};
use avain_core::store::{Profile, Store};
use avain_sandbox::client::{BankClient, CallError};

use crate::{Failure, Harness, bank_config, test_config, test_device};

/// One profile's keys, signing whatever it is given, and its own session at the bank.
pub struct RawPhone {
    /// The bank, as a plain HTTPS client.
    pub client: BankClient,
    /// The profile as the phone stored it (the bank's ids, the PIN's KDF parameters).
    pub profile: Profile,
    device_key: Arc<dyn DeviceKey>,
    pin_key: PinKey,
    /// The session token of [`RawPhone::log_in`].
    pub token: Option<String>,
}

impl std::fmt::Debug for RawPhone {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RawPhone")
            .field("profile", &self.profile.id)
            .finish_non_exhaustive()
    }
}

impl RawPhone {
    /// Signs `approval` for `challenge` with K_dev and K_pin, as the core would, but without
    /// any of the core's checks.
    pub fn sign(&self, challenge: &Challenge, approval: &Approval) -> Result<Assertion, Failure> {
        let bytes = signed_bytes::encode(&challenge.context(), approval)
            .map_err(|e| format!("encode: {e:?}"))?;
        let factor = self
            .pin_key
            .sign(bytes.as_bytes())
            .map_err(|e| format!("pin sign: {}", e.code()))?;
        let device = self
            .device_key
            .sign(bytes.as_bytes())
            .map_err(|e| format!("device sign: {}", e.code()))?;
        Ok(Assertion {
            challenge_id: challenge.challenge_id.clone(),
            factor: Factor::Pin,
            device_signature: Base64Bytes(device),
            factor_signature: Base64Bytes(factor.to_vec()),
            shown_text: approval.shown_text().map(str::to_owned),
            app_attest_assertion: None,
        })
    }

    /// A login challenge (first round trip of a login).
    pub async fn login_challenge(&self) -> Result<Challenge, CallError> {
        let device = test_device();
        self.client
            .post(
                "/v1/challenges",
                None,
                &ChallengeRequest {
                    profile_id: self.profile.server_profile_id.clone(),
                    device: DeviceState {
                        os_version: device.os_version,
                        app_version: device.app_version,
                    },
                    channel: LoginChannel::App,
                },
            )
            .await
    }

    /// The signed answer to a login challenge, as sent to `POST /v1/sessions`.
    pub fn login_request(&self, challenge: &Challenge) -> Result<LoginRequest, Failure> {
        let approval = Approval::Login {
            channel: LoginChannel::App,
            shown_text: confirmation::login(Language::Fi, confirmation::LoginChannel::App),
        };
        Ok(LoginRequest {
            assertion: self.sign(challenge, &approval)?,
        })
    }

    /// Logs in (two round trips) and keeps the session token.
    pub async fn log_in(&mut self) -> Result<String, Failure> {
        let challenge = self
            .login_challenge()
            .await
            .map_err(|e| format!("challenge: {e:?}"))?;
        let request = self.login_request(&challenge)?;
        let session: Session = self
            .client
            .post("/v1/sessions", None, &request)
            .await
            .map_err(|e| format!("session: {e:?}"))?;
        let token = session.token.expose().to_owned();
        self.token = Some(token.clone());
        Ok(token)
    }
}

impl Harness {
    /// The keys of the phone's profile `profile_id` with `pin`, outside the core's flows.
    pub fn raw_phone(&self, profile_id: &str, pin: &str) -> Result<RawPhone, Failure> {
        let store = Store::open(
            self.data_dir(),
            self.secrets.as_ref(),
            Arc::new(SystemRandomness::new()),
        )
        .map_err(|e| format!("store: {}", e.code()))?;
        let profile = store
            .profile(profile_id)
            .map_err(|e| format!("profile: {}", e.code()))?;
        let device_key = SoftwareDeviceKeys::new(self.secrets.clone())
            .open(profile_id)
            .map_err(|e| format!("device key: {}", e.code()))?
            .ok_or("no device key")?;
        let pin_key = PinKey::derive_from_store(
            self.secrets.as_ref(),
            &Pin::new(pin.to_owned()),
            &profile.pin_kdf,
            profile_id,
        )
        .map_err(|e| format!("pin key: {}", e.code()))?;
        Ok(RawPhone {
            client: BankClient::for_sandbox(&self.bank)?,
            profile,
            device_key,
            pin_key,
            token: None,
        })
    }

    /// The app closed and opened again: a new core on the same data directory, keystore
    /// and clock (the session, in memory only, is gone). Replace `avain` with it.
    pub fn reopen(&self) -> Result<Arc<Avain>, Failure> {
        let parts = PlatformParts {
            secrets: self.secrets.clone(),
            device_keys: Arc::new(SoftwareDeviceKeys::new(self.secrets.clone())),
            biometric_keys: Arc::new(SoftwareBiometrics::new(
                self.secrets.clone(),
                self.sensor.clone(),
            )),
            app_attest: None,
            clock: self.clock.clone(),
        };
        Avain::open(
            AvainConfig {
                preferred_languages: vec!["fi-FI".to_owned()],
                ..test_config(self.data_dir(), bank_config(&self.bank)?, test_device())
            },
            parts,
        )
        .map_err(|e| format!("open: {}", e.code()))
    }

    /// Moves the bank's clock forward by `seconds` (challenges and codes expire by it).
    pub async fn advance_bank_clock(&self, seconds: i64) -> Result<ClockState, Failure> {
        self.browser
            .post(
                "/v1/sandbox/clock",
                None,
                &ClockChange {
                    advance_s: Some(seconds),
                    ..ClockChange::default()
                },
            )
            .await
            .map_err(|e| format!("clock: {e:?}"))
    }
}
