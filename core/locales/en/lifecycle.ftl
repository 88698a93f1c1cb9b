# Profile lifecycle and biometrics (core/protocol/src/lifecycle.rs).

lifecycle-status-pending-unlock = The profile stays locked until you unlock it in the online bank.
lifecycle-status-active = The profile is in use.
lifecycle-status-locked-wrong-pins = The profile is locked because the PIN was entered incorrectly too many times. You can unlock it in the app.
lifecycle-status-locked-by-customer = You locked this profile in the online bank. You can unlock it with a key code on the online bank's page Code app and devices, or at the bank.
lifecycle-status-locked-by-bank = The profile was locked in the online bank. You can unlock it in the online bank or at the bank.
lifecycle-status-locked-wrong-key-card-codes = The profile is locked because a code from the key-code card was entered incorrectly too many times. Only your own bank can unlock it.
lifecycle-status-locked-other = The profile is locked. Contact your bank to unlock it.
lifecycle-status-revoked = The profile was removed from this device remotely. To use the app on this device, set it up again.
lifecycle-status-deleted = The profile was deleted from this device.
lifecycle-status-unknown = The profile can't be used in this version of the app. Update the app or contact your bank.

lifecycle-error-illegal-transition = This can't be done right now. { $status }
lifecycle-error-unlock-wrong-pins = You can unlock the profile in the app, in the online bank or at the bank.
lifecycle-error-unlock-by-customer = A profile you locked yourself can't be unlocked in the app. Unlock it on the online bank's page Code app and devices.
lifecycle-error-unlock-by-bank = A profile locked in the online bank can't be unlocked in the app. Unlock it in the online bank or contact your bank.
lifecycle-error-unlock-key-card = The lock was caused by incorrect key-code card codes, so only your own bank can open it.
lifecycle-error-unlock-other = Only your own bank can open this lock.
lifecycle-error-biometrics-need-active = You can turn on biometric identification only after you have unlocked the profile in the online bank.
lifecycle-error-illegal-biometric = The biometric identification setting can't be changed right now.

lifecycle-biometrics-off-fingerprint = Fingerprint identification was turned off because the fingerprints saved on this device have changed. Log in with your PIN. You can turn fingerprint identification on again in the settings.
lifecycle-biometrics-off-face = Face recognition was turned off because the face data saved on this device has changed. Log in with your PIN. You can turn face recognition on again in the settings.
lifecycle-biometrics-off-other = Biometric identification was turned off because the biometric data saved on this device has changed. Log in with your PIN. You can turn it on again in the settings.
