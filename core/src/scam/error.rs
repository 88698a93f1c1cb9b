//! Why a message could not be checked.

use crate::i18n::{self, Arg, Language};

/// The longest message text checked, in characters: far beyond any SMS or ordinary
/// email, and small enough that the check stays quick on a phone.
pub const MAX_TEXT_CHARS: usize = 100_000;

/// The longest sender checked, in characters (an email "From" with a display name).
pub const MAX_SENDER_CHARS: usize = 512;

/// Why [`check_message`](super::check_message) refused its input. Carries only sizes,
/// never the sender or the text, so it can be logged.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ScamError {
    /// The message text is longer than [`MAX_TEXT_CHARS`].
    #[error("message too long: {chars} characters")]
    TextTooLong {
        /// The text's length in characters.
        chars: usize,
    },
    /// The sender is longer than [`MAX_SENDER_CHARS`].
    #[error("sender too long: {chars} characters")]
    SenderTooLong {
        /// The sender's length in characters.
        chars: usize,
    },
}

impl ScamError {
    /// The stable snake_case code.
    pub fn code(&self) -> &'static str {
        match self {
            ScamError::TextTooLong { .. } => "message_too_long",
            ScamError::SenderTooLong { .. } => "sender_too_long",
        }
    }

    /// The explanation in `lang`.
    pub fn message(&self, lang: Language) -> String {
        let (id, max) = match self {
            ScamError::TextTooLong { .. } => ("scam-error-message-too-long", MAX_TEXT_CHARS),
            ScamError::SenderTooLong { .. } => ("scam-error-sender-too-long", MAX_SENDER_CHARS),
        };
        let max = i64::try_from(max).unwrap_or(i64::MAX);
        i18n::text_with(lang, id, &[("max", Arg::Number(max))])
    }
}
