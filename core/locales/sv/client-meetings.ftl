# Videomöten (core/src/client/meetings.rs).

client-meeting-window-not-yet-open = Du kan ansluta dig till mötet tidigast 15 minuter innan det börjar.
client-meeting-window-open = Du kan ansluta dig till mötet nu.
client-meeting-window-ended = Mötet har avslutats.
client-meeting-window-cancelled = Mötet har avbokats.
client-meeting-recorded = Mötet spelas in.
client-meeting-identify-instruction = Vänta efter att du anslutit dig tills { $expert } släpper in dig. Stäng inte den här vyn: här bekräftar du din identitet med den kod som experten ger dig.
client-error-booking-code-invalid = Kontrollera bokningskoden: den har 8 bokstäver och siffror, som i bokningsbekräftelsen.
client-error-phone-invalid = Kontrollera telefonnumret, till exempel 040 123 4567 eller +358 40 123 4567.
client-error-meeting-identifier-invalid = Koden består bara av siffror. Skriv den som experten gav den.
client-error-meeting-identifier-wrong = Koden är fel. Kontrollera den med experten. { $count ->
    [one] { $count } försök kvar.
   *[other] { $count } försök kvar.
}
client-error-meeting-identifier-void = Koden gäller inte längre. Be experten om en ny.
client-error-meeting-not-found = Ingen bokning hittades med de här uppgifterna.
client-error-meeting-cannot-change = Bokningen kan inte längre ändras. Om du behöver hjälp, ring vår telefontjänst.
client-error-meeting-lookup-blocked = För många försök med den här bokningskoden. Ring vår telefontjänst.
client-error-meeting-edit-empty = Välj vad du vill ändra.
client-error-meeting-start-invalid = Välj en kommande starttid på jämn kvart.
client-error-meeting-duration-invalid = Ett möte varar 30, 45, 60 eller 90 minuter.
client-error-meeting-topic-invalid = Ämnet ska vara 1–120 tecken långt.
client-error-meeting-details-invalid = Tilläggsuppgifterna får vara högst 500 tecken långa.
client-error-meeting-kind-invalid = Välj telefonmöte, videomöte eller möte på kontoret.
client-error-meeting-name-invalid = Skriv namnet på en rad, högst 100 tecken.
client-error-email-invalid = Kontrollera e-postadressen, till exempel namn@exempel.fi.
client-error-meeting-slot-taken = Tiden är inte längre ledig. Välj en annan tid.
client-error-invitation-code-invalid = Kontrollera inbjudningskoden: den har 20 bokstäver och siffror, som i inbjudan.
client-error-meeting-guest-identification-used = Den här identifieringen har redan använts. Börja ansluta på nytt.
