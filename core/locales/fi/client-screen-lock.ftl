# The secure screen lock the app requires (core/src/client/screen_lock.rs).

client-error-screen-lock-required = Ota näytön lukitus (PIN-koodi, kuvio tai salasana) käyttöön puhelimen asetuksista ja yritä sitten uudelleen. Näytön lukitus estää puhelimesi väärinkäytön, jos se katoaa tai varastetaan.
