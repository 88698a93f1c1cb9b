# The signing service (core/src/client/signing.rs).

client-error-document-not-found = The document was not found.
client-error-document-mismatch = The document could not be verified: its content does not match what is signed. Nothing was signed or saved. Please try again later.
client-error-document-not-opened = Open the document and read it before signing.
