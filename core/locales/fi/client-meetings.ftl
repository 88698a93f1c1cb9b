# Verkkoneuvottelut (core/src/client/meetings.rs).

client-meeting-window-not-yet-open = Voit aloittaa verkkoneuvottelun aikaisintaan 15 minuuttia ennen neuvottelun alkamisaikaa.
client-meeting-window-open = Voit liittyä neuvotteluun nyt.
client-meeting-window-ended = Neuvottelu on päättynyt.
client-meeting-window-cancelled = Neuvottelu on peruttu.
client-meeting-recorded = Neuvottelu tallennetaan.
client-meeting-identify-instruction = Odota liityttyäsi, että { $expert } päästää sinut sisään. Älä sulje tätä näkymää: vahvistat täällä henkilöllisyytesi asiantuntijalta saamallasi tunnisteella.
client-error-booking-code-invalid = Tarkista varaustunnus: siinä on 8 kirjainta ja numeroa, kuten ajanvarauksen vahvistuksessa.
client-error-phone-invalid = Tarkista puhelinnumero, esimerkiksi 040 123 4567 tai +358 40 123 4567.
client-error-meeting-identifier-invalid = Tunnisteessa on vain numeroita. Kirjoita se niin kuin asiantuntija sen antoi.
client-error-meeting-identifier-wrong = Tunniste on väärä. Tarkista se asiantuntijalta. { $count ->
    [one] Yrityksiä jäljellä { $count }.
   *[other] Yrityksiä jäljellä { $count }.
}
client-error-meeting-identifier-void = Tunniste ei ole enää voimassa. Pyydä asiantuntijalta uusi tunniste.
client-error-meeting-not-found = Näillä tiedoilla ei löytynyt ajanvarausta.
client-error-meeting-cannot-change = Ajanvarausta ei voi enää muuttaa. Jos tarvitset apua, ota yhteyttä puhelinpalveluumme.
client-error-meeting-lookup-blocked = Liian monta yritystä tällä varaustunnuksella. Ota yhteyttä puhelinpalveluumme.
client-error-meeting-edit-empty = Valitse, mitä haluat muuttaa.
client-error-meeting-start-invalid = Valitse tuleva alkamisaika tasavartein.
client-error-meeting-duration-invalid = Neuvottelun kesto on 30, 45, 60 tai 90 minuuttia.
client-error-meeting-topic-invalid = Aiheen pituus on 1–120 merkkiä.
client-error-meeting-details-invalid = Lisätiedoissa voi olla enintään 500 merkkiä.
client-error-meeting-kind-invalid = Valitse puhelinneuvottelu, verkkoneuvottelu tai tapaaminen konttorissa.
client-error-meeting-name-invalid = Kirjoita nimi yhdelle riville, enintään 100 merkkiä.
client-error-email-invalid = Tarkista sähköpostiosoite, esimerkiksi nimi@esimerkki.fi.
client-error-meeting-slot-taken = Aika ei ole enää vapaana. Valitse toinen aika.
client-error-invitation-code-invalid = Tarkista kutsukoodi: siinä on 20 kirjainta ja numeroa, kuten kutsussa.
client-error-meeting-guest-identification-used = Tämä tunnistautuminen on jo käytetty. Aloita liittyminen uudelleen.
