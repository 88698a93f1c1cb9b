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
use crate::db::records::{Customer, Profile};
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
    /// The profile and customer as read to issue a login challenge, so that its answer
    /// does not read them again (`approvals::approve` says how the current rows still
    /// decide).
    pub read_at_issue: Option<Box<ReadAtIssue>>,
}

/// The rows a login challenge was issued on.
#[derive(Clone)]
pub struct ReadAtIssue {
    /// The profile.
    pub profile: Profile,
    /// Its customer.
    pub customer: Customer,
}

/// Keys and personal data stay out of logs: only that the rows are there.
impl std::fmt::Debug for ReadAtIssue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ReadAtIssue").finish_non_exhaustive()
    }
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
    /// The sequence number of the last challenge id (see [`challenge_id`]).
    last_sequence: u64,
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

/// The next challenge id's sequence number: the wall clock in microseconds, or one more
/// than the last when the clock has not moved on (or went back).
fn next_sequence(last: u64, now: std::time::SystemTime) -> u64 {
    let micros = now
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| u64::try_from(d.as_micros()).unwrap_or(u64::MAX));
    micros.max(last.saturating_add(1))
}

/// A challenge id: "chl_", a sequence number (16 hex digits) and 80 random bits.
///
/// Ids issued later sort later, so the answer's row in `approval_events` lands at the end
/// of its `challenge_id` index instead of on a random leaf page: a group commit of many
/// logins then writes one or two index pages rather than one per login (profiling showed
/// the writer spending most of its time writing pages). The random part keeps the id as
/// hard to guess as before (taking a challenge needs its id).
///
/// The random bits are drawn with the challenge's nonce: one call to the OS random source
/// per challenge instead of two.
fn challenge_id(sequence: u64, random: &[u8; 10]) -> String {
    format!("chl_{sequence:016x}{}", crypto::hex(random))
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
    /// The rows read to issue it, kept for the answer (see [`Issued::read_at_issue`]).
    pub read_at_issue: Option<Box<ReadAtIssue>>,
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
        // The nonce (32 bytes) and the id's random part (10) in one draw.
        let random: [u8; 42] = crypto::random_bytes();
        let (nonce, id_random) = random.split_at(32);
        let (challenge_id, counter) = {
            let mut inner = self.lock();
            inner.sweep(now);
            let sequence = next_sequence(inner.last_sequence, std::time::SystemTime::now());
            inner.last_sequence = sequence;
            let last = inner
                .last_issued
                .get(&spec.profile_id)
                .copied()
                .unwrap_or(0)
                .max(spec.accepted_counter);
            let counter = last.saturating_add(1);
            inner.last_issued.insert(spec.profile_id.clone(), counter);
            let mut id_bits = [0u8; 10];
            id_bits.copy_from_slice(id_random);
            (challenge_id(sequence, &id_bits), counter)
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
            read_at_issue: spec.read_at_issue,
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration as StdDuration, UNIX_EPOCH};

    #[test]
    fn challenge_ids_sort_in_the_order_issued_even_when_the_clock_goes_back() {
        let at = |micros: u64| UNIX_EPOCH + StdDuration::from_micros(micros);
        let first = next_sequence(0, at(5_000));
        let same_instant = next_sequence(first, at(5_000));
        let clock_back = next_sequence(same_instant, at(1_000));
        let later = next_sequence(clock_back, at(9_000));
        assert_eq!(
            [first, same_instant, clock_back, later],
            [5_000, 5_001, 5_002, 9_000]
        );
        let ids: Vec<String> = [first, same_instant, clock_back, later]
            .into_iter()
            .map(|sequence| challenge_id(sequence, &crypto::random_bytes()))
            .collect();
        let mut sorted = ids.clone();
        sorted.sort();
        assert_eq!(ids, sorted);
        // 4 + 16 + 20 characters, the random tail differing between two ids of one
        // sequence number.
        assert!(
            ids.iter()
                .all(|id| id.len() == 40 && id.starts_with("chl_"))
        );
        assert_ne!(
            challenge_id(7, &crypto::random_bytes())[20..],
            challenge_id(7, &crypto::random_bytes())[20..]
        );
    }
}
