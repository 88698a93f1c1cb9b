//! The browser online bank at `/`: server-rendered HTML (askama templates in
//! `tests/sandbox/templates/`), one small script and one style sheet from `/static/`, in
//! Finnish, Swedish and English. It is the customer's side of the online-bank actions the
//! API offers under `/v1/online-bank` and calls the same code, so its rules (key-card
//! locks, unlock, removal, blocking) are the API's.
//!
//! Web security: a CSRF token bound to the browser on every form; cookies `__Host-`,
//! `Secure`, `HttpOnly`, `SameSite=Strict`; the session ends after 5 idle minutes (the
//! API's session store); a Content-Security-Policy without inline script or style;
//! framing forbidden; no secret in any URL (codes and ids travel in POST bodies; the app
//! link carries an app-login request's id, which is no secret: the app shows the page's
//! code before anything is approved, see `avain_protocol::app_link`).

pub mod app_login;
pub mod context;
pub mod cookies;
pub mod devices;
pub mod extra_services;
pub mod format;
pub mod home;
pub mod login;
pub mod services;
pub mod texts;
pub mod unlock;
pub mod well_known;

pub use app_login::WebState;

use axum::Router;
use axum::extract::Request;
use axum::http::header::{CONTENT_TYPE, HeaderName};
use axum::http::{HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};

use crate::state::Shared;

/// The policy: only this origin's script and style, no inline code, no framing, forms
/// post only here.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; script-src 'self'; \
     style-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; \
     frame-ancestors 'none'; base-uri 'none'";

/// The pages. Mounted beside the API (`routes::router`).
pub fn router() -> Router<Shared> {
    Router::new()
        .route("/", get(home::root))
        .route("/login", get(login::login_page).post(login::login))
        .route("/login/key-card", post(login::key_card))
        .route("/login/app", post(app_login::start))
        .route("/login/app/status", get(app_login::status))
        .route("/login/app/finish", post(app_login::finish))
        .route("/unlock", get(unlock::page).post(unlock::start))
        .route("/unlock/finish", post(unlock::finish))
        .route("/logout", post(login::logout))
        .route("/language", post(login::language))
        .route(
            "/password",
            get(login::password_page).post(login::change_password),
        )
        .route("/home", get(home::home))
        .route("/devices", get(devices::page))
        .route("/devices/unlock", post(devices::unlock))
        .route("/devices/lock", post(devices::lock))
        .route("/devices/open", post(devices::open))
        .route("/devices/open/confirm", post(devices::open_confirm))
        .route("/devices/remove", post(devices::remove))
        .route("/devices/remove/confirm", post(devices::remove_confirm))
        .route("/extra-services", get(extra_services::page))
        .route("/extra-services/phone", post(extra_services::phone_start))
        .route(
            "/extra-services/phone/confirm",
            post(extra_services::phone_confirm),
        )
        .route("/extra-services/sms", post(extra_services::sms_service))
        .route(
            "/extra-services/sms/off",
            post(extra_services::sms_off_confirm),
        )
        .route("/messages", get(services::messages))
        .route("/messages/{id}", get(services::message))
        .route("/meetings", get(services::meetings_page))
        .route("/meetings/book", post(services::book))
        .route("/meetings/join", post(services::join))
        .route("/meetings/identify", post(services::identify))
        .route("/documents", get(services::documents))
        .route("/documents/{id}/download", get(services::download))
        .route("/blocking", get(home::blocking).post(home::block))
        .route("/.well-known/assetlinks.json", get(well_known::assetlinks))
        .route(
            "/.well-known/apple-app-site-association",
            get(well_known::apple_app_site_association),
        )
        .route("/static/app.css", get(style))
        .route("/static/app.js", get(script))
        .layer(middleware::from_fn(security_headers))
}

async fn style() -> Response {
    (
        [(CONTENT_TYPE, "text/css; charset=utf-8")],
        include_str!("../../static/app.css"),
    )
        .into_response()
}

async fn script() -> Response {
    (
        [(CONTENT_TYPE, "text/javascript; charset=utf-8")],
        include_str!("../../static/app.js"),
    )
        .into_response()
}

/// Adds the security headers to every page.
async fn security_headers(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    let set = |headers: &mut axum::http::HeaderMap, name: &'static str, value: &'static str| {
        headers.insert(
            HeaderName::from_static(name),
            HeaderValue::from_static(value),
        );
    };
    set(headers, "content-security-policy", CONTENT_SECURITY_POLICY);
    set(headers, "x-frame-options", "DENY");
    set(headers, "x-content-type-options", "nosniff");
    set(headers, "referrer-policy", "no-referrer");
    set(
        headers,
        "strict-transport-security",
        "max-age=31536000; includeSubDomains",
    );
    set(
        headers,
        "permissions-policy",
        "camera=(), microphone=(), geolocation=()",
    );
    if response.status() == StatusCode::UNPROCESSABLE_ENTITY
        || response.status() == StatusCode::UNSUPPORTED_MEDIA_TYPE
    {
        // A form axum could not read (a field missing or of the wrong type).
        *response.status_mut() = StatusCode::BAD_REQUEST;
    }
    response
}
