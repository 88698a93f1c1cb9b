//! Wrong passwords for user ids the bank does not have, counted like a real customer's.
//!
//! A real user code locks at the fifth wrong password and then answers `user_code_locked`
//! to every password, and a self-service unlock start for it gets a key-card challenge and
//! a phone hint. If an unknown user id kept answering `invalid_credentials` and `conflict`,
//! five guesses would tell whether a user id exists. So an unknown user id locks the same
//! way ("decoy lock"), answers a locked code's answers, and an unlock start for it gets a
//! decoy attempt with a phone hint and key-card number that stay the same on every start,
//! as a real customer's do ([`crate::decoys`] then fails it like wrong SMS codes).
//!
//! The counts are kept in memory by a keyed hash of the user id (never the id itself), at
//! most [`MAX_ENTRIES`]: the password checks that make them are throttled per address and
//! per user id ([`crate::throttle::count_password_check`]), so only a distributed flood
//! fills it; then the counts that did not reach a lock go first.

use std::collections::HashMap;
use std::sync::{Mutex, MutexGuard};

use crate::credentials::MAX_PASSWORD_FAILURES;
use crate::crypto::SecretHasher;
use crate::seed::KEY_CARD_SIZE;

/// Unknown user ids remembered at most.
const MAX_ENTRIES: usize = 100_000;
/// The keyed hash's domain.
const DOMAIN: &str = "unknown_user_id";
/// Finnish mobile operators' prefixes, for the decoy's phone hint.
const OPERATORS: [&str; 6] = ["40", "41", "44", "45", "46", "50"];

/// An unknown user id, by its keyed hash.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct UnknownUser(Vec<u8>);

impl UnknownUser {
    /// The entry for `user_id` (trimmed, as the customer look-up trims it).
    pub fn new(hasher: &SecretHasher, user_id: &str) -> Self {
        Self(hasher.hash(DOMAIN, &[user_id.trim().as_bytes()]))
    }

    /// The key-card code number a locked customer would be asked: fixed per user id, as a
    /// real customer's stays the same until it is answered.
    pub fn key_card_index(&self) -> u32 {
        u32::from(self.0[0]) % KEY_CARD_SIZE + 1
    }

    /// A phone hint in the form a real customer's has (`+358 40 *** **12`), fixed per id.
    pub fn phone_hint(&self) -> String {
        let operator = OPERATORS[usize::from(self.0[1]) % OPERATORS.len()];
        format!("+358 {operator} *** **{:02}", self.0[2] % 100)
    }
}

impl std::fmt::Debug for UnknownUser {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("UnknownUser(..)")
    }
}

/// The wrong-password counts of unknown user ids.
#[derive(Default)]
pub struct UnknownUsers {
    failures: Mutex<HashMap<UnknownUser, u32>>,
}

impl std::fmt::Debug for UnknownUsers {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("UnknownUsers").finish_non_exhaustive()
    }
}

impl UnknownUsers {
    fn lock(&self) -> MutexGuard<'_, HashMap<UnknownUser, u32>> {
        match self.failures.lock() {
            Ok(map) => map,
            Err(poisoned) => poisoned.into_inner(),
        }
    }

    /// Whether `user` is decoy-locked (it had [`MAX_PASSWORD_FAILURES`] wrong passwords).
    pub fn is_locked(&self, user: &UnknownUser) -> bool {
        self.lock()
            .get(user)
            .is_some_and(|&n| n >= MAX_PASSWORD_FAILURES)
    }

    /// Counts a wrong password for `user`; true when this one locks it.
    pub fn count_failure(&self, user: UnknownUser) -> bool {
        let mut map = self.lock();
        if map.len() >= MAX_ENTRIES && !map.contains_key(&user) {
            map.retain(|_, n| *n >= MAX_PASSWORD_FAILURES);
            if map.len() >= MAX_ENTRIES {
                // Only locks left: a flood this large replaces an arbitrary one.
                if let Some(any) = map.keys().next().cloned() {
                    map.remove(&any);
                }
            }
        }
        let count = map.entry(user).or_insert(0);
        *count = count.saturating_add(1);
        *count >= MAX_PASSWORD_FAILURES
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unknown_id_locks_at_the_fifth_wrong_password_and_stays_locked() {
        let hasher = SecretHasher::new(&[7; 32]);
        let users = UnknownUsers::default();
        let user = UnknownUser::new(&hasher, " 59999999 ");
        assert_eq!(user, UnknownUser::new(&hasher, "59999999"));
        let locks: Vec<bool> = (0..6).map(|_| users.count_failure(user.clone())).collect();
        assert_eq!(locks, [false, false, false, false, true, true]);
        assert!(users.is_locked(&user));
        assert!(!users.is_locked(&UnknownUser::new(&hasher, "59999998")));
    }

    #[test]
    fn the_decoy_hint_and_key_card_number_are_fixed_per_id_and_look_real() {
        let hasher = SecretHasher::new(&[7; 32]);
        for id in ["59999999", "1", "abc"] {
            let user = UnknownUser::new(&hasher, id);
            assert_eq!(
                user.phone_hint(),
                UnknownUser::new(&hasher, id).phone_hint()
            );
            assert!((1..=KEY_CARD_SIZE).contains(&user.key_card_index()));
            let hint = user.phone_hint();
            assert!(hint.starts_with("+358 "), "{hint}");
            assert_eq!(hint.len(), "+358 40 *** **12".len(), "{hint}");
        }
    }

    #[test]
    fn a_flood_drops_the_counts_that_did_not_lock_first() {
        let hasher = SecretHasher::new(&[7; 32]);
        let users = UnknownUsers::default();
        let locked = UnknownUser::new(&hasher, "locked");
        for _ in 0..MAX_PASSWORD_FAILURES {
            users.count_failure(locked.clone());
        }
        for i in 0..MAX_ENTRIES {
            users.count_failure(UnknownUser::new(&hasher, &i.to_string()));
        }
        assert!(users.is_locked(&locked));
        assert!(users.lock().len() <= MAX_ENTRIES);
    }
}
