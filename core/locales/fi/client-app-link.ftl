# Opening the app from the online bank on the same phone (avain_protocol::app_link,
# core/src/client/app_link.rs).

client-error-app-link-not-https = Linkki ei ole pankin suojattu sovelluslinkki, joten sovellus ei avaa sitä. Aloita kirjautuminen verkkopankissa uudelleen.
client-error-app-link-foreign-host = Linkki ei ole pankin oma. Älä vahvista mitään sen kautta. Kirjoita pankin osoite itse selaimeen ja aloita kirjautuminen uudelleen.
client-error-app-link-unknown-path = Sovellus ei tunne tätä pankin linkkiä. Päivitä sovellus tai aloita kirjautuminen verkkopankissa uudelleen.
client-error-app-link-bad-request-id = Linkin kirjautumispyyntö ei ole kelvollinen. Aloita kirjautuminen verkkopankissa uudelleen.
client-error-app-link-extra-parts = Linkkiin on lisätty jotain, mitä pankki ei siihen kirjoita, joten sovellus ei avaa sitä. Aloita kirjautuminen verkkopankissa uudelleen.
client-error-app-link-too-long = Linkki on liian pitkä ollakseen pankin linkki. Aloita kirjautuminen verkkopankissa uudelleen.
