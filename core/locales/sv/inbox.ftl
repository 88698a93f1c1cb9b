# Skyddad meddelandelåda och meddelandelarm.

inbox-alert-body = Du har ett nytt meddelande i nätbanken. Öppna appen själv och läs meddelandet.
inbox-alert-push-title = Nytt meddelande
inbox-alert-email-subject = Nytt meddelande i nätbanken
inbox-alert-email-footer = Banken ber dig aldrig logga in via en länk.

inbox-alert-violation-empty = Larmet är tomt.
inbox-alert-violation-link = Larmet innehåller en länk eller en webbadress. Ett larm får inte innehålla länkar.
inbox-alert-violation-email-address = Larmet innehåller en e-postadress.
inbox-alert-violation-amount = Larmet innehåller ett penningbelopp. Larmet får inte berätta något om meddelandets innehåll.
inbox-alert-violation-iban-like = Larmet innehåller något som liknar ett kontonummer.
inbox-alert-violation-code-like-number = Larmet innehåller ett tal med minst fyra siffror (en kod, en referens eller ett telefonnummer).
inbox-alert-violation-digits = Larmet innehåller siffror som standardtexten inte har.
inbox-alert-violation-too-long = Larmet är längre än standardtexterna på alla språk tillsammans.
inbox-alert-violation-not-a-template = Larmet innehåller en mening som inte hör till standardtexten (till exempel ett namn eller meddelandets innehåll).

