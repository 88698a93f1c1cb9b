key-randomness = Laite ei pystynyt luomaan turvallista satunnaislukua. Yritä uudelleen.
key-not-found = Tämän profiilin avaimet eivät ole enää tällä laitteella. Poista profiili ja rekisteröi laite uudelleen.
key-corrupted = Laitteeseen tallennetut avaimet ovat vioittuneet. Poista profiili ja rekisteröi laite uudelleen.
key-signing-failed = Laite ei pystynyt allekirjoittamaan hyväksyntää. Yritä uudelleen.
key-invalid-kdf-params = Laitteeseen tallennetut tunnuslukuasetukset ovat vioittuneet. Poista profiili ja rekisteröi laite uudelleen.
key-biometric-refused = Biometrinen tunnistus peruttiin tai epäonnistui. Voit käyttää tunnuslukua.
key-biometric-set-changed = Laitteeseen tallennetut sormenjäljet tai kasvot ovat muuttuneet, joten biometrinen tunnistus on poistettu käytöstä. Käytä tunnuslukua; voit ottaa biometrisen tunnistuksen uudelleen käyttöön asetuksista.
key-biometric-unavailable = Biometrinen tunnistus ei ole käytettävissä tällä laitteella. Käytä tunnuslukua.
