//! The simulated platform attestation services (control routes only, docs/sandbox.md): the
//! test phones (the Rust `SoftwareDevice`, the Kotlin and Swift doubles) have software keys
//! and cannot get a vendor's attestation, so the sandbox plays Android Keystore's
//! attestation and `DCAppAttestService` for them, under its test root
//! (`avain_attest::testing::TestAuthority`). Only this sandbox trusts that root, and only
//! in test mode; a bank started without its control routes refuses everything made here
//! (`untrusted_root`).

use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};

use avain_attest::testing::{AndroidKeySpec, TestAppAttestKey, TestAuthority};
use avain_attest::{KeyRole, TrustAnchors};
use avain_protocol::api::sandbox_attestation::{
    AttestationPolicySettings, SimulatedAndroidKey, SimulatedAppAttestAssertion,
    SimulatedAppAttestCall, SimulatedAppAttestKey,
};
use avain_protocol::api::{Base64Bytes, ErrorCode, KeyAttestation};
use avain_protocol::app_link::APP_IDS;
use avain_protocol::attestation::AttestedKeyRole;
use axum::extract::State;

use super::{app_signer_digests, level};
use crate::crypto;
use crate::error::{ApiError, ApiResult};
use crate::extract::Json;
use crate::state::Shared;

/// The test authority and the simulated App Attest keys, by key id.
pub struct TestServices {
    authority: TestAuthority,
    apple_keys: Mutex<HashMap<Vec<u8>, AppleKey>>,
}

struct AppleKey {
    key: TestAppAttestKey,
    /// The counter of the last assertion made (0: none yet).
    counter: u32,
}

impl TestServices {
    /// A fresh test root with its two intermediates.
    pub fn new() -> Result<TestServices, String> {
        Ok(TestServices {
            authority: TestAuthority::new()
                .map_err(|e| format!("creating the attestation test root: {e}"))?,
            apple_keys: Mutex::new(HashMap::new()),
        })
    }

    /// The test root, as anchors.
    pub fn root(&self) -> TrustAnchors {
        self.authority.anchors()
    }

    /// The chain Android Keystore would give for the key `public_key` generated with
    /// `challenge`, for the bank app (its package and signer) on a locked device.
    pub fn android_chain(
        &self,
        public_key: &[u8],
        challenge: &[u8],
        role: AttestedKeyRole,
        level: avain_attest::SecurityLevel,
    ) -> ApiResult<Vec<Vec<u8>>> {
        if !crypto::is_valid_p256_public_key(public_key) || challenge.len() > 128 {
            return Err(ErrorCode::InvalidValue.into());
        }
        let mut spec = AndroidKeySpec::device_key(challenge, APP_IDS.android_package);
        spec.level = level;
        spec.role = match role {
            AttestedKeyRole::Device => KeyRole::Device,
            AttestedKeyRole::Biometric => KeyRole::Biometric,
        };
        if let Some(digest) = app_signer_digests().first() {
            spec.signer_digest = *digest;
        }
        self.authority
            .android_chain(public_key, &spec)
            .map_err(|e| ApiError::internal("making a test attestation chain", e))
    }

    /// `generateKey`: a new App Attest key; its id.
    pub fn apple_generate_key(&self) -> ApiResult<Vec<u8>> {
        let key = TestAppAttestKey::generate()
            .map_err(|e| ApiError::internal("making a test App Attest key", e))?;
        let key_id = key.key_id.clone();
        self.keys()
            .insert(key_id.clone(), AppleKey { key, counter: 0 });
        Ok(key_id)
    }

    /// `attestKey`: the attestation object of the key for the bank app, production.
    pub fn apple_attest(&self, key_id: &[u8], client_data_hash: &[u8]) -> ApiResult<Vec<u8>> {
        let keys = self.keys();
        let key = keys.get(key_id).ok_or(ApiError::new(ErrorCode::NotFound))?;
        self.authority
            .attest_apple_key(&key.key, APP_IDS.apple_app_id, client_data_hash, false)
            .map_err(|e| ApiError::internal("making a test App Attest object", e))
    }

    /// `generateAssertion`: an assertion by the key over `client_data_hash`, its counter
    /// one more than the last.
    pub fn apple_assert(&self, key_id: &[u8], client_data_hash: &[u8]) -> ApiResult<Vec<u8>> {
        let mut keys = self.keys();
        let key = keys
            .get_mut(key_id)
            .ok_or(ApiError::new(ErrorCode::NotFound))?;
        key.counter = key.counter.saturating_add(1);
        key.key
            .assertion(APP_IDS.apple_app_id, client_data_hash, key.counter)
            .map_err(|e| ApiError::internal("making a test App Attest assertion", e))
    }

    fn keys(&self) -> std::sync::MutexGuard<'_, HashMap<Vec<u8>, AppleKey>> {
        self.apple_keys
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }
}

fn services(state: &Shared) -> ApiResult<&TestServices> {
    state
        .attestation
        .test_services()
        .ok_or(ApiError::new(ErrorCode::NotFound))
}

/// `GET /v1/sandbox/attestation/policy`
pub async fn policy(State(state): State<Shared>) -> axum::Json<AttestationPolicySettings> {
    axum::Json(state.attestation.policy())
}

/// `POST /v1/sandbox/attestation/policy`: puts a policy in force (until the next one or a
/// restart).
pub async fn set_policy(
    State(state): State<Shared>,
    Json(body): Json<AttestationPolicySettings>,
) -> axum::Json<AttestationPolicySettings> {
    state.attestation.set_policy(body);
    axum::Json(state.attestation.policy())
}

/// `POST /v1/sandbox/attestation/android`: the key's certificate chain, as Keystore
/// returns it for a key generated with the challenge.
pub async fn android(
    State(state): State<Shared>,
    Json(body): Json<SimulatedAndroidKey>,
) -> ApiResult<axum::Json<KeyAttestation>> {
    let chain = services(&state)?.android_chain(
        body.public_key.as_slice(),
        body.challenge.as_slice(),
        body.role,
        level(body.security_level),
    )?;
    Ok(axum::Json(KeyAttestation::AndroidKeyAttestation {
        certificate_chain: chain.into_iter().map(Base64Bytes).collect(),
    }))
}

/// `POST /v1/sandbox/attestation/apple/keys`: `generateKey`.
pub async fn apple_key(
    State(state): State<Shared>,
) -> ApiResult<axum::Json<SimulatedAppAttestKey>> {
    let key_id = services(&state)?.apple_generate_key()?;
    Ok(axum::Json(SimulatedAppAttestKey {
        key_id: Base64Bytes(key_id),
    }))
}

/// `POST /v1/sandbox/attestation/apple/attest`: `attestKey`.
pub async fn apple_attest(
    State(state): State<Shared>,
    Json(body): Json<SimulatedAppAttestCall>,
) -> ApiResult<axum::Json<KeyAttestation>> {
    let object =
        services(&state)?.apple_attest(body.key_id.as_slice(), body.client_data_hash.as_slice())?;
    Ok(axum::Json(KeyAttestation::AppleAppAttest {
        key_id: body.key_id,
        attestation_object: Base64Bytes(object),
    }))
}

/// `POST /v1/sandbox/attestation/apple/assert`: `generateAssertion`.
pub async fn apple_assert(
    State(state): State<Shared>,
    Json(body): Json<SimulatedAppAttestCall>,
) -> ApiResult<axum::Json<SimulatedAppAttestAssertion>> {
    let assertion =
        services(&state)?.apple_assert(body.key_id.as_slice(), body.client_data_hash.as_slice())?;
    Ok(axum::Json(SimulatedAppAttestAssertion {
        assertion: Base64Bytes(assertion),
    }))
}
