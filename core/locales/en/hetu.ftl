# Personal identity code (core/src/hetu.rs).

hetu-error-length = A personal identity code has 11 characters, for example 131052-308T.
hetu-error-malformed = A personal identity code is DDMMYY, a separator, three digits and a check character, for example 131052-308T.
hetu-error-century-sign = The separator in the personal identity code is wrong. It must be +, - or one of the letters U–Y or A–F.
hetu-error-invalid-date = The date of birth at the start of the personal identity code is not a real date.
hetu-error-individual-number = The individual number in the personal identity code is wrong.
hetu-error-check-character = The check character of the personal identity code does not match. Check that you typed the code correctly.
hetu-error-temporary = This is a temporary personal identity code. Enter your permanent personal identity code.

hetu-valid = The personal identity code is valid. Date of birth { $birth_date }.
hetu-temporary-note = The code is temporary.
