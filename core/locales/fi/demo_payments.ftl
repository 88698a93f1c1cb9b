demo-pay-accounts = { $account }: { $balance }. { $waiting ->
    [one] { $waiting } maksu odottaa hyväksyntää.
   *[other] { $waiting } maksua odottaa hyväksyntää.
}
demo-pay-barcode = E-laskun virtuaaliviivakoodista: tili { $iban }, summa { $amount }, viite { $reference }, eräpäivä { $due }. Asiakas kirjoittaa saajan nimen.
demo-pay-biometric = Hyväksytty sormenjäljellä ja tekstiviestin turvaluvulla.
demo-pay-receipt = Kuitti säilyttää yllä olevan tekstin, ajan ja tämän laitteen.
demo-pay-qr = Laskun QR-koodista: { $name }, tili { $iban }, summa { $amount }, viite { $reference }. Asiakas valitsee tilin, jolta maksetaan.
