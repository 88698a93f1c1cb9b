demo-pay-accounts = { $account }: { $balance }. { $waiting ->
    [one] { $waiting } betalning väntar på godkännande.
   *[other] { $waiting } betalningar väntar på godkännande.
}
demo-pay-barcode = Från e-fakturans virtuella streckkod: konto { $iban }, belopp { $amount }, referens { $reference }, förfallodag { $due }. Kunden skriver mottagarens namn.
demo-pay-biometric = Godkänd med fingeravtryck och säkerhetskoden från sms:et.
demo-pay-receipt = Kvittot sparar texten ovan, tiden och den här enheten.
demo-pay-qr = Från fakturans QR-kod: { $name }, konto { $iban }, belopp { $amount }, referens { $reference }. Kunden väljer kontot som betalningen görs från.
