//! Meetings without a login (no profile needed, so the app offers them before
//! registration): the bank's free slots, booking a phone, video or branch meeting with
//! name, phone and e-mail; a logged-in participant's invitations (three customers at most,
//! the protocol's rule); and a guest's join: the invitation code opens a broker
//! transaction, the guest identifies there with their own bank's codes, and the broker's
//! assertion lets them in under the verified name.
//!
//! Every form is checked here with the protocol's rules (`rules::meeting_guests`) before
//! anything is sent; the bank checks the same on arrival.

use avain_protocol::rules::meeting_guests::{
    GuestProblem, check_guest_booking, check_invitation, normalize_phone,
};
use time::OffsetDateTime;

use super::meetings::{MeetingInfo, info, meeting_error, normalize_booking_code};
use super::{AvainError, Meetings};
use crate::api::{
    GuestAdmission, GuestAdmit, GuestBooking, GuestJoin, GuestJoinStarted, Meeting,
    MeetingInvitation, MeetingKind, MeetingSlot, MeetingSlots, Personal, Secret,
};
use crate::error::AvainErrorCode;
use crate::i18n::Language;

/// A booking without login as the customer fills it in.
#[derive(Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct GuestBookingForm {
    /// Phone, video or branch.
    pub kind: MeetingKind,
    /// One of the bank's free slots ([`Meetings::free_slots`]).
    pub starts_at: OffsetDateTime,
    /// The topic (1-120 characters).
    pub topic: String,
    /// The booker's name.
    pub name: String,
    /// The booker's mobile number, in any common form.
    pub phone: String,
    /// An e-mail address for the confirmation (else it comes by SMS).
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub email: Option<String>,
}

/// Someone the booker invites.
#[derive(Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct InviteeForm {
    /// Their name.
    pub name: String,
    /// Their mobile number, in any common form.
    pub phone: String,
    /// An e-mail address for the invitation (else it comes by SMS).
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub email: Option<String>,
}

/// A guest's join, started: open `broker_url`, identify with your own bank's codes, and
/// come back with the broker's assertion.
#[derive(Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct GuestJoinStart {
    /// The identification broker's address.
    pub broker_url: String,
    /// The transaction the broker's assertion names (also in `broker_url`).
    pub state: String,
    /// When the transaction expires.
    pub expires_at: OffsetDateTime,
}

/// A guest let into the meeting.
#[derive(Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct GuestAdmitted {
    /// The meeting (no participants' names).
    pub meeting: MeetingInfo,
    /// The name the broker verified.
    pub verified_name: String,
    /// The video call's address.
    pub join_url: String,
}

/// Names, phones and addresses are personal data: kept out of logs.
impl std::fmt::Debug for GuestBookingForm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("GuestBookingForm")
            .field("kind", &self.kind)
            .field("starts_at", &self.starts_at)
            .finish_non_exhaustive()
    }
}

/// Personal data: kept out of logs.
impl std::fmt::Debug for InviteeForm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("InviteeForm").finish_non_exhaustive()
    }
}

/// The state lets its holder finish the identification: kept out of logs.
impl std::fmt::Debug for GuestJoinStart {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("GuestJoinStart")
            .field("expires_at", &self.expires_at)
            .finish_non_exhaustive()
    }
}

/// The name and the call's address: kept out of logs.
impl std::fmt::Debug for GuestAdmitted {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("GuestAdmitted")
            .field("meeting", &self.meeting)
            .finish_non_exhaustive()
    }
}

/// The invitation code as the bank writes it: 20 characters of the booking-code
/// alphabet, typed in any case with spaces or dashes.
pub fn normalize_invitation_code(text: &str) -> Option<String> {
    let code: String = text
        .chars()
        .filter(|c| !matches!(c, ' ' | '-'))
        .map(|c| c.to_ascii_uppercase())
        .collect();
    let alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    (code.chars().count() == 20 && code.chars().all(|c| alphabet.contains(c))).then_some(code)
}

fn problem_code(problem: GuestProblem) -> AvainErrorCode {
    match problem {
        GuestProblem::Kind => AvainErrorCode::MeetingKindInvalid,
        GuestProblem::Start => AvainErrorCode::MeetingStartInvalid,
        GuestProblem::Topic => AvainErrorCode::MeetingTopicInvalid,
        GuestProblem::Name => AvainErrorCode::MeetingNameInvalid,
        GuestProblem::Phone => AvainErrorCode::PhoneInvalid,
        GuestProblem::Email => AvainErrorCode::EmailInvalid,
    }
}

/// Trims what was typed and puts the phone in E.164 form (left as typed when it cannot
/// be one, so the rule names it).
fn person(name: &str, phone: &str, email: Option<&str>) -> (Personal, Personal, Option<Personal>) {
    let phone = normalize_phone(phone).unwrap_or_else(|| phone.to_owned());
    let email = email
        .map(str::trim)
        .filter(|e| !e.is_empty())
        .map(Personal::from);
    (Personal::from(name.trim()), Personal(phone), email)
}

/// The booking as it will be sent, checked.
pub(super) fn guest_booking(
    lang: Language,
    form: &GuestBookingForm,
    now: OffsetDateTime,
) -> Result<GuestBooking, AvainError> {
    let (name, phone, email) = person(&form.name, &form.phone, form.email.as_deref());
    let booking = GuestBooking {
        kind: form.kind,
        starts_at: form.starts_at,
        topic: form.topic.trim().to_owned(),
        name,
        phone,
        email,
    };
    check_guest_booking(&booking, now).map_err(|p| AvainError::input(lang, problem_code(p)))?;
    Ok(booking)
}

/// The invitation as it will be sent, checked.
pub(super) fn invitation(
    lang: Language,
    form: &InviteeForm,
) -> Result<MeetingInvitation, AvainError> {
    let (name, phone, email) = person(&form.name, &form.phone, form.email.as_deref());
    let invitation = MeetingInvitation { name, phone, email };
    check_invitation(&invitation).map_err(|p| AvainError::input(lang, problem_code(p)))?;
    Ok(invitation)
}

/// The bank's answers to a guest, said the way the guest's screen needs them.
fn guest_error(lang: Language, error: AvainError) -> AvainError {
    match error.code() {
        AvainErrorCode::Conflict => {
            AvainError::refused(lang, AvainErrorCode::MeetingGuestIdentificationUsed)
        }
        _ => meeting_error(lang, error),
    }
}

impl Meetings<'_> {
    /// The bank's free slots, soonest first (no login, no profile needed).
    pub async fn free_slots(self) -> Result<Vec<MeetingSlot>, AvainError> {
        self.0
            .run(|inner| async move {
                let lang = inner.lang();
                let slots: MeetingSlots = inner
                    .http
                    .get("v1/meeting-slots", None)
                    .await
                    .map_err(|e| AvainError::from_net(lang, e))?;
                Ok(slots.slots)
            })
            .await
    }

    /// Books a phone, video or branch meeting without logging in (no profile needed):
    /// name, phone, optional e-mail, topic and one of the bank's free slots. The
    /// confirmation with the booking code, the time and an invitation code for joining
    /// comes by e-mail if one is given, else by SMS. A slot taken meanwhile is
    /// `meeting_slot_taken`; the bank limits bookings per phone, e-mail and connection.
    pub async fn book_without_login(
        self,
        form: GuestBookingForm,
    ) -> Result<MeetingInfo, AvainError> {
        self.0
            .run(move |inner| async move {
                let lang = inner.lang();
                let booking = guest_booking(lang, &form, inner.now())?;
                let meeting: Meeting = inner
                    .http
                    .post("v1/meeting-bookings", &booking, None)
                    .await
                    .map_err(|e| match AvainError::from_net(lang, e) {
                        e if e.code() == AvainErrorCode::Conflict => {
                            AvainError::refused(lang, AvainErrorCode::MeetingSlotTaken)
                        }
                        e => e,
                    })?;
                tracing::info!(target: "avain::client", "meeting booked without login");
                Ok(info(lang, meeting, inner.now()))
            })
            .await
    }

    /// Invites someone to a meeting the customer takes part in (needs a session): three
    /// customers at most in all (`meeting_full`). The invitee gets an invitation by
    /// e-mail if given, else by SMS, with the booking code and their own invitation code.
    pub async fn invite(
        self,
        booking_code: String,
        invitee: InviteeForm,
    ) -> Result<MeetingInfo, AvainError> {
        self.0
            .run(move |inner| async move {
                let lang = inner.lang();
                let code = inner.code(&booking_code)?;
                let body = invitation(lang, &invitee)?;
                let meeting = inner
                    .post_in_session(&format!("v1/meetings/{code}/invitations"), &body)
                    .await?;
                tracing::info!(target: "avain::client", "meeting invitation sent");
                Ok(meeting)
            })
            .await
    }

    /// A guest starts joining with the booking code and the invitation code from their
    /// invitation (no login, no profile needed), inside the join window: the answer is
    /// the identification broker to open.
    pub async fn start_guest_join(
        self,
        booking_code: String,
        invitation_code: String,
    ) -> Result<GuestJoinStart, AvainError> {
        self.0
            .run(move |inner| async move {
                let lang = inner.lang();
                let body = guest_join(lang, &booking_code, &invitation_code)?;
                let started: GuestJoinStarted = inner
                    .http
                    .post("v1/meeting-guests/join", &body, None)
                    .await
                    .map_err(|e| guest_error(lang, AvainError::from_net(lang, e)))?;
                Ok(GuestJoinStart {
                    broker_url: started.broker_url,
                    state: started.state.expose().to_owned(),
                    expires_at: started.expires_at,
                })
            })
            .await
    }

    /// The guest is back from the broker with its assertion: the bank checks it (the
    /// broker's, fresh, for this guest's own join, used once) and lets the guest in under
    /// the verified name.
    pub async fn finish_guest_join(
        self,
        booking_code: String,
        invitation_code: String,
        assertion: String,
    ) -> Result<GuestAdmitted, AvainError> {
        let assertion = Secret::new(assertion);
        self.0
            .run(move |inner| async move {
                let lang = inner.lang();
                let join = guest_join(lang, &booking_code, &invitation_code)?;
                let body = GuestAdmit {
                    booking_code: join.booking_code,
                    token: join.token,
                    assertion,
                };
                let admitted: GuestAdmission = inner
                    .http
                    .post("v1/meeting-guests/admit", &body, None)
                    .await
                    .map_err(|e| guest_error(lang, AvainError::from_net(lang, e)))?;
                tracing::info!(target: "avain::client", "guest admitted to meeting");
                Ok(GuestAdmitted {
                    meeting: info(lang, admitted.meeting, inner.now()),
                    verified_name: admitted.verified_name.0,
                    join_url: admitted.join_url,
                })
            })
            .await
    }
}

fn guest_join(
    lang: Language,
    booking_code: &str,
    invitation_code: &str,
) -> Result<GuestJoin, AvainError> {
    let booking_code = normalize_booking_code(booking_code)
        .ok_or_else(|| AvainError::input(lang, AvainErrorCode::BookingCodeInvalid))?;
    let token = normalize_invitation_code(invitation_code)
        .ok_or_else(|| AvainError::input(lang, AvainErrorCode::InvitationCodeInvalid))?;
    Ok(GuestJoin {
        booking_code,
        token: Secret::new(token),
    })
}

#[cfg(test)]
mod tests {
    use time::macros::datetime;

    use super::*;

    const NOW: OffsetDateTime = datetime!(2026-12-20 10:07:30 UTC);

    fn form() -> GuestBookingForm {
        GuestBookingForm {
            kind: MeetingKind::Branch,
            starts_at: datetime!(2026-12-21 09:00 UTC),
            topic: " Asuntolaina ".into(),
            name: " Mikko Mallikas ".into(),
            phone: "040 123 4567".into(),
            email: Some(" ".into()),
        }
    }

    #[test]
    fn a_booking_is_trimmed_normalized_and_checked_before_it_is_sent() {
        let booking = guest_booking(Language::Fi, &form(), NOW).unwrap();
        assert_eq!(booking.phone.as_str(), "+358401234567");
        assert_eq!(booking.name.as_str(), "Mikko Mallikas");
        assert_eq!(booking.topic, "Asuntolaina");
        assert_eq!(booking.email, None, "a blank e-mail is none");
        type Change = fn(&mut GuestBookingForm);
        let cases: [(Change, AvainErrorCode); 5] = [
            (
                |f| f.kind = MeetingKind::Unknown,
                AvainErrorCode::MeetingKindInvalid,
            ),
            (|f| f.name = "\t".into(), AvainErrorCode::MeetingNameInvalid),
            (|f| f.phone = "puhelin".into(), AvainErrorCode::PhoneInvalid),
            (
                |f| f.email = Some("mikko".into()),
                AvainErrorCode::EmailInvalid,
            ),
            (
                |f| f.starts_at = datetime!(2026-12-20 10:00 UTC),
                AvainErrorCode::MeetingStartInvalid,
            ),
        ];
        for (change, code) in cases {
            let mut f = form();
            change(&mut f);
            for lang in Language::ALL {
                let e = guest_booking(lang, &f, NOW).unwrap_err();
                assert_eq!(e.code(), code);
                assert!(!e.user_message().starts_with("client-"), "{e:?}");
            }
        }
    }

    #[test]
    fn invitation_codes_in_the_forms_people_type() {
        assert_eq!(
            normalize_invitation_code("abcd-efgh-jkmn-pqrs-tuvw").as_deref(),
            Some("ABCDEFGHJKMNPQRSTUVW")
        );
        for bad in [
            "",
            "ABCDEFGHJKMNPQRSTUV",
            "ABCDEFGHJKMNPQRSTUV0",
            "ABCDEFGHJKMNPQRSTUVWX",
        ] {
            assert_eq!(normalize_invitation_code(bad), None, "{bad}");
        }
        let e = guest_join(Language::En, "2KMEVE6X", "nope").unwrap_err();
        assert_eq!(e.code(), AvainErrorCode::InvitationCodeInvalid);
    }

    #[test]
    fn debug_output_has_no_personal_data() {
        let debug = format!(
            "{:?} {:?}",
            form(),
            InviteeForm {
                name: "Liisa Laine".into(),
                phone: "0501112222".into(),
                email: Some("liisa@example.fi".into()),
            }
        );
        for secret in ["Mikko", "040", "Liisa", "liisa@", "Asuntolaina"] {
            assert!(!debug.contains(secret), "{debug}");
        }
        let start = GuestJoinStart {
            broker_url: "https://broker.example/?state=s3cr3t".into(),
            state: "s3cr3t".into(),
            expires_at: NOW,
        };
        assert!(!format!("{start:?}").contains("s3cr3t"));
    }
}
