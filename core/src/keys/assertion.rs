//! An approval's proof: two signatures over the same canonical bytes.

use serde::{Deserialize, Serialize};

use super::{BiometricKey, DeviceKey, KeyError, PinKey};
use super::{verify_biometric_signature, verify_device_signature, verify_pin_signature};
use crate::signed_bytes::{Purpose, SignedBytes};

/// The second factor used next to possession.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SecondFactor {
    /// Knowledge: K_pin.
    Pin,
    /// Inherence: K_bio.
    Biometric,
}

/// Two signatures over one set of signed bytes, as sent to the server (signatures are
/// public values; hex in JSON).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assertion {
    /// What the bytes were built for.
    pub purpose: Purpose,
    /// K_dev's ECDSA signature, ASN.1 DER.
    #[serde(with = "avain_protocol::hex_bytes")]
    pub device_signature: Vec<u8>,
    /// Which second factor signed.
    pub factor: SecondFactor,
    /// K_pin's Ed25519 signature (64 bytes) or K_bio's ECDSA signature (DER).
    #[serde(with = "avain_protocol::hex_bytes")]
    pub factor_signature: Vec<u8>,
}

impl Assertion {
    /// Whether both signatures are right for `bytes` under the given public keys (what the
    /// server checks; `factor_public_key` is K_pin's or K_bio's, per [`Assertion::factor`]).
    pub fn verify(
        &self,
        bytes: &SignedBytes,
        device_public_key: &[u8],
        factor_public_key: &[u8],
    ) -> bool {
        let message = bytes.as_bytes();
        let factor_ok = match self.factor {
            SecondFactor::Pin => {
                verify_pin_signature(factor_public_key, message, &self.factor_signature)
            }
            SecondFactor::Biometric => {
                verify_biometric_signature(factor_public_key, message, &self.factor_signature)
            }
        };
        // Both are checked, always, so timing does not say which factor failed.
        let device_ok = verify_device_signature(device_public_key, message, &self.device_signature);
        self.purpose == bytes.purpose() && factor_ok & device_ok
    }
}

/// Signs `bytes` with K_dev and K_pin (possession + knowledge).
pub fn sign_with_pin(
    bytes: &SignedBytes,
    device: &dyn DeviceKey,
    pin: &PinKey,
) -> Result<Assertion, KeyError> {
    let factor_signature = pin.sign(bytes.as_bytes())?.to_vec();
    let device_signature = device.sign(bytes.as_bytes())?;
    Ok(Assertion {
        purpose: bytes.purpose(),
        device_signature,
        factor: SecondFactor::Pin,
        factor_signature,
    })
}

/// Signs `bytes` with K_bio (after the biometric prompt showing `prompt`) and K_dev
/// (possession + inherence). The prompt comes first: a refusal signs nothing.
pub fn sign_with_biometrics(
    bytes: &SignedBytes,
    device: &dyn DeviceKey,
    biometric: &dyn BiometricKey,
    prompt: &str,
) -> Result<Assertion, KeyError> {
    let factor_signature = biometric.sign(prompt, bytes.as_bytes())?;
    let device_signature = device.sign(bytes.as_bytes())?;
    Ok(Assertion {
        purpose: bytes.purpose(),
        device_signature,
        factor: SecondFactor::Biometric,
        factor_signature,
    })
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::keys::{
        BiometricKeyFactory, DeviceKeyFactory, PinKdfParams, PromptResponse, SimulatedSensor,
        SoftwareBiometrics, SoftwareDeviceKeys,
    };
    use crate::pin::Pin;
    use crate::secrets::{MemorySecretStore, SecretBytes};
    use crate::signed_bytes::{Approval, ChallengeContext, LoginChannel, encode};

    fn login_bytes(counter: u64) -> SignedBytes {
        let context = ChallengeContext {
            nonce: vec![1; 32],
            profile_id: "prof-1".into(),
            device_id: "dev-1".into(),
            counter,
        };
        let approval = Approval::Login {
            channel: LoginChannel::App,
            shown_text: "Kirjaudu".into(),
        };
        encode(&context, &approval).unwrap()
    }

    fn pin_key(pin: &str) -> PinKey {
        let params = PinKdfParams::new(&[3; 16], 1000).unwrap();
        PinKey::derive(
            &Pin::new(pin.into()),
            &params,
            &SecretBytes::copy_from(&[5; 32]),
            "local-1",
        )
        .unwrap()
    }

    #[test]
    fn a_pin_assertion_verifies_only_for_its_bytes_and_keys() {
        let secrets = Arc::new(MemorySecretStore::new());
        let device = SoftwareDeviceKeys::new(secrets).create("local-1").unwrap();
        let pin = pin_key("2580");
        let bytes = login_bytes(1);
        let assertion = sign_with_pin(&bytes, &*device, &pin).unwrap();
        let dev_pub = device.public_key().unwrap();
        assert!(assertion.verify(&bytes, &dev_pub, &pin.public_key()));
        assert!(!assertion.verify(&login_bytes(2), &dev_pub, &pin.public_key()));
        assert!(!assertion.verify(&bytes, &dev_pub, &pin_key("2581").public_key()));
        let json = serde_json::to_string(&assertion).unwrap();
        let back: Assertion = serde_json::from_str(&json).unwrap();
        assert_eq!(back, assertion);
    }

    #[test]
    fn a_biometric_assertion_needs_the_prompt() {
        let secrets = Arc::new(MemorySecretStore::new());
        let sensor = Arc::new(SimulatedSensor::new());
        let device = SoftwareDeviceKeys::new(secrets.clone())
            .create("local-1")
            .unwrap();
        let bio = SoftwareBiometrics::new(secrets, sensor.clone())
            .create("local-1")
            .unwrap();
        let bytes = login_bytes(1);
        let assertion = sign_with_biometrics(&bytes, &*device, &*bio, "Kirjaudu").unwrap();
        assert_eq!(assertion.factor, SecondFactor::Biometric);
        assert!(assertion.verify(
            &bytes,
            &device.public_key().unwrap(),
            &bio.public_key().unwrap()
        ));
        sensor.respond_next(PromptResponse::Refuse);
        assert_eq!(
            sign_with_biometrics(&bytes, &*device, &*bio, "Kirjaudu").unwrap_err(),
            KeyError::BiometricRefused
        );
    }
}
