//! The HTTPS client against a real TLS server on loopback: trust by root, pinned keys,
//! refusals, error codes and the retry rule.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use avain_core::api::ErrorCode;
use avain_core::net::{BankHttp, HttpOptions, NetError, Trust, spki_sha256};
use rcgen::{CertifiedKey, PublicKeyData, generate_simple_self_signed};
use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;
use tokio_rustls::TlsAcceptor;
use tokio_rustls::rustls::pki_types::{PrivateKeyDer, PrivatePkcs8KeyDer};

/// A TLS server answering a few fixed paths over HTTP/1.1.
struct TestServer {
    url: String,
    cert_der: Vec<u8>,
    hits: Arc<AtomicUsize>,
}

async fn start_server() -> TestServer {
    let CertifiedKey { cert, signing_key } =
        generate_simple_self_signed(vec!["localhost".to_owned()]).expect("test certificate");
    let cert_der = cert.der().to_vec();
    let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(signing_key.serialize_der()));
    let mut config = tokio_rustls::rustls::ServerConfig::builder_with_provider(Arc::new(
        tokio_rustls::rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .expect("protocol versions")
    .with_no_client_auth()
    .with_single_cert(vec![cert.der().clone()], key)
    .expect("server config");
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    let acceptor = TlsAcceptor::from(Arc::new(config));
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let port = listener.local_addr().expect("addr").port();
    let hits = Arc::new(AtomicUsize::new(0));
    let counter = hits.clone();
    tokio::spawn(async move {
        loop {
            let Ok((tcp, _)) = listener.accept().await else {
                return;
            };
            let acceptor = acceptor.clone();
            let counter = counter.clone();
            tokio::spawn(async move {
                let Ok(mut tls) = acceptor.accept(tcp).await else {
                    return;
                };
                loop {
                    let mut request = Vec::new();
                    let mut buf = [0u8; 4096];
                    while !request.windows(4).any(|w| w == b"\r\n\r\n") {
                        match tls.read(&mut buf).await {
                            Ok(0) | Err(_) => return,
                            Ok(n) => request.extend_from_slice(&buf[..n]),
                        }
                    }
                    counter.fetch_add(1, Ordering::SeqCst);
                    let head = String::from_utf8_lossy(&request).to_string();
                    let path = head.split_whitespace().nth(1).unwrap_or("/").to_owned();
                    let (status, body) = match path.as_str() {
                        "/v1/hello" => ("200 OK", json!({"hello": "moi"}).to_string()),
                        "/v1/refused" => (
                            "409 Conflict",
                            json!({"code": "challenge_expired", "message": "x"}).to_string(),
                        ),
                        "/v1/busy" => ("503 Service Unavailable", "{}".to_owned()),
                        _ => ("404 Not Found", "not json".to_owned()),
                    };
                    let response = format!(
                        "HTTP/1.1 {status}\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n{body}",
                        body.len()
                    );
                    if tls.write_all(response.as_bytes()).await.is_err() {
                        return;
                    }
                }
            });
        }
    });
    TestServer {
        url: format!("https://localhost:{port}/v1"),
        cert_der,
        hits,
    }
}

fn quick() -> HttpOptions {
    HttpOptions {
        retry_backoff: Duration::from_millis(1),
        ..HttpOptions::default()
    }
}

#[tokio::test]
async fn trusts_an_explicit_root() {
    let server = start_server().await;
    let http = BankHttp::new(
        &server.url,
        &Trust::only_root(server.cert_der.clone()),
        quick(),
    )
    .expect("client");
    let answer: Value = http.get("hello", None).await.expect("answer");
    assert_eq!(answer["hello"], "moi");
    assert_eq!(http.round_trips(), 1);
}

#[tokio::test]
async fn a_matching_pin_is_accepted_and_another_key_refused() {
    let server = start_server().await;
    let pinned = Trust::only_root(server.cert_der.clone())
        .pin_certificate_key(&server.cert_der)
        .expect("pin");
    let http = BankHttp::new(&server.url, &pinned, quick()).expect("client");
    let _: Value = http.get("hello", None).await.expect("pinned key accepted");

    let other = generate_simple_self_signed(vec!["localhost".to_owned()]).expect("other cert");
    let wrong_pin = Trust::only_root(server.cert_der.clone())
        .pin_certificate_key(other.cert.der())
        .expect("pin");
    let http = BankHttp::new(&server.url, &wrong_pin, quick()).expect("client");
    let refused = http.get::<Value>("hello", None).await;
    assert_eq!(refused, Err(NetError::UntrustedServer));
    assert_eq!(
        server.hits.load(Ordering::SeqCst),
        1,
        "no request sent to the unpinned server"
    );
}

#[tokio::test]
async fn an_unknown_root_is_refused_and_not_retried() {
    let server = start_server().await;
    let other = generate_simple_self_signed(vec!["localhost".to_owned()]).expect("other cert");
    let http = BankHttp::new(
        &server.url,
        &Trust::only_root(other.cert.der().to_vec()),
        quick(),
    )
    .expect("client");
    assert_eq!(
        http.get::<Value>("hello", None).await,
        Err(NetError::UntrustedServer)
    );
    assert_eq!(http.round_trips(), 1);
}

#[tokio::test]
async fn bank_errors_carry_the_stable_code() {
    let server = start_server().await;
    let http = BankHttp::new(
        &server.url,
        &Trust::only_root(server.cert_der.clone()),
        quick(),
    )
    .expect("client");
    let refused = http.post::<_, Value>("refused", &json!({}), None).await;
    assert_eq!(
        refused,
        Err(NetError::Bank {
            status: 409,
            code: ErrorCode::ChallengeExpired,
            attempts_left: None,
        })
    );
    // An answer without a code (a proxy's page) is read as a code this app does not know.
    let missing = http.get::<Value>("nowhere", None).await;
    assert_eq!(
        missing,
        Err(NetError::Bank {
            status: 404,
            code: ErrorCode::Unknown,
            attempts_left: None,
        })
    );
}

#[tokio::test]
async fn reads_are_retried_and_writes_are_not() {
    let server = start_server().await;
    let http = BankHttp::new(
        &server.url,
        &Trust::only_root(server.cert_der.clone()),
        quick(),
    )
    .expect("client");
    assert!(http.get::<Value>("busy", None).await.is_err());
    assert_eq!(http.round_trips(), 3, "one try and two retries");
    assert!(
        http.post::<_, Value>("busy", &json!({}), None)
            .await
            .is_err()
    );
    assert_eq!(http.round_trips(), 4, "a write goes once");
}

#[test]
fn only_https_bank_urls_are_accepted() {
    let trust = Trust::only_root(vec![0x30, 0x00]);
    for url in ["http://localhost/v1", "ftp://bank.example/", "not a url"] {
        let error = BankHttp::new(url, &trust, HttpOptions::default()).expect_err(url);
        assert!(
            matches!(error, NetError::Configuration(_)),
            "{url}: {error:?}"
        );
    }
    let no_anchor = Trust::default();
    assert_eq!(
        BankHttp::new("https://bank.example/", &no_anchor, HttpOptions::default()).err(),
        Some(NetError::Configuration("no_trust_anchor"))
    );
}

#[test]
fn the_pin_is_the_hash_of_the_certificate_key() {
    let CertifiedKey { cert, signing_key } =
        generate_simple_self_signed(vec!["localhost".to_owned()]).expect("cert");
    let expected = ring::digest::digest(
        &ring::digest::SHA256,
        &signing_key.subject_public_key_info(),
    );
    assert_eq!(
        spki_sha256(cert.der()).expect("spki").as_slice(),
        expected.as_ref()
    );
    assert_eq!(spki_sha256(b"junk"), Err(NetError::BadCertificate));
}
