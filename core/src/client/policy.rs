//! The OS policy in the app: fetched from the bank, verified against the bank's policy
//! keys, accepted only with a sequence number not lower than the cached one, cached, and
//! applied before every approval. A refused policy (forged, tampered, rolled back) leaves
//! the cached one in force; with nothing cached the built-in policy applies.

use std::sync::Arc;

use time::Duration;

use super::{Avain, AvainError, Inner};
use crate::i18n;
use crate::os_policy::{GateDecision, OsPolicy, SignedPolicy, Version};
use crate::store::StoreError;

/// How old a cached policy may be before a login fetches a new one.
const REFRESH_AFTER: Duration = Duration::hours(6);

/// The OS gate's answer for this phone, for the start screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PolicyStatus {
    /// The sequence number of the policy in force (0: the built-in one).
    pub sequence: u64,
    /// `allowed`, `warn`, `cannot_install` or `blocked`.
    pub decision: String,
    /// What to tell the customer (with the cut-off date for a warning, the browser bank
    /// as the fallback for a block).
    pub message: String,
    /// The cut-off date of a warning, "15.4.2024".
    pub cutoff: Option<String>,
}

impl Inner {
    /// The policy in force and its sequence number (0 for the built-in one).
    pub(crate) fn current_policy(&self) -> (OsPolicy, u64) {
        match self.store.verified_policy(&self.bank.policy_keys) {
            Ok(Some((policy, sequence))) => (policy, sequence),
            Ok(None) => (OsPolicy::builtin(), 0),
            Err(e) => {
                tracing::warn!(target: "avain::client", code = e.code(), "cached policy unusable");
                (OsPolicy::builtin(), 0)
            }
        }
    }

    fn decision(&self) -> (GateDecision, u64) {
        let (policy, sequence) = self.current_policy();
        let os = Version::parse(&self.device.os_version);
        let app = Version::parse(&self.device.app_version).ok();
        let decision = match os {
            Ok(os) => policy.evaluate(self.device.platform, os, app, self.now().date()),
            // An OS version the shell could not report cleanly is treated as too old
            // rather than let through.
            Err(_) => policy.evaluate(
                self.device.platform,
                Version::new(0, 0),
                app,
                self.now().date(),
            ),
        };
        (decision, sequence)
    }

    /// Refuses the approval when the phone may not run the app; otherwise the warning
    /// to show, if any.
    pub(crate) fn gate_before_approval(&self) -> Result<Option<String>, AvainError> {
        let (decision, _) = self.decision();
        let lang = self.lang();
        let message = decision.message(self.device.platform, lang);
        match decision {
            GateDecision::Allowed => Ok(None),
            GateDecision::Warn { .. } => Ok(Some(message)),
            GateDecision::CannotInstall { .. } | GateDecision::Blocked { .. } => {
                Err(AvainError::DeviceNotSupported {
                    code: decision
                        .reason()
                        .map(|r| r.code())
                        .unwrap_or("cannot_install")
                        .to_owned(),
                    message,
                })
            }
        }
    }

    /// Fetches the bank's policy and accepts it if it verifies and is not older than the
    /// cached one. Changes persisted state when accepted.
    pub(crate) async fn refresh_policy(self: &Arc<Self>) -> Result<(), AvainError> {
        let lang = self.lang();
        let envelope: SignedPolicy = self
            .http
            .get("v1/policy", None)
            .await
            .map_err(|e| AvainError::from_net(lang, e))?;
        let last = match self.store.cached_policy() {
            Ok(cached) => cached.map(|c| c.sequence),
            Err(e) => return Err(AvainError::from_store(lang, e)),
        };
        let policy = envelope.accept(&self.bank.policy_keys, last).map_err(|e| {
            tracing::warn!(target: "avain::client", code = e.code(), "policy refused");
            AvainError::Untrusted {
                code: format!("policy_{}", e.code()),
                message: e.message(lang),
            }
        })?;
        match self.store.save_policy(&envelope, &policy, self.now()) {
            Ok(()) => Ok(()),
            Err(StoreError::InvalidValue { .. }) => Err(AvainError::Untrusted {
                code: "policy_malformed".to_owned(),
                message: i18n::text(lang, "os-policy-error-not-updated"),
            }),
            Err(e) => Err(AvainError::from_store(lang, e)),
        }
    }

    /// Fetches a new policy when the cached one is old; failures keep the cached one.
    pub(crate) async fn refresh_policy_if_stale(self: &Arc<Self>) {
        let stale = match self.store.cached_policy() {
            Ok(Some(cached)) => self.now() - cached.accepted_at > REFRESH_AFTER,
            _ => true,
        };
        if stale && let Err(e) = self.refresh_policy().await {
            tracing::info!(target: "avain::client", code = e.code(), "policy not refreshed");
        }
    }

    pub(crate) fn policy_status(&self) -> PolicyStatus {
        let (decision, sequence) = self.decision();
        PolicyStatus {
            sequence,
            decision: decision.code().to_owned(),
            message: decision.message(self.device.platform, self.lang()),
            cutoff: decision.cutoff().map(crate::confirmation::finnish_date),
        }
    }
}

impl Avain {
    /// Fetches, verifies and caches the bank's OS policy, then gives the gate's answer.
    /// A refused policy ([`AvainError::Untrusted`]) leaves the cached one in force.
    /// Changes persisted state when a newer policy is accepted.
    pub async fn refresh_policy(&self) -> Result<PolicyStatus, AvainError> {
        self.run(|inner| async move {
            inner.refresh_policy().await?;
            Ok(inner.policy_status())
        })
        .await
    }

    /// The gate's answer under the policy in force, without asking the bank.
    pub fn policy_status(&self) -> PolicyStatus {
        self.inner.policy_status()
    }
}
