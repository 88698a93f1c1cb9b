//! The online bank's texts in Finnish, Swedish and English. Templates ask for them by key
//! (`c.s("key")`); a test checks that every key a template uses is here.

use avain_protocol::Language;

/// (key, Finnish, Swedish, English).
const TEXTS: &[(&str, &str, &str, &str)] = &[
    // Layout.
    (
        "site_name",
        "Avain-verkkopankki",
        "Avain nätbank",
        "Avain online bank",
    ),
    (
        "skip_to_content",
        "Siirry sisältöön",
        "Hoppa till innehållet",
        "Skip to content",
    ),
    ("nav_label", "Päävalikko", "Huvudmeny", "Main menu"),
    ("nav_home", "Etusivu", "Startsida", "Home"),
    (
        "nav_devices",
        "Tunnuslukusovellus ja laitteet",
        "Kodappen och enheter",
        "Code app and devices",
    ),
    ("nav_messages", "Viestit", "Meddelanden", "Messages"),
    (
        "nav_meetings",
        "Verkkoneuvottelut",
        "Nätmöten",
        "Video meetings",
    ),
    (
        "nav_documents",
        "Allekirjoitettavat asiakirjat",
        "Dokument att underteckna",
        "Documents to sign",
    ),
    (
        "nav_blocking",
        "Sulkupalvelu",
        "Spärrtjänsten",
        "Blocking service",
    ),
    ("logout", "Kirjaudu ulos", "Logga ut", "Log out"),
    ("language_label", "Kieli", "Språk", "Language"),
    ("logged_in_as", "Kirjautuneena", "Inloggad", "Logged in"),
    (
        "idle_notice",
        "Istunto päättyy, jos et käytä palvelua 5 minuuttiin.",
        "Sessionen avslutas om du inte använder tjänsten på 5 minuter.",
        "Your session ends after 5 minutes without activity.",
    ),
    (
        "footer_blocking",
        "Sulkupalvelu palvelee ympäri vuorokauden: 020 333, ulkomailta +358 20 333.",
        "Spärrtjänsten betjänar dygnet runt: 020 333, från utlandet +358 20 333.",
        "The blocking service is open 24/7: 020 333, from abroad +358 20 333.",
    ),
    (
        "footer_never_ask",
        "Pankki ei koskaan kysy tunnuksiasi sähköpostilla, tekstiviestillä tai puhelimessa.",
        "Banken frågar aldrig efter dina koder per e-post, sms eller telefon.",
        "The bank never asks for your codes by e-mail, text message or phone.",
    ),
    ("lang_fi", "Suomeksi", "Suomeksi", "Suomeksi"),
    ("lang_sv", "På svenska", "På svenska", "På svenska"),
    ("lang_en", "In English", "In English", "In English"),
    ("cancel", "Peruuta", "Avbryt", "Cancel"),
    ("continue", "Jatka", "Fortsätt", "Continue"),
    ("save", "Tallenna", "Spara", "Save"),
    ("back", "Takaisin", "Tillbaka", "Back"),
    // Login.
    (
        "login_title",
        "Kirjaudu verkkopankkiin",
        "Logga in i nätbanken",
        "Log in to the online bank",
    ),
    (
        "login_method",
        "Tunnistustapa",
        "Identifieringssätt",
        "How to identify",
    ),
    (
        "login_with_key_card",
        "Salasana ja avainlukulista",
        "Lösenord och nyckeltalslista",
        "Password and key-code card",
    ),
    (
        "login_with_app",
        "Tunnuslukusovellus",
        "Kodappen",
        "The code app",
    ),
    ("username", "Käyttäjätunnus", "Användarkod", "User ID"),
    (
        "username_hint",
        "8 numeroa, tunnuskortin yläkulmassa",
        "8 siffror, i övre hörnet av kodkortet",
        "8 digits, at the top of your code card",
    ),
    ("password", "Salasana", "Lösenord", "Password"),
    ("key_card_title", "Avainluku", "Nyckeltal", "Key code"),
    (
        "key_card_prompt",
        "Anna avainlukulistasi avainluku numero",
        "Ange nyckeltal nummer",
        "Enter the code number",
    ),
    (
        "key_card_prompt_end",
        "",
        "från din nyckeltalslista",
        "from your key-code card",
    ),
    ("key_card_code", "Avainluku", "Nyckeltal", "Key code"),
    (
        "key_card_hint",
        "Kolme väärää avainlukua peräkkäin lukitsee tunnuksesi. Lukituksen voi avata vain pankissa.",
        "Tre felaktiga nyckeltal i rad låser din kod. Låset kan bara öppnas på banken.",
        "Three wrong key codes in a row lock your codes. Only the bank can open that lock.",
    ),
    ("login_submit", "Kirjaudu", "Logga in", "Log in"),
    (
        "forgot_locked",
        "Tunnuksesi on lukittu?",
        "Är din kod låst?",
        "Are your codes locked?",
    ),
    (
        "unlock_link",
        "Avaa käyttäjätunnuksen lukitus",
        "Frigör din användarkod",
        "Unlock your user code",
    ),
    (
        "app_login_intro",
        "Anna käyttäjätunnuksesi. Vahvista kirjautuminen puhelimesi tunnuslukusovelluksessa.",
        "Ange din användarkod. Bekräfta inloggningen i kodappen på din telefon.",
        "Enter your user ID. Confirm the login in the code app on your phone.",
    ),
    // Notices.
    (
        "flash_session_expired",
        "Istuntosi on päättynyt. Kirjaudu uudelleen.",
        "Din session har avslutats. Logga in igen.",
        "Your session has ended. Please log in again.",
    ),
    (
        "flash_logged_out",
        "Olet kirjautunut ulos.",
        "Du har loggat ut.",
        "You have logged out.",
    ),
    (
        "flash_password_changed",
        "Salasana on vaihdettu.",
        "Lösenordet har bytts.",
        "Your password has been changed.",
    ),
    (
        "flash_device_unlocked",
        "Profiili on avattu. Lähetimme siitä vahvistuksen tekstiviestillä.",
        "Profilen är upplåst. Vi skickade en bekräftelse per sms.",
        "The profile is unlocked. We sent a confirmation by text message.",
    ),
    (
        "flash_device_removed",
        "Laite on poistettu. Sillä ei voi enää kirjautua eikä vahvistaa.",
        "Enheten har tagits bort. Den kan inte längre användas för inloggning eller godkännanden.",
        "The device has been removed. It can no longer log in or approve anything.",
    ),
    (
        "flash_codes_blocked",
        "Verkkopankkitunnuksesi on suljettu ja istunto päätetty.",
        "Dina nätbankskoder har spärrats och sessionen avslutats.",
        "Your online bank codes are blocked and the session has ended.",
    ),
    (
        "flash_cards_blocked",
        "Korttisi on suljettu.",
        "Dina kort har spärrats.",
        "Your cards are blocked.",
    ),
    // Errors.
    (
        "error_title",
        "Jokin meni vikaan",
        "Något gick fel",
        "Something went wrong",
    ),
    (
        "error_csrf",
        "Lomake oli vanhentunut. Lataa sivu uudelleen ja yritä uudestaan.",
        "Formuläret hade gått ut. Ladda om sidan och försök igen.",
        "The form had expired. Reload the page and try again.",
    ),
    (
        "error_bad_request",
        "Pyyntöä ei voitu käsitellä.",
        "Begäran kunde inte behandlas.",
        "The request could not be handled.",
    ),
    (
        "error_internal",
        "Palvelussa on häiriö. Yritä hetken kuluttua uudelleen.",
        "Det är en störning i tjänsten. Försök igen om en stund.",
        "The service has a problem. Try again in a moment.",
    ),
    (
        "error_not_found",
        "Sivua ei löytynyt.",
        "Sidan hittades inte.",
        "The page was not found.",
    ),
    (
        "back_to_start",
        "Etusivulle",
        "Till startsidan",
        "To the start page",
    ),
    // Home.
    ("home_title", "Tervetuloa", "Välkommen", "Welcome"),
    (
        "home_intro",
        "Mitä haluat tehdä?",
        "Vad vill du göra?",
        "What would you like to do?",
    ),
    (
        "home_devices",
        "Avaa uusi tunnuslukusovelluksen profiili tai poista laite.",
        "Lås upp en ny profil i kodappen eller ta bort en enhet.",
        "Unlock a new code app profile or remove a device.",
    ),
    (
        "home_messages",
        "Lue pankin viestit.",
        "Läs bankens meddelanden.",
        "Read the bank's messages.",
    ),
    (
        "home_meetings",
        "Liity verkkoneuvotteluun ja tunnistaudu.",
        "Delta i ett nätmöte och identifiera dig.",
        "Join a video meeting and identify yourself.",
    ),
    (
        "home_documents",
        "Katso allekirjoitettavat ja valmiit asiakirjat.",
        "Se dokument att underteckna och färdiga dokument.",
        "See documents to sign and completed ones.",
    ),
    (
        "home_blocking",
        "Sulje tunnukset tai kortit heti.",
        "Spärra koder eller kort genast.",
        "Block codes or cards at once.",
    ),
    // Password.
    (
        "password_title",
        "Vaihda salasana",
        "Byt lösenord",
        "Change your password",
    ),
    (
        "password_intro",
        "Valitse uusi salasana ennen kuin jatkat. Jos tunnuksesi avattiin äsken, nykyinen salasanasi on avainlukulistan avainluku 1.",
        "Välj ett nytt lösenord innan du fortsätter. Om din kod just frigjordes är ditt nuvarande lösenord nyckeltal 1 på nyckeltalslistan.",
        "Choose a new password before you go on. If your codes were just unlocked, your current password is code 1 of your key-code card.",
    ),
    (
        "password_current",
        "Nykyinen salasana",
        "Nuvarande lösenord",
        "Current password",
    ),
    (
        "password_new",
        "Uusi salasana",
        "Nytt lösenord",
        "New password",
    ),
    (
        "password_repeat",
        "Uusi salasana uudelleen",
        "Nytt lösenord igen",
        "New password again",
    ),
    (
        "password_rules",
        "6–8 merkkiä, ei välilyöntejä. Isoilla ja pienillä kirjaimilla on eroa.",
        "6–8 tecken, inga mellanslag. Stora och små bokstäver skiljs åt.",
        "6 to 8 characters, no spaces. Upper and lower case differ.",
    ),
    (
        "password_mismatch",
        "Uudet salasanat eivät ole samat.",
        "De nya lösenorden är inte lika.",
        "The new passwords do not match.",
    ),
    // Devices.
    (
        "devices_title",
        "Tunnuslukusovellus ja laitteet",
        "Kodappen och enheter",
        "Code app and devices",
    ),
    (
        "devices_intro",
        "Nämä laitteet voivat kirjautua ja vahvistaa puolestasi. Jos et tunnista laitetta, poista se ja soita sulkupalveluun.",
        "De här enheterna kan logga in och godkänna för dig. Om du inte känner igen en enhet, ta bort den och ring spärrtjänsten.",
        "These devices can log in and approve on your behalf. If you do not recognise one, remove it and call the blocking service.",
    ),
    (
        "devices_none",
        "Sinulla ei ole rekisteröityjä laitteita.",
        "Du har inga registrerade enheter.",
        "You have no registered devices.",
    ),
    ("device_model", "Laite", "Enhet", "Device"),
    ("device_state", "Tila", "Status", "Status"),
    (
        "device_registered",
        "Otettu käyttöön",
        "Registrerad",
        "Registered",
    ),
    (
        "device_last_used",
        "Viimeksi käytetty",
        "Senast använd",
        "Last used",
    ),
    ("never_used", "ei vielä", "inte ännu", "not yet"),
    // What the bank concluded from the key's attestation (docs/attestation.md).
    (
        "device_key_protection",
        "Avaimen suojaus",
        "Nyckelns skydd",
        "Key protection",
    ),
    (
        "unlock_profile",
        "Avaa profiili",
        "Lås upp profilen",
        "Unlock the profile",
    ),
    (
        "remove_device",
        "Poista laite",
        "Ta bort enheten",
        "Remove the device",
    ),
    (
        "pending_notice",
        "Avaa vain profiili, jonka olet itse juuri luonut omaan puhelimeesi.",
        "Lås bara upp en profil som du själv just har skapat i din egen telefon.",
        "Only unlock a profile you have just created yourself on your own phone.",
    ),
    (
        "state_pending_unlock",
        "Odottaa avaamista verkkopankissa",
        "Väntar på upplåsning i nätbanken",
        "Waiting to be unlocked in the online bank",
    ),
    ("state_active", "Käytössä", "I bruk", "In use"),
    (
        "state_locked_wrong_pins",
        "Lukittu väärien PIN-koodien vuoksi",
        "Låst efter felaktiga pinkoder",
        "Locked after wrong PINs",
    ),
    ("state_locked_by_bank", "Suljettu", "Spärrad", "Blocked"),
    (
        "state_locked_key_card",
        "Lukittu väärien avainlukujen vuoksi; avataan pankissa",
        "Låst efter felaktiga nyckeltal; öppnas på banken",
        "Locked after wrong key codes; opened at the bank",
    ),
    ("state_removed", "Poistettu", "Borttagen", "Removed"),
    (
        "remove_title",
        "Poistetaanko laite?",
        "Ta bort enheten?",
        "Remove the device?",
    ),
    (
        "remove_warning",
        "Laitteella ei voi enää kirjautua eikä vahvistaa maksuja. Jos haluat käyttää laitetta myöhemmin, rekisteröi tunnuslukusovellus uudelleen.",
        "Enheten kan inte längre användas för inloggning eller för att godkänna betalningar. Om du vill använda den senare, registrera kodappen på nytt.",
        "The device can no longer log in or approve payments. To use it later, register the code app again.",
    ),
    (
        "remove_confirm",
        "Kyllä, poista laite",
        "Ja, ta bort enheten",
        "Yes, remove the device",
    ),
    // Blocking.
    (
        "blocking_title",
        "Sulkupalvelu",
        "Spärrtjänsten",
        "Blocking service",
    ),
    (
        "blocking_intro",
        "Jos tunnuksesi tai korttisi ovat kadonneet tai joku muu on saanut ne, sulje ne heti.",
        "Om dina koder eller kort har kommit bort eller någon annan har fått dem, spärra dem genast.",
        "If your codes or cards are lost or someone else has them, block them at once.",
    ),
    (
        "blocking_phone_fi",
        "Suomesta",
        "Från Finland",
        "From Finland",
    ),
    (
        "blocking_phone_abroad",
        "Ulkomailta",
        "Från utlandet",
        "From abroad",
    ),
    ("blocking_open", "Avoinna", "Öppet", "Open"),
    (
        "blocking_always",
        "ympäri vuorokauden",
        "dygnet runt",
        "24 hours a day, every day",
    ),
    (
        "block_what",
        "Mitä suljetaan?",
        "Vad ska spärras?",
        "What to block?",
    ),
    (
        "block_codes",
        "Verkkopankkitunnukset ja tunnuslukusovellus",
        "Nätbankskoder och kodappen",
        "Online bank codes and the code app",
    ),
    (
        "block_cards",
        "Kaikki korttini",
        "Alla mina kort",
        "All my cards",
    ),
    ("block_submit", "Sulje nyt", "Spärra nu", "Block now"),
    (
        "block_warning",
        "Suljettuja tunnuksia ei voi avata itse: tarvitset uudet tunnukset pankista.",
        "Spärrade koder kan du inte öppna själv: du behöver nya koder från banken.",
        "You cannot reopen blocked codes yourself: you will need new codes from the bank.",
    ),
    (
        "blocking_login_hint",
        "Kirjautumalla voit sulkea tunnukset ja kortit myös täällä.",
        "Om du loggar in kan du också spärra koder och kort här.",
        "Log in to block codes and cards here too.",
    ),
    // Log in with the code app.
    (
        "app_login_title",
        "Kirjaudu tunnuslukusovelluksella",
        "Logga in med kodappen",
        "Log in with the code app",
    ),
    (
        "app_login_check",
        "Avaa puhelimesi tunnuslukusovellus. Tarkista, että sovellus näyttää saman koodin:",
        "Öppna kodappen i din telefon. Kontrollera att appen visar samma kod:",
        "Open the code app on your phone. Check that it shows the same code:",
    ),
    (
        "app_login_code",
        "Tarkistuskoodi",
        "Kontrollkod",
        "Check code",
    ),
    (
        "app_login_approve",
        "Vahvista kirjautuminen sovelluksessa PIN-koodilla tai biometrisesti. Tämä sivu jatkaa itsestään.",
        "Bekräfta inloggningen i appen med pinkoden eller biometriskt. Den här sidan fortsätter av sig själv.",
        "Approve the login in the app with your PIN or biometrics. This page goes on by itself.",
    ),
    (
        "app_login_warning",
        "Jos koodit eivät ole samat tai et itse aloittanut kirjautumista, hylkää pyyntö sovelluksessa.",
        "Om koderna inte är lika eller om du inte själv började logga in, avvisa begäran i appen.",
        "If the codes differ or you did not start this login, reject the request in the app.",
    ),
    (
        "app_login_same_phone",
        "Käytätkö verkkopankkia samalla puhelimella, jossa tunnuslukusovellus on?",
        "Använder du nätbanken på samma telefon som kodappen finns på?",
        "Using the online bank on the phone that has the code app?",
    ),
    (
        "app_login_open_app",
        "Avaa tunnuslukusovellus tällä laitteella",
        "Öppna kodappen på den här enheten",
        "Open the code app on this device",
    ),
    (
        "app_login_continue_hint",
        "Vahvistitko jo? Jatka tästä, jos sivu ei siirry itse.",
        "Har du redan bekräftat? Fortsätt här om sidan inte går vidare av sig själv.",
        "Already approved? Continue here if the page does not move on by itself.",
    ),
    (
        "app_login_rejected",
        "Kirjautuminen hylättiin sovelluksessa.",
        "Inloggningen avvisades i appen.",
        "The login was rejected in the app.",
    ),
    (
        "app_login_expired",
        "Kirjautuminen vanheni. Aloita uudelleen.",
        "Inloggningen gick ut. Börja om.",
        "The login expired. Please start again.",
    ),
    // Messages.
    ("messages_title", "Viestit", "Meddelanden", "Messages"),
    (
        "messages_intro",
        "Pankin tärkeät viestit ovat vain täällä. Sähköposti- tai tekstiviesti-ilmoitus kertoo vain, että viesti odottaa: se ei koskaan sisällä linkkiä.",
        "Bankens viktiga meddelanden finns bara här. En avisering per e-post eller sms säger bara att ett meddelande väntar: den innehåller aldrig en länk.",
        "The bank's important messages are only here. An e-mail or text alert only says that a message is waiting: it never contains a link.",
    ),
    (
        "messages_none",
        "Ei viestejä.",
        "Inga meddelanden.",
        "No messages.",
    ),
    ("message_important", "Tärkeä", "Viktigt", "Important"),
    ("message_unread", "Uusi", "Nytt", "New"),
    // Meetings.
    (
        "meeting_book_title",
        "Varaa aika",
        "Boka tid",
        "Book a time",
    ),
    (
        "meeting_book_intro",
        "Voit varata ajan puhelin- tai verkkoneuvotteluun tai tapaamisen konttorissa.",
        "Du kan boka ett telefon- eller nätmöte eller ett möte på kontoret.",
        "You can book a phone or video meeting or a meeting at the branch.",
    ),
    ("meeting_kind", "Tapa", "Sätt", "How"),
    (
        "meeting_kind_phone",
        "Puhelinneuvottelu",
        "Telefonmöte",
        "Phone meeting",
    ),
    (
        "meeting_kind_video",
        "Verkkoneuvottelu",
        "Nätmöte",
        "Video meeting",
    ),
    (
        "meeting_kind_branch",
        "Tapaaminen konttorissa",
        "Möte på kontoret",
        "Meeting at the branch",
    ),
    ("meeting_slot", "Aika", "Tid", "Time"),
    ("meeting_book", "Varaa", "Boka", "Book"),
    (
        "meeting_booked",
        "Varaus on vahvistettu, ja saat vahvistuksen tekstiviestinä. Varaustunnus:",
        "Bokningen är bekräftad och du får en bekräftelse per sms. Bokningskod:",
        "The booking is confirmed and you get a confirmation by text message. Booking code:",
    ),
    (
        "meeting_no_slots",
        "Vapaita aikoja ei juuri nyt ole. Soita puhelinpalveluumme.",
        "Det finns inga lediga tider just nu. Ring vår telefontjänst.",
        "There are no free times right now. Please call our telephone service.",
    ),
    (
        "meetings_title",
        "Verkkoneuvottelut",
        "Nätmöten",
        "Video meetings",
    ),
    (
        "meetings_intro",
        "Voit aloittaa verkkoneuvottelun aikaisintaan 15 minuuttia ennen neuvottelun alkamisaikaa.",
        "Du kan starta nätmötet tidigast 15 minuter före mötets starttid.",
        "You can start a video meeting at the earliest 15 minutes before it begins.",
    ),
    (
        "meetings_none",
        "Sinulla ei ole tulevia neuvotteluja.",
        "Du har inga kommande möten.",
        "You have no upcoming meetings.",
    ),
    (
        "meeting_code",
        "Varaustunnus",
        "Bokningskod",
        "Booking code",
    ),
    ("meeting_time", "Ajankohta", "Tidpunkt", "Time"),
    ("meeting_duration", "Kesto", "Längd", "Duration"),
    ("meeting_expert", "Asiantuntija", "Expert", "Expert"),
    ("meeting_topic", "Aihe", "Ämne", "Topic"),
    (
        "meeting_start",
        "Aloita verkkoneuvottelu",
        "Starta nätmötet",
        "Start the video meeting",
    ),
    (
        "meeting_opens",
        "Neuvotteluun voi liittyä",
        "Du kan delta i mötet från",
        "You can join from",
    ),
    (
        "meeting_closed",
        "Neuvottelu on päättynyt tai peruttu.",
        "Mötet har avslutats eller ställts in.",
        "The meeting has ended or was cancelled.",
    ),
    (
        "meeting_title",
        "Verkkoneuvottelu",
        "Nätmöte",
        "Video meeting",
    ),
    (
        "meeting_join_heading",
        "Liity verkkoneuvotteluun",
        "Delta i nätmötet",
        "Join the video meeting",
    ),
    (
        "meeting_join_help",
        "Valitse Liity neuvotteluun. Neuvottelu avautuu uuteen ikkunaan. Odota, että asiantuntija päästää sinut sisään. Neuvottelu tallennetaan.",
        "Välj Delta i mötet. Mötet öppnas i ett nytt fönster. Vänta tills experten släpper in dig. Mötet spelas in.",
        "Choose Join the meeting. It opens in a new window. Wait until the expert lets you in. The meeting is recorded.",
    ),
    (
        "meeting_join",
        "Liity neuvotteluun",
        "Delta i mötet",
        "Join the meeting",
    ),
    (
        "meeting_identify_heading",
        "Tunnistautuminen",
        "Identifiering",
        "Identification",
    ),
    (
        "meeting_identify_help",
        "Kirjoita asiantuntijalta saamasi tunniste kenttään. Valitse Vahvista ja palaa neuvotteluun.",
        "Skriv in identifieraren du fick av experten. Välj Bekräfta och återvänd till mötet.",
        "Type the identifier the expert gave you. Choose Confirm and go back to the meeting.",
    ),
    (
        "meeting_participating",
        "Osallistun verkkoneuvotteluun, jonka toisena osapuolena on asiantuntija",
        "Jag deltar i ett nätmöte där den andra parten är experten",
        "I am taking part in a video meeting with the expert",
    ),
    (
        "meeting_identifier",
        "Verkkoneuvottelun tunniste",
        "Nätmötets identifierare",
        "Meeting identifier",
    ),
    ("meeting_confirm", "Vahvista", "Bekräfta", "Confirm"),
    (
        "meeting_identified",
        "Henkilöllisyytesi on vahvistettu. Voit palata neuvotteluun.",
        "Din identitet är bekräftad. Du kan återvända till mötet.",
        "Your identity is confirmed. You can go back to the meeting.",
    ),
    (
        "meeting_participants",
        "Osallistujat",
        "Deltagare",
        "Participants",
    ),
    (
        "meeting_participant_identified",
        "tunnistettu",
        "identifierad",
        "identified",
    ),
    (
        "meeting_participant_not_identified",
        "ei vielä tunnistettu",
        "inte identifierad ännu",
        "not identified yet",
    ),
    (
        "meeting_recorded",
        "Neuvottelu tallennetaan. Jokainen osallistuja tunnistautuu erikseen omalla tunnisteellaan.",
        "Mötet spelas in. Varje deltagare identifierar sig separat med sin egen identifierare.",
        "The meeting is recorded. Each participant identifies separately with their own identifier.",
    ),
    // Documents.
    (
        "documents_title",
        "Allekirjoitettavat asiakirjat",
        "Dokument att underteckna",
        "Documents to sign",
    ),
    (
        "documents_waiting",
        "Odottavat allekirjoitustasi",
        "Väntar på din underskrift",
        "Waiting for your signature",
    ),
    (
        "documents_pending",
        "Odottavat muiden allekirjoituksia",
        "Väntar på andras underskrifter",
        "Waiting for others to sign",
    ),
    ("documents_completed", "Valmiit", "Färdiga", "Completed"),
    (
        "documents_none",
        "Ei asiakirjoja.",
        "Inga dokument.",
        "No documents.",
    ),
    (
        "documents_sign_in_app",
        "Allekirjoita mobiilisovelluksessa tunnuslukusovelluksella.",
        "Underteckna i mobilappen med kodappen.",
        "Sign in the mobile app with the code app.",
    ),
    (
        "document_signed",
        "allekirjoitettu",
        "undertecknat",
        "signed",
    ),
    (
        "document_not_signed",
        "ei vielä allekirjoittanut",
        "inte undertecknat ännu",
        "not signed yet",
    ),
    (
        "document_completed_on",
        "Kaikki osapuolet allekirjoittivat",
        "Alla parter undertecknade",
        "All parties signed on",
    ),
    (
        "document_download",
        "Lataa asiakirja",
        "Ladda ner dokumentet",
        "Download the document",
    ),
    (
        "document_download_until",
        "Ladattavissa asti",
        "Kan laddas ner till och med",
        "Downloadable until",
    ),
    (
        "download_unavailable",
        "Asiakirja ei ole enää ladattavissa (30 päivää valmistumisesta).",
        "Dokumentet kan inte längre laddas ner (30 dagar efter att det blev färdigt).",
        "The document can no longer be downloaded (30 days after completion).",
    ),
    // Self-service unlock.
    (
        "unlock_title",
        "Avaa käyttäjätunnuksen lukitus",
        "Frigör din användarkod",
        "Unlock your user code",
    ),
    (
        "unlock_intro",
        "Jos tunnuksesi lukittui väärien salasanojen tai PIN-koodien vuoksi, voit avata sen itse. Tarvitset henkilötunnuksesi, käyttäjätunnuksesi, puhelimesi ja avainlukulistasi.",
        "Om din kod låstes efter felaktiga lösenord eller pinkoder kan du frigöra den själv. Du behöver din personbeteckning, din användarkod, din telefon och din nyckeltalslista.",
        "If your codes were locked after wrong passwords or PINs, you can unlock them yourself. You need your personal identity code, your user ID, your phone and your key-code card.",
    ),
    (
        "unlock_hetu",
        "Henkilötunnus",
        "Personbeteckning",
        "Personal identity code",
    ),
    (
        "unlock_hetu_hint",
        "Muodossa ppkkvv-nnnT",
        "I formen ddmmåå-nnnT",
        "As ddmmyy-nnnC",
    ),
    (
        "unlock_key_card_note",
        "Väärien avainlukujen aiheuttaman lukituksen voi avata vain pankissa.",
        "Ett lås som orsakats av felaktiga nyckeltal kan bara öppnas på banken.",
        "A lock caused by wrong key codes can only be opened at the bank.",
    ),
    (
        "unlock_sms_code",
        "Tekstiviestillä saamasi vahvistuskoodi",
        "Bekräftelsekoden du fick per sms",
        "The confirmation code you got by text message",
    ),
    (
        "unlock_sms_sent",
        "Lähetimme koodin numeroon",
        "Vi skickade koden till numret",
        "We sent the code to",
    ),
    ("unlock_submit", "Avaa lukitus", "Frigör koden", "Unlock"),
    (
        "unlock_done_title",
        "Lukitus avattu",
        "Koden frigjord",
        "Unlocked",
    ),
    (
        "unlock_done",
        "Käyttäjätunnuksesi on avattu.",
        "Din användarkod har frigjorts.",
        "Your user code is unlocked.",
    ),
    (
        "unlock_password_reset",
        "Salasanasi on nyt avainlukulistasi avainluku numero",
        "Ditt lösenord är nu nyckeltal nummer",
        "Your password is now code number",
    ),
    (
        "unlock_password_change",
        "Vaihdat sen uuteen seuraavalla kirjautumisella.",
        "Du byter det till ett nytt vid nästa inloggning.",
        "You will change it at your next login.",
    ),
    (
        "unlock_profiles",
        "Avattuja tunnuslukusovelluksen profiileja:",
        "Upplåsta profiler i kodappen:",
        "Code app profiles reopened:",
    ),
    // Additional services (the phone number and the SMS service) and the profile lock.
    (
        "nav_extra_services",
        "Ota käyttöön lisäpalvelut",
        "Ta i bruk tilläggstjänster",
        "Activate additional services",
    ),
    (
        "extra_services_title",
        "Ota käyttöön lisäpalvelut",
        "Ta i bruk tilläggstjänster",
        "Activate additional services",
    ),
    (
        "extra_services_intro",
        "Tallenna matkapuhelinnumerosi ja ota tekstiviestilisäpalvelu käyttöön. Niitä tarvitaan tunnuslukusovelluksen rekisteröintiin ja maksun lisävahvistukseen uudelle saajalle.",
        "Spara ditt mobilnummer och ta i bruk sms-tilläggstjänsten. De behövs för att registrera kodappen och för tilläggsbekräftelsen av betalningar till nya mottagare.",
        "Save your mobile number and switch on the SMS additional service. You need them to register the code app and for the extra confirmation of payments to new payees.",
    ),
    (
        "phone_heading",
        "Matkapuhelinnumero",
        "Mobilnummer",
        "Mobile number",
    ),
    (
        "phone_none",
        "Matkapuhelinnumeroa ei ole tallennettu.",
        "Inget mobilnummer har sparats.",
        "No mobile number is saved.",
    ),
    (
        "phone_saved",
        "Tallennettu numero:",
        "Sparat nummer:",
        "Saved number:",
    ),
    (
        "phone_new",
        "Uusi matkapuhelinnumero",
        "Nytt mobilnummer",
        "New mobile number",
    ),
    (
        "phone_hint",
        "Esimerkiksi 040 123 4567 tai +358 40 123 4567. Lähetämme numeroon vahvistuskoodin.",
        "Till exempel 040 123 4567 eller +358 40 123 4567. Vi skickar en bekräftelsekod till numret.",
        "For example 040 123 4567 or +358 40 123 4567. We send a confirmation code to the number.",
    ),
    (
        "phone_submit",
        "Tallenna numero",
        "Spara numret",
        "Save the number",
    ),
    (
        "phone_confirm_title",
        "Vahvista uusi numero",
        "Bekräfta det nya numret",
        "Confirm the new number",
    ),
    (
        "phone_sms_code",
        "Uuteen numeroon lähetetty vahvistuskoodi",
        "Bekräftelsekoden som skickades till det nya numret",
        "The confirmation code sent to the new number",
    ),
    ("phone_confirm_submit", "Vahvista", "Bekräfta", "Confirm"),
    (
        "sms_service_heading",
        "Tekstiviestilisäpalvelu",
        "Sms-tilläggstjänsten",
        "SMS additional service",
    ),
    (
        "sms_service_intro",
        "Saat tekstiviestillä vahvistuskoodin, kun rekisteröit tunnuslukusovelluksen tai maksat uudelle saajalle. Viestit ovat maksuttomia.",
        "Du får en bekräftelsekod per sms när du registrerar kodappen eller betalar till en ny mottagare. Meddelandena är avgiftsfria.",
        "You get a confirmation code by text message when you register the code app or pay a new payee. The messages are free.",
    ),
    (
        "sms_service_is_on",
        "Palvelu on käytössä.",
        "Tjänsten är i bruk.",
        "The service is on.",
    ),
    (
        "sms_service_is_off",
        "Palvelu ei ole käytössä.",
        "Tjänsten är inte i bruk.",
        "The service is off.",
    ),
    (
        "sms_service_turn_on",
        "Ota käyttöön",
        "Ta i bruk",
        "Switch on",
    ),
    (
        "sms_service_turn_off",
        "Poista käytöstä",
        "Avsluta",
        "Switch off",
    ),
    (
        "sms_off_title",
        "Poista tekstiviestilisäpalvelu käytöstä",
        "Avsluta sms-tilläggstjänsten",
        "Switch the SMS additional service off",
    ),
    (
        "sms_off_warning",
        "Sen jälkeen et saa vahvistuskoodia tekstiviestillä, kun maksat uudelle saajalle, etkä voi rekisteröidä tunnuslukusovellusta uuteen laitteeseen. Vahvista muutos tunnuslukukortilla.",
        "Därefter får du ingen bekräftelsekod per sms när du betalar till en ny mottagare, och du kan inte registrera kodappen på en ny enhet. Bekräfta ändringen med kodkortet.",
        "After this you get no confirmation code by text message when you pay a new payee, and you cannot register the code app on a new device. Confirm the change with your key-code card.",
    ),
    (
        "flash_phone_changed",
        "Matkapuhelinnumero on tallennettu.",
        "Mobilnumret har sparats.",
        "The mobile number is saved.",
    ),
    (
        "flash_sms_service_on",
        "Tekstiviestilisäpalvelu on otettu käyttöön. Voit nyt aloittaa tunnuslukusovelluksen rekisteröinnin uudelleen.",
        "Sms-tilläggstjänsten har tagits i bruk. Du kan nu börja registreringen av kodappen på nytt.",
        "The SMS additional service is on. You can now start registering the code app again.",
    ),
    (
        "flash_sms_service_off",
        "Tekstiviestilisäpalvelu on poistettu käytöstä.",
        "Sms-tilläggstjänsten har avslutats.",
        "The SMS additional service is off.",
    ),
    (
        "state_locked_by_customer",
        "Lukitsit tämän profiilin",
        "Du låste den här profilen",
        "You locked this profile",
    ),
    (
        "lock_profile",
        "Lukitse profiili",
        "Lås profilen",
        "Lock the profile",
    ),
    (
        "lock_profile_hint",
        "Esimerkiksi jos puhelin on kadonnut. Profiili ei hyväksy mitään, ennen kuin avaat sen täällä avainluvulla.",
        "Till exempel om telefonen har kommit bort. Profilen godkänner ingenting förrän du låser upp den här med ett nyckeltal.",
        "For example if the phone is lost. The profile approves nothing until you open it here with a key code.",
    ),
    (
        "locked_by_customer_notice",
        "Löysitkö puhelimen? Avaa profiili avainluvulla; uutta rekisteröintiä ei tarvita.",
        "Hittade du telefonen? Lås upp profilen med ett nyckeltal; du behöver inte registrera på nytt.",
        "Found the phone? Open the profile with a key code; no new registration is needed.",
    ),
    (
        "open_profile",
        "Avaa profiili",
        "Lås upp profilen",
        "Open the profile",
    ),
    (
        "open_title",
        "Avaa lukitsemasi profiili",
        "Lås upp profilen du låste",
        "Open the profile you locked",
    ),
    (
        "back_to_devices",
        "Takaisin laitteisiin",
        "Tillbaka till enheterna",
        "Back to the devices",
    ),
    (
        "flash_device_locked",
        "Profiili on lukittu. Se ei hyväksy mitään, ennen kuin avaat sen.",
        "Profilen är låst. Den godkänner ingenting förrän du låser upp den.",
        "The profile is locked. It approves nothing until you open it.",
    ),
    (
        "flash_device_opened",
        "Profiili on avattu ja toimii taas.",
        "Profilen är upplåst och fungerar igen.",
        "The profile is open and works again.",
    ),
];

/// The text `key` in `lang`; the key itself if it is missing (a test prevents that).
pub fn get(lang: Language, key: &str) -> &'static str {
    match TEXTS.iter().find(|(k, ..)| *k == key) {
        Some((_, fi, sv, en)) => match lang {
            Language::Fi => fi,
            Language::Sv => sv,
            Language::En => en,
        },
        None => "?",
    }
}

/// The static key equal to `key`, if there is one (a notice read from a cookie).
pub fn key(key: &str) -> Option<&'static str> {
    TEXTS
        .iter()
        .find(|(k, ..)| *k == key && k.starts_with("flash_"))
        .map(|(k, ..)| *k)
}

/// The name of a language in itself, for the switch.
pub fn language_name(lang: Language) -> &'static str {
    get(lang, &format!("lang_{}", lang.code()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn keys_are_unique_and_every_text_is_written() {
        let mut seen = BTreeSet::new();
        for (key, fi, sv, en) in TEXTS {
            assert!(seen.insert(*key), "{key} twice");
            // The Finnish sentence puts the code number last, so its tail is empty.
            if *key != "key_card_prompt_end" {
                assert!(!fi.is_empty() && !sv.is_empty() && !en.is_empty(), "{key}");
            }
        }
    }

    #[test]
    fn every_key_the_templates_use_exists() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("templates");
        let mut checked = 0;
        for entry in std::fs::read_dir(dir).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            for chunk in text.split("s(\"").skip(1) {
                let key = chunk.split('"').next().unwrap();
                assert!(TEXTS.iter().any(|(k, ..)| *k == key), "missing text {key}");
                checked += 1;
            }
        }
        assert!(checked > 50, "only {checked} keys found");
    }

    #[test]
    fn notices_from_cookies_are_only_known_notice_keys() {
        assert_eq!(key("flash_logged_out"), Some("flash_logged_out"));
        assert_eq!(key("login_title"), None);
        assert_eq!(key("<script>"), None);
    }
}
