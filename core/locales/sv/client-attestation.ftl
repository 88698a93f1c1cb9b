# Key attestation as the app shows it (core/src/client/devices.rs, core/src/error):
# what the bank concluded about a device's keys, and its refusals.

client-key-protection-strong-box = Maskinvaruskyddad nyckel, StrongBox
client-key-protection-trusted-environment = Maskinvaruskyddad nyckel
client-key-protection-app-attest = Maskinvaruskyddad nyckel, bekräftad av Apple
client-key-protection-software = Programvarunyckel, inte maskinvaruskyddad
client-key-protection-not-attested = Nyckelns skydd har inte verifierats
client-key-protection-unknown = Nyckelns skydd är okänt
