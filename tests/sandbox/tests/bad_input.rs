//! Bad input never gets a 5xx or a panic: malformed or oversized JSON, wrong types,
//! unknown or missing fields, wrong content types, missing auth, unknown paths and
//! methods all get a 4xx with an error code. A property test throws random and mutated
//! bodies at every endpoint that takes one.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers outside #[test] functions

mod common;

use avain_protocol::api::{ErrorBody, ErrorCode};
use avain_sandbox::client::BankClient;
use avain_sandbox::seed::ANNA;
use common::*;
use proptest::prelude::*;
use reqwest::Method;

async fn send(
    client: &BankClient,
    method: Method,
    path: &str,
    token: Option<&str>,
    content_type: Option<&str>,
    body: Vec<u8>,
) -> (u16, ErrorBody) {
    let (status, bytes) = client
        .raw(method, path, token, content_type, body)
        .await
        .unwrap();
    let body: ErrorBody = serde_json::from_slice(&bytes)
        .unwrap_or_else(|_| panic!("{path}: HTTP {status} without an error body"));
    (status.as_u16(), body)
}

async fn post_json(
    client: &BankClient,
    path: &str,
    token: Option<&str>,
    body: &str,
) -> (u16, ErrorCode) {
    let (status, body) = send(
        client,
        Method::POST,
        path,
        token,
        Some("application/json"),
        body.as_bytes().to_vec(),
    )
    .await;
    (status, body.code)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_kind_of_bad_request_gets_a_4xx_with_a_code() {
    let (_bank, client) = bank().await;
    let reg = "/v1/registrations";
    let cases: Vec<(&str, (u16, ErrorCode))> = vec![
        ("{", (400, ErrorCode::MalformedRequest)),
        ("", (400, ErrorCode::MalformedRequest)),
        ("[]", (400, ErrorCode::MalformedRequest)),
        ("null", (400, ErrorCode::MalformedRequest)),
        (
            r#"{"username": 50010001, "password": "x"}"#,
            (400, ErrorCode::MalformedRequest),
        ),
        (
            r#"{"username": "50010001"}"#,
            (400, ErrorCode::MalformedRequest),
        ),
        (
            r#"{"username": "a", "password": "b", "admin": true}"#,
            (400, ErrorCode::MalformedRequest),
        ),
        // A raw control character is not JSON; an escaped one is, and is just wrong.
        (
            "{\"username\": \"\u{0}\"}",
            (400, ErrorCode::MalformedRequest),
        ),
        (
            r#"{"username": "\u0000", "password": "\uffff"}"#,
            (401, ErrorCode::InvalidCredentials),
        ),
    ];
    for (body, expected) in cases {
        assert_eq!(
            post_json(&client, reg, None, body).await,
            expected,
            "{body:?}"
        );
    }
    // Oversized: refused by size, before parsing.
    let huge = format!(
        r#"{{"username": "{}", "password": "x"}}"#,
        "a".repeat(100_000)
    );
    assert_eq!(
        post_json(&client, reg, None, &huge).await,
        (413, ErrorCode::BodyTooLarge)
    );
    // Not JSON at all.
    let (status, body) = send(
        &client,
        Method::POST,
        reg,
        None,
        Some("text/plain"),
        b"hello".to_vec(),
    )
    .await;
    assert_eq!((status, body.code), (415, ErrorCode::UnsupportedMediaType));
    let (status, body) = send(&client, Method::POST, reg, None, None, b"{}".to_vec()).await;
    assert_eq!((status, body.code), (415, ErrorCode::UnsupportedMediaType));
    // Unknown paths and methods, and ids that cannot be ids.
    let (status, body) = send(&client, Method::GET, "/v1/nothing-here", None, None, vec![]).await;
    assert_eq!((status, body.code), (404, ErrorCode::NotFound));
    let (status, body) = send(
        &client,
        Method::PUT,
        "/v1/registrations",
        None,
        None,
        vec![],
    )
    .await;
    assert_eq!((status, body.code), (405, ErrorCode::MethodNotAllowed));
    let (status, body) = send(
        &client,
        Method::POST,
        "/v1/registrations/%00%ff/sms",
        None,
        Some("application/json"),
        b"{}".to_vec(),
    )
    .await;
    assert_eq!((status, body.code), (404, ErrorCode::NotFound));
    // Missing and malformed auth.
    for token in [None, Some(""), Some("x".repeat(1000).as_str())] {
        let (status, body) = send(&client, Method::GET, "/v1/accounts", token, None, vec![]).await;
        assert_eq!((status, body.code), (401, ErrorCode::Unauthorized));
    }
    // Bad base64 in a key; a bad query string.
    let (_, token) = logged_in(&client, ANNA).await;
    let (status, code) = post_json(
        &client,
        "/v1/pin-changes",
        Some(&token),
        r#"{"new_pin_public_key": "!!!"}"#,
    )
    .await;
    assert_eq!((status, code), (400, ErrorCode::MalformedRequest));
    let (status, body) = send(
        &client,
        Method::GET,
        "/v1/payments?status=paid",
        Some(&token),
        None,
        vec![],
    )
    .await;
    assert_eq!((status, body.code), (400, ErrorCode::MalformedRequest));
    let (status, body) = send(
        &client,
        Method::GET,
        "/v1/payments?x=1",
        Some(&token),
        None,
        vec![],
    )
    .await;
    assert_eq!((status, body.code), (400, ErrorCode::MalformedRequest));
    // The answer is in the language asked for.
    let (status, bytes) = client
        .raw(Method::GET, "/v1/nothing", None, None, vec![])
        .await
        .unwrap();
    assert_eq!(status, 404);
    let body: ErrorBody = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(body.message, "Ei löytynyt.");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn errors_are_localized_by_accept_language() {
    let (bank, _client) = bank().await;
    let http = plain_http(&bank);
    for (lang, text) in [
        ("sv-FI", "Hittades inte."),
        ("en", "Not found."),
        ("de, fi;q=0.5", "Ei löytynyt."),
    ] {
        let response = http
            .get(format!("{}/v1/nothing", bank.url()))
            .header("accept-language", lang)
            .send()
            .await
            .unwrap();
        assert_eq!(response.headers()["cache-control"], "no-store");
        let body: ErrorBody = response.json().await.unwrap();
        assert_eq!(body.message, text);
    }
}

/// Every 401 carries the challenge HTTP requires (`WWW-Authenticate: Bearer`): a missing
/// session, an unknown token and a refusal that is not about the session at all.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_401_names_the_bearer_scheme() {
    let (bank, _client) = bank().await;
    let http = plain_http(&bank);
    let url = |path: &str| format!("{}{path}", bank.url());
    let answers = [
        http.get(url("/v1/accounts")).send().await.unwrap(),
        http.get(url("/v1/accounts"))
            .bearer_auth("not-a-session")
            .send()
            .await
            .unwrap(),
        http.post(url("/v1/registrations"))
            .json(&serde_json::json!({"username": ANNA, "password": "wrong-1"}))
            .send()
            .await
            .unwrap(),
    ];
    for response in answers {
        assert_eq!(response.status(), 401, "{}", response.url());
        assert_eq!(
            response.headers()["www-authenticate"],
            "Bearer realm=\"avain\"",
            "{}",
            response.url()
        );
    }
    // Other refusals carry no challenge.
    let response = http.get(url("/v1/nothing")).send().await.unwrap();
    assert_eq!(response.status(), 404);
    assert!(response.headers().get("www-authenticate").is_none());
}

/// Every endpoint that reads a JSON body, with a token where it needs one.
const BODY_ENDPOINTS: &[(&str, bool)] = &[
    ("/v1/registrations", false),
    ("/v1/registrations/reg_0/key-card", false),
    ("/v1/registrations/reg_0/sms", false),
    ("/v1/registrations/reg_0/complete", false),
    ("/v1/challenges", false),
    ("/v1/sessions", false),
    ("/v1/pin-changes", true),
    ("/v1/pin-changes/chg_0/confirm", true),
    ("/v1/biometric-keys", true),
    ("/v1/payments", true),
    ("/v1/payments/pay_seed_1/confirm", true),
    ("/v1/identification-requests/idr_0/challenge", false),
    ("/v1/identification-requests/idr_0/approve", false),
    ("/v1/messages", true),
    ("/v1/meetings", true),
    ("/v1/meeting-lookups", false),
    ("/v1/meeting-lookups/change", false),
    ("/v1/documents/doc_seed_1/signature/confirm", true),
    ("/v1/online-bank/logins", false),
    ("/v1/user-code-unlocks", false),
    ("/v1/user-code-unlocks/ucu_0", false),
    ("/v1/blocking", true),
    ("/v1/sandbox/clock", false),
    ("/v1/sandbox/policy", false),
    ("/v1/sandbox/messages", false),
    ("/v1/sandbox/broker/identification-requests", false),
];

/// Valid-looking bodies to mutate.
fn seeds() -> Vec<serde_json::Value> {
    use serde_json::json;
    vec![
        json!({"username": "50010001", "password": "Sauna-24"}),
        json!({"code": "123456"}),
        json!({"profile_id": "prf_1", "device": {"os_version": "14", "app_version": "1.0"}}),
        json!({"assertion": {"challenge_id": "chl_1", "factor": "pin", "device_signature": "AA", "factor_signature": "AA", "shown_text": "x"}}),
        json!({"from_account_id": "acc_anna_current", "payee_name": "X", "payee_iban": "FI2112345600000785", "amount_cents": 1}),
        json!({"booking_code": "2KMEVE6X", "phone": "0401234567"}),
        json!({"starts_at": "2030-01-01T10:00:00Z", "duration_minutes": 30, "topic": "t"}),
        json!({"codes": true, "cards": false}),
        json!({"advance_s": 60}),
        json!({"hetu": "131052-308T", "user_id": "50010001"}),
    ]
}

fn json_value() -> impl Strategy<Value = serde_json::Value> {
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::Bool),
        any::<i64>().prop_map(|n| serde_json::json!(n)),
        any::<f64>().prop_map(|f| serde_json::json!(f)),
        ".{0,40}".prop_map(serde_json::Value::String),
    ];
    leaf.prop_recursive(3, 24, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(serde_json::Value::Array),
            prop::collection::btree_map(".{0,12}", inner, 0..6)
                .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
        ]
    })
}

/// A body: raw bytes, random JSON, or a valid-looking body with one field replaced,
/// removed or added.
fn body() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        prop::collection::vec(any::<u8>(), 0..300),
        json_value().prop_map(|v| serde_json::to_vec(&v).unwrap()),
        (
            0..seeds().len(),
            any::<prop::sample::Index>(),
            json_value(),
            0..3u8
        )
            .prop_map(|(seed, field, value, how)| {
                let mut body = seeds()[seed].clone();
                if let Some(object) = body.as_object_mut() {
                    let keys: Vec<String> = object.keys().cloned().collect();
                    let key = field.get(&keys).clone();
                    match how {
                        0 => {
                            object.insert(key, value);
                        }
                        1 => {
                            object.remove(&key);
                        }
                        _ => {
                            object.insert("unexpected".into(), value);
                        }
                    }
                }
                serde_json::to_vec(&body).unwrap()
            }),
    ]
}

#[test]
fn random_and_mutated_bodies_never_get_a_5xx() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let (bank, client, token) = runtime.block_on(async {
        let (bank, client) = bank().await;
        let (_device, token) = logged_in(&client, ANNA).await;
        (bank, client, token)
    });
    let config = ProptestConfig {
        cases: 300,
        failure_persistence: None,
        ..ProptestConfig::default()
    };
    proptest!(config, |(endpoint in 0..BODY_ENDPOINTS.len(), body in body())| {
        let (path, needs_token) = BODY_ENDPOINTS[endpoint];
        let token = needs_token.then_some(token.as_str());
        let (status, bytes) = runtime
            .block_on(client.raw(Method::POST, path, token, Some("application/json"), body))
            .unwrap();
        prop_assert!(status.as_u16() < 500, "{path}: HTTP {status}");
        if !status.is_success() {
            let parsed: Result<ErrorBody, _> = serde_json::from_slice(&bytes);
            prop_assert!(parsed.is_ok(), "{path}: HTTP {status} without an error body");
        }
        // Whatever happened, the clock is not left far off for the next case.
        if path == "/v1/sandbox/clock" {
            runtime.block_on(client.raw(
                Method::POST,
                "/v1/sandbox/clock",
                None,
                Some("application/json"),
                br#"{"real": true}"#.to_vec(),
            )).unwrap();
        }
    });
    // And the bank still answers normally.
    runtime.block_on(async {
        let _: serde_json::Value = client.get("/v1/policy", None).await.unwrap();
    });
    drop(bank);
}

/// A bare HTTPS client trusting the sandbox's root, for requests the typed test client
/// would not send (other headers, no session).
fn plain_http(bank: &avain_sandbox::Sandbox) -> reqwest::Client {
    reqwest::Client::builder()
        .tls_backend_preconfigured(
            avain_core::net::client_config(&avain_core::net::Trust::only_root(
                bank.root_certificate_der().to_vec(),
            ))
            .unwrap(),
        )
        .build()
        .unwrap()
}
