# Why an approval could not be prepared for signing. { $field } is the technical field name.
signed-bytes-empty-field = The approval cannot be signed: the field { $field } is empty.
signed-bytes-field-too-long = The approval cannot be signed: the field { $field } is longer than { $max } bytes.
signed-bytes-control-character = The approval cannot be signed: the field { $field } contains a control character.
signed-bytes-untrimmed = The approval cannot be signed: the field { $field } starts or ends with a space.
signed-bytes-invalid-identifier = The approval cannot be signed: the identifier { $field } is not valid.
signed-bytes-invalid-nonce = The approval cannot be signed: the bank's challenge is not valid.
signed-bytes-invalid-amount = The approval cannot be signed: the amount must be between 0.01 and 999,999,999.99.
signed-bytes-invalid-currency = The approval cannot be signed: the currency code is not valid.
signed-bytes-invalid-iban = The approval cannot be signed: the payee's account number is not in the correct format.
signed-bytes-invalid-reference = The approval cannot be signed: the reference number is not in the correct format.
signed-bytes-invalid-public-key = The approval cannot be signed: the key { $field } is not valid.
signed-bytes-invalid-digest = The approval cannot be signed: the checksum { $field } is not valid.
