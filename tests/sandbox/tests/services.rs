//! Third-party identification, the secure inbox, video meetings and the signing service.

#![allow(clippy::unwrap_used)] // test helpers outside #[test] functions

mod common;

use avain_core::inbox::{AlertChannel, check_alert_text, render_alert};
use avain_core::os_policy::{OsPolicy, SignedPolicy};
use avain_protocol::Language;
use avain_protocol::api::sandbox::{
    BankMessage, BrokerRequest, BrokerResult, Channel, ClockChange, ClockState, IssueIdentifier,
    IssuedIdentifier, Outbox,
};
use avain_protocol::api::{
    ApprovalRequired, ConfirmRequest, DocumentList, DocumentStatus, DocumentSummary, ErrorCode,
    IdentificationApproval, IdentificationChallengeRequest, IdentificationReject,
    IdentificationRequest, IdentificationStatus, Meeting, MeetingChange, MeetingIdentify,
    MeetingJoin, MeetingList, MeetingLookup, MeetingLookupChange, MeetingStatus, Message,
    MessageList, MessageSummary, NewMeeting, Personal, Secret,
};
use avain_protocol::signed_bytes::Approval;
use avain_sandbox::client::{BankClient, SoftwareDevice};
use avain_sandbox::seed::{ANNA, ANNA_MEETING, MIKKO, PUUTYO, SANNA, THREE_CUSTOMER_MEETING};
use common::*;

async fn set_clock(client: &BankClient, at: time::OffsetDateTime) {
    let _: serde_json::Value = client
        .post(
            "/v1/sandbox/clock",
            None,
            &ClockChange {
                set: Some(at),
                ..Default::default()
            },
        )
        .await
        .unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_tax_authority_identifies_the_customer_through_the_broker() {
    let (_bank, client) = bank().await;
    let device = active_device(&client, ANNA).await;
    let created: BrokerResult = client
        .post(
            "/v1/sandbox/broker/identification-requests",
            None,
            &BrokerRequest {
                service_name: "Verohallinto".into(),
                user_id: ANNA.into(),
            },
        )
        .await
        .unwrap();
    // The push carries only the request id.
    let outbox: Outbox = client
        .get("/v1/sandbox/outbox?user_id=50010001", None)
        .await
        .unwrap();
    let push = outbox
        .messages
        .iter()
        .rev()
        .find(|m| m.kind == "identification_request")
        .unwrap();
    assert_eq!(push.push_data.as_deref(), Some(created.request_id.as_str()));
    assert!(push.text.is_none());

    let asked: IdentificationApproval = client
        .post(
            &format!(
                "/v1/identification-requests/{}/challenge",
                created.request_id
            ),
            None,
            &IdentificationChallengeRequest {
                profile_id: device.profile_id.clone(),
                device: device.state(),
            },
        )
        .await
        .unwrap();
    assert_eq!(asked.request.service_name, "Verohallinto");
    assert_eq!(asked.challenge.requester, "Verohallinto");
    let shown = avain_core::confirmation::identification(
        avain_protocol::Language::Fi,
        &asked.request.service_name,
        &asked.request.broker_name,
    );
    let approval = Approval::ThirdPartyIdentification {
        requester: asked.request.service_name.clone(),
        broker: asked.request.broker_name.clone(),
        request_id: created.request_id.clone(),
        shown_text: shown,
    };
    let done: IdentificationRequest = client
        .post(
            &format!("/v1/identification-requests/{}/approve", created.request_id),
            None,
            &ConfirmRequest {
                assertion: device.answer(&asked.challenge, &approval, Some(PIN)),
            },
        )
        .await
        .unwrap();
    assert_eq!(done.status, IdentificationStatus::Approved);
    let result: BrokerResult = client
        .get(
            &format!(
                "/v1/sandbox/broker/identification-requests/{}",
                created.request_id
            ),
            None,
        )
        .await
        .unwrap();
    assert_eq!(result.name.as_deref(), Some("Anna Virtanen"));

    // Another customer's device cannot see or answer it; a rejected one stays rejected.
    let kela: BrokerResult = client
        .post(
            "/v1/sandbox/broker/identification-requests",
            None,
            &BrokerRequest {
                service_name: "Kela".into(),
                user_id: ANNA.into(),
            },
        )
        .await
        .unwrap();
    let mikko = active_device(&client, MIKKO).await;
    let err = client
        .post::<IdentificationApproval>(
            &format!("/v1/identification-requests/{}/challenge", kela.request_id),
            None,
            &IdentificationChallengeRequest {
                profile_id: mikko.profile_id.clone(),
                device: mikko.state(),
            },
        )
        .await
        .unwrap_err();
    assert_eq!(err.code(), Some(ErrorCode::NotFound));
    let rejected: IdentificationRequest = client
        .post(
            &format!("/v1/identification-requests/{}/reject", kela.request_id),
            None,
            &IdentificationReject {
                profile_id: device.profile_id.clone(),
            },
        )
        .await
        .unwrap();
    assert_eq!(rejected.status, IdentificationStatus::Rejected);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn messages_live_in_the_bank_and_alerts_say_only_that_one_waits() {
    let (_bank, client) = bank().await;
    let (_device, token) = logged_in(&client, PUUTYO).await;
    let list: MessageList = client.get("/v1/messages", Some(&token)).await.unwrap();
    assert_eq!(list.messages.len(), 1);
    let _: serde_json::Value = client
        .post(
            "/v1/sandbox/messages",
            None,
            &BankMessage {
                user_id: PUUTYO.into(),
                subject: "Palvelumaksujen muutos".into(),
                body: "Salainen sisältö 4711".into(),
                important: true,
            },
        )
        .await
        .unwrap();
    let outbox: Outbox = client
        .get("/v1/sandbox/outbox?user_id=50010005", None)
        .await
        .unwrap();
    let alerts: Vec<_> = outbox
        .messages
        .iter()
        .filter(|m| m.kind == "message_waiting")
        .collect();
    assert_eq!(alerts.len(), 3, "push, SMS and e-mail");
    for alert in alerts {
        let text = alert
            .text
            .as_ref()
            .map(|t| t.expose().to_owned())
            .unwrap_or_default();
        assert!(
            !text.contains("4711") && !text.contains("Palvelumaksujen") && !text.contains("http")
        );
        // Word for word the core's alert (the company's language is Finnish), which the
        // core's own alert check accepts; the push carries no text at all.
        let expected = match alert.channel {
            Channel::Sms => Some(render_alert(AlertChannel::Sms, Language::Fi).body),
            Channel::Email => Some(render_alert(AlertChannel::Email, Language::Fi).to_text()),
            Channel::Push => None,
            Channel::Unknown => panic!("the sandbox sent on a channel it does not name"),
        };
        assert_eq!(alert.text.as_ref().map(|t| t.expose().to_owned()), expected);
        if alert.channel != Channel::Push {
            assert_eq!(check_alert_text(&text), Ok(()));
        }
    }
    let list: MessageList = client.get("/v1/messages", Some(&token)).await.unwrap();
    let newest = &list.messages[0];
    assert!(!newest.read && newest.important);
    let opened: Message = client
        .get(&format!("/v1/messages/{}", newest.message_id), Some(&token))
        .await
        .unwrap();
    assert!(opened.summary.read);
    assert_eq!(opened.body, "Salainen sisältö 4711");
    let err = client
        .get::<Message>("/v1/messages/msg_seed_1", Some(&token))
        .await
        .unwrap_err();
    assert_eq!(
        err.code(),
        Some(ErrorCode::NotFound),
        "Anna's message is not the company's"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn three_customers_join_the_meeting_and_identify_separately() {
    let (_bank, client) = bank().await;
    let (anna_device, anna) = logged_in(&client, ANNA).await;
    let mikko_device = active_device(&client, MIKKO).await;
    let list: MeetingList = client.get("/v1/meetings", Some(&anna)).await.unwrap();
    let codes: Vec<&str> = list
        .meetings
        .iter()
        .map(|m| m.booking_code.as_str())
        .collect();
    assert_eq!(codes, [ANNA_MEETING, THREE_CUSTOMER_MEETING]);
    let meeting = list.meetings[1].clone();
    assert_eq!(meeting.participants.len(), 3);
    assert!(meeting.recorded);

    let join = |token: String| {
        let client = client.clone();
        async move {
            client
                .post_empty::<MeetingJoin>(
                    &format!("/v1/meetings/{THREE_CUSTOMER_MEETING}/join"),
                    Some(&token),
                )
                .await
        }
    };
    // 16 minutes before: not yet. 15 minutes before: open. At the end: closed.
    set_clock(&client, meeting.starts_at - time::Duration::minutes(16)).await;
    // (Moving the clock by days ends sessions: log in again.)
    let anna = client
        .login(&anna_device, Some(PIN))
        .await
        .unwrap()
        .token
        .expose()
        .to_owned();
    assert_eq!(
        join(anna.clone()).await.unwrap_err().code(),
        Some(ErrorCode::MeetingNotOpen)
    );
    set_clock(&client, meeting.join_opens_at).await;
    let joined = join(anna.clone()).await.unwrap();
    assert!(joined.identification_required && joined.recorded);

    // A fourth customer cannot be added.
    let err = client
        .post::<Meeting>(
            &format!("/v1/sandbox/meetings/{THREE_CUSTOMER_MEETING}/participants"),
            None,
            &IssueIdentifier {
                user_id: PUUTYO.into(),
            },
        )
        .await
        .unwrap_err();
    assert_eq!(err.code(), Some(ErrorCode::MeetingFull));

    // Each identifies with their own identifier; someone else's does not work.
    let issue = |user: &str| {
        let client = client.clone();
        let user = user.to_owned();
        async move {
            let issued: IssuedIdentifier = client
                .post(
                    &format!("/v1/sandbox/meetings/{THREE_CUSTOMER_MEETING}/identifiers"),
                    None,
                    &IssueIdentifier { user_id: user },
                )
                .await
                .unwrap();
            issued.identifier
        }
    };
    let for_anna = issue(ANNA).await;
    let for_mikko = issue(MIKKO).await;
    let identify = |token: String, identifier: Secret| {
        let client = client.clone();
        async move {
            client
                .post::<Meeting>(
                    &format!("/v1/meetings/{THREE_CUSTOMER_MEETING}/identify"),
                    Some(&token),
                    &MeetingIdentify { identifier },
                )
                .await
        }
    };
    if for_anna != for_mikko {
        let err = identify(anna.clone(), for_mikko.clone()).await.unwrap_err();
        assert_eq!(
            (err.code(), err.body.unwrap().attempts_left),
            (Some(ErrorCode::IdentifierWrong), Some(2))
        );
    }
    identify(anna.clone(), for_anna).await.unwrap();
    let mikko = client
        .login(&mikko_device, Some(PIN))
        .await
        .unwrap()
        .token
        .expose()
        .to_owned();
    let after = identify(mikko, for_mikko).await.unwrap();
    let identified: Vec<bool> = after.participants.iter().map(|p| p.identified).collect();
    assert_eq!(identified, [true, true, false]);

    set_clock(&client, meeting.ends_at).await;
    let anna = client
        .login(&anna_device, Some(PIN))
        .await
        .unwrap()
        .token
        .expose()
        .to_owned();
    assert_eq!(
        join(anna).await.unwrap_err().code(),
        Some(ErrorCode::MeetingClosed)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_booking_is_found_changed_and_cancelled_with_code_and_phone() {
    let (_bank, client) = bank().await;
    let lookup = |phone: &str| MeetingLookup {
        booking_code: "2kmeve6x".into(),
        phone: Personal::from(phone),
    };
    let found: Meeting = client
        .post("/v1/meeting-lookups", None, &lookup("040 123 4567"))
        .await
        .unwrap();
    assert_eq!(found.booking_code, ANNA_MEETING);
    assert_eq!(found.topic, "Lainat, Asuntolainaneuvottelu");
    assert!(found.participants.is_empty(), "no names without login");
    let err = client
        .post::<Meeting>("/v1/meeting-lookups", None, &lookup("040 000 0000"))
        .await
        .unwrap_err();
    assert_eq!(err.code(), Some(ErrorCode::NotFound));

    let later = found.starts_at + time::Duration::days(1);
    let changed: Meeting = client
        .post(
            "/v1/meeting-lookups/change",
            None,
            &MeetingLookupChange {
                booking_code: ANNA_MEETING.into(),
                phone: Personal::from("+358401234567"),
                change: MeetingChange {
                    starts_at: Some(later),
                    duration_minutes: Some(45),
                    ..Default::default()
                },
            },
        )
        .await
        .unwrap();
    assert_eq!((changed.starts_at, changed.duration_minutes), (later, 45));
    let cancelled: Meeting = client
        .post("/v1/meeting-lookups/cancel", None, &lookup("0401234567"))
        .await
        .unwrap();
    assert_eq!(cancelled.status, MeetingStatus::Cancelled);

    // Guessing phones stops after five tries per booking.
    for _ in 0..5 {
        client
            .post::<Meeting>(
                "/v1/meeting-lookups",
                None,
                &MeetingLookup {
                    booking_code: THREE_CUSTOMER_MEETING.into(),
                    phone: Personal::from("0409999999"),
                },
            )
            .await
            .unwrap_err();
    }
    let err = client
        .post::<Meeting>(
            "/v1/meeting-lookups",
            None,
            &MeetingLookup {
                booking_code: THREE_CUSTOMER_MEETING.into(),
                phone: Personal::from("0501112233"),
            },
        )
        .await
        .unwrap_err();
    assert_eq!(err.code(), Some(ErrorCode::RateLimited));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_customer_books_edits_and_cancels_in_the_app() {
    let (bank, client) = bank().await;
    let (_, token) = logged_in(&client, SANNA).await;
    let now = bank.clock().now();
    let start = (now + time::Duration::days(7)).replace_time(time::macros::time!(9:30));
    let booked: Meeting = client
        .post(
            "/v1/meetings",
            Some(&token),
            &NewMeeting {
                kind: avain_protocol::api::MeetingKind::Video,
                starts_at: start,
                duration_minutes: 30,
                topic: "Sparande".into(),
                details: None,
            },
        )
        .await
        .unwrap();
    assert_eq!(booked.booking_code.len(), 8);
    assert!(!booked.booking_code.contains(['O', '0', 'I', '1']));
    let changed: Meeting = client
        .call(
            reqwest::Method::PATCH,
            &format!("/v1/meetings/{}", booked.booking_code),
            Some(&token),
            Some(&MeetingChange {
                topic: Some("Placeringar".into()),
                ..Default::default()
            }),
        )
        .await
        .unwrap();
    assert_eq!(changed.topic, "Placeringar");
    let err = client
        .post::<Meeting>(
            "/v1/meetings",
            Some(&token),
            &NewMeeting {
                kind: avain_protocol::api::MeetingKind::Video,
                starts_at: start + time::Duration::minutes(7),
                duration_minutes: 30,
                topic: "x".into(),
                details: None,
            },
        )
        .await
        .unwrap_err();
    assert_eq!(err.code(), Some(ErrorCode::InvalidValue));
    let (status, _) = client
        .raw(
            reqwest::Method::DELETE,
            &format!("/v1/meetings/{}", booked.booking_code),
            Some(&token),
            None,
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(status, 200);
    // Someone else's booking does not exist for Sanna.
    let err = client
        .call::<Meeting>(
            reqwest::Method::DELETE,
            &format!("/v1/meetings/{ANNA_MEETING}"),
            Some(&token),
            None::<&()>,
        )
        .await
        .unwrap_err();
    assert_eq!(err.code(), Some(ErrorCode::NotFound));
}

async fn sign(
    client: &BankClient,
    device: &SoftwareDevice,
    token: &str,
    id: &str,
) -> DocumentSummary {
    let start: ApprovalRequired = client
        .post_empty(&format!("/v1/documents/{id}/signature"), Some(token))
        .await
        .unwrap();
    let doc: avain_protocol::api::Document = client
        .get(&format!("/v1/documents/{id}"), Some(token))
        .await
        .unwrap();
    let approval = Approval::DocumentSigning {
        document_id: id.to_owned(),
        document_title: doc.summary.title.clone(),
        document_sha256: doc.summary.sha256.0.clone(),
        shown_text: avain_core::confirmation::document_signing(
            avain_protocol::Language::Fi,
            &doc.summary.title,
        ),
    };
    client
        .post(
            &format!("/v1/documents/{id}/signature/confirm"),
            Some(token),
            &ConfirmRequest {
                assertion: device.answer(&start.challenge, &approval, Some(PIN)),
            },
        )
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn documents_complete_when_everybody_signed_and_download_for_30_days() {
    let (_bank, client) = bank().await;
    let (anna_device, anna) = logged_in(&client, ANNA).await;
    let list: DocumentList = client.get("/v1/documents", Some(&anna)).await.unwrap();
    let titles =
        |docs: &[DocumentSummary]| docs.iter().map(|d| d.title.clone()).collect::<Vec<_>>();
    assert_eq!(titles(&list.waiting), ["Asuntolainasopimus"]);
    assert_eq!(titles(&list.pending), ["Valtakirja yhteiseen tiliin"]);
    assert_eq!(list.completed.len(), 2);
    // The one completed 10 days ago downloads; the one completed 45 days ago does not.
    let (status, body) = client
        .raw(
            reqwest::Method::GET,
            "/v1/documents/doc_seed_3/download",
            Some(&anna),
            None,
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(status, 200);
    assert!(
        String::from_utf8(body)
            .unwrap()
            .starts_with("SÄÄSTÖSOPIMUS")
    );
    let err = client
        .get::<serde_json::Value>("/v1/documents/doc_seed_4/download", Some(&anna))
        .await
        .unwrap_err();
    assert_eq!(err.code(), Some(ErrorCode::DownloadUnavailable));

    // Anna signs the loan agreement: pending (Mikko has not signed), no download yet.
    let signed = sign(&client, &anna_device, &anna, "doc_seed_1").await;
    assert_eq!(signed.status, DocumentStatus::Pending);
    let err = client
        .post_empty::<ApprovalRequired>("/v1/documents/doc_seed_1/signature", Some(&anna))
        .await
        .unwrap_err();
    assert_eq!(err.code(), Some(ErrorCode::AlreadySigned));
    // Mikko signs: completed, and both get an SMS.
    let (mikko_device, mikko) = logged_in(&client, MIKKO).await;
    let done = sign(&client, &mikko_device, &mikko, "doc_seed_1").await;
    assert_eq!(done.status, DocumentStatus::Completed);
    let outbox: Outbox = client.get("/v1/sandbox/outbox", None).await.unwrap();
    let mut told: Vec<&str> = outbox
        .messages
        .iter()
        .filter(|m| m.kind == "document_completed")
        .map(|m| m.user_id.as_str())
        .collect();
    told.sort();
    assert_eq!(told, [ANNA, MIKKO]);
    let (status, _) = client
        .raw(
            reqwest::Method::GET,
            "/v1/documents/doc_seed_1/download",
            Some(&mikko),
            None,
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(status, 200);
    // 30 days later the download is gone.
    let _: serde_json::Value = client
        .post(
            "/v1/sandbox/clock",
            None,
            &ClockChange {
                advance_s: Some(30 * 86_400),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    let mikko = client
        .login(&mikko_device, Some(PIN))
        .await
        .unwrap()
        .token
        .expose()
        .to_owned();
    let err = client
        .get::<serde_json::Value>("/v1/documents/doc_seed_1/download", Some(&mikko))
        .await
        .unwrap_err();
    assert_eq!(err.code(), Some(ErrorCode::DownloadUnavailable));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reset_brings_back_the_fresh_bank() {
    let (bank, client) = bank().await;
    let (device, token) = logged_in(&client, PUUTYO).await;
    let fresh: MessageList = client.get("/v1/messages", Some(&token)).await.unwrap();
    let _: MessageSummary = client
        .post(
            "/v1/sandbox/messages",
            None,
            &BankMessage {
                user_id: PUUTYO.into(),
                subject: "Palvelumaksujen muutos".into(),
                body: "Uudet hinnat".into(),
                important: true,
            },
        )
        .await
        .unwrap();
    let _: SignedPolicy = client
        .post("/v1/sandbox/policy", None, &OsPolicy::builtin())
        .await
        .unwrap();
    let _: serde_json::Value = client
        .post(
            "/v1/sandbox/clock",
            None,
            &ClockChange {
                advance_s: Some(3 * 86_400),
                ..Default::default()
            },
        )
        .await
        .unwrap();

    let _: serde_json::Value = client.post_empty("/v1/sandbox/reset", None).await.unwrap();

    // Sessions, profiles, the outbox and the clock's offset are gone.
    let err = client
        .get::<MessageList>("/v1/messages", Some(&token))
        .await
        .unwrap_err();
    assert_eq!(err.code(), Some(ErrorCode::Unauthorized));
    let err = client.login_challenge(&device).await.unwrap_err();
    assert_eq!(err.code(), Some(ErrorCode::NotFound));
    let outbox: Outbox = client.get("/v1/sandbox/outbox", None).await.unwrap();
    assert!(outbox.messages.is_empty());
    let clock: ClockState = client.get("/v1/sandbox/clock", None).await.unwrap();
    assert!(!clock.frozen);
    assert!((clock.now - time::OffsetDateTime::now_utc()).abs() < time::Duration::minutes(1));
    // The seed is back: the first policy, and the company's inbox as it was.
    let policy: SignedPolicy = client.get("/v1/policy", None).await.unwrap();
    let key = bank.policy_bank_key().unwrap();
    assert_eq!(policy.accept(&[key], None).unwrap().sequence, 1);
    let (_device, token) = logged_in(&client, PUUTYO).await;
    let after: MessageList = client.get("/v1/messages", Some(&token)).await.unwrap();
    // (Seed dates follow the clock at seeding, a few milliseconds later now.)
    let ids = |list: &MessageList| -> Vec<(String, String)> {
        list.messages
            .iter()
            .map(|m| (m.message_id.clone(), m.subject.clone()))
            .collect()
    };
    assert_eq!(ids(&after), ids(&fresh));
}
