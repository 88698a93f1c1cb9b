# Key attestation as the app and the online bank show it (KeyProtection::label, core/src/error):
# what the bank concluded about a device's keys, and its refusals.

client-key-protection-strong-box = Maskinvaruskyddad nyckel, StrongBox
client-key-protection-trusted-environment = Maskinvaruskyddad nyckel, säker exekveringsmiljö (TEE)
client-key-protection-app-attest = Maskinvaruskyddad nyckel, bekräftad av Apple
client-key-protection-software = Programvarunyckel, inte maskinvaruskyddad
client-key-protection-not-attested = Nyckelns skydd har inte verifierats
client-key-protection-unknown = Nyckelns skydd är okänt
