//! Key attestation for the Rust test phone ([`SoftwareDevice`]): its software keys get
//! their evidence from the sandbox's simulated platform services (the control routes
//! `/v1/sandbox/attestation/...`, under the test root), as the Kotlin and Swift doubles do
//! through the bindings control server. What the phone then sends is exactly what a real
//! phone sends: the chain or App Attest object at registration, the chain and nonce with a
//! biometric key, an App Attest assertion on an approval when the challenge asks.

use avain_protocol::api::sandbox_attestation::{
    AttestationLevel, AttestationPolicySettings, SimulatedAndroidKey, SimulatedAppAttestAssertion,
    SimulatedAppAttestCall, SimulatedAppAttestKey,
};
use avain_protocol::api::{
    Assertion, AttestationChallenge, Base64Bytes, BiometricKeyRequest, BiometricKind, Challenge,
    DeviceDescription, KeyAttestation, Secret,
};
use avain_protocol::attestation::{
    AttestedKeyRole, app_attest_client_data_hash, key_attestation_challenge,
};
use avain_protocol::signed_bytes::{self, Approval, ChallengeContext};

use crate::client::{BankClient, CallError, SoftwareDevice};

/// What a test phone's platform attests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeviceAttestation {
    /// Nothing: an old phone, an emulator, a script.
    None,
    /// Android Keystore attestation at this level.
    Android(AttestationLevel),
    /// App Attest (the phone reports platform `ios`).
    Apple,
}

impl SoftwareDevice {
    /// An Android phone whose Keystore attests its keys at `level`.
    pub fn attested_android(level: AttestationLevel) -> SoftwareDevice {
        let mut device = SoftwareDevice::new();
        device.attestation = DeviceAttestation::Android(level);
        device
    }

    /// An iPhone with App Attest.
    pub fn attested_iphone() -> SoftwareDevice {
        let mut device = SoftwareDevice::new();
        device.attestation = DeviceAttestation::Apple;
        device.description = DeviceDescription {
            platform: "ios".to_owned(),
            model: "iPhone 15".to_owned(),
            os_version: "17.4".to_owned(),
            ..device.description
        };
        device
    }
}

impl BankClient {
    /// Puts an attestation policy in force (control route).
    pub async fn set_attestation_policy(
        &self,
        policy: AttestationPolicySettings,
    ) -> Result<AttestationPolicySettings, CallError> {
        self.post("/v1/sandbox/attestation/policy", None, &policy)
            .await
    }

    /// The chain the simulated Keystore gives for `public_key` generated with `challenge`.
    pub async fn simulated_android_chain(
        &self,
        public_key: &[u8],
        challenge: &[u8],
        role: AttestedKeyRole,
        level: AttestationLevel,
    ) -> Result<KeyAttestation, CallError> {
        self.post(
            "/v1/sandbox/attestation/android",
            None,
            &SimulatedAndroidKey {
                public_key: Base64Bytes(public_key.to_vec()),
                challenge: Base64Bytes(challenge.to_vec()),
                role,
                security_level: level,
            },
        )
        .await
    }

    /// A new simulated App Attest key and its attestation object over `client_data_hash`.
    pub async fn simulated_app_attest(
        &self,
        client_data_hash: &[u8],
    ) -> Result<KeyAttestation, CallError> {
        let key: SimulatedAppAttestKey = self
            .post_empty("/v1/sandbox/attestation/apple/keys", None)
            .await?;
        self.post(
            "/v1/sandbox/attestation/apple/attest",
            None,
            &SimulatedAppAttestCall {
                key_id: key.key_id,
                client_data_hash: Base64Bytes(client_data_hash.to_vec()),
            },
        )
        .await
    }

    /// The evidence `device` sends with its registration, bound to `context` (the
    /// registration's nonce and ids) and `approval` (its keys and name), as its platform
    /// makes it; `None` for a device without attestation.
    pub async fn registration_evidence(
        &self,
        device: &mut SoftwareDevice,
        context: &ChallengeContext,
        approval: &Approval,
    ) -> Result<Option<KeyAttestation>, CallError> {
        match device.attestation {
            DeviceAttestation::None => Ok(None),
            DeviceAttestation::Android(level) => {
                let challenge = key_attestation_challenge(
                    AttestedKeyRole::Device,
                    &context.nonce,
                    &context.profile_id,
                    &context.device_id,
                );
                self.simulated_android_chain(
                    &device.device_public_key(),
                    &challenge,
                    AttestedKeyRole::Device,
                    level,
                )
                .await
                .map(Some)
            }
            DeviceAttestation::Apple => {
                let bytes = signed_bytes::encode(context, approval).map_err(|_| CallError {
                    status: 0,
                    body: None,
                })?;
                let evidence = self
                    .simulated_app_attest(&app_attest_client_data_hash(bytes.as_bytes()))
                    .await?;
                if let KeyAttestation::AppleAppAttest { key_id, .. } = &evidence {
                    device.app_attest_key_id = Some(key_id.0.clone());
                }
                Ok(Some(evidence))
            }
        }
    }

    /// Adds the App Attest assertion over the approval's signed bytes to `assertion` when
    /// `challenge` asks for one and the device has an App Attest key.
    pub async fn add_app_attest_assertion(
        &self,
        device: &SoftwareDevice,
        challenge: &Challenge,
        approval: &Approval,
        assertion: &mut Assertion,
    ) -> Result<(), CallError> {
        let Some(key_id) = device
            .app_attest_key_id
            .as_ref()
            .filter(|_| challenge.app_attest_assertion_requested)
        else {
            return Ok(());
        };
        let bytes =
            signed_bytes::encode(&challenge.context(), approval).map_err(|_| CallError {
                status: 0,
                body: None,
            })?;
        let answer: SimulatedAppAttestAssertion = self
            .post(
                "/v1/sandbox/attestation/apple/assert",
                None,
                &SimulatedAppAttestCall {
                    key_id: Base64Bytes(key_id.clone()),
                    client_data_hash: Base64Bytes(
                        app_attest_client_data_hash(bytes.as_bytes()).to_vec(),
                    ),
                },
            )
            .await?;
        assertion.app_attest_assertion = Some(answer.assertion);
        Ok(())
    }

    /// A biometric key request for K_bio (`public_key`) in the session `token`: for an
    /// Android device with attestation, the attestation challenge first and K_bio's chain
    /// as a biometric key; otherwise the key alone.
    pub async fn biometric_key_request(
        &self,
        device: &SoftwareDevice,
        token: &Secret,
        kind: BiometricKind,
        public_key: Vec<u8>,
    ) -> Result<BiometricKeyRequest, CallError> {
        let DeviceAttestation::Android(level) = device.attestation else {
            return Ok(BiometricKeyRequest {
                kind,
                public_key: Base64Bytes(public_key),
                attestation_nonce: None,
                attestation: None,
            });
        };
        let challenge: AttestationChallenge = self
            .post_empty(
                "/v1/biometric-keys/attestation-challenges",
                Some(token.expose()),
            )
            .await?;
        let binding = key_attestation_challenge(
            AttestedKeyRole::Biometric,
            challenge.nonce.as_slice(),
            &device.profile_id,
            &device.device_id,
        );
        let evidence = self
            .simulated_android_chain(&public_key, &binding, AttestedKeyRole::Biometric, level)
            .await?;
        Ok(BiometricKeyRequest {
            kind,
            public_key: Base64Bytes(public_key),
            attestation_nonce: Some(challenge.nonce),
            attestation: Some(evidence),
        })
    }
}
