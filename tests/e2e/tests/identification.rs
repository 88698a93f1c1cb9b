//! Strong identification for third parties through the core against the sandbox: the
//! broker asks, the bank pushes the request id, the phone shows requester and broker (in
//! Finnish, flagged for the UI) and approves or rejects without logging in.

use avain_core::Language;
use avain_core::api::IdentificationStatus;
use avain_core::client::{ApprovalFactor, AvainError};
use avain_core::error::AvainErrorCode;
use avain_e2e::{ANNA, Harness};

const PIN: &str = "4719";

fn pin() -> ApprovalFactor {
    ApprovalFactor::Pin { pin: PIN.into() }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn approve_names_requester_and_broker_and_identifies_the_customer() {
    let h = Harness::start().await.unwrap();
    let anna = Harness::customer(ANNA).unwrap();
    let id = h.active_profile(anna, PIN).await.unwrap();
    // No session needed: the approval itself is the strong authentication.
    h.avain.logout().await.unwrap();

    // The app learns the id from the bank's push; here from the broker's answer.
    let request_id = h.third_party_asks("Verohallinto", ANNA).await.unwrap();
    // Approving something never opened is refused before anything is signed.
    let unopened = h
        .avain
        .identification()
        .approve_identification(request_id.clone(), pin())
        .await
        .unwrap_err();
    assert_eq!(unopened.code(), AvainErrorCode::IdentificationNotOpened);

    let prompt = h
        .avain
        .identification()
        .open_identification_request(id.clone(), request_id.clone())
        .await
        .unwrap();
    assert_eq!(prompt.requester, "Verohallinto");
    assert_eq!(prompt.broker, "Tunnistuspalvelu Oy");
    assert!(
        prompt.shown_text.contains("Verohallinto"),
        "{}",
        prompt.shown_text
    );
    assert!(prompt.shown_text.contains("Tunnistuspalvelu Oy"));
    assert!(prompt.finnish_only);
    assert_eq!(prompt.text_language, Language::Fi);
    assert_eq!(
        prompt.language_notice, None,
        "a Finnish phone needs no notice"
    );

    // A wrong PIN is counted and spends the challenge; opening again gives a new one.
    let wrong = h
        .avain
        .identification()
        .approve_identification(
            request_id.clone(),
            ApprovalFactor::Pin { pin: "9371".into() },
        )
        .await
        .unwrap_err();
    assert!(matches!(wrong, AvainError::WrongPin { .. }), "{wrong:?}");
    assert_eq!(
        h.broker_result(&request_id).await.unwrap().status,
        IdentificationStatus::Pending
    );
    h.avain
        .identification()
        .open_identification_request(id.clone(), request_id.clone())
        .await
        .unwrap();
    h.avain
        .identification()
        .approve_identification(request_id.clone(), pin())
        .await
        .unwrap();
    let result = h.broker_result(&request_id).await.unwrap();
    assert_eq!(result.status, IdentificationStatus::Approved);
    assert_eq!(result.name.as_deref(), Some(anna.name));

    // Answered requests cannot be opened again.
    let again = h
        .avain
        .identification()
        .open_identification_request(id.clone(), request_id.clone())
        .await
        .unwrap_err();
    assert_eq!(again.code(), AvainErrorCode::IdentificationAnswered);
    let unknown = h
        .avain
        .identification()
        .open_identification_request(id, "idr_nonexistent".into())
        .await
        .unwrap_err();
    assert_eq!(unknown.code(), AvainErrorCode::IdentificationUnknown);
    let bad = h
        .avain
        .identification()
        .open_identification_request(String::new(), "../../v1/sandbox/reset".into())
        .await
        .unwrap_err();
    assert!(matches!(bad, AvainError::InvalidInput { .. }), "{bad:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reject_tells_the_broker_and_the_request_cannot_be_approved() {
    let h = Harness::start().await.unwrap();
    let anna = Harness::customer(ANNA).unwrap();
    let id = h.active_profile(anna, PIN).await.unwrap();
    let request_id = h.third_party_asks("Kela", ANNA).await.unwrap();
    h.avain
        .identification()
        .open_identification_request(id.clone(), request_id.clone())
        .await
        .unwrap();
    h.avain
        .identification()
        .reject_identification(id.clone(), request_id.clone())
        .await
        .unwrap();
    let result = h.broker_result(&request_id).await.unwrap();
    assert_eq!(result.status, IdentificationStatus::Rejected);
    assert_eq!(result.name, None);
    // The prompt that was on screen is void.
    let approve = h
        .avain
        .identification()
        .approve_identification(request_id.clone(), pin())
        .await
        .unwrap_err();
    assert_eq!(approve.code(), AvainErrorCode::IdentificationNotOpened);
    let reopen = h
        .avain
        .identification()
        .open_identification_request(id, request_id)
        .await
        .unwrap_err();
    assert_eq!(reopen.code(), AvainErrorCode::IdentificationAnswered);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_swedish_phone_gets_the_finnish_text_and_a_swedish_notice() {
    let h = Harness::start_with(None, vec!["sv-FI".into(), "fi-FI".into()])
        .await
        .unwrap();
    let anna = Harness::customer(ANNA).unwrap();
    let id = h.active_profile(anna, PIN).await.unwrap();
    let request_id = h.third_party_asks("Verohallinto", ANNA).await.unwrap();
    let prompt = h
        .avain
        .identification()
        .open_identification_request(id, request_id.clone())
        .await
        .unwrap();
    assert_eq!(h.avain.language(), Language::Sv);
    assert_eq!(prompt.text_language, Language::Fi);
    assert!(
        prompt.shown_text.starts_with("Vahvista tunnistautuminen"),
        "{}",
        prompt.shown_text
    );
    let notice = prompt.language_notice.expect("a notice in Swedish");
    assert!(notice.contains("finska"), "{notice}");
    assert!(
        prompt
            .attributes
            .iter()
            .any(|a| a.contains("personbeteckning"))
    );
    h.avain
        .identification()
        .approve_identification(request_id.clone(), pin())
        .await
        .unwrap();
    assert_eq!(
        h.broker_result(&request_id).await.unwrap().status,
        IdentificationStatus::Approved
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_expired_request_is_refused() {
    let h = Harness::start().await.unwrap();
    let anna = Harness::customer(ANNA).unwrap();
    let id = h.active_profile(anna, PIN).await.unwrap();
    let request_id = h.third_party_asks("Kela", ANNA).await.unwrap();
    let later = h.bank.clock().now() + time::Duration::minutes(6);
    h.set_clocks(later).await.unwrap();
    let expired = h
        .avain
        .identification()
        .open_identification_request(id, request_id)
        .await
        .unwrap_err();
    assert_eq!(expired.code(), AvainErrorCode::IdentificationExpired);
    assert!(matches!(expired, AvainError::Refused { .. }));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn approve_with_biometrics() {
    let h = Harness::start().await.unwrap();
    let anna = Harness::customer(ANNA).unwrap();
    let id = h.active_profile(anna, PIN).await.unwrap();
    h.avain
        .enable_biometrics(
            avain_core::lifecycle::BiometricKind::Fingerprint,
            PIN.into(),
        )
        .await
        .unwrap();
    let request_id = h.third_party_asks("Kela", ANNA).await.unwrap();
    h.avain
        .identification()
        .open_identification_request(id, request_id.clone())
        .await
        .unwrap();
    h.avain
        .identification()
        .approve_identification(request_id.clone(), ApprovalFactor::Biometric)
        .await
        .unwrap();
    assert_eq!(
        h.broker_result(&request_id).await.unwrap().status,
        IdentificationStatus::Approved
    );
}
