//! Finnish payment formats: what the app needs to fill, check and show a payment.
//!
//! - [`Iban`]: ISO 13616 IBANs of every registry country ([`iban_countries`]), with the
//!   Finnish bank and BIC from the bank code ([`finnish_bic`], dated data).
//! - [`DomesticAccount`]: old Finnish account numbers ("123456-785") and their IBAN.
//! - [`FinnishReference`] (viitenumero, 7-3-1) and [`RfReference`] (ISO 11649), or either
//!   as a [`Reference`].
//! - [`Barcode`]: the virtual bank barcode of e-invoices, versions 4 and 5.
//! - [`EpcQr`]: the EPC QR code of invoices ("BCD", EPC069-12 versions 001 and 002).
//! - [`Money`]: integer cents, formatted and parsed the Finnish, Swedish and English way.
//!
//! Every parser returns a typed error with a stable `code()` and a localized
//! `message(lang)`; no error, and no `Debug` output, contains the account number or the
//! reference. Everything here is pure: the only input from outside is the date a BIC
//! lookup applies to, passed in by the caller.

mod barcode;
mod checksum;
mod domestic_account;
mod epc_qr;
pub mod finnish_bic;
mod iban;
pub mod iban_countries;
mod money;
mod payment_reference;
mod reference;
mod reference_error;
mod rf_reference;

pub use barcode::{
    BARCODE_DIGITS, Barcode, BarcodeBuildError, BarcodeError, BarcodeVersion, MAX_BARCODE_CENTS,
};
pub use domestic_account::{DomesticAccount, DomesticAccountError};
pub use epc_qr::{
    DUE_DATE_MARKER, EpcQr, EpcQrError, EpcQrVersion, MAX_EPC_QR_BYTES, MAX_EPC_QR_CENTS,
};
pub use finnish_bic::FinnishBank;
pub use iban::{Iban, IbanError};
pub use money::{Money, MoneyError};
pub use payment_reference::Reference;
pub use reference::{FinnishReference, check_digit as finnish_check_digit};
pub use reference_error::ReferenceError;
pub use rf_reference::RfReference;

use crate::{Language, i18n};

/// The message `payments-<parser>-<code>` (underscores as hyphens) in `lang`.
fn localized(lang: Language, parser: &str, code: &str) -> String {
    i18n::text(
        lang,
        &format!("payments-{parser}-{}", code.replace('_', "-")),
    )
}
