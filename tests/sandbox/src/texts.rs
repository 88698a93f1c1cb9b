//! The texts of the SMS messages the bank sends, in the customer's language. None carries
//! a link. A code comes before any other number in its text: readers of the outbox take
//! the first run of six digits. The inbox alert is not here: it is the core's (`notify::message_alert`).

use avain_core::payments::Money;
use avain_protocol::Language;

/// What the bank tells the customer.
#[derive(Debug, Clone, Copy)]
pub enum Notice<'a> {
    /// The SMS code confirming a registration of the code app.
    RegistrationCode(&'a str),
    /// The new profile waits to be unlocked in the online bank.
    ProfilePending,
    /// The profile was unlocked in the online bank.
    ProfileUnlocked,
    /// The profile was locked after too many wrong PINs.
    ProfileLockedWrongPins,
    /// A device was removed.
    DeviceRemoved,
    /// The security code for a payment to a new payee, with what it approves (PSD2
    /// dynamic linking: the amount and the payee; the IBAN stays out of the SMS).
    PaymentCode {
        /// The code.
        code: &'a str,
        /// The payment's amount.
        amount: Money,
        /// The payee's name.
        payee: &'a str,
    },
    /// The SMS code of a self-service unlock.
    UnlockCode(&'a str),
    /// The user code was unlocked.
    UserCodeUnlocked,
    /// All parties have signed a document.
    DocumentCompleted(&'a str),
    /// Codes or cards were blocked.
    Blocked,
    /// The customer reported an approval as "this was not me".
    ApprovalReported,
    /// The SMS code confirming a new mobile number, sent to that number.
    PhoneChangeCode(&'a str),
    /// The mobile number was changed (sent to the old number).
    PhoneChanged,
    /// The SMS additional service was switched off in the online bank.
    SmsServiceOff,
    /// The customer locked a profile in the online bank.
    ProfileLockedByCustomer,
}

/// The text of `notice` in `lang`.
pub fn text(notice: Notice<'_>, lang: Language) -> String {
    use Language::{En, Fi, Sv};
    use Notice as N;
    match (notice, lang) {
        (N::RegistrationCode(code), Fi) => format!("Avain: tunnuslukusovelluksen rekisteröinnin vahvistuskoodi on {code}. Älä kerro koodia kenellekään."),
        (N::RegistrationCode(code), Sv) => format!("Avain: bekräftelsekoden för registreringen av kodappen är {code}. Ge inte koden till någon."),
        (N::RegistrationCode(code), En) => format!("Avain: the confirmation code for registering the code app is {code}. Do not tell it to anyone."),
        (N::ProfilePending, Fi) => "Avain: uusi tunnuslukusovelluksen profiili on luotu. Avaa se kirjautumalla verkkopankkiin. Jos et itse luonut profiilia, soita sulkupalveluun 020 333.".to_owned(),
        (N::ProfilePending, Sv) => "Avain: en ny profil i kodappen har skapats. Lås upp den genom att logga in i nätbanken. Om du inte själv skapade profilen, ring spärrtjänsten 020 333.".to_owned(),
        (N::ProfilePending, En) => "Avain: a new code app profile was created. Unlock it by logging in to the online bank. If you did not create it, call the blocking service on 020 333.".to_owned(),
        (N::ProfileUnlocked, Fi) => "Avain: tunnuslukusovelluksen profiili on avattu ja valmis käyttöön.".to_owned(),
        (N::ProfileUnlocked, Sv) => "Avain: profilen i kodappen är upplåst och klar att användas.".to_owned(),
        (N::ProfileUnlocked, En) => "Avain: your code app profile is unlocked and ready to use.".to_owned(),
        (N::ProfileLockedWrongPins, Fi) => "Avain: tunnuslukusovellus lukittiin liian monen väärän PIN-koodin vuoksi. Voit avata käyttäjätunnuksesi verkkopankissa.".to_owned(),
        (N::ProfileLockedWrongPins, Sv) => "Avain: kodappen låstes efter för många felaktiga pinkoder. Du kan frigöra din användarkod i nätbanken.".to_owned(),
        (N::ProfileLockedWrongPins, En) => "Avain: the code app was locked after too many wrong PINs. You can unlock your user code in the online bank.".to_owned(),
        (N::DeviceRemoved, Fi) => "Avain: laite poistettiin luotetuista laitteistasi. Jos et tehnyt tätä itse, soita sulkupalveluun 020 333.".to_owned(),
        (N::DeviceRemoved, Sv) => "Avain: en enhet togs bort från dina betrodda enheter. Om du inte gjorde det själv, ring spärrtjänsten 020 333.".to_owned(),
        (N::DeviceRemoved, En) => "Avain: a device was removed from your trusted devices. If this was not you, call the blocking service on 020 333.".to_owned(),
        (N::PaymentCode { code, amount, payee }, Fi) => format!("Avain: turvaluku {code} maksulle {} uudelle saajalle \"{payee}\". Älä kerro sitä kenellekään; pankki ei koskaan kysy sitä puhelimessa.", amount.format(Fi)),
        (N::PaymentCode { code, amount, payee }, Sv) => format!("Avain: säkerhetstalet {code} för betalningen på {} till en ny mottagare, \"{payee}\". Ge det inte till någon; banken frågar aldrig efter det per telefon.", amount.format(Sv)),
        (N::PaymentCode { code, amount, payee }, En) => format!("Avain: security code {code} for the payment of {} to a new payee, \"{payee}\". Do not tell it to anyone; the bank never asks for it by phone.", amount.format(En)),
        (N::UnlockCode(code), Fi) => format!("Avain: käyttäjätunnuksen avaamisen vahvistuskoodi on {code}."),
        (N::UnlockCode(code), Sv) => format!("Avain: bekräftelsekoden för att frigöra användarkoden är {code}."),
        (N::UnlockCode(code), En) => format!("Avain: the confirmation code for unlocking your user code is {code}."),
        (N::UserCodeUnlocked, Fi) => "Avain: käyttäjätunnuksesi on avattu.".to_owned(),
        (N::UserCodeUnlocked, Sv) => "Avain: din användarkod har frigjorts.".to_owned(),
        (N::UserCodeUnlocked, En) => "Avain: your user code has been unlocked.".to_owned(),
        (N::DocumentCompleted(title), Fi) => format!("Avain: kaikki osapuolet ovat allekirjoittaneet asiakirjan \"{title}\". Voit ladata sen palvelusta 30 päivän ajan."),
        (N::DocumentCompleted(title), Sv) => format!("Avain: alla parter har undertecknat dokumentet \"{title}\". Du kan ladda ner det i tjänsten i 30 dagar."),
        (N::DocumentCompleted(title), En) => format!("Avain: all parties have signed \"{title}\". You can download it from the service for 30 days."),
        (N::Blocked, Fi) => "Avain: pyytämäsi sulku on tehty. Sulkupalvelu palvelee ympäri vuorokauden: 020 333, ulkomailta +358 20 333.".to_owned(),
        (N::Blocked, Sv) => "Avain: spärren du begärde har gjorts. Spärrtjänsten betjänar dygnet runt: 020 333, från utlandet +358 20 333.".to_owned(),
        (N::Blocked, En) => "Avain: the block you asked for is in place. The blocking service is open 24/7: 020 333, from abroad +358 20 333.".to_owned(),
        (N::PhoneChangeCode(code), Fi) => format!("Avain: matkapuhelinnumeron vahvistuskoodi on {code}. Kirjoita se verkkopankkiin. Älä kerro koodia kenellekään."),
        (N::PhoneChangeCode(code), Sv) => format!("Avain: bekräftelsekoden för mobilnumret är {code}. Skriv den i nätbanken. Ge inte koden till någon."),
        (N::PhoneChangeCode(code), En) => format!("Avain: the confirmation code for your mobile number is {code}. Type it in the online bank. Do not tell it to anyone."),
        (N::PhoneChanged, Fi) => "Avain: matkapuhelinnumerosi vaihdettiin verkkopankissa. Jos et tehnyt tätä itse, soita sulkupalveluun 020 333.".to_owned(),
        (N::PhoneChanged, Sv) => "Avain: ditt mobilnummer ändrades i nätbanken. Om du inte gjorde det själv, ring spärrtjänsten 020 333.".to_owned(),
        (N::PhoneChanged, En) => "Avain: your mobile number was changed in the online bank. If this was not you, call the blocking service on 020 333.".to_owned(),
        (N::SmsServiceOff, Fi) => "Avain: tekstiviestilisäpalvelu otettiin pois käytöstä verkkopankissa, joten uusille saajille tehtäviä maksuja ei enää vahvisteta tekstiviestillä. Jos et tehnyt tätä itse, soita sulkupalveluun 020 333.".to_owned(),
        (N::SmsServiceOff, Sv) => "Avain: sms-tilläggstjänsten stängdes av i nätbanken, så betalningar till nya mottagare bekräftas inte längre med sms. Om du inte gjorde det själv, ring spärrtjänsten 020 333.".to_owned(),
        (N::SmsServiceOff, En) => "Avain: the SMS additional service was switched off in the online bank, so payments to new payees are no longer confirmed by SMS. If this was not you, call the blocking service on 020 333.".to_owned(),
        (N::ProfileLockedByCustomer, Fi) => "Avain: lukitsit tunnuslukusovelluksen profiilin verkkopankissa. Voit avata sen verkkopankissa avainluvulla. Jos et tehnyt tätä itse, soita sulkupalveluun 020 333.".to_owned(),
        (N::ProfileLockedByCustomer, Sv) => "Avain: du låste en profil i kodappen i nätbanken. Du kan låsa upp den i nätbanken med ett nyckeltal. Om du inte gjorde det själv, ring spärrtjänsten 020 333.".to_owned(),
        (N::ProfileLockedByCustomer, En) => "Avain: you locked a code app profile in the online bank. You can unlock it there with a key code. If this was not you, call the blocking service on 020 333.".to_owned(),
        (N::ApprovalReported, Fi) => "Avain: olemme vastaanottaneet ilmoituksesi tunnistamattomasta hyväksynnästä ja otamme sinuun yhteyttä. Jos tunnuksesi ovat voineet joutua vääriin käsiin, sulje ne heti: 020 333, ulkomailta +358 20 333.".to_owned(),
        (N::ApprovalReported, Sv) => "Avain: vi har tagit emot din anmälan om ett godkännande du inte känner igen och kontaktar dig. Om dina koder kan ha hamnat i fel händer, spärra dem genast: 020 333, från utlandet +358 20 333.".to_owned(),
        (N::ApprovalReported, En) => "Avain: we have received your report of an approval you do not recognise and will contact you. If your codes may be in the wrong hands, block them now: 020 333, from abroad +358 20 333.".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_text_carries_a_link() {
        let notices = [
            Notice::RegistrationCode("123456"),
            Notice::ProfilePending,
            Notice::ProfileUnlocked,
            Notice::ProfileLockedWrongPins,
            Notice::DeviceRemoved,
            Notice::PaymentCode {
                code: "123456",
                amount: Money::from_cents(1_250),
                payee: "Helsingin Energia Oy",
            },
            Notice::UnlockCode("123456"),
            Notice::UserCodeUnlocked,
            Notice::DocumentCompleted("Asuntolaina"),
            Notice::Blocked,
            Notice::PhoneChangeCode("123456"),
            Notice::PhoneChanged,
            Notice::SmsServiceOff,
            Notice::ProfileLockedByCustomer,
        ];
        for lang in Language::ALL {
            for notice in notices {
                let text = text(notice, lang);
                assert!(text.starts_with("Avain: "), "{text}");
                assert!(
                    !text.contains("http") && !text.contains("www") && !text.contains('@'),
                    "{text}"
                );
            }
        }
    }
}
