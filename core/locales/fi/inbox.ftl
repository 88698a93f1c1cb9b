# Suojattu viestilaatikko ja viestihälytykset.

inbox-alert-body = Sinulle on uusi viesti verkkopankissa. Avaa sovellus itse ja lue viesti.
inbox-alert-push-title = Uusi viesti
inbox-alert-email-subject = Uusi viesti verkkopankissa
inbox-alert-email-footer = Pankki ei koskaan pyydä sinua kirjautumaan linkin kautta.

inbox-alert-violation-empty = Hälytys on tyhjä.
inbox-alert-violation-link = Hälytyksessä on linkki tai verkko-osoite. Hälytyksessä ei saa olla linkkejä.
inbox-alert-violation-email-address = Hälytyksessä on sähköpostiosoite.
inbox-alert-violation-amount = Hälytyksessä on rahasumma. Hälytys ei saa kertoa viestin sisältöä.
inbox-alert-violation-iban-like = Hälytyksessä on tilinumeron näköinen merkkijono.
inbox-alert-violation-code-like-number = Hälytyksessä on vähintään nelinumeroinen luku (koodi, viite tai puhelinnumero).
inbox-alert-violation-digits = Hälytyksessä on numeroita, joita vakiotekstissä ei ole.
inbox-alert-violation-too-long = Hälytys on pidempi kuin vakiotekstit kaikilla kielillä yhteensä.
inbox-alert-violation-not-a-template = Hälytyksessä on lause, joka ei kuulu vakiotekstiin (esimerkiksi nimi tai viestin sisältöä).

