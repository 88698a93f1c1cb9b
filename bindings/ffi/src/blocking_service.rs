//! The blocking service (24/7): its numbers, from the bank or built in when offline, and
//! blocking the online-bank codes and the payment cards at once from the app. The core's
//! records cross as they are; blocking the codes locks the profile until the bank opens
//! it, which the core mirrors.

use avain_core::client::{BlockOutcome, BlockingNumbers};

use crate::avain::Avain;
use crate::error::AvainError;

#[uniffi::export]
impl Avain {
    /// The blocking service's numbers from the bank, or the built-in ones without a
    /// connection (a lost phone's owner may be offline abroad). Never fails.
    pub async fn blocking_service(&self) -> BlockingNumbers {
        self.core.blocking_service().await
    }

    /// Blocks the online-bank codes and/or every payment card at once (logged in; at
    /// least one chosen, else `InvalidInput`). Blocking the codes ends the session and
    /// locks the profile until the bank opens it. Changes persisted state.
    pub async fn block(&self, codes: bool, cards: bool) -> Result<BlockOutcome, AvainError> {
        Ok(self.core.block(codes, cards).await?)
    }
}
