# Allekirjoituspalvelu (core/src/client/signing.rs).

client-error-document-not-found = Asiakirjaa ei löytynyt.
client-error-document-mismatch = Asiakirjaa ei voitu varmentaa: sen sisältö ei vastaa allekirjoitettavaa. Mitään ei allekirjoitettu eikä tallennettu. Yritä myöhemmin uudelleen.
client-error-document-not-opened = Avaa asiakirja ja lue se ennen allekirjoittamista.
