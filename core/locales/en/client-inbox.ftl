# The secure inbox through the bank (core/src/client/inbox.rs).

client-error-message-not-found = The message was not found.
client-error-message-subject-invalid = The subject must be 1 to 120 characters long, on one line.
client-error-message-body-invalid = The message must be 1 to 4000 characters long.
