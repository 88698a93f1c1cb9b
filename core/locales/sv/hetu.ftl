# Personal identity code (core/src/hetu.rs).

hetu-error-length = Personbeteckningen har 11 tecken, till exempel 131052-308T.
hetu-error-malformed = Personbeteckningen består av DDMMÅÅ, ett skiljetecken, tre siffror och ett kontrolltecken, till exempel 131052-308T.
hetu-error-century-sign = Skiljetecknet i personbeteckningen är felaktigt. Det ska vara +, - eller någon av bokstäverna U–Y eller A–F.
hetu-error-invalid-date = Födelsetiden i början av personbeteckningen är inte ett giltigt datum.
hetu-error-individual-number = Individnumret i personbeteckningen är felaktigt.
hetu-error-check-character = Personbeteckningens kontrolltecken stämmer inte. Kontrollera att du skrev personbeteckningen rätt.
hetu-error-temporary = Det här är en tillfällig personbeteckning. Ange din permanenta personbeteckning.

hetu-valid = Personbeteckningen är korrekt. Födelsetid { $birth_date }.
hetu-temporary-note = Beteckningen är tillfällig.
