//! Starting the sandbox bank: data directory, TLS identity, keys, database, seed, and the
//! HTTPS accept loop (tokio + rustls + hyper, HTTP/1.1 and HTTP/2).

use std::net::{Ipv4Addr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};
use std::time::Duration as StdDuration;

use avain_core::os_policy::{BankKey, SignedPolicy};
use avain_protocol::api::sandbox::BankKeys as PublicBankKeys;
use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
use hyper_util::server::conn::auto;
use rusqlite::OptionalExtension;
use tokio::net::TcpListener;
use tokio::sync::{Semaphore, watch};
use tokio::task::{JoinHandle, JoinSet};
use tokio_rustls::TlsAcceptor;

use crate::address_slots::AddressSlots;
use crate::attestation::{Attestation, AttestationConfig};
use crate::bank_keys::BankKeys;
use crate::challenges::ChallengeStore;
use crate::clock::{Clock, ClockMode};
use crate::db::Db;
use crate::db::gather::RequestsInFlight;
use crate::idle::Activity;
use crate::outbox::Outbox;
use crate::requests::ConnectionRequests;
use crate::routes;
use crate::sessions::SessionStore;
use crate::state::{AppState, CurrentPolicy, POLICY_KEY_ID, Shared, parse_clock};
use crate::throttle::{ClientAddr, Throttle, ThrottleSettings};
use crate::tls::{self, TrustRoot};

/// How to start the sandbox.
#[derive(Debug, Clone)]
pub struct SandboxOptions {
    /// The data directory (database, keys, certificate). `None`: a fresh temporary
    /// directory, deleted when the sandbox stops.
    pub data_dir: Option<PathBuf>,
    /// Address to listen on; port 0 picks a free port.
    pub listen: SocketAddr,
    /// Serve the control routes `/v1/sandbox/*` (every SMS code, the clock, policy
    /// publishing, ...). Only on a loopback address: [`Sandbox::start`] refuses otherwise.
    /// Without it they answer 404.
    pub control: bool,
    /// The per-client-address limit on unauthenticated starts.
    pub throttle: ThrottleSettings,
    /// Connection limits.
    pub connections: ConnectionLimits,
    /// Key attestation's policy and status list. The sandbox's test root is trusted, and
    /// its simulated attestation services served, only with `control`.
    pub attestation: AttestationConfig,
}

impl Default for SandboxOptions {
    /// Loopback, a temporary directory, no control routes, the default limits.
    fn default() -> Self {
        SandboxOptions {
            data_dir: None,
            listen: SocketAddr::from((Ipv4Addr::LOCALHOST, 0)),
            control: false,
            throttle: ThrottleSettings::default(),
            connections: ConnectionLimits::default(),
            attestation: AttestationConfig::default(),
        }
    }
}

/// Requests one HTTP/2 connection may have in progress at once (hyper's default is
/// 200). A browser's page asks for a handful; a client that opens more is refused the
/// extra streams, so one connection slot cannot hold hundreds of requests.
pub const HTTP2_STREAMS: u32 = 32;

/// Limits on the server's connections: how long each may take to send its headers and
/// bodies, how many are served at once, and how many one client address may have open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ConnectionLimits {
    /// Time to complete the TLS handshake, on HTTP/1.1 to send a request's headers (a
    /// client that trickles them, "slowloris", is cut off), and to send a request's body
    /// once its headers are in (`body_deadline`).
    pub header_timeout: StdDuration,
    /// Connections served at once; further ones wait in the listen queue until one
    /// closes.
    pub max_connections: usize,
    /// Connections one client address (an IPv6 /64) may have open at once; further ones
    /// from it are closed at once, so one client cannot take every slot.
    pub per_address: usize,
}

impl Default for ConnectionLimits {
    fn default() -> Self {
        ConnectionLimits {
            header_timeout: StdDuration::from_secs(10),
            max_connections: 1024,
            per_address: 128,
        }
    }
}

/// Why the sandbox did not start. The text names files and causes, never secrets.
#[derive(Debug, thiserror::Error)]
#[error("the sandbox bank did not start: {0}")]
pub struct StartError(String);

/// A running sandbox bank. Dropping it stops the server (and deletes a temporary data
/// directory).
pub struct Sandbox {
    url: String,
    addr: SocketAddr,
    root: TrustRoot,
    bank_keys: PublicBankKeys,
    data_dir: PathBuf,
    state: Shared,
    shutdown: watch::Sender<bool>,
    task: Option<JoinHandle<()>>,
    temp: Option<tempfile::TempDir>,
}

impl std::fmt::Debug for Sandbox {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Sandbox")
            .field("url", &self.url)
            .field("data_dir", &self.data_dir)
            .finish_non_exhaustive()
    }
}

impl Sandbox {
    /// Starts a sandbox on 127.0.0.1 with a fresh temporary data directory and the
    /// control routes on (for tests and the demo).
    pub async fn start_fresh() -> Result<Sandbox, StartError> {
        Sandbox::start(SandboxOptions {
            control: true,
            ..SandboxOptions::default()
        })
        .await
    }

    /// Starts a sandbox. With an existing data directory it continues where it stopped
    /// (same certificate, keys, customers and counters); a new one is created and seeded.
    /// Refuses the control routes on an address that is not loopback, and limits of 0.
    pub async fn start(options: SandboxOptions) -> Result<Sandbox, StartError> {
        if options.control && !options.listen.ip().is_loopback() {
            return Err(StartError(format!(
                "the control routes (--control) are only served on a loopback address, not {}",
                options.listen.ip()
            )));
        }
        if options.connections.max_connections == 0
            || options.connections.per_address == 0
            || options.connections.header_timeout.is_zero()
            || options.throttle.per_address == 0
            || !options.throttle.address_window.is_positive()
        {
            return Err(StartError(
                "the connection and throttling limits must be positive".to_owned(),
            ));
        }
        let (temp, data_dir) = match options.data_dir {
            Some(dir) => (None, dir),
            None => {
                let temp = tempfile::Builder::new()
                    .prefix("avain-sandbox-")
                    .tempdir()
                    .map_err(|e| StartError(format!("creating a temporary directory: {e}")))?;
                let path = temp.path().to_owned();
                (Some(temp), path)
            }
        };
        let dir = data_dir.clone();
        let throttle = options.throttle;
        let attestation =
            Attestation::new(&options.attestation, options.control).map_err(StartError)?;
        let (state, tls) = tokio::task::spawn_blocking(move || open(&dir, throttle, attestation))
            .await
            .map_err(|e| StartError(e.to_string()))?
            .map_err(StartError)?;
        let listener = TcpListener::bind(options.listen)
            .await
            .map_err(|e| StartError(format!("listening on {}: {e}", options.listen)))?;
        let addr = listener
            .local_addr()
            .map_err(|e| StartError(format!("reading the local address: {e}")))?;
        let (shutdown, stop) = watch::channel(false);
        let acceptor = TlsAcceptor::from(tls.server_config.clone());
        let app = routes::router(state.clone(), options.control);
        let task = tokio::spawn(accept_loop(
            listener,
            acceptor,
            app,
            state.db.requests().clone(),
            options.connections,
            stop,
        ));
        let bank_keys = routes::sandbox::bank_keys_of(&state.keys);
        Ok(Sandbox {
            url: format!("https://{addr}"),
            addr,
            root: tls.root,
            bank_keys,
            data_dir,
            state,
            shutdown,
            task: Some(task),
            temp,
        })
    }

    /// The base URL, `https://127.0.0.1:<port>` (append `/v1/...`).
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The address the server listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The root certificate to trust, PEM.
    pub fn root_certificate_pem(&self) -> &str {
        &self.root.pem
    }

    /// The root certificate to trust, DER.
    pub fn root_certificate_der(&self) -> &[u8] {
        &self.root.der
    }

    /// The bank's public keys (challenge signing and OS policy signing).
    pub fn bank_keys(&self) -> &PublicBankKeys {
        &self.bank_keys
    }

    /// The policy key as the core's policy verification takes it.
    pub fn policy_bank_key(&self) -> Option<BankKey> {
        BankKey::new(POLICY_KEY_ID, self.bank_keys.policy_key.as_slice()).ok()
    }

    /// The data directory.
    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    /// The database file (for tests that inspect it).
    pub fn database_path(&self) -> PathBuf {
        database_path(&self.data_dir)
    }

    /// The bank's clock, for tests in the same process.
    pub fn clock(&self) -> &Clock {
        &self.state.clock
    }

    /// Stops accepting, closes every connection and waits for the server task.
    pub async fn stop(mut self) {
        let _ = self.shutdown.send(true);
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
        self.state.db.close();
        drop(self.temp.take());
    }
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        let _ = self.shutdown.send(true);
        if let Some(task) = self.task.take() {
            task.abort();
        }
        self.state.db.close();
    }
}

/// The database file in a data directory.
pub fn database_path(data_dir: &Path) -> PathBuf {
    data_dir.join("bank.sqlite3")
}

fn open(
    dir: &Path,
    throttle: ThrottleSettings,
    attestation: Attestation,
) -> Result<(Shared, tls::TlsIdentity), String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("creating {}: {e}", dir.display()))?;
    let tls = tls::load_or_create(&dir.join("tls"))?;
    let keys = BankKeys::load_or_create(&dir.join("keys"))?;
    let db_path = database_path(dir);
    let mut conn = crate::db::connect(&db_path)?;
    let meta = |conn: &rusqlite::Connection, key: &str| -> Result<Option<String>, String> {
        conn.query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
            .optional()
            .map_err(|e| format!("reading the database: {e}"))
    };
    let clock_mode = meta(&conn, "clock")?;
    let seeded = meta(&conn, "seeded_at")?.is_some();
    let policy_json: Option<String> = conn
        .query_row(
            "SELECT document FROM policies ORDER BY sequence DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .optional()
        .map_err(|e| format!("reading the database: {e}"))?;
    let clock = Clock::new(clock_mode.as_deref().and_then(parse_clock).unwrap_or(
        ClockMode::Running {
            offset: time::Duration::ZERO,
        },
    ));
    let now = clock.now();
    let current = if seeded {
        let signed: SignedPolicy = policy_json
            .as_deref()
            .and_then(|json| serde_json::from_str(json).ok())
            .ok_or("the database has no readable OS policy")?;
        let key = BankKey::new(POLICY_KEY_ID, &keys.policy.public_key())
            .map_err(|e| format!("the policy key: {e}"))?;
        let policy = signed
            .verify(&[key])
            .map_err(|e| format!("the stored OS policy does not verify: {e}"))?;
        CurrentPolicy { policy, signed }
    } else {
        let tx = conn
            .transaction()
            .map_err(|e| format!("seeding the database: {e}"))?;
        let current = crate::routes::sandbox::seed_all(&tx, &keys, now)
            .map_err(|e| format!("seeding the database: {e}"))?;
        tx.commit()
            .map_err(|e| format!("seeding the database: {e}"))?;
        current
    };
    drop(conn);
    let db = Db::open(&db_path)?;
    let state = Arc::new(AppState {
        db,
        clock,
        keys,
        outbox: Outbox::default(),
        challenges: ChallengeStore::default(),
        sessions: SessionStore::default(),
        web: crate::web::WebState::default(),
        policy: RwLock::new(current),
        throttle: Throttle::new(throttle),
        decoys: crate::decoys::Decoys::default(),
        unknown_users: crate::unknown_users::UnknownUsers::default(),
        attestation,
    });
    Ok((state, tls))
}

async fn accept_loop(
    listener: TcpListener,
    acceptor: TlsAcceptor,
    app: axum::Router,
    requests: RequestsInFlight,
    limits: ConnectionLimits,
    mut stop: watch::Receiver<bool>,
) {
    let mut connections = JoinSet::new();
    let slots = Arc::new(Semaphore::new(limits.max_connections));
    let address_slots = AddressSlots::new(limits.per_address);
    loop {
        // A slot first: at the limit, new connections wait in the listen queue while the
        // open ones keep being served.
        let slot = tokio::select! {
            _ = stop.changed() => break,
            slot = slots.clone().acquire_owned() => slot,
        };
        let Ok(slot) = slot else { break };
        let accepted = tokio::select! {
            _ = stop.changed() => break,
            accepted = listener.accept() => accepted,
        };
        while connections.try_join_next().is_some() {}
        let (tcp, peer) = match accepted {
            Ok(pair) => pair,
            Err(e) => {
                // Out of file descriptors and the like: wait instead of spinning.
                eprintln!("avain-sandbox: accept failed: {e}");
                tokio::time::sleep(StdDuration::from_millis(50)).await;
                continue;
            }
        };
        let client = ClientAddr(peer.ip());
        // Beyond its address's share the connection is closed at once, and its slot
        // freed for others.
        let Some(address_slot) = address_slots.take(client) else {
            continue;
        };
        let _ = tcp.set_nodelay(true);
        let acceptor = acceptor.clone();
        let app = app.clone();
        let requests = requests.clone();
        connections.spawn(async move {
            let _slots = (slot, address_slot);
            let handshake = tokio::time::timeout(limits.header_timeout, acceptor.accept(tcp));
            let Ok(Ok(stream)) = handshake.await else {
                return;
            };
            // Each request holds the connection's activity while it runs (also when the
            // client abandons it), so an idle HTTP/2 connection is cut off like HTTP/1.1's.
            let activity = Activity::new();
            let service = ConnectionRequests::new(
                app,
                client,
                Arc::clone(&activity),
                requests,
                limits.header_timeout,
            );
            let mut builder = auto::Builder::new(TokioExecutor::new());
            builder
                .http1()
                .timer(TokioTimer::new())
                .header_read_timeout(limits.header_timeout);
            builder.http2().max_concurrent_streams(HTTP2_STREAMS);
            let connection = builder.serve_connection_with_upgrades(TokioIo::new(stream), service);
            tokio::pin!(connection);
            // A client that goes away mid-request is normal; nothing to report.
            tokio::select! {
                _ = connection.as_mut() => {}
                () = activity.idle_for(limits.header_timeout) => {
                    connection.as_mut().graceful_shutdown();
                    let _ = tokio::time::timeout(limits.header_timeout, connection).await;
                }
            }
        });
    }
    // Dropping the set aborts every open connection.
    drop(connections);
}
