# Third-party identification (core/src/client/identification.rs).

client-identification-attribute-name = your name
client-identification-attribute-hetu = your personal identity code
client-error-identification-unknown = This identification request was not found. Start the identification again in the service you were using.
client-error-identification-expired = The identification request has expired. Start the identification again in the service you were using.
client-error-identification-answered = This identification request has already been answered.
client-error-identification-not-opened = Open the identification request first and read who is asking.
