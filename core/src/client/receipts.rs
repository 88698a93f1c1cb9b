//! Receipts of every approval made on this device (logins, payments, identifications,
//! signatures, device removals, PIN changes...): what was shown, when, with which factor
//! and from which device, kept in the local database (the text sealed). A receipt the
//! customer does not recognise is reported to the bank as "this was not me"; the app
//! then shows the blocking service's numbers.

use std::sync::Arc;

use time::OffsetDateTime;

use avain_protocol::rules::ids::is_id;

use super::{AvainError, Inner, Receipts};
use crate::api::{ApprovalReport, ApprovalReportReceipt};
use crate::error::AvainErrorCode;
use crate::i18n::{self, Arg};
use crate::keys::SecondFactor;
use crate::signed_bytes::Purpose;
use crate::store::Receipt;

/// The most receipts one call lists.
pub const MAX_RECEIPTS: u32 = 500;
/// One approval, as the receipts screen shows it.
#[derive(Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ReceiptInfo {
    /// The receipt's id (pass it to [`Receipts::report_not_me`](crate::client::Receipts::report_not_me)).
    pub receipt_id: String,
    /// What was approved (a login, a payment, a third party's identification...).
    pub purpose: Purpose,
    /// The purpose in the customer's language ("Maksu").
    pub purpose_label: String,
    /// How: with the PIN or biometrics.
    pub factor: SecondFactor,
    /// The exact text the customer saw when approving.
    pub shown_text: String,
    /// When.
    pub approved_at: OffsetDateTime,
    /// The bank's id of the device that approved.
    pub device_id: Option<String>,
    /// That device, as the customer knows it ("Pixel 8, tämä laite").
    pub device_label: String,
    /// When the customer reported it as "this was not me", if they did.
    pub reported_not_me_at: Option<OffsetDateTime>,
}

/// The bank recorded a "this was not me" report.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct NotMeReported {
    /// The bank's id of the report, to quote when the bank calls.
    pub report_id: String,
    /// When the bank recorded it.
    pub received_at: OffsetDateTime,
    /// What happens next, with the blocking service's 24/7 numbers.
    pub message: String,
}

impl Inner {
    fn receipt_info(&self, receipt: Receipt) -> ReceiptInfo {
        let lang = self.lang();
        let purpose = receipt.purpose;
        let device_label = i18n::text_with(
            lang,
            "client-receipt-device-this",
            &[("model", Arg::Text(self.device.model.clone()))],
        );
        ReceiptInfo {
            purpose_label: i18n::text(
                lang,
                &format!(
                    "client-receipt-purpose-{}",
                    purpose.code().replace('_', "-")
                ),
            ),
            purpose,
            factor: receipt.factor,
            receipt_id: receipt.id,
            shown_text: receipt.shown_text,
            approved_at: receipt.approved_at,
            device_id: receipt.server_device_id,
            device_label,
            reported_not_me_at: receipt.reported_not_me_at,
        }
    }

    async fn report_not_me(
        self: &Arc<Self>,
        receipt_id: String,
        comment: Option<String>,
    ) -> Result<NotMeReported, AvainError> {
        let lang = self.lang();
        let comment = avain_protocol::rules::text::report_comment(comment.as_deref())
            .map_err(|_| AvainError::input(lang, AvainErrorCode::ReportCommentInvalid))?;
        let (token, profile_id) = self.session()?;
        let receipts = self
            .store
            .receipts(&profile_id, u32::MAX)
            .map_err(|e| AvainError::from_store(lang, e))?;
        let receipt = receipts
            .into_iter()
            .find(|r| r.id == receipt_id)
            .ok_or_else(|| AvainError::input(lang, AvainErrorCode::ReceiptUnknown))?;
        let approval_id = receipt
            .approval_id
            .clone()
            .filter(|id| is_id(id))
            .ok_or_else(|| AvainError::refused(lang, AvainErrorCode::ReceiptNotReportable))?;
        let answer: ApprovalReportReceipt = self
            .http
            .post(
                &format!("v1/approvals/{approval_id}/reports"),
                &ApprovalReport { comment },
                Some(token.expose()),
            )
            .await
            .map_err(|e| self.bank_error(e))?;
        if answer.approval_id != approval_id || answer.purpose != receipt.purpose {
            return Err(AvainError::refused(lang, AvainErrorCode::ChallengeMismatch));
        }
        self.store
            .report_not_me(&profile_id, &receipt.id, self.now())
            .map_err(|e| AvainError::from_store(lang, e))?;
        tracing::info!(target: "avain::client", receipt = %receipt.id, "reported as not me");
        Ok(NotMeReported {
            message: format!(
                "{} {}",
                i18n::text(lang, "client-report-received"),
                i18n::text(lang, "client-blocking-numbers")
            ),
            report_id: answer.report_id,
            received_at: answer.received_at,
        })
    }
}

impl Receipts<'_> {
    /// The receipts of `profile_id`'s approvals on this device, newest first, at most
    /// `limit` (capped at [`MAX_RECEIPTS`]). Works offline.
    pub async fn list(self, profile_id: &str, limit: u32) -> Result<Vec<ReceiptInfo>, AvainError> {
        let profile_id = profile_id.to_owned();
        self.0
            .local(move |inner| {
                let lang = inner.lang();
                inner.profile(&profile_id)?;
                let receipts = inner
                    .store
                    .receipts(&profile_id, limit.min(MAX_RECEIPTS))
                    .map_err(|e| AvainError::from_store(lang, e))?;
                Ok(receipts
                    .into_iter()
                    .map(|r| inner.receipt_info(r))
                    .collect())
            })
            .await
    }

    /// Reports an approval the customer does not recognise ("this was not me") to the
    /// bank (needs a session of the same profile), with an optional comment, and marks
    /// the receipt. The answer's message gives the blocking service's numbers: if codes
    /// may be in the wrong hands, block them now. Changes persisted state.
    pub async fn report_not_me(
        self,
        receipt_id: String,
        comment: Option<String>,
    ) -> Result<NotMeReported, AvainError> {
        self.0
            .run(move |inner| async move { inner.report_not_me(receipt_id, comment).await })
            .await
    }
}

impl std::fmt::Debug for ReceiptInfo {
    /// Ids and codes only: names, IBANs and texts are personal data and stay out of logs.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ReceiptInfo")
            .field("receipt_id", &self.receipt_id)
            .field("purpose", &self.purpose)
            .field("factor", &self.factor)
            .field("approved_at", &self.approved_at)
            .field("reported_not_me_at", &self.reported_not_me_at)
            .finish_non_exhaustive()
    }
}
