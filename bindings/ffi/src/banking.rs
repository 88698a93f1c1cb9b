//! [`Payments`]: accounts, transactions, e-invoices, payments (typed or from a virtual
//! barcode, with the SMS step-up for a new payee) and transfers between own accounts. Each is a thin call into the core's
//! `Payments`, which checks forms, renders the confirmation text, builds the signed bytes
//! and keeps the receipts.
//!
//! Checking a form and reading a barcode are pure and sync; everything that talks to the
//! bank or the local database is `async`.

use std::sync::Arc;

use avain_core::client::{
    self as core, AccountInfo, ApprovalFactor, BarcodeForm, EInvoiceInfo, PaymentDone,
    PaymentDraft, PaymentFieldError, PaymentInfo, PendingPayment, QrForm, TransactionInfo,
    TransferDraft,
};

use crate::avain::Avain;
use crate::error::AvainError;

/// Accounts and payments: `avain.payments()` in Kotlin and Swift, a view of the one
/// [`Avain`] it came from.
#[derive(uniffi::Object)]
pub struct Payments {
    avain: Arc<core::Avain>,
}

impl std::fmt::Debug for Payments {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Payments").finish_non_exhaustive()
    }
}

impl Payments {
    fn area(&self) -> core::Payments<'_> {
        self.avain.payments()
    }
}

#[uniffi::export]
impl Avain {
    /// Accounts and payments.
    pub fn payments(&self) -> Arc<Payments> {
        Arc::new(Payments {
            avain: Arc::clone(&self.core),
        })
    }
}

#[uniffi::export]
impl Payments {
    /// The customer's accounts with balances (logged in).
    pub async fn accounts(&self) -> Result<Vec<AccountInfo>, AvainError> {
        self.area().accounts().await
    }

    /// An account's booked transactions, newest first (logged in).
    pub async fn transactions(
        &self,
        account_id: String,
    ) -> Result<Vec<TransactionInfo>, AvainError> {
        self.area().transactions(account_id).await
    }

    /// E-invoices waiting to be paid, earliest due first (logged in).
    pub async fn e_invoices(&self) -> Result<Vec<EInvoiceInfo>, AvainError> {
        self.area().e_invoices().await
    }

    /// Payments waiting for the customer's approval, made here or in the online bank,
    /// newest first (logged in).
    pub async fn payments_awaiting_approval(&self) -> Result<Vec<PaymentInfo>, AvainError> {
        self.area().payments_awaiting_approval().await
    }

    /// Fills a payment form from a virtual barcode (pasted or scanned). A damaged
    /// barcode is [`AvainError::InvalidInput`]. Pure: no disk, no network.
    pub fn read_barcode(&self, barcode: String) -> Result<BarcodeForm, AvainError> {
        self.area().read_barcode(barcode)
    }

    /// Fills a payment form from an invoice's EPC QR code (the text the platform's
    /// scanner read): payee name, IBAN, reference or message, due date and amount. A
    /// damaged code is [`AvainError::InvalidInput`]. Pure: no disk, no network.
    pub fn read_qr(&self, text: String) -> Result<QrForm, AvainError> {
        self.area().read_qr(text)
    }

    /// Every problem of a payment form at once, each at its field, in the customer's
    /// language; empty when the form is ready to send. Pure: no disk, no network.
    pub fn check_payment(&self, draft: PaymentDraft) -> Vec<PaymentFieldError> {
        self.area().check_payment(draft)
    }

    /// Sends a new payment to the bank (logged in) and returns what to show for its
    /// approval: the exact confirmation text, and whether an SMS code is needed (a new
    /// payee). Changes persisted state.
    pub async fn start_payment(&self, draft: PaymentDraft) -> Result<PendingPayment, AvainError> {
        self.area().start_payment(draft).await
    }

    /// Every problem of a transfer between own accounts at once, each at its field, in
    /// the customer's language; empty when the form is ready to send. Pure: no disk, no
    /// network.
    pub fn check_transfer(&self, draft: TransferDraft) -> Vec<PaymentFieldError> {
        self.area().check_transfer(draft)
    }

    /// Sends a transfer between two of the customer's own accounts to the bank (logged
    /// in) and returns what to show for its approval: the exact confirmation text with
    /// both accounts and the amount; never an SMS code. Approve it with
    /// [`Payments::confirm_payment`] (no SMS code). An account that is not the
    /// customer's is `not_found`. Changes persisted state.
    pub async fn start_transfer(&self, draft: TransferDraft) -> Result<PendingPayment, AvainError> {
        self.area().start_transfer(draft).await
    }

    /// A new approval for a payment waiting for one (made in the online bank, or whose
    /// approval expired or failed); for a new payee the bank sends a new SMS code.
    /// Changes persisted state.
    pub async fn prepare_payment_approval(
        &self,
        payment_id: String,
    ) -> Result<PendingPayment, AvainError> {
        self.area().prepare_payment_approval(payment_id).await
    }

    /// Approves a pending payment with the PIN or biometrics, plus the SMS code when the
    /// payee is new. After `wrong_pin`, `challenge_expired` or a login since, just try
    /// again: the core renews a challenge that can no longer be answered itself (keeping
    /// an SMS code that is still valid). Changes persisted state.
    pub async fn confirm_payment(
        &self,
        payment_id: String,
        factor: ApprovalFactor,
        sms_code: Option<String>,
    ) -> Result<PaymentDone, AvainError> {
        let done = self
            .area()
            .confirm_payment(payment_id, factor, sms_code)
            .await?;
        Ok(done)
    }

    /// Cancels a payment waiting for approval (or scheduled) at the bank and forgets it
    /// here. Changes persisted state.
    pub async fn cancel_payment(&self, payment_id: String) -> Result<PaymentInfo, AvainError> {
        self.area().cancel_payment(payment_id).await
    }

    /// The payments this profile started approving here and has not finished, oldest
    /// first, with the same confirmation text (after an app restart). Local only.
    pub async fn pending_payments(
        &self,
        profile_id: String,
    ) -> Result<Vec<PendingPayment>, AvainError> {
        self.area().pending_payments(&profile_id).await
    }
}
