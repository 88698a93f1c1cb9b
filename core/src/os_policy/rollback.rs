//! The OS policy's rollback floor: the highest sequence number this phone ever accepted.
//!
//! The accepted policy is cached in the local database, and whoever can write that file
//! can put an older signed policy back (a copy of the database from before the update)
//! or delete the row so that the built-in policy applies again. So the floor is kept
//! apart from what it protects, in the platform's secret store, and the cached policy
//! applies only at or above it. Below it, or with the row gone, no policy applies: the
//! phone fetches the bank's current one and refuses approvals until it has it.

/// The secret store name of the floor (no personal data in it).
pub const ROLLBACK_FLOOR_NAME: &str = "avain/os-policy/floor";

/// The floor as the secret store keeps it: 8 bytes, big-endian.
pub fn encode_floor(sequence: u64) -> [u8; 8] {
    sequence.to_be_bytes()
}

/// The floor read back, or `None` when the stored value is not 8 bytes.
pub fn decode_floor(bytes: &[u8]) -> Option<u64> {
    <[u8; 8]>::try_from(bytes).ok().map(u64::from_be_bytes)
}

/// Which policy applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    /// The cached policy. `raise_floor` when it is above the floor: it was saved before
    /// the floor was (a crash in between, or an app version without the floor).
    Cached {
        /// Whether to raise the floor to the cached policy's sequence number.
        raise_floor: bool,
    },
    /// Nothing was ever accepted: the built-in policy.
    Builtin,
    /// The cached policy is older than the floor, or gone: none applies until the
    /// bank's current one is fetched.
    RolledBack {
        /// The highest sequence number this phone accepted.
        floor: u64,
    },
}

/// The standing of the cached policy's sequence number (`None` when there is none or
/// it does not verify) against the `floor` (0 when nothing was ever accepted).
pub fn standing(cached: Option<u64>, floor: u64) -> Standing {
    match cached {
        Some(sequence) if sequence >= floor => Standing::Cached {
            raise_floor: sequence > floor,
        },
        _ if floor == 0 => Standing::Builtin,
        _ => Standing::RolledBack { floor },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_floor_round_trips_and_a_damaged_value_is_none() {
        for sequence in [0, 1, 7, u64::MAX] {
            assert_eq!(decode_floor(&encode_floor(sequence)), Some(sequence));
        }
        assert_eq!(decode_floor(b""), None);
        assert_eq!(decode_floor(&[0; 7]), None);
        assert_eq!(decode_floor(&[0; 9]), None);
    }

    #[test]
    fn a_cached_policy_below_the_floor_or_none_at_all_is_rolled_back() {
        assert_eq!(standing(Some(6), 7), Standing::RolledBack { floor: 7 });
        assert_eq!(standing(None, 7), Standing::RolledBack { floor: 7 });
        assert_eq!(standing(Some(0), 1), Standing::RolledBack { floor: 1 });
    }

    #[test]
    fn the_cached_policy_applies_at_or_above_the_floor() {
        assert_eq!(
            standing(Some(7), 7),
            Standing::Cached { raise_floor: false }
        );
        assert_eq!(standing(Some(8), 7), Standing::Cached { raise_floor: true });
        assert_eq!(standing(Some(3), 0), Standing::Cached { raise_floor: true });
    }

    #[test]
    fn the_builtin_policy_applies_only_when_nothing_was_ever_accepted() {
        assert_eq!(standing(None, 0), Standing::Builtin);
    }
}
