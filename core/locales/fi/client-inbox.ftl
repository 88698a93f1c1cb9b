# Viestit pankin kautta (core/src/client/inbox.rs).

client-error-message-not-found = Viestiä ei löytynyt.
client-error-message-subject-invalid = Otsikon pituus on 1–120 merkkiä yhdellä rivillä.
client-error-message-body-invalid = Viestin pituus on 1–4000 merkkiä.
