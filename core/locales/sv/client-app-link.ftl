# Opening the app from the online bank on the same phone (avain_protocol::app_link,
# core/src/client/app_link.rs).

client-error-app-link-not-https = Länken är inte bankens skyddade applänk, så appen öppnar den inte. Börja inloggningen på nytt i nätbanken.
client-error-app-link-foreign-host = Länken är inte bankens egen. Bekräfta ingenting via den. Skriv bankens adress själv i webbläsaren och börja inloggningen på nytt.
client-error-app-link-unknown-path = Appen känner inte till den här länken från banken. Uppdatera appen eller börja inloggningen på nytt i nätbanken.
client-error-app-link-bad-request-id = Inloggningsbegäran i länken är inte giltig. Börja inloggningen på nytt i nätbanken.
client-error-app-link-extra-parts = Något som banken inte skriver har lagts till i länken, så appen öppnar den inte. Börja inloggningen på nytt i nätbanken.
client-error-app-link-too-long = Länken är för lång för att vara bankens. Börja inloggningen på nytt i nätbanken.
