//! The blocking service: block online-bank codes and cards at once.

use serde::{Deserialize, Serialize};

/// The blocking service's numbers, open 24/7.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BlockingInfo {
    /// From Finland: "020 333".
    pub phone_in_finland: String,
    /// From abroad: "+358 20 333".
    pub phone_from_abroad: String,
    /// "24/7".
    pub open: String,
}

/// `POST /v1/blocking`: what to block.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BlockRequest {
    /// Block the online-bank codes (and every authenticator profile with them).
    pub codes: bool,
    /// Block every payment card.
    pub cards: bool,
}

/// What is blocked now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BlockResult {
    /// The codes are blocked.
    pub codes_blocked: bool,
    /// How many cards are blocked.
    pub cards_blocked: u32,
    /// The numbers to call, e.g. to order new codes.
    pub info: BlockingInfo,
}
