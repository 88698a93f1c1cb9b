//! What the customer fixes or protects in the browser online bank, seen from the phone:
//! a missing mobile number or SMS service stops registration until the customer saves
//! them on the page "Ota käyttöön lisäpalvelut"; a profile locked on the device page (a
//! lost phone) ends its session and approves nothing (a payment waiting in that session,
//! a PIN change, a third party's identification, a login), the phone says why, and
//! opening it with a key-card code makes it work again without a new registration.

#![allow(clippy::unwrap_used)] // test helpers outside #[test] functions

use avain_core::api::OnlineBankDeviceList;
use avain_core::api::sandbox::Channel;
use avain_core::client::{ApprovalFactor, AvainError, PaymentDraft};
use avain_core::error::AvainErrorCode;
use avain_core::lifecycle::{LockReason, ProfileState};
use avain_e2e::{ANNA, Harness, LIISA, PEKKA};

const PIN: &str = "4719";
const LOCKED_BY_CUSTOMER: ProfileState = ProfileState::Locked {
    reason: LockReason::ByCustomer,
};

async fn refused_registration(h: &Harness, user_id: &str) -> AvainError {
    let customer = Harness::customer(user_id).unwrap();
    match h
        .avain
        .start_registration(customer.user_id.to_owned(), customer.password.to_owned())
        .await
    {
        Ok(_) => panic!("registration started for {user_id}"),
        Err(e) => e,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_customer_without_a_number_adds_one_in_the_online_bank_and_then_registers() {
    let h = Harness::start().await.unwrap();
    let liisa = Harness::customer(LIISA).unwrap();
    let refused = refused_registration(&h, LIISA).await;
    assert_eq!(refused.code(), AvainErrorCode::NoPhoneNumber);
    // The phone says where to fix it, by the page's name, and that registration can then
    // start again.
    assert!(
        refused.user_message().contains("Ota käyttöön lisäpalvelut")
            && refused.user_message().contains("uudelleen"),
        "{}",
        refused.user_message()
    );

    // The service cannot be switched on without a number.
    let no_number = h.browser.set_sms_service(liisa, true).await.unwrap_err();
    assert_eq!(
        no_number.code(),
        Some(avain_core::api::ErrorCode::NoPhoneNumber)
    );
    // A number that is not a mobile number is refused before any SMS is sent.
    let landline = h
        .browser
        .change_phone(liisa, "09 123 4567")
        .await
        .unwrap_err();
    assert_eq!(
        landline.code(),
        Some(avain_core::api::ErrorCode::PhoneNumberInvalid)
    );

    h.browser.change_phone(liisa, "040 765 4321").await.unwrap();
    // The confirmation code went to the new number.
    let outbox = h.outbox(LIISA).await.unwrap();
    let sent = outbox
        .messages
        .iter()
        .find(|m| m.kind == "phone_change_sms_code")
        .unwrap();
    assert_eq!(sent.channel, Channel::Sms);
    assert_eq!(sent.to.as_str(), "+358407654321");
    // Still no SMS service: registration says so.
    let refused = refused_registration(&h, LIISA).await;
    assert_eq!(refused.code(), AvainErrorCode::SmsServiceOff);

    let services = h.browser.set_sms_service(liisa, true).await.unwrap();
    assert!(services.sms_service);
    assert_eq!(services.phone_hint.as_deref(), Some("+358 40 *** **21"));
    let id = h.register(liisa, PIN).await.unwrap();
    assert_eq!(h.unlock_in_online_bank(liisa).await.unwrap(), 1);
    h.avain.login_with_pin(id, PIN.into()).await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_customer_with_the_sms_service_off_switches_it_on_and_then_registers() {
    let h = Harness::start().await.unwrap();
    let pekka = Harness::customer(PEKKA).unwrap();
    let refused = refused_registration(&h, PEKKA).await;
    assert_eq!(refused.code(), AvainErrorCode::SmsServiceOff);
    assert!(
        refused.user_message().contains("Ota käyttöön lisäpalvelut"),
        "{}",
        refused.user_message()
    );
    h.browser.set_sms_service(pekka, true).await.unwrap();
    let id = h.register(pekka, PIN).await.unwrap();
    h.unlock_in_online_bank(pekka).await.unwrap();
    h.avain.login_with_pin(id, PIN.into()).await.unwrap();
}

/// The bank's id of the profile named `name`.
async fn bank_profile_id(h: &Harness, user_id: &str, name: &str) -> String {
    let customer = Harness::customer(user_id).unwrap();
    let token = h.browser.online_bank_login(customer).await.unwrap();
    let list: OnlineBankDeviceList = h
        .browser
        .get("/v1/online-bank/devices", Some(&token))
        .await
        .unwrap();
    list.devices
        .into_iter()
        .find(|d| d.profile_name == name)
        .unwrap()
        .profile_id
}

fn pin() -> ApprovalFactor {
    ApprovalFactor::Pin { pin: PIN.into() }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_profile_locked_in_the_online_bank_approves_nothing_until_it_is_opened() {
    let h = Harness::start().await.unwrap();
    let anna = Harness::customer(ANNA).unwrap();
    let id = h.active_profile(anna, PIN).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let tablet = h.second_phone(dir.path()).unwrap();
    let tablet_id = h
        .register_on(&tablet, anna, "3917", "Tabletti")
        .await
        .unwrap();
    h.unlock_in_online_bank(anna).await.unwrap();

    // A payment waits for approval in a live session when the phone goes missing.
    let invoices = h.avain.payments().e_invoices().await.unwrap();
    let helen = invoices
        .iter()
        .find(|i| i.biller_name == "Helen Oy")
        .unwrap();
    let pending = h
        .avain
        .payments()
        .start_payment(PaymentDraft {
            from_account_id: "acc_anna_current".into(),
            payee_name: "Helen Oy".into(),
            payee_iban: helen.iban.clone(),
            amount: "12,00".into(),
            reference: helen.reference.clone(),
            ..PaymentDraft::default()
        })
        .await
        .unwrap();
    let phone = bank_profile_id(&h, ANNA, "Oma puhelin").await;
    let locked = h.browser.lock_profile(anna, &phone).await.unwrap();
    assert_eq!(locked.state, LOCKED_BY_CUSTOMER);

    // The open session ends with the lock: whoever holds the phone sees nothing more, and
    // the waiting payment is not approved.
    let refused = h
        .avain
        .payments()
        .confirm_payment(pending.payment_id.clone(), pin(), None)
        .await
        .unwrap_err();
    assert!(
        matches!(refused, AvainError::LoggedOut { .. }),
        "{refused:?}"
    );
    assert!(h.avain.payments().accounts().await.is_err());
    assert_eq!(h.avain.logged_in_profile(), None);
    // A PIN change needs a session, so it is refused too, and nothing changes.
    let pin_change = h
        .avain
        .change_pin(PIN.into(), "8362".into(), "8362".into())
        .await
        .unwrap_err();
    assert_eq!(pin_change.code(), AvainErrorCode::NotLoggedIn);
    // A login is refused with the lock's code, and the phone shows why.
    let login = h
        .avain
        .login_with_pin(id.clone(), PIN.into())
        .await
        .unwrap_err();
    assert!(
        matches!(
            login,
            AvainError::Locked {
                code: AvainErrorCode::ProfileLockedByCustomer,
                self_service: false,
                ..
            }
        ),
        "{login:?}"
    );
    let info = h.avain.profile(&id).await.unwrap();
    assert_eq!(info.state, LOCKED_BY_CUSTOMER);
    assert!(
        info.status.contains("Tunnuslukusovellus ja laitteet"),
        "{}",
        info.status
    );
    // And a third party's identification request, which needs no session.
    let request_id = h.third_party_asks("Verohallinto", ANNA).await.unwrap();
    let identification = match h
        .avain
        .identification()
        .open_identification_request(id.clone(), request_id.clone())
        .await
    {
        Ok(_) => h
            .avain
            .identification()
            .approve_identification(request_id, pin())
            .await
            .unwrap_err(),
        Err(e) => e,
    };
    assert_eq!(
        identification.code(),
        AvainErrorCode::ProfileLockedByCustomer
    );
    // The customer's other device keeps working.
    tablet
        .login_with_pin(tablet_id.clone(), "3917".into())
        .await
        .unwrap();
    // The lock opens only with a key-card code: the plain unlock refuses it.
    let token = h.browser.online_bank_login(anna).await.unwrap();
    let plain = h
        .browser
        .post_empty::<serde_json::Value>(
            &format!("/v1/online-bank/devices/{phone}/unlock"),
            Some(&token),
        )
        .await
        .unwrap_err();
    assert_eq!(plain.code(), Some(avain_core::api::ErrorCode::Conflict));

    // Found the phone: opened in the online bank, it works again without a new
    // registration.
    let opened = h.browser.open_profile(anna, &phone).await.unwrap();
    assert_eq!(opened.state, ProfileState::Active);
    h.avain
        .login_with_pin(id.clone(), PIN.into())
        .await
        .unwrap();
    assert_eq!(
        h.avain.profile(&id).await.unwrap().state,
        ProfileState::Active
    );
    let done = h
        .avain
        .payments()
        .confirm_payment(pending.payment_id, pin(), None)
        .await
        .unwrap();
    assert_eq!(done.payment.status, avain_core::api::PaymentStatus::Booked);
}
