import Foundation
import XCTest
@testable import Avain

/// PIN rules, the personal identity code and the app's language through the bindings.
final class PinAndLanguageTests: XCTestCase {
    func testEasySeriesAreRefusedWithReasonsInEveryLanguage() throws {
        var messages = Set<String>()
        for lang in [Language.fi, .sv, .en] {
            let verdict = try checkNewPin(pin: "4321", birthDate: nil, currentPin: nil, lang: lang)
            XCTAssertFalse(verdict.accepted)
            XCTAssertEqual(verdict.problems.first?.reason, .sequence)
            messages.insert(verdict.problems.first?.message ?? "")
        }
        XCTAssertEqual(messages.count, 3)
        XCTAssertTrue(messages.contains(
            "The PIN contains an easy series of digits, such as 1234, 4321, 2468 or 1111."))
    }

    func testTheCustomersBirthDateIsRefused() throws {
        let born = try checkHetu(text: "131052-308T", lang: .fi).birthDate
        for pin in ["131052", "1310", "13101952"] {
            let verdict = try checkNewPin(pin: pin, birthDate: born, currentPin: nil, lang: .fi)
            XCTAssertTrue(verdict.problems.contains { $0.reason == .birthDate }, pin)
        }
    }

    func testAGoodPinIsAcceptedButNotTwice() throws {
        XCTAssertTrue(try checkNewPin(pin: "583920", birthDate: nil, currentPin: nil, lang: .sv).accepted)
        let again = try checkNewPin(pin: "583920", birthDate: nil, currentPin: "583920", lang: .sv)
        XCTAssertEqual(again.problems.map(\.reason), [.sameAsCurrent])
    }

    func testAdviceInEveryLanguage() {
        for lang in [Language.fi, .sv, .en] {
            XCTAssertEqual(pinAdvice(lang: lang).count, 3)
        }
    }

    func testAMistypedIdentityCodeNeverComesBack() {
        XCTAssertThrowsError(try checkHetu(text: "131052-308U", lang: .sv)) { error in
            guard let error = error as? AvainError, case .InvalidInput = error else {
                return XCTFail("expected InvalidInput, got \(error)")
            }
            XCTAssertEqual(error.code, AvainErrorCode.hetuCheckCharacter)
            XCTAssertFalse(error.userMessage.contains("131052"))
            XCTAssertFalse("\(error)".contains("131052"))
        }
    }

    func testSwedishBeforeFinnishWinsEvenAfterEnglish() {
        XCTAssertEqual(chooseLanguage(preferred: ["en-US", "sv-FI", "fi-FI"]), .sv)
        XCTAssertEqual(chooseLanguage(preferred: ["en-GB", "fi-FI", "sv-SE"]), .fi)
        XCTAssertEqual(chooseLanguage(preferred: ["de-DE"]), .fi)
    }

    func testFinnishOnlyFlowsComeWithANotice() {
        let signing = flowLanguage(flow: .documentSigning, lang: .en)
        XCTAssertEqual(signing.shownIn, .fi)
        XCTAssertEqual(signing.notice, "The signing service is currently available only in Finnish.")
        XCTAssertNil(flowLanguage(flow: .paymentConfirmation, lang: .en).notice)
    }
}
