//! Logging in to the browser online bank with the app, through the core against the
//! sandbox: a browser (plain HTTPS with its cookies and form token, no Chromium) starts
//! "log in with the code app", the phone opens the request, shows the same short code and
//! approves or rejects it without an app login; the browser's status follows.

#![allow(clippy::unwrap_used)] // tests

use avain_core::app_link::{AppLink, AppLinkDomain};
use avain_core::client::{ApprovalFactor, AvainError};
use avain_core::error::AvainErrorCode;
use avain_core::net::Trust;
use avain_e2e::{ANNA, Harness};
use reqwest::header::{COOKIE, HeaderMap, SET_COOKIE};

const PIN: &str = "4719";

fn pin() -> ApprovalFactor {
    ApprovalFactor::Pin { pin: PIN.into() }
}

/// A browser on the page that shows the short code and waits for the app.
struct WaitingBrowser {
    http: reqwest::Client,
    base: String,
    /// The `Cookie` header the browser sends (its id and the app-login request).
    cookies: String,
    /// The code on the page.
    short_code: String,
    /// The request id (the bank's push would carry it to the app).
    request_id: String,
    /// The page's "open the code app on this device" link, as the phone's browser
    /// would open it.
    app_link: String,
}

impl WaitingBrowser {
    /// What the page's script sees: "pending", "approved", "rejected" or "expired".
    async fn status(&self) -> String {
        let answer: serde_json::Value = self
            .http
            .get(format!("{}/login/app/status", self.base))
            .header(COOKIE, &self.cookies)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        answer["status"].as_str().unwrap().to_owned()
    }
}

/// `name=value` of the cookie `name` the response sets.
fn cookie(headers: &HeaderMap, name: &str) -> String {
    headers
        .get_all(SET_COOKIE)
        .iter()
        .map(|v| v.to_str().unwrap())
        .find(|v| v.starts_with(&format!("{name}=")))
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_owned()
}

/// The token of the form on `html`.
fn csrf_of(html: &str) -> String {
    let token = html
        .split("name=\"csrf\" value=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap();
    // Form-encoded as a browser would: anything but letters, digits and `-_.` escaped.
    token
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The browser opens the login page and asks to log in with the app as `user_id`.
async fn browser_waits_for_app(h: &Harness, user_id: &str) -> WaitingBrowser {
    let config =
        avain_core::net::client_config(&Trust::only_root(h.bank.root_certificate_der().to_vec()))
            .unwrap();
    let http = reqwest::Client::builder()
        .tls_backend_preconfigured(config)
        .https_only(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let base = h.bank.url().trim_end_matches('/').to_owned();
    let page = http.get(format!("{base}/login")).send().await.unwrap();
    let browser = cookie(page.headers(), "__Host-avain-browser");
    let html = page.text().await.unwrap();
    let csrf = csrf_of(&html);
    let waiting = http
        .post(format!("{base}/login/app"))
        .header(COOKIE, &browser)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(format!("csrf={csrf}&username={user_id}"))
        .send()
        .await
        .unwrap();
    assert_eq!(waiting.status(), 200);
    let app_login = cookie(waiting.headers(), "__Host-avain-app-login");
    let html = waiting.text().await.unwrap();
    let short_code = html
        .split("id=\"short-code\"")
        .nth(1)
        .and_then(|tail| tail.split_once('>'))
        .unwrap()
        .1
        .split('<')
        .next()
        .unwrap()
        .trim()
        .to_owned();
    // The bank pushes the request id to phones with a push token; the core registers
    // none yet, so the phone here takes the id where the browser keeps it.
    let request_id = app_login.split_once('=').unwrap().1.to_owned();
    let app_link = html
        .split("id=\"open-app\"")
        .nth(1)
        .and_then(|tail| tail.split("href=\"").nth(1))
        .and_then(|tail| tail.split('"').next())
        .unwrap()
        .replace("&#x2f;", "/");
    WaitingBrowser {
        http,
        base,
        cookies: format!("{browser}; {app_login}"),
        short_code,
        request_id,
        app_link,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn approve_shows_the_browsers_code_and_logs_the_browser_in() {
    let h = Harness::start().await.unwrap();
    let anna = Harness::customer(ANNA).unwrap();
    let id = h.active_profile(anna, PIN).await.unwrap();
    // No app session needed: the approval itself is the strong authentication.
    h.avain.logout().await.unwrap();
    let browser = browser_waits_for_app(&h, anna.user_id).await;
    assert_eq!(browser.short_code.len(), 4, "{}", browser.short_code);
    assert_eq!(browser.status().await, "pending");

    // Approving something never opened is refused before anything is signed.
    let unopened = h
        .avain
        .identification()
        .approve_app_login(browser.request_id.clone(), pin())
        .await
        .unwrap_err();
    assert_eq!(unopened.code(), AvainErrorCode::AppLoginNotOpened);

    let prompt = h
        .avain
        .identification()
        .open_app_login(id.clone(), browser.request_id.clone())
        .await
        .unwrap();
    assert_eq!(prompt.short_code, browser.short_code);
    assert!(
        prompt.shown_text.contains(&browser.short_code),
        "{}",
        prompt.shown_text
    );
    assert!(
        prompt
            .shown_text
            .starts_with("Vahvista kirjautuminen verkkopankkiin"),
        "{}",
        prompt.shown_text
    );
    h.avain
        .identification()
        .approve_app_login(browser.request_id.clone(), pin())
        .await
        .unwrap();
    assert_eq!(browser.status().await, "approved");

    // An answered login cannot be opened again; unknown and malformed ids are refused.
    let again = h
        .avain
        .identification()
        .open_app_login(id.clone(), browser.request_id.clone())
        .await
        .unwrap_err();
    assert_eq!(again.code(), AvainErrorCode::AppLoginExpired);
    let unknown = h
        .avain
        .identification()
        .open_app_login(id.clone(), "oal_nonexistent".into())
        .await
        .unwrap_err();
    assert_eq!(unknown.code(), AvainErrorCode::AppLoginUnknown);
    let bad = h
        .avain
        .identification()
        .open_app_login(id, "../../v1/sandbox/reset".into())
        .await
        .unwrap_err();
    assert!(matches!(bad, AvainError::InvalidInput { .. }), "{bad:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wrong_pin_counts_and_the_login_waits_for_a_new_approval() {
    let h = Harness::start().await.unwrap();
    let anna = Harness::customer(ANNA).unwrap();
    let id = h.active_profile(anna, PIN).await.unwrap();
    let browser = browser_waits_for_app(&h, anna.user_id).await;
    let mut left = Vec::new();
    for _ in 0..2 {
        h.avain
            .identification()
            .open_app_login(id.clone(), browser.request_id.clone())
            .await
            .unwrap();
        let wrong = h
            .avain
            .identification()
            .approve_app_login(
                browser.request_id.clone(),
                ApprovalFactor::Pin { pin: "9371".into() },
            )
            .await
            .unwrap_err();
        match wrong {
            AvainError::WrongPin { attempts_left, .. } => left.push(attempts_left.unwrap()),
            other => panic!("{other:?}"),
        }
        // The wrong PIN spent the challenge: the prompt must be opened again.
        let spent = h
            .avain
            .identification()
            .approve_app_login(browser.request_id.clone(), pin())
            .await
            .unwrap_err();
        assert_eq!(spent.code(), AvainErrorCode::AppLoginNotOpened);
        assert_eq!(browser.status().await, "pending");
    }
    assert_eq!(left[1] + 1, left[0], "each wrong PIN counts: {left:?}");
    h.avain
        .identification()
        .open_app_login(id, browser.request_id.clone())
        .await
        .unwrap();
    h.avain
        .identification()
        .approve_app_login(browser.request_id.clone(), pin())
        .await
        .unwrap();
    assert_eq!(browser.status().await, "approved");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reject_tells_the_browser_and_the_login_cannot_be_approved() {
    let h = Harness::start().await.unwrap();
    let anna = Harness::customer(ANNA).unwrap();
    let id = h.active_profile(anna, PIN).await.unwrap();
    let browser = browser_waits_for_app(&h, anna.user_id).await;
    h.avain
        .identification()
        .open_app_login(id.clone(), browser.request_id.clone())
        .await
        .unwrap();
    h.avain
        .identification()
        .reject_app_login(id.clone(), browser.request_id.clone())
        .await
        .unwrap();
    assert_eq!(browser.status().await, "rejected");
    // The prompt that was on screen is void.
    let approve = h
        .avain
        .identification()
        .approve_app_login(browser.request_id.clone(), pin())
        .await
        .unwrap_err();
    assert_eq!(approve.code(), AvainErrorCode::AppLoginNotOpened);
    let reopen = h
        .avain
        .identification()
        .open_app_login(id, browser.request_id)
        .await
        .unwrap_err();
    assert_eq!(reopen.code(), AvainErrorCode::AppLoginExpired);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_pages_app_link_opens_the_same_login_in_the_app_on_this_phone() {
    let h = Harness::start().await.unwrap();
    let anna = Harness::customer(ANNA).unwrap();
    let id = h.active_profile(anna, PIN).await.unwrap();
    h.avain.logout().await.unwrap();
    let browser = browser_waits_for_app(&h, anna.user_id).await;
    assert_eq!(
        browser.app_link,
        AppLinkDomain::Sandbox.link(&browser.request_id)
    );
    assert_eq!(
        h.avain.read_app_link(&browser.app_link).unwrap(),
        AppLink::AppLogin {
            request_id: browser.request_id.clone()
        }
    );

    // Lookalikes and changed links are refused before anything reaches the bank.
    for (link, code) in [
        (
            browser
                .app_link
                .replace("localhost", "localhost.evil.example"),
            AvainErrorCode::AppLinkForeignHost,
        ),
        (
            AppLinkDomain::Bank.link(&browser.request_id),
            AvainErrorCode::AppLinkForeignHost,
        ),
        (
            browser.app_link.replace("https://", "http://"),
            AvainErrorCode::AppLinkNotHttps,
        ),
        (
            format!("{}?next=/home", browser.app_link),
            AvainErrorCode::AppLinkExtraParts,
        ),
        (
            browser.app_link.replace("/app-login/", "/login/"),
            AvainErrorCode::AppLinkUnknownPath,
        ),
    ] {
        let refused = h
            .avain
            .identification()
            .open_app_link(id.clone(), link.clone())
            .await
            .unwrap_err();
        assert!(matches!(refused, AvainError::Refused { .. }), "{link}");
        assert_eq!(refused.code(), code, "{link}");
    }
    assert_eq!(browser.status().await, "pending");

    // Without the screen lock the login opens but is not approved.
    let prompt = h
        .avain
        .identification()
        .open_app_link(id.clone(), browser.app_link.clone())
        .await
        .unwrap();
    assert_eq!(prompt.short_code, browser.short_code);
    h.device_keys.set_secure_lock_screen(false);
    let refused = h
        .avain
        .identification()
        .approve_app_login(browser.request_id.clone(), pin())
        .await
        .unwrap_err();
    assert_eq!(refused.code(), AvainErrorCode::ScreenLockRequired);
    assert_eq!(browser.status().await, "pending");

    // With it, the link's login is approved like a pushed one and the browser logs in.
    h.device_keys.set_secure_lock_screen(true);
    let prompt = h
        .avain
        .identification()
        .open_app_link(id, browser.app_link.clone())
        .await
        .unwrap();
    assert_eq!(prompt.request_id, browser.request_id);
    h.avain
        .identification()
        .approve_app_login(browser.request_id.clone(), pin())
        .await
        .unwrap();
    assert_eq!(browser.status().await, "approved");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_bank_serves_the_site_association_files_for_its_app() {
    let h = Harness::start().await.unwrap();
    let browser = browser_waits_for_app(&h, Harness::customer(ANNA).unwrap().user_id).await;
    let ids = avain_core::app_link::APP_IDS;
    for (path, expected) in [
        ("/.well-known/assetlinks.json", ids.android_package),
        ("/.well-known/apple-app-site-association", ids.apple_app_id),
    ] {
        let answer = browser
            .http
            .get(format!("{}{path}", browser.base))
            .send()
            .await
            .unwrap();
        assert_eq!(answer.status(), 200, "{path}");
        assert_eq!(
            answer.headers()["content-type"].to_str().unwrap(),
            "application/json",
            "{path}"
        );
        let body = answer.text().await.unwrap();
        assert!(body.contains(expected), "{path}: {body}");
    }
}
