# Sidosten omat tekstit (bindings/ffi/src): sovelluksen peruma toiminto, puhelimelta
# saatu päivämäärä, jota ei ole olemassa, biometrisen kyselyn painike.

ffi-cancelled = Peruttu.
ffi-invalid-date = Puhelimen päivämäärää ei voitu lukea. Tarkista päivämäärä puhelimen asetuksista.
ffi-busy = Puhelin on juuri nyt liian kuormittunut. Yritä hetken kuluttua uudelleen.
ffi-biometric-use-pin = Käytä PIN-koodia
