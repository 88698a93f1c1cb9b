client-error-internal = Ett fel uppstod i appen. Försök igen; om felet upprepas, kontakta banken.
client-error-cancelled = Avbrutet.
client-error-logged-out = Du har loggats ut. Logga in igen.
client-error-locked-wrong-pins = Din användarkod är låst på grund av felaktiga PIN-koder. Du kan själv låsa upp den i appen eller nätbanken med din personbeteckning, användarkod, en sms-kod och en kod från ditt kodkort.
client-error-locked-by-bank = Dina nätbankskoder är spärrade. Kontakta banken.
client-error-locked-by-customer = Du låste den här profilen i nätbanken. Lås upp den med ett nyckeltal på nätbankens sida Kodappen och enheter; du behöver inte registrera på nytt.
client-error-locked-at-bank = Din användarkod är låst på grund av felaktiga koder från kodkortet. Den kan låsas upp endast på banken: kontakta banken.
client-error-untrusted-server = Förbindelsen kunde inte verifieras som bankens. Ingenting skickades. Försök igen senare i ett annat nätverk.
client-error-policy-rolled-back = De krav på telefoner som sparats i appen är äldre än de som redan använts, eller saknas. Anslut till internet och försök igen så att appen kan hämta de gällande kraven från banken.
client-error-network = Ingen förbindelse till banken. Kontrollera förbindelsen och försök igen.
client-error-configuration = Appens inställningar är felaktiga. Uppdatera appen.
client-error-keys-missing = Profilens nycklar finns inte längre i den här enheten. Radera profilen och registrera enheten på nytt.
client-error-profile-unknown = Det finns ingen sådan profil i den här enheten.
client-error-wrong-pin = Fel PIN-kod. { $count ->
    [one] { $count } försök kvar.
   *[other] { $count } försök kvar.
}
client-error-wrong-pin-last = Fel PIN-kod. Ett försök kvar: nästa felaktiga PIN-kod låser din användarkod.
client-error-try-later = För många försök. Vänta en stund och försök igen.
client-error-try-later-minutes = För många försök. Försök igen om { $count ->
    [one] { $count } minut.
   *[other] { $count } minuter.
}
client-error-try-later-seconds = För många försök. Försök igen om { $count ->
    [one] { $count } sekund.
   *[other] { $count } sekunder.
}
client-error-biometrics-off = Biometri används inte i den här profilen. Använd din PIN-kod.
client-error-username-invalid = Skriv din användarkod.
client-error-password-invalid = Skriv ditt lösenord.
client-error-key-card-code-invalid = Koden från kodkortet består endast av siffror.
client-error-sms-code-invalid = Sms-koden består endast av siffror.
client-error-wrong-step = Det här steget är inte tillgängligt nu. Börja om från början.
client-error-pin-mismatch = PIN-koderna du angav är olika. Ange den nya PIN-koden igen, samma båda gångerna.
client-error-profile-name-invalid = Profilens namn ska vara 1–40 tecken långt.
client-error-approval-invalid = Det här kan inte godkännas: en del uppgifter är felaktiga.
client-error-challenge-mismatch = Bankens begäran motsvarade inte det du godkänner. Ingenting godkändes.
client-error-device-unknown = Enheten finns inte i din lista över betrodda enheter.
client-receipt-pin-change = PIN-koden byttes
client-receipt-biometrics = Biometri togs i bruk
client-receipt-registration = Enheten registrerades
client-registration-unlock-online-bank = Din profil är registrerad. Logga in i nätbanken och lås upp den nya profilen under Mobilnyckel; du får ett sms när profilen kan användas.
client-unlock-done = Din användarkod är upplåst. Du kan logga in igen.
client-unlock-done-password-reset = Din användarkod är upplåst. Ditt lösenord är nu kod { $index } på ditt kodkort: byt det vid nästa inloggning i nätbanken.
client-blocking-numbers = Spärrtjänsten betjänar dygnet runt: 020 333 från Finland, +358 20 333 från utlandet. Spärra dina nätbankskoder och kort genast om de kan ha hamnat i fel händer.
