# Payment formats (core/src/payments): errors and labels, Finnish.
payments-iban-empty = Anna tilinumero.
payments-iban-invalid-character = Tilinumerossa saa olla vain kirjaimia ja numeroita.
payments-iban-bad-format = IBAN-tilinumeron alussa on maatunnus ja kaksi tarkistenumeroa, esimerkiksi FI21.
payments-iban-unknown-country = Tilinumeron maatunnusta ei tunnisteta. Tarkista kaksi ensimmäistä kirjainta.
payments-iban-bad-length = Tilinumerossa on väärä määrä merkkejä. Suomalaisessa IBAN-tilinumerossa on 18 merkkiä.
payments-iban-bad-structure = Tilinumero ei ole tämän maan tilinumeron muotoinen: siinä on kirjain numeron paikalla tai numero kirjaimen paikalla. Tarkista, ettei siinä ole kirjoitusvirhettä.
payments-iban-bad-checksum = Tilinumero ei ole oikein. Tarkista, ettei siinä ole kirjoitusvirhettä.

payments-account-empty = Anna tilinumero.
payments-account-invalid-character = Vanhassa tilinumerossa saa olla vain numeroita ja yksi väliviiva.
payments-account-bad-format = Vanha tilinumero kirjoitetaan muodossa 123456-785: kuusi numeroa, väliviiva ja 2–8 numeroa.

payments-reference-empty = Anna viite.
payments-reference-invalid-character = Viitenumerossa saa olla vain numeroita, RF-viitteessä kirjaimia ja numeroita.
payments-reference-missing-rf-prefix = RF-viite alkaa kirjaimilla RF.
payments-reference-too-short = Viite on liian lyhyt. Viitenumerossa on vähintään neljä numeroa.
payments-reference-too-long = Viite on liian pitkä. Viitenumerossa on enintään 20 numeroa ja RF-viitteessä enintään 25 merkkiä.
payments-reference-bad-check-digit = Viite ei ole oikein. Tarkista, ettei siinä ole kirjoitusvirhettä.

payments-barcode-non-digit = Virtuaaliviivakoodissa saa olla vain numeroita. Kopioi koodi laskulta uudelleen.
payments-barcode-bad-length = Virtuaaliviivakoodissa on 54 numeroa. Tarkista, että kopioit koko koodin.
payments-barcode-unsupported-version = Tämän version virtuaaliviivakoodia ei voi käyttää. Syötä maksun tiedot laskulta käsin.
payments-barcode-invalid-iban = Virtuaaliviivakoodin tilinumero ei ole oikein. Tarkista koodi tai syötä maksun tiedot käsin.
payments-barcode-reserve-not-zero = Virtuaaliviivakoodi ei ole oikein muodostettu. Syötä maksun tiedot laskulta käsin.
payments-barcode-missing-reference = Virtuaaliviivakoodissa ei ole viitettä. Syötä maksun tiedot laskulta käsin.
payments-barcode-invalid-reference = Virtuaaliviivakoodin viite ei ole oikein. Tarkista koodi tai syötä maksun tiedot käsin.
payments-barcode-invalid-due-date = Virtuaaliviivakoodin eräpäivä ei ole oikea päivämäärä. Tarkista koodi tai syötä maksun tiedot käsin.
payments-barcode-build-not-finnish-iban = Virtuaaliviivakoodiin voi merkitä vain suomalaisen (FI) tilinumeron.
payments-barcode-build-amount-out-of-range = Virtuaaliviivakoodin summa on 0,01–999 999,99 €, tai summa jätetään pois.
payments-barcode-build-reference-not-numeric = Virtuaaliviivakoodiin voi merkitä vain RF-viitteen, jossa on RF-tunnuksen ja tarkisteen jälkeen pelkkiä numeroita.
payments-barcode-build-due-date-out-of-range = Virtuaaliviivakoodin eräpäivän on oltava vuosina 2000–2099.

payments-money-empty = Anna summa.
payments-money-not-a-number = Summa ei ole luku. Kirjoita esimerkiksi 1 234,50.
payments-money-too-many-decimals = Summassa voi olla enintään kaksi desimaalia (sentit).
payments-money-negative = Summa ei voi olla negatiivinen.
payments-money-too-large = Summa on liian suuri. Suurin mahdollinen summa on 999 999 999,99 €.

payments-label-iban = Tilinumero
payments-label-bic = BIC
payments-label-bank = Pankki
payments-label-amount = Summa
payments-label-reference = Viite
payments-label-rf-reference = RF-viite
payments-label-due-date = Eräpäivä

payments-amount-none = Syötä summa itse

payments-due-date-none = Ei eräpäivää

payments-not-sepa = Maa ei kuulu SEPA-alueeseen: maksu on ulkomaanmaksu.

payments-account-check-warning = Tilinumeron vanha tarkistenumero ei täsmää. Tarkista tilinumero laskulta; maksun voi silti tehdä.
