//! The versions the app shows under "More" (seed: "Uppgiften om version"): the core's own
//! and the app's. The app's is the one the shell passed in [`super::DeviceDetails`], and
//! it is the same value the OS gate compares with the policy's minimum app version, the
//! bank sees at registration and pushed requests carry: one reader, [`Inner::app_version`].

use super::{Avain, Inner};

/// The core's version: the crate's, fixed at build time.
pub const CORE_VERSION: &str = env!("CARGO_PKG_VERSION");

/// The versions to show the customer (and support).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Versions {
    /// The core library's version, e.g. "0.1.0".
    pub core: String,
    /// The app's version as the shell reported it in `DeviceDetails::app_version`.
    pub app: String,
}

impl Inner {
    /// The app's version: the one value the OS gate, the bank and "More" all use.
    pub(crate) fn app_version(&self) -> &str {
        &self.device.app_version
    }
}

impl Avain {
    /// The core's and the app's versions, for "More". Pure: no I/O.
    pub fn versions(&self) -> Versions {
        Versions {
            core: CORE_VERSION.to_owned(),
            app: self.inner.app_version().to_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::CORE_VERSION;

    #[test]
    fn the_core_version_is_the_crates() {
        assert_eq!(CORE_VERSION, env!("CARGO_PKG_VERSION"));
        assert!(
            CORE_VERSION.split('.').all(|p| p.parse::<u32>().is_ok()),
            "{CORE_VERSION}"
        );
    }
}
