# Errors reported by the phone's platform (keystore, biometric prompt), as the app shows
# them (bindings/ffi/src/error.rs).

ffi-cancelled = Cancelled.
ffi-biometric-set-changed = The fingerprints or faces saved on this device have changed, so biometric identification was switched off. Use your PIN. You can switch biometric identification on again in the settings.
ffi-biometrics-not-available = Biometric identification cannot be used right now. Use your PIN.
ffi-device-key-lost = This app's security key is no longer on this device, so the profile cannot be used here. Remove the profile from this device and register the app again.
ffi-device-failure = The phone's secure storage did not respond. Try again. If this keeps happening, restart the phone.
ffi-invalid-date = The phone's date could not be read. Check the date in the phone's settings.
