//! What a signature is for: the domain that separates one kind of approval from another.

use serde::{Deserialize, Serialize};

/// The purpose of a signature. Its domain string is the first field of the signed bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum Purpose {
    /// Proof of possession of the new K_dev and K_pin when a device registers.
    Registration,
    /// Logging in to the app or to the online bank.
    Login,
    /// Confirming a payment (dynamic linking: amount and payee are signed).
    Payment,
    /// Strong identification for a third party (the tax authority, Kela) through a broker.
    ThirdPartyIdentification,
    /// Signing a document in the signing service.
    DocumentSigning,
    /// Replacing K_pin after a PIN change (signed with the old K_pin).
    PinChange,
    /// Registering K_bio after biometrics were switched on.
    BiometricRegistration,
    /// Removing a trusted device (this one or another).
    DeviceRemoval,
    /// Confirming a transfer between two accounts of the same customer (the amount and
    /// both accounts are signed).
    OwnTransfer,
    /// A purpose this version does not know, read from a challenge of a newer bank. No
    /// [`Approval`](super::Approval) has it, so nothing is ever signed for it: the phone
    /// refuses such a challenge as one for another purpose.
    #[serde(other)]
    Unknown,
}

impl Purpose {
    /// Every purpose the protocol defines, in the order of `docs/protocol.md`.
    pub const ALL: [Purpose; 9] = [
        Purpose::Registration,
        Purpose::Login,
        Purpose::Payment,
        Purpose::ThirdPartyIdentification,
        Purpose::DocumentSigning,
        Purpose::PinChange,
        Purpose::BiometricRegistration,
        Purpose::DeviceRemoval,
        Purpose::OwnTransfer,
    ];

    /// The stable snake_case code, as in JSON.
    pub fn code(self) -> &'static str {
        match self {
            Purpose::Registration => "registration",
            Purpose::Login => "login",
            Purpose::Payment => "payment",
            Purpose::ThirdPartyIdentification => "third_party_identification",
            Purpose::DocumentSigning => "document_signing",
            Purpose::PinChange => "pin_change",
            Purpose::BiometricRegistration => "biometric_registration",
            Purpose::DeviceRemoval => "device_removal",
            Purpose::OwnTransfer => "own_transfer",
            Purpose::Unknown => "unknown",
        }
    }

    /// The domain-separation string written as the first field: `avain/<code>`.
    pub fn domain(self) -> &'static str {
        match self {
            Purpose::Registration => "avain/registration",
            Purpose::Login => "avain/login",
            Purpose::Payment => "avain/payment",
            Purpose::ThirdPartyIdentification => "avain/third_party_identification",
            Purpose::DocumentSigning => "avain/document_signing",
            Purpose::PinChange => "avain/pin_change",
            Purpose::BiometricRegistration => "avain/biometric_registration",
            Purpose::DeviceRemoval => "avain/device_removal",
            Purpose::OwnTransfer => "avain/own_transfer",
            Purpose::Unknown => "avain/unknown",
        }
    }

    /// Parses a code as returned by [`Purpose::code`].
    pub fn from_code(code: &str) -> Option<Purpose> {
        Purpose::ALL.into_iter().find(|p| p.code() == code)
    }
}

impl std::fmt::Display for Purpose {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}
