// The online bank's settings seen from Swift: a customer with the SMS service off is told
// where to switch it on, does so in the online bank (through the sandbox's control
// server), registers, then locks the profile there as if the phone were lost: the app sees
// .locked(reason: .byCustomer) with its own error code, until the customer opens it again
// with a key code.
import Foundation
import XCTest
@testable import Avain

final class OnlineBankSettingsTests: XCTestCase {
    /// Pekka: a mobile number but the SMS service off; no other test registers him.
    let user = "50010004"
    let pin = "583920"

    func testTheSmsServiceIsSwitchedOnInTheOnlineBankThenALockedProfileIsSeenAsLockedByTheCustomer() async throws {
        let store = MemorySecretStore()
        let dataDir = FileManager.default.temporaryDirectory.appendingPathComponent("avain-swift-settings-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dataDir, withIntermediateDirectories: true)
        let avain = try await Avain.open(
            settings: AvainSettings(
                dataDir: dataDir.path, bank: try SandboxControl.settings(), preferredLanguages: ["fi-FI"],
                device: DeviceDetails(platform: .ios, model: "iPhone15,2", osVersion: "17.5.1", appVersion: "1.0.0"),
                pinKdfIterations: 1_000, clock: nil),
            secretStore: store, deviceKeys: SwiftDeviceKeys(store: store), biometricKeys: NoBiometrics())
        let password = try XCTUnwrap(SandboxControl.lines("/customer/\(user)").first { $0.0 == "password" }?.1)
        var error = try await avainError("registration with the SMS service off") {
            _ = try await avain.startRegistration(username: self.user, password: password)
        }
        XCTAssertEqual(error.code, .smsServiceOff)
        XCTAssertTrue(error.userMessage.contains("Ota käyttöön lisäpalvelut"), error.userMessage)
        XCTAssertEqual(try SandboxControl.call("POST", "/sms-service/\(user)"), "on")
        let profileId = try await SandboxControl.registerAndUnlock(avain, user: user, pin: pin, name: "Pekan iPhone")
        _ = try await avain.loginWithPin(profileId: profileId, pin: pin)
        try await avain.logout()

        XCTAssertEqual(try SandboxControl.call("POST", "/lock/\(user)"), "1")
        error = try await avainError("a login with a profile the customer locked") {
            _ = try await avain.loginWithPin(profileId: profileId, pin: self.pin)
        }
        XCTAssertEqual(error.code, .profileLockedByCustomer)
        guard case .Locked(_, let selfService, _) = error else { return XCTFail("\(error)") }
        XCTAssertFalse(selfService)
        let locked = try await avain.profile(profileId: profileId)
        XCTAssertEqual(locked.state, .locked(reason: .byCustomer))
        XCTAssertTrue(locked.status.contains("verkkopankin"), locked.status)

        XCTAssertEqual(try SandboxControl.call("POST", "/open/\(user)"), "1")
        _ = try await avain.loginWithPin(profileId: profileId, pin: pin)
        let opened = try await avain.profile(profileId: profileId)
        XCTAssertEqual(opened.state, .active)
    }
}
