# Texts of the bindings themselves (bindings/ffi/src): a date from the phone that does
# not exist, the biometric prompt's button.

ffi-invalid-date = The phone's date could not be read. Check the date in the phone's settings.
ffi-busy = The phone is too busy right now. Try again in a moment.
ffi-biometric-use-pin = Use PIN
