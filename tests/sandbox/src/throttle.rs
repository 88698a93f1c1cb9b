//! Throttling of what an attacker must repeat without being logged in: unlock starts,
//! password checks (online-bank login and registration starts), app-login pushes,
//! meeting look-ups, bookings without login and login challenges.
//!
//! Counting is by fixed windows that expire (never a permanent lock, so an attacker cannot
//! shut a customer out of their own login for good), per subject (user id, profile id) and
//! per client address. What legitimate load repeats is not counted: a challenge answered
//! with a valid login clears its profile's count, and the per-address challenge and login
//! counters keep only failures. The per-address number is a setting
//! ([`ThrottleSettings`]); the per-subject ones are the bank's rules, constants here.
//!
//! [`Windows`] is the pure part (time comes in as an argument; tested below);
//! [`Throttle`] puts it behind a mutex that is never held across an `.await`.

use std::collections::HashMap;
use std::net::{IpAddr, Ipv6Addr};
use std::sync::{Mutex, MutexGuard};

use axum::extract::{FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use time::{Duration, OffsetDateTime};

use crate::error::ApiError;
use crate::state::Shared;

/// How many of something a window allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limit {
    /// Counted events allowed in one window.
    pub max: u32,
    /// The window's length; the count starts again after it.
    pub window: Duration,
}

/// Self-service unlock starts per user id (matching HETU or not). An SMS is sent only for
/// a matching pair, so this also bounds the SMS per user id, and with 3 SMS-code tries per
/// start, the SMS-code guesses.
pub const UNLOCK_STARTS_PER_USER: Limit = Limit {
    max: 3,
    window: Duration::HOUR,
};
/// Password checks per user id: online-bank login starts (API and browser) and
/// registration starts, counted together.
pub const LOGIN_STARTS_PER_USER: Limit = Limit {
    max: 30,
    window: Duration::minutes(10),
};
/// "Log in with the code app" requests (each pushes to the customer's phones) per user id.
pub const APP_LOGINS_PER_USER: Limit = Limit {
    max: 5,
    window: Duration::minutes(10),
};
/// Mobile-number changes started per customer in the online bank: each sends an SMS code
/// to a number the customer typed, so this bounds the SMS to strangers' numbers and, with
/// 3 SMS-code tries per change, the SMS-code guesses.
pub const PHONE_CHANGES_PER_CUSTOMER: Limit = Limit {
    max: 5,
    window: Duration::HOUR,
};
/// Login challenges per profile id that were not answered with a valid login (a phone
/// needs one per login; tests that race 50 answers fetch 50 first).
pub const CHALLENGES_PER_PROFILE: Limit = Limit {
    max: 60,
    window: Duration::minutes(10),
};

/// Wrong phones per booking code (known or not) in the meeting look-ups: guessing the
/// phone of one booking stops, for an hour.
pub const LOOKUP_FAILURES_PER_BOOKING: Limit = Limit {
    max: 5,
    window: Duration::HOUR,
};

/// Bookings without login per phone number and per e-mail address: each sends a
/// confirmation there, so a stranger's number cannot be flooded (a day's window).
pub const GUEST_BOOKINGS_PER_CONTACT: Limit = Limit {
    max: 3,
    window: Duration::DAY,
};

/// What the operator may tune: the per-client-address limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ThrottleSettings {
    /// Counted requests per client address per window, for each kind: unlock starts,
    /// app-login starts, failed online-bank login starts, failed meeting look-ups,
    /// failed login challenges.
    pub per_address: u32,
    /// The per-address window.
    pub address_window: Duration,
}

impl Default for ThrottleSettings {
    fn default() -> Self {
        ThrottleSettings {
            per_address: 60,
            address_window: Duration::minutes(10),
        }
    }
}

impl ThrottleSettings {
    /// The per-address limit.
    pub fn address_limit(&self) -> Limit {
        Limit {
            max: self.per_address,
            window: self.address_window,
        }
    }
}

/// What is counted. Each kind has its own windows, so one flow's load does not use up
/// another's allowance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Counter {
    /// Unlock starts per user id.
    UnlockStartsPerUser,
    /// Unlock starts per client address.
    UnlockStartsPerAddress,
    /// Online-bank login starts per user id.
    LoginStartsPerUser,
    /// Failed online-bank login starts per client address.
    LoginFailuresPerAddress,
    /// App-login requests per user id.
    AppLoginsPerUser,
    /// App-login requests per client address.
    AppLoginsPerAddress,
    /// Failed meeting look-ups per client address.
    LookupFailuresPerAddress,
    /// Failed meeting look-ups per booking code.
    LookupFailuresPerBooking,
    /// Unanswered login challenges per profile id.
    ChallengesPerProfile,
    /// Failed login challenges per client address.
    ChallengeFailuresPerAddress,
    /// Meeting bookings without login per phone number.
    GuestBookingsPerPhone,
    /// Meeting bookings without login per e-mail address.
    GuestBookingsPerEmail,
    /// Meeting bookings without login per client address.
    GuestBookingsPerAddress,
    /// Mobile-number changes started per customer (each sends an SMS to a new number).
    PhoneChangesPerCustomer,
}

/// A refusal: the limit is reached; the count starts again in `seconds`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryAfter {
    /// Whole seconds until the window ends, at least 1.
    pub seconds: u32,
}

impl From<RetryAfter> for ApiError {
    fn from(retry: RetryAfter) -> Self {
        ApiError::rate_limited(retry.seconds)
    }
}

#[derive(Debug, Clone, Copy)]
struct Window {
    ends: OffsetDateTime,
    count: u32,
}

/// Entries kept before a sweep drops the expired ones.
const SWEEP_AT: usize = 4096;
/// Entries kept at most: beyond it (after a sweep) new keys are refused, so a flood of
/// distinct keys cannot grow memory without bound.
const MAX_ENTRIES: usize = 200_000;

/// The counting windows: pure state, time passed in.
#[derive(Default)]
pub struct Windows {
    map: HashMap<(Counter, String), Window>,
    sweep_at: usize,
}

impl std::fmt::Debug for Windows {
    // The keys are user ids, profile ids and addresses: only the size is printed.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Windows")
            .field("entries", &self.map.len())
            .finish()
    }
}

impl Windows {
    /// Counts one event for `key` under `limit`, or refuses it (counting nothing) when the
    /// window already holds `limit.max` events.
    pub fn hit(
        &mut self,
        counter: Counter,
        key: &str,
        limit: Limit,
        now: OffsetDateTime,
    ) -> Result<(), RetryAfter> {
        self.sweep(now);
        let id = (counter, key.to_owned());
        let fresh = Window {
            ends: now + limit.window,
            count: 0,
        };
        let full = self.map.len() >= MAX_ENTRIES;
        let window = match self.map.get_mut(&id) {
            Some(w) if now < w.ends => w,
            Some(w) => {
                *w = fresh;
                w
            }
            None if full => {
                return Err(RetryAfter {
                    seconds: seconds_until(now, now + limit.window),
                });
            }
            None => self.map.entry(id).or_insert(fresh),
        };
        if window.count >= limit.max {
            return Err(RetryAfter {
                seconds: seconds_until(now, window.ends),
            });
        }
        window.count += 1;
        Ok(())
    }

    /// Takes back one event counted by [`Windows::hit`] (the request turned out not to be
    /// one this counter counts, e.g. a challenge that was issued).
    pub fn refund(&mut self, counter: Counter, key: &str) {
        if let Some(w) = self.map.get_mut(&(counter, key.to_owned())) {
            w.count = w.count.saturating_sub(1);
        }
    }

    /// Forgets `key`'s count (a challenge answered with a valid login).
    pub fn clear(&mut self, counter: Counter, key: &str) {
        self.map.remove(&(counter, key.to_owned()));
    }

    fn sweep(&mut self, now: OffsetDateTime) {
        if self.map.len() < self.sweep_at.max(SWEEP_AT) {
            return;
        }
        self.map.retain(|_, w| now < w.ends);
        // The next sweep when the live entries have doubled: amortized O(1) per hit.
        self.sweep_at = self.map.len() * 2;
    }
}

fn seconds_until(now: OffsetDateTime, then: OffsetDateTime) -> u32 {
    let ms = (then - now).whole_milliseconds().max(0);
    u32::try_from((ms + 999) / 1000).unwrap_or(u32::MAX).max(1)
}

/// The server's limiter: [`Windows`] behind a mutex, and the settings.
#[derive(Debug, Default)]
pub struct Throttle {
    windows: Mutex<Windows>,
    /// The per-address limit.
    pub settings: ThrottleSettings,
}

impl Throttle {
    /// A limiter with these settings.
    pub fn new(settings: ThrottleSettings) -> Self {
        Throttle {
            windows: Mutex::default(),
            settings,
        }
    }

    fn lock(&self) -> MutexGuard<'_, Windows> {
        match self.windows.lock() {
            Ok(w) => w,
            Err(poisoned) => poisoned.into_inner(),
        }
    }

    /// Counts one event for a client address under the configured limit.
    pub fn hit_address(
        &self,
        counter: Counter,
        addr: ClientAddr,
        now: OffsetDateTime,
    ) -> Result<(), ApiError> {
        let limit = self.settings.address_limit();
        self.lock()
            .hit(counter, &addr.key(), limit, now)
            .map_err(Into::into)
    }

    /// Counts one event for a subject and one for the address, both or neither: a
    /// request refused by one limit does not use up the other's allowance.
    pub fn hit_both(
        &self,
        subject: (Counter, &str, Limit),
        address: (Counter, ClientAddr),
        now: OffsetDateTime,
    ) -> Result<(), ApiError> {
        let (counter, key, limit) = subject;
        let addr_key = address.1.key();
        let mut windows = self.lock();
        windows.hit(address.0, &addr_key, self.settings.address_limit(), now)?;
        if let Err(refused) = windows.hit(counter, key, limit, now) {
            windows.refund(address.0, &addr_key);
            return Err(refused.into());
        }
        Ok(())
    }

    /// Takes back an address event (the request was not a failure after all).
    pub fn refund_address(&self, counter: Counter, addr: ClientAddr) {
        self.lock().refund(counter, &addr.key());
    }

    /// Counts one event for a subject (no address counter), or refuses it.
    pub fn hit(
        &self,
        counter: Counter,
        key: &str,
        limit: Limit,
        now: OffsetDateTime,
    ) -> Result<(), ApiError> {
        Ok(self.lock().hit(counter, key, limit, now)?)
    }

    /// Forgets a subject's count.
    pub fn clear(&self, counter: Counter, key: &str) {
        self.lock().clear(counter, key);
    }
}

/// Counts a password check for `username` from `client` (an online-bank login start or a
/// registration start): the user id's checks, and the address's failures, which
/// [`Throttle::refund_address`] with [`Counter::LoginFailuresPerAddress`] takes back when
/// the password was right.
pub fn count_password_check(
    state: &Shared,
    username: &str,
    client: ClientAddr,
) -> Result<(), ApiError> {
    let user_key = username.trim().chars().take(64).collect::<String>();
    state.throttle.hit_both(
        (
            Counter::LoginStartsPerUser,
            &user_key,
            LOGIN_STARTS_PER_USER,
        ),
        (Counter::LoginFailuresPerAddress, client),
        state.now(),
    )
}

/// Middleware for the meeting look-ups (`/v1/meeting-lookups[/change, /cancel]`): counts
/// the request against the client address's failed look-ups, refused with 429 once there
/// are too many, and refunded when the look-up succeeds.
pub async fn failed_lookups(
    State(state): State<Shared>,
    client: ClientAddr,
    request: Request,
    next: Next,
) -> Response {
    let counter = Counter::LookupFailuresPerAddress;
    if let Err(refused) = state.throttle.hit_address(counter, client, state.now()) {
        return refused.into_response();
    }
    let response = next.run(request).await;
    if response.status().is_success() {
        state.throttle.refund_address(counter, client);
    }
    response
}

/// The client's address as the server saw the connection (set per connection by the
/// accept loop). IPv6 clients are counted by their /64, which one customer's line gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClientAddr(pub IpAddr);

impl ClientAddr {
    /// What the limits count by: the address, or an IPv6 client's /64.
    pub(crate) fn key(self) -> String {
        match self.0 {
            IpAddr::V4(v4) => v4.to_string(),
            IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
                Some(v4) => v4.to_string(),
                None => {
                    let s = v6.segments();
                    Ipv6Addr::new(s[0], s[1], s[2], s[3], 0, 0, 0, 0).to_string() + "/64"
                }
            },
        }
    }
}

impl<S: Send + Sync> FromRequestParts<S> for ClientAddr {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        // Requests always come through the accept loop, which sets it; a router driven
        // directly (no connection) counts as one unknown client.
        Ok(parts
            .extensions
            .get::<ClientAddr>()
            .copied()
            .unwrap_or(ClientAddr(IpAddr::V6(Ipv6Addr::UNSPECIFIED))))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIMIT: Limit = Limit {
        max: 3,
        window: Duration::minutes(10),
    };

    fn t0() -> OffsetDateTime {
        OffsetDateTime::from_unix_timestamp(1_800_000_000).unwrap()
    }

    #[test]
    fn refuses_beyond_the_limit_until_the_window_ends() {
        let mut w = Windows::default();
        for _ in 0..3 {
            w.hit(Counter::UnlockStartsPerUser, "a", LIMIT, t0())
                .unwrap();
        }
        let later = t0() + Duration::seconds(90);
        assert_eq!(
            w.hit(Counter::UnlockStartsPerUser, "a", LIMIT, later),
            Err(RetryAfter { seconds: 510 })
        );
        // Other keys and other counters are not affected.
        w.hit(Counter::UnlockStartsPerUser, "b", LIMIT, later)
            .unwrap();
        w.hit(Counter::AppLoginsPerUser, "a", LIMIT, later).unwrap();
        // The window expires: counting starts again.
        let next = t0() + Duration::minutes(10);
        w.hit(Counter::UnlockStartsPerUser, "a", LIMIT, next)
            .unwrap();
    }

    #[test]
    fn refunds_and_clears() {
        let mut w = Windows::default();
        for _ in 0..3 {
            w.hit(Counter::ChallengesPerProfile, "p", LIMIT, t0())
                .unwrap();
        }
        w.refund(Counter::ChallengesPerProfile, "p");
        w.hit(Counter::ChallengesPerProfile, "p", LIMIT, t0())
            .unwrap();
        assert!(
            w.hit(Counter::ChallengesPerProfile, "p", LIMIT, t0())
                .is_err()
        );
        w.clear(Counter::ChallengesPerProfile, "p");
        w.hit(Counter::ChallengesPerProfile, "p", LIMIT, t0())
            .unwrap();
    }

    #[test]
    fn retry_after_is_at_least_a_second() {
        let mut w = Windows::default();
        let limit = Limit {
            max: 0,
            window: Duration::milliseconds(10),
        };
        assert_eq!(
            w.hit(Counter::AppLoginsPerUser, "a", limit, t0()),
            Err(RetryAfter { seconds: 1 })
        );
    }

    #[test]
    fn expired_windows_are_swept() {
        let mut w = Windows::default();
        for i in 0..SWEEP_AT {
            w.hit(
                Counter::LookupFailuresPerAddress,
                &i.to_string(),
                LIMIT,
                t0(),
            )
            .unwrap();
        }
        assert_eq!(w.map.len(), SWEEP_AT);
        let later = t0() + Duration::minutes(11);
        w.hit(Counter::LookupFailuresPerAddress, "new", LIMIT, later)
            .unwrap();
        assert_eq!(w.map.len(), 1);
    }

    #[test]
    fn ipv6_clients_count_by_their_prefix() {
        let a = ClientAddr("2001:db8:1:2:aaaa::1".parse().unwrap());
        let b = ClientAddr("2001:db8:1:2:bbbb::2".parse().unwrap());
        let c = ClientAddr("2001:db8:1:3::1".parse().unwrap());
        assert_eq!(a.key(), b.key());
        assert_ne!(a.key(), c.key());
        let mapped = ClientAddr("::ffff:192.0.2.7".parse().unwrap());
        assert_eq!(mapped.key(), "192.0.2.7");
    }
}
