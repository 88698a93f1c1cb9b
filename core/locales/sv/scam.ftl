# Bluffkontroll: nivåer, fynd och råd.

scam-level-ok = Inga tecken på bluff
scam-level-suspicious = Misstänkt
scam-level-dangerous = Farligt

scam-advice-ok = Meddelandet har inga kännetecken på bluff.
scam-advice-suspicious = Meddelandet har kännetecken på ett bluffmeddelande. Öppna inte länkarna och svara inte, utan kontrollera saken i appen.
scam-advice-dangerous = Meddelandet är sannolikt en bluff. Öppna inte länkarna, svara inte på meddelandet och ring inte numren i det.
scam-advice-rule = Banken ber dig aldrig logga in eller uppge dina koder eller säkerhetstal via en länk. Öppna appen eller skriv själv bankens adress i webbläsaren.
scam-advice-blocking = Om du redan har uppgett dina koder eller kortuppgifter, ring genast spärrtjänsten på { $number } (från utlandet { $abroad }). Den betjänar dygnet runt.

scam-finding-sender-domain-not-bank = Meddelandet har skickats från { $subject }, som inte är bankens adress.
scam-finding-sender-name-claims-bank = Avsändaren utger sig för att vara banken, men meddelandet kom från { $subject }, som inte hör till banken.
scam-finding-sender-lookalike = Avsändaren { $subject } efterliknar bankens avsändare { $imitates } men är inte den.
scam-finding-sender-lookalike-plain = Avsändaren { $subject } efterliknar bankens namn men är inte banken.
scam-finding-sms-sender-not-bank = Sms:et kom från { $subject }. Bankens sms kommer bara med bankens eget avsändarnamn.
scam-finding-text-claims-bank = Meddelandet talar i bankens namn, men det kom inte från bankens adress eller bankens avsändarnamn.
scam-finding-link-not-bank = Länken leder till { $subject }, som inte är bankens webbplats.
scam-finding-link-lookalike = Adressen { $subject } liknar bankens adress { $imitates } men tillhör någon annan.
scam-finding-link-homoglyph = Adressen { $subject } är skriven med bokstäver från andra alfabet för att se exakt ut som bankens adress { $imitates }.
scam-finding-link-punycode = Adressen { $subject } innehåller bokstäver från andra alfabet (xn--). Med dem kan en adress fås att se bekant ut.
scam-finding-link-raw-ip = Länken leder till en ren IP-adress { $subject } och inte till en namngiven webbplats. Banken skickar aldrig sådana länkar.
scam-finding-link-shortener = Länken är förkortad med { $subject }, som döljer vart länken egentligen leder.
scam-finding-link-plain-http = Länken till { $subject } använder en okrypterad http-förbindelse.
scam-finding-link-userinfo = I början av länken står { $imitates }, men webbläsaren öppnar egentligen { $subject }, som står efter @-tecknet.
scam-finding-link-obfuscated = Adressen { $subject } är skriven i förklädd form (till exempel hxxp eller [.]) för att ta sig förbi filter.
scam-finding-login-via-link = Meddelandet ber dig logga in, identifiera dig eller bekräfta uppgifter via en länk. Det gör banken aldrig.
scam-finding-credential-request = Meddelandet ber om dina koder, säkerhetstal, pinkod, lösenord eller kortuppgifter. Lämna aldrig ut dem till någon.
scam-finding-install-request = Meddelandet ber dig installera eller uppdatera en app via en länk eller installera ett program för fjärråtkomst. Installera appar bara från App Store eller Google Play.
scam-finding-urgency = Meddelandet skyndar på dig att agera genast (tidsfrister, sista påminnelser).
scam-finding-threat = Meddelandet hotar med att kontot, kortet eller koderna stängs eller spärras, eller varnar för misstänkt aktivitet.
scam-finding-too-good-offer = Meddelandet lovar en vinst, en återbetalning eller en gåva. Om erbjudandet låter för bra för att vara sant är det oftast en bluff.
scam-finding-call-unknown-number = Meddelandet ber dig ringa { $subject }, som inte är bankens nummer.
scam-finding-mixed-script = Orden i meddelandet blandar bokstäver från olika alfabet. Så ser ett bluffmeddelande vanligt ut men slinker förbi filter.

scam-error-message-too-long = Meddelandet är för långt för att kontrolleras (högst { $max } tecken).
scam-error-sender-too-long = Avsändaren är för lång för att kontrolleras (högst { $max } tecken).
scam-error-no-bank-domains = Inga webbadresser för banken har angetts.
scam-error-invalid-bank-domain = ”{ $domain }” är inte ett domännamn.
scam-error-invalid-sms-sender-id = Avsändarnamnet för sms är tomt eller för långt.
scam-error-invalid-input-line = Raden är inte ett JSON-objekt med textfältet "text" (och valfritt "sender").
