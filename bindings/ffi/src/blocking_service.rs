//! The blocking service (24/7): its numbers, from the bank or built in when offline, and
//! blocking the online-bank codes and the payment cards at once from the app. The core's
//! records cross as they are; blocking the codes locks the profile until the bank opens
//! it, which the core mirrors.

use std::sync::Arc;

use avain_core::client::{self as core, BlockOutcome, BlockingNumbers};

use crate::avain::Avain;
use crate::error::AvainError;

/// The blocking service: `avain.blockingService()` in Kotlin and Swift, a view of the one
/// [`Avain`] it came from.
#[derive(uniffi::Object)]
pub struct BlockingService {
    avain: Arc<core::Avain>,
}

impl std::fmt::Debug for BlockingService {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BlockingService").finish_non_exhaustive()
    }
}

impl BlockingService {
    fn area(&self) -> core::BlockingService<'_> {
        self.avain.blocking_service()
    }
}

#[uniffi::export]
impl Avain {
    /// The blocking service.
    pub fn blocking_service(&self) -> Arc<BlockingService> {
        Arc::new(BlockingService {
            avain: Arc::clone(&self.core),
        })
    }
}

#[uniffi::export]
impl BlockingService {
    /// The 24/7 numbers of the blocking service in one sentence, in the customer's
    /// language. Works offline; memory only.
    pub fn numbers_text(&self) -> String {
        self.area().numbers_text()
    }

    /// The blocking service's numbers from the bank, or the built-in ones without a
    /// connection (a lost phone's owner may be offline abroad). Never fails.
    pub async fn numbers(&self) -> BlockingNumbers {
        self.area().numbers().await
    }

    /// Blocks the online-bank codes and/or every payment card at once (logged in; at
    /// least one chosen, else `InvalidInput`). Blocking the codes ends the session and
    /// locks the profile until the bank opens it. Changes persisted state.
    pub async fn block(&self, codes: bool, cards: bool) -> Result<BlockOutcome, AvainError> {
        self.area().block(codes, cards).await
    }
}
