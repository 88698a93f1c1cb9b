//! `avain-sandbox attest android|apple`: check attestation evidence by hand with the bank's
//! own verifier (avain-attest) and print one JSON object. Exit 0 whether the evidence is
//! valid or not; 2 when the input cannot be read (a missing file, not PEM or base64, a bad
//! date or hex).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use avain_attest::android::{AndroidCheck, StatusList, verify_android};
use avain_attest::apple::{AppleCheck, verify_app_attest};
use avain_attest::roots::certificates_from_pem;
use avain_attest::{AndroidPolicy, ApplePolicy, Attested, KeyRole, TrustAnchors, Verdict};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use clap::Subcommand;
use serde_json::{Value, json};
use time::{Date, OffsetDateTime, Time};

/// The platforms whose evidence can be checked.
#[derive(Debug, Subcommand)]
pub enum AttestCommand {
    /// An Android Keystore key's certificate chain (PEM, leaf first).
    Android {
        /// The chain, PEM certificates leaf first.
        #[arg(long)]
        chain: PathBuf,
        /// The challenge the bank gave, hex; without it the challenge is only shown.
        #[arg(long)]
        challenge: Option<String>,
        /// The day to check the certificates' validity at (12:00 UTC); default now.
        #[arg(long)]
        at: Option<String>,
        /// The bank app's package name (repeatable); without it any app is accepted.
        #[arg(long = "package")]
        packages: Vec<String>,
        /// Check the key as K_bio (a biometric for every use).
        #[arg(long)]
        biometric: bool,
        /// Accept an unlocked bootloader and an unverified boot.
        #[arg(long)]
        allow_unlocked: bool,
        /// Google's revocation status list (JSON) to check the chain against.
        #[arg(long)]
        status: Option<PathBuf>,
        /// Roots to trust instead of Google's (PEM).
        #[arg(long)]
        roots: Option<PathBuf>,
    },
    /// An App Attest attestation object.
    Apple {
        /// The attestation object, base64 in a file.
        #[arg(long)]
        object: PathBuf,
        /// The key id from generateKey, base64.
        #[arg(long)]
        key_id: String,
        /// The exact bytes the app passed as clientDataHash, base64.
        #[arg(long)]
        client_data_hash: String,
        /// The app id: team id, a dot, the bundle id.
        #[arg(long)]
        app_id: String,
        /// The day to check the certificates' validity at (12:00 UTC); default now.
        #[arg(long)]
        at: Option<String>,
        /// Expect the development environment instead of production.
        #[arg(long)]
        development: bool,
        /// Roots to trust instead of Apple's (PEM).
        #[arg(long)]
        roots: Option<PathBuf>,
    },
}

/// Runs the command: prints the JSON object, or a line on stderr and exit 2 when the input
/// cannot be read.
pub fn run(command: AttestCommand) -> ExitCode {
    let result = match command {
        AttestCommand::Android {
            chain,
            challenge,
            at,
            packages,
            biometric,
            allow_unlocked,
            status,
            roots,
        } => android(AndroidArgs {
            chain,
            challenge,
            at,
            packages,
            biometric,
            allow_unlocked,
            status,
            roots,
        }),
        AttestCommand::Apple {
            object,
            key_id,
            client_data_hash,
            app_id,
            at,
            development,
            roots,
        } => apple(AppleArgs {
            object,
            key_id,
            client_data_hash,
            app_id,
            at,
            development,
            roots,
        }),
    };
    match result {
        Ok(report) => {
            println!("{report}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("avain-sandbox attest: {message}");
            ExitCode::from(2)
        }
    }
}

struct AndroidArgs {
    chain: PathBuf,
    challenge: Option<String>,
    at: Option<String>,
    packages: Vec<String>,
    biometric: bool,
    allow_unlocked: bool,
    status: Option<PathBuf>,
    roots: Option<PathBuf>,
}

fn android(args: AndroidArgs) -> Result<Value, String> {
    let chain = certificates_from_pem(&read(&args.chain)?)
        .map_err(|_| format!("{}: no PEM certificate", args.chain.display()))?;
    let challenge = args
        .challenge
        .as_deref()
        .map(|h| hex::decode(h).map_err(|_| "--challenge is not hex".to_owned()))
        .transpose()?;
    let at = at(args.at.as_deref())?;
    let anchors = roots(args.roots.as_deref(), TrustAnchors::google)?;
    let revoked = match &args.status {
        Some(path) => StatusList::from_json(&read(path)?)
            .map_err(|_| format!("{}: not a status list", path.display()))?,
        None => StatusList::empty(),
    };
    let policy = AndroidPolicy {
        require_locked_bootloader: !args.allow_unlocked,
        require_verified_boot: !args.allow_unlocked,
        packages: args.packages,
        ..AndroidPolicy::default()
    };
    let check = AndroidCheck {
        chain: &chain,
        challenge: challenge.as_deref(),
        role: if args.biometric {
            KeyRole::Biometric
        } else {
            KeyRole::Device
        },
        at,
    };
    let report = verify_android(&check, &policy, &anchors, &revoked);
    let description = report.description.as_ref();
    let app = description.and_then(|d| d.application_id());
    let root = description.and_then(|d| d.root_of_trust());
    Ok(json!({
        "valid": report.verdict.is_valid(),
        "reason": report.verdict.reason().map(|r| r.code()),
        "security_level": description.map(|d| d.security_level().code()),
        "attestation_security_level": description.map(|d| d.attestation_security_level.code()),
        "keymint_security_level": description.map(|d| d.keymint_security_level.code()),
        "challenge": description.map(|d| hex::encode(&d.challenge)),
        "app": app.and_then(|a| a.packages.first()),
        "packages": app.map(|a| a.packages.clone()).unwrap_or_default(),
        "signer_digests": app
            .map(|a| a.signer_digests.iter().map(hex::encode).collect::<Vec<_>>())
            .unwrap_or_default(),
        "device_locked": root.map(|r| r.device_locked),
        "verified_boot_state": root.map(|r| r.verified_boot_state.code()),
        "chain_length": chain.len(),
        "at": at_text(at),
    }))
}

struct AppleArgs {
    object: PathBuf,
    key_id: String,
    client_data_hash: String,
    app_id: String,
    at: Option<String>,
    development: bool,
    roots: Option<PathBuf>,
}

fn apple(args: AppleArgs) -> Result<Value, String> {
    let text = read(&args.object)?;
    let compact: String = text.split_whitespace().collect();
    let object = STANDARD
        .decode(compact)
        .map_err(|_| format!("{}: not base64", args.object.display()))?;
    let key_id = STANDARD
        .decode(&args.key_id)
        .map_err(|_| "--key-id is not base64".to_owned())?;
    let client_data_hash = STANDARD
        .decode(&args.client_data_hash)
        .map_err(|_| "--client-data-hash is not base64".to_owned())?;
    let at = at(args.at.as_deref())?;
    let anchors = roots(args.roots.as_deref(), TrustAnchors::apple)?;
    let policy = ApplePolicy {
        development: args.development,
        ..ApplePolicy::default()
    };
    let check = AppleCheck {
        object: &object,
        key_id: &key_id,
        client_data_hash: &client_data_hash,
        app_id: &args.app_id,
        at,
    };
    let report = verify_app_attest(&check, &policy, &anchors);
    let environment = match report.verdict {
        Verdict::Valid(Attested::Apple(environment)) => Some(environment.code()),
        _ => None,
    };
    Ok(json!({
        "valid": report.verdict.is_valid(),
        "reason": report.verdict.reason().map(|r| r.code()),
        "environment": environment,
        "app": args.app_id,
        "key_id": STANDARD.encode(&key_id),
        "public_key": report.key.as_ref().map(|k| STANDARD.encode(&k.public_key)),
        "at": at_text(at),
    }))
}

fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
}

fn roots(path: Option<&Path>, bundled: fn() -> TrustAnchors) -> Result<TrustAnchors, String> {
    match path {
        Some(path) => TrustAnchors::from_pem(&read(path)?)
            .map_err(|_| format!("{}: no PEM root certificate", path.display())),
        None => Ok(bundled()),
    }
}

/// `YYYY-MM-DD` at 12:00 UTC, or now.
fn at(day: Option<&str>) -> Result<OffsetDateTime, String> {
    let Some(day) = day else {
        return Ok(OffsetDateTime::now_utc());
    };
    let format = time::macros::format_description!("[year]-[month]-[day]");
    let date = Date::parse(day, format).map_err(|_| format!("--at {day}: not YYYY-MM-DD"))?;
    Ok(date
        .with_time(Time::MIDNIGHT.replace_hour(12).unwrap_or(Time::MIDNIGHT))
        .assume_utc())
}

fn at_text(at: OffsetDateTime) -> String {
    at.format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}
