//! Decoy unlock attempts: what a self-service unlock start gets when the user id and HETU
//! do not belong together (or the user id is unknown). The start answers exactly like a
//! real one, and the decoy then fails exactly like a real attempt given wrong SMS codes,
//! so neither step tells whether a HETU belongs to a user id. No SMS is sent for a decoy
//! and no database row is written (a decoy must not end the customer's real attempt).

use std::collections::HashMap;
use std::sync::{Mutex, MutexGuard};

use avain_protocol::api::ErrorCode;
use time::{Duration, OffsetDateTime};

use crate::error::ApiError;

/// How long a decoy is remembered after it expired: a real attempt answers `expired` for
/// good, so a decoy must not turn into `not_found` soon after.
const KEPT_AFTER_EXPIRY: Duration = Duration::DAY;
/// Decoys kept at most (the unlock starts that make them are throttled per address and
/// per user id, so this is only reached by a distributed flood; the oldest go first).
const MAX_DECOYS: usize = 100_000;

#[derive(Debug, Clone, Copy)]
struct Decoy {
    expires_at: OffsetDateTime,
    failures: u32,
}

/// The decoys handed out, by attempt id.
#[derive(Default)]
pub struct Decoys {
    map: Mutex<HashMap<String, Decoy>>,
}

impl std::fmt::Debug for Decoys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Decoys").finish_non_exhaustive()
    }
}

impl Decoys {
    fn lock(&self) -> MutexGuard<'_, HashMap<String, Decoy>> {
        match self.map.lock() {
            Ok(map) => map,
            Err(poisoned) => poisoned.into_inner(),
        }
    }

    /// Remembers a decoy attempt `id` that expires like a real one.
    pub fn issue(&self, id: String, expires_at: OffsetDateTime, now: OffsetDateTime) {
        let mut map = self.lock();
        if map.len() >= MAX_DECOYS {
            map.retain(|_, d| now < d.expires_at + KEPT_AFTER_EXPIRY);
        }
        if map.len() >= MAX_DECOYS {
            let oldest = map
                .iter()
                .min_by_key(|(_, d)| d.expires_at)
                .map(|(id, _)| id.clone());
            if let Some(oldest) = oldest {
                map.remove(&oldest);
            }
        }
        map.insert(
            id,
            Decoy {
                expires_at,
                failures: 0,
            },
        );
    }

    /// The answer to finishing attempt `id` when it is a decoy (`None`: it is not): what
    /// a real attempt answers to a wrong SMS code, `sms_code_wrong` with the attempts
    /// left, then `expired` after `max_failures`.
    pub fn answer(&self, id: &str, max_failures: u32, now: OffsetDateTime) -> Option<ApiError> {
        let mut map = self.lock();
        let decoy = map.get_mut(id)?;
        if now >= decoy.expires_at || decoy.failures >= max_failures {
            return Some(ErrorCode::Expired.into());
        }
        decoy.failures += 1;
        if decoy.failures >= max_failures {
            return Some(ErrorCode::Expired.into());
        }
        Some(ApiError::with_attempts_left(
            ErrorCode::SmsCodeWrong,
            max_failures - decoy.failures,
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_decoy_fails_like_wrong_sms_codes() {
        let decoys = Decoys::default();
        let now = OffsetDateTime::from_unix_timestamp(1_800_000_000).unwrap();
        decoys.issue("ucu_x".into(), now + Duration::minutes(10), now);
        assert_eq!(decoys.answer("ucu_y", 3, now), None);
        let first = decoys.answer("ucu_x", 3, now).unwrap();
        assert_eq!(
            (first.code, first.attempts_left),
            (ErrorCode::SmsCodeWrong, Some(2))
        );
        let second = decoys.answer("ucu_x", 3, now).unwrap();
        assert_eq!(second.attempts_left, Some(1));
        for _ in 0..2 {
            assert_eq!(
                decoys.answer("ucu_x", 3, now).unwrap().code,
                ErrorCode::Expired
            );
        }
        decoys.issue("ucu_z".into(), now + Duration::minutes(10), now);
        let late = now + Duration::minutes(10);
        assert_eq!(
            decoys.answer("ucu_z", 3, late).unwrap().code,
            ErrorCode::Expired
        );
    }
}
