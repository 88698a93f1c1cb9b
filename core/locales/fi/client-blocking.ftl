# Sulkupalvelu (core/src/client/blocking.rs).

client-blocking-service = Korttien ja verkkopankkitunnusten sulkupalvelu palvelee ympäri vuorokauden: Suomesta { $finland }, ulkomailta { $abroad }.
client-blocked-codes = Verkkopankkitunnuksesi on suljettu, eikä sovellusta voi enää käyttää niillä. Saat uudet tunnukset soittamalla sulkupalveluun tai ottamalla yhteyttä pankkiin.
client-blocked-codes-and-cards = Verkkopankkitunnuksesi ja { $cards ->
    [one] { $cards } kortti on
   *[other] { $cards } korttia on
} suljettu. Saat uudet tunnukset ja kortit ottamalla yhteyttä pankkiin.
client-blocked-cards = { $cards ->
    [one] { $cards } kortti on
   *[other] { $cards } korttia on
} suljettu. Saat uuden kortin ottamalla yhteyttä pankkiin.
client-error-block-nothing-chosen = Valitse, mitä suljetaan: verkkopankkitunnukset, kortit vai molemmat.
