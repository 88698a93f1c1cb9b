secret-store-invalid-name = Sovellus käytti laitteen avainsäilöä väärin. Päivitä sovellus.
secret-store-unavailable = Laitteen avainsäilö ei ole käytettävissä. Avaa laitteen lukitus ja yritä uudelleen.
secret-store-corrupted = Laitteeseen tallennetut avaimet ovat vioittuneet. Poista profiili tästä laitteesta ja rekisteröi se uudelleen.
secret-store-platform = Laitteen avainsäilö ei vastannut odotetusti. Yritä uudelleen. Jos ongelma jatkuu, käynnistä laite uudelleen.
