//! The OS policy in the app: fetched from the bank, verified against the bank's policy
//! keys, accepted only with a sequence number not lower than the cached one or the
//! rollback floor, cached, and applied before every approval. A refused policy (forged,
//! tampered, rolled back) leaves the cached one in force; with nothing ever accepted the
//! built-in policy applies. A cached policy below the floor kept in the secret store, or
//! gone from the database, applies no more: the phone fetches the bank's current one and
//! refuses approvals until it has it ([`crate::os_policy::rollback`]).

use std::sync::{Arc, Mutex};

use time::Duration;

use super::{Avain, AvainError, Inner};
use crate::error::{AvainErrorCode, IntoAvainError};
use crate::i18n;
use crate::os_policy::rollback::{self, ROLLBACK_FLOOR_NAME, Standing};
use crate::os_policy::{GateDecision, OsPolicy, SignedPolicy, Version};
use crate::secrets::{SecretStore, SecretStoreError};
use crate::store::StoreError;

/// How old a cached policy may be before a login fetches a new one.
const REFRESH_AFTER: Duration = Duration::hours(6);

/// The OS gate's decision for this phone, as the start screen branches on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum PolicyDecision {
    /// The app may be used.
    Allowed,
    /// The app may be used until the cut-off date; show the message (update the OS).
    Warn,
    /// The app cannot be installed on this OS; show the message and the browser bank.
    CannotInstall,
    /// The app cannot be used; show the message and the browser online bank.
    Blocked,
    /// No policy applies: the cached one is older than one this phone accepted, or gone.
    /// [`Avain::refresh_policy`] fetches the bank's current one; approvals are refused
    /// until then.
    Unverified,
}

impl PolicyDecision {
    /// The stable code: `allowed`, `warn`, `cannot_install`, `blocked` or `unverified`.
    pub fn code(self) -> &'static str {
        match self {
            PolicyDecision::Allowed => "allowed",
            PolicyDecision::Warn => "warn",
            PolicyDecision::CannotInstall => "cannot_install",
            PolicyDecision::Blocked => "blocked",
            PolicyDecision::Unverified => "unverified",
        }
    }
}

impl From<&GateDecision> for PolicyDecision {
    fn from(decision: &GateDecision) -> Self {
        match decision {
            GateDecision::Allowed => PolicyDecision::Allowed,
            GateDecision::Warn { .. } => PolicyDecision::Warn,
            GateDecision::CannotInstall { .. } => PolicyDecision::CannotInstall,
            GateDecision::Blocked { .. } => PolicyDecision::Blocked,
        }
    }
}

/// The OS gate's answer for this phone, for the start screen.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct PolicyStatus {
    /// The sequence number of the policy in force (0: the built-in one); with
    /// `unverified`, the highest one this phone accepted, which it must get back.
    pub sequence: u64,
    /// What the gate decided.
    pub decision: PolicyDecision,
    /// What to tell the customer (with the cut-off date for a warning, the browser bank
    /// as the fallback for a block).
    pub message: String,
    /// The cut-off date of a warning, "15.4.2024".
    pub cutoff: Option<String>,
}

/// The policy the gate applies now.
pub(crate) enum InForce {
    /// A verified policy at or above the rollback floor, or the built-in one.
    Policy {
        /// The policy.
        policy: OsPolicy,
        /// Its sequence number (0 for the built-in one).
        sequence: u64,
    },
    /// The cached policy is below the floor, or gone.
    RolledBack {
        /// The highest sequence number this phone accepted.
        floor: u64,
    },
}

/// The rollback floor in the secret store, remembered once read: only this object raises
/// it while the app runs, and a restored database does not touch the secret store, so the
/// keystore is read once per app start instead of before every approval. Raising it reads,
/// compares and writes under the same lock (never held across an `.await`).
#[derive(Debug, Default)]
pub(crate) struct PolicyFloor {
    known: Mutex<Option<u64>>,
}

impl PolicyFloor {
    /// The floor; 0 when nothing was ever accepted.
    fn read(&self, secrets: &dyn SecretStore) -> Result<u64, SecretStoreError> {
        let mut known = self.known.lock().unwrap_or_else(|e| e.into_inner());
        Self::read_locked(&mut known, secrets)
    }

    fn read_locked(
        known: &mut Option<u64>,
        secrets: &dyn SecretStore,
    ) -> Result<u64, SecretStoreError> {
        if let Some(floor) = *known {
            return Ok(floor);
        }
        let floor = match secrets.get(ROLLBACK_FLOOR_NAME)? {
            None => 0,
            Some(value) => {
                rollback::decode_floor(value.expose()).ok_or(SecretStoreError::Corrupted)?
            }
        };
        *known = Some(floor);
        Ok(floor)
    }

    /// Raises the floor to `sequence`; never lowers it. Changes persisted state.
    fn raise(&self, secrets: &dyn SecretStore, sequence: u64) -> Result<(), SecretStoreError> {
        let mut known = self.known.lock().unwrap_or_else(|e| e.into_inner());
        // A damaged value is replaced: the sequence being written was just verified.
        if Self::read_locked(&mut known, secrets).is_ok_and(|floor| floor >= sequence) {
            return Ok(());
        }
        secrets.put(ROLLBACK_FLOOR_NAME, &rollback::encode_floor(sequence))?;
        *known = Some(sequence);
        Ok(())
    }
}

impl Inner {
    /// The policy in force: the cached one at or above the rollback floor, the built-in
    /// one when nothing was ever accepted, or none ([`InForce::RolledBack`]).
    pub(crate) fn current_policy(&self) -> InForce {
        let cached = match self.store.verified_policy(&self.bank.policy_keys) {
            Ok(cached) => cached,
            Err(e) => {
                tracing::warn!(target: "avain::client", code = e.code(), "cached policy unusable");
                None
            }
        };
        let floor = match self.policy_floor.read(self.parts.secrets.as_ref()) {
            Ok(floor) => floor,
            Err(e) => {
                // Without the floor a rolled-back database cannot be told: fail closed.
                tracing::warn!(target: "avain::client", code = e.code(), "policy floor unreadable");
                return InForce::RolledBack { floor: 0 };
            }
        };
        match (
            rollback::standing(cached.as_ref().map(|c| c.1), floor),
            cached,
        ) {
            (Standing::Cached { raise_floor }, Some((policy, sequence))) => {
                if raise_floor
                    && let Err(e) = self
                        .policy_floor
                        .raise(self.parts.secrets.as_ref(), sequence)
                {
                    tracing::warn!(target: "avain::client", code = e.code(), "policy floor not raised");
                }
                InForce::Policy { policy, sequence }
            }
            (Standing::RolledBack { floor }, _) => {
                tracing::warn!(target: "avain::client", floor, "cached policy below the rollback floor");
                InForce::RolledBack { floor }
            }
            _ => InForce::Policy {
                policy: OsPolicy::builtin(),
                sequence: 0,
            },
        }
    }

    /// The gate's decision and the policy's sequence number, or the floor when no policy
    /// applies.
    fn decision(&self) -> Result<(GateDecision, u64), u64> {
        let (policy, sequence) = match self.current_policy() {
            InForce::Policy { policy, sequence } => (policy, sequence),
            InForce::RolledBack { floor } => return Err(floor),
        };
        let os = Version::parse(&self.device.os_version);
        let app = Version::parse(self.app_version()).ok();
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
        Ok((decision, sequence))
    }

    /// Refuses the approval when the phone may not run the app; otherwise the warning
    /// to show, if any.
    pub(crate) fn gate_before_approval(&self) -> Result<Option<String>, AvainError> {
        let lang = self.lang();
        let Ok((decision, _)) = self.decision() else {
            return Err(AvainError::Untrusted {
                code: AvainErrorCode::PolicyRolledBack,
                user_message: i18n::text(lang, "client-error-policy-rolled-back"),
            });
        };
        let message = decision.message(self.device.platform, lang);
        match decision {
            GateDecision::Allowed => Ok(None),
            GateDecision::Warn { .. } => Ok(Some(message)),
            GateDecision::CannotInstall { .. } | GateDecision::Blocked { .. } => {
                Err(AvainError::DeviceNotSupported {
                    code: decision
                        .reason()
                        .map_or(AvainErrorCode::CannotInstall, AvainErrorCode::from),
                    user_message: message,
                })
            }
        }
    }

    /// Fetches the bank's policy and accepts it if it verifies and is not older than the
    /// cached one or the rollback floor. Changes persisted state when accepted.
    pub(crate) async fn refresh_policy(self: &Arc<Self>) -> Result<(), AvainError> {
        let lang = self.lang();
        let envelope: SignedPolicy = self
            .http
            .get("v1/policy", None)
            .await
            .map_err(|e| AvainError::from_net(lang, e))?;
        let cached = match self.store.cached_policy() {
            Ok(cached) => cached.map(|c| c.sequence),
            Err(e) => return Err(AvainError::from_store(lang, e)),
        };
        let floor = self
            .policy_floor
            .read(self.parts.secrets.as_ref())
            .unwrap_or_else(|e| {
                tracing::warn!(target: "avain::client", code = e.code(), "policy floor unreadable");
                0
            });
        // The highest sequence seen, in the database or the floor (0: none).
        let last = [cached, (floor > 0).then_some(floor)]
            .into_iter()
            .flatten()
            .max();
        let policy = envelope
            .accept(&self.bank.policy_keys, last)
            .map_err(|e| e.into_avain_error(lang))?;
        match self.store.save_policy(&envelope, &policy, self.now()) {
            Ok(()) => {}
            Err(StoreError::InvalidValue { .. }) => {
                return Err(AvainError::Untrusted {
                    code: AvainErrorCode::PolicyMalformed,
                    user_message: i18n::text(lang, "os-policy-error-not-updated"),
                });
            }
            Err(e) => return Err(AvainError::from_store(lang, e)),
        }
        // After the database: a crash in between leaves the floor below the cached
        // policy, which raises it on the next read; the other order would leave the
        // phone without a policy until the next fetch.
        self.policy_floor
            .raise(self.parts.secrets.as_ref(), policy.sequence)
            .map_err(|e| AvainError::from_store(lang, StoreError::Secrets(e)))
    }

    /// Fetches a new policy when the cached one is old, or below the rollback floor;
    /// failures keep the cached one (and a rolled-back one refused).
    pub(crate) async fn refresh_policy_if_stale(self: &Arc<Self>) {
        let stale = matches!(self.current_policy(), InForce::RolledBack { .. })
            || match self.store.cached_policy() {
                Ok(Some(cached)) => self.now() - cached.accepted_at > REFRESH_AFTER,
                _ => true,
            };
        if stale && let Err(e) = self.refresh_policy().await {
            tracing::info!(target: "avain::client", code = e.code().as_str(), "policy not refreshed");
        }
    }

    /// No policy applies; `floor` is the highest sequence this phone accepted.
    fn unverified(&self, floor: u64) -> PolicyStatus {
        PolicyStatus {
            sequence: floor,
            decision: PolicyDecision::Unverified,
            message: i18n::text(self.lang(), "client-error-policy-rolled-back"),
            cutoff: None,
        }
    }

    pub(crate) fn policy_status(&self) -> PolicyStatus {
        let (decision, sequence) = match self.decision() {
            Ok(decided) => decided,
            Err(floor) => return self.unverified(floor),
        };
        PolicyStatus {
            sequence,
            decision: PolicyDecision::from(&decision),
            message: decision.message(self.device.platform, self.lang()),
            cutoff: decision.cutoff().map(crate::confirmation::finnish_date),
        }
    }
}

impl Avain {
    /// Fetches, verifies and caches the bank's OS policy, then gives the gate's answer.
    /// A refused policy ([`AvainError::Untrusted`]) leaves the cached one in force; a
    /// policy older than the newest this phone accepted is refused even when the
    /// database was rolled back. Changes persisted state when a newer policy is accepted.
    pub async fn refresh_policy(&self) -> Result<PolicyStatus, AvainError> {
        self.run(|inner| async move {
            inner.refresh_policy().await?;
            Ok(inner.policy_status())
        })
        .await
    }

    /// The gate's answer under the policy in force, without asking the bank
    /// ([`PolicyDecision::Unverified`] when the cached policy is below the rollback floor or gone). Reads
    /// the database and the keystore and verifies the policy's signature, so it is async.
    pub async fn policy_status(&self) -> PolicyStatus {
        // The blocking pool failing (the runtime shutting down) is no reason to let an
        // approval through: no policy applies then.
        let fallback = Arc::clone(&self.inner);
        self.local(|inner| Ok(inner.policy_status()))
            .await
            .unwrap_or_else(|_| fallback.unverified(0))
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::PolicyFloor;
    use crate::os_policy::rollback::ROLLBACK_FLOOR_NAME;
    use crate::secrets::{MemorySecretStore, SecretStore};

    #[test]
    fn the_floor_is_only_ever_raised() {
        let secrets = MemorySecretStore::new();
        let floor = PolicyFloor::default();
        assert_eq!(floor.read(&secrets), Ok(0));
        floor.raise(&secrets, 7).unwrap();
        floor.raise(&secrets, 3).unwrap();
        assert_eq!(floor.read(&secrets), Ok(7));
        floor.raise(&secrets, 8).unwrap();
        assert_eq!(floor.read(&secrets), Ok(8));
    }

    #[test]
    fn a_damaged_floor_reads_as_an_error_and_a_raise_replaces_it() {
        let secrets = MemorySecretStore::new();
        secrets.put(ROLLBACK_FLOOR_NAME, b"junk").unwrap();
        let floor = PolicyFloor::default();
        assert!(floor.read(&secrets).is_err());
        floor.raise(&secrets, 4).unwrap();
        assert_eq!(floor.read(&secrets), Ok(4));
    }

    #[test]
    fn concurrent_raises_end_at_the_highest() {
        let secrets = Arc::new(MemorySecretStore::new());
        let floor = Arc::new(PolicyFloor::default());
        let threads: Vec<_> = (1..=64u64)
            .map(|sequence| {
                let (secrets, floor) = (secrets.clone(), floor.clone());
                std::thread::spawn(move || floor.raise(secrets.as_ref(), sequence).unwrap())
            })
            .collect();
        for thread in threads {
            thread.join().unwrap();
        }
        assert_eq!(floor.read(secrets.as_ref()), Ok(64));
    }
}
