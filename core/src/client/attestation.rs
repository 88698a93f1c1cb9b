//! The phone's side of key attestation (docs/attestation.md): turning what the platform
//! gave into the wire's evidence, and asking App Attest where the flows need it. The core
//! carries the evidence and never judges it; a platform that gives none (an old Android,
//! a simulator, App Attest unsupported or failing) means no evidence, and the bank's
//! policy decides. Only the platform's reason code is logged, never bytes.

use std::sync::Arc;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;

use super::{Inner, blocking};
use crate::api::{Base64Bytes, KeyAttestation};
use crate::attestation::app_attest_client_data_hash;
use crate::error::AvainError;
use crate::keys::{AppAttest, load_app_attest_key_id};
use crate::store::Profile;

/// The App Attest evidence of a registration, and the key id to keep once the bank took
/// it.
pub(crate) struct AppAttested {
    pub(crate) evidence: KeyAttestation,
    pub(crate) key_id: String,
}

/// Android's chain as the wire's evidence; `None` for no chain (or an empty one).
pub(crate) fn android_evidence(chain: Option<Vec<Vec<u8>>>) -> Option<KeyAttestation> {
    let chain = chain.filter(|c| !c.is_empty())?;
    Some(KeyAttestation::AndroidKeyAttestation {
        certificate_chain: chain.into_iter().map(Base64Bytes).collect(),
    })
}

/// App Attest's key id (base64 of 32 bytes) as bytes; `None` when the platform gave
/// something else.
fn key_id_bytes(key_id: &str) -> Option<Vec<u8>> {
    STANDARD.decode(key_id).ok().filter(|b| b.len() == 32)
}

/// A new App Attest key attested over the registration's signed bytes: the whole
/// exchange with the platform, on the calling (blocking) thread.
fn attest_registration(app_attest: &dyn AppAttest, signed_bytes: &[u8]) -> Option<AppAttested> {
    if !app_attest.is_supported() {
        tracing::info!(target: "avain::client", "App Attest not supported: no evidence");
        return None;
    }
    let attested = app_attest.generate_key().and_then(|key_id| {
        let object = app_attest.attest_key(&key_id, &app_attest_client_data_hash(signed_bytes))?;
        Ok((key_id, object))
    });
    match attested {
        Ok((key_id, object)) => match key_id_bytes(&key_id) {
            Some(id) => Some(AppAttested {
                evidence: KeyAttestation::AppleAppAttest {
                    key_id: Base64Bytes(id),
                    attestation_object: Base64Bytes(object),
                },
                key_id,
            }),
            None => {
                tracing::warn!(target: "avain::client", reason = "key_id_malformed", "App Attest gave no evidence");
                None
            }
        },
        Err(e) => {
            tracing::warn!(target: "avain::client", reason = %e.reason, "App Attest gave no evidence");
            None
        }
    }
}

impl Inner {
    /// iOS: App Attest's evidence for a registration whose signed bytes are
    /// `signed_bytes`; `None` without App Attest or when it fails.
    pub(crate) async fn app_attest_registration(
        &self,
        signed_bytes: Vec<u8>,
    ) -> Result<Option<AppAttested>, AvainError> {
        let Some(app_attest) = self.parts.app_attest.clone() else {
            return Ok(None);
        };
        blocking(self.lang(), move || {
            attest_registration(app_attest.as_ref(), &signed_bytes)
        })
        .await
    }

    /// iOS: an App Attest assertion over an approval's `signed_bytes`, when the bank's
    /// challenge asked for one; `None` when this phone has no App Attest key for the
    /// profile or the platform fails (the bank decides what that means).
    pub(crate) async fn app_attest_assertion(
        self: &Arc<Self>,
        profile: &Profile,
        signed_bytes: Vec<u8>,
    ) -> Result<Option<Base64Bytes>, AvainError> {
        let Some(app_attest) = self.parts.app_attest.clone() else {
            tracing::info!(target: "avain::client", "App Attest assertion asked for, none on this platform");
            return Ok(None);
        };
        let (inner, profile_id) = (Arc::clone(self), profile.id.clone());
        blocking(self.lang(), move || {
            let key_id = match load_app_attest_key_id(inner.parts.secrets.as_ref(), &profile_id) {
                Ok(Some(key_id)) => key_id,
                Ok(None) => {
                    tracing::info!(target: "avain::client", reason = "no_key", "no App Attest assertion");
                    return None;
                }
                Err(e) => {
                    tracing::warn!(target: "avain::client", reason = e.code(), "no App Attest assertion");
                    return None;
                }
            };
            match app_attest
                .generate_assertion(&key_id, &app_attest_client_data_hash(&signed_bytes))
            {
                Ok(assertion) => Some(Base64Bytes(assertion)),
                Err(e) => {
                    tracing::warn!(target: "avain::client", reason = %e.reason, "no App Attest assertion");
                    None
                }
            }
        })
        .await
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Mutex;

    use super::*;
    use crate::keys::AppAttestError;

    /// A scripted App Attest that records what it was asked.
    struct Scripted {
        supported: bool,
        key_id: String,
        fail_attest: bool,
        asked: Mutex<Vec<Vec<u8>>>,
    }

    impl AppAttest for Scripted {
        fn is_supported(&self) -> bool {
            self.supported
        }
        fn generate_key(&self) -> Result<String, AppAttestError> {
            Ok(self.key_id.clone())
        }
        fn attest_key(&self, _: &str, hash: &[u8]) -> Result<Vec<u8>, AppAttestError> {
            self.asked.lock().unwrap().push(hash.to_vec());
            if self.fail_attest {
                return Err(AppAttestError::new("DCError.serverUnavailable"));
            }
            Ok(vec![0xa3, 1, 2])
        }
        fn generate_assertion(&self, _: &str, _: &[u8]) -> Result<Vec<u8>, AppAttestError> {
            Err(AppAttestError::new("unused"))
        }
    }

    fn scripted(supported: bool, key_id: &str, fail_attest: bool) -> Scripted {
        Scripted {
            supported,
            key_id: key_id.to_owned(),
            fail_attest,
            asked: Mutex::new(Vec::new()),
        }
    }

    #[test]
    fn the_registration_is_attested_over_the_hash_of_its_signed_bytes() {
        let key_id = STANDARD.encode([7u8; 32]);
        let platform = scripted(true, &key_id, false);
        let attested = attest_registration(&platform, b"registration bytes").expect("evidence");
        assert_eq!(attested.key_id, key_id);
        assert_eq!(
            attested.evidence,
            KeyAttestation::AppleAppAttest {
                key_id: Base64Bytes(vec![7; 32]),
                attestation_object: Base64Bytes(vec![0xa3, 1, 2]),
            }
        );
        assert_eq!(
            platform.asked.lock().unwrap().as_slice(),
            &[app_attest_client_data_hash(b"registration bytes").to_vec()]
        );
    }

    #[test]
    fn an_unsupported_or_failing_platform_or_a_strange_key_id_gives_no_evidence() {
        let key_id = STANDARD.encode([7u8; 32]);
        let unsupported = scripted(false, &key_id, false);
        assert!(attest_registration(&unsupported, b"x").is_none());
        assert!(unsupported.asked.lock().unwrap().is_empty());
        assert!(attest_registration(&scripted(true, &key_id, true), b"x").is_none());
        assert!(attest_registration(&scripted(true, "not base64!", false), b"x").is_none());
        assert!(
            attest_registration(&scripted(true, &STANDARD.encode([1u8; 31]), false), b"x")
                .is_none()
        );
    }

    #[test]
    fn an_android_chain_is_carried_as_it_came_and_no_chain_is_no_evidence() {
        assert_eq!(android_evidence(None), None);
        assert_eq!(android_evidence(Some(Vec::new())), None);
        assert_eq!(
            android_evidence(Some(vec![vec![1], vec![2, 3]])),
            Some(KeyAttestation::AndroidKeyAttestation {
                certificate_chain: vec![Base64Bytes(vec![1]), Base64Bytes(vec![2, 3])],
            })
        );
    }
}
