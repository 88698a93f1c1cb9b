//! The bank's other hands for the service flows: the sandbox clock (both the bank's and
//! the phone's), a third party asking through the identification broker, the expert of a
//! video meeting reading out identifiers, and more phones with clocks of their own.

use std::path::Path;
use std::sync::Arc;

use avain_core::api::sandbox::{
    BrokerRequest, BrokerResult, ClockChange, ClockState, IssueIdentifier, IssuedIdentifier,
};
use avain_core::api::{Meeting, Secret};
use avain_core::client::{Avain, AvainConfig, PlatformParts};
use avain_core::keys::{SimulatedSensor, SoftwareBiometrics, SoftwareDeviceKeys};
use avain_core::secrets::MemorySecretStore;
use time::OffsetDateTime;

use crate::{Failure, Harness, ManualClock, bank_config, test_config, test_device};

pub use avain_sandbox::seed::{ANNA_MEETING, THREE_CUSTOMER_MEETING};

/// A phone whose clock the test holds.
pub struct Phone {
    /// The phone's core.
    pub avain: Arc<Avain>,
    /// Its clock.
    pub clock: Arc<ManualClock>,
}

impl std::fmt::Debug for Phone {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Phone")
    }
}

impl ManualClock {
    /// Sets the clock to `at` (forwards or backwards).
    pub fn set(&self, at: OffsetDateTime) {
        let now = avain_core::client::Clock::now(self);
        self.advance(at - now);
    }
}

impl Harness {
    /// Freezes the bank's clock at `at`.
    pub async fn set_bank_clock(&self, at: OffsetDateTime) -> Result<ClockState, Failure> {
        self.browser
            .post(
                "/v1/sandbox/clock",
                None,
                &ClockChange {
                    set: Some(at),
                    advance_s: None,
                    real: None,
                },
            )
            .await
            .map_err(|e| format!("set clock: {e}"))
    }

    /// Sets the bank's clock and this phone's clock to `at`.
    pub async fn set_clocks(&self, at: OffsetDateTime) -> Result<(), Failure> {
        self.set_bank_clock(at).await?;
        self.clock.set(at);
        Ok(())
    }

    /// Puts the bank's clock back on real time and this phone's clock on the system time.
    pub async fn restore_clocks(&self) -> Result<(), Failure> {
        let _: ClockState = self
            .browser
            .post(
                "/v1/sandbox/clock",
                None,
                &ClockChange {
                    set: None,
                    advance_s: None,
                    real: Some(true),
                },
            )
            .await
            .map_err(|e| format!("reset clock: {e}"))?;
        self.clock.set(OffsetDateTime::now_utc());
        Ok(())
    }

    /// A service (`service_name`) asks the broker to identify `user_id`; the bank pushes
    /// the request id to the customer's phones. Returns the request id.
    pub async fn third_party_asks(
        &self,
        service_name: &str,
        user_id: &str,
    ) -> Result<String, Failure> {
        let result: BrokerResult = self
            .browser
            .post(
                "/v1/sandbox/broker/identification-requests",
                None,
                &BrokerRequest {
                    service_name: service_name.to_owned(),
                    user_id: user_id.to_owned(),
                },
            )
            .await
            .map_err(|e| format!("broker request: {e}"))?;
        Ok(result.request_id)
    }

    /// What the broker learns about a request (status, and the name once approved).
    pub async fn broker_result(&self, request_id: &str) -> Result<BrokerResult, Failure> {
        self.browser
            .get(
                &format!("/v1/sandbox/broker/identification-requests/{request_id}"),
                None,
            )
            .await
            .map_err(|e| format!("broker result: {e}"))
    }

    /// The meeting's expert gives `user_id` an identifier (inside the join window).
    pub async fn expert_identifier(&self, code: &str, user_id: &str) -> Result<Secret, Failure> {
        let issued: IssuedIdentifier = self
            .browser
            .post(
                &format!("/v1/sandbox/meetings/{code}/identifiers"),
                None,
                &IssueIdentifier {
                    user_id: user_id.to_owned(),
                },
            )
            .await
            .map_err(|e| format!("issue identifier: {e}"))?;
        Ok(issued.identifier)
    }

    /// The expert's view of a meeting (who has identified).
    pub async fn expert_view(&self, code: &str) -> Result<Meeting, Failure> {
        self.browser
            .get(&format!("/v1/sandbox/meetings/{code}"), None)
            .await
            .map_err(|e| format!("expert view: {e}"))
    }

    /// Another phone against this bank with its own keystore, data directory under `dir`,
    /// languages and a clock the test holds (starting at the bank's time now).
    pub fn phone(&self, dir: &Path, languages: Vec<String>) -> Result<Phone, Failure> {
        let secrets = Arc::new(MemorySecretStore::new());
        let sensor = Arc::new(SimulatedSensor::new());
        let clock = Arc::new(ManualClock::default());
        clock.set(self.bank.clock().now());
        let parts = PlatformParts {
            secrets: secrets.clone(),
            device_keys: Arc::new(SoftwareDeviceKeys::new(secrets.clone())),
            biometric_keys: Arc::new(SoftwareBiometrics::new(secrets, sensor)),
            app_attest: None,
            clock: clock.clone(),
        };
        let avain = Avain::open(
            AvainConfig {
                preferred_languages: languages,
                ..test_config(dir, bank_config(&self.bank)?, test_device())
            },
            parts,
        )
        .map_err(|e| format!("open: {}", e.code()))?;
        Ok(Phone { avain, clock })
    }
}
