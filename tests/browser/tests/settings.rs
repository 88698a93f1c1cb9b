//! The online bank's settings in headless Chromium: the page "Ota käyttöön lisäpalvelut"
//! (the mobile number, confirmed with a key code and an SMS code to the new number, and
//! the SMS additional service, switched off only with a key code), after which the app
//! registers; and a lost phone's profile locked on the device page and opened again with a
//! key code. Screenshots in Finnish and Swedish.

#![allow(clippy::unwrap_used)] // tests

use avain_browser::Browser;
use avain_core::client::AvainError;
use avain_core::error::AvainErrorCode;
use avain_core::lifecycle::{LockReason, ProfileState};
use avain_e2e::{ANNA, Harness, LIISA};
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
    let index = number(b, "#key-card-index").await;
    b.fill("code", &c.key_card_code(index)).await.unwrap();
    b.submit("#key-card-submit").await.unwrap();
    assert_eq!(b.path().await.unwrap(), "/home");
}

async fn number(b: &Browser, selector: &str) -> u32 {
    b.text(selector).await.unwrap().trim().parse().unwrap()
}

async fn switch_language(b: &Browser, code: &str) {
    b.submit(&format!("#lang-{code}")).await.unwrap();
}

/// A code that is not `code` (its last digit changed).
fn wrong(code: &str) -> String {
    let last = code.chars().last().unwrap().to_digit(10).unwrap();
    format!("{}{}", &code[..code.len() - 1], (last + 1) % 10)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_number_saved_and_the_sms_service_switched_on_on_the_page_let_the_app_register() {
    let (h, b) = start().await;
    let liisa = Harness::customer(LIISA).unwrap();
    let refused = h
        .avain
        .start_registration(liisa.user_id.to_owned(), liisa.password.to_owned())
        .await
        .err()
        .unwrap();
    assert_eq!(refused.code(), AvainErrorCode::NoPhoneNumber);

    log_in(&b, liisa).await;
    // The page the app's message names, by the same name.
    b.submit("a[href='/extra-services']").await.unwrap();
    let page = b.page_text().await.unwrap();
    assert!(page.contains("Ota käyttöön lisäpalvelut"), "{page}");
    assert!(refused.user_message().contains("Ota käyttöön lisäpalvelut"));
    assert!(b.text("#phone-current").await.unwrap().contains("ei ole"));
    b.screenshot("fi-extra-services").await.unwrap();
    switch_language(&b, "sv").await;
    assert!(
        b.page_text()
            .await
            .unwrap()
            .contains("Ta i bruk tilläggstjänster")
    );
    b.screenshot("sv-extra-services").await.unwrap();
    switch_language(&b, "fi").await;

    // Switching the service on needs a number first.
    b.submit("#sms-on").await.unwrap();
    assert!(
        b.text("#error")
            .await
            .unwrap()
            .contains("matkapuhelinnumero")
    );
    // A number that is not a mobile's is refused at once, and stays in the field.
    b.fill("phone", "09 123 4567").await.unwrap();
    b.submit("#phone-submit").await.unwrap();
    assert!(b.text("#error").await.unwrap().contains("040 123 4567"));
    b.fill("phone", "040 765 4321").await.unwrap();
    b.submit("#phone-submit").await.unwrap();
    assert!(
        b.text("#sms-hint")
            .await
            .unwrap()
            .contains("+358 40 *** **21")
    );
    b.screenshot("fi-phone-confirm").await.unwrap();
    let index = number(&b, "#phone-index").await;
    let sms = h.sms_code(LIISA, "phone_change_sms_code").await.unwrap();
    // A wrong SMS code: the codes are asked again, with the attempts left.
    b.fill("sms-code", &wrong(&sms)).await.unwrap();
    b.fill("key-card-code", &liisa.key_card_code(index))
        .await
        .unwrap();
    b.submit("#phone-confirm").await.unwrap();
    assert!(b.text("#error").await.unwrap().contains('2'));
    b.fill("sms-code", &sms).await.unwrap();
    b.fill("key-card-code", &liisa.key_card_code(index))
        .await
        .unwrap();
    b.submit("#phone-confirm").await.unwrap();
    assert!(b.text("#notice").await.unwrap().contains("tallennettu"));
    assert!(b.text("#phone-current").await.unwrap().contains("**21"));
    b.submit("#sms-on").await.unwrap();
    assert!(b.text("#notice").await.unwrap().contains("rekisteröinnin"));
    assert!(b.text("#sms-state").await.unwrap().contains("on käytössä"));
    b.screenshot("fi-extra-services-on").await.unwrap();

    // The app registers now.
    let id = h.register(liisa, PIN).await.unwrap();
    b.open("/devices").await.unwrap();
    b.submit("button.unlock").await.unwrap();
    h.avain.login_with_pin(id, PIN.into()).await.unwrap();

    // Switching the service off asks the key code the bank names, and says what is lost.
    b.open("/extra-services").await.unwrap();
    b.submit("#sms-off").await.unwrap();
    assert!(
        b.text("#sms-off-warning")
            .await
            .unwrap()
            .contains("uudelle saajalle")
    );
    b.screenshot("fi-sms-service-off").await.unwrap();
    let index = number(&b, "#key-card-index").await;
    b.fill("code", &wrong(&liisa.key_card_code(index)))
        .await
        .unwrap();
    b.submit("#sms-off-confirm").await.unwrap();
    assert!(!b.text("#error").await.unwrap().trim().is_empty());
    b.fill("code", &liisa.key_card_code(index)).await.unwrap();
    b.submit("#sms-off-confirm").await.unwrap();
    assert!(b.text("#sms-state").await.unwrap().contains("ei ole"));
    b.close().await;
    h.bank.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_lost_phone_is_locked_on_the_device_page_and_opened_with_a_key_code() {
    let (h, b) = start().await;
    let anna = Harness::customer(ANNA).unwrap();
    let id = h.active_profile(anna, PIN).await.unwrap();
    h.avain.logout().await.unwrap();

    log_in(&b, anna).await;
    b.open("/devices").await.unwrap();
    assert!(!b.has("button.open").await);
    b.submit("button.lock").await.unwrap();
    assert!(b.text("#notice").await.unwrap().contains("lukittu"));
    assert!(b.text(".device .state").await.unwrap().contains("Lukitsit"));
    assert!(!b.has("button.lock").await);
    b.screenshot("fi-device-locked").await.unwrap();
    switch_language(&b, "sv").await;
    assert!(b.text(".device .state").await.unwrap().contains("Du låste"));
    b.screenshot("sv-device-locked").await.unwrap();
    switch_language(&b, "fi").await;

    // The phone is refused and says why and where to open it.
    let refused = h
        .avain
        .login_with_pin(id.clone(), PIN.into())
        .await
        .unwrap_err();
    assert!(
        matches!(
            refused,
            AvainError::Locked {
                code: AvainErrorCode::ProfileLockedByCustomer,
                ..
            }
        ),
        "{refused:?}"
    );
    let info = h.avain.profile(&id).await.unwrap();
    assert_eq!(
        info.state,
        ProfileState::Locked {
            reason: LockReason::ByCustomer
        }
    );

    // Opening asks a key code; a wrong one is counted.
    b.submit("button.open").await.unwrap();
    let index = number(&b, "#key-card-index").await;
    b.screenshot("fi-device-open").await.unwrap();
    b.fill("code", &wrong(&anna.key_card_code(index)))
        .await
        .unwrap();
    b.submit("#open-submit").await.unwrap();
    assert!(b.text("#error").await.unwrap().contains('2'));
    b.fill("code", &anna.key_card_code(index)).await.unwrap();
    b.submit("#open-submit").await.unwrap();
    assert!(b.text("#notice").await.unwrap().contains("avattu"));
    assert!(b.text(".device .state").await.unwrap().contains("Käytössä"));

    // The same profile works again: no new registration.
    h.avain
        .login_with_pin(id.clone(), PIN.into())
        .await
        .unwrap();
    assert_eq!(
        h.avain.profile(&id).await.unwrap().state,
        ProfileState::Active
    );
    b.close().await;
    h.bank.stop().await;
}
