//! "Log in with the code app": the page shows a short code and waits; the bank pushes the
//! request id to the customer's active profiles; the app fetches the request, shows the
//! same code, and the customer approves with the PIN or biometrics (a `login` approval on
//! the `online_bank` channel, whose shown text must carry the code). The page then logs
//! in. The request is bound to the browser that started it; it lives 2 minutes.
//!
//! App side (JSON, documented in openapi.yaml):
//! `POST /v1/online-bank/app-logins/{id}/challenge`, `.../approve`, `.../reject`.

use std::collections::HashMap;
use std::sync::Mutex;

use askama::Template;
use avain_protocol::api::{
    ErrorCode, IdentificationChallengeRequest, IdentificationReject, LoginChannel, LoginRequest,
    Purpose,
};
use avain_protocol::app_link::{self, AppLinkDomain};
use avain_protocol::lifecycle::ProfileState;
use avain_protocol::signed_bytes::Approval;
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use time::{Duration, OffsetDateTime};

use super::context::{Ctx, LOGIN_REFUSED, Web};
use super::cookies;
use super::login::LoginPage;
use crate::approvals::{self, require_shown_text};
use crate::crypto;
use crate::db::records;
use crate::error::{ApiError, ApiResult};
use crate::extract::{Json, PathId};
use crate::notify;
use crate::routes::auth::{self, BANK_REQUESTER};
use crate::sessions::SessionKind;
use crate::state::Shared;
use crate::throttle::{self, ClientAddr, Counter};

/// How long the page waits for the app.
pub const APP_LOGIN_TTL: Duration = Duration::minutes(2);
/// The characters of the short code: no 0/O, 1/I/L, so it reads aloud and compares at a
/// glance.
const CODE_ALPHABET: &[u8] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";
/// Length of the short code.
const CODE_LENGTH: usize = 4;

/// Where a request is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AppLoginStatus {
    /// Waits for the app.
    Pending,
    /// The customer approved it in the app.
    Approved,
    /// The customer refused it in the app.
    Rejected,
    /// Nobody answered in time (or it was used).
    Expired,
}

#[derive(Debug, Clone)]
struct AppLogin {
    /// `None` for an unknown user id: the page behaves the same, nothing is pushed.
    customer_id: Option<i64>,
    browser_hash: [u8; 32],
    short_code: String,
    expires_at: OffsetDateTime,
    status: AppLoginStatus,
}

/// The pending app logins, in memory like sessions (a restart ends them; the customer
/// starts again).
#[derive(Debug, Default)]
pub struct WebState {
    app_logins: Mutex<HashMap<String, AppLogin>>,
}

impl WebState {
    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, AppLogin>> {
        match self.app_logins.lock() {
            Ok(map) => map,
            Err(poisoned) => poisoned.into_inner(),
        }
    }

    fn insert(&self, id: String, login: AppLogin, now: OffsetDateTime) {
        let mut map = self.lock();
        map.retain(|_, l| now < l.expires_at + APP_LOGIN_TTL);
        map.insert(id, login);
    }

    /// The request `id` as the app may answer it: pending, unexpired, of a customer.
    fn pending(&self, id: &str, now: OffsetDateTime) -> ApiResult<AppLogin> {
        let map = self.lock();
        let login = map.get(id).ok_or(ApiError::new(ErrorCode::NotFound))?;
        if login.customer_id.is_none() {
            return Err(ErrorCode::NotFound.into());
        }
        if login.status != AppLoginStatus::Pending || now >= login.expires_at {
            return Err(ErrorCode::Expired.into());
        }
        Ok(login.clone())
    }

    fn set_status(&self, id: &str, customer_id: i64, status: AppLoginStatus) -> ApiResult<()> {
        let mut map = self.lock();
        match map.get_mut(id) {
            Some(l)
                if l.customer_id == Some(customer_id) && l.status == AppLoginStatus::Pending =>
            {
                l.status = status;
                Ok(())
            }
            _ => Err(ErrorCode::Expired.into()),
        }
    }

    /// The status the browser sees; only the browser that started the request sees it.
    fn status_for(&self, id: &str, browser_hash: &[u8; 32], now: OffsetDateTime) -> AppLoginStatus {
        match self.lock().get(id) {
            Some(l) if crypto::constant_time_eq(&l.browser_hash, browser_hash) => {
                if l.status == AppLoginStatus::Pending && now >= l.expires_at {
                    AppLoginStatus::Expired
                } else {
                    l.status
                }
            }
            _ => AppLoginStatus::Expired,
        }
    }

    /// Takes an approved request out (it logs in once).
    fn take_approved(&self, id: &str, browser_hash: &[u8; 32]) -> Option<i64> {
        let mut map = self.lock();
        let l = map.get(id)?;
        if !crypto::constant_time_eq(&l.browser_hash, browser_hash)
            || l.status != AppLoginStatus::Approved
        {
            return None;
        }
        map.remove(id).and_then(|l| l.customer_id)
    }

    fn short_code(&self, id: &str) -> Option<String> {
        self.lock().get(id).map(|l| l.short_code.clone())
    }
}

/// A new request id, of the one form app links carry (`oal_` and 20 hex digits).
fn new_request_id() -> String {
    let id = crypto::new_id(app_link::REQUEST_ID_PREFIX.trim_end_matches('_'));
    debug_assert!(app_link::is_request_id(&id));
    id
}

fn new_short_code() -> String {
    let bytes: [u8; CODE_LENGTH] = crypto::random_bytes();
    bytes
        .iter()
        .map(|b| char::from(CODE_ALPHABET[usize::from(*b) % CODE_ALPHABET.len()]))
        .collect()
}

/// The page that waits for the app.
#[derive(Template)]
#[template(path = "app_login.html")]
pub struct WaitPage {
    /// Context.
    pub c: Ctx,
    /// The code the app shows too.
    pub code: String,
    /// The app link that opens the code app on this same phone with the request
    /// (`avain_protocol::app_link`, the sandbox's host).
    pub app_link: String,
}

/// The sandbox's app link for the login request `id`.
fn app_link(id: &str) -> String {
    AppLinkDomain::Sandbox.link(id)
}

/// The form that starts an app login.
#[derive(Deserialize)]
pub struct StartForm {
    csrf: String,
    username: String,
}

/// `POST /login/app`: shows the code and pushes the request to the customer's app.
/// Throttled per user id and per client address, known user id or not: each request
/// pushes to the customer's phones.
pub async fn start(
    State(state): State<Shared>,
    client: ClientAddr,
    mut web: Web,
    Form(form): Form<StartForm>,
) -> Response {
    if let Some(refused) = web.csrf_refusal(&form.csrf) {
        return refused;
    }
    let user_id = form.username.trim().to_owned();
    let user_key: String = user_id.chars().take(64).collect();
    if let Err(throttled) = state.throttle.hit_both(
        (
            Counter::AppLoginsPerUser,
            &user_key,
            throttle::APP_LOGINS_PER_USER,
        ),
        (Counter::AppLoginsPerAddress, client),
        state.now(),
    ) {
        let page = LoginPage {
            c: web.ctx(None, "login"),
            error: Some(web.api_error(throttled)),
            username: user_id,
        };
        return web.render_refusal(StatusCode::TOO_MANY_REQUESTS, throttled, &page);
    }
    let found = if user_id.is_empty() || user_id.len() > 20 {
        None
    } else {
        state
            .db
            .read(move |conn| {
                let Some(customer) = records::customer_by_user_id(conn, &user_id)? else {
                    return Ok(None);
                };
                let profiles: Vec<_> = records::profiles_of(conn, customer.id)?
                    .into_iter()
                    .filter(|p| p.state == ProfileState::Active)
                    .collect();
                Ok(Some((customer, profiles)))
            })
            .await
            .ok()
            .flatten()
    };
    let now = state.now();
    let id = new_request_id();
    let code = new_short_code();
    let usable = found
        .as_ref()
        .is_some_and(|(c, _)| c.require_usable().is_ok());
    state.web.insert(
        id.clone(),
        AppLogin {
            customer_id: found.as_ref().filter(|_| usable).map(|(c, _)| c.id),
            browser_hash: web.browser_hash(),
            short_code: code.clone(),
            expires_at: now + APP_LOGIN_TTL,
            status: AppLoginStatus::Pending,
        },
        now,
    );
    if let Some((customer, profiles)) = found.filter(|_| usable) {
        for profile in &profiles {
            notify::push(
                &state,
                &customer,
                profile,
                "online_bank_login",
                Some(id.clone()),
            );
        }
    }
    web.set_cookie(cookies::set(cookies::APP_LOGIN, &id, Some(180)));
    web.render(&WaitPage {
        c: web.ctx(None, "login"),
        code,
        app_link: app_link(&id),
    })
}

/// `GET /login/app/status`: `{"status": "pending" | "approved" | "rejected" | "expired"}`
/// for the page's script.
pub async fn status(State(state): State<Shared>, web: Web) -> Response {
    let status = match &web.app_login {
        Some(id) => state.web.status_for(id, &web.browser_hash(), state.now()),
        None => AppLoginStatus::Expired,
    };
    axum::Json(serde_json::json!({ "status": status })).into_response()
}

/// The form the page submits when the app answered (or the customer presses continue).
#[derive(Deserialize)]
pub struct FinishForm {
    csrf: String,
}

/// `POST /login/app/finish`: logs in when the app approved.
pub async fn finish(
    State(state): State<Shared>,
    mut web: Web,
    Form(form): Form<FinishForm>,
) -> Response {
    if let Some(refused) = web.csrf_refusal(&form.csrf) {
        return refused;
    }
    let Some(id) = web.app_login.clone() else {
        return web.redirect("/login", None);
    };
    let hash = web.browser_hash();
    let now = state.now();
    match state.web.status_for(&id, &hash, now) {
        AppLoginStatus::Pending => {
            let code = state.web.short_code(&id).unwrap_or_default();
            return web.render(&WaitPage {
                c: web.ctx(None, "login"),
                code,
                app_link: app_link(&id),
            });
        }
        AppLoginStatus::Approved => {}
        other => {
            web.set_cookie(cookies::clear(cookies::APP_LOGIN));
            let key = if other == AppLoginStatus::Rejected {
                "app_login_rejected"
            } else {
                "app_login_expired"
            };
            let page = LoginPage {
                c: web.ctx(None, "login"),
                error: Some(super::texts::get(web.lang, key).to_owned()),
                username: String::new(),
            };
            return web.render_status(LOGIN_REFUSED, &page);
        }
    }
    let Some(customer_id) = state.web.take_approved(&id, &hash) else {
        return web.redirect("/login", None);
    };
    let customer = match state
        .db
        .read(move |conn| records::customer(conn, customer_id))
        .await
    {
        Ok(c) => c,
        Err(_) => return web.error_page(StatusCode::INTERNAL_SERVER_ERROR, "error_internal"),
    };
    let token = state.sessions.create(
        SessionKind::OnlineBank,
        customer.id,
        None,
        customer.password_change_required,
        now,
    );
    web.set_cookie(cookies::clear(cookies::APP_LOGIN));
    web.set_cookie(cookies::set(cookies::SESSION, token.expose(), None));
    web.redirect("/home", None)
}

/// What the app shows and the challenge to approve it with (the core's wire type).
pub use avain_protocol::api::AppLoginApproval;

/// `POST /v1/online-bank/app-logins/{id}/challenge`: the app (no session: the push woke
/// it) asks for the challenge of a request of its own customer.
pub async fn api_challenge(
    State(state): State<Shared>,
    PathId(id): PathId,
    Json(body): Json<IdentificationChallengeRequest>,
) -> ApiResult<(StatusCode, axum::Json<AppLoginApproval>)> {
    let login = state.web.pending(&id, state.now())?;
    let (profile, _, reported) = auth::profile_for_challenge(
        &state,
        &body.profile_id,
        &body.device.os_version,
        &body.device.app_version,
    )
    .await?;
    if Some(profile.customer_id) != login.customer_id {
        return Err(ErrorCode::NotFound.into());
    }
    let challenge = auth::issue_reported(
        &state,
        &profile,
        Some(reported),
        Purpose::Login,
        BANK_REQUESTER,
        Some(id.clone()),
        LoginChannel::OnlineBank,
    )?;
    Ok((
        StatusCode::CREATED,
        axum::Json(AppLoginApproval {
            request_id: id,
            short_code: login.short_code,
            expires_at: login.expires_at,
            challenge,
        }),
    ))
}

/// `POST /v1/online-bank/app-logins/{id}/approve`: the signed answer. Wrong PINs count
/// toward the profile's lock like any approval.
pub async fn api_approve(
    State(state): State<Shared>,
    PathId(id): PathId,
    Json(body): Json<LoginRequest>,
) -> ApiResult<StatusCode> {
    let login = state.web.pending(&id, state.now())?;
    let code = login.short_code.clone();
    let customer_id = approvals::approve(
        &state,
        body.assertion,
        Purpose::Login,
        Some(id.clone()),
        move |issued, shown| {
            if issued.channel != LoginChannel::OnlineBank {
                return Err(ErrorCode::ChallengeMismatch.into());
            }
            let shown = require_shown_text(shown)?;
            // The customer must have seen the code the browser shows.
            if !shown.contains(&code) {
                return Err(ErrorCode::InvalidValue.into());
            }
            Ok(Approval::Login {
                channel: LoginChannel::OnlineBank,
                shown_text: shown,
            })
        },
        |_, approved| Ok(approved.issued.customer_id),
    )
    .await?;
    state
        .web
        .set_status(&id, customer_id, AppLoginStatus::Approved)?;
    Ok(StatusCode::NO_CONTENT)
}

/// `POST /v1/online-bank/app-logins/{id}/reject`: the customer did not start this login.
pub async fn api_reject(
    State(state): State<Shared>,
    PathId(id): PathId,
    Json(body): Json<IdentificationReject>,
) -> ApiResult<StatusCode> {
    let login = state.web.pending(&id, state.now())?;
    let profile_id = body.profile_id;
    let profile = state
        .db
        .read(move |conn| records::profile(conn, &profile_id))
        .await?
        .filter(|p| Some(p.customer_id) == login.customer_id && p.state == ProfileState::Active)
        .ok_or(ApiError::new(ErrorCode::NotFound))?;
    state
        .web
        .set_status(&id, profile.customer_id, AppLoginStatus::Rejected)?;
    Ok(StatusCode::NO_CONTENT)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_ids_are_of_the_app_links_form_and_read_back() {
        for _ in 0..50 {
            let id = new_request_id();
            assert!(app_link::is_request_id(&id), "{id}");
            assert_eq!(
                app_link::parse(AppLinkDomain::Sandbox, &app_link(&id)),
                Ok(app_link::AppLink::AppLogin { request_id: id })
            );
        }
    }

    #[test]
    fn short_codes_use_only_unambiguous_characters() {
        for _ in 0..200 {
            let code = new_short_code();
            assert_eq!(code.len(), CODE_LENGTH);
            assert!(code.bytes().all(|b| CODE_ALPHABET.contains(&b)), "{code}");
            assert!(!code.contains(['0', 'O', '1', 'I', 'L']));
        }
    }

    #[test]
    fn only_the_starting_browser_sees_the_status_and_it_logs_in_once() {
        let store = WebState::default();
        let now = OffsetDateTime::UNIX_EPOCH + Duration::days(20_000);
        let mine = [1u8; 32];
        let other = [2u8; 32];
        store.insert(
            "oal_1".into(),
            AppLogin {
                customer_id: Some(7),
                browser_hash: mine,
                short_code: "K7Q2".into(),
                expires_at: now + APP_LOGIN_TTL,
                status: AppLoginStatus::Pending,
            },
            now,
        );
        assert_eq!(
            store.status_for("oal_1", &mine, now),
            AppLoginStatus::Pending
        );
        assert_eq!(
            store.status_for("oal_1", &other, now),
            AppLoginStatus::Expired
        );
        assert!(
            store
                .set_status("oal_1", 8, AppLoginStatus::Approved)
                .is_err()
        );
        store
            .set_status("oal_1", 7, AppLoginStatus::Approved)
            .unwrap();
        assert_eq!(store.take_approved("oal_1", &other), None);
        assert_eq!(store.take_approved("oal_1", &mine), Some(7));
        assert_eq!(store.take_approved("oal_1", &mine), None);
        assert_eq!(
            store.status_for("oal_1", &mine, now + Duration::minutes(3)),
            AppLoginStatus::Expired
        );
    }

    #[test]
    fn an_unanswered_request_expires() {
        let store = WebState::default();
        let now = OffsetDateTime::UNIX_EPOCH + Duration::days(20_000);
        store.insert(
            "oal_2".into(),
            AppLogin {
                customer_id: Some(7),
                browser_hash: [1; 32],
                short_code: "AAAA".into(),
                expires_at: now + APP_LOGIN_TTL,
                status: AppLoginStatus::Pending,
            },
            now,
        );
        assert!(store.pending("oal_2", now).is_ok());
        assert_eq!(
            store
                .pending("oal_2", now + APP_LOGIN_TTL)
                .unwrap_err()
                .code,
            ErrorCode::Expired
        );
        assert_eq!(
            store.status_for("oal_2", &[1; 32], now + APP_LOGIN_TTL),
            AppLoginStatus::Expired
        );
    }
}
