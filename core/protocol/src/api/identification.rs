//! Strong identification for third parties (Verohallinto, Kela, ...) through a broker.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::{Challenge, DeviceState};

/// Where an identification request is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IdentificationStatus {
    /// Waits for the customer.
    Pending,
    /// The customer approved it.
    Approved,
    /// The customer refused it.
    Rejected,
    /// Nobody answered in time.
    Expired,
    /// A value this version of the app does not know (the bank added one after it was
    /// released): read without failing, shown neutrally. Never sent.
    #[serde(other)]
    Unknown,
}

/// A third party's request to identify the customer. The push notification that announces
/// it carries only its id; the app fetches the rest from the bank.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdentificationRequest {
    /// The request's id.
    pub request_id: String,
    /// The service asking ("Verohallinto", "Kela").
    pub service_name: String,
    /// The identification broker it came through.
    pub broker_name: String,
    /// What the service receives: "name", "hetu".
    pub attributes: Vec<String>,
    /// Its state.
    pub status: IdentificationStatus,
    /// When it stops being answerable.
    #[serde(with = "super::wire_time::instant")]
    pub expires_at: OffsetDateTime,
}

/// `POST /v1/identification-requests/{id}/challenge`: the profile that will answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IdentificationChallengeRequest {
    /// The answering profile.
    pub profile_id: String,
    /// The phone's current OS and app versions.
    pub device: DeviceState,
}

/// The request and the challenge to approve it with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdentificationApproval {
    /// What is asked.
    pub request: IdentificationRequest,
    /// The challenge; its `requester` names the service and the broker.
    pub challenge: Challenge,
}

/// `POST /v1/identification-requests/{id}/reject`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IdentificationReject {
    /// The profile refusing.
    pub profile_id: String,
}
