//! The sandbox server's edge: its control routes and its connections.
//!
//! The control routes `/v1/sandbox/*` show every SMS code, set the clock, publish OS
//! policies, open bank-only locks. The attack: call them on a bank started without asking
//! for them, or on one listening on a public address. The bank must answer them 404
//! unless started with `--control` (`SandboxOptions::control`), and must refuse to start
//! with control on an address that is not loopback. (`avain-sandbox serve` calls the same
//! `Sandbox::start` with the same options, so testing it here tests the binary's check;
//! the binary itself cannot be run from this crate: tests/sandbox/tests/control.rs runs
//! `avain-sandbox serve --control --bind 0.0.0.0` and sees it refuse.)
//!
//! Connections: a client that trickles its request headers one byte per second
//! ("slowloris"), or its body after complete headers, must be cut off after the header
//! timeout; an HTTP/2 connection may not carry more requests at once than the bank's
//! stream limit; one address may not hold more than its share of the connections;
//! connections beyond the connection limit must wait while the open ones keep being
//! served.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::sync::Arc;
use std::time::{Duration, Instant};

use avain_core::net::Trust;
use avain_sandbox::client::BankClient;
use avain_sandbox::{ConnectionLimits, Sandbox, SandboxOptions};
use reqwest::Method;
use serde_json::Value;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// Every control route, with a method it answers to when switched on.
const CONTROL_ROUTES: [(&str, &str); 13] = [
    ("GET", "/v1/sandbox/outbox"),
    ("GET", "/v1/sandbox/clock"),
    ("POST", "/v1/sandbox/clock"),
    ("GET", "/v1/sandbox/customers"),
    ("GET", "/v1/sandbox/bank-keys"),
    ("POST", "/v1/sandbox/reset"),
    ("POST", "/v1/sandbox/policy"),
    ("POST", "/v1/sandbox/branch/customers/50010001/unlock"),
    ("POST", "/v1/sandbox/messages"),
    ("POST", "/v1/sandbox/broker/identification-requests"),
    ("GET", "/v1/sandbox/broker/identification-requests/x"),
    ("GET", "/v1/sandbox/meetings/2KMEVE6X"),
    ("POST", "/v1/sandbox/meetings/2KMEVE6X/identifiers"),
];

fn with_limits(header_timeout: Duration, max_connections: usize) -> SandboxOptions {
    SandboxOptions {
        connections: ConnectionLimits {
            header_timeout,
            max_connections,
            ..ConnectionLimits::default()
        },
        ..SandboxOptions::default()
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn control_routes_answer_404_without_the_switch() {
    let bank = Sandbox::start(SandboxOptions::default())
        .await
        .expect("sandbox");
    let client = BankClient::for_sandbox(&bank).expect("client");
    for (method, path) in CONTROL_ROUTES {
        let method = Method::from_bytes(method.as_bytes()).expect("a method");
        let (status, body) = client
            .raw(method, path, None, Some("application/json"), b"{}".to_vec())
            .await
            .expect("the bank answers");
        assert_eq!(status, 404, "{path}");
        let body: Value = serde_json::from_slice(&body).expect("a JSON error");
        assert_eq!(body["code"], "not_found", "{path}");
    }
    // The public API is there.
    let _: Value = client.get("/v1/policy", None).await.expect("the policy");
    bank.stop().await;

    // Switched on (the tests, the demo), they answer.
    let bank = Sandbox::start_fresh().await.expect("sandbox");
    let client = BankClient::for_sandbox(&bank).expect("client");
    let _: Value = client
        .get("/v1/sandbox/customers", None)
        .await
        .expect("control routes on");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn control_on_a_public_address_refuses_to_start() {
    for ip in [
        IpAddr::V4(Ipv4Addr::UNSPECIFIED),
        IpAddr::V6(Ipv6Addr::UNSPECIFIED),
    ] {
        let refused = Sandbox::start(SandboxOptions {
            listen: SocketAddr::new(ip, 0),
            control: true,
            ..SandboxOptions::default()
        })
        .await
        .expect_err("control on a public address");
        let text = refused.to_string();
        assert!(text.contains("loopback"), "{text}");
    }
    // Without control the same address is fine.
    let public = Sandbox::start(SandboxOptions {
        listen: SocketAddr::new(IpAddr::V4(Ipv4Addr::UNSPECIFIED), 0),
        ..SandboxOptions::default()
    })
    .await
    .expect("a public bank without control routes");
    public.stop().await;
}

/// A TLS connection to the bank, as a browser or phone opens one (HTTP/1.1).
async fn tls_connection(bank: &Sandbox) -> tokio_rustls::client::TlsStream<TcpStream> {
    connect(bank, Vec::new()).await
}

/// A TLS connection to the bank that negotiated HTTP/2, as a browser opens one, after the
/// client preface and an empty SETTINGS frame.
async fn http2_connection(bank: &Sandbox) -> tokio_rustls::client::TlsStream<TcpStream> {
    let mut tls = connect(bank, vec![b"h2".to_vec()]).await;
    assert_eq!(tls.get_ref().1.alpn_protocol(), Some(&b"h2"[..]));
    let mut hello = b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".to_vec();
    hello.extend_from_slice(&[0, 0, 0, 4, 0, 0, 0, 0, 0]);
    tls.write_all(&hello).await.expect("preface");
    tls
}

async fn connect(
    bank: &Sandbox,
    alpn_protocols: Vec<Vec<u8>>,
) -> tokio_rustls::client::TlsStream<TcpStream> {
    let mut config =
        avain_core::net::client_config(&Trust::only_root(bank.root_certificate_der().to_vec()))
            .expect("TLS configuration");
    if !alpn_protocols.is_empty() {
        config.alpn_protocols = alpn_protocols;
    }
    let connector = tokio_rustls::TlsConnector::from(Arc::new(config));
    let tcp = TcpStream::connect(bank.addr()).await.expect("connect");
    let name = rustls_pki_types::ServerName::from(bank.addr().ip());
    connector.connect(name, tcp).await.expect("TLS handshake")
}

/// Sends `at_once`, then `trickled` one byte per second, to a bank with a 2 s header
/// timeout; asserts the bank closes the connection after that timeout and that others are
/// still served. Returns what the bank sent back.
async fn trickle(at_once: &[u8], trickled: &'static [u8]) -> Vec<u8> {
    let timeout = Duration::from_secs(2);
    let bank = Sandbox::start(with_limits(timeout, 1024))
        .await
        .expect("sandbox");
    let tls = tls_connection(&bank).await;
    let (mut reader, mut writer) = tokio::io::split(tls);
    writer.write_all(at_once).await.expect("sent");
    writer.flush().await.expect("sent");
    let started = Instant::now();
    let trickle = tokio::spawn(async move {
        for byte in trickled {
            if writer.write_all(&[*byte]).await.is_err() || writer.flush().await.is_err() {
                return;
            }
            tokio::time::sleep(Duration::from_secs(1)).await;
        }
    });
    let mut rest = Vec::new();
    let closed = tokio::time::timeout(Duration::from_secs(12), reader.read_to_end(&mut rest)).await;
    let elapsed = started.elapsed();
    trickle.abort();
    assert!(closed.is_ok(), "still open after {elapsed:?}");
    assert!(
        elapsed >= timeout && elapsed < timeout + Duration::from_secs(3),
        "cut off after {elapsed:?}"
    );
    // Others are still served.
    let client = BankClient::for_sandbox(&bank).expect("client");
    let _: Value = client.get("/v1/policy", None).await.expect("the policy");
    rest
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slowloris_headers_are_cut_off_after_the_timeout() {
    let request = b"GET /v1/policy HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: aaaaaaaaaaaaaaaaaaaa";
    let answered = trickle(b"", request).await;
    assert!(
        !answered.starts_with(b"HTTP/1.1 200"),
        "the request was served"
    );
}

/// The same attack on the body: complete headers announcing a small body, then the body
/// one byte per second. The request is in progress while its handler waits for the body,
/// so neither the header timeout nor the idle rule would ever close the connection: a
/// thousand such clients would hold every slot. The body has the header timeout too; the
/// bank then closes the connection without an answer.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slow_request_bodies_are_cut_off_after_the_timeout() {
    let body = br#"{"profile_id":"prf_0000000000000000","purpose":"login"}"#;
    let head = format!(
        "POST /v1/challenges HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\n\r\n",
        body.len()
    );
    let answered = trickle(head.as_bytes(), body).await;
    assert!(
        answered.is_empty(),
        "answered: {:?}",
        String::from_utf8_lossy(&answered)
    );
}

/// The same attack over HTTP/2, which the bank offers to browsers: a client that opens
/// the connection and then only pings (no request, so no header ever times out) must be
/// cut off like an idle HTTP/1.1 connection, or a thousand such clients hold every slot.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn http2_connections_that_only_ping_are_cut_off_after_the_timeout() {
    let timeout = Duration::from_secs(2);
    let bank = Sandbox::start(with_limits(timeout, 1024))
        .await
        .expect("sandbox");
    let tls = http2_connection(&bank).await;
    let (mut reader, mut writer) = tokio::io::split(tls);
    let started = Instant::now();
    let pinging = tokio::spawn(async move {
        // A PING every half second.
        let ping = [0, 0, 8, 6, 0, 0, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8];
        loop {
            if writer.write_all(&ping).await.is_err() || writer.flush().await.is_err() {
                return;
            }
            tokio::time::sleep(Duration::from_millis(500)).await;
        }
    });
    let mut rest = Vec::new();
    let closed = tokio::time::timeout(Duration::from_secs(12), reader.read_to_end(&mut rest)).await;
    let elapsed = started.elapsed();
    pinging.abort();
    assert!(closed.is_ok(), "still open after {elapsed:?}");
    assert!(
        elapsed >= timeout && elapsed < timeout + Duration::from_secs(4),
        "cut off after {elapsed:?}"
    );
}

/// The connection limit counts connections, but an HTTP/2 connection carries many
/// requests at once. The attack: one connection opens more streams than the bank allows,
/// each a request whose body never comes (the headers frame ends the headers, not the
/// stream). The bank must refuse the streams beyond its limit (`RST_STREAM` with
/// `REFUSED_STREAM`), or each connection multiplies what it holds in memory and in
/// progress until the body deadline, by hyper's default of 200.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn http2_streams_beyond_the_limit_are_refused() {
    let bank = Sandbox::start(SandboxOptions::default())
        .await
        .expect("sandbox");
    let tls = http2_connection(&bank).await;
    let (mut reader, mut writer) = tokio::io::split(tls);

    let limit = avain_sandbox::server::HTTP2_STREAMS;
    let opened = limit + 8;
    // One HEADERS frame per stream.
    let mut frames = Vec::new();
    // HPACK: `:method POST` and `:scheme https` from the static table, the rest literal
    // without indexing, named by their static-table index.
    let mut block = vec![0x83, 0x87];
    for (index, value) in [
        (&[0x04][..], &b"/v1/challenges"[..]),
        (&[0x01][..], &b"127.0.0.1"[..]),
        (&[0x0f, 0x10][..], &b"application/json"[..]),
        (&[0x0f, 0x0d][..], &b"60"[..]),
    ] {
        block.extend_from_slice(index);
        block.push(u8::try_from(value.len()).expect("short"));
        block.extend_from_slice(value);
    }
    for stream in (0..opened).map(|i| 2 * i + 1) {
        let length = u32::try_from(block.len()).expect("short").to_be_bytes();
        // Type HEADERS, flags END_HEADERS (not END_STREAM: the body is still to come).
        frames.extend_from_slice(&[length[1], length[2], length[3], 0x1, 0x4]);
        frames.extend_from_slice(&stream.to_be_bytes());
        frames.extend_from_slice(&block);
    }
    writer.write_all(&frames).await.expect("frames");
    writer.flush().await.expect("frames sent");

    // Read the bank's frames for a while: the streams it refused.
    let mut refused = Vec::new();
    let read = async {
        let mut head = [0u8; 9];
        while reader.read_exact(&mut head).await.is_ok() {
            let length =
                usize::from(head[0]) << 16 | usize::from(head[1]) << 8 | usize::from(head[2]);
            let stream = u32::from_be_bytes([head[5], head[6], head[7], head[8]]) & 0x7fff_ffff;
            let mut payload = vec![0u8; length];
            if reader.read_exact(&mut payload).await.is_err() {
                break;
            }
            const RST_STREAM: u8 = 0x3;
            const REFUSED_STREAM: [u8; 4] = [0, 0, 0, 0x7];
            if head[3] == RST_STREAM && payload == REFUSED_STREAM {
                refused.push(stream);
            }
        }
    };
    let _ = tokio::time::timeout(Duration::from_secs(2), read).await;
    let expected: Vec<u32> = (limit..opened).map(|i| 2 * i + 1).collect();
    assert_eq!(
        refused, expected,
        "the streams beyond {limit} are refused, the others kept"
    );
}

/// The connection limit protects the bank's memory, but one client could take every slot
/// with silent connections, opened again whenever the handshake timeout cuts them off, and
/// every customer would wait in the listen queue. The attack: one address (127.0.0.2)
/// opens as many connections as the whole bank serves. The bank must close those beyond
/// the per-address limit at once, and a customer from another address must be served
/// without waiting.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_address_cannot_take_every_connection() {
    let limits = ConnectionLimits {
        header_timeout: Duration::from_secs(5),
        max_connections: 8,
        per_address: 4,
    };
    let bank = Sandbox::start(SandboxOptions {
        connections: limits,
        ..SandboxOptions::default()
    })
    .await
    .expect("sandbox");
    let attacker = IpAddr::V4(Ipv4Addr::new(127, 0, 0, 2));
    let mut silent = Vec::new();
    for _ in 0..limits.max_connections {
        let socket = tokio::net::TcpSocket::new_v4().expect("socket");
        socket
            .bind(SocketAddr::new(attacker, 0))
            .expect("bind to 127.0.0.2");
        silent.push(socket.connect(bank.addr()).await.expect("connect"));
    }
    // The bank closes the connections beyond the attacker's share at once.
    let mut closed = 0;
    for stream in &mut silent {
        let mut byte = [0u8; 1];
        if let Ok(Ok(0)) =
            tokio::time::timeout(Duration::from_millis(500), stream.read(&mut byte)).await
        {
            closed += 1;
        }
    }
    assert_eq!(closed, limits.max_connections - limits.per_address);
    // A customer from another address is served at once, not after the timeout.
    let t = Instant::now();
    let customer = BankClient::for_sandbox(&bank).expect("client");
    let _: Value = customer.get("/v1/policy", None).await.expect("served");
    assert!(t.elapsed() < Duration::from_secs(2), "{:?}", t.elapsed());
    drop(silent);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn connections_beyond_the_limit_wait_and_open_ones_are_still_served() {
    let bank = Sandbox::start(with_limits(Duration::from_secs(3), 4))
        .await
        .expect("sandbox");
    // A customer's connection, kept alive.
    let customer = BankClient::for_sandbox(&bank).expect("client");
    let _: Value = customer.get("/v1/policy", None).await.expect("the policy");
    // An attacker takes the other three and says nothing.
    let mut idle = Vec::new();
    for _ in 0..3 {
        idle.push(TcpStream::connect(bank.addr()).await.expect("connect"));
    }
    tokio::time::sleep(Duration::from_millis(300)).await;
    // The open connection keeps being served.
    let t = Instant::now();
    let _: Value = customer.get("/v1/policy", None).await.expect("served");
    assert!(t.elapsed() < Duration::from_secs(1), "{:?}", t.elapsed());
    // A new connection waits for a free slot ...
    let newcomer = BankClient::for_sandbox(&bank).expect("client");
    let waiting = tokio::spawn(async move { newcomer.get::<Value>("/v1/policy", None).await });
    tokio::time::sleep(Duration::from_secs(1)).await;
    assert!(
        !waiting.is_finished(),
        "a fifth connection was served at once"
    );
    // ... which it gets when the silent ones are cut off (handshake timeout).
    let answered = tokio::time::timeout(Duration::from_secs(10), waiting)
        .await
        .expect("served after the idle connections are cut off")
        .expect("task");
    answered.expect("the policy");
    drop(idle);
}
