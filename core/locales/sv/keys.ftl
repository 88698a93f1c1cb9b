key-randomness = Enheten kunde inte skapa ett säkert slumptal. Försök igen.
key-not-found = Profilens nycklar finns inte längre på den här enheten. Radera profilen och registrera enheten på nytt.
key-corrupted = Nycklarna som sparats på enheten är skadade. Radera profilen och registrera enheten på nytt.
key-signing-failed = Enheten kunde inte signera godkännandet. Försök igen.
key-invalid-kdf-params = PIN-inställningarna som sparats på enheten är skadade. Radera profilen och registrera enheten på nytt.
key-biometric-refused = Den biometriska identifieringen avbröts eller misslyckades. Du kan använda din PIN-kod.
key-biometric-set-changed = Fingeravtrycken eller ansiktena som sparats på enheten har ändrats, så biometrisk identifiering har stängts av. Använd din PIN-kod; du kan slå på biometrisk identifiering igen i inställningarna.
key-biometric-unavailable = Biometrisk identifiering är inte tillgänglig på den här enheten. Använd din PIN-kod.
