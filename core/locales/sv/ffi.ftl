# Fel som telefonens plattform (nyckellager, biometrisk identifiering) rapporterar, så
# som appen visar dem (bindings/ffi/src/error.rs).

ffi-cancelled = Avbrutet.
ffi-biometric-set-changed = Fingeravtrycken eller ansiktena som sparats på enheten har ändrats, så biometrisk identifiering har stängts av. Använd din PIN-kod. Du kan slå på biometrisk identifiering igen i inställningarna.
ffi-biometrics-not-available = Biometrisk identifiering kan inte användas just nu. Använd din PIN-kod.
ffi-device-key-lost = Appens säkerhetsnyckel finns inte längre på den här enheten, så profilen kan inte användas här. Ta bort profilen från enheten och registrera appen på nytt.
ffi-device-failure = Telefonens säkra lagring svarade inte. Försök igen. Om felet upprepas, starta om telefonen.
ffi-invalid-date = Telefonens datum kunde inte läsas. Kontrollera datumet i telefonens inställningar.
