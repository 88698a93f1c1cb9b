import Foundation
import XCTest
@testable import Avain

/// The payment form's formats through the generated bindings.
final class PaymentsTests: XCTestCase {
    let today = CalendarDate(year: 2025, month: 6, day: 1)

    func testAPastedBarcodeFillsThePayment() throws {
        // Finance Finland's bank barcode guide, example invoice 1.
        let payment = try parseBarcode(text: " 479440520200360820048831500000000868516259619897100612\n",
                                       today: today, lang: .fi)
        XCTAssertEqual(payment.version, 4)
        XCTAssertEqual(payment.iban.printForm, "FI79 4405 2020 0360 82")
        XCTAssertEqual(payment.amountCents, 488_315)
        XCTAssertEqual(formatMoney(cents: 488_315, lang: .sv), "4\u{a0}883,15\u{a0}€")
        XCTAssertEqual(payment.reference.kind, .finnish)
        XCTAssertEqual(payment.reference.displayForm, "86851 62596 19897")
        XCTAssertEqual(payment.dueDate, CalendarDate(year: 2010, month: 6, day: 12))
    }

    func testAVersion5BarcodeWithoutAmount() throws {
        let payment = try parseBarcode(text: "573313130010000580000000010000000000000000868624130809",
                                       today: today, lang: .en)
        XCTAssertEqual(payment.version, 5)
        XCTAssertNil(payment.amountCents, "never prefill 0,00 €")
        XCTAssertEqual(payment.reference.kind, .rf)
    }

    func testAnInvoicesEpcQrCodeFillsThePayment() throws {
        // The EPC guideline's example (EPC069-12), version 002.
        let guideline = ["BCD", "002", "1", "SCT", "BPOTBEB1", "Red Cross of Belgium", "BE72000000001616",
                         "EUR1", "CHAR", "", "Urgency fund", "Sample EPC QR code"].joined(separator: "\n")
        let payment = try parseEpcQr(text: guideline, today: today, lang: .en)
        XCTAssertEqual(payment.version, 2)
        XCTAssertEqual(payment.bic, "BPOTBEB1")
        XCTAssertEqual(payment.name, "Red Cross of Belgium")
        XCTAssertEqual(payment.iban.electronic, "BE72000000001616")
        XCTAssertEqual(payment.amountCents, 100)
        XCTAssertNil(payment.reference)
        XCTAssertEqual(payment.message, "Urgency fund")
        // A Finnish invoice: a Finnish reference and the due date in the information line.
        let finnish = "BCD\r\n001\r\n1\r\nSCT\r\nNDEAFIHH\r\nHelsingin Energia Oy\r\nFI2112345600000785\r\n"
            + "EUR145.50\r\n\r\n1234561\r\n\r\nReqdExctnDt/2025-06-30"
        let invoice = try parseEpcQr(text: finnish, today: today, lang: .fi)
        XCTAssertEqual(invoice.reference?.kind, .finnish)
        XCTAssertEqual(invoice.amountCents, 14_550)
        XCTAssertEqual(invoice.dueDate, CalendarDate(year: 2025, month: 6, day: 30))
        XCTAssertThrowsError(try parseEpcQr(text: finnish.replacingOccurrences(of: "001", with: "003"),
                                            today: today, lang: .sv)) { error in
            XCTAssertEqual((error as? AvainError)?.code, AvainErrorCode.qrUnsupportedVersion)
        }
    }

    func testADamagedBarcodeIsInvalidInputInEveryLanguage() {
        var messages = Set<String>()
        for lang in [Language.fi, .sv, .en] {
            XCTAssertThrowsError(try parseBarcode(text: "47944052020036082", today: today, lang: lang)) { error in
                guard let error = error as? AvainError, case .InvalidInput = error else {
                    return XCTFail("expected InvalidInput, got \(error)")
                }
                XCTAssertEqual(error.code, AvainErrorCode.barcodeBadLength)
                messages.insert(error.userMessage)
            }
        }
        XCTAssertEqual(messages.count, 3)
    }

    func testIbansReferencesAndMoney() throws {
        let iban = try parseIban(text: "fi21 1234 5600 0007 85", today: today, lang: .fi)
        XCTAssertEqual(iban.bic, "NDEAFIHH")
        XCTAssertEqual(try domesticAccountToIban(text: "123456-785", today: today, lang: .fi).electronic,
                       "FI2112345600000785")
        XCTAssertEqual(try createFinnishReference(base: "123456", lang: .fi).electronic, "1234561")
        XCTAssertEqual(try parseMoney(text: "1 234,50", lang: .fi), 123_450)
        XCTAssertThrowsError(try parseMoney(text: "-5", lang: .en)) { error in
            XCTAssertEqual((error as? AvainError)?.code, AvainErrorCode.amountNegative)
        }
    }
}
