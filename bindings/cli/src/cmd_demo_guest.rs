//! The demo's meeting with a guest: Anna books a video meeting in one of the bank's free
//! slots and invites Kaisa, who banks elsewhere. Kaisa's phone has no profile: she joins
//! from the invitation 10 minutes before the start (both clocks moved there), identifies
//! through the identification broker with her own bank's codes, and is let in under the
//! name the broker verified. The clocks go back to real time afterwards.

use avain_core::Language;
use avain_core::api::MeetingKind;
use avain_core::api::Secret;
use avain_core::api::sandbox::{BrokerAssertion, OtherBankIdentification, Outbox};
use avain_core::client::InviteeForm;
use avain_core::i18n::{self, Arg};
use avain_e2e::{Harness, fail};

type StepResult = Result<Vec<String>, String>;

const GUEST_NAME: &str = "Kaisa Korhonen";
const GUEST_PHONE: &str = "050 666 0042";
const GUEST_PHONE_E164: &str = "%2B358506660042";
const GUEST_BANK: &str = "Nordea";

/// The step: runs it, then puts the clocks back and logs Anna in again.
pub async fn meeting_guest(h: &Harness, lang: Language, id: &str, pin: &str) -> StepResult {
    let guest_dir = h.data_dir().with_file_name(format!(
        "{}-guest-phone",
        h.data_dir()
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("app")
    ));
    let result = steps(h, lang, id, pin, &guest_dir).await;
    let restored = h.restore_clocks().await;
    // The guest's phone was only for this step.
    let _ = std::fs::remove_dir_all(&guest_dir);
    let lines = result?;
    restored?;
    h.avain
        .login_with_pin(id.to_owned(), pin.to_owned())
        .await
        .map_err(fail("login"))?;
    Ok(lines)
}

/// The invitation code in the guest's SMS: its one 20-character word.
fn invitation_code(text: &str) -> Option<String> {
    text.split(|c: char| !c.is_ascii_alphanumeric())
        .find(|w| {
            w.len() == 20
                && w.chars()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        })
        .map(str::to_owned)
}

async fn steps(
    h: &Harness,
    lang: Language,
    id: &str,
    pin: &str,
    guest_dir: &std::path::Path,
) -> StepResult {
    h.avain
        .login_with_pin(id.to_owned(), pin.to_owned())
        .await
        .map_err(fail("login"))?;
    let meetings = h.avain.meetings();
    let slots = meetings.free_slots().await.map_err(fail("free_slots"))?;
    let slot = slots.first().ok_or("no free slot")?;
    let booked = meetings
        .book_meeting(
            MeetingKind::Video,
            slot.starts_at,
            slot.duration_minutes,
            "Asuntokauppa".into(),
            None,
        )
        .await
        .map_err(fail("book_meeting"))?;
    let code = booked.booking_code.clone();
    let mut lines = vec![i18n::text_with(
        lang,
        "demo-guest-booked",
        &[("code", Arg::from(code.as_str()))],
    )];
    meetings
        .invite(
            code.clone(),
            InviteeForm {
                name: GUEST_NAME.into(),
                phone: GUEST_PHONE.into(),
                email: None,
            },
        )
        .await
        .map_err(fail("invite"))?;
    let outbox: Outbox = h
        .browser
        .get(
            &format!("/v1/sandbox/outbox?user_id={GUEST_PHONE_E164}"),
            None,
        )
        .await
        .map_err(|e| format!("outbox: {e}"))?;
    let invitation = outbox
        .messages
        .iter()
        .rev()
        .find(|m| m.kind == "meeting_invitation")
        .and_then(|m| m.text.as_ref())
        .ok_or("no invitation in the outbox")?;
    let token = invitation_code(invitation.expose()).ok_or("no invitation code")?;
    lines.push(i18n::text_with(
        lang,
        "demo-guest-invited",
        &[("name", Arg::from(GUEST_NAME))],
    ));

    h.set_clocks(booked.starts_at - time::Duration::minutes(10))
        .await?;
    let guest = h.second_phone(guest_dir)?;
    let started = guest
        .meetings()
        .start_guest_join(code.clone(), token.clone())
        .await
        .map_err(fail("start_guest_join"))?;
    let signed: BrokerAssertion = h
        .browser
        .post(
            "/v1/sandbox/broker/other-bank-identifications",
            None,
            &OtherBankIdentification {
                state: Secret::new(started.state.as_str()),
                name: GUEST_NAME.into(),
                bank: GUEST_BANK.into(),
            },
        )
        .await
        .map_err(|e| format!("broker: {e}"))?;
    let admitted = guest
        .meetings()
        .finish_guest_join(code, token, signed.assertion.expose().to_owned())
        .await
        .map_err(fail("finish_guest_join"))?;
    lines.push(i18n::text_with(
        lang,
        "demo-guest-admitted",
        &[
            ("name", Arg::from(admitted.verified_name.as_str())),
            ("bank", Arg::from(GUEST_BANK)),
        ],
    ));
    Ok(lines)
}
