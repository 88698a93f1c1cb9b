//! `avain alert`: the content-free alert texts of the secure inbox, and the check that
//! an alert text follows the rule (no content, no link, no amount, no name).
//!
//! ```sh
//! avain --lang sv alert render --channel email
//! avain --json alert check "Sinulle on uusi viesti verkkopankissa. Avaa sovellus itse ja lue viesti."
//! ```

use std::io;

use avain_core::inbox::{AlertChannel, check_alert_text, render_alert};
use serde_json::json;

use crate::input::{self, Output};

/// The alert subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum AlertCommand {
    /// Print the alert text for a channel.
    Render {
        /// Where the alert goes.
        #[arg(long, value_enum, default_value = "sms")]
        channel: Channel,
    },
    /// Check that an alert text follows the rule; `-` checks each stdin line.
    Check {
        /// The alert text, or `-`.
        text: String,
    },
}

/// An alert channel on the command line.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum Channel {
    /// Email: subject and body.
    Email,
    /// Text message.
    Sms,
    /// Push notification: title and body.
    Push,
}

impl From<Channel> for AlertChannel {
    fn from(channel: Channel) -> Self {
        match channel {
            Channel::Email => AlertChannel::Email,
            Channel::Sms => AlertChannel::Sms,
            Channel::Push => AlertChannel::Push,
        }
    }
}

/// Runs an alert subcommand.
pub fn run(output: Output, command: &AlertCommand) -> io::Result<()> {
    let lang = output.lang;
    match command {
        AlertCommand::Render { channel } => {
            let alert = render_alert((*channel).into(), lang);
            let value = json!({ "title": alert.title, "body": alert.body });
            input::emit(output, &value, &alert.to_text())
        }
        AlertCommand::Check { text } => input::for_each_input(text, |text| {
            let violations = check_alert_text(text).err().unwrap_or_default();
            let listed: Vec<_> = violations
                .iter()
                .map(|v| json!({ "code": v.code(), "message": v.message(lang) }))
                .collect();
            let human = if violations.is_empty() {
                "ok".to_owned()
            } else {
                violations
                    .iter()
                    .map(|v| format!("- {} [{}]", v.message(lang), v.code()))
                    .collect::<Vec<_>>()
                    .join("\n")
            };
            input::emit(
                output,
                &json!({ "ok": violations.is_empty(), "violations": listed }),
                &human,
            )
        }),
    }
}
