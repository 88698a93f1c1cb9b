//! The online bank's other pages in headless Chromium: log in with the code app, video
//! meetings (join, identify by the expert's identifier), messages, documents, the
//! self-service unlock of a locked user code. Screenshots in Finnish and Swedish.

#![allow(clippy::unwrap_used)] // tests

use std::time::Duration;

use avain_browser::Browser;
use avain_core::api::Meeting;
use avain_core::api::sandbox::IssuedIdentifier;
use avain_core::client::ApprovalFactor;
use avain_e2e::{ANNA, Harness, MIKKO};
use avain_sandbox::seed::SeedCustomer;

const PIN: &str = "4719";

async fn start() -> (Harness, Browser) {
    let h = Harness::start().await.unwrap();
    let b = Browser::start(h.bank.url(), h.bank.data_dir())
        .await
        .unwrap();
    (h, b)
}

async fn log_in(b: &Browser, c: &SeedCustomer) {
    b.open("/login").await.unwrap();
    b.fill("username", c.user_id).await.unwrap();
    b.fill("password", c.password).await.unwrap();
    b.submit("#login-submit").await.unwrap();
    let index: u32 = b
        .text("#key-card-index")
        .await
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    b.fill("code", &c.key_card_code(index)).await.unwrap();
    b.submit("#key-card-submit").await.unwrap();
    assert_eq!(b.path().await.unwrap(), "/home");
}

async fn switch_language(b: &Browser, code: &str) {
    b.submit(&format!("#lang-{code}")).await.unwrap();
}

/// Waits until the browser is at `path` (the page's script moves it).
async fn wait_for_path(b: &Browser, path: &str) {
    for _ in 0..100 {
        if b.path().await.unwrap() == path {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("the page did not reach {path}");
}

/// The app's side of "log in with the code app", as the core does it on the phone: the
/// prompt with the code the page shows, the approval with the PIN. The bank pushes the
/// request id to phones with a push token; the core registers none yet, so the test
/// takes the id where the page keeps it (its HttpOnly cookie).
async fn approve_in_app(h: &Harness, b: &Browser, profile_id: &str, code_on_page: &str) {
    let request_id = b.cookie("__Host-avain-app-login").await.unwrap();
    let prompt = h
        .avain
        .identification()
        .open_app_login(profile_id.to_owned(), request_id.clone())
        .await
        .unwrap();
    assert_eq!(prompt.short_code, code_on_page);
    assert!(
        prompt.shown_text.contains(code_on_page),
        "{}",
        prompt.shown_text
    );
    h.avain
        .identification()
        .approve_app_login(request_id, ApprovalFactor::Pin { pin: PIN.into() })
        .await
        .unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn log_in_with_the_code_app_by_matching_the_short_code() {
    let (h, b) = start().await;
    let anna = Harness::customer(ANNA).unwrap();
    let profile_id = h.active_profile(anna, PIN).await.unwrap();

    for lang in ["fi", "sv"] {
        b.open("/login").await.unwrap();
        if lang == "sv" {
            switch_language(&b, "sv").await;
        }
        b.fill("app-username", anna.user_id).await.unwrap();
        b.submit("#app-login-submit").await.unwrap();
        let code = b.text("#short-code").await.unwrap();
        assert_eq!(code.trim().len(), 4, "{code}");
        b.screenshot(&format!("{lang}-app-login")).await.unwrap();
        approve_in_app(&h, &b, &profile_id, code.trim()).await;
        // The page's script notices the approval and logs in.
        wait_for_path(&b, "/home").await;
        assert!(b.page_text().await.unwrap().contains("Anna Virtanen"));
        b.submit("#logout").await.unwrap();
    }
    b.close().await;
    h.bank.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_app_login_nobody_approves_does_not_log_in() {
    let (h, b) = start().await;
    let anna = Harness::customer(ANNA).unwrap();
    b.open("/login").await.unwrap();
    b.fill("app-username", anna.user_id).await.unwrap();
    b.submit("#app-login-submit").await.unwrap();
    // On the phone itself the page offers the app link (avain_protocol::app_link).
    let link = b
        .script("return document.getElementById('open-app').getAttribute('href');")
        .await
        .unwrap();
    let link = link.as_str().unwrap_or_default().to_owned();
    assert!(
        avain_core::app_link::parse(avain_core::app_link::AppLinkDomain::Sandbox, &link).is_ok(),
        "{link}"
    );
    // Pressing continue before the app answered keeps waiting.
    b.submit("#app-login-continue").await.unwrap();
    assert!(b.has("#short-code").await);
    h.bank.clock().advance(time::Duration::minutes(3));
    b.submit("#app-login-continue").await.unwrap();
    assert_eq!(b.path().await.unwrap(), "/login/app/finish");
    assert!(b.text("#error").await.unwrap().contains("vanheni"));
    b.open("/home").await.unwrap();
    assert_eq!(b.path().await.unwrap(), "/login");
    b.close().await;
    h.bank.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn identify_in_a_video_meeting_with_the_experts_identifier() {
    let (h, b) = start().await;
    let anna = Harness::customer(ANNA).unwrap();
    let meeting: Meeting = h
        .browser
        .get("/v1/sandbox/meetings/2KMEVE6X", None)
        .await
        .unwrap();
    // Before the window: the page says from when.
    log_in(&b, anna).await;
    b.open("/meetings").await.unwrap();
    let card = b.text(".meeting[data-code='2KMEVE6X']").await.unwrap();
    assert!(card.contains("2KMEVE6X"), "{card}");
    assert!(b.has(".meeting[data-code='2KMEVE6X'] .opens").await);
    b.screenshot("fi-meetings").await.unwrap();
    switch_language(&b, "sv").await;
    b.screenshot("sv-meetings").await.unwrap();
    switch_language(&b, "fi").await;

    // Ten minutes before the start, joining opens.
    let now = h.bank.clock().now();
    h.bank
        .clock()
        .advance(meeting.starts_at - time::Duration::minutes(10) - now);
    log_in(&b, anna).await; // the long wait ended the session
    b.open("/meetings").await.unwrap();
    b.submit(".meeting[data-code='2KMEVE6X'] button.join")
        .await
        .unwrap();
    assert!(b.has("#join-link").await);
    // The expert gives Anna her identifier; a wrong one first.
    let issued: IssuedIdentifier = h
        .browser
        .post(
            "/v1/sandbox/meetings/2KMEVE6X/identifiers",
            None,
            &serde_json::json!({"user_id": anna.user_id}),
        )
        .await
        .unwrap();
    let right = issued.identifier.expose().to_owned();
    let wrong = if right == "000000" {
        "111111"
    } else {
        "000000"
    };
    b.fill("identifier", wrong).await.unwrap();
    b.submit("#identify-submit").await.unwrap();
    assert!(b.has("#error").await);
    b.screenshot("fi-meeting-identify").await.unwrap();
    b.fill("identifier", &right).await.unwrap();
    b.submit("#identify-submit").await.unwrap();
    assert!(
        b.has("#identified").await,
        "{}",
        b.page_text().await.unwrap()
    );
    b.screenshot("fi-meeting-identified").await.unwrap();
    switch_language(&b, "sv").await;
    b.open("/meetings").await.unwrap();
    b.submit(".meeting[data-code='2KMEVE6X'] button.join")
        .await
        .unwrap();
    assert!(
        b.page_text()
            .await
            .unwrap()
            .contains("Din identitet är bekräftad")
    );
    b.screenshot("sv-meeting-identified").await.unwrap();
    // The expert sees it.
    let seen: Meeting = h
        .browser
        .get("/v1/sandbox/meetings/2KMEVE6X", None)
        .await
        .unwrap();
    assert!(
        seen.participants
            .iter()
            .any(|p| p.name == "Anna Virtanen" && p.identified)
    );
    b.close().await;
    h.bank.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn messages_and_documents_pages() {
    let (h, b) = start().await;
    let anna = Harness::customer(ANNA).unwrap();
    log_in(&b, anna).await;
    for lang in ["fi", "sv"] {
        if lang == "sv" {
            switch_language(&b, "sv").await;
        }
        b.open("/messages").await.unwrap();
        assert!(b.has(".message").await);
        b.screenshot(&format!("{lang}-messages")).await.unwrap();
        b.submit(".message h2 a").await.unwrap();
        assert!(b.has("#message-body").await);
        b.screenshot(&format!("{lang}-message")).await.unwrap();
        b.open("/documents").await.unwrap();
        assert!(b.has(".document").await);
        b.screenshot(&format!("{lang}-documents")).await.unwrap();
    }
    // A completed document downloads (same origin, the session cookie).
    assert!(b.has("a.download").await);
    let text = b
        .script(
            "return fetch(document.querySelector('a.download').href)
                 .then(r => r.text().then(t => r.status + ':' + t.length));",
        )
        .await
        .unwrap();
    assert!(text.as_str().unwrap().starts_with("200:"), "{text}");
    b.close().await;
    h.bank.stop().await;
}

/// Locks `c`'s user code with five wrong passwords, opens it on the unlock page, logs in
/// with key-card code 1 as the password and chooses a new one, with screenshots in `lang`.
async fn unlock_flow(h: &Harness, b: &Browser, c: &SeedCustomer, lang: &str) {
    for _ in 0..5 {
        let _ = h.browser.online_bank_login_with(c, "Wrong-1").await;
    }
    b.open("/login").await.unwrap();
    if lang != "fi" {
        switch_language(b, lang).await;
    }
    b.submit("#unlock-link").await.unwrap();
    b.screenshot(&format!("{lang}-unlock")).await.unwrap();
    b.fill("hetu", &c.hetu()).await.unwrap();
    b.fill("user-id", c.user_id).await.unwrap();
    b.submit("#unlock-submit").await.unwrap();
    let index: u32 = b
        .text("#unlock-index")
        .await
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    // A wrong SMS code first: the same step again, the same code number.
    let sms = h
        .sms_code(c.user_id, "user_code_unlock_sms_code")
        .await
        .unwrap();
    let wrong = if sms == "000000" { "111111" } else { "000000" };
    b.fill("sms-code", wrong).await.unwrap();
    b.fill("key-card-code", &c.key_card_code(index))
        .await
        .unwrap();
    b.submit("#unlock-finish").await.unwrap();
    assert!(b.has("#error").await);
    assert_eq!(
        b.text("#unlock-index").await.unwrap().trim(),
        index.to_string()
    );
    b.screenshot(&format!("{lang}-unlock-codes")).await.unwrap();
    b.fill("sms-code", &sms).await.unwrap();
    b.fill("key-card-code", &c.key_card_code(index))
        .await
        .unwrap();
    b.submit("#unlock-finish").await.unwrap();
    assert!(b.has("#unlocked").await, "{}", b.page_text().await.unwrap());
    assert!(b.text("#password-reset").await.unwrap().contains('1'));
    b.screenshot(&format!("{lang}-unlock-done")).await.unwrap();

    // Log in with key-card code 1 as the password; the page asks for a new one first.
    let first = c.key_card_code(1);
    b.open("/login").await.unwrap();
    b.fill("username", c.user_id).await.unwrap();
    b.fill("password", &first).await.unwrap();
    b.submit("#login-submit").await.unwrap();
    let index: u32 = b
        .text("#key-card-index")
        .await
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    b.fill("code", &c.key_card_code(index)).await.unwrap();
    b.submit("#key-card-submit").await.unwrap();
    assert_eq!(b.path().await.unwrap(), "/password");
    b.open("/devices").await.unwrap();
    assert_eq!(b.path().await.unwrap(), "/password");
    b.screenshot(&format!("{lang}-password")).await.unwrap();
    b.fill("current", &first).await.unwrap();
    b.fill("new", "Uusi-42").await.unwrap();
    b.fill("repeat", "Uusi-43").await.unwrap();
    b.submit("#password-submit").await.unwrap();
    assert!(b.has("#error").await, "mismatched new passwords accepted");
    b.fill("current", &first).await.unwrap();
    b.fill("new", "Uusi-42").await.unwrap();
    b.fill("repeat", "Uusi-42").await.unwrap();
    b.submit("#password-submit").await.unwrap();
    assert_eq!(b.path().await.unwrap(), "/home");
    b.submit("#logout").await.unwrap();
    // The new password works through the API too.
    h.browser
        .online_bank_login_with(c, "Uusi-42")
        .await
        .unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unlock_a_user_code_locked_by_wrong_passwords_then_choose_a_new_password() {
    let (h, b) = start().await;
    unlock_flow(&h, &b, Harness::customer(ANNA).unwrap(), "fi").await;
    unlock_flow(&h, &b, Harness::customer(MIKKO).unwrap(), "sv").await;
    b.close().await;
    h.bank.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_lock_from_wrong_key_card_codes_is_not_opened_on_the_unlock_page() {
    let (h, b) = start().await;
    let anna = Harness::customer(ANNA).unwrap();
    for _ in 0..3 {
        let challenge = h
            .browser
            .post::<avain_core::api::KeyCardChallenge>(
                "/v1/online-bank/logins",
                None,
                &serde_json::json!({"username": anna.user_id, "password": anna.password}),
            )
            .await
            .unwrap();
        let wrong = format!(
            "{:04}",
            (anna
                .key_card_code(challenge.key_card_index)
                .parse::<u32>()
                .unwrap()
                + 1)
                % 10_000
        );
        let _ = h
            .browser
            .post::<serde_json::Value>(
                &format!("/v1/online-bank/logins/{}", challenge.attempt_id),
                None,
                &serde_json::json!({"code": wrong}),
            )
            .await;
    }
    b.open("/unlock").await.unwrap();
    b.fill("hetu", &anna.hetu()).await.unwrap();
    b.fill("user-id", anna.user_id).await.unwrap();
    b.submit("#unlock-submit").await.unwrap();
    assert_eq!(
        b.text("#error").await.unwrap(),
        avain_core::api::ErrorCode::UserCodeLockedAtBank.message(avain_core::Language::Fi, None)
    );
    assert!(!b.has("#unlock-index").await);
    b.screenshot("fi-unlock-at-bank").await.unwrap();
    b.close().await;
    h.bank.stop().await;
}
