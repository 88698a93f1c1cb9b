client-error-internal = Something went wrong in the app. Please try again; if it keeps happening, contact the bank.
client-error-cancelled = Cancelled.
client-error-logged-out = You have been logged out. Please log in again.
client-error-locked-wrong-pins = Your user code is locked because of wrong PINs. You can unlock it yourself in the app or the online bank with your personal identity code, user ID, an SMS code and a code from your key code card.
client-error-locked-by-bank = Your online banking codes are blocked. Please contact the bank.
client-error-locked-by-customer = You locked this profile in the online bank. Unlock it with a key code on the online bank's page Code app and devices; you don't need to register again.
client-error-locked-at-bank = Your user code is locked because of wrong key code card codes. It can only be unlocked at the bank: please contact the bank.
client-error-untrusted-server = The connection could not be verified as the bank's. Nothing was sent. Please try again later on another network.
client-error-policy-rolled-back = The app's saved requirements for phones are older than ones it has already used, or missing. Connect to the internet and try again, so that the app can fetch the current ones from the bank.
client-error-network = No connection to the bank. Please check your connection and try again.
client-error-configuration = The app is not set up correctly. Please update the app.
client-error-keys-missing = This profile's keys are no longer on this device. Delete the profile and register the device again.
client-error-profile-unknown = There is no such profile on this device.
client-error-wrong-pin = Wrong PIN. { $count ->
    [one] { $count } attempt left.
   *[other] { $count } attempts left.
}
client-error-wrong-pin-last = Wrong PIN. One attempt left: another wrong PIN locks your user code.
client-error-try-later = Too many attempts. Please wait a while and try again.
client-error-try-later-minutes = Too many attempts. Please try again in { $count ->
    [one] { $count } minute.
   *[other] { $count } minutes.
}
client-error-try-later-seconds = Too many attempts. Please try again in { $count ->
    [one] { $count } second.
   *[other] { $count } seconds.
}
client-error-biometrics-off = Biometrics are not in use for this profile. Please use your PIN.
client-error-username-invalid = Please type your user ID.
client-error-password-invalid = Please type your password.
client-error-key-card-code-invalid = The key code card code has digits only.
client-error-sms-code-invalid = The SMS code has digits only.
client-error-wrong-step = This step is not available now. Please start again.
client-error-pin-mismatch = The two PINs you typed are different. Type the new PIN again, the same both times.
client-error-profile-name-invalid = The profile name must be 1 to 40 characters long.
client-error-approval-invalid = This cannot be approved: some details are not valid.
client-error-challenge-mismatch = The bank's request did not match what you are approving. Nothing was approved.
client-error-device-unknown = This device is not in your list of trusted devices.
client-receipt-pin-change = PIN changed
client-receipt-biometrics = Biometrics enabled
client-receipt-registration = Device registered
client-registration-unlock-online-bank = Your profile is registered. Log in to the online bank and unlock the new profile under Mobile key; you will get an SMS when it is ready to use.
client-unlock-done = Your user code is unlocked. You can log in again.
client-unlock-done-password-reset = Your user code is unlocked. Your password is now code { $index } of your key code card: change it at your next login to the online bank.
client-blocking-numbers = Blocking service, 24/7: 020 333 from Finland, +358 20 333 from abroad. Block your online banking codes and cards at once if they may have fallen into the wrong hands.
