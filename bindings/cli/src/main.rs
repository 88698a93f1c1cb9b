//! `avain`: a developer's window into the Avain core.
//!
//! Every subcommand prints text in the chosen language, or with `--json` one JSON object
//! per input; given `-` instead of an input, it reads one input per line from stdin.
//! Exit status: 0 when every input was processed, 2 on usage errors.

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
