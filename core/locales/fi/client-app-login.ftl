# Verkkopankkiin kirjautuminen sovelluksella (core/src/client/app_login.rs).

client-error-app-login-unknown = Kirjautumispyyntöä ei löytynyt. Aloita kirjautuminen uudelleen verkkopankissa.
client-error-app-login-expired = Kirjautumispyyntö on vanhentunut tai siihen on jo vastattu. Aloita kirjautuminen uudelleen verkkopankissa.
client-error-app-login-not-opened = Avaa ensin kirjautumispyyntö ja tarkista, että verkkopankissa näkyy sama koodi.
