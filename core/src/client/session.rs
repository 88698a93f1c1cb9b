//! The logged-in session: the bank's token, which profile, and the inactivity timeout.
//!
//! The bank ends a session after 5 minutes without a request; the core ends it on its own
//! clock too, so a phone left on the table shows the login screen without asking the bank
//! first. The token lives only in memory.

use std::sync::Mutex;

use time::{Duration, OffsetDateTime};

use super::{AvainError, Inner};
use crate::api::Secret;
use crate::error::AvainErrorCode;

/// The inactivity timeout when the bank does not say otherwise, and the longest the phone
/// keeps a session (the protocol's rule).
pub const DEFAULT_IDLE_TIMEOUT: Duration = avain_protocol::rules::sessions::IDLE_TIMEOUT;

/// One logged-in session.
pub(crate) struct ActiveSession {
    pub(crate) profile_id: String,
    pub(crate) token: Secret,
    pub(crate) idle_timeout: Duration,
    pub(crate) last_activity: OffsetDateTime,
}

/// The current session, if any.
#[derive(Default)]
pub(crate) struct SessionSlot(Mutex<Option<ActiveSession>>);

impl SessionSlot {
    pub(crate) fn start(&self, session: ActiveSession) {
        *self.0.lock().unwrap_or_else(|e| e.into_inner()) = Some(session);
    }

    pub(crate) fn end(&self) -> Option<String> {
        self.0
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .take()
            .map(|s| s.profile_id)
    }

    /// The profile logged in, if the session is still alive at `now`.
    pub(crate) fn profile_id(&self, now: OffsetDateTime) -> Option<String> {
        let mut slot = self.0.lock().unwrap_or_else(|e| e.into_inner());
        expire(&mut slot, now);
        slot.as_ref().map(|s| s.profile_id.clone())
    }

    /// The token and profile for a request at `now`, and marks the activity. Ends a session
    /// idle for longer than its timeout.
    pub(crate) fn touch(&self, now: OffsetDateTime) -> Option<(Secret, String)> {
        let mut slot = self.0.lock().unwrap_or_else(|e| e.into_inner());
        expire(&mut slot, now);
        let session = slot.as_mut()?;
        session.last_activity = now;
        Some((session.token.clone(), session.profile_id.clone()))
    }
}

fn expire(slot: &mut Option<ActiveSession>, now: OffsetDateTime) {
    if let Some(session) = slot
        && avain_protocol::rules::sessions::is_idle(
            session.last_activity,
            session.idle_timeout,
            now,
        )
    {
        tracing::info!(target: "avain::client", "session ended after inactivity");
        *slot = None;
    }
}

impl Inner {
    /// The session's token and profile, or [`AvainError::LoggedOut`].
    pub(crate) fn session(&self) -> Result<(Secret, String), AvainError> {
        self.session
            .touch(self.now())
            .ok_or_else(|| AvainError::logged_out(self.lang(), AvainErrorCode::NotLoggedIn))
    }

    /// Ends the local session when the bank says it is over.
    pub(crate) fn check_session_error(&self, error: &AvainError) {
        if matches!(error, AvainError::LoggedOut { .. }) {
            self.session.end();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn five_minutes_of_inactivity_end_the_session() {
        let slot = SessionSlot::default();
        let t0 = datetime!(2026-01-05 10:00 UTC);
        slot.start(ActiveSession {
            profile_id: "p".into(),
            token: Secret::new("t"),
            idle_timeout: DEFAULT_IDLE_TIMEOUT,
            last_activity: t0,
        });
        assert!(slot.touch(t0 + Duration::minutes(4)).is_some());
        // Activity at 4 minutes moved the deadline.
        assert!(slot.touch(t0 + Duration::minutes(8)).is_some());
        assert!(slot.profile_id(t0 + Duration::minutes(13)).is_none());
        assert!(slot.touch(t0 + Duration::minutes(13)).is_none());
    }
}
