//! The secure screen lock. The seeds tell customers to keep the phone's screen lock on
//! ("det är viktigt att skärmlåset alltid är påkopplat"): it is what stops whoever finds or
//! steals the phone from using it, and so what makes K_dev, the possession factor, worth
//! anything. The shells report it ([`crate::keys::DeviceKeyFactory::has_secure_lock_screen`]);
//! the core decides here what needs it.
//!
//! Registration, enabling biometrics, logins and every approval (payments, browser logins,
//! identification, signing, device removal: everything K_dev signs) need it. When the
//! customer turns the lock off after registering, the profile and its keys stay, but
//! nothing is signed until the lock is back on: the customer gets
//! [`AvainError::ScreenLockRequired`] with the advice, turns the lock on in the phone's
//! settings and carries on with the same PIN. The platform itself invalidates K_bio when
//! the lock goes (Android invalidates keys that need user authentication, iOS deletes
//! passcode-bound items), so the next biometric use after that switches biometrics off
//! with the existing notice and the PIN logs in; the customer can turn them on again.
//! Why refuse rather than allow the PIN alone: a phone without a lock is a possession
//! factor anyone holding it has, and a Finnish bank's app asks the customer to fix that
//! in a minute rather than run on one factor; nothing is lost while it waits.
//! What stays open without the lock: the profile list, logging out, deleting the profile
//! on this phone, switching biometrics off and the blocking service's numbers (the way
//! out when the phone is lost).

use super::{AvainError, Inner};

/// What needs the secure screen lock.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Guarded {
    /// Registering this phone (K_dev is made).
    Registration,
    /// Switching biometrics on (K_bio is made).
    EnableBiometrics,
    /// Logging in to the app.
    Login,
    /// Any approval signed with K_dev.
    Approval,
}

impl Guarded {
    /// Every guarded action, for the tests.
    #[cfg(test)]
    const ALL: [Guarded; 4] = [
        Guarded::Registration,
        Guarded::EnableBiometrics,
        Guarded::Login,
        Guarded::Approval,
    ];

    fn code(self) -> &'static str {
        match self {
            Guarded::Registration => "registration",
            Guarded::EnableBiometrics => "enable_biometrics",
            Guarded::Login => "login",
            Guarded::Approval => "approval",
        }
    }
}

/// The decision: may `action` go on with the screen lock `secure`? Every guarded action
/// needs it; kept a function of both so the rule has one place and one test.
pub(crate) fn allowed(action: Guarded, secure: bool) -> bool {
    match action {
        Guarded::Registration | Guarded::EnableBiometrics | Guarded::Login | Guarded::Approval => {
            secure
        }
    }
}

impl Inner {
    /// `Ok` when `action` may go on; else [`AvainError::ScreenLockRequired`] (nothing sent).
    pub(crate) fn require_screen_lock(&self, action: Guarded) -> Result<(), AvainError> {
        if allowed(action, self.parts.device_keys.has_secure_lock_screen()) {
            return Ok(());
        }
        tracing::warn!(target: "avain::client", action = action.code(), "no secure screen lock");
        Err(AvainError::screen_lock_required(self.lang()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::AvainErrorCode;
    use crate::i18n::Language;

    #[test]
    fn every_guarded_action_needs_the_lock_and_goes_on_with_it() {
        for action in Guarded::ALL {
            assert!(allowed(action, true), "{action:?}");
            assert!(!allowed(action, false), "{action:?}");
        }
    }

    #[test]
    fn the_refusal_is_typed_and_advises_the_settings_in_every_language() {
        let settings = [
            (Language::Fi, "asetuksista"),
            (Language::Sv, "inställningar"),
            (Language::En, "settings"),
        ];
        for (lang, word) in settings {
            let error = AvainError::screen_lock_required(lang);
            assert!(matches!(error, AvainError::ScreenLockRequired { .. }));
            assert_eq!(error.code(), AvainErrorCode::ScreenLockRequired);
            assert_eq!(error.code().as_str(), "screen_lock_required");
            assert!(error.user_message().contains(word), "{lang}: {error}");
        }
        let texts: std::collections::HashSet<_> = Language::ALL
            .iter()
            .map(|&lang| AvainError::screen_lock_required(lang).to_string())
            .collect();
        assert_eq!(texts.len(), Language::ALL.len());
    }
}
