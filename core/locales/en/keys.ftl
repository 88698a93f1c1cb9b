key-randomness = The device could not create a secure random number. Try again.
key-not-found = The keys of this profile are no longer on this device. Delete the profile and register the device again.
key-corrupted = The keys saved on this device are damaged. Delete the profile and register the device again.
key-signing-failed = The device could not sign the approval. Try again.
key-invalid-kdf-params = The PIN settings saved on this device are damaged. Delete the profile and register the device again.
key-biometric-refused = Biometric identification was cancelled or failed. You can use your PIN instead.
key-biometric-set-changed = The fingerprints or faces saved on this device have changed, so biometric identification has been switched off. Use your PIN; you can switch biometrics on again in the settings.
key-biometric-unavailable = Biometric identification is not available on this device. Use your PIN.
