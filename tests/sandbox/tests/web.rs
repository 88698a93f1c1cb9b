//! The browser online bank's web security, over HTTPS without a browser: headers,
//! cookie flags, CSRF refusals, no secret in a URL. (The pages themselves are tested in
//! Chromium: tests/browser.)

#![allow(clippy::unwrap_used)] // tests

use avain_core::net::Trust;
use avain_sandbox::Sandbox;
use avain_sandbox::seed;
use reqwest::header::{HeaderMap, SET_COOKIE};

fn http(bank: &Sandbox) -> reqwest::Client {
    let config =
        avain_core::net::client_config(&Trust::only_root(bank.root_certificate_der().to_vec()))
            .unwrap();
    reqwest::Client::builder()
        .tls_backend_preconfigured(config)
        .https_only(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

/// `application/x-www-form-urlencoded`, as a browser posts a form.
trait FormBody {
    fn form_body(self, pairs: &[(&str, &str)]) -> Self;
}

impl FormBody for reqwest::RequestBuilder {
    fn form_body(self, pairs: &[(&str, &str)]) -> Self {
        let encode = |s: &str| -> String {
            s.bytes()
                .map(|b| match b {
                    b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => {
                        (b as char).to_string()
                    }
                    _ => format!("%{b:02X}"),
                })
                .collect()
        };
        let body = pairs
            .iter()
            .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
            .collect::<Vec<_>>()
            .join("&");
        self.header("content-type", "application/x-www-form-urlencoded")
            .body(body)
    }
}

fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(SET_COOKIE)
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .find(|v| v.starts_with(&format!("{name}=")))
}

fn value(set_cookie: &str) -> &str {
    set_cookie
        .split(';')
        .next()
        .unwrap()
        .split_once('=')
        .unwrap()
        .1
}

fn csrf_of(html: &str) -> String {
    html.split("name=\"csrf\" value=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_carry_the_security_headers_and_strict_cookies() {
    let bank = Sandbox::start_fresh().await.unwrap();
    let client = http(&bank);
    let response = client
        .get(format!("{}/login", bank.url()))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let headers = response.headers().clone();
    let csp = headers["content-security-policy"].to_str().unwrap();
    for part in [
        "default-src 'none'",
        "script-src 'self'",
        "frame-ancestors 'none'",
        "form-action 'self'",
    ] {
        assert!(csp.contains(part), "{csp}");
    }
    assert!(!csp.contains("unsafe"), "{csp}");
    assert_eq!(headers["x-frame-options"], "DENY");
    assert_eq!(headers["x-content-type-options"], "nosniff");
    assert_eq!(headers["cache-control"], "no-store");
    let browser = cookie(&headers, "__Host-avain-browser").unwrap();
    assert!(
        browser.contains("; Secure; HttpOnly; SameSite=Strict"),
        "{browser}"
    );
    let html = response.text().await.unwrap();
    assert!(!html.contains("<script>"), "inline script");
    assert!(!html.contains("style="), "inline style");
    bank.stop().await;
}

/// Opens the login page as a new browser: its browser cookie and the form's token.
async fn login_page(client: &reqwest::Client, bank: &Sandbox) -> (String, String) {
    let page = client
        .get(format!("{}/login", bank.url()))
        .send()
        .await
        .unwrap();
    let browser = value(&cookie(page.headers(), "__Host-avain-browser").unwrap()).to_owned();
    (browser, csrf_of(&page.text().await.unwrap()))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn forms_need_the_token_bound_to_this_browser() {
    let bank = Sandbox::start_fresh().await.unwrap();
    let client = http(&bank);
    let anna = seed::customer(seed::ANNA).unwrap();
    let (browser, csrf) = login_page(&client, &bank).await;
    let form = [
        ("csrf", csrf.as_str()),
        ("username", anna.user_id),
        ("password", anna.password),
    ];
    // No cookie (another site's form cannot send a SameSite=Strict cookie): refused.
    let refused = client
        .post(format!("{}/login", bank.url()))
        .form_body(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 403);
    // Another browser's token: refused.
    let refused = client
        .post(format!("{}/login", bank.url()))
        .header(
            "cookie",
            "__Host-avain-browser=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        )
        .form_body(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 403);
    // This browser's token: the key-card step, whose attempt id is a form field.
    let asked = client
        .post(format!("{}/login", bank.url()))
        .header("cookie", format!("__Host-avain-browser={browser}"))
        .form_body(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(asked.status(), 200);
    let html = asked.text().await.unwrap();
    let attempt = html
        .split("name=\"attempt_id\" value=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_owned();
    let index: u32 = html
        .split("id=\"key-card-index\">")
        .nth(1)
        .unwrap()
        .split('<')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    let code = anna.key_card_code(index);
    let done = client
        .post(format!("{}/login/key-card", bank.url()))
        .header("cookie", format!("__Host-avain-browser={browser}"))
        .form_body(&[
            ("csrf", csrf.as_str()),
            ("attempt_id", attempt.as_str()),
            ("code", code.as_str()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(done.status(), 303);
    assert_eq!(done.headers()["location"], "/home");
    let session = cookie(done.headers(), "__Host-avain-session").unwrap();
    assert!(
        session.contains("; Secure; HttpOnly; SameSite=Strict"),
        "{session}"
    );
    assert!(
        !session.contains("Max-Age"),
        "a session cookie lives with the browser"
    );
    let token = value(&session).to_owned();
    // The session works, and logging out without the token does not end it.
    let cookies = format!("__Host-avain-browser={browser}; __Host-avain-session={token}");
    let home = client
        .get(format!("{}/home", bank.url()))
        .header("cookie", &cookies)
        .send()
        .await
        .unwrap();
    assert_eq!(home.status(), 200);
    let forged = client
        .post(format!("{}/logout", bank.url()))
        .header("cookie", &cookies)
        .form_body(&[("csrf", "forged")])
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status(), 403);
    let home = client
        .get(format!("{}/home", bank.url()))
        .header("cookie", &cookies)
        .send()
        .await
        .unwrap();
    assert_eq!(home.status(), 200);
    bank.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_session_ends_after_five_idle_minutes() {
    let bank = Sandbox::start_fresh().await.unwrap();
    let client = http(&bank);
    let anna = seed::customer(seed::ANNA).unwrap();
    let api = avain_sandbox::client::BankClient::for_sandbox(&bank).unwrap();
    // The page and the API share one session store: a session the API started is the
    // page's session too (the same online-bank kind).
    let token = api.online_bank_login(anna).await.unwrap();
    let cookies = format!("__Host-avain-session={token}");
    let home = client
        .get(format!("{}/home", bank.url()))
        .header("cookie", &cookies)
        .send()
        .await
        .unwrap();
    assert_eq!(home.status(), 200);
    bank.clock()
        .advance(time::Duration::minutes(5) + time::Duration::seconds(1));
    let expired = client
        .get(format!("{}/home", bank.url()))
        .header("cookie", &cookies)
        .send()
        .await
        .unwrap();
    assert_eq!(expired.status(), 303);
    assert_eq!(expired.headers()["location"], "/login");
    let cleared = cookie(expired.headers(), "__Host-avain-session").unwrap();
    assert!(cleared.contains("Max-Age=0"), "{cleared}");
    bank.stop().await;
}

/// A refused login page is 403, not 401: a 401 must carry a `WWW-Authenticate`
/// challenge (RFC 9110 15.5.2), and no HTTP authentication scheme describes an HTML form.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_login_page_is_forbidden_not_an_http_auth_challenge() {
    let bank = Sandbox::start_fresh().await.unwrap();
    let client = http(&bank);
    let (browser, csrf) = login_page(&client, &bank).await;
    let refused = client
        .post(format!("{}/login", bank.url()))
        .header("cookie", format!("__Host-avain-browser={browser}"))
        .form_body(&[
            ("csrf", csrf.as_str()),
            ("username", seed::ANNA),
            ("password", "not the password"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 403);
    assert!(refused.headers().get("www-authenticate").is_none());
    assert!(
        refused.text().await.unwrap().contains("csrf"),
        "the login form again"
    );
    bank.stop().await;
}
