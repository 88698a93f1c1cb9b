//! `avain-sandbox`: run the sandbox bank, or measure it.
//!
//! - `avain-sandbox serve --port 8443 --data-dir ./sandbox-data` prints the URL, the root
//!   certificate to trust, the bank's public keys and the demo customers' credentials,
//!   then serves until interrupted. `--json` prints the same as one JSON line (for
//!   scripts that start it with `--port 0`). `--control` adds the control routes
//!   `/v1/sandbox/*` (loopback only) and with them trust in the sandbox's attestation test
//!   root; `--address-limit`, `--address-window`, `--header-timeout`,
//!   `--max-connections` and `--connections-per-address` tune the limits;
//!   `--attestation-android`, `--attestation-apple` (required, preferred, off),
//!   `--attestation-minimum-level`, `--attestation-assertions`,
//!   `--attestation-status FILE` and `--attestation-google-roots` / `--attestation-apple-roots
//!   FILE` set the key attestation policy and anchors (docs/sandbox.md).
//! - `avain-sandbox bench --clients 32 --seconds 10` starts a sandbox in a child process
//!   (or uses `--url` and `--root-ca`) and prints one JSON line of login throughput.
//! - `avain-sandbox attest android --chain FILE.pem [--challenge HEX] [--at YYYY-MM-DD]` and
//!   `avain-sandbox attest apple --object FILE --key-id B64 --client-data-hash B64
//!   --app-id TEAM.BUNDLE [--at YYYY-MM-DD] [--development]` check attestation evidence by
//!   hand and print one JSON object (docs/attestation.md).
//!
//! Exit status: 0 on success, 1 when the server failed, 2 on usage errors (and for
//! `attest`, on input it cannot read; evidence that fails its checks still exits 0).

mod cmd_attest;

/// The bank's allocator (why: tests/sandbox/Cargo.toml).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::process::{ExitCode, Stdio};

use avain_protocol::api::sandbox_attestation::{
    AttestationLevel, AttestationPolicySettings, AttestationRequirement,
};
use avain_sandbox::seed;
use avain_sandbox::{
    AttestationConfig, ConnectionLimits, Sandbox, SandboxOptions, ThrottleSettings,
};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use clap::{Parser, Subcommand};
use tokio::io::{AsyncBufReadExt, BufReader};

/// The sandbox bank: a real HTTPS bank server for Avain's tests and demo.
#[derive(Debug, Parser)]
#[command(name = "avain-sandbox", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Run the bank until interrupted (Ctrl-C or SIGTERM).
    Serve {
        /// Port on 127.0.0.1; 0 picks a free one.
        #[arg(long, default_value_t = 8443)]
        port: u16,
        /// Address to listen on.
        #[arg(long, default_value_t = IpAddr::V4(Ipv4Addr::LOCALHOST))]
        bind: IpAddr,
        /// Data directory (created and seeded when new; reused as is otherwise).
        #[arg(long, default_value = "sandbox-data")]
        data_dir: PathBuf,
        /// Print one JSON line instead of text.
        #[arg(long)]
        json: bool,
        /// Serve the control routes /v1/sandbox/* (every SMS code, passwords, the clock,
        /// policy publishing). Refused unless --bind is a loopback address.
        #[arg(long)]
        control: bool,
        /// Throttled requests per client address per window (unlock and app-login
        /// starts, failed login starts, look-ups and challenges; each counted apart).
        #[arg(long, default_value_t = ThrottleSettings::default().per_address)]
        address_limit: u32,
        /// The per-address window, in seconds.
        #[arg(long, default_value_t = ThrottleSettings::default().address_window.whole_seconds().unsigned_abs())]
        address_window: u64,
        /// Seconds a client has for the TLS handshake, each request's headers and each
        /// request's body.
        #[arg(long, default_value_t = ConnectionLimits::default().header_timeout.as_secs())]
        header_timeout: u64,
        /// Connections served at once; more wait until one closes.
        #[arg(long, default_value_t = ConnectionLimits::default().max_connections)]
        max_connections: usize,
        /// Connections one client address (IPv6: its /64) may have open at once; more
        /// from it are closed at once.
        #[arg(long, default_value_t = ConnectionLimits::default().per_address)]
        connections_per_address: usize,
        /// Key attestation for Android registrations and biometric keys: required,
        /// preferred or off.
        #[arg(long, default_value = "preferred", value_parser = attestation_requirement)]
        attestation_android: AttestationRequirement,
        /// App Attest for iOS registrations: required, preferred or off.
        #[arg(long, default_value = "preferred", value_parser = attestation_requirement)]
        attestation_apple: AttestationRequirement,
        /// The lowest Android key level accepted: software, trusted_environment,
        /// strong_box.
        #[arg(long, default_value = "trusted_environment", value_parser = attestation_level)]
        attestation_minimum_level: AttestationLevel,
        /// Ask iOS devices with an App Attest key for an assertion with every approval.
        #[arg(long)]
        attestation_assertions: bool,
        /// Google's attestation status list (JSON), refreshed by the operator.
        #[arg(long)]
        attestation_status: Option<PathBuf>,
        /// Google's hardware attestation roots (PEM) instead of the bundled ones.
        #[arg(long)]
        attestation_google_roots: Option<PathBuf>,
        /// Apple's App Attestation root (PEM) instead of the bundled one.
        #[arg(long)]
        attestation_apple_roots: Option<PathBuf>,
    },
    /// Measure complete logins per second over HTTPS on loopback.
    Bench {
        /// Concurrent clients, each with its own connection and profile.
        #[arg(long, default_value_t = 32)]
        clients: usize,
        /// How long to measure.
        #[arg(long, default_value_t = 10.0)]
        seconds: f64,
        /// A running sandbox to measure instead of starting one.
        #[arg(long, requires = "root_ca")]
        url: Option<String>,
        /// The running sandbox's root certificate (PEM file).
        #[arg(long)]
        root_ca: Option<PathBuf>,
        /// Worker threads of the bench's own runtime.
        #[arg(long, default_value_t = 2)]
        threads: usize,
    },
    /// Check attestation evidence by hand; prints one JSON object.
    Attest {
        #[command(subcommand)]
        platform: cmd_attest::AttestCommand,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Serve {
            port,
            bind,
            data_dir,
            json,
            control,
            address_limit,
            address_window,
            header_timeout,
            max_connections,
            connections_per_address,
            attestation_android,
            attestation_apple,
            attestation_minimum_level,
            attestation_assertions,
            attestation_status,
            attestation_google_roots,
            attestation_apple_roots,
        } => {
            let options = SandboxOptions {
                data_dir: Some(data_dir),
                listen: SocketAddr::new(bind, port),
                control,
                throttle: ThrottleSettings {
                    per_address: address_limit,
                    address_window: time::Duration::seconds(
                        i64::try_from(address_window).unwrap_or(i64::MAX),
                    ),
                },
                connections: ConnectionLimits {
                    header_timeout: std::time::Duration::from_secs(header_timeout),
                    max_connections,
                    per_address: connections_per_address,
                },
                attestation: AttestationConfig {
                    policy: AttestationPolicySettings {
                        android: attestation_android,
                        android_minimum_level: attestation_minimum_level,
                        apple: attestation_apple,
                        apple_assertions: attestation_assertions,
                    },
                    status_list: attestation_status,
                    google_roots: attestation_google_roots,
                    apple_roots: attestation_apple_roots,
                },
            };
            serve(options, json)
        }
        Command::Bench {
            clients,
            seconds,
            url,
            root_ca,
            threads,
        } => {
            if clients == 0 || !(seconds > 0.0 && seconds <= 3600.0) || threads == 0 {
                eprintln!("avain-sandbox: --clients, --seconds and --threads must be positive");
                return ExitCode::from(2);
            }
            bench(clients, seconds, url, root_ca, threads)
        }
        Command::Attest { platform } => cmd_attest::run(platform),
    }
}

fn attestation_requirement(text: &str) -> Result<AttestationRequirement, String> {
    serde_json::from_value(serde_json::Value::from(text))
        .map_err(|_| "one of: required, preferred, off".to_owned())
}

fn attestation_level(text: &str) -> Result<AttestationLevel, String> {
    serde_json::from_value(serde_json::Value::from(text))
        .map_err(|_| "one of: software, trusted_environment, strong_box".to_owned())
}

fn runtime(threads: usize) -> Result<tokio::runtime::Runtime, ExitCode> {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(threads)
        .enable_all()
        .build()
        .map_err(|e| {
            eprintln!("avain-sandbox: starting the runtime: {e}");
            ExitCode::FAILURE
        })
}

fn serve(options: SandboxOptions, json: bool) -> ExitCode {
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
    let rt = match runtime(threads) {
        Ok(rt) => rt,
        Err(code) => return code,
    };
    let control = options.control;
    rt.block_on(async move {
        let sandbox = match Sandbox::start(options).await {
            Ok(sandbox) => sandbox,
            Err(e) => {
                eprintln!("avain-sandbox: {e}");
                return ExitCode::FAILURE;
            }
        };
        let root_path = sandbox.data_dir().join("tls").join("root-ca.pem");
        if json {
            let customers: Vec<_> = seed::CUSTOMERS
                .iter()
                .map(seed::SeedCustomer::demo)
                .collect();
            let line = serde_json::json!({
                "url": sandbox.url(),
                "online_bank_url": format!("{}/", sandbox.url()),
                "root_ca_pem": sandbox.root_certificate_pem(),
                "root_ca_file": root_path,
                "bank_keys": sandbox.bank_keys(),
                "customers": customers,
            });
            println!("{line}");
        } else {
            print_banner(&sandbox, &root_path, control);
        }
        wait_for_stop().await;
        sandbox.stop().await;
        ExitCode::SUCCESS
    })
}

fn print_banner(sandbox: &Sandbox, root_path: &std::path::Path, control: bool) {
    let keys = sandbox.bank_keys();
    println!("Avain sandbox bank at {}", sandbox.url());
    println!("Trust this root certificate: {}", root_path.display());
    println!(
        "Online bank in the browser: {}/ (log in with a user id, password and key-card code below)",
        sandbox.url()
    );
    println!(
        "Bank challenge key (P-256): {}",
        URL_SAFE_NO_PAD.encode(keys.challenge_key.as_slice())
    );
    println!(
        "Bank policy key {} (P-256): {}",
        keys.policy_key_id,
        URL_SAFE_NO_PAD.encode(keys.policy_key.as_slice())
    );
    println!();
    println!("Demo customers (user id / password / HETU / phone):");
    for c in &seed::CUSTOMERS {
        println!(
            "  {}  {:<9} {}  {:<14} {:<22} {}",
            c.user_id,
            c.password,
            c.hetu(),
            c.phone.unwrap_or("(no phone)"),
            c.name,
            if c.phone.is_some() && !c.sms_service {
                "SMS service off"
            } else {
                ""
            }
        );
        let card = c.key_card();
        for (row, chunk) in card.chunks(10).enumerate() {
            let cells: Vec<String> = chunk
                .iter()
                .enumerate()
                .map(|(i, code)| format!("{:>2}:{code}", row * 10 + i + 1))
                .collect();
            let label = if row == 0 { "key card" } else { "" };
            println!("      {label:<8} {}", cells.join(" "));
        }
    }
    println!();
    if control {
        println!(
            "SMS and push messages: GET {}/v1/sandbox/outbox",
            sandbox.url()
        );
    } else {
        println!("Control routes /v1/sandbox/* are off (start with --control to read SMS codes).");
    }
    println!("Press Ctrl-C to stop.");
}

async fn wait_for_stop() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {}
                    _ = term.recv() => {}
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}

fn bench(
    clients: usize,
    seconds: f64,
    url: Option<String>,
    root_ca: Option<PathBuf>,
    threads: usize,
) -> ExitCode {
    let rt = match runtime(threads) {
        Ok(rt) => rt,
        Err(code) => return code,
    };
    rt.block_on(async move {
        let result = async {
            let mut child = None;
            let (url, root_pem, challenge_key) = match (url, root_ca) {
                (Some(url), Some(root)) => {
                    let pem = std::fs::read_to_string(&root)
                        .map_err(|e| format!("reading {}: {e}", root.display()))?;
                    let client = avain_sandbox::client::BankClient::new(&url, &pem_to_der(&pem)?)?;
                    let keys: avain_protocol::api::sandbox::BankKeys = client
                        .get("/v1/sandbox/bank-keys", None)
                        .await
                        .map_err(|e| format!("reading the bank's keys: {e}"))?;
                    (url, pem, keys.challenge_key.0)
                }
                _ => {
                    let (process, dir, info) = start_child().await?;
                    child = Some((process, dir));
                    info
                }
            };
            let server_pid = child.as_ref().and_then(|(process, _)| process.id());
            let report = avain_sandbox::bench::run(
                &url,
                &pem_to_der(&root_pem)?,
                &challenge_key,
                clients,
                seconds,
                server_pid,
            )
            .await;
            if let Some((mut process, dir)) = child {
                // Killed and reaped before its data directory goes.
                let _ = process.kill().await;
                drop(dir);
            }
            report
        }
        .await;
        match result {
            Ok(report) => {
                println!("{}", serde_json::to_string(&report).unwrap_or_default());
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("avain-sandbox bench: {e}");
                ExitCode::FAILURE
            }
        }
    })
}

fn pem_to_der(pem: &str) -> Result<Vec<u8>, String> {
    use rustls_pki_types::CertificateDer;
    use rustls_pki_types::pem::PemObject;
    CertificateDer::from_pem_slice(pem.as_bytes())
        .map(|c| c.as_ref().to_vec())
        .map_err(|e| format!("reading the root certificate: {e}"))
}

/// What `start_child` returns: the bank's process, its data directory (removed when
/// dropped) and the URL, root certificate (PEM) and challenge key it printed.
type Child = (
    tokio::process::Child,
    tempfile::TempDir,
    (String, String, Vec<u8>),
);

/// Starts `avain-sandbox serve --port 0 --json` in a fresh directory and reads its line.
async fn start_child() -> Result<Child, String> {
    let exe = std::env::current_exe().map_err(|e| format!("finding myself: {e}"))?;
    let dir = tempfile::Builder::new()
        .prefix("avain-sandbox-bench-")
        .tempdir()
        .map_err(|e| format!("creating a data directory: {e}"))?;
    let mut child = tokio::process::Command::new(exe)
        .args(["serve", "--port", "0", "--json", "--control", "--data-dir"])
        .arg(dir.path())
        .stdout(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .map_err(|e| format!("starting the sandbox: {e}"))?;
    let stdout = child.stdout.take().ok_or("no stdout from the sandbox")?;
    let mut line = String::new();
    BufReader::new(stdout)
        .read_line(&mut line)
        .await
        .map_err(|e| format!("reading the sandbox's first line: {e}"))?;
    let info: serde_json::Value =
        serde_json::from_str(&line).map_err(|e| format!("the sandbox's first line: {e}"))?;
    let url = info["url"].as_str().ok_or("no url")?.to_owned();
    let pem = info["root_ca_pem"]
        .as_str()
        .ok_or("no root_ca_pem")?
        .to_owned();
    let key = info["bank_keys"]["challenge_key"]
        .as_str()
        .and_then(|k| URL_SAFE_NO_PAD.decode(k).ok())
        .ok_or("no challenge key")?;
    Ok((child, dir, (url, pem, key)))
}
