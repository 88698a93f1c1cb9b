//! Finnish payment formats for the payment form: IBAN, references, the virtual barcode
//! of e-invoices and money. Every check and every format is the core's
//! (`avain_core::payments`); this file adapts types. All pure: no I/O.

use avain_core::Language;
use avain_core::payments::{
    Barcode, BarcodeVersion, DomesticAccount, EpcQr, FinnishReference, Iban, Money, Reference,
};

use avain_protocol::uniffi_types::CalendarDate;

use crate::calendar::day_from_shell;
use crate::error::{AvainError, IntoAvainError};

/// A checked IBAN, ready to show and to send.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct IbanInfo {
    /// Upper case without spaces, as sent to the bank ("FI2112345600000785").
    pub electronic: String,
    /// In groups of four, as shown ("FI21 1234 5600 0007 85").
    pub print_form: String,
    /// The two-letter country code.
    pub country_code: String,
    /// Whether a euro transfer to it is a SEPA credit transfer.
    pub is_sepa: bool,
    /// The Finnish bank's BIC on the given day; `None` for foreign IBANs.
    pub bic: Option<String>,
    /// The Finnish bank's name ("Nordea"); `None` for foreign IBANs.
    pub bank_name: Option<String>,
    /// For Finnish IBANs, whether the old domestic check digit holds. A warning only
    /// (some real accounts fail it): never refuse a payment on it.
    pub account_check_ok: Option<bool>,
}

impl IbanInfo {
    fn new(iban: &Iban, today: time::Date) -> IbanInfo {
        let bank = iban.finnish_bank(today);
        IbanInfo {
            electronic: iban.electronic().to_owned(),
            print_form: iban.print_form(),
            country_code: iban.country_code().to_owned(),
            is_sepa: iban.is_sepa(),
            bic: bank.map(|b| b.bic.to_owned()),
            bank_name: bank.map(|b| b.name.to_owned()),
            account_check_ok: iban.finnish_account_check_ok(),
        }
    }
}

/// Checks an IBAN as typed or pasted (spaces and case do not matter); the Finnish bank
/// is looked up as of `today`.
#[uniffi::export]
pub fn parse_iban(
    text: String,
    today: CalendarDate,
    lang: Language,
) -> Result<IbanInfo, AvainError> {
    let today = day_from_shell(today, lang)?;
    let iban = Iban::parse(&text).map_err(|e| e.into_avain_error(lang))?;
    Ok(IbanInfo::new(&iban, today))
}

/// Converts an old Finnish account number ("123456-785") to its IBAN.
#[uniffi::export]
pub fn domestic_account_to_iban(
    text: String,
    today: CalendarDate,
    lang: Language,
) -> Result<IbanInfo, AvainError> {
    let today = day_from_shell(today, lang)?;
    let account = DomesticAccount::parse(&text).map_err(|e| e.into_avain_error(lang))?;
    Ok(IbanInfo::new(&account.to_iban(), today))
}

/// The two kinds of payment reference.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum ReferenceKind {
    /// A Finnish reference number (viitenumero).
    Finnish,
    /// An international RF creditor reference (ISO 11649).
    Rf,
}

/// A checked payment reference.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct PaymentReference {
    /// Finnish or RF.
    pub kind: ReferenceKind,
    /// As sent to the bank, without spaces ("1234561", "RF18539007547034").
    pub electronic: String,
    /// As shown: Finnish in groups of five from the right ("12 34561"), RF in groups of
    /// four ("RF18 5390 0754 7034").
    pub display_form: String,
    /// The RF form of the same reference (a Finnish one wrapped in RF).
    pub rf_form: String,
}

impl PaymentReference {
    fn new(reference: &Reference) -> PaymentReference {
        PaymentReference {
            kind: match reference {
                Reference::Finnish(_) => ReferenceKind::Finnish,
                Reference::Rf(_) => ReferenceKind::Rf,
            },
            electronic: reference.machine().to_owned(),
            display_form: reference.display_form(),
            rf_form: reference.to_rf().electronic().to_owned(),
        }
    }
}

/// Checks a reference as typed: Finnish ("12 34561") or RF ("RF18 5390 0754 7034").
#[uniffi::export]
pub fn parse_reference(text: String, lang: Language) -> Result<PaymentReference, AvainError> {
    Reference::parse(&text)
        .map(|r| PaymentReference::new(&r))
        .map_err(|e| e.into_avain_error(lang))
}

/// Makes a Finnish reference from its base number by adding the check digit
/// ("123456" -> "1234561").
#[uniffi::export]
pub fn create_finnish_reference(
    base: String,
    lang: Language,
) -> Result<PaymentReference, AvainError> {
    FinnishReference::from_base(&base)
        .map(|r| PaymentReference::new(&Reference::Finnish(r)))
        .map_err(|e| e.into_avain_error(lang))
}

/// What a virtual barcode fills into the payment form.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct BarcodePayment {
    /// The barcode version, 4 (Finnish reference) or 5 (RF reference).
    pub version: u8,
    /// The payee's account.
    pub iban: IbanInfo,
    /// The amount in cents, or `None` when the customer must type it (never prefill
    /// 0,00 €).
    pub amount_cents: Option<i64>,
    /// The reference.
    pub reference: PaymentReference,
    /// The due date, if the invoice has one.
    pub due_date: Option<time::Date>,
}

/// Reads a pasted virtual barcode (54 digits, whitespace around it ignored); the payee's
/// bank is looked up as of `today`.
#[uniffi::export]
pub fn parse_barcode(
    text: String,
    today: CalendarDate,
    lang: Language,
) -> Result<BarcodePayment, AvainError> {
    let today = day_from_shell(today, lang)?;
    let barcode = Barcode::parse(&text).map_err(|e| e.into_avain_error(lang))?;
    Ok(BarcodePayment {
        version: match barcode.version() {
            BarcodeVersion::V4 => 4,
            BarcodeVersion::V5 => 5,
        },
        iban: IbanInfo::new(barcode.iban(), today),
        amount_cents: barcode.amount().map(Money::cents),
        reference: PaymentReference::new(barcode.reference()),
        due_date: barcode.due_date(),
    })
}

/// What an invoice's EPC QR code fills into the payment form.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct EpcQrPayment {
    /// The guideline's version: 1 (BIC mandatory) or 2 (BIC optional).
    pub version: u8,
    /// The payee bank's BIC as the code gives it, upper case.
    pub bic: Option<String>,
    /// The payee's name.
    pub name: String,
    /// The payee's account.
    pub iban: IbanInfo,
    /// The amount in cents, or `None` when the customer must type it.
    pub amount_cents: Option<i64>,
    /// The structured reference (RF or Finnish), if any.
    pub reference: Option<PaymentReference>,
    /// The remittance text, if any (never together with a reference).
    pub message: Option<String>,
    /// The due date from the information line (`ReqdExctnDt/YYYY-MM-DD`), if any.
    pub due_date: Option<time::Date>,
}

/// Reads the text of an invoice's EPC QR code ("BCD", EPC069-12 versions 001 and 002);
/// a Finnish account's BIC is checked against its bank's as of `today`.
#[uniffi::export]
pub fn parse_epc_qr(
    text: String,
    today: CalendarDate,
    lang: Language,
) -> Result<EpcQrPayment, AvainError> {
    let today = day_from_shell(today, lang)?;
    let qr = EpcQr::parse(&text, today).map_err(|e| e.into_avain_error(lang))?;
    Ok(EpcQrPayment {
        version: qr.version().number(),
        bic: qr.bic().map(str::to_owned),
        name: qr.name().to_owned(),
        iban: IbanInfo::new(qr.iban(), today),
        amount_cents: qr.amount().map(Money::cents),
        reference: qr.reference().map(PaymentReference::new),
        message: qr.message().map(str::to_owned),
        due_date: qr.due_date(),
    })
}

/// An amount in cents as the customer reads it: "14 505,94 €" in Finnish and Swedish
/// (no-break spaces), "€14,505.94" in English.
#[uniffi::export]
pub fn format_money(cents: i64, lang: Language) -> String {
    Money::from_cents(cents).format(lang)
}

/// Reads an amount as customers type it ("1 234,50", "1234.50", "12 €", "12,-") into
/// cents.
#[uniffi::export]
pub fn parse_money(text: String, lang: Language) -> Result<i64, AvainError> {
    Money::parse(&text)
        .map(Money::cents)
        .map_err(|e| e.into_avain_error(lang))
}

#[cfg(test)]
mod tests {
    use super::*;

    const TODAY: CalendarDate = CalendarDate {
        year: 2025,
        month: 6,
        day: 1,
    };

    #[test]
    fn iban_and_its_bank() {
        let info = parse_iban("fi21 1234 5600 0007 85".into(), TODAY, Language::Fi).unwrap();
        assert_eq!(info.electronic, "FI2112345600000785");
        assert_eq!(info.print_form, "FI21 1234 5600 0007 85");
        assert_eq!(info.bic.as_deref(), Some("NDEAFIHH"));
        assert_eq!(info.account_check_ok, Some(true));
        let error = parse_iban("FI22 1234 5600 0007 85".into(), TODAY, Language::Sv).unwrap_err();
        assert_eq!(error.code(), crate::AvainErrorCode::IbanBadChecksum);
        assert!(matches!(error, AvainError::InvalidInput { .. }));
    }

    #[test]
    fn barcode_fills_the_payment() {
        // Finance Finland's bank barcode guide, example invoice 1.
        let payment = parse_barcode(
            "479440520200360820048831500000000868516259619897100612".into(),
            TODAY,
            Language::Fi,
        )
        .unwrap();
        assert_eq!(payment.version, 4);
        assert_eq!(payment.iban.electronic, "FI7944052020036082");
        assert_eq!(payment.amount_cents, Some(488_315));
        assert_eq!(payment.reference.kind, ReferenceKind::Finnish);
        assert_eq!(payment.reference.display_form, "86851 62596 19897");
        assert_eq!(payment.due_date, Some(time::macros::date!(2010 - 06 - 12)));
        let error = parse_barcode("12345".into(), TODAY, Language::En).unwrap_err();
        assert_eq!(error.code(), crate::AvainErrorCode::BarcodeBadLength);
    }

    #[test]
    fn epc_qr_fills_the_payment() {
        // The EPC guideline's example (EPC069-12), version 002.
        let text = "BCD\n002\n1\nSCT\nBPOTBEB1\nRed Cross of Belgium\nBE72000000001616\n\
                    EUR1\nCHAR\n\nUrgency fund\nSample EPC QR code";
        let payment = parse_epc_qr(text.into(), TODAY, Language::Fi).unwrap();
        assert_eq!(payment.version, 2);
        assert_eq!(payment.bic.as_deref(), Some("BPOTBEB1"));
        assert_eq!(payment.name, "Red Cross of Belgium");
        assert_eq!(payment.iban.electronic, "BE72000000001616");
        assert_eq!(payment.amount_cents, Some(100));
        assert_eq!(payment.reference, None);
        assert_eq!(payment.message.as_deref(), Some("Urgency fund"));
        let error = parse_epc_qr("BCD\n003".into(), TODAY, Language::En).unwrap_err();
        assert_eq!(error.code(), crate::AvainErrorCode::QrUnsupportedVersion);
    }

    #[test]
    fn money_both_ways() {
        assert_eq!(
            format_money(1_450_594, Language::Fi),
            "14\u{a0}505,94\u{a0}€"
        );
        assert_eq!(
            parse_money("1 234,50".into(), Language::En).unwrap(),
            123_450
        );
        assert_eq!(
            parse_money("12,345".into(), Language::En)
                .unwrap_err()
                .code(),
            crate::AvainErrorCode::AmountTooManyDecimals
        );
    }

    #[test]
    fn references() {
        let created = create_finnish_reference("123456".into(), Language::Fi).unwrap();
        assert_eq!(created.electronic, "1234561");
        assert_eq!(created.rf_form, "RF341234561");
        let rf = parse_reference("rf18 5390 0754 7034".into(), Language::Fi).unwrap();
        assert_eq!(rf.kind, ReferenceKind::Rf);
        assert_eq!(rf.display_form, "RF18 5390 0754 7034");
    }
}
