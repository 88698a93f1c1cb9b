//! PINs: the secret type and the policy for creating and changing one.
//!
//! A PIN is 4 to 8 digits. Creating or changing one runs [`check_pin`], which accepts it
//! or names every reason to refuse it, in a fixed order with stable codes
//! ([`PinReason`]), each with a message in Finnish, Swedish and English. The customer
//! also sees [`advice`] with every PIN creation.
//!
//! The policy rejects what an attacker with five guesses would try first: series and
//! repeats, dates (above all the customer's own birth date, which is on the ID card and
//! starts the personal identity code) and the most popular PINs from published research
//! (`core/data/pins/`). It still accepts at least 85 % of all 4-digit and 90 % of all
//! 6-digit PINs, so customers can find one they remember.

mod advice;
mod check;
mod common;
mod reason;
mod rules;
mod secret;

pub use advice::{ADVICE_IDS, advice};
pub use check::{PinCheck, PinContext, check_pin, preload};
pub use reason::{PinReason, PinReasons};
pub use secret::Pin;

/// The shortest PIN allowed.
pub const MIN_LEN: usize = 4;
/// The longest PIN allowed.
pub const MAX_LEN: usize = 8;
