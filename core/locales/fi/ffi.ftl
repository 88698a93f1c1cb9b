# Puhelimen alustan (avainsäilön, biometrisen tunnistuksen) virheet sellaisina kuin
# sovellus ne näyttää (bindings/ffi/src/error.rs).

ffi-cancelled = Peruttu.
ffi-biometric-set-changed = Laitteeseen tallennetut sormenjäljet tai kasvotiedot ovat muuttuneet, joten biometrinen tunnistautuminen on poistettu käytöstä. Käytä PIN-koodia. Voit ottaa biometrisen tunnistautumisen uudelleen käyttöön asetuksista.
ffi-biometrics-not-available = Biometrinen tunnistautuminen ei ole nyt käytettävissä. Käytä PIN-koodia.
ffi-device-key-lost = Sovelluksen turva-avainta ei enää ole tässä laitteessa, joten profiilia ei voi käyttää täällä. Poista profiili tästä laitteesta ja ota sovellus uudelleen käyttöön.
ffi-device-failure = Puhelimen suojattu tallennustila ei vastannut. Yritä uudelleen. Jos virhe toistuu, käynnistä puhelin uudelleen.
ffi-invalid-date = Puhelimen päivämäärää ei voitu lukea. Tarkista päivämäärä puhelimen asetuksista.
