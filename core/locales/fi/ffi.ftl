# Sidosten omien virheiden tekstit (bindings/ffi/src/error.rs, calendar.rs): sovelluksen
# peruma toiminto, puhelimelta saatu päivämäärä, jota ei ole olemassa.

ffi-cancelled = Peruttu.
ffi-invalid-date = Puhelimen päivämäärää ei voitu lukea. Tarkista päivämäärä puhelimen asetuksista.
ffi-busy = Puhelin on juuri nyt liian kuormittunut. Yritä hetken kuluttua uudelleen.
