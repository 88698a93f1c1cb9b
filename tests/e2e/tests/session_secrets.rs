//! One customer's session through many flows (registration, login, identification,
//! signing, downloading, the inbox, a meeting with its identifier, a lockout and the
//! self-service unlock, blocking cards), then every file of the phone's data directory is
//! searched, byte by byte, for every secret typed or received: none may be there.

use avain_core::client::{ApprovalFactor, AvainError, RegistrationStep};
use avain_e2e::{ANNA, Harness};
use avain_sandbox::seed::ANNA_MEETING;
use time::Duration;

const PIN: &str = "4719";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_secret_of_a_long_session_is_in_the_data_directory() {
    let h = Harness::start().await.unwrap();
    let anna = Harness::customer(ANNA).unwrap();
    let mut secrets: Vec<(&str, String)> = vec![
        ("pin", PIN.to_owned()),
        ("password", anna.password.to_owned()),
        ("hetu", anna.hetu()),
        ("phone", "0401234567".to_owned()),
        ("phone", "+358401234567".to_owned()),
    ];

    // Registration, step by step, so the codes used are known.
    let registration = h
        .avain
        .start_registration(ANNA.into(), anna.password.into())
        .await
        .unwrap();
    let RegistrationStep::KeyCardCode { key_card_index } = registration.step() else {
        panic!("key-card step expected");
    };
    secrets.push(("key-card code", anna.key_card_code(key_card_index)));
    registration
        .submit_key_card_code(anna.key_card_code(key_card_index))
        .await
        .unwrap();
    let sms = h.sms_code(ANNA, "registration_sms_code").await.unwrap();
    secrets.push(("sms code", sms.clone()));
    registration.submit_sms_code(sms).await.unwrap();
    registration
        .choose_pin(PIN.into(), PIN.into())
        .await
        .unwrap();
    let RegistrationStep::PendingUnlock { profile, .. } =
        registration.finish("Oma puhelin".into()).await.unwrap()
    else {
        panic!("pending unlock expected");
    };
    let id = profile.id;
    h.unlock_in_online_bank(anna).await.unwrap();
    h.avain
        .login_with_pin(id.clone(), PIN.into())
        .await
        .unwrap();
    let pin = || ApprovalFactor::Pin { pin: PIN.into() };

    // Identification for a third party.
    let request = h.third_party_asks("Verohallinto", ANNA).await.unwrap();
    h.avain
        .identification()
        .open_identification_request(id.clone(), request.clone())
        .await
        .unwrap();
    h.avain
        .identification()
        .approve_identification(request, pin())
        .await
        .unwrap();

    // Signing, downloading, the inbox.
    let lists = h.avain.documents().list().await.unwrap();
    let loan = lists.waiting[0].document_id.clone();
    h.avain
        .documents()
        .open_document(loan.clone())
        .await
        .unwrap();
    h.avain
        .documents()
        .sign_document(loan, pin())
        .await
        .unwrap();
    h.avain
        .documents()
        .download_document(lists.completed[0].document_id.clone())
        .await
        .unwrap();
    let inbox = h.avain.inbox().list().await.unwrap();
    h.avain
        .inbox()
        .open_message(inbox.messages[0].message_id.clone())
        .await
        .unwrap();

    // A meeting: look-up by code and phone, join, identify.
    let found = h
        .avain
        .meetings()
        .look_up_meeting(ANNA_MEETING.into(), "040 123 4567".into())
        .await
        .unwrap();
    h.set_clocks(found.starts_at - Duration::minutes(5))
        .await
        .unwrap();
    h.avain
        .login_with_pin(id.clone(), PIN.into())
        .await
        .unwrap();
    h.avain
        .meetings()
        .join_meeting(ANNA_MEETING.into())
        .await
        .unwrap();
    let identifier = h.expert_identifier(ANNA_MEETING, ANNA).await.unwrap();
    secrets.push(("meeting identifier", identifier.expose().to_owned()));
    h.avain
        .meetings()
        .identify_in_meeting(ANNA_MEETING.into(), identifier.expose().to_owned())
        .await
        .unwrap();

    // Locked with wrong PINs, opened self-service with HETU, SMS and key-card codes.
    for _ in 0..5 {
        let _ = h.avain.login_with_pin(id.clone(), "9371".into()).await;
    }
    assert!(matches!(
        h.avain.login_with_pin(id.clone(), PIN.into()).await,
        Err(AvainError::Locked { .. })
    ));
    let started = h
        .avain
        .start_user_code_unlock(ANNA.into(), anna.hetu())
        .await
        .unwrap();
    let unlock_sms = h.sms_code(ANNA, "user_code_unlock_sms_code").await.unwrap();
    let unlock_card = anna.key_card_code(started.key_card_index);
    secrets.push(("sms code", unlock_sms.clone()));
    secrets.push(("key-card code", unlock_card.clone()));
    h.avain
        .finish_user_code_unlock(started.unlock_id, unlock_sms, unlock_card)
        .await
        .unwrap();
    h.avain
        .login_with_pin(id.clone(), PIN.into())
        .await
        .unwrap();
    h.avain.blocking_service().block(false, true).await.unwrap();
    h.avain.logout().await.unwrap();

    let files = h.data_files();
    assert!(!files.is_empty(), "the session wrote its database");
    let total: usize = files.iter().map(|(_, bytes)| bytes.len()).sum();
    assert!(total > 0);
    let needles: Vec<&str> = secrets.iter().map(|(_, secret)| secret.as_str()).collect();
    let found = h.secrets_in_data_dir(&needles);
    let kinds: Vec<&str> = secrets
        .iter()
        .filter(|(_, secret)| found.contains(secret))
        .map(|(what, _)| *what)
        .collect();
    assert!(kinds.is_empty(), "in the data directory: {kinds:?}");
}
