# Logging in to the online bank with the app (core/src/client/app_login.rs).

client-error-app-login-unknown = This login request was not found. Start the login again in the online bank.
client-error-app-login-expired = This login request has expired or has already been answered. Start the login again in the online bank.
client-error-app-login-not-opened = Open the login request first and check that the online bank shows the same code.
