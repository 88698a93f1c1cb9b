//! The signing service through the core against the sandbox: the three lists, reading and
//! signing the exact text, completion by the last party, downloads within 30 days only.

use avain_core::client::{ApprovalFactor, AvainError};
use avain_core::error::AvainErrorCode;
use avain_e2e::{ANNA, Harness, MIKKO};
use time::Duration;

const PIN: &str = "4719";
const MIKKO_PIN: &str = "5830";

fn pin(pin: &str) -> ApprovalFactor {
    ApprovalFactor::Pin { pin: pin.into() }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn waiting_pending_completed_and_signing_by_both_parties() {
    let h = Harness::start().await.unwrap();
    let anna = Harness::customer(ANNA).unwrap();
    h.active_profile(anna, PIN).await.unwrap();
    let lists = h.avain.documents().list().await.unwrap();
    let titles = |v: &[avain_core::client::DocumentInfo]| {
        v.iter().map(|d| d.title.clone()).collect::<Vec<_>>()
    };
    assert_eq!(titles(&lists.waiting), ["Asuntolainasopimus"]);
    assert_eq!(titles(&lists.pending), ["Valtakirja yhteiseen tiliin"]);
    assert_eq!(titles(&lists.completed), ["Säästösopimus", "Tilisopimus"]);
    assert!(lists.completed[0].downloadable);
    assert!(!lists.completed[1].downloadable, "completed 45 days ago");
    let loan_id = lists.waiting[0].document_id.clone();

    // Signing needs the document opened (read) first.
    let unread = h
        .avain
        .documents()
        .sign_document(loan_id.clone(), pin(PIN))
        .await
        .unwrap_err();
    assert_eq!(unread.code(), AvainErrorCode::DocumentNotOpened);
    let view = h
        .avain
        .documents()
        .open_document(loan_id.clone())
        .await
        .unwrap();
    assert!(view.content.starts_with("ASUNTOLAINASOPIMUS"));
    assert_eq!(
        view.shown_text.as_deref(),
        Some("Allekirjoita asiakirja: Asuntolainasopimus")
    );
    assert!(view.finnish_only);
    let wrong = h
        .avain
        .documents()
        .sign_document(loan_id.clone(), pin("9371"))
        .await
        .unwrap_err();
    assert!(matches!(wrong, AvainError::WrongPin { .. }), "{wrong:?}");
    let signed = h
        .avain
        .documents()
        .sign_document(loan_id.clone(), pin(PIN))
        .await
        .unwrap();
    assert_eq!(
        signed.status,
        avain_core::api::DocumentStatus::Pending,
        "Mikko has not signed yet"
    );
    let again = h
        .avain
        .documents()
        .open_document(loan_id.clone())
        .await
        .unwrap();
    assert_eq!(again.shown_text, None, "nothing left to sign");
    let twice = h
        .avain
        .documents()
        .sign_document(loan_id.clone(), pin(PIN))
        .await
        .unwrap_err();
    assert_eq!(twice.code(), AvainErrorCode::DocumentNotOpened);
    let early = h
        .avain
        .documents()
        .download_document(loan_id.clone())
        .await
        .unwrap_err();
    assert_eq!(early.code(), AvainErrorCode::DownloadUnavailable);

    // Mikko signs on his phone: completed, an SMS to both, downloadable.
    let dir = tempfile::tempdir().unwrap();
    let mikko = Harness::customer(MIKKO).unwrap();
    let phone = h.phone(dir.path(), vec!["fi".into()]).unwrap();
    let mikko_id = h
        .register_on(&phone.avain, mikko, MIKKO_PIN, "Mikon puhelin")
        .await
        .unwrap();
    h.unlock_in_online_bank(mikko).await.unwrap();
    phone
        .avain
        .login_with_pin(mikko_id, MIKKO_PIN.into())
        .await
        .unwrap();
    phone
        .avain
        .documents()
        .open_document(loan_id.clone())
        .await
        .unwrap();
    let done = phone
        .avain
        .documents()
        .sign_document(loan_id.clone(), pin(MIKKO_PIN))
        .await
        .unwrap();
    assert_eq!(done.status, avain_core::api::DocumentStatus::Completed);
    assert!(done.parties.iter().all(|p| p.signed_at.is_some()));
    for user in [ANNA, MIKKO] {
        let outbox = h.outbox(user).await.unwrap();
        assert!(
            outbox
                .messages
                .iter()
                .any(|m| m.kind == "document_completed"),
            "{user}"
        );
    }
    let file = h
        .avain
        .documents()
        .download_document(loan_id)
        .await
        .unwrap();
    assert_eq!(file.file_name, "Asuntolainasopimus.txt");
    assert!(file.content.contains("185 000,00 €"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_download_after_thirty_days_is_refused() {
    let h = Harness::start().await.unwrap();
    let anna = Harness::customer(ANNA).unwrap();
    let id = h.active_profile(anna, PIN).await.unwrap();
    let lists = h.avain.documents().list().await.unwrap();
    let savings = lists
        .completed
        .iter()
        .find(|d| d.title == "Säästösopimus")
        .unwrap()
        .clone();
    let old = lists
        .completed
        .iter()
        .find(|d| d.title == "Tilisopimus")
        .unwrap()
        .clone();
    let file = h
        .avain
        .documents()
        .download_document(savings.document_id.clone())
        .await
        .unwrap();
    assert!(file.content.starts_with("SÄÄSTÖSOPIMUS"));
    // 45 days: refused on the phone, without asking the bank.
    let before = h.avain.round_trips();
    let refused = h
        .avain
        .documents()
        .download_document(old.document_id.clone())
        .await
        .unwrap_err();
    assert_eq!(refused.code(), AvainErrorCode::DownloadUnavailable);
    assert_eq!(
        h.avain.round_trips() - before,
        1,
        "only the list was fetched"
    );

    // The bank's clock passes the 30 days while the phone's lags: the bank refuses.
    let until = savings.download_until.unwrap();
    h.set_bank_clock(until + Duration::minutes(1))
        .await
        .unwrap();
    h.clock.set(until - Duration::minutes(2));
    h.avain
        .login_with_pin(id.clone(), PIN.into())
        .await
        .unwrap();
    let at_bank = h
        .avain
        .documents()
        .download_document(savings.document_id.clone())
        .await
        .unwrap_err();
    assert_eq!(at_bank.code(), AvainErrorCode::DownloadUnavailable);
    assert!(
        at_bank.user_message().contains("30"),
        "{}",
        at_bank.user_message()
    );

    // Both clocks past it: the list says so too.
    h.clock.set(until + Duration::minutes(1));
    let lists = h.avain.documents().list().await.unwrap();
    assert!(lists.completed.iter().all(|d| !d.downloadable));
}
