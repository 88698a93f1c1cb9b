# Scam check: levels, findings and advice.

scam-level-ok = No signs of a scam
scam-level-suspicious = Suspicious
scam-level-dangerous = Dangerous

scam-advice-ok = The message shows no signs of a scam.
scam-advice-suspicious = The message shows signs of a scam. Don't open its links or reply to it; check the matter in the app instead.
scam-advice-dangerous = The message is most likely a scam. Don't open its links, don't reply and don't call the numbers in it.
scam-advice-rule = The bank never asks you to log in or to give your codes or key codes through a link. Open the app or type the bank's address into your browser yourself.
scam-advice-blocking = If you have already given your codes or card details, call the blocking service at once on { $number } (from abroad { $abroad }). It is open around the clock.

scam-finding-sender-domain-not-bank = The message was sent from { $subject }, which is not the bank's address.
scam-finding-sender-name-claims-bank = The sender claims to be the bank, but the message came from { $subject }, which does not belong to the bank.
scam-finding-sender-lookalike = The sender { $subject } imitates the bank's sender { $imitates } but is not it.
scam-finding-sender-lookalike-plain = The sender { $subject } imitates the bank's name but is not the bank.
scam-finding-sms-sender-not-bank = The text message came from { $subject }. The bank's text messages only come from the bank's own sender name.
scam-finding-text-claims-bank = The message speaks in the bank's name, but it did not come from the bank's address or sender name.
scam-finding-link-not-bank = The link leads to { $subject }, which is not the bank's website.
scam-finding-link-lookalike = The address { $subject } resembles the bank's address { $imitates } but belongs to someone else.
scam-finding-link-homoglyph = The address { $subject } is written with letters from other alphabets to look exactly like the bank's address { $imitates }.
scam-finding-link-punycode = The address { $subject } contains letters from other alphabets (xn--), which can make an address look familiar.
scam-finding-link-raw-ip = The link leads to a bare IP address, { $subject }, instead of a named website. The bank never sends such links.
scam-finding-link-shortener = The link is shortened with { $subject }, which hides where it really leads.
scam-finding-link-plain-http = The link to { $subject } uses an unencrypted http connection.
scam-finding-link-userinfo = The link starts with { $imitates }, but the browser actually opens { $subject }, the part after the @ sign.
scam-finding-link-obfuscated = The address { $subject } is written in disguise (such as hxxp or [.]) to get past filters.
scam-finding-login-via-link = The message asks you to log in, identify yourself or confirm your details through a link. The bank never does this.
scam-finding-credential-request = The message asks for your codes, key codes, PIN, password or card details. Never give them to anyone.
scam-finding-install-request = The message asks you to install or update an app from a link, or to install a remote-access program. Install apps only from the App Store or Google Play.
scam-finding-urgency = The message pushes you to act at once (deadlines, final reminders).
scam-finding-threat = The message threatens to close or lock your account, card or codes, or raises the alarm about suspicious activity.
scam-finding-too-good-offer = The message promises a prize, a refund or a gift. If an offer sounds too good to be true, it usually is a scam.
scam-finding-call-unknown-number = The message asks you to call { $subject }, which is not the bank's number.
scam-finding-mixed-script = Words in the message mix letters from different alphabets, so that a scam looks ordinary but slips past filters.

scam-error-message-too-long = The message is too long to check (at most { $max } characters).
scam-error-sender-too-long = The sender is too long to check (at most { $max } characters).
scam-error-no-bank-domains = No web addresses were given for the bank.
scam-error-invalid-bank-domain = “{ $domain }” is not a domain name.
scam-error-invalid-sms-sender-id = The SMS sender name is empty or too long.
scam-error-invalid-input-line = The line is not a JSON object with a text field "text" (and optionally "sender").
