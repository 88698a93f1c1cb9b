# Miksi hyväksyntää ei voitu valmistella allekirjoitettavaksi. { $field } on kentän tekninen nimi.
signed-bytes-empty-field = Hyväksyntää ei voi allekirjoittaa: kenttä { $field } on tyhjä.
signed-bytes-field-too-long = Hyväksyntää ei voi allekirjoittaa: kenttä { $field } on pidempi kuin { $max } tavua.
signed-bytes-control-character = Hyväksyntää ei voi allekirjoittaa: kentässä { $field } on ohjausmerkki.
signed-bytes-untrimmed = Hyväksyntää ei voi allekirjoittaa: kenttä { $field } alkaa tai päättyy välilyöntiin.
signed-bytes-invalid-identifier = Hyväksyntää ei voi allekirjoittaa: tunniste { $field } ei kelpaa.
signed-bytes-invalid-nonce = Hyväksyntää ei voi allekirjoittaa: pankin haaste ei kelpaa.
signed-bytes-invalid-amount = Hyväksyntää ei voi allekirjoittaa: summan on oltava välillä 0,01–999 999 999,99.
signed-bytes-invalid-currency = Hyväksyntää ei voi allekirjoittaa: valuuttakoodi ei kelpaa.
signed-bytes-invalid-iban = Hyväksyntää ei voi allekirjoittaa: saajan tilinumero ei ole oikeassa muodossa.
signed-bytes-invalid-reference = Hyväksyntää ei voi allekirjoittaa: viitenumero ei ole oikeassa muodossa.
signed-bytes-invalid-public-key = Hyväksyntää ei voi allekirjoittaa: avain { $field } ei kelpaa.
signed-bytes-invalid-digest = Hyväksyntää ei voi allekirjoittaa: tarkiste { $field } ei kelpaa.
