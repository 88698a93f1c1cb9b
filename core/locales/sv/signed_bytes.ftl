# Varför ett godkännande inte kunde förberedas för signering. { $field } är fältets tekniska namn.
signed-bytes-empty-field = Godkännandet kan inte signeras: fältet { $field } är tomt.
signed-bytes-field-too-long = Godkännandet kan inte signeras: fältet { $field } är längre än { $max } byte.
signed-bytes-control-character = Godkännandet kan inte signeras: fältet { $field } innehåller ett styrtecken.
signed-bytes-untrimmed = Godkännandet kan inte signeras: fältet { $field } börjar eller slutar med ett mellanslag.
signed-bytes-invalid-identifier = Godkännandet kan inte signeras: identifieraren { $field } är ogiltig.
signed-bytes-invalid-nonce = Godkännandet kan inte signeras: bankens utmaning är ogiltig.
signed-bytes-invalid-amount = Godkännandet kan inte signeras: beloppet ska vara mellan 0,01 och 999 999 999,99.
signed-bytes-invalid-currency = Godkännandet kan inte signeras: valutakoden är ogiltig.
signed-bytes-invalid-iban = Godkännandet kan inte signeras: mottagarens kontonummer har fel format.
signed-bytes-invalid-reference = Godkännandet kan inte signeras: referensnumret har fel format.
signed-bytes-invalid-public-key = Godkännandet kan inte signeras: nyckeln { $field } är ogiltig.
signed-bytes-invalid-digest = Godkännandet kan inte signeras: kontrollsumman { $field } är ogiltig.
