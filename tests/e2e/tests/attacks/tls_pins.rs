//! Public-key pins fooled by an appended certificate: the attacker holds a certificate for
//! the bank's name from another CA the phone trusts (a public CA, or any root the app also
//! accepts) and sends it with the pinned CA's certificate appended. The pinned CA's
//! certificate is public, so anyone can send it. The phone must match its pins against the
//! path it verified (leaf, intermediates and the trust anchor), not against whatever the
//! server sent, and refuse such a server before any request goes out; the bank's real
//! chain, pinned on its anchor or on its leaf key, must keep working.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use avain_core::net::{BankHttp, HttpOptions, NetError, Trust, spki_sha256};
use rcgen::{
    BasicConstraints, CertificateParams, CertifiedIssuer, DnType, IsCa, KeyPair, KeyUsagePurpose,
};
use serde_json::Value;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;
use tokio_rustls::TlsAcceptor;
use tokio_rustls::rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};

type Ca = CertifiedIssuer<'static, KeyPair>;

fn root(name: &str) -> Ca {
    let mut params = CertificateParams::new(Vec::<String>::new()).expect("CA params");
    params.distinguished_name.push(DnType::CommonName, name);
    params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
    CertifiedIssuer::self_signed(params, KeyPair::generate().expect("key")).expect("CA")
}

/// A server certificate for `localhost` issued by `ca`, with its private key.
fn server_certificate(ca: &Ca) -> (CertificateDer<'static>, PrivateKeyDer<'static>) {
    let mut params = CertificateParams::new(vec!["localhost".to_owned()]).expect("params");
    params
        .distinguished_name
        .push(DnType::CommonName, "localhost");
    let key = KeyPair::generate().expect("key");
    let cert = params.signed_by(&key, ca).expect("certificate");
    let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(key.serialize_der()));
    (cert.der().clone(), key)
}

/// A TLS server on loopback that sends `chain` and answers every request with `{}`.
struct Server {
    url: String,
    requests: Arc<AtomicUsize>,
}

async fn serve(chain: Vec<CertificateDer<'static>>, key: PrivateKeyDer<'static>) -> Server {
    let provider = Arc::new(tokio_rustls::rustls::crypto::ring::default_provider());
    let mut config = tokio_rustls::rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .expect("protocol versions")
        .with_no_client_auth()
        .with_single_cert(chain, key)
        .expect("server config");
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    let acceptor = TlsAcceptor::from(Arc::new(config));
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let port = listener.local_addr().expect("address").port();
    let requests = Arc::new(AtomicUsize::new(0));
    let counter = requests.clone();
    tokio::spawn(async move {
        while let Ok((tcp, _)) = listener.accept().await {
            let acceptor = acceptor.clone();
            let counter = counter.clone();
            tokio::spawn(async move {
                let Ok(mut tls) = acceptor.accept(tcp).await else {
                    return;
                };
                let mut request = Vec::new();
                let mut buf = [0u8; 4096];
                while !request.windows(4).any(|w| w == b"\r\n\r\n") {
                    match tls.read(&mut buf).await {
                        Ok(0) | Err(_) => return,
                        Ok(n) => request.extend_from_slice(&buf[..n]),
                    }
                }
                counter.fetch_add(1, Ordering::SeqCst);
                let response = "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n\
                                content-length: 2\r\nconnection: close\r\n\r\n{}";
                let _ = tls.write_all(response.as_bytes()).await;
                let _ = tls.shutdown().await;
            });
        }
    });
    Server {
        url: format!("https://localhost:{port}/v1"),
        requests,
    }
}

fn pin(cert: &CertificateDer<'_>) -> [u8; 32] {
    spki_sha256(cert).expect("pin")
}

async fn fetch(server: &Server, trust: &Trust) -> Result<Value, NetError> {
    let options = HttpOptions {
        read_retries: 0,
        request_timeout: Duration::from_secs(10),
        ..HttpOptions::default()
    };
    let http = BankHttp::new(&server.url, trust, options)?;
    http.get("policy", None).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_chain_from_another_trusted_ca_with_the_pinned_ca_appended_is_refused() {
    let bank_ca = root("Pankki Root CA");
    let public_ca = root("Public Root CA");
    let trust = Trust {
        system_roots: false,
        extra_roots_der: vec![bank_ca.der().to_vec(), public_ca.der().to_vec()],
        pinned_spki_sha256: vec![pin(bank_ca.der())],
    };

    let (leaf, key) = server_certificate(&public_ca);
    let attacker = serve(vec![leaf, bank_ca.der().clone()], key).await;
    assert_eq!(
        fetch(&attacker, &trust).await,
        Err(NetError::UntrustedServer)
    );
    assert_eq!(
        attacker.requests.load(Ordering::SeqCst),
        0,
        "nothing was sent to the attacker"
    );

    let (leaf, key) = server_certificate(&bank_ca);
    let bank = serve(vec![leaf], key).await;
    assert_eq!(fetch(&bank, &trust).await, Ok(serde_json::json!({})));
    assert_eq!(bank.requests.load(Ordering::SeqCst), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_pinned_ca_appended_to_a_chain_the_platform_trusts_is_refused() {
    let bank_ca = root("Pankki Root CA");
    let backup_ca = root("Pankki Backup Root CA");
    let public_ca = root("Public Root CA");
    // The platform's verifier with the system's roots and these two besides: it accepts
    // any chain to them, so only the pins keep the public CA's certificate out.
    let trust = Trust {
        system_roots: true,
        extra_roots_der: vec![bank_ca.der().to_vec(), public_ca.der().to_vec()],
        pinned_spki_sha256: vec![pin(bank_ca.der()), pin(backup_ca.der())],
    };

    let (leaf, key) = server_certificate(&public_ca);
    let attacker = serve(
        vec![leaf, public_ca.der().clone(), bank_ca.der().clone()],
        key,
    )
    .await;
    assert_eq!(
        fetch(&attacker, &trust).await,
        Err(NetError::UntrustedServer)
    );
    assert_eq!(attacker.requests.load(Ordering::SeqCst), 0);

    let (leaf, key) = server_certificate(&bank_ca);
    let bank = serve(vec![leaf], key).await;
    assert_eq!(fetch(&bank, &trust).await, Ok(serde_json::json!({})));

    let one_pin = Trust {
        pinned_spki_sha256: vec![pin(bank_ca.der())],
        ..trust
    };
    assert_eq!(
        fetch(&bank, &one_pin).await,
        Err(NetError::Configuration("backup_pin_missing"))
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pins_on_the_leaf_key_and_on_the_anchor_both_work() {
    let bank_ca = root("Pankki Root CA");
    let (leaf, key) = server_certificate(&bank_ca);
    let leaf_pin = pin(&leaf);
    let bank = serve(vec![leaf], key).await;
    let pinned = |pins: Vec<[u8; 32]>| Trust {
        system_roots: false,
        extra_roots_der: vec![bank_ca.der().to_vec()],
        pinned_spki_sha256: pins,
    };

    assert_eq!(
        fetch(&bank, &pinned(vec![pin(bank_ca.der())])).await,
        Ok(serde_json::json!({}))
    );
    assert_eq!(
        fetch(&bank, &pinned(vec![leaf_pin])).await,
        Ok(serde_json::json!({}))
    );
    let (other_leaf, _) = server_certificate(&bank_ca);
    assert_eq!(
        fetch(&bank, &pinned(vec![pin(&other_leaf)])).await,
        Err(NetError::UntrustedServer)
    );
    assert_eq!(bank.requests.load(Ordering::SeqCst), 2);
}
