//! Logged-in sessions, in memory: a token's SHA-256 maps to who is logged in. A session
//! ends after five minutes without a request (PSD2 RTS art. 4(3)(d)), at logout, and at a
//! restart (the customer logs in again; nothing is lost).

use std::collections::HashMap;
use std::sync::Mutex;

use avain_protocol::api::{ErrorCode, Secret};
use avain_protocol::rules::sessions::is_idle;
use time::{Duration, OffsetDateTime};

use crate::crypto;
use crate::error::{ApiError, ApiResult};

/// Inactivity timeout (the protocol's rule).
pub use avain_protocol::rules::sessions::IDLE_TIMEOUT;

/// Which kind of client the session belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionKind {
    /// The app, logged in with a profile's approval.
    App,
    /// The browser online bank, logged in with password and key-card code.
    OnlineBank,
}

/// A live session.
#[derive(Debug, Clone)]
pub struct Session {
    /// App or online bank.
    pub kind: SessionKind,
    /// The customer.
    pub customer_id: i64,
    /// The profile that logged in (app sessions).
    pub profile_id: Option<String>,
    /// The password must be changed before anything else (online bank).
    pub password_change_required: bool,
    last_seen: OffsetDateTime,
}

/// How often idle sessions are swept out.
const SWEEP_EVERY: Duration = Duration::seconds(30);

#[derive(Debug, Default)]
struct Sessions {
    by_hash: HashMap<[u8; 32], Session>,
    next_sweep: Option<OffsetDateTime>,
}

impl std::ops::Deref for Sessions {
    type Target = HashMap<[u8; 32], Session>;
    fn deref(&self) -> &Self::Target {
        &self.by_hash
    }
}

impl std::ops::DerefMut for Sessions {
    fn deref_mut(&mut self) -> &mut Self::Target {
        &mut self.by_hash
    }
}

/// The session store.
#[derive(Debug, Default)]
pub struct SessionStore {
    inner: Mutex<Sessions>,
}

impl SessionStore {
    fn lock(&self) -> std::sync::MutexGuard<'_, Sessions> {
        match self.inner.lock() {
            Ok(map) => map,
            Err(poisoned) => poisoned.into_inner(),
        }
    }

    /// Starts a session and returns its token.
    pub fn create(
        &self,
        kind: SessionKind,
        customer_id: i64,
        profile_id: Option<String>,
        password_change_required: bool,
        now: OffsetDateTime,
    ) -> Secret {
        let token = crypto::new_token();
        let mut map = self.lock();
        // Sweep idle sessions now and then (not per login: a sweep walks them all), so
        // abandoned ones do not pile up.
        if map.next_sweep.is_none_or(|at| now >= at) {
            map.next_sweep = Some(now + SWEEP_EVERY);
            map.retain(|_, s| !is_idle(s.last_seen, IDLE_TIMEOUT, now));
        }
        map.insert(
            crypto::sha256(token.as_bytes()),
            Session {
                kind,
                customer_id,
                profile_id,
                password_change_required,
                last_seen: now,
            },
        );
        Secret::new(token.as_str())
    }

    /// The session of `token`, refreshed; `session_expired` after 5 idle minutes.
    pub fn touch(&self, token: &str, kind: SessionKind, now: OffsetDateTime) -> ApiResult<Session> {
        let key = crypto::sha256(token.as_bytes());
        let mut map = self.lock();
        let Some(session) = map.get_mut(&key) else {
            return Err(ErrorCode::Unauthorized.into());
        };
        if session.kind != kind {
            return Err(ErrorCode::Unauthorized.into());
        }
        if is_idle(session.last_seen, IDLE_TIMEOUT, now) {
            map.remove(&key);
            return Err(ApiError::new(ErrorCode::SessionExpired));
        }
        session.last_seen = now;
        Ok(session.clone())
    }

    /// Ends the session of `token`.
    pub fn end(&self, token: &str) {
        self.lock().remove(&crypto::sha256(token.as_bytes()));
    }

    /// Clears the password-change flag of a session.
    pub fn password_changed(&self, token: &str) {
        if let Some(s) = self.lock().get_mut(&crypto::sha256(token.as_bytes())) {
            s.password_change_required = false;
        }
    }

    /// Ends every session of a customer (codes blocked), or of one profile.
    pub fn end_all(&self, customer_id: i64, profile_id: Option<&str>) {
        self.lock().retain(|_, s| {
            s.customer_id != customer_id
                || profile_id.is_some_and(|p| s.profile_id.as_deref() != Some(p))
        });
    }

    /// Ends every session of a customer except the one of `keep` (a password change ends
    /// the others, the app's too).
    pub fn end_others(&self, customer_id: i64, keep: &str) {
        let keep = crypto::sha256(keep.as_bytes());
        self.lock()
            .retain(|hash, s| s.customer_id != customer_id || *hash == keep);
    }

    /// Ends every session of one kind of a customer (a locked user code ends the online
    /// bank's).
    pub fn end_kind(&self, customer_id: i64, kind: SessionKind) {
        self.lock()
            .retain(|_, s| s.customer_id != customer_id || s.kind != kind);
    }

    /// Ends every session (sandbox reset).
    pub fn clear(&self) {
        self.lock().clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn a_password_change_keeps_only_its_own_session_and_a_lock_ends_the_online_banks() {
        let store = SessionStore::default();
        let t0 = datetime!(2025-01-01 12:00 UTC);
        let own = store.create(SessionKind::OnlineBank, 1, None, false, t0);
        let other = store.create(SessionKind::OnlineBank, 1, None, false, t0);
        let app = store.create(SessionKind::App, 1, Some("p".into()), false, t0);
        let someone_else = store.create(SessionKind::OnlineBank, 2, None, false, t0);
        store.end_others(1, own.expose());
        let alive = |token: &Secret, kind| store.touch(token.expose(), kind, t0).is_ok();
        assert!(alive(&own, SessionKind::OnlineBank));
        assert!(!alive(&other, SessionKind::OnlineBank));
        assert!(!alive(&app, SessionKind::App));
        assert!(alive(&someone_else, SessionKind::OnlineBank));

        let app = store.create(SessionKind::App, 1, Some("p".into()), false, t0);
        store.end_kind(1, SessionKind::OnlineBank);
        assert!(!alive(&own, SessionKind::OnlineBank));
        assert!(alive(&app, SessionKind::App));
        assert!(alive(&someone_else, SessionKind::OnlineBank));
    }

    #[test]
    fn sessions_expire_after_five_idle_minutes_and_activity_extends_them() {
        let store = SessionStore::default();
        let t0 = datetime!(2025-01-01 12:00 UTC);
        let token = store.create(SessionKind::App, 1, Some("p".into()), false, t0);
        let t = token.expose();
        assert!(
            store
                .touch(t, SessionKind::App, t0 + Duration::minutes(4))
                .is_ok()
        );
        assert!(
            store
                .touch(t, SessionKind::App, t0 + Duration::minutes(8))
                .is_ok()
        );
        assert_eq!(
            store
                .touch(t, SessionKind::OnlineBank, t0 + Duration::minutes(8))
                .unwrap_err()
                .code,
            ErrorCode::Unauthorized
        );
        let err = store
            .touch(t, SessionKind::App, t0 + Duration::minutes(13))
            .unwrap_err();
        assert_eq!(err.code, ErrorCode::SessionExpired);
        assert_eq!(
            store
                .touch(t, SessionKind::App, t0 + Duration::minutes(13))
                .unwrap_err()
                .code,
            ErrorCode::Unauthorized
        );
    }
}
