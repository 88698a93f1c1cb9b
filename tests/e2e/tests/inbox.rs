//! The secure inbox and the blocking service through the core against the sandbox.

use avain_core::api::sandbox::BankMessage;
use avain_core::client::AvainError;
use avain_core::error::AvainErrorCode;
use avain_e2e::{ANNA, Harness};

const PIN: &str = "4719";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn list_open_unread_and_write_to_the_bank() {
    let h = Harness::start().await.unwrap();
    let anna = Harness::customer(ANNA).unwrap();
    h.active_profile(anna, PIN).await.unwrap();
    let inbox = h.avain.inbox().list().await.unwrap();
    assert_eq!(inbox.messages.len(), 2);
    assert_eq!(inbox.unread, 1);
    let newest = &inbox.messages[0];
    assert_eq!(newest.subject, "Palveluhinnastomme muuttuu 1.3.");
    assert!(newest.important && !newest.read && newest.from_bank);

    // A new message from the bank: the alert says only that something waits.
    let _: serde_json::Value = h
        .browser
        .post(
            "/v1/sandbox/messages",
            None,
            &BankMessage {
                user_id: ANNA.into(),
                subject: "Tilisi ehdot muuttuvat".into(),
                body: "Tilisopimuksen ehdot muuttuvat 1.5. alkaen.".into(),
                important: true,
            },
        )
        .await
        .unwrap();
    let inbox = h.avain.inbox().list().await.unwrap();
    assert_eq!(inbox.unread, 2);
    assert_eq!(inbox.messages[0].subject, "Tilisi ehdot muuttuvat");
    let outbox = h.outbox(ANNA).await.unwrap();
    let alert = outbox
        .messages
        .iter()
        .rev()
        .find(|m| m.kind == "message_waiting" && m.text.is_some())
        .unwrap();
    let text = alert.text.as_ref().unwrap().expose();
    assert!(
        !text.contains("1.5."),
        "the alert carries no content: {text}"
    );

    let opened = h
        .avain
        .inbox()
        .open_message(inbox.messages[0].message_id.clone())
        .await
        .unwrap();
    assert!(opened.body.contains("1.5."));
    assert!(opened.info.read);
    assert_eq!(h.avain.inbox().list().await.unwrap().unread, 1);

    let sent = h
        .avain
        .inbox()
        .send_message(
            "Kysymys hinnastosta".into(),
            "Hei,\nkoskeeko muutos minua?".into(),
        )
        .await
        .unwrap();
    assert!(!sent.from_bank);
    let inbox = h.avain.inbox().list().await.unwrap();
    assert_eq!(inbox.unread, 1, "my own message is not unread");
    let empty = h
        .avain
        .inbox()
        .send_message(" ".into(), "teksti".into())
        .await
        .unwrap_err();
    assert_eq!(empty.code(), AvainErrorCode::MessageSubjectInvalid);
    let missing = h
        .avain
        .inbox()
        .open_message("msg_nonexistent".into())
        .await
        .unwrap_err();
    assert_eq!(missing.code(), AvainErrorCode::MessageNotFound);
    h.avain.logout().await.unwrap();
    let logged_out = h.avain.inbox().list().await.unwrap_err();
    assert!(matches!(logged_out, AvainError::LoggedOut { .. }));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn blocking_cards_then_codes_locks_the_profile() {
    let h = Harness::start().await.unwrap();
    let anna = Harness::customer(ANNA).unwrap();
    let id = h.active_profile(anna, PIN).await.unwrap();
    let numbers = h.avain.blocking_service().numbers().await;
    assert_eq!(numbers.from_finland, "020 333");
    assert_eq!(numbers.from_abroad, "+358 20 333");
    assert!(numbers.text.contains("020 333"));

    let nothing = h
        .avain
        .blocking_service()
        .block(false, false)
        .await
        .unwrap_err();
    assert_eq!(nothing.code(), AvainErrorCode::BlockNothingChosen);
    let cards = h.avain.blocking_service().block(false, true).await.unwrap();
    assert!(!cards.codes_blocked);
    assert_eq!(cards.cards_blocked, 2);
    assert!(cards.message.contains('2'), "{}", cards.message);
    // Still logged in after blocking only the cards.
    h.avain.inbox().list().await.unwrap();

    let codes = h.avain.blocking_service().block(true, false).await.unwrap();
    assert!(codes.codes_blocked);
    assert_eq!(
        h.avain.profile(&id).await.unwrap().state,
        avain_core::lifecycle::ProfileState::Locked {
            reason: avain_core::lifecycle::LockReason::ByBank
        }
    );
    let login = h.avain.login_with_pin(id, PIN.into()).await.unwrap_err();
    assert!(
        matches!(
            login,
            AvainError::Locked {
                self_service: false,
                ..
            }
        ),
        "{login:?}"
    );
    let outbox = h.outbox(ANNA).await.unwrap();
    assert!(outbox.messages.iter().any(|m| m.kind == "blocked"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_blocking_numbers_show_without_the_bank() {
    let h = Harness::start().await.unwrap();
    let Harness { bank, avain, .. } = h;
    bank.stop().await;
    let numbers = avain.blocking_service().numbers().await;
    assert_eq!(numbers.from_finland, "020 333");
    assert_eq!(numbers.from_abroad, "+358 20 333");
    assert!(avain.blocking_service().numbers_text().contains("020 333"));
    let blocked = avain
        .blocking_service()
        .block(true, true)
        .await
        .unwrap_err();
    assert!(
        matches!(blocked, AvainError::LoggedOut { .. }),
        "{blocked:?}"
    );
}
