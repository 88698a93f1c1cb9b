//! Why a set of fields cannot be encoded. Errors name the field, never its value.

use crate::i18n::{self, Arg, Language};

/// A field that is missing, too long or not in its canonical form.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SignedBytesError {
    /// A required field is empty.
    #[error("signed bytes: field {field} is empty")]
    EmptyField {
        /// The field's name as in `docs/protocol.md`.
        field: &'static str,
    },
    /// A field is longer than the format allows.
    #[error("signed bytes: field {field} is longer than {max} bytes")]
    FieldTooLong {
        /// The field's name.
        field: &'static str,
        /// The largest length allowed, in bytes.
        max: usize,
    },
    /// A text field holds a control character (line break, tab, NUL...).
    #[error("signed bytes: field {field} holds a control character")]
    ControlCharacter {
        /// The field's name.
        field: &'static str,
    },
    /// A text field starts or ends with whitespace.
    #[error("signed bytes: field {field} has surrounding whitespace")]
    Untrimmed {
        /// The field's name.
        field: &'static str,
    },
    /// An identifier is not printable ASCII without spaces.
    #[error("signed bytes: field {field} is not a valid identifier")]
    InvalidIdentifier {
        /// The field's name.
        field: &'static str,
    },
    /// The challenge nonce is not 16 to 64 bytes.
    #[error("signed bytes: the challenge nonce must be 16 to 64 bytes")]
    InvalidNonce,
    /// The amount is zero or above the SEPA maximum.
    #[error("signed bytes: the amount must be 1 to 99999999999 cents")]
    InvalidAmount,
    /// The currency is not three upper-case letters.
    #[error("signed bytes: the currency is not an ISO 4217 code")]
    InvalidCurrency,
    /// The IBAN is not in electronic format (upper case, no spaces).
    #[error("signed bytes: the IBAN is not in electronic format")]
    InvalidIban,
    /// The reference is not in electronic format.
    #[error("signed bytes: the reference is not in electronic format")]
    InvalidReference,
    /// A public key has the wrong length or form.
    #[error("signed bytes: field {field} is not a public key of the expected kind")]
    InvalidPublicKey {
        /// The field's name.
        field: &'static str,
    },
    /// A digest is not 32 bytes.
    #[error("signed bytes: field {field} is not a SHA-256 digest")]
    InvalidDigest {
        /// The field's name.
        field: &'static str,
    },
}

impl SignedBytesError {
    /// The stable snake_case code.
    pub fn code(&self) -> &'static str {
        match self {
            SignedBytesError::EmptyField { .. } => "signed_bytes_empty_field",
            SignedBytesError::FieldTooLong { .. } => "signed_bytes_field_too_long",
            SignedBytesError::ControlCharacter { .. } => "signed_bytes_control_character",
            SignedBytesError::Untrimmed { .. } => "signed_bytes_untrimmed",
            SignedBytesError::InvalidIdentifier { .. } => "signed_bytes_invalid_identifier",
            SignedBytesError::InvalidNonce => "signed_bytes_invalid_nonce",
            SignedBytesError::InvalidAmount => "signed_bytes_invalid_amount",
            SignedBytesError::InvalidCurrency => "signed_bytes_invalid_currency",
            SignedBytesError::InvalidIban => "signed_bytes_invalid_iban",
            SignedBytesError::InvalidReference => "signed_bytes_invalid_reference",
            SignedBytesError::InvalidPublicKey { .. } => "signed_bytes_invalid_public_key",
            SignedBytesError::InvalidDigest { .. } => "signed_bytes_invalid_digest",
        }
    }

    /// The name of the field at fault, as in `docs/protocol.md`.
    pub fn field(&self) -> &'static str {
        match self {
            SignedBytesError::EmptyField { field }
            | SignedBytesError::FieldTooLong { field, .. }
            | SignedBytesError::ControlCharacter { field }
            | SignedBytesError::Untrimmed { field }
            | SignedBytesError::InvalidIdentifier { field }
            | SignedBytesError::InvalidPublicKey { field }
            | SignedBytesError::InvalidDigest { field } => field,
            SignedBytesError::InvalidNonce => "nonce",
            SignedBytesError::InvalidAmount => "amount_cents",
            SignedBytesError::InvalidCurrency => "currency",
            SignedBytesError::InvalidIban => "payee_iban",
            SignedBytesError::InvalidReference => "reference",
        }
    }

    /// The message in `lang`; its id is the code with dashes.
    pub fn message(&self, lang: Language) -> String {
        let id = self.code().replace('_', "-");
        let mut args = vec![("field", Arg::from(self.field()))];
        if let SignedBytesError::FieldTooLong { max, .. } = self {
            args.push(("max", Arg::Number(i64::try_from(*max).unwrap_or(i64::MAX))));
        }
        i18n::text_with(lang, &id, &args)
    }
}
