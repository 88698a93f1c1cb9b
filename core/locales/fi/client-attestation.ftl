# Key attestation as the app and the online bank show it (KeyProtection::label, core/src/error):
# what the bank concluded about a device's keys, and its refusals.

client-key-protection-strong-box = Laitteistoon suojattu avain, StrongBox
client-key-protection-trusted-environment = Laitteistoon suojattu avain, suojattu suoritusympäristö (TEE)
client-key-protection-app-attest = Laitteistoon suojattu avain, Applen vahvistama
client-key-protection-software = Ohjelmistoavain, ei laitteistosuojausta
client-key-protection-not-attested = Avaimen suojausta ei ole varmistettu
client-key-protection-unknown = Avaimen suojaus tuntematon
