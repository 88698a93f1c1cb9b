# Key attestation as the app and the online bank show it (KeyProtection::label, core/src/error):
# what the bank concluded about a device's keys, and its refusals.

client-key-protection-strong-box = Hardware-backed key, StrongBox
client-key-protection-trusted-environment = Hardware-backed key, trusted execution environment (TEE)
client-key-protection-app-attest = Hardware-backed key, verified by Apple
client-key-protection-software = Software key, not hardware-backed
client-key-protection-not-attested = Key protection not verified
client-key-protection-unknown = Key protection unknown
