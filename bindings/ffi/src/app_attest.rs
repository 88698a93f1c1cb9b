//! iOS App Attest (`DCAppAttestService`): a foreign trait the iOS shell implements and
//! passes in [`crate::AvainSettings::app_attest`], and the adapter through which the core
//! uses it as its own [`avain_core::keys::AppAttest`]. Android passes none: its evidence
//! is the chain of [`crate::DeviceKeys::create`].
//!
//! The core decides when to call it (registration; approvals whose challenge asks for an
//! assertion), computes the client data hash and keeps the key id per profile in the
//! shell's [`crate::SecretStore`]; the shell only wraps Apple's three calls.

use std::sync::Arc;

use avain_core::keys::{AppAttest as CoreAppAttestTrait, AppAttestError};

use crate::error::PlatformError;

/// Apple's App Attest, implemented by the iOS shell. The core calls these from its own
/// threads, never the main thread: a shell may wait for Apple's completion handler.
///
/// A failure is never the customer's problem here: the core sends no evidence and the
/// bank's policy decides. Throw [`PlatformError::Failure`] with the `DCError` case as the
/// reason (`featureUnsupported`, `invalidKey`, `serverUnavailable`, ...), which is logged.
#[uniffi::export(with_foreign)]
pub trait AppAttest: Send + Sync {
    /// `DCAppAttestService.shared.isSupported` (false on the simulator).
    fn is_supported(&self) -> bool;

    /// `generateKey`: a new App Attest key; returns its key id as Apple gives it
    /// (base64 of 32 bytes).
    fn generate_key(&self) -> Result<String, PlatformError>;

    /// `attestKey(keyId, clientDataHash:)`: Apple's attestation object (CBOR).
    fn attest_key(
        &self,
        key_id: String,
        client_data_hash: Vec<u8>,
    ) -> Result<Vec<u8>, PlatformError>;

    /// `generateAssertion(keyId, clientDataHash:)`: an assertion (CBOR).
    fn generate_assertion(
        &self,
        key_id: String,
        client_data_hash: Vec<u8>,
    ) -> Result<Vec<u8>, PlatformError>;
}

/// The shell's [`AppAttest`] as the core's.
pub(crate) struct CoreAppAttest {
    platform: Arc<dyn AppAttest>,
}

impl CoreAppAttest {
    pub(crate) fn new(platform: Arc<dyn AppAttest>) -> CoreAppAttest {
        CoreAppAttest { platform }
    }
}

/// The platform's failure as the reason code the core logs.
fn reason(error: PlatformError) -> AppAttestError {
    AppAttestError::new(match error {
        PlatformError::Failure { reason } => reason,
        PlatformError::Cancelled => "cancelled".to_owned(),
        PlatformError::BiometricSetChanged => "biometric_set_changed".to_owned(),
        PlatformError::BiometricsNotAvailable => "biometrics_not_available".to_owned(),
        PlatformError::KeyNotFound => "key_not_found".to_owned(),
        PlatformError::Unavailable => "unavailable".to_owned(),
    })
}

impl CoreAppAttestTrait for CoreAppAttest {
    fn is_supported(&self) -> bool {
        self.platform.is_supported()
    }

    fn generate_key(&self) -> Result<String, AppAttestError> {
        self.platform.generate_key().map_err(reason)
    }

    fn attest_key(&self, key_id: &str, client_data_hash: &[u8]) -> Result<Vec<u8>, AppAttestError> {
        self.platform
            .attest_key(key_id.to_owned(), client_data_hash.to_vec())
            .map_err(reason)
    }

    fn generate_assertion(
        &self,
        key_id: &str,
        client_data_hash: &[u8],
    ) -> Result<Vec<u8>, AppAttestError> {
        self.platform
            .generate_assertion(key_id.to_owned(), client_data_hash.to_vec())
            .map_err(reason)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Unsupported;

    impl AppAttest for Unsupported {
        fn is_supported(&self) -> bool {
            false
        }
        fn generate_key(&self) -> Result<String, PlatformError> {
            Err(PlatformError::Failure {
                reason: "DCError.featureUnsupported".into(),
            })
        }
        fn attest_key(&self, _: String, _: Vec<u8>) -> Result<Vec<u8>, PlatformError> {
            Err(PlatformError::Unavailable)
        }
        fn generate_assertion(&self, _: String, _: Vec<u8>) -> Result<Vec<u8>, PlatformError> {
            Err(PlatformError::KeyNotFound)
        }
    }

    #[test]
    fn the_platforms_failures_reach_the_core_as_reason_codes() {
        let app_attest = CoreAppAttest::new(Arc::new(Unsupported));
        assert!(!app_attest.is_supported());
        assert_eq!(
            app_attest.generate_key().unwrap_err().reason,
            "DCError.featureUnsupported"
        );
        assert_eq!(
            app_attest.attest_key("k", &[0; 32]).unwrap_err().reason,
            "unavailable"
        );
        assert_eq!(
            app_attest
                .generate_assertion("k", &[0; 32])
                .unwrap_err()
                .reason,
            "key_not_found"
        );
    }
}
