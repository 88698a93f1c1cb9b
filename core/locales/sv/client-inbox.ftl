# Meddelanden via banken (core/src/client/inbox.rs).

client-error-message-not-found = Meddelandet hittades inte.
client-error-message-subject-invalid = Rubriken ska vara 1–120 tecken lång, på en rad.
client-error-message-body-invalid = Meddelandet ska vara 1–4000 tecken långt.
