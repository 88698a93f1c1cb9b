//! The life of an authenticator profile on this device, and its biometric flag, as
//! explicit state machines.
//!
//! A profile is born [`ProfileState::PendingUnlock`]: registration alone never makes it
//! usable, the customer must unlock it in the online bank (with codes the device does not
//! hold). It is then [`ProfileState::Active`] until it is locked (too many wrong PINs, by
//! the bank, or too many wrong key-code card codes), revoked remotely or deleted here.
//! Revoked and deleted profiles never become usable again.
//!
//! Biometrics are a per-profile flag on top of that: they may be switched on only while
//! the profile is active, and they are switched off when the platform reports that the
//! enrolled fingerprints or faces changed (the platform key bound to them is gone). The
//! PIN always keeps working.
//!
//! Both machines are pure: they take the current state and an event and return the next
//! state, or a [`LifecycleError`] for a transition that must not happen. Storing the state
//! is the store's job.

use serde::{Deserialize, Serialize};

use crate::i18n::{self, Arg, Language};

/// Why a profile is locked. The reason decides who may open it again.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum LockReason {
    /// The bank counted too many wrong PINs in a row (PSD2 allows at most five).
    /// The customer can open it in the app with self-service unlock.
    WrongPins,
    /// The customer locked this one profile in the online bank's device page (a lost
    /// phone they hope to find). Opened on the same page, with a key-code card code, or at
    /// the bank; never in the app. It sorts between the PIN lock and the bank's lock: the
    /// customer may harden a PIN lock, the blocking service hardens the customer's.
    ByCustomer,
    /// Locked by the bank (the blocking service locks every profile of the customer).
    /// Opened in the online bank or at the bank.
    ByBank,
    /// Too many wrong key-code card codes. Only the bank can open it.
    WrongKeyCardCodes,
    /// A reason this version does not know (a newer bank's). Treated as the strictest:
    /// only the bank opens it, and it sorts after every other reason.
    #[serde(other)]
    Unknown,
}

impl LockReason {
    /// Every reason, from the easiest to open to the hardest.
    pub const ALL: [LockReason; 4] = [
        LockReason::WrongPins,
        LockReason::ByCustomer,
        LockReason::ByBank,
        LockReason::WrongKeyCardCodes,
    ];

    /// The stable code: `wrong_pins`, `by_customer`, `by_bank` or `wrong_key_card_codes`.
    pub fn code(self) -> &'static str {
        match self {
            LockReason::WrongPins => "wrong_pins",
            LockReason::ByCustomer => "by_customer",
            LockReason::ByBank => "by_bank",
            LockReason::WrongKeyCardCodes => "wrong_key_card_codes",
            LockReason::Unknown => "unknown",
        }
    }

    /// Parses a stable code (as stored in a database column).
    pub fn from_code(code: &str) -> Option<LockReason> {
        LockReason::ALL.into_iter().find(|r| r.code() == code)
    }

    /// Whether the lock may be opened through `channel`.
    pub fn can_unlock_via(self, channel: UnlockChannel) -> bool {
        match self {
            LockReason::WrongPins => true,
            LockReason::ByCustomer | LockReason::ByBank => channel != UnlockChannel::SelfService,
            LockReason::WrongKeyCardCodes | LockReason::Unknown => channel == UnlockChannel::AtBank,
        }
    }
}

/// Where a locked profile is being opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UnlockChannel {
    /// In the app: personal identity code, user id, an SMS code and a key-code card code.
    SelfService,
    /// In the online bank, logged in with the key-code card.
    OnlineBank,
    /// At the bank: a branch or the bank's customer service after identification.
    AtBank,
}

impl UnlockChannel {
    /// The stable code: `self_service`, `online_bank` or `at_bank`.
    pub fn code(self) -> &'static str {
        match self {
            UnlockChannel::SelfService => "self_service",
            UnlockChannel::OnlineBank => "online_bank",
            UnlockChannel::AtBank => "at_bank",
        }
    }
}

/// Where a profile is in its life.
///
/// Serialized as `{"state": "locked", "reason": "wrong_pins"}`; the other states have no
/// fields (`{"state": "active"}`). [`ProfileState::code`] and [`ProfileState::lock_reason`]
/// give the same information as two plain columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum ProfileState {
    /// Registered on this device, waiting for the customer to unlock it in the online bank.
    PendingUnlock,
    /// Usable: logins, payment confirmations and identification.
    Active,
    /// Temporarily unusable; [`LockReason`] says who can open it.
    Locked {
        /// Why it is locked.
        reason: LockReason,
    },
    /// Removed remotely (another device or the online bank removed this device). Final.
    Revoked,
    /// Deleted on this device by the customer. Final.
    Deleted,
    /// A state this version does not know (a newer bank's). Not usable; the customer can
    /// still delete the profile from this device.
    #[serde(other)]
    Unknown,
}

impl ProfileState {
    /// The stable code: `pending_unlock`, `active`, `locked`, `revoked` or `deleted`.
    pub fn code(self) -> &'static str {
        match self {
            ProfileState::PendingUnlock => "pending_unlock",
            ProfileState::Active => "active",
            ProfileState::Locked { .. } => "locked",
            ProfileState::Revoked => "revoked",
            ProfileState::Deleted => "deleted",
            ProfileState::Unknown => "unknown",
        }
    }

    /// The lock reason, when locked.
    pub fn lock_reason(self) -> Option<LockReason> {
        match self {
            ProfileState::Locked { reason } => Some(reason),
            _ => None,
        }
    }

    /// Rebuilds a state from its two columns ([`ProfileState::code`] and the lock reason
    /// code). `None` when they do not describe a state.
    pub fn from_codes(code: &str, lock_reason: Option<&str>) -> Option<ProfileState> {
        let state = match (code, lock_reason) {
            ("pending_unlock", None) => ProfileState::PendingUnlock,
            ("active", None) => ProfileState::Active,
            ("locked", Some(reason)) => ProfileState::Locked {
                reason: LockReason::from_code(reason)?,
            },
            ("revoked", None) => ProfileState::Revoked,
            ("deleted", None) => ProfileState::Deleted,
            ("unknown", None) => ProfileState::Unknown,
            _ => return None,
        };
        Some(state)
    }

    /// Whether the profile can log in, confirm payments and identify the customer.
    pub fn is_usable(self) -> bool {
        self == ProfileState::Active
    }

    /// Whether the profile can never be used again (revoked or deleted).
    pub fn is_final(self) -> bool {
        matches!(self, ProfileState::Revoked | ProfileState::Deleted)
    }

    /// The next state after `event`, or why the event cannot happen now.
    ///
    /// Locking an already locked profile keeps the stricter of the two reasons, so a
    /// failed self-service unlock (wrong key-code card codes) can only make a lock harder
    /// to open. A revoked profile can still be deleted from this device, which clears what
    /// is left of it; nothing makes it usable again.
    pub fn apply(self, event: ProfileEvent) -> Result<ProfileState, LifecycleError> {
        use ProfileEvent as E;
        use ProfileState as S;
        let illegal = || LifecycleError::IllegalTransition { from: self, event };
        match (self, event) {
            (S::PendingUnlock, E::UnlockedInOnlineBank) => Ok(S::Active),
            // The blocking service locks every profile of the customer, even a new one.
            (S::PendingUnlock, E::Lock(LockReason::ByBank)) => Ok(S::Locked {
                reason: LockReason::ByBank,
            }),
            (S::Active, E::Lock(reason)) => Ok(S::Locked { reason }),
            (S::Locked { reason: old }, E::Lock(new)) => Ok(S::Locked {
                reason: old.max(new),
            }),
            (S::Locked { reason }, E::Unlock(channel)) => {
                if reason.can_unlock_via(channel) {
                    Ok(S::Active)
                } else {
                    Err(LifecycleError::UnlockNotAllowed { reason, channel })
                }
            }
            (S::PendingUnlock | S::Active | S::Locked { .. }, E::Revoke) => Ok(S::Revoked),
            (
                S::PendingUnlock | S::Active | S::Locked { .. } | S::Revoked | S::Unknown,
                E::Delete,
            ) => Ok(S::Deleted),
            _ => Err(illegal()),
        }
    }

    /// A one-line status for the profile list, in `lang`.
    pub fn status_message(self, lang: Language) -> String {
        let id = match self {
            ProfileState::PendingUnlock => "lifecycle-status-pending-unlock",
            ProfileState::Active => "lifecycle-status-active",
            ProfileState::Locked {
                reason: LockReason::WrongPins,
            } => "lifecycle-status-locked-wrong-pins",
            ProfileState::Locked {
                reason: LockReason::ByCustomer,
            } => "lifecycle-status-locked-by-customer",
            ProfileState::Locked {
                reason: LockReason::ByBank,
            } => "lifecycle-status-locked-by-bank",
            ProfileState::Locked {
                reason: LockReason::WrongKeyCardCodes,
            } => "lifecycle-status-locked-wrong-key-card-codes",
            ProfileState::Revoked => "lifecycle-status-revoked",
            ProfileState::Deleted => "lifecycle-status-deleted",
            ProfileState::Locked {
                reason: LockReason::Unknown,
            } => "lifecycle-status-locked-other",
            ProfileState::Unknown => "lifecycle-status-unknown",
        };
        i18n::text(lang, id)
    }
}

/// Something that happens to a profile.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "event", content = "detail", rename_all = "snake_case")]
pub enum ProfileEvent {
    /// The customer unlocked the new profile in the online bank (the bank says so by SMS
    /// or push and in its answer to the next request).
    UnlockedInOnlineBank,
    /// The bank locked the profile for this reason.
    Lock(LockReason),
    /// The lock was opened through this channel.
    Unlock(UnlockChannel),
    /// The device was removed remotely (from another device or the online bank).
    Revoke,
    /// The customer deleted the profile from this device.
    Delete,
}

impl ProfileEvent {
    /// The stable code: `unlocked_in_online_bank`, `lock`, `unlock`, `revoke` or `delete`.
    pub fn code(self) -> &'static str {
        match self {
            ProfileEvent::UnlockedInOnlineBank => "unlocked_in_online_bank",
            ProfileEvent::Lock(_) => "lock",
            ProfileEvent::Unlock(_) => "unlock",
            ProfileEvent::Revoke => "revoke",
            ProfileEvent::Delete => "delete",
        }
    }
}

/// A kind of biometric identification the platform offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum BiometricKind {
    /// Fingerprint (Touch ID, Android fingerprint).
    Fingerprint,
    /// Face (Face ID on some iOS devices, Android face unlock of the strong class).
    Face,
    /// A kind this version does not know (a newer bank's). Never registered by this app.
    #[serde(other)]
    Unknown,
}

impl BiometricKind {
    /// The stable code: `fingerprint` or `face`.
    pub fn code(self) -> &'static str {
        match self {
            BiometricKind::Fingerprint => "fingerprint",
            BiometricKind::Face => "face",
            BiometricKind::Unknown => "unknown",
        }
    }
}

/// Whether a profile may use biometrics.
///
/// Serialized as `{"biometrics": "enabled", "kind": "face"}`.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "biometrics", rename_all = "snake_case")]
pub enum BiometricState {
    /// Not in use; the PIN is used.
    #[default]
    Off,
    /// In use, next to the PIN.
    Enabled {
        /// Which biometric the customer chose.
        kind: BiometricKind,
    },
    /// Switched off because the device's fingerprints or faces changed; the customer has
    /// not yet seen the notice saying so. Works like [`BiometricState::Off`].
    OffAfterSetChange {
        /// What was in use before.
        kind: BiometricKind,
    },
}

impl BiometricState {
    /// The stable code: `off`, `enabled` or `off_after_set_change`.
    pub fn code(self) -> &'static str {
        match self {
            BiometricState::Off => "off",
            BiometricState::Enabled { .. } => "enabled",
            BiometricState::OffAfterSetChange { .. } => "off_after_set_change",
        }
    }

    /// Whether a login or confirmation may use biometrics now (the profile must also be
    /// usable; see [`ProfileState::is_usable`]).
    pub fn is_enabled(self) -> bool {
        matches!(self, BiometricState::Enabled { .. })
    }

    /// The next state after `event`, given the profile's state, or why it cannot happen.
    ///
    /// Switching off and the platform's "set changed" report are accepted in any profile
    /// state, and are no-ops when nothing is on, because the platform reports changes
    /// whenever it notices them.
    pub fn apply(
        self,
        event: BiometricEvent,
        profile: ProfileState,
    ) -> Result<BiometricState, LifecycleError> {
        use BiometricEvent as E;
        use BiometricState as B;
        match (self, event) {
            // Only a kind this version knows can be switched on.
            (_, E::Enable(BiometricKind::Unknown)) => {
                Err(LifecycleError::IllegalBiometricTransition { from: self, event })
            }
            (_, E::Enable(kind)) => {
                if profile.is_usable() {
                    Ok(B::Enabled { kind })
                } else {
                    Err(LifecycleError::BiometricsNeedActiveProfile { profile })
                }
            }
            (_, E::Disable) => Ok(B::Off),
            (B::Enabled { kind }, E::SetChanged) => Ok(B::OffAfterSetChange { kind }),
            (B::Off | B::OffAfterSetChange { .. }, E::SetChanged) => Ok(self),
            (B::OffAfterSetChange { .. }, E::NoticeShown) => Ok(B::Off),
            (B::Off | B::Enabled { .. }, E::NoticeShown) => {
                Err(LifecycleError::IllegalBiometricTransition { from: self, event })
            }
        }
    }

    /// What a profile's biometrics become when the profile changes state: a revoked or
    /// deleted profile has no keys left, so biometrics are off.
    pub fn after_profile_change(self, profile: ProfileState) -> BiometricState {
        if profile.is_final() {
            BiometricState::Off
        } else {
            self
        }
    }

    /// The notice to show once after biometrics were switched off by a change of the
    /// device's fingerprints or faces, in `lang`; `None` when there is nothing to tell.
    pub fn notice(self, lang: Language) -> Option<String> {
        match self {
            BiometricState::OffAfterSetChange { kind } => Some(i18n::text(
                lang,
                match kind {
                    BiometricKind::Fingerprint => "lifecycle-biometrics-off-fingerprint",
                    BiometricKind::Face => "lifecycle-biometrics-off-face",
                    BiometricKind::Unknown => "lifecycle-biometrics-off-other",
                },
            )),
            _ => None,
        }
    }
}

/// Something that happens to a profile's biometrics.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "event", content = "kind", rename_all = "snake_case")]
pub enum BiometricEvent {
    /// The customer switches biometrics on (after the platform prompt succeeded and the
    /// biometric key was registered).
    Enable(BiometricKind),
    /// The customer switches biometrics off.
    Disable,
    /// The platform reports that the enrolled fingerprints or faces changed, so the
    /// biometric key was invalidated.
    SetChanged,
    /// The notice about the change was shown.
    NoticeShown,
}

impl BiometricEvent {
    /// The stable code: `enable`, `disable`, `set_changed` or `notice_shown`.
    pub fn code(self) -> &'static str {
        match self {
            BiometricEvent::Enable(_) => "enable",
            BiometricEvent::Disable => "disable",
            BiometricEvent::SetChanged => "set_changed",
            BiometricEvent::NoticeShown => "notice_shown",
        }
    }
}

/// A transition that must not happen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum LifecycleError {
    /// The event makes no sense in this profile state (unlocking an active profile,
    /// anything after deletion ...).
    #[error("profile event {} is not allowed in state {}", .event.code(), .from.code())]
    IllegalTransition {
        /// The state the profile was in.
        from: ProfileState,
        /// The event that was refused.
        event: ProfileEvent,
    },
    /// The lock cannot be opened through this channel.
    #[error("a profile locked for {} cannot be unlocked via {}", .reason.code(), .channel.code())]
    UnlockNotAllowed {
        /// Why the profile is locked.
        reason: LockReason,
        /// Where the unlock was tried.
        channel: UnlockChannel,
    },
    /// Biometrics can be switched on only while the profile is active.
    #[error("biometrics need an active profile, not {}", .profile.code())]
    BiometricsNeedActiveProfile {
        /// The profile's state.
        profile: ProfileState,
    },
    /// The biometric event makes no sense in this state.
    #[error("biometric event {} is not allowed in state {}", .event.code(), .from.code())]
    IllegalBiometricTransition {
        /// The biometric state.
        from: BiometricState,
        /// The event that was refused.
        event: BiometricEvent,
    },
}

impl LifecycleError {
    /// The stable code: `illegal_transition`, `unlock_not_allowed`,
    /// `biometrics_need_active_profile` or `illegal_biometric_transition`.
    pub fn code(&self) -> &'static str {
        match self {
            LifecycleError::IllegalTransition { .. } => "illegal_transition",
            LifecycleError::UnlockNotAllowed { .. } => "unlock_not_allowed",
            LifecycleError::BiometricsNeedActiveProfile { .. } => "biometrics_need_active_profile",
            LifecycleError::IllegalBiometricTransition { .. } => "illegal_biometric_transition",
        }
    }

    /// What to tell the customer, in `lang`.
    pub fn message(&self, lang: Language) -> String {
        match self {
            LifecycleError::IllegalTransition { from, .. } => i18n::text_with(
                lang,
                "lifecycle-error-illegal-transition",
                &[("status", Arg::from(from.status_message(lang)))],
            ),
            LifecycleError::UnlockNotAllowed { reason, .. } => i18n::text(
                lang,
                match reason {
                    LockReason::WrongPins => "lifecycle-error-unlock-wrong-pins",
                    LockReason::ByCustomer => "lifecycle-error-unlock-by-customer",
                    LockReason::ByBank => "lifecycle-error-unlock-by-bank",
                    LockReason::WrongKeyCardCodes => "lifecycle-error-unlock-key-card",
                    LockReason::Unknown => "lifecycle-error-unlock-other",
                },
            ),
            LifecycleError::BiometricsNeedActiveProfile { .. } => {
                i18n::text(lang, "lifecycle-error-biometrics-need-active")
            }
            LifecycleError::IllegalBiometricTransition { .. } => {
                i18n::text(lang, "lifecycle-error-illegal-biometric")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LOCKED_PINS: ProfileState = ProfileState::Locked {
        reason: LockReason::WrongPins,
    };

    fn all_states() -> Vec<ProfileState> {
        let mut states = vec![
            ProfileState::PendingUnlock,
            ProfileState::Active,
            ProfileState::Revoked,
            ProfileState::Deleted,
        ];
        states.extend(LockReason::ALL.map(|reason| ProfileState::Locked { reason }));
        states
    }

    fn all_events() -> Vec<ProfileEvent> {
        let mut events = vec![
            ProfileEvent::UnlockedInOnlineBank,
            ProfileEvent::Revoke,
            ProfileEvent::Delete,
        ];
        events.extend(LockReason::ALL.map(ProfileEvent::Lock));
        events.extend(
            [
                UnlockChannel::SelfService,
                UnlockChannel::OnlineBank,
                UnlockChannel::AtBank,
            ]
            .map(ProfileEvent::Unlock),
        );
        events
    }

    #[test]
    fn registration_then_online_bank_unlock_makes_a_profile_usable() {
        let state = ProfileState::PendingUnlock;
        assert!(!state.is_usable());
        let state = state.apply(ProfileEvent::UnlockedInOnlineBank).unwrap();
        assert_eq!(state, ProfileState::Active);
        assert!(state.is_usable());
    }

    #[test]
    fn wrong_pins_lock_and_self_service_opens() {
        let state = ProfileState::Active
            .apply(ProfileEvent::Lock(LockReason::WrongPins))
            .unwrap();
        assert_eq!(state, LOCKED_PINS);
        assert!(!state.is_usable());
        let state = state
            .apply(ProfileEvent::Unlock(UnlockChannel::SelfService))
            .unwrap();
        assert_eq!(state, ProfileState::Active);
    }

    #[test]
    fn who_may_open_which_lock() {
        use UnlockChannel::*;
        let table = [
            (LockReason::WrongPins, [true, true, true]),
            (LockReason::ByCustomer, [false, true, true]),
            (LockReason::ByBank, [false, true, true]),
            (LockReason::WrongKeyCardCodes, [false, false, true]),
        ];
        for (reason, allowed) in table {
            for (channel, ok) in [SelfService, OnlineBank, AtBank].into_iter().zip(allowed) {
                let result = ProfileState::Locked { reason }.apply(ProfileEvent::Unlock(channel));
                if ok {
                    assert_eq!(result, Ok(ProfileState::Active), "{reason:?} {channel:?}");
                } else {
                    assert_eq!(
                        result,
                        Err(LifecycleError::UnlockNotAllowed { reason, channel })
                    );
                }
            }
        }
    }

    #[test]
    fn a_second_lock_keeps_the_stricter_reason() {
        let harder = LOCKED_PINS
            .apply(ProfileEvent::Lock(LockReason::WrongKeyCardCodes))
            .unwrap();
        assert_eq!(harder.lock_reason(), Some(LockReason::WrongKeyCardCodes));
        let same = harder
            .apply(ProfileEvent::Lock(LockReason::WrongPins))
            .unwrap();
        assert_eq!(same, harder);
    }

    #[test]
    fn the_customers_lock_sits_between_the_pin_lock_and_the_banks() {
        let customer = ProfileState::Locked {
            reason: LockReason::ByCustomer,
        };
        // Locking a profile locked by wrong PINs makes it the customer's lock ...
        assert_eq!(
            LOCKED_PINS.apply(ProfileEvent::Lock(LockReason::ByCustomer)),
            Ok(customer)
        );
        // ... wrong PINs later do not soften it, the blocking service hardens it.
        assert_eq!(
            customer.apply(ProfileEvent::Lock(LockReason::WrongPins)),
            Ok(customer)
        );
        assert_eq!(
            customer
                .apply(ProfileEvent::Lock(LockReason::ByBank))
                .map(ProfileState::lock_reason),
            Ok(Some(LockReason::ByBank))
        );
        // A new profile waits for its unlock: the customer has nothing to lock yet.
        assert!(
            ProfileState::PendingUnlock
                .apply(ProfileEvent::Lock(LockReason::ByCustomer))
                .is_err()
        );
        // An app that predates the reason reads it as the strictest.
        assert_eq!(
            serde_json::from_str::<LockReason>(r#""by_a_newer_bank""#).unwrap(),
            LockReason::Unknown
        );
        assert_eq!(
            serde_json::to_string(&customer).unwrap(),
            r#"{"state":"locked","reason":"by_customer"}"#
        );
    }

    #[test]
    fn final_states_stay_final() {
        for event in all_events() {
            assert!(matches!(
                ProfileState::Deleted.apply(event),
                Err(LifecycleError::IllegalTransition { .. })
            ));
            let from_revoked = ProfileState::Revoked.apply(event);
            if event == ProfileEvent::Delete {
                assert_eq!(from_revoked, Ok(ProfileState::Deleted));
            } else {
                assert!(from_revoked.is_err(), "{event:?}");
            }
        }
    }

    #[test]
    fn nothing_but_an_online_bank_unlock_leads_from_pending_to_active() {
        for state in all_states() {
            for event in all_events() {
                let Ok(next) = state.apply(event) else {
                    continue;
                };
                if state == ProfileState::PendingUnlock && next == ProfileState::Active {
                    assert_eq!(event, ProfileEvent::UnlockedInOnlineBank);
                }
                if state.is_final() {
                    assert!(next.is_final());
                }
            }
        }
    }

    #[test]
    fn illegal_transitions_are_typed_errors() {
        let err = ProfileState::Active
            .apply(ProfileEvent::Unlock(UnlockChannel::SelfService))
            .unwrap_err();
        assert_eq!(err.code(), "illegal_transition");
        let err = ProfileState::Active
            .apply(ProfileEvent::UnlockedInOnlineBank)
            .unwrap_err();
        assert_eq!(
            err,
            LifecycleError::IllegalTransition {
                from: ProfileState::Active,
                event: ProfileEvent::UnlockedInOnlineBank
            }
        );
        assert!(
            ProfileState::PendingUnlock
                .apply(ProfileEvent::Lock(LockReason::WrongPins))
                .is_err()
        );
    }

    #[test]
    fn serde_uses_stable_snake_case_codes() {
        let json = serde_json::to_string(&LOCKED_PINS).unwrap();
        assert_eq!(json, r#"{"state":"locked","reason":"wrong_pins"}"#);
        assert_eq!(
            serde_json::to_string(&ProfileState::PendingUnlock).unwrap(),
            r#"{"state":"pending_unlock"}"#
        );
        for state in all_states() {
            let json = serde_json::to_string(&state).unwrap();
            assert_eq!(serde_json::from_str::<ProfileState>(&json).unwrap(), state);
            let reason = state.lock_reason().map(LockReason::code);
            assert_eq!(ProfileState::from_codes(state.code(), reason), Some(state));
        }
        assert_eq!(ProfileState::from_codes("locked", None), None);
        assert_eq!(ProfileState::from_codes("active", Some("by_bank")), None);
        assert_eq!(
            serde_json::to_string(&BiometricState::Enabled {
                kind: BiometricKind::Face
            })
            .unwrap(),
            r#"{"biometrics":"enabled","kind":"face"}"#
        );
        assert_eq!(
            serde_json::to_string(&ProfileEvent::Lock(LockReason::ByBank)).unwrap(),
            r#"{"event":"lock","detail":"by_bank"}"#
        );
    }

    #[test]
    fn biometrics_only_while_active() {
        let on = BiometricState::Off
            .apply(
                BiometricEvent::Enable(BiometricKind::Fingerprint),
                ProfileState::Active,
            )
            .unwrap();
        assert!(on.is_enabled());
        for state in all_states() {
            if state == ProfileState::Active {
                continue;
            }
            let err = BiometricState::Off
                .apply(BiometricEvent::Enable(BiometricKind::Face), state)
                .unwrap_err();
            assert_eq!(err.code(), "biometrics_need_active_profile");
        }
    }

    #[test]
    fn a_changed_biometric_set_switches_off_with_a_notice_once() {
        let on = BiometricState::Enabled {
            kind: BiometricKind::Face,
        };
        let off = on
            .apply(BiometricEvent::SetChanged, ProfileState::Active)
            .unwrap();
        assert!(!off.is_enabled());
        assert_eq!(off.code(), "off_after_set_change");
        for lang in Language::ALL {
            assert!(
                off.notice(lang)
                    .is_some_and(|n| !n.starts_with("lifecycle-"))
            );
        }
        let seen = off
            .apply(BiometricEvent::NoticeShown, ProfileState::Active)
            .unwrap();
        assert_eq!(seen, BiometricState::Off);
        assert_eq!(seen.notice(Language::Fi), None);
        assert!(
            seen.apply(BiometricEvent::NoticeShown, ProfileState::Active)
                .is_err()
        );
        // A report while nothing is on changes nothing.
        assert_eq!(
            seen.apply(BiometricEvent::SetChanged, ProfileState::Active),
            Ok(BiometricState::Off)
        );
    }

    #[test]
    fn final_profiles_lose_biometrics() {
        let on = BiometricState::Enabled {
            kind: BiometricKind::Fingerprint,
        };
        assert_eq!(on.after_profile_change(LOCKED_PINS), on);
        assert_eq!(
            on.after_profile_change(ProfileState::Revoked),
            BiometricState::Off
        );
    }

    #[test]
    fn every_error_and_status_has_text_in_every_language() {
        let errors = [
            LifecycleError::IllegalTransition {
                from: ProfileState::Deleted,
                event: ProfileEvent::Revoke,
            },
            LifecycleError::BiometricsNeedActiveProfile {
                profile: ProfileState::PendingUnlock,
            },
            LifecycleError::IllegalBiometricTransition {
                from: BiometricState::Off,
                event: BiometricEvent::NoticeShown,
            },
        ]
        .into_iter()
        .chain(
            LockReason::ALL.map(|reason| LifecycleError::UnlockNotAllowed {
                reason,
                channel: UnlockChannel::SelfService,
            }),
        );
        for err in errors {
            for lang in Language::ALL {
                let text = err.message(lang);
                assert!(!text.is_empty() && !text.contains("lifecycle-"), "{text}");
            }
        }
        for state in all_states() {
            for lang in Language::ALL {
                assert!(!state.status_message(lang).starts_with("lifecycle-"));
            }
        }
    }
}
