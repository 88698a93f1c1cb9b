demo-pay-accounts = { $account }: { $balance }. { $waiting ->
    [one] { $waiting } payment is waiting for approval.
   *[other] { $waiting } payments are waiting for approval.
}
demo-pay-barcode = From the e-invoice's virtual barcode: account { $iban }, amount { $amount }, reference { $reference }, due date { $due }. The customer types the payee's name.
demo-pay-biometric = Approved with a fingerprint, together with the SMS code.
demo-pay-receipt = The receipt keeps the text above, the time and this device.
demo-pay-qr = From the invoice's QR code: { $name }, account { $iban }, amount { $amount }, reference { $reference }. The customer chooses the account to pay from.
