//! Issued challenges, kept in memory until they expire.
//!
//! Why not in the database: a challenge is worthless after a restart, and forgetting it is
//! safe (an answer to a forgotten challenge is refused as `challenge_unknown`, so no
//! replay becomes possible). What must survive a crash is the profile's last accepted
//! counter and its failure count, and those are in the database, committed before the
//! answer. This keeps the two round trips of a login down to one database write.

use std::collections::HashMap;
use std::sync::Mutex;

use avain_protocol::api::{Base64Bytes, Challenge, LoginChannel, Purpose};
use time::{Duration, OffsetDateTime};

use crate::bank_keys::BankSigningKey;
use crate::crypto;
use crate::db::records::Profile;
use crate::error::{ApiError, ApiResult};
use avain_protocol::api::ErrorCode;

/// How long a challenge can be answered, on the bank's clock.
pub const TTL: Duration = Duration::seconds(120);

/// How often expired entries are swept out (a sweep walks every entry, so it must not
/// run per request).
const SWEEP_EVERY: Duration = Duration::seconds(10);

/// The OS and app versions a device reported when it asked for a challenge.
///
/// Anyone who knows a profile id can ask for a challenge, so what it reports is only a
/// claim: the OS policy is applied to it, but the profile's stored versions change only
/// when the answer to this challenge verifies (`approvals::approve`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportedVersions {
    /// The OS version reported.
    pub os_version: String,
    /// The app version reported.
    pub app_version: String,
}

impl ReportedVersions {
    /// The versions the OS policy applies to: those `reported` with the request for the
    /// challenge, else the ones stored for `profile` at its last verified answer.
    pub fn or_stored<'a>(reported: Option<&'a Self>, profile: &'a Profile) -> (&'a str, &'a str) {
        match reported {
            Some(r) => (&r.os_version, &r.app_version),
            None => (&profile.os_version, &profile.app_version),
        }
    }
}

/// What the bank remembers about a challenge besides what it sent.
#[derive(Debug, Clone)]
pub struct Issued {
    /// The challenge as sent (signed).
    pub challenge: Challenge,
    /// The customer the profile belongs to.
    pub customer_id: i64,
    /// For logins: app or online bank.
    pub channel: LoginChannel,
    /// The versions reported with the request for this challenge (none for challenges
    /// issued inside a session, which use the stored ones).
    pub reported: Option<ReportedVersions>,
}

#[derive(Debug, Default)]
struct Inner {
    /// Challenges not yet answered.
    open: HashMap<String, Issued>,
    /// Answered challenges until they would have expired, so a replay is told
    /// `challenge_used` rather than `challenge_unknown`.
    used: HashMap<String, OffsetDateTime>,
    /// The last counter issued per profile, so challenges issued close together still
    /// carry distinct, increasing counters.
    last_issued: HashMap<String, u64>,
    next_sweep: Option<OffsetDateTime>,
}

impl Inner {
    fn sweep(&mut self, now: OffsetDateTime) {
        if self.next_sweep.is_some_and(|at| now < at) {
            return;
        }
        self.next_sweep = Some(now + SWEEP_EVERY);
        self.open
            .retain(|_, issued| issued.challenge.expires_at > now);
        self.used.retain(|_, expires_at| *expires_at > now);
    }
}

/// The challenge store.
#[derive(Debug, Default)]
pub struct ChallengeStore {
    inner: Mutex<Inner>,
}

/// What a new challenge is about.
#[derive(Debug, Clone)]
pub struct ChallengeSpec {
    /// Profile answering.
    pub profile_id: String,
    /// Its device.
    pub device_id: String,
    /// Its customer.
    pub customer_id: i64,
    /// The profile's last accepted counter (from the database).
    pub accepted_counter: u64,
    /// Purpose.
    pub purpose: Purpose,
    /// Who asks.
    pub requester: String,
    /// The object approved.
    pub subject_id: Option<String>,
    /// Login channel (ignored for other purposes).
    pub channel: LoginChannel,
    /// The id of the profile's current K_pin (see `Challenge::pin_key_id`).
    pub pin_key_id: Option<String>,
    /// The versions the device reported with its request, if it reported any.
    pub reported: Option<ReportedVersions>,
    /// Whether the answer must carry an App Attest assertion (the policy, for an iOS device
    /// with an attested App Attest key).
    pub app_attest_assertion_requested: bool,
}

impl ChallengeStore {
    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        match self.inner.lock() {
            Ok(inner) => inner,
            Err(poisoned) => poisoned.into_inner(),
        }
    }

    /// Issues and signs a challenge.
    pub fn issue(
        &self,
        spec: ChallengeSpec,
        now: OffsetDateTime,
        key: &BankSigningKey,
    ) -> ApiResult<Challenge> {
        let nonce: [u8; 32] = crypto::random_bytes();
        let challenge_id = crypto::new_id("chl");
        let counter = {
            let mut inner = self.lock();
            inner.sweep(now);
            let last = inner
                .last_issued
                .get(&spec.profile_id)
                .copied()
                .unwrap_or(0)
                .max(spec.accepted_counter);
            let counter = last.saturating_add(1);
            inner.last_issued.insert(spec.profile_id.clone(), counter);
            counter
        };
        let mut challenge = Challenge {
            challenge_id: challenge_id.clone(),
            profile_id: spec.profile_id,
            device_id: spec.device_id,
            purpose: spec.purpose,
            nonce: Base64Bytes(nonce.to_vec()),
            counter,
            requester: spec.requester,
            subject_id: spec.subject_id,
            issued_at: now,
            expires_at: now + TTL,
            pin_key_id: spec.pin_key_id,
            app_attest_assertion_requested: spec.app_attest_assertion_requested,
            bank_signature: Base64Bytes::default(),
        };
        let signature = key
            .sign(&challenge.signing_input())
            .map_err(|e| ApiError::internal("signing a challenge", e))?;
        challenge.bank_signature = Base64Bytes(signature);
        let issued = Issued {
            challenge: challenge.clone(),
            customer_id: spec.customer_id,
            channel: spec.channel,
            reported: spec.reported,
        };
        self.lock().open.insert(challenge_id, issued);
        Ok(challenge)
    }

    /// Takes a challenge for answering: from now on it is used, whatever the outcome.
    pub fn take(&self, challenge_id: &str, now: OffsetDateTime) -> ApiResult<Issued> {
        let mut inner = self.lock();
        let Some(issued) = inner.open.remove(challenge_id) else {
            return Err(if inner.used.contains_key(challenge_id) {
                ErrorCode::ChallengeUsed.into()
            } else {
                ErrorCode::ChallengeUnknown.into()
            });
        };
        let expires_at = issued.challenge.expires_at;
        inner.used.insert(challenge_id.to_owned(), expires_at);
        if now >= expires_at {
            return Err(ErrorCode::ChallengeExpired.into());
        }
        Ok(issued)
    }

    /// Forgets every challenge and counter (sandbox reset).
    pub fn clear(&self) {
        let mut inner = self.lock();
        inner.open.clear();
        inner.used.clear();
        inner.last_issued.clear();
    }
}
