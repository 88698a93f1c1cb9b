#!/usr/bin/env python3
"""Writes tests/vectors/signed_bytes.json from the specification in docs/protocol.md.

This is a second, independent implementation of the signed-bytes encoding (Python and the
`cryptography` package instead of Rust and ring): the core's tests and the sandbox bank's
tests check that their encoder produces exactly these bytes, and that they accept these
signatures. It also applies the canonical-form rules of docs/protocol.md ("Canonical
forms", "Text rules, exactly", "Errors of the signed bytes") itself: the error code of
every invalid vector is what `check` below answers, never written by hand. Run it only when the format changes (a new version byte); the ECDSA signature
is randomised, so a rerun changes that one value while every other stays the same.

    python3 tests/vectors/generate_signed_bytes.py > tests/vectors/signed_bytes.json
"""

import hashlib
import json
import struct
import unicodedata

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519

VERSION = 1

# Fixed test keys, derived from labels so anyone can regenerate them. Never used outside tests.
PIN_SEED = hashlib.sha256(b"avain test vector K_pin").digest()
DEV_SCALAR = int.from_bytes(hashlib.sha256(b"avain test vector K_dev").digest(), "big")
BIO_SCALAR = int.from_bytes(hashlib.sha256(b"avain test vector K_bio").digest(), "big")

pin_key = ed25519.Ed25519PrivateKey.from_private_bytes(PIN_SEED)
dev_key = ec.derive_private_key(DEV_SCALAR, ec.SECP256R1())
bio_key = ec.derive_private_key(BIO_SCALAR, ec.SECP256R1())


def raw_public(key):
    if isinstance(key, ed25519.Ed25519PrivateKey):
        return key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return key.public_key().public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
    )


def pkcs8(key):
    return key.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )


PIN_PUBLIC = raw_public(pin_key)
DEV_PUBLIC = raw_public(dev_key)
BIO_PUBLIC = raw_public(bio_key)


def field(value: bytes) -> bytes:
    return struct.pack(">I", len(value)) + value


def text(value: str) -> bytes:
    return field(unicodedata.normalize("NFC", value).encode("utf-8"))


def u64(value: int) -> bytes:
    return field(struct.pack(">Q", value))


def shown(value: str) -> bytes:
    return field(hashlib.sha256(value.encode("utf-8")).digest())


class Refused(Exception):
    """A set of fields the rules refuse; `code` is the stable error code."""

    def __init__(self, code):
        super().__init__(code)
        self.code = code


# docs/protocol.md, "Text rules, exactly": the White_Space code points.
WHITESPACE = set(
    [chr(c) for c in range(0x09, 0x0E)]
    + ["\u0020", "\u0085", "\u00a0", "\u1680"]
    + [chr(c) for c in range(0x2000, 0x200B)]
    + ["\u2028", "\u2029", "\u202f", "\u205f", "\u3000"]
)
MAX_IDENTIFIER = 128
MAX_TEXT = 256
MAX_SHOWN_TEXT = 4096


def is_control(ch):
    """General category Cc: U+0000..U+001F and U+007F..U+009F."""
    return unicodedata.category(ch) == "Cc"


def check_identifier(value):
    raw = value.encode("utf-8")
    if not raw:
        raise Refused("signed_bytes_empty_field")
    if len(raw) > MAX_IDENTIFIER:
        raise Refused("signed_bytes_field_too_long")
    if not all(0x21 <= b <= 0x7E for b in raw):
        raise Refused("signed_bytes_invalid_identifier")


def check_text(value):
    if not value:
        raise Refused("signed_bytes_empty_field")
    if any(is_control(ch) for ch in value):
        raise Refused("signed_bytes_control_character")
    if value[0] in WHITESPACE or value[-1] in WHITESPACE:
        raise Refused("signed_bytes_untrimmed")
    if len(unicodedata.normalize("NFC", value).encode("utf-8")) > MAX_TEXT:
        raise Refused("signed_bytes_field_too_long")


def check_shown_text(value):
    if all(ch in WHITESPACE for ch in value):
        raise Refused("signed_bytes_empty_field")
    if len(value.encode("utf-8")) > MAX_SHOWN_TEXT:
        raise Refused("signed_bytes_field_too_long")


def check_p256_key(hex_value):
    key = bytes.fromhex(hex_value)
    if len(key) != 65 or key[0] != 0x04:
        raise Refused("signed_bytes_invalid_public_key")


def check_ed25519_key(hex_value):
    if len(bytes.fromhex(hex_value)) != 32:
        raise Refused("signed_bytes_invalid_public_key")


def check_amount(cents):
    if not 1 <= cents <= 99_999_999_999:
        raise Refused("signed_bytes_invalid_amount")


def check_currency(value):
    if not (len(value) == 3 and all("A" <= ch <= "Z" for ch in value)):
        raise Refused("signed_bytes_invalid_currency")


def upper_or_digit(ch):
    return "A" <= ch <= "Z" or "0" <= ch <= "9"


def check_iban(value):
    ok = (
        15 <= len(value) <= 34
        and all("A" <= ch <= "Z" for ch in value[:2])
        and all("0" <= ch <= "9" for ch in value[2:4])
        and all(upper_or_digit(ch) for ch in value[4:])
    )
    if not ok:
        raise Refused("signed_bytes_invalid_iban")


def check_reference(value):
    if len(value) > 25 or not all(upper_or_digit(ch) for ch in value):
        raise Refused("signed_bytes_invalid_reference")


def check_digest(hex_value):
    if len(bytes.fromhex(hex_value)) != 32:
        raise Refused("signed_bytes_invalid_digest")


def check(context, approval):
    """Raises Refused with the first rule the fields break, in the order of the layout."""
    nonce = bytes.fromhex(context["nonce"])
    if not 16 <= len(nonce) <= 64:
        raise Refused("signed_bytes_invalid_nonce")
    check_identifier(context["profile_id"])
    check_identifier(context["device_id"])
    a = approval
    purpose = a["purpose"]
    if purpose == "registration":
        check_p256_key(a["device_public_key"])
        check_ed25519_key(a["pin_public_key"])
        check_text(a["profile_name"])
    elif purpose == "login":
        check_shown_text(a["shown_text"])
    elif purpose == "payment":
        check_amount(a["amount_cents"])
        check_currency(a["currency"])
        check_iban(a["payee_iban"])
        check_text(a["payee_name"])
        check_reference(a["reference"])
        check_shown_text(a["shown_text"])
    elif purpose == "own_transfer":
        check_amount(a["amount_cents"])
        check_currency(a["currency"])
        check_iban(a["from_iban"])
        check_iban(a["to_iban"])
        check_shown_text(a["shown_text"])
    elif purpose == "third_party_identification":
        check_text(a["requester"])
        check_text(a["broker"])
        check_identifier(a["request_id"])
        check_shown_text(a["shown_text"])
    elif purpose == "document_signing":
        check_identifier(a["document_id"])
        check_text(a["document_title"])
        check_digest(a["document_sha256"])
        check_shown_text(a["shown_text"])
    elif purpose == "pin_change":
        check_ed25519_key(a["new_pin_public_key"])
    elif purpose == "biometric_registration":
        check_p256_key(a["biometric_public_key"])
    elif purpose == "device_removal":
        check_identifier(a["target_device_id"])
        check_shown_text(a["shown_text"])
    else:
        raise ValueError(purpose)


def encode(context, approval) -> bytes:
    check(context, approval)
    purpose = approval["purpose"]
    out = bytes([VERSION])
    out += text("avain/" + purpose)
    out += field(bytes.fromhex(context["nonce"]))
    out += text(context["profile_id"])
    out += text(context["device_id"])
    out += u64(context["counter"])
    a = approval
    if purpose == "registration":
        out += field(bytes.fromhex(a["device_public_key"]))
        out += field(bytes.fromhex(a["pin_public_key"]))
        out += text(a["profile_name"])
    elif purpose == "login":
        out += text(a["channel"]) + shown(a["shown_text"])
    elif purpose == "payment":
        out += u64(a["amount_cents"]) + text(a["currency"]) + text(a["payee_iban"])
        out += text(a["payee_name"]) + text(a["reference"]) + shown(a["shown_text"])
    elif purpose == "own_transfer":
        out += u64(a["amount_cents"]) + text(a["currency"]) + text(a["from_iban"])
        out += text(a["to_iban"]) + shown(a["shown_text"])
    elif purpose == "third_party_identification":
        out += text(a["requester"]) + text(a["broker"]) + text(a["request_id"])
        out += shown(a["shown_text"])
    elif purpose == "document_signing":
        out += text(a["document_id"]) + text(a["document_title"])
        out += field(bytes.fromhex(a["document_sha256"])) + shown(a["shown_text"])
    elif purpose == "pin_change":
        out += field(bytes.fromhex(a["new_pin_public_key"]))
    elif purpose == "biometric_registration":
        out += field(bytes.fromhex(a["biometric_public_key"]))
    elif purpose == "device_removal":
        out += text(a["target_device_id"]) + shown(a["shown_text"])
    else:
        raise ValueError(purpose)
    return out


def ctx(counter, nonce_label="n1", profile="prof-7f3a", device="dev-2c91"):
    return {
        "nonce": hashlib.sha256(nonce_label.encode()).digest()[:32].hex(),
        "profile_id": profile,
        "device_id": device,
        "counter": counter,
    }


PAYMENT_TEXT = (
    "Maksa 14 505,94 €\nSaaja: Äänekosken Sähkö Oy\n"
    "Tili: FI21 1234 5600 0007 85\nViite: 123 45678 90120\nEräpäivä: 28.2.2026"
)

VALID = [
    ("registration", ctx(0, "reg"), {
        "purpose": "registration",
        "device_public_key": DEV_PUBLIC.hex(),
        "pin_public_key": PIN_PUBLIC.hex(),
        "profile_name": "Oma puhelin",
    }),
    ("login_app", ctx(1), {
        "purpose": "login", "channel": "app", "shown_text": "Kirjaudu sovellukseen",
    }),
    ("login_online_bank", ctx(2, "n2"), {
        "purpose": "login", "channel": "online_bank",
        "shown_text": "Hyväksy kirjautuminen verkkopankkiin",
    }),
    ("payment_basic", ctx(3, "n3"), {
        "purpose": "payment",
        "amount_cents": 1450594,
        "currency": "EUR",
        "payee_iban": "FI2112345600000785",
        "payee_name": "Äänekosken Sähkö Oy",
        "reference": "1234567890120",
        "shown_text": PAYMENT_TEXT,
    }),
    # Same payment, payee name typed in decomposed form (NFD): the bytes must not change.
    ("payment_basic_nfd_name", ctx(3, "n3"), {
        "purpose": "payment",
        "amount_cents": 1450594,
        "currency": "EUR",
        "payee_iban": "FI2112345600000785",
        "payee_name": unicodedata.normalize("NFD", "Äänekosken Sähkö Oy"),
        "reference": "1234567890120",
        "shown_text": PAYMENT_TEXT,
    }),
    ("payment_rf_reference", ctx(4, "n4"), {
        "purpose": "payment",
        "amount_cents": 1,
        "currency": "EUR",
        "payee_iban": "SE4550000000058398257466",
        "payee_name": "Åsa Öberg",
        "reference": "RF18539007547034",
        "shown_text": "Betala 0,01 €\nMottagare: Åsa Öberg",
    }),
    ("payment_no_reference", ctx(5, "n5"), {
        "purpose": "payment",
        "amount_cents": 99999999999,
        "currency": "EUR",
        "payee_iban": "FI5810171000000122",
        "payee_name": "Kesko Oyj",
        "reference": "",
        "shown_text": "Pay €999,999,999.99\nMessage: invoice 2026-14",
    }),
    ("third_party_identification", ctx(6, "n6"), {
        "purpose": "third_party_identification",
        "requester": "Verohallinto",
        "broker": "Suomi.fi-tunnistus",
        "request_id": "tpi-000042",
        "shown_text": "Tunnistaudu palveluun Verohallinto (OmaVero)",
    }),
    ("document_signing", ctx(7, "n7"), {
        "purpose": "document_signing",
        "document_id": "doc-19",
        "document_title": "Asuntolainasopimus 2026",
        "document_sha256": hashlib.sha256(b"example document").hexdigest(),
        "shown_text": "Allekirjoita: Asuntolainasopimus 2026",
    }),
    ("pin_change", ctx(8, "n8"), {
        "purpose": "pin_change",
        "new_pin_public_key": ed25519.Ed25519PrivateKey.from_private_bytes(
            hashlib.sha256(b"avain test vector new K_pin").digest()
        ).public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw).hex(),
    }),
    ("biometric_registration", ctx(9, "n9"), {
        "purpose": "biometric_registration",
        "biometric_public_key": BIO_PUBLIC.hex(),
    }),
    ("device_removal", ctx(10, "n10"), {
        "purpose": "device_removal",
        "target_device_id": "dev-0a17",
        "shown_text": "Poista laite: Pixel 7 (Android 15)",
    }),
    ("own_transfer", ctx(11, "n11"), {
        "purpose": "own_transfer",
        "amount_cents": 50000,
        "currency": "EUR",
        "from_iban": "FI1647990010000012",
        "to_iban": "FI9147990010000020",
        "shown_text": "Vahvista siirto omien tilien välillä\nSumma: 500,00 €",
    }),
]


def payment(**changes):
    base = dict(VALID[3][2])
    base.update(changes)
    return base


def transfer(**changes):
    base = dict(next(a for _, _, a in VALID if a["purpose"] == "own_transfer"))
    base.update(changes)
    return base


def document(**changes):
    base = dict(next(a for _, _, a in VALID if a["purpose"] == "document_signing"))
    base.update(changes)
    return base


# Each case breaks one rule (or several, to pin the order of the checks); the expected
# code is computed by `check`, not written here.
INVALID = [
    ("iban_with_spaces", ctx(3, "n3"), payment(payee_iban="FI21 1234 5600 0007 85")),
    ("iban_lower_case", ctx(3, "n3"), payment(payee_iban="fi2112345600000785")),
    ("amount_zero", ctx(3, "n3"), payment(amount_cents=0)),
    ("amount_over_sepa_maximum", ctx(3, "n3"), payment(amount_cents=100000000000)),
    ("currency_lower_case", ctx(3, "n3"), payment(currency="eur")),
    ("reference_with_spaces", ctx(3, "n3"), payment(reference="12345 67890 128")),
    ("payee_name_control_character", ctx(3, "n3"), payment(payee_name="Kesko\nOyj")),
    ("payee_name_c1_control_character", ctx(3, "n3"), payment(payee_name="Kesko\u0085Oyj")),
    ("payee_name_untrimmed", ctx(3, "n3"), payment(payee_name="Kesko Oyj ")),
    ("payee_name_no_break_space_first", ctx(3, "n3"), payment(payee_name="\u00a0Kesko Oyj")),
    ("payee_name_ideographic_space_last", ctx(3, "n3"), payment(payee_name="Kesko Oyj\u3000")),
    ("payee_name_control_before_untrimmed", ctx(3, "n3"), payment(payee_name=" Kesko\tOyj")),
    ("payee_name_empty", ctx(3, "n3"), payment(payee_name="")),
    ("payee_name_too_long_after_nfc", ctx(3, "n3"), payment(payee_name="\u00c4" * 129)),
    ("iban_before_payee_name", ctx(3, "n3"), payment(payee_iban="FI21", payee_name="")),
    ("shown_text_blank", ctx(3, "n3"), payment(shown_text="  ")),
    ("shown_text_no_break_spaces_only", ctx(3, "n3"), payment(shown_text="\u00a0\u202f")),
    ("shown_text_too_long", ctx(3, "n3"), payment(shown_text="x" * 4097)),
    ("nonce_too_short", dict(ctx(3, "n3"), nonce="00" * 15), payment()),
    ("nonce_too_long", dict(ctx(3, "n3"), nonce="00" * 65), payment()),
    ("profile_id_with_space", dict(ctx(3, "n3"), profile_id="prof 7"), payment()),
    ("profile_id_too_long", dict(ctx(3, "n3"), profile_id="p" * 129), payment()),
    ("device_id_empty", dict(ctx(3, "n3"), device_id=""), payment()),
    ("nonce_before_profile_id", dict(ctx(3, "n3"), nonce="00", profile_id=""), payment()),
    ("transfer_from_iban_with_spaces", ctx(11, "n11"),
     transfer(from_iban="FI16 4799 0010 0000 12")),
    ("transfer_to_iban_lower_case", ctx(11, "n11"), transfer(to_iban="fi9147990010000020")),
    ("transfer_amount_zero", ctx(11, "n11"), transfer(amount_cents=0)),
    ("document_digest_short", ctx(6, "n6"), document(document_sha256="00" * 31)),
    ("document_id_non_ascii", ctx(6, "n6"), document(document_id="sopimus-\u00e4")),
    ("pin_key_wrong_length", ctx(8, "n8"),
     {"purpose": "pin_change", "new_pin_public_key": "00" * 31}),
    ("bio_key_compressed", ctx(9, "n9"),
     {"purpose": "biometric_registration", "biometric_public_key": "02" + "11" * 32}),
]


def refusal(context, approval):
    """The code `check` refuses these fields with (an invalid vector must be refused)."""
    try:
        check(context, approval)
    except Refused as refused:
        return refused.code
    raise ValueError("an invalid vector that the rules accept")


# Every code of docs/protocol.md's "Errors of the signed bytes" has a case.
CODES = {
    "signed_bytes_empty_field", "signed_bytes_field_too_long", "signed_bytes_control_character",
    "signed_bytes_untrimmed", "signed_bytes_invalid_identifier", "signed_bytes_invalid_nonce",
    "signed_bytes_invalid_amount", "signed_bytes_invalid_currency", "signed_bytes_invalid_iban",
    "signed_bytes_invalid_reference", "signed_bytes_invalid_public_key",
    "signed_bytes_invalid_digest",
}


def main():
    missing = CODES - {refusal(c, a) for _, c, a in INVALID}
    if missing:
        raise SystemExit(f"no invalid vector for {sorted(missing)}")
    valid = []
    for name, context, approval in VALID:
        valid.append({
            "name": name,
            "context": context,
            "approval": approval,
            "expected_hex": encode(context, approval).hex(),
        })
    message = encode(VALID[3][1], VALID[3][2])
    pin_signature = pin_key.sign(message)
    dev_signature = dev_key.sign(message, ec.ECDSA(hashes.SHA256()))
    bio_signature = bio_key.sign(message, ec.ECDSA(hashes.SHA256()))
    doc = {
        "description": "Canonical signed bytes, format version 1 (docs/protocol.md). "
        "Generated by tests/vectors/generate_signed_bytes.py; checked by avain-core and "
        "the sandbox bank. Test keys only.",
        "version": VERSION,
        "valid": valid,
        "invalid": [
            {"name": n, "context": c, "approval": a, "error": refusal(c, a)}
            for n, c, a in INVALID
        ],
        "signatures": {
            "message_vector": "payment_basic",
            "pin_key": {
                "algorithm": "Ed25519",
                "seed_hex": PIN_SEED.hex(),
                "public_key_hex": PIN_PUBLIC.hex(),
                "signature_hex": pin_signature.hex(),
            },
            "device_key": {
                "algorithm": "ECDSA P-256 SHA-256, ASN.1 DER signature",
                "pkcs8_hex": pkcs8(dev_key).hex(),
                "public_key_hex": DEV_PUBLIC.hex(),
                "signature_der_hex": dev_signature.hex(),
            },
            "biometric_key": {
                "algorithm": "ECDSA P-256 SHA-256, ASN.1 DER signature",
                "pkcs8_hex": pkcs8(bio_key).hex(),
                "public_key_hex": BIO_PUBLIC.hex(),
                "signature_der_hex": bio_signature.hex(),
            },
        },
    }
    print(json.dumps(doc, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
