#!/usr/bin/env python3
"""Writes tests/vectors/signed_bytes.json from the specification in docs/protocol.md.

This is a second, independent implementation of the signed-bytes encoding (Python and the
`cryptography` package instead of Rust and ring): the core's tests and the sandbox bank's
tests check that their encoder produces exactly these bytes, and that they accept these
signatures. Run it only when the format changes (a new version byte); the ECDSA signature
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


def encode(context, approval) -> bytes:
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
]


def payment(**changes):
    base = dict(VALID[3][2])
    base.update(changes)
    return base


INVALID = [
    ("iban_with_spaces", ctx(3, "n3"), payment(payee_iban="FI21 1234 5600 0007 85"),
     "signed_bytes_invalid_iban"),
    ("iban_lower_case", ctx(3, "n3"), payment(payee_iban="fi2112345600000785"),
     "signed_bytes_invalid_iban"),
    ("amount_zero", ctx(3, "n3"), payment(amount_cents=0), "signed_bytes_invalid_amount"),
    ("amount_over_sepa_maximum", ctx(3, "n3"), payment(amount_cents=100000000000),
     "signed_bytes_invalid_amount"),
    ("currency_lower_case", ctx(3, "n3"), payment(currency="eur"), "signed_bytes_invalid_currency"),
    ("reference_with_spaces", ctx(3, "n3"), payment(reference="12345 67890 128"),
     "signed_bytes_invalid_reference"),
    ("payee_name_control_character", ctx(3, "n3"), payment(payee_name="Kesko\nOyj"),
     "signed_bytes_control_character"),
    ("payee_name_untrimmed", ctx(3, "n3"), payment(payee_name="Kesko Oyj "),
     "signed_bytes_untrimmed"),
    ("payee_name_empty", ctx(3, "n3"), payment(payee_name=""), "signed_bytes_empty_field"),
    ("shown_text_blank", ctx(3, "n3"), payment(shown_text="  "), "signed_bytes_empty_field"),
    ("nonce_too_short", dict(ctx(3, "n3"), nonce="00" * 15), payment(),
     "signed_bytes_invalid_nonce"),
    ("profile_id_with_space", dict(ctx(3, "n3"), profile_id="prof 7"), payment(),
     "signed_bytes_invalid_identifier"),
    ("pin_key_wrong_length", ctx(8, "n8"),
     {"purpose": "pin_change", "new_pin_public_key": "00" * 31}, "signed_bytes_invalid_public_key"),
    ("bio_key_compressed", ctx(9, "n9"),
     {"purpose": "biometric_registration", "biometric_public_key": "02" + "11" * 32},
     "signed_bytes_invalid_public_key"),
]


def main():
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
            {"name": n, "context": c, "approval": a, "error": e} for n, c, a, e in INVALID
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
