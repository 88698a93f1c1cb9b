//! `avain`: a developer's window into the Avain core.
//!
//! Every subcommand prints text in the chosen language, or with `--json` one JSON object
//! per input; given `-` instead of an input, it reads one input per line from stdin.
//! Exit status: 0 when every input was processed, 2 on usage errors.

mod bench_machine;
mod cmd_alert;
mod cmd_barcode;
mod cmd_bench;
mod cmd_bench_login;
mod cmd_bench_open;
mod cmd_demo;
mod cmd_demo_guest;
mod cmd_gate;
mod cmd_hetu;
mod cmd_iban;
mod cmd_language;
mod cmd_money;
mod cmd_pin;
mod cmd_qr;
mod cmd_reference;
mod cmd_scam;
mod demo_company;
mod input;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::input::Output;

/// Avain: the core of a Finnish mobile bank app and its authenticator.
#[derive(Debug, Parser)]
#[command(name = "avain", version, about)]
struct Cli {
    #[command(flatten)]
    output: Output,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Print the supported languages.
    Languages,
    /// Validate an IBAN: electronic and print forms, the Finnish bank's BIC.
    Iban(cmd_iban::IbanArgs),
    /// Validate a Finnish or RF payment reference, or create one from a base number.
    Reference(cmd_reference::ReferenceArgs),
    /// Decode an e-invoice's virtual barcode (versions 4 and 5).
    Barcode(cmd_barcode::BarcodeArgs),
    /// Read an invoice's EPC QR code ("BCD", versions 001 and 002).
    Qr(cmd_qr::QrArgs),
    /// Format or parse euro amounts (integer cents).
    #[command(subcommand)]
    Money(cmd_money::MoneyCommand),
    /// The PIN policy: check a new PIN.
    #[command(subcommand)]
    Pin(cmd_pin::PinCommand),
    /// Validate a Finnish personal identity code (HETU) and read its birth date.
    Hetu(cmd_hetu::HetuArgs),
    /// Choose the app's language from the phone's preferred language tags.
    Language(cmd_language::LanguageArgs),
    /// Decide whether the app may run on a phone (OS and app version gate).
    Gate(cmd_gate::GateArgs),
    /// The secure inbox's alert texts (no content, no link) and their check.
    #[command(subcommand)]
    Alert(cmd_alert::AlertCommand),
    /// Check a message for the signs of a scam: sender, links, requests, pressure.
    Scam(cmd_scam::ScamArgs),
    /// Speed figures as one JSON line (the local store, the PIN key derivation).
    #[command(subcommand)]
    Bench(cmd_bench::BenchCommand),
    /// Walk the whole customer story against an in-process sandbox bank over HTTPS.
    Demo(cmd_demo::DemoArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Languages => {
            let codes: Vec<&str> = avain_core::Language::ALL.iter().map(|l| l.code()).collect();
            input::emit(
                cli.output,
                &serde_json::json!({ "languages": codes }),
                &codes.join(" "),
            )
        }
        Command::Iban(args) => cmd_iban::run(cli.output, &args),
        Command::Reference(args) => cmd_reference::run(cli.output, &args),
        Command::Barcode(args) => cmd_barcode::run(cli.output, &args),
        Command::Qr(args) => cmd_qr::run(cli.output, &args),
        Command::Money(command) => cmd_money::run(cli.output, &command),
        Command::Pin(command) => cmd_pin::run(cli.output, command),
        Command::Hetu(args) => cmd_hetu::run(cli.output, &args),
        Command::Language(args) => cmd_language::run(cli.output, &args),
        Command::Gate(args) => cmd_gate::run(cli.output, &args),
        Command::Alert(command) => cmd_alert::run(cli.output, &command),
        // The demo exits 1 when a step failed.
        Command::Demo(args) => match cmd_demo::run(cli.output, &args) {
            Ok(true) => Ok(()),
            Ok(false) => return ExitCode::FAILURE,
            Err(e) => Err(e),
        },
        // The scam check has its own exit status (2 when an input line was refused).
        Command::Scam(args) => match cmd_scam::run(cli.output, &args) {
            Ok(code) => return code,
            Err(e) => Err(e),
        },
        Command::Bench(command) => cmd_bench::run(&command),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        // A closed pipe (`avain ... | head`) is not an error worth a message.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("avain: {e}");
            ExitCode::FAILURE
        }
    }
}
