//! What every request handler shares.

use std::sync::{Arc, RwLock};

use avain_core::os_policy::{GateDecision, GateReason, OsPolicy, SignedPolicy};
use avain_protocol::api::ErrorCode;
use ring::rand::SystemRandom;
use time::{Duration, OffsetDateTime};

use crate::bank_keys::BankKeys;
use crate::challenges::ChallengeStore;
use crate::clock::{Clock, ClockMode, from_millis, to_millis};
use crate::db::Db;
use crate::error::{ApiError, ApiResult};
use crate::outbox::Outbox;
use crate::sessions::SessionStore;

/// The `key_id` of the bank's policy key in signed policy envelopes.
pub const POLICY_KEY_ID: &str = "avain-sandbox-policy-1";

/// The policy in force and its signed envelope.
#[derive(Debug, Clone)]
pub struct CurrentPolicy {
    /// The rules.
    pub policy: OsPolicy,
    /// As served.
    pub signed: SignedPolicy,
}

/// The server's shared state.
#[derive(Debug)]
pub struct AppState {
    /// The database.
    pub db: Db,
    /// The settable clock.
    pub clock: Clock,
    /// The bank's keys.
    pub keys: BankKeys,
    /// Sent SMS, push and e-mail.
    pub outbox: Outbox,
    /// Issued challenges.
    pub challenges: ChallengeStore,
    /// Live sessions.
    pub sessions: SessionStore,
    /// The OS policy in force.
    pub policy: RwLock<CurrentPolicy>,
    /// The browser online bank's pending app logins.
    pub web: crate::web::WebState,
    /// Limits on unauthenticated starts.
    pub throttle: crate::throttle::Throttle,
    /// The decoy unlock attempts handed out for non-matching HETU and user id pairs.
    pub decoys: crate::decoys::Decoys,
    /// Wrong-password counts of user ids the bank does not have (decoy locks).
    pub unknown_users: crate::unknown_users::UnknownUsers,
    /// Key attestation: the policy, the anchors and, in test mode, the simulated services.
    pub attestation: crate::attestation::Attestation,
}

/// The handle handlers receive.
pub type Shared = Arc<AppState>;

impl AppState {
    /// The bank's "now".
    pub fn now(&self) -> OffsetDateTime {
        self.clock.now()
    }

    /// The policy in force.
    pub fn current_policy(&self) -> CurrentPolicy {
        match self.policy.read() {
            Ok(p) => p.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        }
    }

    /// Applies the OS policy to a device: `Ok` when the app may run (a warning is fine),
    /// otherwise the error the app shows. `installing` also refuses an OS below the
    /// install minimum.
    pub fn check_device(
        &self,
        platform: &str,
        os_version: &str,
        app_version: &str,
        installing: bool,
    ) -> ApiResult<()> {
        let today = self.now().date();
        // Read in place: every challenge and answer comes here, and a copy of the policy
        // and its signed envelope would be a dozen allocations each time.
        let decision = match self.policy.read() {
            Ok(current) => current
                .policy
                .gate(platform, os_version, Some(app_version), today),
            Err(poisoned) => {
                poisoned
                    .into_inner()
                    .policy
                    .gate(platform, os_version, Some(app_version), today)
            }
        }
        .map_err(|_| ApiError::new(ErrorCode::InvalidValue))?;
        match decision {
            GateDecision::Allowed | GateDecision::Warn { .. } => Ok(()),
            GateDecision::CannotInstall { .. } if !installing => Ok(()),
            GateDecision::CannotInstall { .. } => Err(ErrorCode::OsNotSupported.into()),
            GateDecision::Blocked {
                reason: GateReason::AppTooOld,
                ..
            } => Err(ErrorCode::AppUpdateRequired.into()),
            GateDecision::Blocked { .. } => Err(ErrorCode::OsNotSupported.into()),
        }
    }

    /// Signs `policy` with the next sequence number, stores it and puts it in force.
    pub async fn publish_policy(
        self: &Arc<Self>,
        mut policy: OsPolicy,
    ) -> ApiResult<CurrentPolicy> {
        policy
            .validate()
            .map_err(|_| ApiError::new(ErrorCode::InvalidValue))?;
        let state = self.clone();
        let now = self.now();
        let current = self
            .db
            .write(move |conn| {
                let last: i64 =
                    conn.query_row("SELECT COALESCE(MAX(sequence), 0) FROM policies", [], |r| {
                        r.get(0)
                    })?;
                policy.sequence = u64::try_from(last).unwrap_or(0) + 1;
                policy.issued = now.date();
                let signed = sign_policy(&state.keys, &policy)?;
                let json = serde_json::to_string(&signed)
                    .map_err(|e| ApiError::internal("policy envelope", e))?;
                conn.execute(
                    "INSERT INTO policies (sequence, document, signature, published_at)
                     VALUES (?1, ?2, ?3, ?4)",
                    rusqlite::params![last + 1, json, signed.signature.as_bytes(), to_millis(now)],
                )?;
                Ok(CurrentPolicy { policy, signed })
            })
            .await?;
        match self.policy.write() {
            Ok(mut p) => *p = current.clone(),
            Err(poisoned) => *poisoned.into_inner() = current.clone(),
        }
        Ok(current)
    }

    /// Persists the clock's mode so a restarted server keeps the test time.
    pub async fn persist_clock(&self) -> ApiResult<()> {
        let value = match self.clock.mode() {
            ClockMode::Running { offset } => {
                format!("running:{}", offset.whole_milliseconds())
            }
            ClockMode::Frozen(at) => format!("frozen:{}", to_millis(at)),
        };
        self.db
            .write(move |conn| {
                conn.execute(
                    "INSERT INTO meta (key, value) VALUES ('clock', ?1)
                     ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    [value],
                )?;
                Ok(())
            })
            .await
    }
}

/// Signs a policy with the bank's policy key.
pub fn sign_policy(keys: &BankKeys, policy: &OsPolicy) -> ApiResult<SignedPolicy> {
    SignedPolicy::sign(
        policy,
        POLICY_KEY_ID,
        keys.policy.key_pair(),
        &SystemRandom::new(),
    )
    .map_err(|e| ApiError::internal("signing the policy", e))
}

/// Reads a persisted clock mode ("running:<offset ms>" or "frozen:<unix ms>").
pub fn parse_clock(value: &str) -> Option<ClockMode> {
    let (kind, number) = value.split_once(':')?;
    let number: i64 = number.parse().ok()?;
    match kind {
        "running" => Some(ClockMode::Running {
            offset: Duration::milliseconds(number),
        }),
        "frozen" => Some(ClockMode::Frozen(from_millis(number))),
        _ => None,
    }
}
