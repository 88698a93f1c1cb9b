# Secure inbox and message alerts.

inbox-alert-body = You have a new message in the online bank. Open the app yourself to read it.
inbox-alert-push-title = New message
inbox-alert-email-subject = New message in the online bank
inbox-alert-email-footer = The bank never asks you to log in through a link.

inbox-alert-violation-empty = The alert is empty.
inbox-alert-violation-link = The alert contains a link or a web address. An alert must not contain links.
inbox-alert-violation-email-address = The alert contains an email address.
inbox-alert-violation-amount = The alert contains an amount of money. An alert must not tell anything of the message's content.
inbox-alert-violation-iban-like = The alert contains something that looks like an account number.
inbox-alert-violation-code-like-number = The alert contains a number of four or more digits (a code, a reference or a phone number).
inbox-alert-violation-digits = The alert contains digits that the standard text does not have.
inbox-alert-violation-too-long = The alert is longer than the standard texts in all languages together.
inbox-alert-violation-not-a-template = The alert contains a sentence that is not part of the standard text (a name or the message's content, for instance).

