# PIN policy (core/src/pin/).

pin-reason-length = The PIN must have 4 to 8 digits.
pin-reason-not-digits = The PIN may contain digits only.
pin-reason-sequence = The PIN contains an easy series of digits, such as 1234, 4321, 2468 or 1111.
pin-reason-repetition = The PIN is easy to guess because it repeats a pattern (such as 0101, 1122 or 1221).
pin-reason-birth-date = The PIN must not be or contain your date of birth.
pin-reason-date = The PIN looks like a date or a year, which is easy to guess.
pin-reason-common = The PIN is one of the most common PINs, so it is easy to guess.
pin-reason-same-as-current = The new PIN must not be the same as your current PIN.

pin-advice-memorable = Choose a PIN that is easy to remember but hard to guess.
pin-advice-not-card-pin = Don't use the same PIN as for your payment card.
pin-advice-six-digits = We recommend a PIN of at least 6 digits.

pin-accepted = The PIN is accepted.
pin-refused = The PIN can't be used:
