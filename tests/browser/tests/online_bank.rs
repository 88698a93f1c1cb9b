//! The online bank in headless Chromium: what a customer does in the browser, checked
//! against what the bank and the core (the app) then see. Screenshots of every page in
//! Finnish and Swedish go to tests/artifacts/browser/.

#![allow(clippy::unwrap_used)] // tests

use avain_browser::Browser;
use avain_core::Language;
use avain_core::api::ErrorCode;
use avain_core::client::AvainError;
use avain_e2e::{ANNA, Harness};
use avain_sandbox::seed::SeedCustomer;

const PIN: &str = "4719";

async fn start() -> (Harness, Browser) {
    let h = Harness::start().await.unwrap();
    let b = Browser::start(h.bank.url(), h.bank.data_dir())
        .await
        .unwrap();
    (h, b)
}

/// Fills user id and password; returns the key-card code number the page asks for.
async fn password_step(b: &Browser, c: &SeedCustomer) -> u32 {
    b.open("/login").await.unwrap();
    b.fill("username", c.user_id).await.unwrap();
    b.fill("password", c.password).await.unwrap();
    b.submit("#login-submit").await.unwrap();
    b.text("#key-card-index")
        .await
        .unwrap()
        .trim()
        .parse()
        .unwrap()
}

async fn log_in(b: &Browser, c: &SeedCustomer) {
    let index = password_step(b, c).await;
    b.fill("code", &c.key_card_code(index)).await.unwrap();
    b.submit("#key-card-submit").await.unwrap();
    assert_eq!(b.path().await.unwrap(), "/home");
}

async fn switch_language(b: &Browser, code: &str) {
    b.submit(&format!("#lang-{code}")).await.unwrap();
    let lang = b
        .script("return document.documentElement.lang;")
        .await
        .unwrap();
    assert_eq!(lang, code);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn log_in_with_password_and_the_key_card_code_the_page_asks() {
    let (h, b) = start().await;
    let anna = Harness::customer(ANNA).unwrap();

    b.open("/").await.unwrap();
    assert_eq!(b.path().await.unwrap(), "/login");
    b.screenshot("fi-login").await.unwrap();
    let index = password_step(&b, anna).await;
    assert!((1..=50).contains(&index));
    assert!(
        b.text("#key-card-prompt")
            .await
            .unwrap()
            .contains(&index.to_string())
    );
    b.screenshot("fi-key-card").await.unwrap();
    b.fill("code", &anna.key_card_code(index)).await.unwrap();
    b.submit("#key-card-submit").await.unwrap();
    assert_eq!(b.path().await.unwrap(), "/home");
    assert!(b.page_text().await.unwrap().contains("Anna Virtanen"));
    // No secret in any URL, and the session cookie is out of the script's reach.
    let url = b.client.current_url().await.unwrap();
    assert!(url.query().is_none());
    let cookies = b.script("return document.cookie;").await.unwrap();
    assert_eq!(cookies, "");
    b.screenshot("fi-home").await.unwrap();

    b.submit("a[href='/blocking']").await.unwrap();
    assert!(b.text("#phone-fi").await.unwrap().contains("020 333"));
    assert!(
        b.text("#phone-abroad")
            .await
            .unwrap()
            .contains("+358 20 333")
    );
    b.screenshot("fi-blocking").await.unwrap();

    switch_language(&b, "sv").await;
    assert_eq!(b.path().await.unwrap(), "/blocking");
    assert!(b.page_text().await.unwrap().contains("Spärrtjänsten"));
    b.screenshot("sv-blocking").await.unwrap();
    b.open("/home").await.unwrap();
    assert!(b.page_text().await.unwrap().contains("Välkommen"));
    b.screenshot("sv-home").await.unwrap();

    b.submit("#logout").await.unwrap();
    assert_eq!(b.path().await.unwrap(), "/login");
    assert!(
        b.text("#notice")
            .await
            .unwrap()
            .contains("Du har loggat ut")
    );
    b.screenshot("sv-login").await.unwrap();
    let index = password_step(&b, anna).await;
    assert!(
        b.page_text()
            .await
            .unwrap()
            .contains("Ange nyckeltal nummer")
    );
    b.screenshot("sv-key-card").await.unwrap();
    // After logout the old pages need a new login.
    b.open("/devices").await.unwrap();
    assert_eq!(b.path().await.unwrap(), "/login");
    let _ = index;
    b.close().await;
    h.bank.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn three_wrong_key_card_codes_lock_the_codes_at_the_bank() {
    let (h, b) = start().await;
    let anna = Harness::customer(ANNA).unwrap();
    let index = password_step(&b, anna).await;
    let right = anna.key_card_code(index);
    let wrong = format!("{:04}", (right.parse::<u32>().unwrap() + 1) % 10_000);
    for attempt in 1..=3 {
        b.fill("code", &wrong).await.unwrap();
        b.submit("#key-card-submit").await.unwrap();
        let error = b.text("#error").await.unwrap();
        if attempt < 3 {
            // The same code number again, with the tries left.
            assert_eq!(
                b.text("#key-card-index").await.unwrap().trim(),
                index.to_string()
            );
            let expected = ErrorCode::KeyCardCodeWrong.message(Language::Fi, Some(3 - attempt));
            assert_eq!(error, expected);
            if attempt == 2 {
                b.screenshot("fi-key-card-wrong").await.unwrap();
            }
        } else {
            assert!(!b.has("#key-card-index").await);
            assert_eq!(
                error,
                ErrorCode::UserCodeLockedAtBank.message(Language::Fi, None)
            );
            b.screenshot("fi-key-card-locked").await.unwrap();
        }
    }
    // Locked the way the API locks: the right password and code no longer get in, and
    // the API refuses too.
    let index = {
        b.open("/login").await.unwrap();
        b.fill("username", anna.user_id).await.unwrap();
        b.fill("password", anna.password).await.unwrap();
        b.submit("#login-submit").await.unwrap();
        b.has("#key-card-index").await
    };
    assert!(!index, "a locked user code was asked for a key-card code");
    let api = h.browser.online_bank_login(anna).await.unwrap_err();
    assert_eq!(api.code(), Some(ErrorCode::UserCodeLockedAtBank));
    b.close().await;
    h.bank.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_profile_registered_in_the_app_is_unlocked_on_the_page_then_the_app_logs_in() {
    let (h, b) = start().await;
    let anna = Harness::customer(ANNA).unwrap();
    let id = h.register(anna, PIN).await.unwrap();
    // Pending: the app cannot log in yet.
    let refused = h
        .avain
        .login_with_pin(id.clone(), PIN.into())
        .await
        .unwrap_err();
    assert!(
        !matches!(refused, AvainError::WrongPin { .. }),
        "{refused:?}"
    );

    log_in(&b, anna).await;
    b.submit("a[href='/devices']").await.unwrap();
    let device = b.text(".device").await.unwrap();
    assert!(device.contains("Oma puhelin"), "{device}");
    assert!(device.contains("Pixel 8"), "{device}");
    assert!(device.contains("Odottaa avaamista"), "{device}");
    // The core's registration sent no attestation (a phone that cannot attest).
    assert!(
        device.contains("Avaimen suojausta ei ole varmistettu"),
        "{device}"
    );
    b.screenshot("fi-devices-pending").await.unwrap();
    switch_language(&b, "sv").await;
    let device = b.text(".device .key-protection").await.unwrap();
    assert!(
        device.contains("Nyckelns skydd har inte verifierats"),
        "{device}"
    );
    b.screenshot("sv-devices-pending").await.unwrap();
    switch_language(&b, "fi").await;

    b.submit("button.unlock").await.unwrap();
    assert!(b.text("#notice").await.unwrap().contains("avattu"));
    assert!(b.text(".device .state").await.unwrap().contains("Käytössä"));
    assert!(!b.has("button.unlock").await);
    b.screenshot("fi-devices-unlocked").await.unwrap();
    let outbox = serde_json::to_string(&h.outbox(anna.user_id).await.unwrap()).unwrap();
    assert!(outbox.contains("profile_unlocked"), "{outbox}");

    // The app logs in now.
    let login = h.avain.login_with_pin(id, PIN.into()).await.unwrap();
    assert_eq!(login.customer_name, "Anna Virtanen");
    b.close().await;
    h.bank.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_device_removed_on_the_page_is_refused_in_the_app() {
    let (h, b) = start().await;
    let anna = Harness::customer(ANNA).unwrap();
    let id = h.active_profile(anna, PIN).await.unwrap();
    h.avain.logout().await.unwrap();

    log_in(&b, anna).await;
    b.open("/devices").await.unwrap();
    assert!(b.text(".device .state").await.unwrap().contains("Käytössä"));
    b.submit("button.remove").await.unwrap();
    assert!(b.page_text().await.unwrap().contains("Poistetaanko laite?"));
    b.screenshot("fi-device-remove").await.unwrap();
    switch_language(&b, "sv").await;
    // The switch returns to the list; ask again in Swedish.
    b.submit("button.remove").await.unwrap();
    assert!(b.page_text().await.unwrap().contains("Ta bort enheten?"));
    b.screenshot("sv-device-remove").await.unwrap();
    b.submit("#remove-confirm").await.unwrap();
    assert!(
        b.text("#notice")
            .await
            .unwrap()
            .contains("Enheten har tagits bort")
    );
    assert!(!b.has(".device").await);
    b.screenshot("sv-devices-removed").await.unwrap();

    let refused = h.avain.login_with_pin(id, PIN.into()).await.unwrap_err();
    assert!(
        matches!(refused, AvainError::ProfileRemoved { .. }),
        "{refused:?}"
    );
    b.close().await;
    h.bank.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn forms_without_the_csrf_token_are_refused_and_pages_cannot_be_framed() {
    let (h, b) = start().await;
    let anna = Harness::customer(ANNA).unwrap();
    log_in(&b, anna).await;
    // A form posted with a forged token (as another site's page would have to).
    b.script(
        "const f = document.querySelector('form[action=\"/logout\"]');
         f.querySelector('input[name=csrf]').value = 'forged';
         f.submit(); return 1;",
    )
    .await
    .unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert!(
        b.text("#error")
            .await
            .unwrap()
            .contains("Lomake oli vanhentunut")
    );
    // Still logged in: the forged logout did nothing.
    b.open("/home").await.unwrap();
    assert_eq!(b.path().await.unwrap(), "/home");
    b.close().await;
    h.bank.stop().await;
}
