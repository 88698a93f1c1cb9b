//! The simulated platform attestation services, for the Kotlin and Swift test doubles of
//! Android Keystore and `DCAppAttestService` (their software keys cannot make X.509 chains
//! or App Attest objects): each route passes to the bank's control route
//! `/v1/sandbox/attestation/...` (docs/sandbox.md), whose evidence is under the sandbox's
//! test root. Inputs are lower-case hex in the path (no URL encoding to get wrong); answers
//! are `key value` lines with standard base64, like `/bank`.
//!
//! | request | answer |
//! |---|---|
//! | `POST /attestation/policy/{android}/{apple}` (`required`, `preferred`, `off`; `?minimum_level=strong_box&assertions=true`) | `android`, `apple`, `minimum_level`, `assertions`: the bank's policy now |
//! | `POST /attestation/android/{role}/{level}/{public_key}/{challenge}` (`device`/`biometric`; `software`/`trusted_environment`/`strong_box`) | one `certificate B64` line per certificate, leaf first |
//! | `POST /attestation/apple/keys` | `key_id B64`: `generateKey` |
//! | `POST /attestation/apple/attest/{key_id}/{client_data_hash}` | `attestation_object B64`: `attestKey` |
//! | `POST /attestation/apple/assert/{key_id}/{client_data_hash}` | `assertion B64`: `generateAssertion`, its counter one more each time |

use std::sync::Arc;

use avain_core::api::sandbox_attestation::{
    AttestationLevel, AttestationPolicySettings, AttestationRequirement, SimulatedAndroidKey,
    SimulatedAppAttestAssertion, SimulatedAppAttestCall, SimulatedAppAttestKey,
};
use avain_core::api::{Base64Bytes, KeyAttestation};
use avain_protocol::attestation::AttestedKeyRole;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;

use crate::{Answer, Control};

fn bad(what: &str) -> (StatusCode, String) {
    (StatusCode::BAD_REQUEST, format!("{what}\n"))
}

fn failed(e: avain_sandbox::client::CallError) -> (StatusCode, String) {
    (StatusCode::BAD_GATEWAY, format!("{e}\n"))
}

/// A path segment's wire word (`required`, `trusted_environment`, `device`, ...) as its
/// enum.
fn word<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, (StatusCode, String)> {
    serde_json::from_value(serde_json::Value::from(text)).map_err(|_| bad("unknown word"))
}

fn code<T: serde::Serialize>(value: T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

fn hex(text: &str) -> Result<Base64Bytes, (StatusCode, String)> {
    let digits = text.as_bytes();
    if digits.len() % 2 != 0 {
        return Err(bad("odd hex"));
    }
    digits
        .chunks(2)
        .map(|pair| {
            std::str::from_utf8(pair)
                .ok()
                .and_then(|p| u8::from_str_radix(p, 16).ok())
                .ok_or_else(|| bad("not hex"))
        })
        .collect::<Result<Vec<u8>, _>>()
        .map(Base64Bytes)
}

/// `?minimum_level=&assertions=` of the policy route.
#[derive(Debug, serde::Deserialize)]
pub struct PolicyOptions {
    minimum_level: Option<String>,
    assertions: Option<bool>,
}

/// `POST /attestation/policy/{android}/{apple}`
pub async fn policy(
    State(control): State<Arc<Control>>,
    Path((android, apple)): Path<(String, String)>,
    Query(options): Query<PolicyOptions>,
) -> Answer {
    let settings = AttestationPolicySettings {
        android: word::<AttestationRequirement>(&android)?,
        android_minimum_level: match options.minimum_level.as_deref() {
            Some(level) => word(level)?,
            None => AttestationLevel::TrustedEnvironment,
        },
        apple: word::<AttestationRequirement>(&apple)?,
        apple_assertions: options.assertions.unwrap_or(false),
    };
    let now: AttestationPolicySettings = control
        .browser
        .post("/v1/sandbox/attestation/policy", None, &settings)
        .await
        .map_err(failed)?;
    Ok(format!(
        "android {}\napple {}\nminimum_level {}\nassertions {}\n",
        code(now.android),
        code(now.apple),
        code(now.android_minimum_level),
        now.apple_assertions
    ))
}

/// `POST /attestation/android/{role}/{level}/{public_key}/{challenge}`
pub async fn android(
    State(control): State<Arc<Control>>,
    Path((role, level, public_key, challenge)): Path<(String, String, String, String)>,
) -> Answer {
    let request = SimulatedAndroidKey {
        public_key: hex(&public_key)?,
        challenge: hex(&challenge)?,
        role: word::<AttestedKeyRole>(&role)?,
        security_level: word::<AttestationLevel>(&level)?,
    };
    let evidence: KeyAttestation = control
        .browser
        .post("/v1/sandbox/attestation/android", None, &request)
        .await
        .map_err(failed)?;
    match evidence {
        KeyAttestation::AndroidKeyAttestation { certificate_chain } => Ok(certificate_chain
            .iter()
            .map(|c| format!("certificate {}\n", STANDARD.encode(c.as_slice())))
            .collect()),
        KeyAttestation::AppleAppAttest { .. } => Err(bad("the bank answered another format")),
    }
}

/// `POST /attestation/apple/keys`
pub async fn apple_key(State(control): State<Arc<Control>>) -> Answer {
    let key: SimulatedAppAttestKey = control
        .browser
        .post_empty("/v1/sandbox/attestation/apple/keys", None)
        .await
        .map_err(failed)?;
    Ok(format!(
        "key_id {}\n",
        STANDARD.encode(key.key_id.as_slice())
    ))
}

/// `POST /attestation/apple/attest/{key_id}/{client_data_hash}`
pub async fn apple_attest(
    State(control): State<Arc<Control>>,
    Path((key_id, client_data_hash)): Path<(String, String)>,
) -> Answer {
    let call = SimulatedAppAttestCall {
        key_id: hex(&key_id)?,
        client_data_hash: hex(&client_data_hash)?,
    };
    let evidence: KeyAttestation = control
        .browser
        .post("/v1/sandbox/attestation/apple/attest", None, &call)
        .await
        .map_err(failed)?;
    match evidence {
        KeyAttestation::AppleAppAttest {
            attestation_object, ..
        } => Ok(format!(
            "attestation_object {}\n",
            STANDARD.encode(attestation_object.as_slice())
        )),
        KeyAttestation::AndroidKeyAttestation { .. } => {
            Err(bad("the bank answered another format"))
        }
    }
}

/// `POST /attestation/apple/assert/{key_id}/{client_data_hash}`
pub async fn apple_assert(
    State(control): State<Arc<Control>>,
    Path((key_id, client_data_hash)): Path<(String, String)>,
) -> Answer {
    let call = SimulatedAppAttestCall {
        key_id: hex(&key_id)?,
        client_data_hash: hex(&client_data_hash)?,
    };
    let assertion: SimulatedAppAttestAssertion = control
        .browser
        .post("/v1/sandbox/attestation/apple/assert", None, &call)
        .await
        .map_err(failed)?;
    Ok(format!(
        "assertion {}\n",
        STANDARD.encode(assertion.assertion.as_slice())
    ))
}

#[cfg(test)]
mod tests {

    use super::*;
    use crate::test_support::post;

    fn values<'a>(body: &'a str, key: &str) -> Vec<&'a str> {
        body.lines()
            .filter_map(|line| line.strip_prefix(key)?.strip_prefix(' '))
            .collect()
    }

    fn to_hex(bytes: &[u8]) -> String {
        bytes.iter().map(|b| format!("{b:02x}")).collect()
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn the_doubles_get_the_banks_policy_and_evidence_in_text() {
        let control = Arc::new(Control::start().await.unwrap());
        let app = crate::router(Arc::clone(&control));

        let (status, body) = post(
            &app,
            "/attestation/policy/required/preferred?minimum_level=strong_box&assertions=true",
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_eq!(
            body,
            "android required\napple preferred\nminimum_level strong_box\nassertions true\n"
        );
        let (status, _) = post(&app, "/attestation/policy/sometimes/off").await;
        assert_eq!(status, StatusCode::BAD_REQUEST);

        // A P-256 point: 0x04 and the generator's coordinates.
        let point = "046b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c2964fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5";
        let (status, body) = post(
            &app,
            &format!(
                "/attestation/android/device/strong_box/{point}/{}",
                "ab".repeat(32)
            ),
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let chain = values(&body, "certificate");
        assert_eq!(chain.len(), 3, "{body}");
        assert!(chain.iter().all(|c| STANDARD.decode(c).is_ok()));
        let (status, _) = post(&app, "/attestation/android/device/tee/04/00").await;
        assert_eq!(status, StatusCode::BAD_REQUEST);

        let (status, body) = post(&app, "/attestation/apple/keys").await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let key_id = STANDARD.decode(values(&body, "key_id")[0]).unwrap();
        assert_eq!(key_id.len(), 32);
        let hash = "cd".repeat(32);
        let (status, body) = post(
            &app,
            &format!("/attestation/apple/attest/{}/{hash}", to_hex(&key_id)),
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_eq!(values(&body, "attestation_object").len(), 1);
        let (status, body) = post(
            &app,
            &format!("/attestation/apple/assert/{}/{hash}", to_hex(&key_id)),
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_eq!(values(&body, "assertion").len(), 1);
        let (status, _) = post(&app, &format!("/attestation/apple/assert/{hash}/{hash}")).await;
        assert_eq!(status, StatusCode::BAD_GATEWAY);
    }
}
