# Payment formats (core/src/payments): errors and labels, Swedish.
payments-iban-empty = Ange kontonumret.
payments-iban-invalid-character = Kontonumret får bara innehålla bokstäver och siffror.
payments-iban-bad-format = Ett IBAN-kontonummer börjar med en landskod och två kontrollsiffror, till exempel FI21.
payments-iban-unknown-country = Kontonumrets landskod känns inte igen. Kontrollera de två första bokstäverna.
payments-iban-bad-length = Kontonumret har fel antal tecken. Ett finländskt IBAN-kontonummer har 18 tecken.
payments-iban-bad-structure = Kontonumret har inte det här landets form: det har en bokstav där en siffra ska stå eller en siffra där en bokstav ska stå. Kontrollera att det inte har något skrivfel.
payments-iban-bad-checksum = Kontonumret är inte korrekt. Kontrollera att det inte har något skrivfel.

payments-account-empty = Ange kontonumret.
payments-account-invalid-character = Ett gammalt kontonummer får bara innehålla siffror och ett bindestreck.
payments-account-bad-format = Ett gammalt kontonummer skrivs i formen 123456-785: sex siffror, ett bindestreck och 2–8 siffror.

payments-reference-empty = Ange referensen.
payments-reference-invalid-character = Ett referensnummer får bara innehålla siffror, en RF-referens bokstäver och siffror.
payments-reference-missing-rf-prefix = En RF-referens börjar med bokstäverna RF.
payments-reference-too-short = Referensen är för kort. Ett referensnummer har minst fyra siffror.
payments-reference-too-long = Referensen är för lång. Ett referensnummer har högst 20 siffror och en RF-referens högst 25 tecken.
payments-reference-bad-check-digit = Referensen är inte korrekt. Kontrollera att den inte har något skrivfel.

payments-barcode-non-digit = Den virtuella streckkoden får bara innehålla siffror. Kopiera koden från fakturan på nytt.
payments-barcode-bad-length = En virtuell streckkod har 54 siffror. Kontrollera att du kopierade hela koden.
payments-barcode-unsupported-version = Den här versionen av virtuell streckkod kan inte användas. Skriv in betalningsuppgifterna från fakturan för hand.
payments-barcode-invalid-iban = Kontonumret i den virtuella streckkoden är inte korrekt. Kontrollera koden eller skriv in betalningsuppgifterna för hand.
payments-barcode-reserve-not-zero = Den virtuella streckkoden är felaktigt uppbyggd. Skriv in betalningsuppgifterna från fakturan för hand.
payments-barcode-missing-reference = Den virtuella streckkoden saknar referens. Skriv in betalningsuppgifterna från fakturan för hand.
payments-barcode-invalid-reference = Referensen i den virtuella streckkoden är inte korrekt. Kontrollera koden eller skriv in betalningsuppgifterna för hand.
payments-barcode-invalid-due-date = Förfallodagen i den virtuella streckkoden är inte ett giltigt datum. Kontrollera koden eller skriv in betalningsuppgifterna för hand.
payments-barcode-build-not-finnish-iban = En virtuell streckkod kan bara innehålla ett finländskt (FI) kontonummer.
payments-barcode-build-amount-out-of-range = Beloppet i en virtuell streckkod är 0,01–999 999,99 €, eller så utelämnas beloppet.
payments-barcode-build-reference-not-numeric = En virtuell streckkod kan bara innehålla en RF-referens som efter RF och kontrollsiffrorna består av enbart siffror.
payments-barcode-build-due-date-out-of-range = Förfallodagen i en virtuell streckkod måste infalla åren 2000–2099.

payments-money-empty = Ange beloppet.
payments-money-not-a-number = Beloppet är inte ett tal. Skriv till exempel 1 234,50.
payments-money-too-many-decimals = Beloppet kan ha högst två decimaler (cent).
payments-money-negative = Beloppet kan inte vara negativt.
payments-money-too-large = Beloppet är för stort. Det största möjliga beloppet är 999 999 999,99 €.

payments-label-iban = Kontonummer
payments-label-bic = BIC
payments-label-bank = Bank
payments-label-amount = Belopp
payments-label-reference = Referens
payments-label-rf-reference = RF-referens
payments-label-payee = Mottagare
payments-label-message = Meddelande
payments-label-due-date = Förfallodag

payments-amount-none = Ange beloppet själv

payments-due-date-none = Ingen förfallodag

payments-not-sepa = Landet hör inte till SEPA-området: betalningen är en utlandsbetalning.

payments-account-check-warning = Kontonumrets gamla kontrollsiffra stämmer inte. Kontrollera kontonumret på fakturan; betalningen kan ändå göras.

# Fakturornas EPC-QR-kod (core/src/payments/epc_qr.rs).
payments-qr-too-long = QR-koden innehåller mer än en betalnings-QR-kod får. Skriv in betalningsuppgifterna från fakturan för hand.
payments-qr-not-epc = Den här QR-koden är ingen betalnings-QR-kod. Läs av QR-koden som är tryckt på fakturan för betalning.
payments-qr-unsupported-version = Den här versionen av betalnings-QR-kod kan inte användas. Skriv in betalningsuppgifterna från fakturan för hand.
payments-qr-unsupported-charset = QR-koden använder en teckenuppsättning som betalnings-QR-koder inte tillåter. Skriv in betalningsuppgifterna för hand.
payments-qr-unsupported-identification = QR-koden gäller inte en SEPA-girering. Skriv in betalningsuppgifterna för hand.
payments-qr-missing-bic = QR-koden saknar BIC-kod, som den här versionen kräver. Skriv in betalningsuppgifterna för hand.
payments-qr-invalid-bic = BIC-koden i QR-koden är inte korrekt. Skriv in betalningsuppgifterna för hand.
payments-qr-bic-mismatch = BIC-koden i QR-koden hör inte till kontonumrets bank. Kontrollera fakturan.
payments-qr-missing-name = QR-koden saknar mottagarens namn. Skriv in betalningsuppgifterna för hand.
payments-qr-name-too-long = Mottagarens namn i QR-koden är längre än 70 tecken. Skriv in betalningsuppgifterna för hand.
payments-qr-invalid-name = Mottagarens namn i QR-koden har tecken som ett namn inte får ha. Skriv in betalningsuppgifterna för hand.
payments-qr-missing-iban = QR-koden saknar kontonummer. Skriv in betalningsuppgifterna för hand.
payments-qr-invalid-iban = Kontonumret i QR-koden är inte korrekt. Kontrollera fakturan eller skriv in betalningsuppgifterna för hand.
payments-qr-iban-not-sepa = Kontot i QR-koden ligger utanför SEPA-området och kan inte betalas med en girering i euro.
payments-qr-invalid-amount = Beloppet i QR-koden är inte ett eurobelopp. Skriv in betalningsuppgifterna för hand.
payments-qr-amount-out-of-range = Beloppet i QR-koden ligger inte mellan 0,01 och 999 999 999,99 €. Skriv in betalningsuppgifterna för hand.
payments-qr-invalid-purpose = Ändamålskoden i QR-koden är inte korrekt. Skriv in betalningsuppgifterna för hand.
payments-qr-invalid-reference = Referensen i QR-koden är inte korrekt. Kontrollera fakturan eller skriv in betalningsuppgifterna för hand.
payments-qr-reference-and-message = QR-koden har både referens och meddelande, men en betalning kan ha bara det ena. Skriv in betalningsuppgifterna för hand.
payments-qr-message-too-long = Meddelandet i QR-koden är längre än 140 tecken. Skriv in betalningsuppgifterna för hand.
payments-qr-invalid-message = Meddelandet i QR-koden har tecken som ett meddelande inte får ha. Skriv in betalningsuppgifterna för hand.
payments-qr-info-too-long = Informationsraden i QR-koden är längre än 70 tecken. Skriv in betalningsuppgifterna för hand.
payments-qr-invalid-info = Informationsraden i QR-koden har tecken som den inte får ha. Skriv in betalningsuppgifterna för hand.
payments-qr-invalid-due-date = Förfallodagen i QR-koden är inget riktigt datum. Kontrollera fakturan eller skriv in betalningsuppgifterna för hand.
payments-qr-trailing-data = QR-koden har extra data efter betalningsuppgifterna. Skriv in betalningsuppgifterna för hand.
payments-qr-not-json-string = Varje indatarad måste vara en JSON-sträng: QR-kodens text med radbytena skrivna som \n.
