//! A small reference client for the sandbox's own tests, the bench and other crates'
//! tests: software keys (ring) and the HTTP calls of each flow.
//!
//! It is not the app's client (that is the core's job): the PIN key here is simply
//! Ed25519 from SHA-256(salt, PIN), enough to make a wrong PIN give a wrong key, which is
//! all the bank can observe. The HTTPS client trusts only the sandbox's root certificate
//! (the core's `net::client_config`); verification is never switched off.

use avain_core::confirmation;
use avain_core::net::{Trust, client_config};
use avain_protocol::Language;
use avain_protocol::api::sandbox::Outbox;
use avain_protocol::api::{
    Assertion, Base64Bytes, Challenge, ChallengeRequest, CodeRequest, DeviceDescription,
    DeviceState, ErrorBody, ErrorCode, Factor, KeyAttestation, KeyCardChallenge, LoginChannel,
    LoginRequest, OnlineBankLoginStart, OnlineBankSession, RegisteredProfile, RegistrationComplete,
    RegistrationStart, RegistrationStarted, RegistrationVerified, Secret, Session,
};
use avain_protocol::api::{Payment, PaymentApproval, PaymentConfirm, PaymentKind};
use avain_protocol::signed_bytes::{self, Approval, ChallengeContext};
use reqwest::{Method, StatusCode};
use ring::rand::SystemRandom;
use ring::signature::{ECDSA_P256_SHA256_ASN1_SIGNING, EcdsaKeyPair, Ed25519KeyPair, KeyPair};
use serde::Serialize;
use serde::de::DeserializeOwned;

pub use crate::client_attestation::DeviceAttestation;
use crate::crypto;
use crate::seed::SeedCustomer;

/// The text the reference client shows for a login.
pub const LOGIN_TEXT: &str = "Kirjaudu Avain-mobiilipankkiin";

/// The confirmation text the core renders for a payment or an own-account transfer (in
/// Finnish), from the bank's record of it; empty when the record does not render.
pub fn payment_text(payment: &Payment) -> String {
    confirmation::of_record(Language::Fi, payment).unwrap_or_default()
}

/// The payment's fields as the signed bytes carry them, with `shown_text`: a payment's
/// payee, or an own-account transfer's two accounts.
pub fn payment_approval(payment: &Payment, shown_text: String) -> Approval {
    if payment.kind == PaymentKind::OwnTransfer {
        return Approval::OwnTransfer {
            amount_cents: u64::try_from(payment.amount.cents).unwrap_or(0),
            currency: payment.amount.currency.code().to_owned(),
            from_iban: payment
                .from_iban
                .as_ref()
                .map(|iban| iban.as_str().to_owned())
                .unwrap_or_default(),
            to_iban: payment.payee_iban.as_str().to_owned(),
            shown_text,
        };
    }
    Approval::Payment {
        amount_cents: u64::try_from(payment.amount.cents).unwrap_or(0),
        currency: payment.amount.currency.code().to_owned(),
        payee_iban: payment.payee_iban.as_str().to_owned(),
        payee_name: payment.payee_name.clone(),
        reference: payment.reference.clone().unwrap_or_default(),
        shown_text,
    }
}

/// The registration's context and approval fields for `device`'s keys: what it signs and
/// what its attestation binds to.
pub fn registration_fields(
    verified: &RegistrationVerified,
    device: &SoftwareDevice,
    pin: &str,
    profile_name: &str,
) -> (ChallengeContext, Approval) {
    let context = ChallengeContext {
        nonce: verified.nonce.0.clone(),
        profile_id: verified.profile_id.clone(),
        device_id: verified.device_id.clone(),
        counter: 0,
    };
    let approval = Approval::Registration {
        device_public_key: device.device_public_key(),
        pin_public_key: device.pin_key(pin).public_key().as_ref().to_vec(),
        profile_name: profile_name.to_owned(),
    };
    (context, approval)
}

/// A phone with its keys, in software.
pub struct SoftwareDevice {
    device_key: EcdsaKeyPair,
    pin_salt: [u8; 16],
    bio_key: Option<EcdsaKeyPair>,
    rng: SystemRandom,
    /// Filled in by registration.
    pub profile_id: String,
    /// Filled in by registration.
    pub device_id: String,
    /// What the device reports about itself.
    pub description: DeviceDescription,
    /// What the simulated platform attests about its keys at registration
    /// (`crate::client_attestation`).
    pub attestation: DeviceAttestation,
    /// iOS: the App Attest key id, once registration made one.
    pub app_attest_key_id: Option<Vec<u8>>,
}

impl std::fmt::Debug for SoftwareDevice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SoftwareDevice")
            .field("profile_id", &self.profile_id)
            .finish_non_exhaustive()
    }
}

impl Default for SoftwareDevice {
    fn default() -> Self {
        SoftwareDevice::new()
    }
}

impl SoftwareDevice {
    /// A new Android phone with a fresh K_dev.
    pub fn new() -> Self {
        let rng = SystemRandom::new();
        let device_key = new_p256(&rng);
        SoftwareDevice {
            device_key,
            pin_salt: crypto::random_bytes(),
            bio_key: None,
            rng,
            profile_id: String::new(),
            device_id: String::new(),
            description: DeviceDescription {
                platform: "android".to_owned(),
                model: "Pixel 8".to_owned(),
                os_version: "14".to_owned(),
                app_version: "1.0.0".to_owned(),
                push_token: Some(Secret::new("push-token-for-tests")),
            },
            attestation: DeviceAttestation::None,
            app_attest_key_id: None,
        }
    }

    /// The versions sent with each challenge request.
    pub fn state(&self) -> DeviceState {
        DeviceState {
            os_version: self.description.os_version.clone(),
            app_version: self.description.app_version.clone(),
        }
    }

    /// K_dev's public key.
    pub fn device_public_key(&self) -> Vec<u8> {
        self.device_key.public_key().as_ref().to_vec()
    }

    /// K_pin for `pin` (any PIN gives a key; only the right one matches the bank's).
    pub fn pin_key(&self, pin: &str) -> Ed25519KeyPair {
        let mut input = self.pin_salt.to_vec();
        input.extend_from_slice(pin.as_bytes());
        let seed = crypto::sha256(&input);
        #[allow(clippy::expect_used)]
        Ed25519KeyPair::from_seed_unchecked(&seed).expect("any 32 bytes are an Ed25519 seed")
    }

    /// Creates K_bio and returns its public key.
    pub fn enable_biometric(&mut self) -> Vec<u8> {
        let key = new_p256(&self.rng);
        let public = key.public_key().as_ref().to_vec();
        self.bio_key = Some(key);
        public
    }

    fn sign_p256(&self, key: &EcdsaKeyPair, bytes: &[u8]) -> Vec<u8> {
        #[allow(clippy::expect_used)]
        key.sign(&self.rng, bytes)
            .expect("ECDSA signing with the OS random source works")
            .as_ref()
            .to_vec()
    }

    /// Answers `challenge` for `approval`, with the PIN or (when `pin` is `None`) K_bio.
    pub fn answer(
        &self,
        challenge: &Challenge,
        approval: &Approval,
        pin: Option<&str>,
    ) -> Assertion {
        self.answer_with_context(&challenge.challenge_id, &challenge.context(), approval, pin)
    }

    /// Answers with an explicit context (for tests that tamper with it).
    pub fn answer_with_context(
        &self,
        challenge_id: &str,
        context: &ChallengeContext,
        approval: &Approval,
        pin: Option<&str>,
    ) -> Assertion {
        let bytes = signed_bytes::encode(context, approval)
            .map(|b| b.as_bytes().to_vec())
            .unwrap_or_default();
        let device_signature = self.sign_p256(&self.device_key, &bytes);
        let (factor, factor_signature) = match (pin, &self.bio_key) {
            (Some(pin), _) => (
                Factor::Pin,
                self.pin_key(pin).sign(&bytes).as_ref().to_vec(),
            ),
            (None, Some(bio)) => (Factor::Biometric, self.sign_p256(bio, &bytes)),
            (None, None) => (Factor::Biometric, Vec::new()),
        };
        Assertion {
            challenge_id: challenge_id.to_owned(),
            factor,
            device_signature: Base64Bytes(device_signature),
            factor_signature: Base64Bytes(factor_signature),
            shown_text: approval.shown_text().map(str::to_owned),
            app_attest_assertion: None,
        }
    }
}

fn new_p256(rng: &SystemRandom) -> EcdsaKeyPair {
    #[allow(clippy::expect_used)]
    let pkcs8 = EcdsaKeyPair::generate_pkcs8(&ECDSA_P256_SHA256_ASN1_SIGNING, rng)
        .expect("P-256 key generation with the OS random source works");
    #[allow(clippy::expect_used)]
    EcdsaKeyPair::from_pkcs8(&ECDSA_P256_SHA256_ASN1_SIGNING, pkcs8.as_ref(), rng)
        .expect("a freshly generated PKCS#8 key parses")
}

/// An error answer (or a transport failure, with status 0).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallError {
    /// HTTP status; 0 when no answer arrived.
    pub status: u16,
    /// The error body, when there was one.
    pub body: Option<ErrorBody>,
}

impl CallError {
    /// The error code, if the bank gave one.
    pub fn code(&self) -> Option<ErrorCode> {
        self.body.as_ref().map(|b| b.code)
    }
}

impl std::fmt::Display for CallError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.body {
            Some(body) => write!(f, "HTTP {}: {}", self.status, body.code),
            None => write!(f, "HTTP {}", self.status),
        }
    }
}

impl std::error::Error for CallError {}

/// An HTTPS client for one sandbox.
#[derive(Debug, Clone)]
pub struct BankClient {
    http: reqwest::Client,
    base: String,
}

impl BankClient {
    /// A client for the sandbox at `base_url` trusting only `root_der`.
    pub fn new(base_url: &str, root_der: &[u8]) -> Result<BankClient, String> {
        let config = client_config(&Trust::only_root(root_der.to_vec()))
            .map_err(|e| format!("TLS configuration: {e}"))?;
        let http = reqwest::Client::builder()
            .tls_backend_preconfigured(config)
            .https_only(true)
            .timeout(std::time::Duration::from_secs(30))
            .build()
            .map_err(|e| format!("HTTP client: {e}"))?;
        Ok(BankClient {
            http,
            base: base_url.trim_end_matches('/').to_owned(),
        })
    }

    /// A client for a running embedded sandbox.
    pub fn for_sandbox(sandbox: &crate::Sandbox) -> Result<BankClient, String> {
        BankClient::new(sandbox.url(), sandbox.root_certificate_der())
    }

    /// Sends a request and returns status and body bytes, whatever they are.
    pub async fn raw(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        content_type: Option<&str>,
        body: Vec<u8>,
    ) -> Result<(StatusCode, Vec<u8>), CallError> {
        let mut request = self.http.request(method, format!("{}{path}", self.base));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        if let Some(content_type) = content_type {
            request = request.header(reqwest::header::CONTENT_TYPE, content_type);
        }
        let response = request.body(body).send().await.map_err(|_| CallError {
            status: 0,
            body: None,
        })?;
        let status = response.status();
        let bytes = response.bytes().await.map_err(|_| CallError {
            status: status.as_u16(),
            body: None,
        })?;
        Ok((status, bytes.to_vec()))
    }

    /// Sends JSON (or nothing) and reads the JSON answer.
    pub async fn call<T: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Option<&(impl Serialize + ?Sized)>,
    ) -> Result<T, CallError> {
        let bytes = match body {
            Some(body) => serde_json::to_vec(body).map_err(|_| CallError {
                status: 0,
                body: None,
            })?,
            None => Vec::new(),
        };
        let content_type = body.is_some().then_some("application/json");
        let (status, bytes) = self.raw(method, path, token, content_type, bytes).await?;
        if status.is_success() {
            let bytes = if bytes.is_empty() {
                b"null".to_vec()
            } else {
                bytes
            };
            serde_json::from_slice(&bytes).map_err(|_| CallError {
                status: status.as_u16(),
                body: None,
            })
        } else {
            Err(CallError {
                status: status.as_u16(),
                body: serde_json::from_slice(&bytes).ok(),
            })
        }
    }

    /// `GET` a JSON resource.
    pub async fn get<T: DeserializeOwned>(
        &self,
        path: &str,
        token: Option<&str>,
    ) -> Result<T, CallError> {
        self.call(Method::GET, path, token, None::<&()>).await
    }

    /// `POST` JSON.
    pub async fn post<T: DeserializeOwned>(
        &self,
        path: &str,
        token: Option<&str>,
        body: &(impl Serialize + ?Sized),
    ) -> Result<T, CallError> {
        self.call(Method::POST, path, token, Some(body)).await
    }

    /// `POST` without a body (actions on a path).
    pub async fn post_empty<T: DeserializeOwned>(
        &self,
        path: &str,
        token: Option<&str>,
    ) -> Result<T, CallError> {
        self.call(Method::POST, path, token, None::<&()>).await
    }

    /// `DELETE`.
    pub async fn delete(&self, path: &str, token: Option<&str>) -> Result<(), CallError> {
        self.call::<serde_json::Value>(Method::DELETE, path, token, None::<&()>)
            .await
            .map(|_| ())
    }

    /// The newest code (6 digits) sent to `user_id` in an SMS of `kind`.
    pub async fn latest_sms_code(&self, user_id: &str, kind: &str) -> Option<String> {
        let outbox: Outbox = self
            .get(&format!("/v1/sandbox/outbox?user_id={user_id}"), None)
            .await
            .ok()?;
        let message = outbox.messages.iter().rev().find(|m| m.kind == kind)?;
        let text = message.text.as_ref()?.expose().to_owned();
        text.split(|c: char| !c.is_ascii_digit())
            .find(|run| run.len() == 6)
            .map(str::to_owned)
    }

    /// Registers `device` for `customer` with `pin`; the profile is pending afterwards.
    /// The device's platform attests its keys as `device.attestation` says.
    pub async fn register(
        &self,
        customer: &SeedCustomer,
        device: &mut SoftwareDevice,
        pin: &str,
        profile_name: &str,
    ) -> Result<RegisteredProfile, CallError> {
        let (id, verified) = self.registration_verified(customer).await?;
        let (context, approval) = registration_fields(&verified, device, pin, profile_name);
        let attestation = self
            .registration_evidence(device, &context, &approval)
            .await?;
        self.complete_registration(&id, &verified, device, pin, profile_name, attestation)
            .await
    }

    /// A registration through the password, key-card and SMS steps: its id and what the
    /// bank gave for the device's keys (nonce, profile and device ids).
    pub async fn registration_verified(
        &self,
        customer: &SeedCustomer,
    ) -> Result<(String, RegistrationVerified), CallError> {
        let started: RegistrationStarted = self
            .post(
                "/v1/registrations",
                None,
                &RegistrationStart {
                    username: customer.user_id.to_owned(),
                    password: Secret::new(customer.password),
                },
            )
            .await?;
        let id = started.registration_id;
        let _: serde_json::Value = self
            .post(
                &format!("/v1/registrations/{id}/key-card"),
                None,
                &CodeRequest {
                    code: Secret::new(customer.key_card_code(started.key_card_index)),
                },
            )
            .await?;
        let code = self
            .latest_sms_code(customer.user_id, "registration_sms_code")
            .await
            .unwrap_or_default();
        let verified: RegistrationVerified = self
            .post(
                &format!("/v1/registrations/{id}/sms"),
                None,
                &CodeRequest {
                    code: Secret::new(code),
                },
            )
            .await?;
        Ok((id, verified))
    }

    /// The registration's last step: the device's keys, signed, with `attestation` as
    /// given (tests that tamper with the evidence pass their own).
    pub async fn complete_registration(
        &self,
        id: &str,
        verified: &RegistrationVerified,
        device: &mut SoftwareDevice,
        pin: &str,
        profile_name: &str,
        attestation: Option<KeyAttestation>,
    ) -> Result<RegisteredProfile, CallError> {
        let (context, approval) = registration_fields(verified, device, pin, profile_name);
        let answer = device.answer_with_context("", &context, &approval, Some(pin));
        let registered: RegisteredProfile = self
            .post(
                &format!("/v1/registrations/{id}/complete"),
                None,
                &RegistrationComplete {
                    profile_name: profile_name.to_owned(),
                    device: device.description.clone(),
                    device_public_key: Base64Bytes(device.device_public_key()),
                    pin_public_key: Base64Bytes(device.pin_key(pin).public_key().as_ref().to_vec()),
                    device_signature: answer.device_signature,
                    pin_signature: answer.factor_signature,
                    attestation,
                },
            )
            .await?;
        device.profile_id.clone_from(&verified.profile_id);
        device.device_id.clone_from(&verified.device_id);
        Ok(registered)
    }

    /// Logs in to the online bank with password and key-card code.
    pub async fn online_bank_login(&self, customer: &SeedCustomer) -> Result<String, CallError> {
        self.online_bank_login_with(customer, customer.password)
            .await
    }

    /// Logs in to the online bank with a given password.
    pub async fn online_bank_login_with(
        &self,
        customer: &SeedCustomer,
        password: &str,
    ) -> Result<String, CallError> {
        let challenge: KeyCardChallenge = self
            .post(
                "/v1/online-bank/logins",
                None,
                &OnlineBankLoginStart {
                    username: customer.user_id.to_owned(),
                    password: Secret::new(password),
                },
            )
            .await?;
        let session: OnlineBankSession = self
            .post(
                &format!("/v1/online-bank/logins/{}", challenge.attempt_id),
                None,
                &CodeRequest {
                    code: Secret::new(customer.key_card_code(challenge.key_card_index)),
                },
            )
            .await?;
        Ok(session.token.expose().to_owned())
    }

    /// Registers and unlocks in the online bank: an active profile.
    pub async fn register_active(
        &self,
        customer: &SeedCustomer,
        device: &mut SoftwareDevice,
        pin: &str,
    ) -> Result<(), CallError> {
        self.register(customer, device, pin, "Puhelin").await?;
        let token = self.online_bank_login(customer).await?;
        let _: serde_json::Value = self
            .post_empty(
                &format!("/v1/online-bank/devices/{}/unlock", device.profile_id),
                Some(&token),
            )
            .await?;
        Ok(())
    }

    /// Asks for a login challenge.
    pub async fn login_challenge(&self, device: &SoftwareDevice) -> Result<Challenge, CallError> {
        self.post(
            "/v1/challenges",
            None,
            &ChallengeRequest {
                profile_id: device.profile_id.clone(),
                device: device.state(),
                channel: LoginChannel::App,
            },
        )
        .await
    }

    /// Answers a login challenge.
    pub async fn answer_login(
        &self,
        device: &SoftwareDevice,
        challenge: &Challenge,
        pin: Option<&str>,
    ) -> Result<Session, CallError> {
        let approval = Approval::Login {
            channel: LoginChannel::App,
            shown_text: LOGIN_TEXT.to_owned(),
        };
        let mut assertion = device.answer(challenge, &approval, pin);
        self.add_app_attest_assertion(device, challenge, &approval, &mut assertion)
            .await?;
        self.post("/v1/sessions", None, &LoginRequest { assertion })
            .await
    }

    /// A complete login: challenge, then assertion.
    pub async fn login(
        &self,
        device: &SoftwareDevice,
        pin: Option<&str>,
    ) -> Result<Session, CallError> {
        let challenge = self.login_challenge(device).await?;
        self.answer_login(device, &challenge, pin).await
    }

    /// Confirms a payment with the core's confirmation text, the PIN (or biometrics) and,
    /// for a new payee, the SMS code from the outbox.
    pub async fn confirm_payment(
        &self,
        token: &str,
        device: &SoftwareDevice,
        approval: &PaymentApproval,
        pin: Option<&str>,
        user_id: &str,
    ) -> Result<Payment, CallError> {
        let sms_code = if approval.sms_code_sent {
            self.latest_sms_code(user_id, "payment_sms_code")
                .await
                .map(Secret::new)
        } else {
            None
        };
        let fields = payment_approval(&approval.payment, payment_text(&approval.payment));
        let assertion = device.answer(&approval.challenge, &fields, pin);
        self.post(
            &format!("/v1/payments/{}/confirm", approval.payment.payment_id),
            Some(token),
            &PaymentConfirm {
                assertion,
                sms_code,
                shown_language: Language::Fi,
            },
        )
        .await
    }
}
