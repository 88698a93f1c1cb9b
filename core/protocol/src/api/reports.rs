//! "This was not me": the customer reports an approval they do not recognise.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

/// `POST /v1/approvals/{id}/reports`: the approval is named by the challenge it answered
/// (the receipt keeps it). Needs a session of the same customer.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ApprovalReport {
    /// What the customer wants to add (at most 500 characters).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

/// The bank's answer: the report is recorded and the bank's fraud team will call.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApprovalReportReceipt {
    /// The report's id, to quote when the bank calls.
    pub report_id: String,
    /// The approval reported.
    pub approval_id: String,
    /// What was approved (`payment`, `login`, ...).
    pub purpose: super::Purpose,
    /// When the bank recorded the report (first report; reporting again returns it).
    #[serde(with = "super::wire_time::instant")]
    pub received_at: OffsetDateTime,
}
