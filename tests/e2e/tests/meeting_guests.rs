//! Meetings without login through the core against the sandbox: the bank's free slots,
//! booking a meeting with name, phone and e-mail (confirmation in the outbox), the
//! throttle and the answer that does not tell whether the phone is a customer's; a
//! customer inviting two more (three in all), and a guest who is not the bank's customer
//! joining from the invitation through the identification broker with another bank's
//! codes. The attacks: an invitation code used for another meeting, after the meeting,
//! a replayed or foreign broker assertion, a forged one.

use avain_core::api::sandbox::{BrokerAssertion, OtherBankIdentification, Outbox};
use avain_core::api::{Meeting, MeetingKind, Secret};
use avain_core::client::{AvainError, GuestBookingForm, InviteeForm};
use avain_core::error::AvainErrorCode;
use avain_e2e::{ANNA, Harness};
use avain_sandbox::seed::ANNA_MEETING;
use time::Duration;

const PIN: &str = "4719";
const GUEST_PHONE: &str = "+358505550101";

/// Every message the bank sent to an address (guests have no user id: the outbox files
/// their messages under the address).
async fn outbox_to(h: &Harness, address: &str) -> Outbox {
    let encoded: String = address
        .bytes()
        .map(|b| match b {
            b'+' => "%2B".to_owned(),
            b'@' => "%40".to_owned(),
            _ => (b as char).to_string(),
        })
        .collect();
    h.browser
        .get(&format!("/v1/sandbox/outbox?user_id={encoded}"), None)
        .await
        .expect("the outbox")
}

/// The text of the newest message of `kind` to `address`.
async fn newest(h: &Harness, address: &str, kind: &str) -> String {
    let outbox = outbox_to(h, address).await;
    let message = outbox
        .messages
        .iter()
        .rev()
        .find(|m| m.kind == kind)
        .unwrap_or_else(|| panic!("no {kind} message"));
    message.text.as_ref().expect("a text").expose().to_owned()
}

/// The invitation code in a confirmation or an invitation: the 20-character word.
fn invitation_code(text: &str) -> String {
    text.split(|c: char| !c.is_ascii_alphanumeric())
        .find(|w| {
            w.len() == 20
                && w.chars()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        })
        .unwrap_or_else(|| panic!("no invitation code in {text}"))
        .to_owned()
}

fn guest_form(
    starts_at: time::OffsetDateTime,
    phone: &str,
    email: Option<&str>,
) -> GuestBookingForm {
    GuestBookingForm {
        kind: MeetingKind::Video,
        starts_at,
        topic: "Asuntolaina".into(),
        name: "Mikko Mallikas".into(),
        phone: phone.into(),
        email: email.map(Into::into),
    }
}

/// The broker identifies the guest of transaction `state` with another bank's codes.
async fn broker_identifies(h: &Harness, state: &str, name: &str) -> String {
    let signed: BrokerAssertion = h
        .browser
        .post(
            "/v1/sandbox/broker/other-bank-identifications",
            None,
            &OtherBankIdentification {
                state: Secret::new(state),
                name: name.into(),
                bank: "Nordea".into(),
            },
        )
        .await
        .expect("the broker signs");
    signed.assertion.expose().to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn booking_without_login_confirms_and_tells_nothing_about_the_phone() {
    let h = Harness::start().await.unwrap();
    // No profile on this phone: booking works before registration.
    let meetings = h.avain.meetings();
    let slots = meetings.free_slots().await.unwrap();
    assert!(slots.len() >= 4, "{}", slots.len());
    assert!(slots.windows(2).all(|w| w[0].starts_at < w[1].starts_at));

    let booked = meetings
        .book_without_login(guest_form(slots[0].starts_at, "050 555 0101", None))
        .await
        .unwrap();
    assert_eq!(booked.kind, MeetingKind::Video);
    assert_eq!(booked.starts_at, slots[0].starts_at);
    assert!(booked.participants.is_empty(), "no names without login");
    let sms = newest(&h, GUEST_PHONE, "meeting_booked").await;
    assert!(sms.contains(&booked.booking_code), "{sms}");
    assert_eq!(invitation_code(&sms).len(), 20);
    // The booking code and phone open it later, as the guide says.
    let found = meetings
        .look_up_meeting(booked.booking_code.clone(), "0505550101".into())
        .await
        .unwrap();
    assert_eq!(found.booking_code, booked.booking_code);

    // The slot is gone; booking it again is refused.
    assert!(
        !meetings
            .free_slots()
            .await
            .unwrap()
            .iter()
            .any(|s| s.starts_at == slots[0].starts_at)
    );
    let taken = meetings
        .book_without_login(guest_form(slots[0].starts_at, "050 555 0102", None))
        .await
        .unwrap_err();
    assert_eq!(taken.code(), AvainErrorCode::MeetingSlotTaken);

    // With an e-mail address the confirmation is an e-mail, of a branch meeting.
    let branch = meetings
        .book_without_login(GuestBookingForm {
            kind: MeetingKind::Branch,
            ..guest_form(slots[1].starts_at, "050 555 0101", Some("mikko@example.fi"))
        })
        .await
        .unwrap();
    assert_eq!(branch.kind, MeetingKind::Branch);
    let mail = newest(&h, "mikko@example.fi", "meeting_booked").await;
    assert!(mail.contains(&branch.booking_code), "{mail}");

    // A customer's phone number: the same answer, the confirmation filed under the
    // number, nothing in the customer's own messages.
    let anna = Harness::customer(ANNA).unwrap();
    let before = h.outbox(anna.user_id).await.unwrap().messages.len();
    let as_anna = meetings
        .book_without_login(guest_form(slots[2].starts_at, "040 123 4567", None))
        .await
        .unwrap();
    assert!(as_anna.participants.is_empty());
    assert!(
        newest(&h, "+358401234567", "meeting_booked")
            .await
            .contains(&as_anna.booking_code)
    );
    assert_eq!(h.outbox(anna.user_id).await.unwrap().messages.len(), before);

    // Checked on the phone before sending: nothing reaches the bank.
    let trips = h.avain.round_trips();
    let bad = meetings
        .book_without_login(guest_form(
            slots[3].starts_at,
            "050 555 0103",
            Some("mikko@"),
        ))
        .await
        .unwrap_err();
    assert_eq!(bad.code(), AvainErrorCode::EmailInvalid);
    assert!(matches!(bad, AvainError::InvalidInput { .. }));
    assert_eq!(h.avain.round_trips(), trips);

    // Three bookings a day per phone: the fourth is throttled (no SMS cannon).
    let third = meetings
        .book_without_login(guest_form(slots[3].starts_at, "050 555 0101", None))
        .await
        .unwrap();
    let sent = outbox_to(&h, GUEST_PHONE).await.messages.len();
    let fourth = meetings
        .book_without_login(guest_form(slots[4].starts_at, "050 555 0101", None))
        .await
        .unwrap_err();
    assert_eq!(fourth.code(), AvainErrorCode::RateLimited);
    assert_eq!(outbox_to(&h, GUEST_PHONE).await.messages.len(), sent);
    assert_ne!(third.booking_code, booked.booking_code);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn invited_guests_join_through_the_broker_and_the_attacks_fail() {
    let h = Harness::start().await.unwrap();
    let anna = Harness::customer(ANNA).unwrap();
    h.active_profile(anna, PIN).await.unwrap();
    let start = {
        let now = h.bank.clock().now();
        let t = now + Duration::days(2);
        t.replace_time(time::Time::from_hms(9, 0, 0).unwrap())
    };
    let booked = h
        .avain
        .meetings()
        .book_meeting(MeetingKind::Video, start, 60, "Asuntolaina".into(), None)
        .await
        .unwrap();
    let code = booked.booking_code.clone();
    let confirmation = h.outbox(anna.user_id).await.unwrap();
    let confirmation = confirmation
        .messages
        .iter()
        .rev()
        .find(|m| m.kind == "meeting_booked")
        .unwrap();
    assert!(confirmation.text.as_ref().unwrap().expose().contains(&code));
    let invite = |name: &str, phone: &str| InviteeForm {
        name: name.into(),
        phone: phone.into(),
        email: None,
    };
    let with_liisa = h
        .avain
        .meetings()
        .invite(code.clone(), invite("Liisa Laine", "050 666 0001"))
        .await
        .unwrap();
    assert_eq!(with_liisa.participants.len(), 2);
    let full = h
        .avain
        .meetings()
        .invite(code.clone(), invite("Pekka Puro", "050 666 0002"))
        .await
        .unwrap();
    assert_eq!(full.participants.len(), 3);
    let fourth = h
        .avain
        .meetings()
        .invite(
            code.clone(),
            invite("Olli Osuuskuntalainen", "050 666 0003"),
        )
        .await
        .unwrap_err();
    assert_eq!(fourth.code(), AvainErrorCode::MeetingFull);
    assert!(outbox_to(&h, "+358506660003").await.messages.is_empty());
    let liisa_sms = newest(&h, "+358506660001", "meeting_invitation").await;
    assert!(
        liisa_sms.contains(&code) && liisa_sms.contains("Anna"),
        "{liisa_sms}"
    );
    let liisa_code = invitation_code(&liisa_sms);
    let pekka_code = invitation_code(&newest(&h, "+358506660002", "meeting_invitation").await);
    assert_ne!(liisa_code, pekka_code);

    // Liisa is not the bank's customer: a phone without a profile.
    let dir = tempfile::tempdir().unwrap();
    let liisa = h.phone(dir.path(), vec!["fi".into()]).unwrap();
    let guest = liisa.avain.meetings();

    // Too early: the window opens 15 minutes before.
    h.set_bank_clock(start - Duration::minutes(16))
        .await
        .unwrap();
    let early = guest
        .start_guest_join(code.clone(), liisa_code.clone())
        .await
        .unwrap_err();
    assert_eq!(early.code(), AvainErrorCode::MeetingNotOpen);

    h.set_bank_clock(start - Duration::minutes(10))
        .await
        .unwrap();
    // Her code does not open another meeting.
    let other = guest
        .start_guest_join(ANNA_MEETING.into(), liisa_code.clone())
        .await
        .unwrap_err();
    assert_eq!(other.code(), AvainErrorCode::MeetingNotFound);
    // A guessed code opens nothing.
    let guessed = guest
        .start_guest_join(code.clone(), "ABCDEFGHJKLMNPQRSTUV".into())
        .await
        .unwrap_err();
    assert_eq!(guessed.code(), AvainErrorCode::MeetingNotFound);

    let started = guest
        .start_guest_join(code.clone(), liisa_code.clone())
        .await
        .unwrap();
    assert!(started.broker_url.contains(&started.state));
    let assertion = broker_identifies(&h, &started.state, "Liisa Laine").await;

    // A forged assertion (the name changed after signing) is refused.
    let (payload, mac) = assertion.split_once('.').unwrap();
    let forged = format!("{payload}x.{mac}");
    let refused = guest
        .finish_guest_join(code.clone(), liisa_code.clone(), forged)
        .await
        .unwrap_err();
    assert_eq!(refused.code(), AvainErrorCode::InvalidValue);

    // Pekka's code with Liisa's assertion: it names another join.
    let foreign = guest
        .finish_guest_join(code.clone(), pekka_code.clone(), assertion.clone())
        .await
        .unwrap_err();
    assert_eq!(foreign.code(), AvainErrorCode::MeetingNotFound);

    let admitted = guest
        .finish_guest_join(code.clone(), liisa_code.to_lowercase(), assertion.clone())
        .await
        .unwrap();
    assert_eq!(admitted.verified_name, "Liisa Laine");
    assert!(admitted.join_url.starts_with("https://"));
    assert!(
        admitted.meeting.participants.is_empty(),
        "no names to a guest"
    );

    // The assertion works once.
    let replayed = guest
        .finish_guest_join(code.clone(), liisa_code.clone(), assertion)
        .await
        .unwrap_err();
    assert_eq!(
        replayed.code(),
        AvainErrorCode::MeetingGuestIdentificationUsed
    );

    // The expert sees her verified name, identified; Anna's list shows it too.
    let view: Meeting = h.expert_view(&code).await.unwrap();
    let liisa_row = view
        .participants
        .iter()
        .find(|p| p.name == "Liisa Laine")
        .unwrap();
    assert!(liisa_row.identified);
    assert!(
        view.participants
            .iter()
            .any(|p| p.name == "Pekka Puro" && !p.identified)
    );

    // A broker assertion older than 5 minutes is refused.
    let pekka = guest
        .start_guest_join(code.clone(), pekka_code.clone())
        .await
        .unwrap();
    let stale = broker_identifies(&h, &pekka.state, "Pekka Puro").await;
    h.set_bank_clock(start - Duration::minutes(4))
        .await
        .unwrap();
    let old = guest
        .finish_guest_join(code.clone(), pekka_code.clone(), stale)
        .await
        .unwrap_err();
    assert_eq!(old.code(), AvainErrorCode::Expired);

    // After the meeting the invitation code is worthless.
    h.set_bank_clock(start + Duration::minutes(60))
        .await
        .unwrap();
    let late = guest
        .start_guest_join(code.clone(), pekka_code)
        .await
        .unwrap_err();
    assert_eq!(late.code(), AvainErrorCode::MeetingClosed);
}
