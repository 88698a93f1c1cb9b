//! The online bank's page "Ota käyttöön lisäpalvelut" / "Ta i bruk tilläggstjänster"
//! (activate additional services): the mobile number the bank sends its codes to and the
//! SMS additional service, which registration of the code app and new payees need.

use serde::{Deserialize, Serialize};

use super::{KeyCardChallenge, Personal, Secret};

/// `GET /v1/online-bank/extra-services`: what is set now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExtraServices {
    /// The mobile number, masked ("+358 40 *** **67"); `None` when none is saved.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone_hint: Option<String>,
    /// Whether the SMS additional service is on.
    pub sms_service: bool,
}

/// `POST /v1/online-bank/phone-changes`: the new mobile number, in a Finnish or E.164 form
/// (`rules::phone::normalize_mobile`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PhoneChangeStart {
    /// The new number as typed.
    pub phone: Personal,
}

/// The answer: an SMS code went to the new number and a key-card code is asked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PhoneChangeStarted {
    /// The key-card code asked and the change's id.
    pub key_card: KeyCardChallenge,
    /// Where the SMS code went (the new number), masked.
    pub phone_hint: String,
}

/// `POST /v1/online-bank/phone-changes/{id}`: the SMS code and the key-card code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PhoneChangeFinish {
    /// The code sent to the new number.
    pub sms_code: Secret,
    /// The key-card code asked.
    pub key_card_code: Secret,
}

/// `PUT /v1/online-bank/sms-service`: switch the SMS additional service on or off.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SmsServiceChange {
    /// On (needs a saved mobile number) or off.
    pub enabled: bool,
}
