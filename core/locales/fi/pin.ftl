# PIN policy (core/src/pin/).

pin-reason-length = PIN-koodissa on oltava 4–8 numeroa.
pin-reason-not-digits = PIN-koodissa saa olla vain numeroita.
pin-reason-sequence = PIN-koodissa on helppo numerosarja, kuten 1234, 4321, 2468 tai 1111.
pin-reason-repetition = PIN-koodi on helppo arvata, koska siinä toistuu sama kuvio (esimerkiksi 0101, 1122 tai 1221).
pin-reason-birth-date = PIN-koodi ei saa olla syntymäaikasi eikä sisältää sitä.
pin-reason-date = PIN-koodi näyttää päivämäärältä tai vuosiluvulta, ja sellaisen voi arvata helposti.
pin-reason-common = PIN-koodi on yksi yleisimmin käytetyistä, joten se on helppo arvata.
pin-reason-same-as-current = Uusi PIN-koodi ei saa olla sama kuin nykyinen.

pin-advice-memorable = Valitse PIN-koodi, joka on helppo muistaa mutta vaikea arvata.
pin-advice-not-card-pin = Älä käytä samaa PIN-koodia kuin maksukortissasi.
pin-advice-six-digits = Suosittelemme vähintään 6-numeroista PIN-koodia.

pin-accepted = PIN-koodi kelpaa.
pin-refused = PIN-koodia ei voi käyttää:
