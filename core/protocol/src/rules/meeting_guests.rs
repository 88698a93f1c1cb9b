//! Meetings without a login and their invitations: what a booking by name, phone and
//! e-mail and an invitation may say, and how many customers a meeting holds. The phone
//! checks these before it sends; the bank checks the same on arrival.

use time::OffsetDateTime;

use super::meetings::valid_start;
use super::text::{MEETING_TOPIC_MAX, is_single_line};
use crate::api::{GuestBooking, MeetingInvitation, MeetingKind};

/// Customers in one meeting, besides the expert (the booker and up to two invitees).
pub const MAX_CUSTOMERS: usize = 3;
/// A participant's name: at most this many characters.
pub const PARTICIPANT_NAME_MAX: usize = 100;
/// An e-mail address: at most this many characters (RFC 5321's path limit).
pub const EMAIL_MAX: usize = 254;
/// How long a slot of the bank's calendar is.
pub const SLOT_MINUTES: u32 = 60;

/// What is wrong with a booking without login or an invitation, field by field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GuestProblem {
    /// The kind is one this version does not know.
    Kind,
    /// The start is not a possible slot (past, off the quarter hour, too far ahead).
    Start,
    /// The topic is not one line of 1 to 120 characters.
    Topic,
    /// The name is not one line of 1 to 100 characters.
    Name,
    /// The phone is not a mobile number in E.164 form.
    Phone,
    /// The e-mail address is not one.
    Email,
}

/// A phone number in any common form ("040 123 4567", "+358 40 1234567",
/// "00358401234567") as E.164, or `None`: the one phone rule ([`super::phone::normalize`]).
pub fn normalize_phone(text: &str) -> Option<String> {
    super::phone::normalize(text)
}

/// Whether `phone` is already in the E.164 form [`normalize_phone`] gives.
pub fn is_normalized_phone(phone: &str) -> bool {
    normalize_phone(phone).as_deref() == Some(phone)
}

/// An e-mail address as both sides accept it: one `@`, a non-empty local part, a domain
/// of dot-separated labels (letters, digits, hyphens) with at least one dot, no
/// whitespace or control characters, at most [`EMAIL_MAX`] characters. Deliberately
/// narrower than RFC 5322: quoted local parts are refused.
pub fn valid_email(email: &str) -> bool {
    let Some((local, domain)) = email.split_once('@') else {
        return false;
    };
    let local_ok = !local.is_empty()
        && local.len() <= 64
        && local
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "!#$%&'*+-/=?^_`{|}~.".contains(c))
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..");
    let domain_ok = domain.contains('.')
        && domain.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        });
    email.chars().count() <= EMAIL_MAX && local_ok && domain_ok
}

/// Whether a meeting that has `customers` customers may take one more.
pub fn can_invite(customers: usize) -> bool {
    customers < MAX_CUSTOMERS
}

fn check_person(name: &str, phone: &str, email: Option<&str>) -> Result<(), GuestProblem> {
    if !is_single_line(name, PARTICIPANT_NAME_MAX) {
        return Err(GuestProblem::Name);
    }
    if !is_normalized_phone(phone) {
        return Err(GuestProblem::Phone);
    }
    if email.is_some_and(|e| !valid_email(e)) {
        return Err(GuestProblem::Email);
    }
    Ok(())
}

/// Checks a booking without login at `now`; the first problem, in field order. Whether
/// the start is one of the bank's free slots only the bank knows.
pub fn check_guest_booking(
    booking: &GuestBooking,
    now: OffsetDateTime,
) -> Result<(), GuestProblem> {
    if booking.kind == MeetingKind::Unknown {
        return Err(GuestProblem::Kind);
    }
    if !valid_start(booking.starts_at, now) {
        return Err(GuestProblem::Start);
    }
    if !is_single_line(&booking.topic, MEETING_TOPIC_MAX) {
        return Err(GuestProblem::Topic);
    }
    check_person(
        booking.name.as_str(),
        booking.phone.as_str(),
        booking.email.as_ref().map(|e| e.as_str()),
    )
}

/// Checks an invitation; the first problem, in field order.
pub fn check_invitation(invitation: &MeetingInvitation) -> Result<(), GuestProblem> {
    check_person(
        invitation.name.as_str(),
        invitation.phone.as_str(),
        invitation.email.as_ref().map(|e| e.as_str()),
    )
}

#[cfg(test)]
mod tests {
    use time::macros::datetime;

    use super::*;
    use crate::api::Personal;

    const NOW: OffsetDateTime = datetime!(2026-12-20 10:07:30 UTC);

    fn booking() -> GuestBooking {
        GuestBooking {
            kind: MeetingKind::Video,
            starts_at: datetime!(2026-12-21 09:00 UTC),
            topic: "Asuntolaina".into(),
            name: Personal::from("Mikko Mallikas"),
            phone: Personal::from("+358401234567"),
            email: Some(Personal::from("mikko@example.fi")),
        }
    }

    #[test]
    fn phones_in_the_forms_people_type() {
        assert_eq!(
            normalize_phone("040 123 4567").as_deref(),
            Some("+358401234567")
        );
        assert_eq!(
            normalize_phone("00358-40-1234567").as_deref(),
            Some("+358401234567")
        );
        assert_eq!(normalize_phone("401234567"), None);
        assert_eq!(normalize_phone("+358 40 abc"), None);
        assert!(is_normalized_phone("+358401234567"));
        assert!(!is_normalized_phone("040 123 4567"));
    }

    #[test]
    fn emails_are_plain_addresses() {
        for good in ["mikko@example.fi", "a.b+c@mail.example.com", "x@a-b.fi"] {
            assert!(valid_email(good), "{good}");
        }
        for bad in [
            "",
            "mikko",
            "mikko@",
            "@example.fi",
            "mikko@example",
            "mi kko@example.fi",
            "mikko@@example.fi",
            "mikko@example..fi",
            ".mikko@example.fi",
            "mikko@-example.fi",
            "mikko@example.fi\n",
            "\"m\"@example.fi",
        ] {
            assert!(!valid_email(bad), "{bad:?}");
        }
        assert!(!valid_email(&format!("{}@example.fi", "a".repeat(65))));
    }

    #[test]
    fn three_customers_at_most() {
        assert!(can_invite(1));
        assert!(can_invite(2));
        assert!(!can_invite(3));
        assert!(!can_invite(4));
    }

    #[test]
    fn bookings_are_checked_field_by_field_in_order() {
        assert_eq!(check_guest_booking(&booking(), NOW), Ok(()));
        let with = |f: fn(&mut GuestBooking)| {
            let mut b = booking();
            f(&mut b);
            check_guest_booking(&b, NOW)
        };
        assert_eq!(
            with(|b| b.kind = MeetingKind::Unknown),
            Err(GuestProblem::Kind)
        );
        assert_eq!(
            with(|b| b.starts_at = datetime!(2026-12-20 10:00 UTC)),
            Err(GuestProblem::Start)
        );
        assert_eq!(with(|b| b.topic = " ".into()), Err(GuestProblem::Topic));
        assert_eq!(
            with(|b| b.name = Personal::from("")),
            Err(GuestProblem::Name)
        );
        assert_eq!(
            with(|b| b.name = Personal::from("Mikko\nMallikas")),
            Err(GuestProblem::Name)
        );
        assert_eq!(
            with(|b| b.phone = Personal::from("040 123 4567")),
            Err(GuestProblem::Phone)
        );
        assert_eq!(
            with(|b| b.email = Some(Personal::from("mikko"))),
            Err(GuestProblem::Email)
        );
        assert_eq!(with(|b| b.email = None), Ok(()));
        let invitation = MeetingInvitation {
            name: Personal::from("Liisa Laine"),
            phone: Personal::from("+358501112222"),
            email: None,
        };
        assert_eq!(check_invitation(&invitation), Ok(()));
        assert_eq!(
            check_invitation(&MeetingInvitation {
                phone: Personal::from("abc"),
                ..invitation
            }),
            Err(GuestProblem::Phone)
        );
    }
}
