//! The app's API grouped by area: each sub-handle borrows the [`Avain`] it came from and
//! holds the calls of one area, so the root keeps only what is about the app and its
//! profiles (registration, login, profiles, PIN change, biometrics, language, the OS
//! policy). A handle is `Copy` and its calls take it by value, so a future does not
//! borrow a temporary: `avain.payments().start_payment(draft).await`.

use super::Avain;

/// Accounts, transactions, e-invoices and payments (typed or from a virtual barcode, with
/// the SMS step-up for a new payee): [`Avain::payments`].
#[derive(Debug, Clone, Copy)]
pub struct Payments<'a>(pub(super) &'a Avain);

/// Receipts of every approval on this device and the "this was not me" report:
/// [`Avain::receipts`].
#[derive(Debug, Clone, Copy)]
pub struct Receipts<'a>(pub(super) &'a Avain);

/// Requests the bank pushes to the app, answered without an app login: a third party's
/// identification and a browser online-bank login: [`Avain::identification`].
#[derive(Debug, Clone, Copy)]
pub struct Identification<'a>(pub(super) &'a Avain);

/// Video meetings with the bank's expert: [`Avain::meetings`].
#[derive(Debug, Clone, Copy)]
pub struct Meetings<'a>(pub(super) &'a Avain);

/// The signing service: [`Avain::documents`].
#[derive(Debug, Clone, Copy)]
pub struct Documents<'a>(pub(super) &'a Avain);

/// The secure inbox: [`Avain::inbox`].
#[derive(Debug, Clone, Copy)]
pub struct Inbox<'a>(pub(super) &'a Avain);

/// The customer's trusted devices: [`Avain::devices`].
#[derive(Debug, Clone, Copy)]
pub struct Devices<'a>(pub(super) &'a Avain);

/// The blocking service (24/7): its numbers, blocking codes and cards:
/// [`Avain::blocking_service`].
#[derive(Debug, Clone, Copy)]
pub struct BlockingService<'a>(pub(super) &'a Avain);

impl Avain {
    /// Accounts and payments.
    pub fn payments(&self) -> Payments<'_> {
        Payments(self)
    }

    /// Receipts of approvals.
    pub fn receipts(&self) -> Receipts<'_> {
        Receipts(self)
    }

    /// Third parties' identification requests and browser logins.
    pub fn identification(&self) -> Identification<'_> {
        Identification(self)
    }

    /// Video meetings.
    pub fn meetings(&self) -> Meetings<'_> {
        Meetings(self)
    }

    /// The signing service.
    pub fn documents(&self) -> Documents<'_> {
        Documents(self)
    }

    /// The secure inbox.
    pub fn inbox(&self) -> Inbox<'_> {
        Inbox(self)
    }

    /// Trusted devices.
    pub fn devices(&self) -> Devices<'_> {
        Devices(self)
    }

    /// The blocking service.
    pub fn blocking_service(&self) -> BlockingService<'_> {
        BlockingService(self)
    }
}
