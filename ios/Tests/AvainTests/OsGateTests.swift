import Foundation
import XCTest
@testable import Avain

/// OS-version gating through the generated bindings: the seeds' cut-off, in every language.
final class OsGateTests: XCTestCase {
    let duringWarning = CalendarDate(year: 2024, month: 3, day: 1)
    let afterCutoff = CalendarDate(year: 2025, month: 1, day: 10)

    func testCurrentPhonesAreAllowed() throws {
        for (platform, version) in [(Platform.ios, "17.5.1"), (.ipados, "16.0"), (.android, "14")] {
            let gate = try checkOsGate(platform: platform, osVersion: version, appVersion: "1.0.0",
                                       today: afterCutoff, lang: .fi)
            XCTAssertEqual(gate.verdict, .allowed)
            XCTAssertTrue(gate.mayRun)
            XCTAssertNil(gate.reason)
        }
    }

    func testIos13_4IsWarnedBeforeTheCutoffInEveryLanguage() throws {
        var messages = Set<String>()
        for lang in [Language.fi, .sv, .en] {
            let gate = try checkOsGate(platform: .ios, osVersion: "13.4.1", appVersion: nil,
                                       today: duringWarning, lang: lang)
            XCTAssertEqual(gate.verdict, .warn)
            XCTAssertTrue(gate.mayRun, "a warned phone still runs")
            XCTAssertEqual(gate.reason, .osTooOld)
            XCTAssertEqual(gate.requiredVersion, "13.5")
            XCTAssertEqual(gate.cutoff, CalendarDate(year: 2024, month: 4, day: 15))
            XCTAssertTrue(gate.message.contains("15.4.2024"), gate.message)
            messages.insert(gate.message)
        }
        XCTAssertEqual(messages.count, 3, "fi, sv and en texts differ")
    }

    func testIos13_4IsBlockedAfterTheCutoff() throws {
        let gate = try checkOsGate(platform: .ios, osVersion: "13.4", appVersion: nil,
                                   today: afterCutoff, lang: .sv)
        XCTAssertEqual(gate.verdict, .blocked)
        XCTAssertFalse(gate.mayRun)
        XCTAssertEqual(gate.reason, .osTooOld)
        XCTAssertTrue(gate.message.contains("iOS"), gate.message)
    }

    func testWindowsPhonesAreUnsupported() throws {
        let gate = try checkOsGate(platform: .windowsPhone, osVersion: "10.0", appVersion: nil,
                                   today: afterCutoff, lang: .en)
        XCTAssertEqual(gate.verdict, .blocked)
        XCTAssertEqual(gate.reason, .unsupportedPlatform)
    }

    func testAMalformedVersionFromTheShellIsAnInternalError() {
        XCTAssertThrowsError(try checkOsGate(platform: .ios, osVersion: "seventeen", appVersion: nil,
                                             today: afterCutoff, lang: .fi)) { error in
            guard let error = error as? AvainError, case .Internal = error else {
                return XCTFail("expected AvainError.Internal, got \(error)")
            }
            XCTAssertEqual(error.code, AvainErrorCode.invalidOsVersion)
            XCTAssertEqual(error.userMessage, "Käyttöjärjestelmän versiota ei voitu lukea.")
            // LocalizedError: what UIKit/SwiftUI alerts show is the core's text.
            XCTAssertEqual(error.localizedDescription, error.userMessage)
            XCTAssertFalse(error.shouldUsePin)
        }
    }

    func testADayThatDoesNotExistIsAnInternalError() {
        XCTAssertThrowsError(try checkOsGate(platform: .ios, osVersion: "17.0", appVersion: nil,
                                             today: CalendarDate(year: 2025, month: 2, day: 30),
                                             lang: .en)) { error in
            XCTAssertEqual((error as? AvainError)?.code, AvainErrorCode.invalidDate)
        }
    }

    func testTodayIsTheGregorianDateInThePhonesTimeZone() throws {
        // 2025-12-31 22:30 UTC is already New Year in Helsinki, not in New York.
        let instant = Date(timeIntervalSince1970: 1_767_220_200)
        let helsinki = try XCTUnwrap(TimeZone(identifier: "Europe/Helsinki"))
        let newYork = try XCTUnwrap(TimeZone(identifier: "America/New_York"))
        XCTAssertEqual(CalendarDate.today(instant, timeZone: helsinki), CalendarDate(year: 2026, month: 1, day: 1))
        XCTAssertEqual(CalendarDate.today(instant, timeZone: newYork), CalendarDate(year: 2025, month: 12, day: 31))
    }
}
