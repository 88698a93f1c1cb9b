# Huijaustarkistus: tasot, löydökset ja neuvot.

scam-level-ok = Ei huijauksen merkkejä
scam-level-suspicious = Epäilyttävä
scam-level-dangerous = Vaarallinen

scam-advice-ok = Viestistä ei löytynyt huijauksen tuntomerkkejä.
scam-advice-suspicious = Viestissä on huijausviestin tuntomerkkejä. Älä avaa sen linkkejä äläkä vastaa siihen, vaan tarkista asia sovelluksesta.
scam-advice-dangerous = Viesti on todennäköisesti huijaus. Älä avaa linkkejä, älä vastaa viestiin äläkä soita sen numeroihin.
scam-advice-rule = Pankki ei koskaan pyydä sinua kirjautumaan tai antamaan tunnuksiasi tai tunnuslukuja linkin kautta. Avaa sovellus tai kirjoita pankin osoite itse selaimeen.
scam-advice-blocking = Jos olet jo antanut tunnuksiasi tai korttitietojasi, soita heti sulkupalveluun numeroon { $number } (ulkomailta { $abroad }). Palvelu päivystää ympäri vuorokauden.

scam-finding-sender-domain-not-bank = Viesti on lähetetty osoitteesta { $subject }, joka ei ole pankin osoite.
scam-finding-sender-name-claims-bank = Lähettäjä esiintyy pankkina, mutta viesti tuli osoitteesta { $subject }, joka ei kuulu pankille.
scam-finding-sender-lookalike = Lähettäjä { $subject } jäljittelee pankin lähettäjää { $imitates }, mutta ei ole se.
scam-finding-sender-lookalike-plain = Lähettäjä { $subject } jäljittelee pankin nimeä, mutta ei ole pankki.
scam-finding-sms-sender-not-bank = Tekstiviesti tuli lähettäjältä { $subject }. Pankin tekstiviestit tulevat vain pankin omalla lähettäjätunnuksella.
scam-finding-text-claims-bank = Viesti puhuu pankin nimissä, mutta se ei tullut pankin osoitteesta eikä pankin lähettäjätunnukselta.
scam-finding-link-not-bank = Linkki vie sivustolle { $subject }, joka ei ole pankin sivusto.
scam-finding-link-lookalike = Osoite { $subject } muistuttaa pankin osoitetta { $imitates }, mutta kuuluu jollekulle muulle.
scam-finding-link-homoglyph = Osoite { $subject } on kirjoitettu toisten aakkosten kirjaimilla näyttämään täsmälleen pankin osoitteelta { $imitates }.
scam-finding-link-punycode = Osoitteessa { $subject } on muiden aakkosten kirjaimia (xn--). Niillä osoite saadaan näyttämään tutulta.
scam-finding-link-raw-ip = Linkki vie pelkkään IP-osoitteeseen { $subject } eikä nimettyyn sivustoon. Pankki ei koskaan lähetä tällaisia linkkejä.
scam-finding-link-shortener = Linkki on lyhennetty palvelulla { $subject }, joka piilottaa, minne linkki oikeasti vie.
scam-finding-link-plain-http = Linkki sivustolle { $subject } käyttää suojaamatonta http-yhteyttä.
scam-finding-link-userinfo = Linkin alussa lukee { $imitates }, mutta @-merkin jälkeen oleva { $subject } on sivusto, jonne selain oikeasti menee.
scam-finding-link-obfuscated = Osoite { $subject } on kirjoitettu naamioituun muotoon (esimerkiksi hxxp tai [.]), jotta se pääsisi suodattimista läpi.
scam-finding-login-via-link = Viesti pyytää kirjautumaan, tunnistautumaan tai vahvistamaan tietoja linkin kautta. Pankki ei koskaan pyydä sitä.
scam-finding-credential-request = Viesti pyytää tunnuksia, tunnuslukuja, PIN-koodia, salasanaa tai korttitietoja. Älä anna niitä kenellekään.
scam-finding-install-request = Viesti pyytää asentamaan tai päivittämään sovelluksen linkistä tai asentamaan etäkäyttöohjelman. Asenna sovelluksia vain App Storesta tai Google Playsta.
scam-finding-urgency = Viesti kiirehtii toimimaan heti (määräaikoja, viimeisiä muistutuksia).
scam-finding-threat = Viesti uhkaa tilin, kortin tai tunnusten sulkemisella tai lukitsemisella tai varoittaa epäilyttävästä toiminnasta.
scam-finding-too-good-offer = Viesti lupaa palkinnon, palautuksen tai lahjan. Jos tarjous kuulostaa liian hyvältä, se yleensä on huijaus.
scam-finding-call-unknown-number = Viesti pyytää soittamaan numeroon { $subject }, joka ei ole pankin numero.
scam-finding-mixed-script = Viestin sanoissa on sekaisin eri aakkosten kirjaimia. Näin huijausviesti näyttää tavalliselta mutta välttää suodattimet.

scam-error-message-too-long = Viesti on liian pitkä tarkistettavaksi (enintään { $max } merkkiä).
scam-error-sender-too-long = Lähettäjä on liian pitkä tarkistettavaksi (enintään { $max } merkkiä).
scam-error-no-bank-domains = Pankin verkko-osoitteita ei ole annettu.
scam-error-invalid-bank-domain = ”{ $domain }” ei ole verkkotunnus.
scam-error-invalid-sms-sender-id = Tekstiviestin lähettäjätunnus on tyhjä tai liian pitkä.
scam-error-invalid-input-line = Rivi ei ole JSON-objekti, jossa on tekstikenttä "text" (ja valinnainen "sender").
