import Foundation
import XCTest
@testable import Avain

/// The scam check and the alert-text check through the bindings: the CLI tests' cases.
final class MessageChecksTests: XCTestCase {
    func testALoginLinkFromAPhoneNumberIsDangerous() throws {
        let report = try checkScamMessage(sender: "+358 45 231 8890",
                                          text: "Log in at https://tunnus-uusinta.com now", lang: .en)
        XCTAssertEqual(report.level, .dangerous)
        XCTAssertTrue(report.findings.contains { $0.code == .loginViaLink }, "\(report.findings)")
        XCTAssertTrue(report.findings[0].message.contains("link"), report.findings[0].message)
        XCTAssertTrue(report.advice.contains("020 333"), report.advice)
        XCTAssertFalse(report.levelLabel.isEmpty)
    }

    func testTheBanksOwnAlertIsOkInSwedish() throws {
        let report = try checkScamMessage(sender: "AvainBanken",
                                          text: "Du har ett nytt meddelande i nätbanken.", lang: .sv)
        XCTAssertEqual(report.level, .ok)
        XCTAssertTrue(report.findings.isEmpty)
        XCTAssertEqual(report.levelLabel, "Inga tecken på bluff")
    }

    func testAPrizeBehindAShortenerIsDangerous() throws {
        let ok = try checkScamMessage(
            sender: "AvainPankki",
            text: "Sinulle on uusi viesti verkkopankissa. Avaa sovellus itse ja lue viesti.", lang: .fi)
        XCTAssertEqual(ok.level, .ok)
        let prize = try checkScamMessage(sender: "", text: "Voitit! Lunasta palkinto: bit.ly/x", lang: .fi)
        XCTAssertEqual(prize.level, .dangerous)
        XCTAssertTrue(prize.findings.contains { $0.code == .linkShortener }, "\(prize.findings)")
    }

    func testASenderTooLongIsATypedInputError() {
        XCTAssertThrowsError(try checkScamMessage(sender: String(repeating: "x", count: 513), text: "hei",
                                                  lang: .en)) { error in
            guard let error = error as? AvainError, case .InvalidInput(let code, let message) = error else {
                return XCTFail("expected AvainError.InvalidInput, got \(error)")
            }
            XCTAssertEqual(code, AvainErrorCode.senderTooLong)
            XCTAssertTrue(message.contains("512"), message)
        }
    }

    func testEveryRenderedAlertPassesTheCheck() {
        for lang in [Language.fi, .sv, .en] {
            for channel in [AlertChannel.email, .sms, .push] {
                let alert = renderAlert(channel: channel, lang: lang)
                let check = checkAlertText(text: alert.body, lang: lang)
                XCTAssertTrue(check.ok, "\(lang) \(channel): \(check)")
                XCTAssertTrue(check.violations.isEmpty)
            }
        }
    }

    func testAnAlertWithANameAndALinkIsNamedWhatSlippedIn() {
        let check = checkAlertText(text: "Hi Matti, you have a new message: https://avainpankki.fi/m/1", lang: .en)
        XCTAssertFalse(check.ok)
        XCTAssertEqual(check.violations.map(\.violation), [.link, .digits, .notATemplate])
        XCTAssertTrue(check.violations.allSatisfy { !$0.message.isEmpty })
    }
}
