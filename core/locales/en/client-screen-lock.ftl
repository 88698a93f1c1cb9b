# The secure screen lock the app requires (core/src/client/screen_lock.rs).

client-error-screen-lock-required = Turn on the screen lock (PIN, pattern or password) in your phone's settings, then try again. The screen lock keeps your phone from being misused if it is lost or stolen.
