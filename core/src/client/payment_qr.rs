//! The payment form filled from an invoice's EPC QR code (the "BCD" payload the
//! platform's scanner hands over): the same checked [`PaymentDraft`] as the virtual
//! barcode fills, plus the payee's name, which the QR code carries. Pure: "today" (for the
//! Finnish BIC table) is an argument.

use time::Date;

use super::payment_form::{PaymentDraft, PaymentField, PaymentFieldError, amount_field};
use crate::error::AvainErrorCode;
use crate::i18n::Language;
use crate::payments::{EpcQr, EpcQrError};

/// A payment form filled from an EPC QR code.
#[derive(Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct QrForm {
    /// The form: payee name, IBAN, the reference or the message, the due date (when the
    /// information line gives one) and the amount (when the code has one). The account
    /// to pay from is for the customer to choose.
    pub draft: PaymentDraft,
    /// The code carries no amount: the customer must type it (the field stays empty).
    pub amount_required: bool,
    /// The guideline's version: 1 (BIC mandatory) or 2 (BIC optional).
    pub version: u8,
    /// The payee bank's BIC as the code gives it, upper case; checked against the
    /// Finnish BIC table for Finnish accounts.
    pub bic: Option<String>,
}

impl std::fmt::Debug for QrForm {
    /// Codes only: names, IBANs and texts are personal data and stay out of logs.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("QrForm")
            .field("draft", &self.draft)
            .field("amount_required", &self.amount_required)
            .field("version", &self.version)
            .finish_non_exhaustive()
    }
}

/// Fills a form from an EPC QR code's text. A problem is reported at the form's field it
/// concerns (the payee's name, IBAN, amount, reference, message, due date), or at
/// [`PaymentField::QrCode`] when the code as a whole is not usable.
pub fn read_qr(lang: Language, text: &str, today: Date) -> Result<QrForm, PaymentFieldError> {
    let qr = EpcQr::parse(text, today).map_err(|e| PaymentFieldError {
        field: field_of(e),
        code: AvainErrorCode::from(e),
        message: e.message(lang),
    })?;
    Ok(QrForm {
        draft: PaymentDraft {
            payee_name: qr.name().to_owned(),
            payee_iban: qr.iban().print_form(),
            amount: qr
                .amount()
                .map(|m| amount_field(lang, m))
                .unwrap_or_default(),
            reference: qr.reference().map(|r| r.display_form()).unwrap_or_default(),
            message: qr.message().unwrap_or_default().to_owned(),
            due_date: qr
                .due_date()
                .map(crate::confirmation::finnish_date)
                .unwrap_or_default(),
            ..PaymentDraft::default()
        },
        amount_required: qr.amount().is_none(),
        version: qr.version().number(),
        bic: qr.bic().map(str::to_owned),
    })
}

/// The form's field a QR code's problem belongs to.
fn field_of(error: EpcQrError) -> PaymentField {
    match error {
        EpcQrError::MissingName | EpcQrError::NameTooLong | EpcQrError::InvalidName => {
            PaymentField::PayeeName
        }
        // The BIC names the payee's bank: it belongs with the account.
        EpcQrError::MissingBic
        | EpcQrError::InvalidBic
        | EpcQrError::BicMismatch
        | EpcQrError::MissingIban
        | EpcQrError::InvalidIban
        | EpcQrError::IbanNotSepa => PaymentField::PayeeIban,
        EpcQrError::InvalidAmount | EpcQrError::AmountOutOfRange => PaymentField::Amount,
        EpcQrError::InvalidReference => PaymentField::Reference,
        EpcQrError::ReferenceAndMessage
        | EpcQrError::MessageTooLong
        | EpcQrError::InvalidMessage => PaymentField::Message,
        EpcQrError::InvalidDueDate => PaymentField::DueDate,
        EpcQrError::TooLong
        | EpcQrError::NotEpc
        | EpcQrError::UnsupportedVersion
        | EpcQrError::UnsupportedCharset
        | EpcQrError::UnsupportedIdentification
        | EpcQrError::InvalidPurpose
        | EpcQrError::InfoTooLong
        | EpcQrError::InvalidInfo
        | EpcQrError::TrailingData => PaymentField::QrCode,
    }
}

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::*;
    use crate::client::payment_form::validate;

    const TODAY: Date = date!(2026 - 12 - 04);

    const FINNISH: &str = "BCD\n002\n1\nSCT\nNDEAFIHH\nHelsingin Energia Oy\n\
                           FI2112345600000785\nEUR1450.94\n\n1234561\n\n\
                           ReqdExctnDt/2026-12-24";

    #[test]
    fn a_finnish_invoice_fills_a_form_that_passes_the_checks() {
        let form = read_qr(Language::Fi, FINNISH, TODAY).unwrap();
        assert_eq!(form.version, 2);
        assert_eq!(form.bic.as_deref(), Some("NDEAFIHH"));
        assert!(!form.amount_required);
        let draft = &form.draft;
        assert_eq!(draft.payee_name, "Helsingin Energia Oy");
        assert_eq!(draft.payee_iban, "FI21 1234 5600 0007 85");
        assert_eq!(draft.amount, "1450,94");
        assert_eq!(draft.reference, "12 34561");
        assert_eq!(draft.message, "");
        assert_eq!(draft.due_date, "24.12.2026");
        let ready = PaymentDraft {
            from_account_id: "acc_anna_current".into(),
            ..draft.clone()
        };
        let valid = validate(Language::Fi, &ready, TODAY).unwrap();
        assert_eq!(valid.amount.cents(), 145_094);
        assert_eq!(valid.due_date, Some(date!(2026 - 12 - 24)));
    }

    #[test]
    fn the_guidelines_example_has_a_message_and_english_amount() {
        let text = "BCD\n001\n1\nSCT\nBPOTBEB1\nRed Cross of Belgium\nBE72000000001616\n\
                    EUR1\nCHAR\n\nUrgency fund\nSample EPC QR code";
        let form = read_qr(Language::En, text, TODAY).unwrap();
        assert_eq!(form.version, 1);
        assert_eq!(form.draft.amount, "1.00");
        assert_eq!(form.draft.message, "Urgency fund");
        assert_eq!(form.draft.reference, "");
        assert_eq!(form.draft.due_date, "");
    }

    #[test]
    fn no_amount_leaves_the_field_empty() {
        let text = FINNISH.replace("EUR1450.94", "");
        let form = read_qr(Language::Sv, &text, TODAY).unwrap();
        assert!(form.amount_required);
        assert_eq!(form.draft.amount, "");
    }

    #[test]
    fn errors_name_their_field() {
        let cases = [
            (
                "not a qr code",
                PaymentField::QrCode,
                AvainErrorCode::QrNotEpc,
            ),
            (
                &*FINNISH.replace("Helsingin Energia Oy", ""),
                PaymentField::PayeeName,
                AvainErrorCode::QrMissingName,
            ),
            (
                &*FINNISH.replace("NDEAFIHH", "OKOYFIHH"),
                PaymentField::PayeeIban,
                AvainErrorCode::QrBicMismatch,
            ),
            (
                &*FINNISH.replace("EUR1450.94", "EUR1450,94"),
                PaymentField::Amount,
                AvainErrorCode::QrInvalidAmount,
            ),
            (
                &*FINNISH.replace("1234561", "1234562"),
                PaymentField::Reference,
                AvainErrorCode::QrInvalidReference,
            ),
            (
                &*FINNISH.replace("2026-12-24", "2026-13-24"),
                PaymentField::DueDate,
                AvainErrorCode::QrInvalidDueDate,
            ),
        ];
        for (text, field, code) in cases {
            let error = read_qr(Language::Sv, text, TODAY).unwrap_err();
            assert_eq!((error.field, error.code), (field, code));
            assert!(!error.message.starts_with("payments-"), "{}", error.message);
        }
    }

    #[test]
    fn debug_hides_the_payee() {
        let form = read_qr(Language::Fi, FINNISH, TODAY).unwrap();
        let debug = format!("{form:?}");
        assert!(
            !debug.contains("Helsingin") && !debug.contains("FI21"),
            "{debug}"
        );
    }
}
