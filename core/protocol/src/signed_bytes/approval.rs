//! What is being approved: the purpose-specific fields, in their signed order.

use serde::{Deserialize, Serialize};

use super::encoder::Encoder;
use super::error::SignedBytesError;
use super::fields;
use super::purpose::Purpose;
use super::shown_text_digest;

/// Where a login is used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LoginChannel {
    /// The bank's own mobile app on this device.
    App,
    /// The browser online bank, approved in the app.
    OnlineBank,
}

impl LoginChannel {
    /// The stable code, as written into the signed bytes.
    pub fn code(self) -> &'static str {
        match self {
            LoginChannel::App => "app",
            LoginChannel::OnlineBank => "online_bank",
        }
    }
}

/// One approval's purpose-specific fields. JSON form: `{"purpose": "payment", ...}`.
///
/// `shown_text` is the exact text the customer saw on the confirmation screen; the bytes
/// carry its SHA-256 (dynamic linking), and the receipt keeps the text.
///
/// `Debug` prints only the purpose: the fields hold personal data (payee, document names).
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "purpose", rename_all = "snake_case", deny_unknown_fields)]
pub enum Approval {
    /// Registering this device: proves possession of both new keys.
    Registration {
        /// K_dev's public key, uncompressed SEC1 P-256 (65 bytes, hex in JSON).
        #[serde(with = "crate::hex_bytes")]
        device_public_key: Vec<u8>,
        /// K_pin's public key, Ed25519 (32 bytes, hex in JSON).
        #[serde(with = "crate::hex_bytes")]
        pin_public_key: Vec<u8>,
        /// The name the customer gave the profile.
        profile_name: String,
    },
    /// Logging in.
    Login {
        /// Where the login is used.
        channel: LoginChannel,
        /// The text on the approval screen.
        shown_text: String,
    },
    /// Confirming a payment.
    Payment {
        /// The amount in cents (1 to 99 999 999 999).
        amount_cents: u64,
        /// ISO 4217 code, upper case ("EUR").
        currency: String,
        /// The payee's IBAN in electronic format ("FI2112345600000785").
        payee_iban: String,
        /// The payee's name.
        payee_name: String,
        /// The reference in electronic format, or empty when the payment has a message.
        reference: String,
        /// The confirmation text shown to the customer.
        shown_text: String,
    },
    /// Confirming a transfer between two accounts of the same customer.
    OwnTransfer {
        /// The amount in cents (1 to 99 999 999 999).
        amount_cents: u64,
        /// ISO 4217 code, upper case ("EUR").
        currency: String,
        /// The IBAN of the account the money leaves, electronic format.
        from_iban: String,
        /// The IBAN of the account it goes to, electronic format.
        to_iban: String,
        /// The confirmation text shown to the customer.
        shown_text: String,
    },
    /// Strong identification for a third party.
    ThirdPartyIdentification {
        /// Who asks ("Verohallinto").
        requester: String,
        /// The identification broker relaying the request.
        broker: String,
        /// The bank's identifier of the request (push messages carry only this).
        request_id: String,
        /// The text on the approval screen.
        shown_text: String,
    },
    /// Signing a document.
    DocumentSigning {
        /// The bank's identifier of the document.
        document_id: String,
        /// The document's title as shown.
        document_title: String,
        /// SHA-256 of the document's content (32 bytes, hex in JSON).
        #[serde(with = "crate::hex_bytes")]
        document_sha256: Vec<u8>,
        /// The text on the approval screen.
        shown_text: String,
    },
    /// Replacing K_pin after a PIN change; signed with the old K_pin and K_dev.
    PinChange {
        /// The new K_pin's public key, Ed25519 (32 bytes, hex in JSON).
        #[serde(with = "crate::hex_bytes")]
        new_pin_public_key: Vec<u8>,
    },
    /// Registering K_bio; signed with K_pin and K_dev.
    BiometricRegistration {
        /// K_bio's public key, uncompressed SEC1 P-256 (65 bytes, hex in JSON).
        #[serde(with = "crate::hex_bytes")]
        biometric_public_key: Vec<u8>,
    },
    /// Removing a trusted device.
    DeviceRemoval {
        /// The server's identifier of the device to remove (may be this device).
        target_device_id: String,
        /// The text on the approval screen.
        shown_text: String,
    },
}

impl Approval {
    /// The purpose these fields are for.
    pub fn purpose(&self) -> Purpose {
        match self {
            Approval::Registration { .. } => Purpose::Registration,
            Approval::Login { .. } => Purpose::Login,
            Approval::Payment { .. } => Purpose::Payment,
            Approval::OwnTransfer { .. } => Purpose::OwnTransfer,
            Approval::ThirdPartyIdentification { .. } => Purpose::ThirdPartyIdentification,
            Approval::DocumentSigning { .. } => Purpose::DocumentSigning,
            Approval::PinChange { .. } => Purpose::PinChange,
            Approval::BiometricRegistration { .. } => Purpose::BiometricRegistration,
            Approval::DeviceRemoval { .. } => Purpose::DeviceRemoval,
        }
    }

    /// The text shown to the customer, for purposes that show one.
    pub fn shown_text(&self) -> Option<&str> {
        match self {
            Approval::Login { shown_text, .. }
            | Approval::Payment { shown_text, .. }
            | Approval::OwnTransfer { shown_text, .. }
            | Approval::ThirdPartyIdentification { shown_text, .. }
            | Approval::DocumentSigning { shown_text, .. }
            | Approval::DeviceRemoval { shown_text, .. } => Some(shown_text),
            Approval::Registration { .. }
            | Approval::PinChange { .. }
            | Approval::BiometricRegistration { .. } => None,
        }
    }

    /// Checks every field, then writes them in their signed order. Nothing is written for
    /// an approval that fails a check, so a half-encoded value never escapes.
    pub(super) fn encode_fields(&self, out: &mut Encoder) -> Result<(), SignedBytesError> {
        match self {
            Approval::Registration {
                device_public_key,
                pin_public_key,
                profile_name,
            } => {
                let dev = fields::p256_public_key("device_public_key", device_public_key)?;
                let pin = fields::ed25519_public_key("pin_public_key", pin_public_key)?;
                let name = fields::text("profile_name", profile_name)?;
                out.bytes(dev);
                out.bytes(pin);
                out.text(&name);
            }
            Approval::Login {
                channel,
                shown_text,
            } => {
                fields::shown_text(shown_text)?;
                out.text(channel.code());
                out.bytes(&shown_text_digest(shown_text));
            }
            Approval::Payment {
                amount_cents,
                currency,
                payee_iban,
                payee_name,
                reference,
                shown_text,
            } => {
                let amount = fields::amount(*amount_cents)?;
                let currency = fields::currency(currency)?;
                let iban = fields::iban(payee_iban)?;
                let name = fields::text("payee_name", payee_name)?;
                let reference = fields::reference(reference)?;
                fields::shown_text(shown_text)?;
                out.u64(amount);
                out.text(currency);
                out.text(iban);
                out.text(&name);
                out.text(reference);
                out.bytes(&shown_text_digest(shown_text));
            }
            Approval::OwnTransfer {
                amount_cents,
                currency,
                from_iban,
                to_iban,
                shown_text,
            } => {
                let amount = fields::amount(*amount_cents)?;
                let currency = fields::currency(currency)?;
                let from = fields::iban(from_iban)?;
                let to = fields::iban(to_iban)?;
                fields::shown_text(shown_text)?;
                out.u64(amount);
                out.text(currency);
                out.text(from);
                out.text(to);
                out.bytes(&shown_text_digest(shown_text));
            }
            Approval::ThirdPartyIdentification {
                requester,
                broker,
                request_id,
                shown_text,
            } => {
                let requester = fields::text("requester", requester)?;
                let broker = fields::text("broker", broker)?;
                let request_id = fields::identifier("request_id", request_id)?;
                fields::shown_text(shown_text)?;
                out.text(&requester);
                out.text(&broker);
                out.text(request_id);
                out.bytes(&shown_text_digest(shown_text));
            }
            Approval::DocumentSigning {
                document_id,
                document_title,
                document_sha256,
                shown_text,
            } => {
                let id = fields::identifier("document_id", document_id)?;
                let title = fields::text("document_title", document_title)?;
                let digest = fields::sha256("document_sha256", document_sha256)?;
                fields::shown_text(shown_text)?;
                out.text(id);
                out.text(&title);
                out.bytes(digest);
                out.bytes(&shown_text_digest(shown_text));
            }
            Approval::PinChange { new_pin_public_key } => {
                out.bytes(fields::ed25519_public_key(
                    "new_pin_public_key",
                    new_pin_public_key,
                )?);
            }
            Approval::BiometricRegistration {
                biometric_public_key,
            } => {
                out.bytes(fields::p256_public_key(
                    "biometric_public_key",
                    biometric_public_key,
                )?);
            }
            Approval::DeviceRemoval {
                target_device_id,
                shown_text,
            } => {
                let target = fields::identifier("target_device_id", target_device_id)?;
                fields::shown_text(shown_text)?;
                out.text(target);
                out.bytes(&shown_text_digest(shown_text));
            }
        }
        Ok(())
    }
}

impl std::fmt::Debug for Approval {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Approval({}, [redacted])", self.purpose())
    }
}
