# Inloggning i nätbanken med appen (core/src/client/app_login.rs).

client-error-app-login-unknown = Inloggningsbegäran hittades inte. Börja inloggningen på nytt i nätbanken.
client-error-app-login-expired = Inloggningsbegäran har gått ut eller redan besvarats. Börja inloggningen på nytt i nätbanken.
client-error-app-login-not-opened = Öppna först inloggningsbegäran och kontrollera att nätbanken visar samma kod.
