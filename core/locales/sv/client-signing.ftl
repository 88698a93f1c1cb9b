# Underskriftstjänsten (core/src/client/signing.rs).

client-error-document-not-found = Dokumentet hittades inte.
client-error-document-mismatch = Dokumentet kunde inte verifieras: innehållet stämmer inte med det som undertecknas. Ingenting undertecknades eller sparades. Försök igen senare.
client-error-document-not-opened = Öppna dokumentet och läs det innan du undertecknar.
