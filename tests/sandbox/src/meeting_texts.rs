//! The booking confirmation and the invitation, by SMS or e-mail, in the language of the
//! request that caused them. Like every SMS of the bank they carry no link: the guest
//! types the booking code and the invitation code into the app or the bank's meeting
//! page. The invitation code is the token that lets its holder, and only into this
//! meeting, identify through the broker.

use avain_protocol::Language;
use avain_protocol::api::MeetingKind;
use time::OffsetDateTime;

use crate::web::format::date_time;

/// What is sent.
#[derive(Debug, Clone, Copy)]
pub enum MeetingNotice<'a> {
    /// A booking was made (with or without login).
    Booked {
        /// The booking code.
        code: &'a str,
        /// Phone, video or branch.
        kind: MeetingKind,
        /// Start.
        at: OffsetDateTime,
        /// The invitation code for joining as a guest (bookings without login).
        token: Option<&'a str>,
    },
    /// A participant was invited.
    Invited {
        /// The booking code.
        code: &'a str,
        /// Phone, video or branch.
        kind: MeetingKind,
        /// Start.
        at: OffsetDateTime,
        /// Who invited.
        inviter: &'a str,
        /// The invitation code.
        token: &'a str,
    },
}

/// The outbox kind of a notice.
pub fn kind(notice: MeetingNotice<'_>) -> &'static str {
    match notice {
        MeetingNotice::Booked { .. } => "meeting_booked",
        MeetingNotice::Invited { .. } => "meeting_invitation",
    }
}

fn kind_word(kind: MeetingKind, lang: Language) -> &'static str {
    use Language::{En, Fi, Sv};
    match (kind, lang) {
        (MeetingKind::Phone, Fi) => "puhelinneuvottelu",
        (MeetingKind::Phone, Sv) => "telefonmöte",
        (MeetingKind::Phone, En) => "phone meeting",
        (MeetingKind::Branch, Fi) => "tapaaminen konttorissa",
        (MeetingKind::Branch, Sv) => "möte på kontoret",
        (MeetingKind::Branch, En) => "meeting at the branch",
        (_, Fi) => "verkkoneuvottelu",
        (_, Sv) => "videomöte",
        (_, En) => "video meeting",
    }
}

/// The text of `notice` in `lang`.
pub fn text(notice: MeetingNotice<'_>, lang: Language) -> String {
    use Language::{En, Fi, Sv};
    match notice {
        MeetingNotice::Booked {
            code,
            kind,
            at,
            token,
        } => {
            let (what, when) = (kind_word(kind, lang), date_time(lang, at));
            let head = match lang {
                Fi => format!(
                    "Avain: ajanvarauksesi on vahvistettu: {what} {when}. Varaustunnus {code}."
                ),
                Sv => format!(
                    "Avain: din tidsbokning är bekräftad: {what} {when}. Bokningskod {code}."
                ),
                En => {
                    format!("Avain: your booking is confirmed: {what} {when}. Booking code {code}.")
                }
            };
            let tail = match (token, lang) {
                (Some(t), Fi) => format!(
                    " Kutsukoodi {t}. Liity sovelluksessa tai pankin sivuilla varaustunnuksella ja kutsukoodilla; tunnistaudut omilla pankkitunnuksillasi. Muokkaa tai peru varaustunnuksella ja puhelinnumerollasi."
                ),
                (Some(t), Sv) => format!(
                    " Inbjudningskod {t}. Anslut i appen eller på bankens sidor med bokningskoden och inbjudningskoden; du identifierar dig med dina egna bankkoder. Ändra eller avboka med bokningskoden och ditt telefonnummer."
                ),
                (Some(t), En) => format!(
                    " Invitation code {t}. Join in the app or on the bank's pages with the booking code and the invitation code; you identify with your own bank's codes. Change or cancel with the booking code and your phone number."
                ),
                (None, Fi) => " Näet varauksen sovelluksessa.".to_owned(),
                (None, Sv) => " Du ser bokningen i appen.".to_owned(),
                (None, En) => " You can see the booking in the app.".to_owned(),
            };
            head + &tail
        }
        MeetingNotice::Invited {
            code,
            kind,
            at,
            inviter,
            token,
        } => {
            let (what, when) = (kind_word(kind, lang), date_time(lang, at));
            match lang {
                Fi => format!(
                    "Avain: {inviter} kutsui sinut pankin asiantuntijan kanssa käytävään tilaisuuteen ({what}) {when}. Varaustunnus {code}, kutsukoodi {token}. Liity sovelluksessa tai pankin sivuilla aikaisintaan 15 minuuttia ennen alkua; tunnistaudut omilla pankkitunnuksillasi. Kutsukoodi käy vain tähän tilaisuuteen."
                ),
                Sv => format!(
                    "Avain: {inviter} har bjudit in dig till ett möte med bankens expert ({what}) {when}. Bokningskod {code}, inbjudningskod {token}. Anslut i appen eller på bankens sidor tidigast 15 minuter före start; du identifierar dig med dina egna bankkoder. Inbjudningskoden gäller bara detta möte."
                ),
                En => format!(
                    "Avain: {inviter} invited you to a meeting with the bank's expert ({what}) {when}. Booking code {code}, invitation code {token}. Join in the app or on the bank's pages at the earliest 15 minutes before the start; you identify with your own bank's codes. The invitation code is for this meeting only."
                ),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use time::macros::datetime;

    use super::*;

    #[test]
    fn texts_name_code_and_time_and_carry_no_link() {
        let at = datetime!(2022-02-07 10:30 UTC);
        let notices = [
            MeetingNotice::Booked {
                code: "2KMEVE6X",
                kind: MeetingKind::Video,
                at,
                token: Some("ABCDEFGHJKLMNPQRSTUV"),
            },
            MeetingNotice::Booked {
                code: "2KMEVE6X",
                kind: MeetingKind::Branch,
                at,
                token: None,
            },
            MeetingNotice::Invited {
                code: "2KMEVE6X",
                kind: MeetingKind::Phone,
                at,
                inviter: "Anna Virtanen",
                token: "ABCDEFGHJKLMNPQRSTUV",
            },
        ];
        for lang in Language::ALL {
            for notice in notices {
                let text = text(notice, lang);
                assert!(text.starts_with("Avain: "), "{text}");
                assert!(text.contains("2KMEVE6X"), "{text}");
                assert!(text.contains("12") && text.contains("30"), "{text}");
                assert!(!text.contains("http") && !text.contains("www"), "{text}");
            }
        }
        assert!(text(notices[0], Language::Fi).contains("ma 7.2.2022 klo 12.30"));
    }
}
