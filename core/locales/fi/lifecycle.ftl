# Profile lifecycle and biometrics (core/protocol/src/lifecycle.rs).

lifecycle-status-pending-unlock = Profiili on lukittu, kunnes avaat sen verkkopankissa.
lifecycle-status-active = Profiili on käytössä.
lifecycle-status-locked-wrong-pins = Profiili on lukittu, koska PIN-koodi annettiin liian monta kertaa väärin. Voit avata lukituksen sovelluksessa.
lifecycle-status-locked-by-customer = Lukitsit tämän profiilin verkkopankissa. Voit avata sen verkkopankin sivulla Tunnuslukusovellus ja laitteet avainluvulla tai pankissa.
lifecycle-status-locked-by-bank = Profiili on lukittu verkkopankissa. Voit avata lukituksen verkkopankissa tai pankissa.
lifecycle-status-locked-wrong-key-card-codes = Profiili on lukittu, koska tunnuslukulistan tunnusluku annettiin liian monta kertaa väärin. Lukituksen voi avata vain omassa pankissasi.
lifecycle-status-locked-other = Profiili on lukittu. Ota yhteyttä pankkiisi lukituksen avaamiseksi.
lifecycle-status-revoked = Profiili on poistettu tältä laitteelta etänä. Jos haluat käyttää sovellusta tällä laitteella, ota se uudelleen käyttöön.
lifecycle-status-deleted = Profiili on poistettu tältä laitteelta.
lifecycle-status-unknown = Profiilia ei voi käyttää tällä sovelluksen versiolla. Päivitä sovellus tai ota yhteyttä pankkiisi.

lifecycle-error-illegal-transition = Toimintoa ei voi tehdä nyt. { $status }
lifecycle-error-unlock-wrong-pins = Voit avata lukituksen sovelluksessa, verkkopankissa tai pankissa.
lifecycle-error-unlock-by-customer = Itse lukitsemaasi profiilia ei voi avata sovelluksessa. Avaa se verkkopankin sivulla Tunnuslukusovellus ja laitteet.
lifecycle-error-unlock-by-bank = Verkkopankissa lukittua profiilia ei voi avata sovelluksessa. Avaa lukitus verkkopankissa tai ota yhteyttä pankkiisi.
lifecycle-error-unlock-key-card = Lukitus johtuu väärin annetuista tunnusluvuista, joten sen voi avata vain omassa pankissasi.
lifecycle-error-unlock-other = Tämän lukituksen voi avata vain omassa pankissasi.
lifecycle-error-biometrics-need-active = Voit ottaa biometrisen tunnistautumisen käyttöön vasta, kun olet avannut profiilin verkkopankissa.
lifecycle-error-illegal-biometric = Biometrisen tunnistautumisen asetusta ei voi muuttaa nyt.

lifecycle-biometrics-off-fingerprint = Sormenjälkitunnistus on poistettu käytöstä, koska laitteeseen tallennetut sormenjäljet ovat muuttuneet. Kirjaudu PIN-koodilla. Voit ottaa sormenjälkitunnistuksen uudelleen käyttöön asetuksista.
lifecycle-biometrics-off-face = Kasvojentunnistus on poistettu käytöstä, koska laitteeseen tallennetut kasvotiedot ovat muuttuneet. Kirjaudu PIN-koodilla. Voit ottaa kasvojentunnistuksen uudelleen käyttöön asetuksista.
lifecycle-biometrics-off-other = Biometrinen tunnistus on poistettu käytöstä, koska laitteeseen tallennetut biometriset tiedot ovat muuttuneet. Kirjaudu PIN-koodilla. Voit ottaa sen uudelleen käyttöön asetuksista.
