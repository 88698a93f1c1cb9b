# Sidosten omat tekstit (bindings/ffi/src): puhelimelta saatu päivämäärä, jota ei ole
# olemassa, biometrisen kyselyn painike.

ffi-invalid-date = Puhelimen päivämäärää ei voitu lukea. Tarkista päivämäärä puhelimen asetuksista.
ffi-busy = Puhelin on juuri nyt liian kuormittunut. Yritä hetken kuluttua uudelleen.
ffi-biometric-use-pin = Käytä PIN-koodia
