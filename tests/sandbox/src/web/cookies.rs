//! The browser's cookies: names, reading the `Cookie` header, and `Set-Cookie` values.
//!
//! Every cookie is `__Host-` prefixed (so only this origin over HTTPS can set it, for the
//! whole site), `Secure`, `HttpOnly` (no script reads it) and `SameSite=Strict` (no other
//! site's page can make the browser send it).

use axum::http::HeaderMap;
use axum::http::header::COOKIE;

/// The logged-in session's token.
pub const SESSION: &str = "__Host-avain-session";
/// A random id of this browser, to which the CSRF token of every form is bound.
pub const BROWSER: &str = "__Host-avain-browser";
/// The chosen language ("fi", "sv", "en").
pub const LANGUAGE: &str = "__Host-avain-lang";
/// A one-time notice shown on the next page (a text key, never personal data).
pub const FLASH: &str = "__Host-avain-flash";
/// The pending "log in with the authenticator" request.
pub const APP_LOGIN: &str = "__Host-avain-app-login";

/// The value of cookie `name`, if the request has one that looks sane.
pub fn get<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
        .filter(|v| !v.is_empty() && v.len() <= 128 && v.bytes().all(is_cookie_byte))
}

fn is_cookie_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.')
}

/// A `Set-Cookie` value that lives as long as the browser session (or `max_age_s`).
pub fn set(name: &str, value: &str, max_age_s: Option<u32>) -> String {
    let age = max_age_s
        .map(|s| format!("; Max-Age={s}"))
        .unwrap_or_default();
    format!("{name}={value}; Path=/; Secure; HttpOnly; SameSite=Strict{age}")
}

/// A `Set-Cookie` value that removes the cookie.
pub fn clear(name: &str) -> String {
    format!("{name}=; Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age=0")
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    #[test]
    fn reads_only_well_formed_values() {
        let mut headers = HeaderMap::new();
        headers.insert(
            COOKIE,
            HeaderValue::from_static("a=1; __Host-avain-lang=sv; bad=<script>"),
        );
        assert_eq!(get(&headers, LANGUAGE), Some("sv"));
        assert_eq!(get(&headers, "a"), Some("1"));
        assert_eq!(get(&headers, "bad"), None);
        assert_eq!(get(&headers, SESSION), None);
    }

    #[test]
    fn every_cookie_is_secure_http_only_and_strict() {
        for value in [
            set(SESSION, "x", None),
            set(LANGUAGE, "fi", Some(60)),
            clear(FLASH),
        ] {
            assert!(
                value.contains("; Secure; HttpOnly; SameSite=Strict"),
                "{value}"
            );
            assert!(value.contains("; Path=/"), "{value}");
        }
    }
}
