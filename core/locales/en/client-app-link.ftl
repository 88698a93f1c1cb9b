# Opening the app from the online bank on the same phone (avain_protocol::app_link,
# core/src/client/app_link.rs).

client-error-app-link-not-https = This is not the bank's secure app link, so the app does not open it. Start the login again in the online bank.
client-error-app-link-foreign-host = This link is not the bank's own. Do not approve anything through it. Type the bank's address into the browser yourself and start the login again.
client-error-app-link-unknown-path = The app does not know this link of the bank. Update the app or start the login again in the online bank.
client-error-app-link-bad-request-id = The login request in this link is not valid. Start the login again in the online bank.
client-error-app-link-extra-parts = Something the bank never writes was added to this link, so the app does not open it. Start the login again in the online bank.
client-error-app-link-too-long = This link is too long to be the bank's. Start the login again in the online bank.
