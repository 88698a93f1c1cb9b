# Identifiering i tjänster hos tredje parter (core/src/client/identification.rs).

client-identification-attribute-name = ditt namn
client-identification-attribute-hetu = din personbeteckning
client-error-identification-unknown = Identifieringsbegäran hittades inte. Börja identifieringen på nytt i tjänsten du använde.
client-error-identification-expired = Identifieringsbegäran har gått ut. Börja identifieringen på nytt i tjänsten du använde.
client-error-identification-answered = Identifieringsbegäran har redan besvarats.
client-error-identification-not-opened = Öppna först identifieringsbegäran och kontrollera vem som ber om identifieringen.
