# Tunnistautuminen kolmannen osapuolen palveluun (core/src/client/identification.rs).

client-identification-attribute-name = nimesi
client-identification-attribute-hetu = henkilötunnuksesi
client-error-identification-unknown = Tunnistuspyyntöä ei löytynyt. Aloita tunnistautuminen uudelleen siinä palvelussa, jota olit käyttämässä.
client-error-identification-expired = Tunnistuspyyntö on vanhentunut. Aloita tunnistautuminen uudelleen siinä palvelussa, jota olit käyttämässä.
client-error-identification-answered = Tunnistuspyyntöön on jo vastattu.
client-error-identification-not-opened = Avaa ensin tunnistuspyyntö ja tarkista, kuka tunnistusta pyytää.
