//! What every page handler gets: the browser's language, its CSRF binding, the one-time
//! notice, and (for pages behind the login) the online-bank session.

use std::convert::Infallible;

use askama::Template;
use avain_protocol::Language;
use axum::extract::FromRequestParts;
use axum::http::header::{ACCEPT_LANGUAGE, LOCATION, SET_COOKIE};
use axum::http::request::Parts;
use axum::http::{HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use base64::Engine;

use super::cookies;
use super::texts;
use crate::crypto;
use crate::db::records;
use crate::error::ApiError;
use crate::sessions::{Session, SessionKind};
use crate::state::Shared;

/// Hash domain of the CSRF tokens (keyed by the bank's pepper).
const CSRF_DOMAIN: &str = "web_csrf";

/// One year, for the language cookie.
const YEAR_S: u32 = 365 * 24 * 3600;

/// The browser side of a request.
pub struct Web {
    /// The page's language: the cookie, else `Accept-Language`, else Finnish.
    pub lang: Language,
    browser: String,
    new_browser: bool,
    flash: Option<&'static str>,
    /// The session token from the cookie, if any.
    pub session_token: Option<String>,
    /// The pending app-login request id from the cookie, if any.
    pub app_login: Option<String>,
    /// Cookies to set on the answer.
    set_cookies: Vec<String>,
    state: Shared,
}

/// The status of the login page shown again after refused credentials.
pub const LOGIN_REFUSED: StatusCode = StatusCode::FORBIDDEN;

impl std::fmt::Debug for Web {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Web")
            .field("lang", &self.lang)
            .finish_non_exhaustive()
    }
}

impl FromRequestParts<Shared> for Web {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &Shared) -> Result<Self, Infallible> {
        let headers = &parts.headers;
        let lang = cookies::get(headers, cookies::LANGUAGE)
            .and_then(Language::from_code)
            .unwrap_or_else(|| {
                crate::language::from_header(
                    headers.get(ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()),
                )
            });
        let (browser, new_browser) = match cookies::get(headers, cookies::BROWSER) {
            Some(id) if id.len() >= 32 => (id.to_owned(), false),
            _ => (crypto::new_token().to_string(), true),
        };
        let mut set_cookies = Vec::new();
        if new_browser {
            set_cookies.push(cookies::set(cookies::BROWSER, &browser, None));
        }
        let flash = cookies::get(headers, cookies::FLASH).and_then(texts::key);
        if flash.is_some() {
            set_cookies.push(cookies::clear(cookies::FLASH));
        }
        Ok(Web {
            lang,
            browser,
            new_browser,
            flash,
            session_token: cookies::get(headers, cookies::SESSION).map(str::to_owned),
            app_login: cookies::get(headers, cookies::APP_LOGIN).map(str::to_owned),
            set_cookies,
            state: state.clone(),
        })
    }
}

impl Web {
    /// The CSRF token of this browser's forms: an HMAC of its browser id under the bank's
    /// pepper, so it cannot be guessed and is worthless in another browser.
    pub fn csrf(&self) -> String {
        let mac = self
            .state
            .keys
            .hasher
            .hash(CSRF_DOMAIN, &[self.browser.as_bytes()]);
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(mac)
    }

    /// Whether `given` is this browser's CSRF token. A browser that came without the
    /// cookie has no valid token yet.
    pub fn csrf_ok(&self, given: &str) -> bool {
        !self.new_browser && crypto::constant_time_eq(given.as_bytes(), self.csrf().as_bytes())
    }

    /// The refusal of a form whose CSRF token is missing or wrong (403).
    pub fn csrf_refusal(&self, given: &str) -> Option<Response> {
        (!self.csrf_ok(given)).then(|| self.error_page(StatusCode::FORBIDDEN, "error_csrf"))
    }

    /// SHA-256 of the browser id: what server-side state binds to this browser.
    pub fn browser_hash(&self) -> [u8; 32] {
        crypto::sha256(self.browser.as_bytes())
    }

    /// The shared state.
    pub fn state(&self) -> &Shared {
        &self.state
    }

    /// The template context of a page.
    pub fn ctx(&self, user: Option<String>, nav: &'static str) -> Ctx {
        Ctx {
            lang: self.lang,
            csrf: self.csrf(),
            user,
            nav,
            flash: self.flash,
        }
    }

    /// Adds a cookie to the answer.
    pub fn set_cookie(&mut self, value: String) {
        self.set_cookies.push(value);
    }

    /// Sets the language cookie.
    pub fn remember_language(&mut self, lang: Language) {
        self.lang = lang;
        self.set_cookie(cookies::set(cookies::LANGUAGE, lang.code(), Some(YEAR_S)));
    }

    /// The answer with this request's cookies.
    pub fn finish(&self, response: impl IntoResponse) -> Response {
        let mut response = response.into_response();
        for cookie in &self.set_cookies {
            if let Ok(value) = HeaderValue::from_str(cookie) {
                response.headers_mut().append(SET_COOKIE, value);
            }
        }
        response
    }

    /// Renders a page.
    pub fn render(&self, page: &impl Template) -> Response {
        self.render_status(StatusCode::OK, page)
    }

    /// Renders a page with a status.
    ///
    /// The login page shown again after refused credentials (or an ended session) is
    /// [`LOGIN_REFUSED`]: a 401 must carry a `WWW-Authenticate` challenge (RFC 9110
    /// 15.5.2), and no HTTP authentication scheme describes an HTML form.
    pub fn render_status(&self, status: StatusCode, page: &impl Template) -> Response {
        match page.render() {
            Ok(html) => self.finish((status, Html(html))),
            Err(e) => {
                eprintln!("avain-sandbox: web template: {e}");
                self.finish((StatusCode::INTERNAL_SERVER_ERROR, "500"))
            }
        }
    }

    /// Renders a page that shows a refused request: 429 with `Retry-After` when the
    /// request was throttled, `status` otherwise.
    pub fn render_refusal(
        &self,
        status: StatusCode,
        error: ApiError,
        page: &impl Template,
    ) -> Response {
        match error.retry_after_s {
            Some(seconds) => {
                let mut response = self.render_status(StatusCode::TOO_MANY_REQUESTS, page);
                response
                    .headers_mut()
                    .insert(axum::http::header::RETRY_AFTER, seconds.into());
                response
            }
            None => self.render_status(status, page),
        }
    }

    /// A 303 redirect (after a form), with a one-time notice for the next page.
    pub fn redirect(&mut self, to: &str, flash: Option<&'static str>) -> Response {
        if let Some(key) = flash {
            self.set_cookie(cookies::set(cookies::FLASH, key, Some(300)));
        }
        let mut response = StatusCode::SEE_OTHER.into_response();
        if let Ok(value) = HeaderValue::from_str(to) {
            response.headers_mut().insert(LOCATION, value);
        }
        self.finish(response)
    }

    /// A page that says only what went wrong.
    pub fn error_page(&self, status: StatusCode, key: &'static str) -> Response {
        let page = ErrorPage {
            c: self.ctx(None, ""),
            message: texts::get(self.lang, key).to_owned(),
        };
        self.render_status(status, &page)
    }

    /// The localized text of an API error (with the attempts left, where that applies).
    pub fn api_error(&self, error: ApiError) -> String {
        error.code.message(self.lang, error.attempts_left)
    }
}

/// The error page.
#[derive(Template)]
#[template(path = "error.html")]
pub struct ErrorPage {
    /// Context.
    pub c: Ctx,
    /// What went wrong.
    pub message: String,
}

/// What every template sees.
#[derive(Debug, Clone)]
pub struct Ctx {
    /// The page's language.
    pub lang: Language,
    /// The CSRF token for its forms.
    pub csrf: String,
    /// The logged-in customer's name.
    pub user: Option<String>,
    /// Which menu item is current.
    pub nav: &'static str,
    /// A one-time notice (text key).
    pub flash: Option<&'static str>,
}

impl Ctx {
    /// The text `key` in the page's language.
    pub fn s(&self, key: &str) -> &'static str {
        texts::get(self.lang, key)
    }

    /// The page language's code, for `<html lang>`.
    pub fn code(&self) -> &'static str {
        self.lang.code()
    }

    /// Where the language switch returns to.
    pub fn back(&self) -> &'static str {
        match self.nav {
            "home" => "/home",
            "devices" => "/devices",
            "extra_services" => "/extra-services",
            "messages" => "/messages",
            "meetings" => "/meetings",
            "documents" => "/documents",
            "blocking" => "/blocking",
            "unlock" => "/unlock",
            "password" => "/password",
            _ => "/",
        }
    }

    /// `aria-current` for the menu item `item`.
    pub fn current(&self, item: &str) -> &'static str {
        if self.nav == item { "page" } else { "false" }
    }

    /// Every language but the current one, for the switch: (code, name).
    pub fn other_languages(&self) -> Vec<(&'static str, &'static str)> {
        Language::ALL
            .into_iter()
            .filter(|l| *l != self.lang)
            .map(|l| (l.code(), texts::language_name(l)))
            .collect()
    }
}

/// A logged-in online-bank customer.
pub struct LoggedIn {
    /// The browser side.
    pub web: Web,
    /// The session.
    pub session: Session,
    /// Its token.
    pub token: String,
    /// The customer's name.
    pub name: String,
}

impl LoggedIn {
    /// The template context.
    pub fn ctx(&self, nav: &'static str) -> Ctx {
        self.web.ctx(Some(self.name.clone()), nav)
    }

    /// The session as the online-bank handlers take it.
    pub fn bank_session(&self) -> crate::extract::BankSession {
        crate::extract::BankSession {
            session: self.session.clone(),
            token: self.token.clone(),
        }
    }

    /// The session as the handlers shared with the app take it (they use only the
    /// customer; the online bank has no profile).
    pub fn app_session(&self) -> crate::extract::AppSession {
        crate::extract::AppSession {
            session: self.session.clone(),
            profile_id: String::new(),
            token: self.token.clone(),
        }
    }
}

impl FromRequestParts<Shared> for LoggedIn {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &Shared) -> Result<Self, Response> {
        let Ok(mut web) = Web::from_request_parts(parts, state).await;
        let Some(token) = web.session_token.clone() else {
            return Err(web.redirect("/login", None));
        };
        let session = match state
            .sessions
            .touch(&token, SessionKind::OnlineBank, state.now())
        {
            Ok(session) => session,
            Err(_) => {
                // Expired after 5 idle minutes, or gone (logged out elsewhere, a blocking,
                // a restart): either way the customer logs in again.
                web.set_cookie(cookies::clear(cookies::SESSION));
                return Err(web.redirect("/login", Some("flash_session_expired")));
            }
        };
        if session.password_change_required && parts.uri.path() != "/password" {
            return Err(web.redirect("/password", None));
        }
        let customer_id = session.customer_id;
        let name = state
            .db
            .read(move |conn| Ok(records::customer(conn, customer_id)?.name))
            .await
            .map_err(|_| web.error_page(StatusCode::INTERNAL_SERVER_ERROR, "error_internal"))?;
        Ok(LoggedIn {
            web,
            session,
            token,
            name,
        })
    }
}
