//! `avain gate`: may the app run on this phone? The OS and app version gate, on the
//! built-in policy or on a policy file (plain, or signed and verified against a bank key).

use std::io;
use std::path::PathBuf;

use avain_core::Language;
use avain_core::os_policy::{
    BankKey, Fallback, GateDecision, OsPolicy, Platform, SignedPolicy, Version,
};
use serde_json::{Value, json};
use time::Date;

use crate::input::{self, Output};

/// Arguments of `avain gate`.
#[derive(Debug, clap::Args)]
pub struct GateArgs {
    /// The platform: android, ios, ipados, windows_phone or harmonyos.
    #[arg(long, value_parser = parse_platform)]
    platform: Platform,
    /// The OS version ("13.4.1"), or `-` to read one per line from stdin.
    #[arg(long)]
    os: String,
    /// The app version, when installed ("5.2.0").
    #[arg(long)]
    app: Option<String>,
    /// The day to decide for (YYYY-MM-DD; default today, UTC).
    #[arg(long, value_parser = input::parse_date)]
    date: Option<Date>,
    /// A policy file: a policy document, or a signed policy envelope (then --bank-key).
    #[arg(long)]
    policy: Option<PathBuf>,
    /// A bank key for a signed policy: ID=HEX of the 65-byte uncompressed P-256 key.
    #[arg(long = "bank-key", value_parser = parse_bank_key)]
    bank_keys: Vec<BankKey>,
}

fn parse_platform(code: &str) -> Result<Platform, String> {
    Platform::from_code(code).ok_or_else(|| {
        let codes: Vec<_> = Platform::ALL.iter().map(|p| p.code()).collect();
        format!("unknown platform {code:?}: use one of {}", codes.join(", "))
    })
}

fn parse_bank_key(text: &str) -> Result<BankKey, String> {
    let (id, hex) = text
        .split_once('=')
        .ok_or_else(|| "expected ID=HEX".to_owned())?;
    let bytes = (0..hex.len())
        .step_by(2)
        .map(|i| {
            hex.get(i..i + 2)
                .and_then(|pair| u8::from_str_radix(pair, 16).ok())
        })
        .collect::<Option<Vec<u8>>>()
        .ok_or_else(|| "the key is not hexadecimal".to_owned())?;
    BankKey::new(id, &bytes).map_err(|e| e.to_string())
}

/// Reads the policy file: a signed envelope is verified against the bank keys, a plain
/// document is taken as it is (a developer's what-if).
fn load_policy(path: &PathBuf, keys: &[BankKey]) -> Result<OsPolicy, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    if let Ok(signed) = serde_json::from_slice::<SignedPolicy>(&bytes) {
        if keys.is_empty() {
            return Err("a signed policy needs --bank-key ID=HEX to verify it".to_owned());
        }
        return signed
            .accept(keys, None)
            .map_err(|e| format!("{}: {} ({})", path.display(), e, e.code()));
    }
    let policy: OsPolicy = serde_json::from_slice(&bytes)
        .map_err(|e| format!("{}: not a policy document: {e}", path.display()))?;
    policy
        .validate()
        .map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(policy)
}

/// Runs `avain gate`.
pub fn run(output: Output, args: &GateArgs) -> io::Result<()> {
    let policy = match &args.policy {
        Some(path) => load_policy(path, &args.bank_keys).unwrap_or_else(|message| {
            clap::Error::raw(
                clap::error::ErrorKind::InvalidValue,
                format!("--policy {message}\n"),
            )
            .exit()
        }),
        None => OsPolicy::builtin(),
    };
    let app = match args.app.as_deref().map(Version::parse).transpose() {
        Ok(app) => app,
        Err(e) => clap::Error::raw(
            clap::error::ErrorKind::ValueValidation,
            format!("--app: not a version ({})\n", e.code()),
        )
        .exit(),
    };
    let today = args.date.unwrap_or_else(input::today);
    input::for_each_input(&args.os, |line| {
        let (json, human) = decide(&policy, args.platform, line, app, today, output.lang);
        input::emit(output, &json, &human)
    })
}

/// The JSON object and the human-readable text for one OS version.
fn decide(
    policy: &OsPolicy,
    platform: Platform,
    os: &str,
    app: Option<Version>,
    today: Date,
    lang: Language,
) -> (Value, String) {
    let os_version = match Version::parse(os) {
        Ok(version) => version,
        Err(e) => {
            let error = avain_core::os_policy::GateError::InvalidOsVersion(e);
            return input::invalid(os, error.code(), error.message(lang));
        }
    };
    let decision = policy.evaluate(platform, os_version, app, today);
    let message = decision.message(platform, lang);
    let json = json!({
        "os": os,
        "decision": decision.code(),
        "reason": decision.reason().map(|r| r.code()),
        "cutoff": decision.cutoff().map(iso_date),
        "required": required(&decision).map(|v| v.to_string()),
        "fallback": decision.fallback().map(|_| Fallback::CODE),
        "fallback_url": decision.fallback().and_then(|f| f.url.clone()),
        "message": message,
    });
    (json, format!("{}: {message}", decision.code()))
}

fn required(decision: &GateDecision) -> Option<Version> {
    match decision {
        GateDecision::Allowed => None,
        GateDecision::Warn { required, .. } | GateDecision::CannotInstall { required, .. } => {
            Some(*required)
        }
        GateDecision::Blocked { required, .. } => *required,
    }
}

fn iso_date(date: Date) -> String {
    format!(
        "{:04}-{:02}-{:02}",
        date.year(),
        u8::from(date.month()),
        date.day()
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn gate(platform: Platform, os: &str, today: Date) -> Value {
        decide(
            &OsPolicy::builtin(),
            platform,
            os,
            None,
            today,
            Language::En,
        )
        .0
    }

    #[test]
    fn blocked_after_the_cutoff() {
        let json = gate(Platform::Ios, "13.4.1", date!(2025 - 01 - 01));
        assert_eq!(json["decision"], "blocked");
        assert_eq!(json["reason"], "os_too_old");
        assert_eq!(json["fallback"], "browser_online_bank");
        assert_eq!(json["cutoff"], Value::Null);
        assert!(json["message"].as_str().unwrap().contains("iOS"));
    }

    #[test]
    fn warned_before_it() {
        let json = gate(Platform::Android, "8.1", date!(2024 - 03 - 01));
        assert_eq!(json["decision"], "warn");
        assert_eq!(json["cutoff"], "2024-04-15");
        assert_eq!(json["fallback"], Value::Null);
    }

    #[test]
    fn windows_phone_and_bad_versions() {
        let json = gate(Platform::WindowsPhone, "10", date!(2025 - 01 - 01));
        assert_eq!(json["reason"], "unsupported_platform");
        let json = gate(Platform::Ios, "13.x", date!(2025 - 01 - 01));
        assert_eq!(json["error"], "invalid_os_version");
    }

    #[test]
    fn a_signed_policy_file_is_verified() {
        use ring::rand::SystemRandom;
        use ring::signature::{ECDSA_P256_SHA256_ASN1_SIGNING, EcdsaKeyPair, KeyPair};
        let rng = SystemRandom::new();
        let pkcs8 = EcdsaKeyPair::generate_pkcs8(&ECDSA_P256_SHA256_ASN1_SIGNING, &rng).unwrap();
        let key_pair =
            EcdsaKeyPair::from_pkcs8(&ECDSA_P256_SHA256_ASN1_SIGNING, pkcs8.as_ref(), &rng)
                .unwrap();
        let policy = OsPolicy {
            sequence: 5,
            ..OsPolicy::builtin()
        };
        let signed = SignedPolicy::sign(&policy, "bank-1", &key_pair, &rng).unwrap();
        let path = std::env::temp_dir().join(format!("avain-gate-{}.json", std::process::id()));
        std::fs::write(&path, serde_json::to_vec(&signed).unwrap()).unwrap();
        let hex: String = key_pair
            .public_key()
            .as_ref()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        let key = parse_bank_key(&format!("bank-1={hex}")).unwrap();
        assert_eq!(load_policy(&path, &[key]).unwrap(), policy);
        let other = parse_bank_key(&format!("bank-2={hex}")).unwrap();
        assert!(
            load_policy(&path, &[other])
                .unwrap_err()
                .contains("unknown_key")
        );
        assert!(load_policy(&path, &[]).is_err());
        std::fs::remove_file(&path).unwrap();
    }

    #[test]
    fn bank_keys_parse_from_hex() {
        let hex = format!("04{}", "ab".repeat(64));
        assert!(parse_bank_key(&format!("bank-1={hex}")).is_ok());
        assert!(parse_bank_key("bank-1=zz").is_err());
        assert!(parse_bank_key("no-separator").is_err());
    }
}
