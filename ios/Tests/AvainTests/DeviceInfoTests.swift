import Foundation
import XCTest
@testable import Avain

/// The device facts the core's rules take, from Foundation (also on Linux).
final class DeviceInfoTests: XCTestCase {
    func testVersionsAreWrittenTheWayTheGateReadsThem() {
        XCTAssertEqual(DeviceInfo.osVersionString(OperatingSystemVersion(majorVersion: 17, minorVersion: 5, patchVersion: 1)), "17.5.1")
        XCTAssertEqual(DeviceInfo.osVersionString(OperatingSystemVersion(majorVersion: 13, minorVersion: 4, patchVersion: 0)), "13.4")
    }

    func testTheRunningSystemIsReadable() throws {
        let device = DeviceInfo.current(platform: .ios)
        XCTAssertFalse(device.osVersion.isEmpty)
        // Whatever this machine runs, the core can read the version.
        _ = try device.osGate(appVersion: "1.0")
    }

    func testAnOldIphoneWithSwedishSecondIsToldInSwedish() throws {
        let device = DeviceInfo(platform: .ios, osVersion: "13.4.1", preferredLanguages: ["en-FI", "sv-FI", "fi-FI"])
        XCTAssertEqual(device.language, .sv)
        let gate = try device.osGate(appVersion: nil, today: CalendarDate(year: 2025, month: 1, day: 1))
        XCTAssertEqual(gate.verdict, .blocked)
        let swedish = try checkOsGate(platform: .ios, osVersion: "13.4.1", appVersion: nil,
                                      today: CalendarDate(year: 2025, month: 1, day: 1), lang: .sv)
        XCTAssertEqual(gate.message, swedish.message)
    }

    func testTheBiometricPromptButtonComesFromTheCore() {
        XCTAssertEqual(biometricPromptTexts(lang: .fi).usePinButton, "Käytä PIN-koodia")
        XCTAssertEqual(biometricPromptTexts(lang: .sv).usePinButton, "Använd PIN-kod")
    }
}
