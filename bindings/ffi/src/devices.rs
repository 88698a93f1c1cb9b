//! [`Devices`]: the customer's trusted devices and removing one remotely. Thin calls into
//! the core's `Devices`.

use std::sync::Arc;

use avain_core::client::{self as core, ApprovalFactor, TrustedDevice};

use crate::avain::Avain;
use crate::error::AvainError;

/// Trusted devices: `avain.devices()` in Kotlin and Swift, a view of the one
/// [`Avain`] it came from.
#[derive(uniffi::Object)]
pub struct Devices {
    avain: Arc<core::Avain>,
}

impl std::fmt::Debug for Devices {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Devices").finish_non_exhaustive()
    }
}

impl Devices {
    fn area(&self) -> core::Devices<'_> {
        self.avain.devices()
    }
}

#[uniffi::export]
impl Avain {
    /// Trusted devices.
    pub fn devices(&self) -> Arc<Devices> {
        Arc::new(Devices {
            avain: Arc::clone(&self.core),
        })
    }
}

#[uniffi::export]
impl Devices {
    /// The customer's trusted devices (logged in).
    pub async fn list(&self) -> Result<Vec<TrustedDevice>, AvainError> {
        self.area().list().await
    }

    /// Removes a trusted device remotely, approved with `factor`. Removing this device
    /// also deletes the profile here. Changes persisted state.
    pub async fn remove_device(
        &self,
        device_id: String,
        factor: ApprovalFactor,
    ) -> Result<(), AvainError> {
        self.area().remove_device(device_id, factor).await
    }
}
