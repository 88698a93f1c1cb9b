//! Sandbox-only endpoints (`/v1/sandbox/...`): what a test or the demo uses to play the
//! customer's phone, the clock, the bank's expert and a third party's broker. A real bank
//! has none of these.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::{Base64Bytes, CustomerKind, IdentificationStatus, Personal, Secret};

/// How a message left the bank.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    /// Text message to the customer's phone number.
    Sms,
    /// Push notification to a registered device.
    Push,
    /// E-mail (alerts, meeting confirmations and invitations).
    Email,
    /// A value this version of the app does not know (the bank added one after it was
    /// released): read without failing, shown neutrally. Never sent.
    #[serde(other)]
    Unknown,
}

/// One SMS, push or e-mail the bank sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboxMessage {
    /// Increasing id: ask for `?after=` the last one seen.
    pub id: u64,
    /// SMS, push or e-mail.
    pub channel: Channel,
    /// The customer's user id.
    pub user_id: String,
    /// Phone number (SMS) or profile id (push).
    pub to: Personal,
    /// What kind of message: "registration_sms_code", "profile_unlocked", ...
    pub kind: String,
    /// The text, for SMS and e-mail. Push notifications carry no text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<Secret>,
    /// A push notification's only data: the id of what to fetch (e.g. an identification
    /// request).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub push_data: Option<String>,
    /// When it was sent (sandbox clock).
    #[serde(with = "super::wire_time::instant")]
    pub sent_at: OffsetDateTime,
}

/// `GET /v1/sandbox/outbox`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outbox {
    /// Oldest first.
    pub messages: Vec<OutboxMessage>,
}

/// `POST /v1/sandbox/clock`: exactly one of the fields.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClockChange {
    /// Freeze the clock at this time.
    #[serde(
        default,
        with = "super::wire_time::instant_option",
        skip_serializing_if = "Option::is_none"
    )]
    pub set: Option<OffsetDateTime>,
    /// Move the clock by this many seconds (frozen or not).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub advance_s: Option<i64>,
    /// Go back to the real time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub real: Option<bool>,
}

/// The sandbox clock.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClockState {
    /// The bank's "now".
    #[serde(with = "super::wire_time::instant")]
    pub now: OffsetDateTime,
    /// Whether the clock stands still (set) or runs (real time plus an offset).
    pub frozen: bool,
}

/// A demo customer with every credential, as printed by `avain-sandbox serve`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DemoCustomer {
    /// Online-bank user id.
    pub user_id: String,
    /// Password.
    pub password: Secret,
    /// Name.
    pub name: String,
    /// Private or business.
    pub kind: CustomerKind,
    /// Personal identity code.
    pub hetu: Secret,
    /// Mobile number, if registered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<Personal>,
    /// Whether the SMS service is on.
    pub sms_service: bool,
    /// Language at the bank.
    pub language: String,
    /// The key-code card: code number `n` is `key_card[n - 1]`.
    pub key_card: Vec<Secret>,
    /// What this customer is for in tests and the demo.
    pub note: String,
}

/// `GET /v1/sandbox/customers`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DemoCustomerList {
    /// Every seeded customer.
    pub customers: Vec<DemoCustomer>,
}

/// The bank's public keys, for configuring a client against this sandbox.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BankKeys {
    /// P-256 key (SEC1 uncompressed) that signs challenges.
    pub challenge_key: Base64Bytes,
    /// P-256 key (SEC1 uncompressed) that signs OS policies.
    pub policy_key: Base64Bytes,
    /// The `key_id` the policy envelopes name.
    pub policy_key_id: String,
}

/// `POST /v1/sandbox/meetings/{code}/identifiers`: the expert issues a participant's
/// identifier.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IssueIdentifier {
    /// The participant's user id.
    pub user_id: String,
}

/// The identifier the expert reads out to one participant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssuedIdentifier {
    /// Six digits.
    pub identifier: Secret,
}

/// `POST /v1/sandbox/broker/identification-requests`: a third party asks, through its
/// broker, to identify a customer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BrokerRequest {
    /// The service ("Verohallinto", "Kela").
    pub service_name: String,
    /// The customer the service wants to identify (the broker knows them by user id).
    pub user_id: String,
}

/// The broker's view of a request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BrokerResult {
    /// The request.
    pub request_id: String,
    /// Its status.
    pub status: IdentificationStatus,
    /// The identified person's name, once approved.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// `POST /v1/sandbox/messages`: the bank writes to a customer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BankMessage {
    /// The customer.
    pub user_id: String,
    /// Subject.
    pub subject: String,
    /// Text.
    pub body: String,
    /// Whether the law requires an alert (price or term changes).
    pub important: bool,
}

/// `POST /v1/sandbox/broker/other-bank-identifications`: the broker has identified a
/// meeting guest with another bank's codes (the sandbox plays broker and other bank).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OtherBankIdentification {
    /// The transaction from [`GuestJoinStarted`](super::GuestJoinStarted).
    pub state: super::Secret,
    /// The name the other bank knows.
    pub name: String,
    /// The other bank ("Nordea", "Danske Bank").
    pub bank: String,
}

/// The broker's signed assertion, for `POST /v1/meeting-guests/admit`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BrokerAssertion {
    /// Opaque to the guest's app: passed on as it is.
    pub assertion: super::Secret,
}
