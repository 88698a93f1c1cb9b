# OS and app version gating (core/src/os_policy/).

os-policy-allowed = Sovellus toimii tällä laitteella.
os-policy-warn = Laitteesi { $os }-versio on vanhentunut. Sovellus lakkaa toimimasta tällä laitteella { $cutoff } alkaen tietoturvasyistä. Päivitä käyttöjärjestelmä vähintään versioon { $required }. Verkkopankkia voit käyttää selaimella myös jatkossa.
os-policy-cannot-install = Sovellusta ei voi asentaa tähän laitteeseen, koska se vaatii { $os }-version { $required } tai uudemman. Voit käyttää verkkopankkia selaimella.
os-policy-blocked-unsupported-platform = Sovellus ei toimi laitteissa, joiden käyttöjärjestelmä on { $os }. Voit käyttää verkkopankkia selaimella.
os-policy-blocked-os-too-old = Sovellusta ei voi enää käyttää tällä laitteella, koska laitteen { $os }-versiossa voi olla tietoturvariskejä. Päivitä käyttöjärjestelmä vähintään versioon { $required }, jos laitteesi tukee sitä. Verkkopankkia voit käyttää selaimella myös jatkossa.
os-policy-blocked-app-too-old = Sovelluksen versio on vanhentunut. Päivitä sovellus sovelluskaupasta vähintään versioon { $required }. Sillä välin voit käyttää verkkopankkia selaimella.
os-policy-fallback-url = Verkkopankki: { $url }

os-policy-error-unknown-platform = Laitteen käyttöjärjestelmää ei tunnistettu.
os-policy-error-invalid-os-version = Käyttöjärjestelmän versiota ei voitu lukea.
os-policy-error-invalid-app-version = Sovelluksen versiota ei voitu lukea.
os-policy-error-not-updated = Pankin ohjeita tuetuista laitteista ei voitu päivittää. Sovellus käyttää aiemmin saatuja ohjeita.
