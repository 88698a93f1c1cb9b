//! Video meetings through the core against the sandbox: list, look-up without login,
//! edit and cancel, the join window on the phone's clock and on the bank's, and each of
//! three customers identifying with the identifier the expert gives them.

use avain_core::api::MeetingKind;
use avain_core::client::{AvainError, JoinWindow, MeetingEdit};
use avain_core::error::AvainErrorCode;
use avain_e2e::{ANNA, Harness, MIKKO};
use avain_sandbox::seed::{ANNA_MEETING, SANNA, THREE_CUSTOMER_MEETING};
use time::Duration;

const PIN: &str = "4719";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn list_look_up_edit_and_cancel() {
    let h = Harness::start().await.unwrap();
    let anna = Harness::customer(ANNA).unwrap();
    h.active_profile(anna, PIN).await.unwrap();
    let meetings = h.avain.meetings().list().await.unwrap();
    let loan = meetings
        .iter()
        .find(|m| m.booking_code == ANNA_MEETING)
        .unwrap();
    assert_eq!(loan.topic, "Lainat, Asuntolainaneuvottelu");
    assert_eq!(loan.expert_name, "Matleena Malliharju");
    assert_eq!(loan.join_opens_at, loan.starts_at - Duration::minutes(15));
    assert!(matches!(loan.join_window, JoinWindow::NotYetOpen { .. }));
    assert!(loan.recorded && loan.recording_notice.is_some());
    assert_eq!(loan.participants.len(), 1);
    assert!(
        meetings
            .iter()
            .any(|m| m.booking_code == THREE_CUSTOMER_MEETING)
    );

    // Without logging in: booking code (any case) and the phone number in any form.
    h.avain.logout().await.unwrap();
    let found = h
        .avain
        .meetings()
        .look_up_meeting("2kmeve6x".into(), "040 123 4567".into())
        .await
        .unwrap();
    assert_eq!(found.booking_code, ANNA_MEETING);
    assert!(found.participants.is_empty(), "no names without login");
    let wrong = h
        .avain
        .meetings()
        .look_up_meeting(ANNA_MEETING.into(), "040 765 4321".into())
        .await
        .unwrap_err();
    assert_eq!(wrong.code(), AvainErrorCode::MeetingNotFound);
    let typo = h
        .avain
        .meetings()
        .look_up_meeting("2KMEVE0X".into(), "040 123 4567".into())
        .await
        .unwrap_err();
    assert!(matches!(typo, AvainError::InvalidInput { .. }), "{typo:?}");
    let phone = h
        .avain
        .meetings()
        .look_up_meeting(ANNA_MEETING.into(), "puhelin".into())
        .await
        .unwrap_err();
    assert_eq!(phone.code(), AvainErrorCode::PhoneInvalid);

    // Edit without login, then with a session.
    let later = found.starts_at + Duration::hours(1);
    let moved = h
        .avain
        .meetings()
        .edit_meeting_by_code(
            ANNA_MEETING.into(),
            "+358 40 123 4567".into(),
            MeetingEdit {
                starts_at: Some(later),
                ..MeetingEdit::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(moved.starts_at, later);
    let odd = h
        .avain
        .meetings()
        .edit_meeting_by_code(
            ANNA_MEETING.into(),
            "040 123 4567".into(),
            MeetingEdit {
                duration_minutes: Some(20),
                ..MeetingEdit::default()
            },
        )
        .await
        .unwrap_err();
    assert_eq!(odd.code(), AvainErrorCode::MeetingDurationInvalid);
    let id = h.avain.profiles().await.unwrap()[0].id.clone();
    h.avain.login_with_pin(id, PIN.into()).await.unwrap();
    let edited = h
        .avain
        .meetings()
        .edit_meeting(
            ANNA_MEETING.into(),
            MeetingEdit {
                duration_minutes: Some(90),
                details: Some("Asuntolaina ja laina-aika".into()),
                ..MeetingEdit::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(edited.duration_minutes, 90);
    assert_eq!(edited.ends_at, later + Duration::minutes(90));
    assert_eq!(edited.details.as_deref(), Some("Asuntolaina ja laina-aika"));

    // A new booking: the bank gives the code, which works for look-ups too.
    let start = later + Duration::days(1);
    let booked = h
        .avain
        .meetings()
        .book_meeting(
            MeetingKind::Video,
            start,
            45,
            "Säästäminen".into(),
            Some("Rahastot".into()),
        )
        .await
        .unwrap();
    assert_eq!(booked.starts_at, start);
    assert_eq!(booked.duration_minutes, 45);
    assert_eq!(booked.participants.len(), 1);
    let code = booked.booking_code.clone();
    let looked_up = h
        .avain
        .meetings()
        .look_up_meeting(code.to_lowercase(), "040 123 4567".into())
        .await
        .unwrap();
    assert_eq!(looked_up.topic, "Säästäminen");
    let uneven = h
        .avain
        .meetings()
        .book_meeting(
            MeetingKind::Video,
            start + Duration::minutes(7),
            45,
            "Säästäminen".into(),
            None,
        )
        .await
        .unwrap_err();
    assert_eq!(uneven.code(), AvainErrorCode::MeetingStartInvalid);

    let cancelled = h
        .avain
        .meetings()
        .cancel_meeting(ANNA_MEETING.into())
        .await
        .unwrap();
    assert_eq!(cancelled.status, avain_core::api::MeetingStatus::Cancelled);
    assert_eq!(cancelled.join_window, JoinWindow::Cancelled);
    let twice = h
        .avain
        .meetings()
        .cancel_meeting_by_code(ANNA_MEETING.into(), "0401234567".into())
        .await
        .unwrap_err();
    assert_eq!(twice.code(), AvainErrorCode::MeetingCannotChange);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn joining_only_inside_the_window_on_the_phone_and_at_the_bank() {
    let h = Harness::start().await.unwrap();
    let anna = Harness::customer(ANNA).unwrap();
    let id = h.active_profile(anna, PIN).await.unwrap();
    let meeting = h
        .avain
        .meetings()
        .list()
        .await
        .unwrap()
        .into_iter()
        .find(|m| m.booking_code == ANNA_MEETING)
        .unwrap();

    // 16 minutes before the start on both clocks: the phone refuses without asking.
    h.set_clocks(meeting.starts_at - Duration::minutes(16))
        .await
        .unwrap();
    h.avain
        .login_with_pin(id.clone(), PIN.into())
        .await
        .unwrap();
    let before = h.avain.round_trips();
    let early = h
        .avain
        .meetings()
        .join_meeting(ANNA_MEETING.into())
        .await
        .unwrap_err();
    assert_eq!(early.code(), AvainErrorCode::MeetingNotOpen);
    assert!(matches!(early, AvainError::Refused { .. }));
    assert_eq!(
        h.avain.round_trips() - before,
        1,
        "only the list was fetched"
    );

    // The phone's clock runs ahead (inside the window, the bank's not): the bank refuses.
    h.clock.set(meeting.starts_at - Duration::minutes(14));
    let listed = h.avain.meetings().list().await.unwrap();
    assert_eq!(
        listed
            .iter()
            .find(|m| m.booking_code == ANNA_MEETING)
            .unwrap()
            .join_window,
        JoinWindow::Open
    );
    let at_bank = h
        .avain
        .meetings()
        .join_meeting(ANNA_MEETING.into())
        .await
        .unwrap_err();
    assert_eq!(at_bank.code(), AvainErrorCode::MeetingNotOpen);

    // 15 minutes before on both: open.
    h.set_clocks(meeting.starts_at - Duration::minutes(15))
        .await
        .unwrap();
    let join = h
        .avain
        .meetings()
        .join_meeting(ANNA_MEETING.into())
        .await
        .unwrap();
    assert!(join.join_url.starts_with("https://"));
    assert!(join.recorded && join.identification_required);
    assert_eq!(join.instructions.len(), 2);

    // A wrong identifier says how many tries are left; the right one identifies.
    let identifier = h.expert_identifier(ANNA_MEETING, ANNA).await.unwrap();
    let wrong = if identifier.expose() == "000000" {
        "111111"
    } else {
        "000000"
    };
    let refused = h
        .avain
        .meetings()
        .identify_in_meeting(ANNA_MEETING.into(), wrong.into())
        .await
        .unwrap_err();
    assert!(
        matches!(refused, AvainError::InvalidInput { .. }),
        "{refused:?}"
    );
    assert!(
        refused.user_message().contains('2'),
        "{}",
        refused.user_message()
    );
    let letters = h
        .avain
        .meetings()
        .identify_in_meeting(ANNA_MEETING.into(), "abc".into())
        .await
        .unwrap_err();
    assert_eq!(letters.code(), AvainErrorCode::MeetingIdentifierInvalid);
    let identified = h
        .avain
        .meetings()
        .identify_in_meeting(ANNA_MEETING.into(), identifier.expose().to_owned())
        .await
        .unwrap();
    assert!(identified.participants.iter().all(|p| p.identified));

    // After the end: closed, on the phone.
    h.set_clocks(meeting.ends_at).await.unwrap();
    h.avain.login_with_pin(id, PIN.into()).await.unwrap();
    let late = h
        .avain
        .meetings()
        .join_meeting(ANNA_MEETING.into())
        .await
        .unwrap_err();
    assert_eq!(late.code(), AvainErrorCode::MeetingClosed);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn three_customers_each_identify_with_their_own_identifier() {
    let h = Harness::start().await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let customers = [ANNA, MIKKO, SANNA];
    let mut phones = Vec::new();
    for (n, user) in customers.iter().enumerate() {
        let customer = Harness::customer(user).unwrap();
        let phone = h
            .phone(&dir.path().join(format!("phone{n}")), vec!["fi".into()])
            .unwrap();
        let pin = format!("{}", 4719 + 1111 * n);
        let id = h
            .register_on(&phone.avain, customer, &pin, "Puhelin")
            .await
            .unwrap();
        h.unlock_in_online_bank(customer).await.unwrap();
        phones.push((user, phone, id, pin));
    }
    let start = h
        .expert_view(THREE_CUSTOMER_MEETING)
        .await
        .unwrap()
        .starts_at;
    let now = start - Duration::minutes(5);
    h.set_bank_clock(now).await.unwrap();
    for (user, phone, id, pin) in &phones {
        phone.clock.set(now);
        phone
            .avain
            .login_with_pin(id.clone(), pin.clone())
            .await
            .unwrap();
        let meeting = phone
            .avain
            .meetings()
            .list()
            .await
            .unwrap()
            .into_iter()
            .find(|m| m.booking_code == THREE_CUSTOMER_MEETING)
            .unwrap();
        assert_eq!(meeting.participants.len(), 3);
        assert_eq!(meeting.join_window, JoinWindow::Open);
        phone
            .avain
            .meetings()
            .join_meeting(THREE_CUSTOMER_MEETING.into())
            .await
            .unwrap();
        if **user == ANNA {
            // One customer's identifier cannot identify another.
            let mikkos = h
                .expert_identifier(THREE_CUSTOMER_MEETING, MIKKO)
                .await
                .unwrap();
            let refused = phone
                .avain
                .meetings()
                .identify_in_meeting(THREE_CUSTOMER_MEETING.into(), mikkos.expose().to_owned())
                .await
                .unwrap_err();
            assert_eq!(refused.code(), AvainErrorCode::IdentifierWrong);
        }
        let identifier = h
            .expert_identifier(THREE_CUSTOMER_MEETING, user)
            .await
            .unwrap();
        phone
            .avain
            .meetings()
            .identify_in_meeting(
                THREE_CUSTOMER_MEETING.into(),
                identifier.expose().to_owned(),
            )
            .await
            .unwrap();
    }
    let view = h.expert_view(THREE_CUSTOMER_MEETING).await.unwrap();
    assert_eq!(view.participants.len(), 3);
    assert!(view.participants.iter().all(|p| p.identified), "{view:?}");
    let names: Vec<&str> = view.participants.iter().map(|p| p.name.as_str()).collect();
    assert!(names.contains(&"Sanna Lindholm"), "{names:?}");
}
