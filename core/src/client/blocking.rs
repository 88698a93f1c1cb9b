//! The blocking service (POP FAQ: "Spärrtjänsten för kort och nätbankskoder", open every
//! day around the clock): the 24/7 numbers, which work offline, and blocking the
//! online-bank codes and the payment cards at once from the app.
//!
//! Blocking the codes locks every authenticator profile of the customer at the bank; only
//! the bank can open them again. The phone mirrors that: the session ends and the profile
//! shows "blocked, contact the bank".

use super::{AvainError, BlockingService};
use crate::api::{BlockRequest, BlockResult, BlockingInfo};
use crate::error::AvainErrorCode;
use crate::i18n::{self, Arg, Language};
use crate::lifecycle::{LockReason, ProfileState};

/// The blocking service's number from Finland, built in so it shows without a network.
pub const PHONE_IN_FINLAND: &str = "020 333";
/// The number from abroad.
pub const PHONE_FROM_ABROAD: &str = "+358 20 333";

/// The blocking service's numbers for the "block my codes" screen.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct BlockingNumbers {
    /// From Finland ("020 333").
    pub from_finland: String,
    /// From abroad ("+358 20 333").
    pub from_abroad: String,
    /// When it is open ("24/7").
    pub open: String,
    /// One sentence with both numbers, in the customer's language.
    pub text: String,
}

/// What was blocked.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct BlockOutcome {
    /// The online-bank codes (and every authenticator profile) are blocked.
    pub codes_blocked: bool,
    /// How many payment cards are blocked now.
    pub cards_blocked: u32,
    /// What happened and what next, in the customer's language.
    pub message: String,
    /// The numbers to call (to order new codes or cards).
    pub numbers: BlockingNumbers,
}

/// Only digits, spaces and a leading `+`: a number the phone can dial.
fn dialable(number: &str) -> bool {
    let rest = number.strip_prefix('+').unwrap_or(number);
    !rest.trim().is_empty() && rest.chars().all(|c| c.is_ascii_digit() || c == ' ')
}

/// The numbers from the bank, or the built-in ones when the bank's are missing or odd.
fn numbers(lang: Language, info: Option<BlockingInfo>) -> BlockingNumbers {
    let (from_finland, from_abroad, open) = match info {
        Some(i) if dialable(&i.phone_in_finland) && dialable(&i.phone_from_abroad) => {
            (i.phone_in_finland, i.phone_from_abroad, i.open)
        }
        _ => (
            PHONE_IN_FINLAND.to_owned(),
            PHONE_FROM_ABROAD.to_owned(),
            "24/7".to_owned(),
        ),
    };
    let text = i18n::text_with(
        lang,
        "client-blocking-service",
        &[
            ("finland", Arg::from(from_finland.as_str())),
            ("abroad", Arg::from(from_abroad.as_str())),
        ],
    );
    BlockingNumbers {
        from_finland,
        from_abroad,
        open,
        text,
    }
}

fn outcome(lang: Language, result: BlockResult) -> BlockOutcome {
    let id = match (result.codes_blocked, result.cards_blocked) {
        (true, 0) => "client-blocked-codes",
        (true, _) => "client-blocked-codes-and-cards",
        (false, _) => "client-blocked-cards",
    };
    BlockOutcome {
        codes_blocked: result.codes_blocked,
        cards_blocked: result.cards_blocked,
        message: i18n::text_with(lang, id, &[("cards", Arg::from(result.cards_blocked))]),
        numbers: numbers(lang, Some(result.info)),
    }
}

impl BlockingService<'_> {
    /// The 24/7 numbers of the blocking service in one sentence, for the "block my codes"
    /// screen, in the customer's language. Works offline.
    pub fn numbers_text(self) -> String {
        crate::i18n::text(self.0.language(), "client-blocking-numbers")
    }

    /// The blocking service's 24/7 numbers, from the bank, or the built-in ones when
    /// there is no connection (a lost phone's owner may be offline abroad).
    pub async fn numbers(self) -> BlockingNumbers {
        let result = self
            .0
            .run(|inner| async move {
                let lang = inner.lang();
                let info: Option<BlockingInfo> = inner.http.get("v1/blocking", None).await.ok();
                Ok(numbers(lang, info))
            })
            .await;
        result.unwrap_or_else(|_| numbers(self.0.language(), None))
    }

    /// Blocks the online-bank codes and/or every payment card at once (needs a session;
    /// at least one must be chosen). Blocking the codes ends the session and locks this
    /// profile until the bank opens it (changes persisted state).
    pub async fn block(self, codes: bool, cards: bool) -> Result<BlockOutcome, AvainError> {
        self.0
            .run(move |inner| async move {
                let lang = inner.lang();
                if !codes && !cards {
                    return Err(AvainError::input(lang, AvainErrorCode::BlockNothingChosen));
                }
                let (token, profile_id) = inner.session()?;
                let result: BlockResult = inner
                    .http
                    .post(
                        "v1/blocking",
                        &BlockRequest { codes, cards },
                        Some(token.expose()),
                    )
                    .await
                    .map_err(|e| inner.bank_error(e))?;
                tracing::info!(
                    target: "avain::client",
                    codes = result.codes_blocked,
                    cards = result.cards_blocked,
                    "blocked"
                );
                if result.codes_blocked {
                    inner.session.end();
                    if let Ok(profile) = inner.profile(&profile_id) {
                        inner.set_state(
                            &profile,
                            ProfileState::Locked {
                                reason: LockReason::ByBank,
                            },
                        )?;
                    }
                }
                Ok(outcome(lang, result))
            })
            .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_numbers_work_offline_in_every_language() {
        for lang in Language::ALL {
            let n = numbers(lang, None);
            assert_eq!(n.from_finland, "020 333");
            assert_eq!(n.from_abroad, "+358 20 333");
            assert!(
                n.text.contains("020 333") && n.text.contains("+358 20 333"),
                "{}",
                n.text
            );
        }
    }

    #[test]
    fn odd_numbers_from_the_network_fall_back_to_the_built_in_ones() {
        let odd = BlockingInfo {
            phone_in_finland: "call https://evil.example".into(),
            phone_from_abroad: "+358 20 333".into(),
            open: "24/7".into(),
        };
        assert_eq!(numbers(Language::Fi, Some(odd)).from_finland, "020 333");
    }

    #[test]
    fn the_outcome_says_what_was_blocked() {
        let info = BlockingInfo {
            phone_in_finland: "020 333".into(),
            phone_from_abroad: "+358 20 333".into(),
            open: "24/7".into(),
        };
        for (codes, cards) in [(true, 0), (true, 2), (false, 2)] {
            for lang in Language::ALL {
                let o = outcome(
                    lang,
                    BlockResult {
                        codes_blocked: codes,
                        cards_blocked: cards,
                        info: info.clone(),
                    },
                );
                assert!(!o.message.starts_with("client-"), "{}", o.message);
                if cards > 0 {
                    assert!(o.message.contains('2'), "{}", o.message);
                }
            }
        }
    }
}
