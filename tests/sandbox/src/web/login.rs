//! Logging in with the user id, the password and the key-card code the bank names;
//! logging out; the language switch; the forced password change.

use askama::Template;
use avain_protocol::Language;
use avain_protocol::api::{CodeRequest, OnlineBankLoginStart, PasswordChange, Secret};
use avain_protocol::rules::ids::is_id;
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;

use super::context::{Ctx, LOGIN_REFUSED, LoggedIn, Web};
use super::cookies;
use crate::extract::{Json, PathId};
use crate::routes::online_bank;
use crate::state::Shared;
use crate::throttle::ClientAddr;

/// The login page: password and key card, or the authenticator app.
#[derive(Template)]
#[template(path = "login.html")]
pub struct LoginPage {
    /// Context.
    pub c: Ctx,
    /// What went wrong.
    pub error: Option<String>,
    /// The user id typed (kept after an error; never the password).
    pub username: String,
}

/// The key-card step.
#[derive(Template)]
#[template(path = "key_card.html")]
pub struct KeyCardPage {
    /// Context.
    pub c: Ctx,
    /// The login attempt (form field, never in a URL).
    pub attempt_id: String,
    /// Which code of the card the bank asks for.
    pub index: u32,
    /// What went wrong.
    pub error: Option<String>,
}

/// `GET /login`
pub async fn login_page(web: Web) -> Response {
    if web.session_token.is_some() {
        // Still logged in? Go on; an expired session comes back here with a notice.
        let state = web.state().clone();
        if let Some(token) = &web.session_token
            && state
                .sessions
                .touch(token, crate::sessions::SessionKind::OnlineBank, state.now())
                .is_ok()
        {
            let mut web = web;
            return web.redirect("/home", None);
        }
    }
    let page = LoginPage {
        c: web.ctx(None, "login"),
        error: None,
        username: String::new(),
    };
    web.render(&page)
}

/// The login form.
#[derive(Deserialize)]
pub struct LoginForm {
    csrf: String,
    username: String,
    password: String,
}

/// `POST /login`: checks user id and password, then asks the key-card code.
pub async fn login(
    State(state): State<Shared>,
    client: ClientAddr,
    web: Web,
    Form(form): Form<LoginForm>,
) -> Response {
    if let Some(refused) = web.csrf_refusal(&form.csrf) {
        return refused;
    }
    let username = form.username.trim().to_owned();
    let body = OnlineBankLoginStart {
        username: username.clone(),
        password: Secret::new(form.password),
    };
    match online_bank::login_start(State(state), client, Json(body)).await {
        Ok((_, challenge)) => {
            let page = KeyCardPage {
                c: web.ctx(None, "login"),
                attempt_id: challenge.0.attempt_id,
                index: challenge.0.key_card_index,
                error: None,
            };
            web.render(&page)
        }
        Err(e) => {
            let page = LoginPage {
                c: web.ctx(None, "login"),
                error: Some(web.api_error(e)),
                username,
            };
            web.render_refusal(LOGIN_REFUSED, e, &page)
        }
    }
}

/// The key-card form.
#[derive(Deserialize)]
pub struct KeyCardForm {
    csrf: String,
    attempt_id: String,
    code: String,
}

/// `POST /login/key-card`: the code; three wrong ones in a row lock the user code at
/// the bank, exactly as the API's login does (it is the same code path).
pub async fn key_card(
    State(state): State<Shared>,
    mut web: Web,
    Form(form): Form<KeyCardForm>,
) -> Response {
    if let Some(refused) = web.csrf_refusal(&form.csrf) {
        return refused;
    }
    if !is_id(&form.attempt_id) {
        return web.error_page(StatusCode::BAD_REQUEST, "error_bad_request");
    }
    let body = CodeRequest {
        code: Secret::new(form.code),
    };
    let attempt = form.attempt_id.clone();
    match online_bank::login_finish(State(state.clone()), PathId(attempt), Json(body)).await {
        Ok((_, session)) => {
            web.set_cookie(cookies::set(
                cookies::SESSION,
                session.0.token.expose(),
                None,
            ));
            if session.0.password_change_required {
                web.redirect("/password", None)
            } else {
                web.redirect("/home", None)
            }
        }
        Err(e) if e.attempts_left.is_some() => {
            // A wrong code with tries left: the same code number again.
            let index = attempt_index(&state, &form.attempt_id).await.unwrap_or(0);
            let page = KeyCardPage {
                c: web.ctx(None, "login"),
                attempt_id: form.attempt_id,
                index,
                error: Some(web.api_error(e)),
            };
            web.render_status(LOGIN_REFUSED, &page)
        }
        Err(e) => {
            let page = LoginPage {
                c: web.ctx(None, "login"),
                error: Some(web.api_error(e)),
                username: String::new(),
            };
            web.render_status(LOGIN_REFUSED, &page)
        }
    }
}

/// The key-card code number an attempt asks for (the bank's record, not the form's).
pub async fn attempt_index(state: &Shared, id: &str) -> Option<u32> {
    let id = id.to_owned();
    state
        .db
        .read(move |conn| {
            Ok(conn
                .query_row(
                    "SELECT key_card_index FROM key_card_attempts WHERE id = ?1",
                    [&id],
                    |r| r.get(0),
                )
                .ok())
        })
        .await
        .ok()
        .flatten()
}

/// A form with only the CSRF token.
#[derive(Deserialize)]
pub struct CsrfForm {
    /// The token.
    pub csrf: String,
}

/// `POST /logout`
pub async fn logout(mut web: Web, Form(form): Form<CsrfForm>) -> Response {
    if let Some(refused) = web.csrf_refusal(&form.csrf) {
        return refused;
    }
    if let Some(token) = &web.session_token {
        web.state().sessions.end(token);
    }
    web.set_cookie(cookies::clear(cookies::SESSION));
    web.redirect("/login", Some("flash_logged_out"))
}

/// The language switch.
#[derive(Deserialize)]
pub struct LanguageForm {
    csrf: String,
    lang: String,
    back: String,
}

/// `POST /language`: remembers the choice and returns to the page (a local path only).
pub async fn language(mut web: Web, Form(form): Form<LanguageForm>) -> Response {
    if let Some(refused) = web.csrf_refusal(&form.csrf) {
        return refused;
    }
    let Some(lang) = Language::from_code(&form.lang) else {
        return web.error_page(StatusCode::BAD_REQUEST, "error_bad_request");
    };
    web.remember_language(lang);
    let back = if local_path(&form.back) {
        form.back
    } else {
        "/".to_owned()
    };
    web.redirect(&back, None)
}

/// Whether `path` is a path on this site (no scheme, no host, no query): the language
/// switch must not become an open redirect.
pub fn local_path(path: &str) -> bool {
    path.starts_with('/')
        && !path.starts_with("//")
        && path.len() <= 100
        && path
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'/' | b'-' | b'_'))
}

/// The password change page.
#[derive(Template)]
#[template(path = "password.html")]
pub struct PasswordPage {
    /// Context.
    pub c: Ctx,
    /// What went wrong.
    pub error: Option<String>,
}

/// `GET /password`
pub async fn password_page(me: LoggedIn) -> Response {
    let page = PasswordPage {
        c: me.ctx("password"),
        error: None,
    };
    me.web.render(&page)
}

/// The password change form.
#[derive(Deserialize)]
pub struct PasswordForm {
    csrf: String,
    current: String,
    new: String,
    repeat: String,
}

/// `POST /password`: typed twice, then the API's rules (the core's password rule; wrong
/// current passwords count towards the lock, which ends the session).
pub async fn change_password(
    State(state): State<Shared>,
    mut me: LoggedIn,
    Form(form): Form<PasswordForm>,
) -> Response {
    if let Some(refused) = me.web.csrf_refusal(&form.csrf) {
        return refused;
    }
    let error = if form.new != form.repeat {
        Some(super::texts::get(me.web.lang, "password_mismatch").to_owned())
    } else {
        let body = PasswordChange {
            current_password: Secret::new(form.current),
            new_password: Secret::new(form.new),
        };
        match online_bank::change_password(State(state), me.bank_session(), Json(body)).await {
            Ok(_) => return me.web.redirect("/home", Some("flash_password_changed")),
            Err(e) if online_bank::password_change_ends_sessions(e.code) => {
                // The lock ended the session: back to the login page, saying why.
                me.web.set_cookie(cookies::clear(cookies::SESSION));
                let page = LoginPage {
                    c: me.web.ctx(None, "login"),
                    error: Some(me.web.api_error(e)),
                    username: String::new(),
                };
                return me.web.render_status(LOGIN_REFUSED, &page);
            }
            Err(e) => Some(me.web.api_error(e)),
        }
    };
    let page = PasswordPage {
        c: me.ctx("password"),
        error,
    };
    me.web.render_status(StatusCode::BAD_REQUEST, &page)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_language_switch_returns_only_to_local_paths() {
        assert!(local_path("/devices"));
        assert!(local_path("/"));
        assert!(!local_path("//evil.example/x"));
        assert!(!local_path("https://evil.example"));
        assert!(!local_path("/a?b=c"));
        assert!(!local_path("/a\\b"));
        assert!(!local_path(""));
    }

    #[test]
    fn ids_are_checked_before_any_query() {
        assert!(is_id("obl_0a1b2c"));
        assert!(!is_id(""));
        assert!(!is_id("a/b"));
        assert!(!is_id(&"x".repeat(65)));
    }
}
