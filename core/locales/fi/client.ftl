client-error-internal = Sovelluksessa tapahtui virhe. Yritä uudelleen; jos virhe toistuu, ota yhteyttä pankkiin.
client-error-cancelled = Peruttu.
client-error-logged-out = Sinut on kirjauduttu ulos. Kirjaudu uudelleen.
client-error-locked-wrong-pins = Käyttäjätunnuksesi on lukittu väärien PIN-koodien vuoksi. Voit avata lukituksen itse sovelluksessa tai verkkopankissa henkilötunnuksella, käyttäjätunnuksella, tekstiviestikoodilla ja tunnuslukukortin tunnusluvulla.
client-error-locked-by-bank = Verkkopankkitunnuksesi on suljettu. Ota yhteyttä pankkiin.
client-error-locked-at-bank = Käyttäjätunnuksesi on lukittu väärien tunnuslukujen vuoksi. Lukituksen voi avata vain pankissa: ota yhteyttä pankkiin.
client-error-untrusted-server = Yhteyttä ei voitu varmistaa pankin yhteydeksi. Mitään ei lähetetty. Yritä myöhemmin uudelleen toisessa verkossa.
client-error-policy-rolled-back = Sovellukseen tallennetut puhelimia koskevat vaatimukset ovat vanhemmat kuin jo käytetyt, tai ne puuttuvat. Yhdistä internetiin ja yritä uudelleen, jotta sovellus voi hakea voimassa olevat vaatimukset pankista.
client-error-network = Pankkiin ei saada yhteyttä. Tarkista yhteys ja yritä uudelleen.
client-error-configuration = Sovelluksen asetukset ovat virheelliset. Päivitä sovellus.
client-error-keys-missing = Tämän profiilin avaimia ei enää ole tässä laitteessa. Poista profiili ja rekisteröi laite uudelleen.
client-error-profile-unknown = Tässä laitteessa ei ole tällaista profiilia.
client-error-wrong-pin = Väärä PIN-koodi. { $count ->
    [one] { $count } yritys jäljellä.
   *[other] { $count } yritystä jäljellä.
}
client-error-wrong-pin-last = Väärä PIN-koodi. Yksi yritys jäljellä: seuraava väärä PIN-koodi lukitsee käyttäjätunnuksesi.
client-error-try-later = Liian monta yritystä. Odota hetki ja yritä uudelleen.
client-error-try-later-minutes = Liian monta yritystä. Yritä uudelleen { $count } minuutin kuluttua.
client-error-try-later-seconds = Liian monta yritystä. Yritä uudelleen { $count } sekunnin kuluttua.
client-error-biometrics-off = Biometria ei ole käytössä tässä profiilissa. Käytä PIN-koodia.
client-error-username-invalid = Kirjoita käyttäjätunnuksesi.
client-error-password-invalid = Kirjoita salasanasi.
client-error-key-card-code-invalid = Tunnusluku sisältää vain numeroita.
client-error-sms-code-invalid = Tekstiviestikoodi sisältää vain numeroita.
client-error-wrong-step = Tämä vaihe ei ole nyt käytettävissä. Aloita alusta.
client-error-pin-mismatch = Antamasi PIN-koodit eivät ole samat. Anna uusi PIN-koodi uudelleen, molemmilla kerroilla sama.
client-error-profile-name-invalid = Profiilin nimen pituus on 1–40 merkkiä.
client-error-approval-invalid = Tätä ei voi hyväksyä: osa tiedoista on virheellisiä.
client-error-challenge-mismatch = Pankin pyyntö ei vastannut hyväksyttävää asiaa. Mitään ei hyväksytty.
client-error-device-unknown = Laite ei ole luotettujen laitteidesi listalla.
client-receipt-pin-change = PIN-koodi vaihdettu
client-receipt-biometrics = Biometria otettu käyttöön
client-receipt-registration = Laite rekisteröity
client-registration-unlock-online-bank = Profiilisi on rekisteröity. Kirjaudu verkkopankkiin ja avaa uuden profiilin lukitus Mobiiliavain-kohdasta; saat tekstiviestin, kun profiili on käyttövalmis.
client-unlock-done = Käyttäjätunnuksesi lukitus on avattu. Voit kirjautua uudelleen.
client-unlock-done-password-reset = Käyttäjätunnuksesi lukitus on avattu. Salasanasi on nyt tunnuslukukorttisi tunnusluku { $index }: vaihda se seuraavalla verkkopankkikäynnillä.
client-blocking-numbers = Sulkupalvelu palvelee 24/7: 020 333 Suomesta, +358 20 333 ulkomailta. Sulje verkkopankkitunnuksesi ja korttisi heti, jos ne ovat voineet joutua vääriin käsiin.
