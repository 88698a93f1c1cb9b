//! The other hands of the service flows, for the Kotlin and Swift end-to-end tests: a third
//! party asking through the identification broker, a browser waiting on "log in with the
//! code app", and the expert of a video meeting reading out identifiers. Each is what
//! `avain-e2e`'s harness does for the Rust tests, behind plain text on the control server.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use avain_core::api::Meeting;
use avain_core::api::sandbox::{BrokerRequest, BrokerResult, IssueIdentifier, IssuedIdentifier};
use avain_core::net::{Trust, client_config};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use reqwest::header::{COOKIE, HeaderMap, SET_COOKIE};

use crate::{Answer, Control, customer};

/// The browser's cookies of each app-login request it started, by request id.
#[derive(Debug, Default)]
pub struct Browsers(Mutex<HashMap<String, String>>);

impl Browsers {
    fn insert(&self, request_id: String, cookies: String) {
        self.0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .insert(request_id, cookies);
    }

    fn cookies(&self, request_id: &str) -> Option<String> {
        self.0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .get(request_id)
            .cloned()
    }
}

/// A browser of its own (cookies are per login), trusting only the sandbox's root.
pub fn browser_http(root_der: &[u8]) -> Result<reqwest::Client, String> {
    let config = client_config(&Trust::only_root(root_der.to_vec()))
        .map_err(|e| format!("TLS configuration: {e}"))?;
    reqwest::Client::builder()
        .tls_backend_preconfigured(config)
        .https_only(true)
        .redirect(reqwest::redirect::Policy::none())
        .timeout(std::time::Duration::from_secs(30))
        .build()
        .map_err(|e| format!("HTTP client: {e}"))
}

fn failed(what: &str) -> (StatusCode, String) {
    (StatusCode::BAD_GATEWAY, format!("{what}\n"))
}

/// `name=value` of the cookie `name` that `headers` set.
fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with(&format!("{name}=")))
        .and_then(|v| v.split(';').next())
        .map(str::to_owned)
}

/// The text between `marker` and the next `<`, after the tag's `>`.
fn element_text<'a>(html: &'a str, marker: &str) -> Option<&'a str> {
    let tail = html.split(marker).nth(1)?;
    let (_, text) = tail.split_once('>')?;
    Some(text.split('<').next()?.trim())
}

/// The link of the element `marker` (its `href`), with the HTML escapes a template may
/// put in an attribute undone, as a browser reads it.
fn href_of(html: &str, marker: &str) -> Option<String> {
    let tail = html.split(marker).nth(1)?;
    let value = tail.split("href=\"").nth(1)?.split('"').next()?;
    Some(
        value
            .replace("&#x2f;", "/")
            .replace("&#47;", "/")
            .replace("&#x3d;", "=")
            .replace("&amp;", "&"),
    )
}

/// The login form's token, form-encoded as a browser sends it.
fn csrf_of(html: &str) -> Option<String> {
    let token = html
        .split("name=\"csrf\" value=\"")
        .nth(1)?
        .split('"')
        .next()?;
    Some(
        token
            .bytes()
            .map(|b| match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => {
                    (b as char).to_string()
                }
                _ => format!("%{b:02X}"),
            })
            .collect(),
    )
}

/// `POST /browser-login/{user_id}`: a browser opens the online bank's login page and asks
/// to log in with the code app as `user_id`. Answers `request_id` (what the bank's push
/// carries to the phone) and `short_code` (what the page shows).
pub async fn browser_login(
    State(control): State<Arc<Control>>,
    Path(user_id): Path<String>,
) -> Answer {
    customer(&user_id)?;
    let http = &control.web;
    let base = control.bank.url().trim_end_matches('/').to_owned();
    let page = http
        .get(format!("{base}/login"))
        .send()
        .await
        .map_err(|_| failed("login page"))?;
    let browser = cookie(page.headers(), "__Host-avain-browser")
        .ok_or_else(|| failed("no browser cookie"))?;
    let html = page.text().await.map_err(|_| failed("login page"))?;
    let csrf = csrf_of(&html).ok_or_else(|| failed("no form token"))?;
    let waiting = http
        .post(format!("{base}/login/app"))
        .header(COOKIE, &browser)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(format!("csrf={csrf}&username={user_id}"))
        .send()
        .await
        .map_err(|_| failed("app login"))?;
    if waiting.status() != StatusCode::OK {
        return Err(failed(&format!("app login: HTTP {}", waiting.status())));
    }
    let app_login = cookie(waiting.headers(), "__Host-avain-app-login")
        .ok_or_else(|| failed("no app-login cookie"))?;
    let html = waiting.text().await.map_err(|_| failed("app login"))?;
    let short_code = element_text(&html, "id=\"short-code\"")
        .ok_or_else(|| failed("no short code"))?
        .to_owned();
    let app_link = href_of(&html, "id=\"open-app\"").ok_or_else(|| failed("no app link"))?;
    // The bank pushes the request id to the phones; the browser keeps it in its cookie.
    let request_id = app_login
        .split_once('=')
        .map(|(_, id)| id.to_owned())
        .ok_or_else(|| failed("app-login cookie"))?;
    control
        .browsers
        .insert(request_id.clone(), format!("{browser}; {app_login}"));
    Ok(format!(
        "request_id {request_id}\nshort_code {short_code}\napp_link {app_link}\n"
    ))
}

/// `GET /browser-login/{request_id}`: what the waiting page's script sees: `pending`,
/// `approved`, `rejected` or `expired`.
pub async fn browser_login_status(
    State(control): State<Arc<Control>>,
    Path(request_id): Path<String>,
) -> Answer {
    let cookies = control
        .browsers
        .cookies(&request_id)
        .ok_or_else(|| (StatusCode::NOT_FOUND, "no such browser login\n".to_owned()))?;
    let base = control.bank.url().trim_end_matches('/').to_owned();
    let answer: serde_json::Value = control
        .web
        .get(format!("{base}/login/app/status"))
        .header(COOKIE, cookies)
        .send()
        .await
        .map_err(|_| failed("status"))?
        .json()
        .await
        .map_err(|_| failed("status"))?;
    let status = answer["status"].as_str().ok_or_else(|| failed("status"))?;
    Ok(format!("{status}\n"))
}

fn broker_lines(result: &BrokerResult) -> Answer {
    let status = serde_json::to_value(result.status).map_err(|_| failed("status"))?;
    let mut text = format!(
        "request_id {}\nstatus {}\n",
        result.request_id,
        status.as_str().unwrap_or_default()
    );
    if let Some(name) = &result.name {
        text.push_str(&format!("name {name}\n"));
    }
    Ok(text)
}

/// `POST /broker/{user_id}/{service}`: the service asks the identification broker to
/// identify `user_id`; the bank pushes the request id to the customer's phones.
pub async fn broker_asks(
    State(control): State<Arc<Control>>,
    Path((user_id, service)): Path<(String, String)>,
) -> Answer {
    customer(&user_id)?;
    let result: BrokerResult = control
        .browser
        .post(
            "/v1/sandbox/broker/identification-requests",
            None,
            &BrokerRequest {
                service_name: service,
                user_id,
            },
        )
        .await
        .map_err(|e| failed(&format!("broker request: {e}")))?;
    broker_lines(&result)
}

/// `GET /broker/{request_id}`: what the broker learns (the status, the name once approved).
pub async fn broker_result(
    State(control): State<Arc<Control>>,
    Path(request_id): Path<String>,
) -> Answer {
    let result: BrokerResult = control
        .browser
        .get(
            &format!("/v1/sandbox/broker/identification-requests/{request_id}"),
            None,
        )
        .await
        .map_err(|e| failed(&format!("broker result: {e}")))?;
    broker_lines(&result)
}

/// `POST /meetings/{code}/identifier/{user_id}`: the expert reads out `user_id`'s
/// identifier (inside the join window on the bank's clock).
pub async fn expert_identifier(
    State(control): State<Arc<Control>>,
    Path((code, user_id)): Path<(String, String)>,
) -> Answer {
    customer(&user_id)?;
    let issued: IssuedIdentifier = control
        .browser
        .post(
            &format!("/v1/sandbox/meetings/{code}/identifiers"),
            None,
            &IssueIdentifier { user_id },
        )
        .await
        .map_err(|e| failed(&format!("issue identifier: {e}")))?;
    Ok(format!("{}\n", issued.identifier.expose()))
}

/// `GET /meetings/{code}`: the expert's view, one `participant IDENTIFIED NAME` line each.
pub async fn expert_view(State(control): State<Arc<Control>>, Path(code): Path<String>) -> Answer {
    let meeting: Meeting = control
        .browser
        .get(&format!("/v1/sandbox/meetings/{code}"), None)
        .await
        .map_err(|e| failed(&format!("expert view: {e}")))?;
    Ok(meeting
        .participants
        .iter()
        .map(|p| format!("participant {} {}\n", p.identified, p.name))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_page_as_a_browser_does() {
        let html = r#"<form><input type="hidden" name="csrf" value="a+b/c="></form>
            <p class="code" id="short-code"> K7Q2 </p>"#;
        assert_eq!(csrf_of(html).as_deref(), Some("a%2Bb%2Fc%3D"));
        assert_eq!(element_text(html, "id=\"short-code\""), Some("K7Q2"));
        assert_eq!(element_text(html, "id=\"missing\""), None);
        let link = r#"<a class="button" id="open-app" href="https:&#x2f;&#x2f;localhost&#x2f;app-login&#x2f;oal_1">"#;
        assert_eq!(
            href_of(link, "id=\"open-app\"").as_deref(),
            Some("https://localhost/app-login/oal_1")
        );
    }
}
