//! The canonical form of each kind of field, checked before anything is encoded.
//!
//! "Canonical" means one byte string per meaning: an IBAN has no spaces and is upper case,
//! text is NFC, keys have their fixed lengths. A value that is not canonical is refused
//! rather than silently rewritten, except Unicode normalisation, which a customer cannot
//! see and which device and server both apply.

use unicode_normalization::UnicodeNormalization;

use super::error::SignedBytesError;
use crate::rules::payments::MAX_AMOUNT_CENTS;

/// Longest identifier (profile, device, request, document ids).
pub(super) const MAX_IDENTIFIER: usize = 128;
/// Longest name or title, in UTF-8 bytes after normalisation.
pub(super) const MAX_TEXT: usize = 256;
/// Longest text shown to the customer, in UTF-8 bytes.
pub(super) const MAX_SHOWN_TEXT: usize = 4096;
const NONCE_MIN: usize = 16;
const NONCE_MAX: usize = 64;
const REFERENCE_MAX: usize = 25;

pub(super) fn check_nonce(nonce: &[u8]) -> Result<(), SignedBytesError> {
    if (NONCE_MIN..=NONCE_MAX).contains(&nonce.len()) {
        Ok(())
    } else {
        Err(SignedBytesError::InvalidNonce)
    }
}

/// A server identifier: 1 to 128 printable ASCII characters, no spaces.
pub(super) fn identifier<'a>(
    field: &'static str,
    value: &'a str,
) -> Result<&'a str, SignedBytesError> {
    if value.is_empty() {
        return Err(SignedBytesError::EmptyField { field });
    }
    if value.len() > MAX_IDENTIFIER {
        return Err(SignedBytesError::FieldTooLong {
            field,
            max: MAX_IDENTIFIER,
        });
    }
    if !value.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(SignedBytesError::InvalidIdentifier { field });
    }
    Ok(value)
}

/// A name or title: non-empty, no control characters, no surrounding whitespace, NFC.
pub(super) fn text(field: &'static str, value: &str) -> Result<String, SignedBytesError> {
    if value.is_empty() {
        return Err(SignedBytesError::EmptyField { field });
    }
    if value.chars().any(char::is_control) {
        return Err(SignedBytesError::ControlCharacter { field });
    }
    if value.trim() != value {
        return Err(SignedBytesError::Untrimmed { field });
    }
    let normalized: String = value.nfc().collect();
    if normalized.len() > MAX_TEXT {
        return Err(SignedBytesError::FieldTooLong {
            field,
            max: MAX_TEXT,
        });
    }
    Ok(normalized)
}

/// The text shown to the customer is hashed exactly as shown: only presence and size are
/// checked (it may hold line breaks).
pub(super) fn shown_text(value: &str) -> Result<(), SignedBytesError> {
    let field = "shown_text";
    if value.trim().is_empty() {
        return Err(SignedBytesError::EmptyField { field });
    }
    if value.len() > MAX_SHOWN_TEXT {
        return Err(SignedBytesError::FieldTooLong {
            field,
            max: MAX_SHOWN_TEXT,
        });
    }
    Ok(())
}

pub(super) fn amount(cents: u64) -> Result<u64, SignedBytesError> {
    if (1..=MAX_AMOUNT_CENTS).contains(&cents) {
        Ok(cents)
    } else {
        Err(SignedBytesError::InvalidAmount)
    }
}

/// ISO 4217 alphabetic code, upper case ("EUR").
pub(super) fn currency(value: &str) -> Result<&str, SignedBytesError> {
    if value.len() == 3 && value.bytes().all(|b| b.is_ascii_uppercase()) {
        Ok(value)
    } else {
        Err(SignedBytesError::InvalidCurrency)
    }
}

/// An IBAN in electronic format: country letters, check digits, 11 to 30 upper-case
/// letters or digits, no spaces. The checksum is the payments module's business; here the
/// point is that one account has exactly one spelling.
pub(super) fn iban(value: &str) -> Result<&str, SignedBytesError> {
    let b = value.as_bytes();
    let shape = (15..=34).contains(&b.len())
        && b[..2].iter().all(u8::is_ascii_uppercase)
        && b[2..4].iter().all(u8::is_ascii_digit)
        && b[4..]
            .iter()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
    if shape {
        Ok(value)
    } else {
        Err(SignedBytesError::InvalidIban)
    }
}

/// A creditor reference in electronic format (Finnish digits or RF, upper case, no
/// spaces), or empty when the payment carries a message instead.
pub(super) fn reference(value: &str) -> Result<&str, SignedBytesError> {
    let ok = value.len() <= REFERENCE_MAX
        && value
            .bytes()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
    if ok {
        Ok(value)
    } else {
        Err(SignedBytesError::InvalidReference)
    }
}

/// An uncompressed SEC1 P-256 public key: 0x04, then X and Y (65 bytes).
pub(super) fn p256_public_key<'a>(
    field: &'static str,
    value: &'a [u8],
) -> Result<&'a [u8], SignedBytesError> {
    if value.len() == 65 && value[0] == 0x04 {
        Ok(value)
    } else {
        Err(SignedBytesError::InvalidPublicKey { field })
    }
}

/// An Ed25519 public key (32 bytes).
pub(super) fn ed25519_public_key<'a>(
    field: &'static str,
    value: &'a [u8],
) -> Result<&'a [u8], SignedBytesError> {
    if value.len() == 32 {
        Ok(value)
    } else {
        Err(SignedBytesError::InvalidPublicKey { field })
    }
}

/// A SHA-256 digest (32 bytes).
pub(super) fn sha256<'a>(
    field: &'static str,
    value: &'a [u8],
) -> Result<&'a [u8], SignedBytesError> {
    if value.len() == 32 {
        Ok(value)
    } else {
        Err(SignedBytesError::InvalidDigest { field })
    }
}
