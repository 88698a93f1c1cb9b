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
payments-label-payee = Saaja
payments-label-message = Viesti
payments-label-due-date = Eräpäivä

payments-amount-none = Syötä summa itse

payments-due-date-none = Ei eräpäivää

payments-not-sepa = Maa ei kuulu SEPA-alueeseen: maksu on ulkomaanmaksu.

payments-account-check-warning = Tilinumeron vanha tarkistenumero ei täsmää. Tarkista tilinumero laskulta; maksun voi silti tehdä.

# Laskujen EPC-QR-koodi (core/src/payments/epc_qr.rs).
payments-qr-too-long = QR-koodissa on enemmän tietoa kuin maksun QR-koodissa voi olla. Syötä maksun tiedot laskulta käsin.
payments-qr-not-epc = Tämä QR-koodi ei ole maksun QR-koodi. Lue laskun maksamista varten painettu QR-koodi.
payments-qr-unsupported-version = Tämän version maksun QR-koodia ei voi käyttää. Syötä maksun tiedot laskulta käsin.
payments-qr-unsupported-charset = QR-koodin merkistöä ei voi käyttää maksun QR-koodissa. Syötä maksun tiedot käsin.
payments-qr-unsupported-identification = QR-koodi ei ole SEPA-tilisiirto. Syötä maksun tiedot käsin.
payments-qr-missing-bic = QR-koodista puuttuu BIC-tunnus, jota tämä versio edellyttää. Syötä maksun tiedot käsin.
payments-qr-invalid-bic = QR-koodin BIC-tunnus ei ole oikein. Syötä maksun tiedot käsin.
payments-qr-bic-mismatch = QR-koodin BIC-tunnus ei ole tilinumeron pankin tunnus. Tarkista lasku.
payments-qr-missing-name = QR-koodissa ei ole saajan nimeä. Syötä maksun tiedot käsin.
payments-qr-name-too-long = QR-koodin saajan nimi on yli 70 merkkiä pitkä. Syötä maksun tiedot käsin.
payments-qr-invalid-name = QR-koodin saajan nimessä on merkkejä, joita nimessä ei voi olla. Syötä maksun tiedot käsin.
payments-qr-missing-iban = QR-koodissa ei ole tilinumeroa. Syötä maksun tiedot käsin.
payments-qr-invalid-iban = QR-koodin tilinumero ei ole oikein. Tarkista lasku tai syötä maksun tiedot käsin.
payments-qr-iban-not-sepa = QR-koodin tili on SEPA-alueen ulkopuolella, eikä sille voi maksaa euromääräistä tilisiirtoa.
payments-qr-invalid-amount = QR-koodin summa ei ole euromäärä. Syötä maksun tiedot käsin.
payments-qr-amount-out-of-range = QR-koodin summa ei ole välillä 0,01–999 999 999,99 €. Syötä maksun tiedot käsin.
payments-qr-invalid-purpose = QR-koodin maksun tarkoitus -koodi ei ole oikein. Syötä maksun tiedot käsin.
payments-qr-invalid-reference = QR-koodin viite ei ole oikein. Tarkista lasku tai syötä maksun tiedot käsin.
payments-qr-reference-and-message = QR-koodissa on sekä viite että viesti, mutta maksussa voi olla vain toinen. Syötä maksun tiedot käsin.
payments-qr-message-too-long = QR-koodin viesti on yli 140 merkkiä pitkä. Syötä maksun tiedot käsin.
payments-qr-invalid-message = QR-koodin viestissä on merkkejä, joita viestissä ei voi olla. Syötä maksun tiedot käsin.
payments-qr-info-too-long = QR-koodin lisätietorivi on yli 70 merkkiä pitkä. Syötä maksun tiedot käsin.
payments-qr-invalid-info = QR-koodin lisätietorivillä on merkkejä, joita siinä ei voi olla. Syötä maksun tiedot käsin.
payments-qr-invalid-due-date = QR-koodin eräpäivä ei ole oikea päivämäärä. Tarkista lasku tai syötä maksun tiedot käsin.
payments-qr-trailing-data = QR-koodissa on ylimääräistä tietoa maksun tietojen jälkeen. Syötä maksun tiedot käsin.
payments-qr-not-json-string = Jokaisen syöterivin on oltava yksi JSON-merkkijono: QR-koodin teksti, rivinvaihdot merkittyinä \n.
