# Payment formats (core/src/payments): errors and labels, English.
payments-iban-empty = Enter the account number.
payments-iban-invalid-character = An account number may contain only letters and digits.
payments-iban-bad-format = An IBAN starts with a country code and two check digits, such as FI21.
payments-iban-unknown-country = The account number's country code is not recognised. Check the first two letters.
payments-iban-bad-length = The account number has the wrong number of characters. A Finnish IBAN has 18.
payments-iban-bad-structure = The account number does not have this country's form: it has a letter where a digit belongs, or a digit where a letter belongs. Check it for typing errors.
payments-iban-bad-checksum = The account number is not correct. Check it for typing errors.

payments-account-empty = Enter the account number.
payments-account-invalid-character = An old account number may contain only digits and one hyphen.
payments-account-bad-format = Write an old account number as 123456-785: six digits, a hyphen and 2–8 digits.

payments-reference-empty = Enter the reference.
payments-reference-invalid-character = A reference number may contain only digits, an RF reference letters and digits.
payments-reference-missing-rf-prefix = An RF reference starts with the letters RF.
payments-reference-too-short = The reference is too short. A reference number has at least four digits.
payments-reference-too-long = The reference is too long. A reference number has at most 20 digits and an RF reference at most 25 characters.
payments-reference-bad-check-digit = The reference is not correct. Check it for typing errors.

payments-barcode-non-digit = A virtual barcode contains only digits. Copy the code from the invoice again.
payments-barcode-bad-length = A virtual barcode has 54 digits. Check that you copied the whole code.
payments-barcode-unsupported-version = This version of virtual barcode cannot be used. Enter the payment details from the invoice by hand.
payments-barcode-invalid-iban = The account number in the virtual barcode is not correct. Check the code or enter the payment details by hand.
payments-barcode-reserve-not-zero = The virtual barcode is not correctly formed. Enter the payment details from the invoice by hand.
payments-barcode-missing-reference = The virtual barcode has no reference. Enter the payment details from the invoice by hand.
payments-barcode-invalid-reference = The reference in the virtual barcode is not correct. Check the code or enter the payment details by hand.
payments-barcode-invalid-due-date = The due date in the virtual barcode is not a real date. Check the code or enter the payment details by hand.
payments-barcode-build-not-finnish-iban = A virtual barcode can only carry a Finnish (FI) account number.
payments-barcode-build-amount-out-of-range = The amount in a virtual barcode is €0.01–€999,999.99, or it is left out.
payments-barcode-build-reference-not-numeric = A virtual barcode can only carry an RF reference that has only digits after RF and its check digits.
payments-barcode-build-due-date-out-of-range = The due date in a virtual barcode must be in the years 2000–2099.

payments-money-empty = Enter the amount.
payments-money-not-a-number = The amount is not a number. Write it as, for example, 1234.50.
payments-money-too-many-decimals = An amount can have at most two decimals (cents).
payments-money-negative = The amount cannot be negative.
payments-money-too-large = The amount is too large. The largest possible amount is €999,999,999.99.

payments-label-iban = Account number
payments-label-bic = BIC
payments-label-bank = Bank
payments-label-amount = Amount
payments-label-reference = Reference
payments-label-rf-reference = RF reference
payments-label-payee = Payee
payments-label-message = Message
payments-label-due-date = Due date

payments-amount-none = Enter the amount yourself

payments-due-date-none = No due date

payments-not-sepa = The country is outside SEPA: the payment is a foreign payment.

payments-account-check-warning = The account number's old check digit does not match. Check the account number on the invoice; the payment can still be made.

# The EPC QR code of invoices (core/src/payments/epc_qr.rs).
payments-qr-too-long = The QR code holds more than a payment QR code may. Enter the payment details from the invoice by hand.
payments-qr-not-epc = This QR code is not a payment QR code. Scan the QR code printed for paying the invoice.
payments-qr-unsupported-version = This version of payment QR code cannot be used. Enter the payment details from the invoice by hand.
payments-qr-unsupported-charset = The QR code uses a character set that payment QR codes do not allow. Enter the payment details by hand.
payments-qr-unsupported-identification = The QR code is not for a SEPA credit transfer. Enter the payment details by hand.
payments-qr-missing-bic = The QR code has no BIC, which this version requires. Enter the payment details by hand.
payments-qr-invalid-bic = The BIC in the QR code is not correct. Enter the payment details by hand.
payments-qr-bic-mismatch = The BIC in the QR code does not belong to the bank of its account number. Check the invoice.
payments-qr-missing-name = The QR code has no payee name. Enter the payment details by hand.
payments-qr-name-too-long = The payee name in the QR code is longer than 70 characters. Enter the payment details by hand.
payments-qr-invalid-name = The payee name in the QR code has characters a name cannot have. Enter the payment details by hand.
payments-qr-missing-iban = The QR code has no account number. Enter the payment details by hand.
payments-qr-invalid-iban = The account number in the QR code is not correct. Check the invoice or enter the payment details by hand.
payments-qr-iban-not-sepa = The account in the QR code is outside the SEPA area and cannot be paid as a euro transfer.
payments-qr-invalid-amount = The amount in the QR code is not a euro amount. Enter the payment details by hand.
payments-qr-amount-out-of-range = The amount in the QR code is not between €0.01 and €999,999,999.99. Enter the payment details by hand.
payments-qr-invalid-purpose = The purpose code in the QR code is not correct. Enter the payment details by hand.
payments-qr-invalid-reference = The reference in the QR code is not correct. Check the invoice or enter the payment details by hand.
payments-qr-reference-and-message = The QR code has both a reference and a message, but a payment can have only one. Enter the payment details by hand.
payments-qr-message-too-long = The message in the QR code is longer than 140 characters. Enter the payment details by hand.
payments-qr-invalid-message = The message in the QR code has characters a message cannot have. Enter the payment details by hand.
payments-qr-info-too-long = The information line in the QR code is longer than 70 characters. Enter the payment details by hand.
payments-qr-invalid-info = The information line in the QR code has characters it cannot have. Enter the payment details by hand.
payments-qr-invalid-due-date = The due date in the QR code is not a real date. Check the invoice or enter the payment details by hand.
payments-qr-trailing-data = The QR code has extra data after the payment details. Enter the payment details by hand.
payments-qr-not-json-string = Each input line must be one JSON string: the QR code's text with its line breaks written as \n.
