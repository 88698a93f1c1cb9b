# Personal identity code (core/src/hetu.rs).

hetu-error-length = Henkilötunnuksessa on 11 merkkiä, esimerkiksi 131052-308T.
hetu-error-malformed = Henkilötunnus on muotoa PPKKVV, välimerkki, kolme numeroa ja tarkistusmerkki, esimerkiksi 131052-308T.
hetu-error-century-sign = Henkilötunnuksen välimerkki on virheellinen. Sen pitää olla +, -, jokin kirjaimista U–Y tai A–F.
hetu-error-invalid-date = Henkilötunnuksen alussa oleva syntymäaika ei ole oikea päivämäärä.
hetu-error-individual-number = Henkilötunnuksen yksilönumero on virheellinen.
hetu-error-check-character = Henkilötunnuksen tarkistusmerkki ei täsmää. Tarkista, että kirjoitit tunnuksen oikein.
hetu-error-temporary = Tämä on väliaikainen henkilötunnus. Anna pysyvä henkilötunnuksesi.

hetu-valid = Henkilötunnus on oikein. Syntymäaika { $birth_date }.
hetu-temporary-note = Tunnus on väliaikainen.
