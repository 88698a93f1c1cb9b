// The secure screen lock from Swift: `SwiftDeviceKeys` report a phone whose passcode the
// test turns off and on, as the customer would in Settings; the core refuses
// registration, logins and approvals without it (core/src/client/screen_lock.rs) and
// carries on once it is back.
import Foundation
import XCTest
@testable import Avain

final class ScreenLockTests: XCTestCase {
    /// The business customer: SandboxFlowTests blocks Anna's codes.
    let user = "50010005"
    let pin = "620184"

    func openPhone(keys: (SecretStore) -> SwiftDeviceKeys) async throws -> (Avain, SwiftDeviceKeys) {
        let store = MemorySecretStore()
        let deviceKeys = keys(store)
        let dataDir = FileManager.default.temporaryDirectory.appendingPathComponent("avain-swift-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dataDir, withIntermediateDirectories: true)
        let avain = try await Avain.open(
            settings: AvainSettings(
                dataDir: dataDir.path, bank: try SandboxControl.settings(), preferredLanguages: ["fi-FI"],
                device: DeviceDetails(platform: .ios, model: "iPhone15,2", osVersion: "17.5.1", appVersion: "1.0.0"),
                pinKdfIterations: 1_000, clock: nil),
            secretStore: store, deviceKeys: deviceKeys, biometricKeys: NoBiometrics())
        return (avain, deviceKeys)
    }

    func assertLockRequired(_ what: String, _ body: () async throws -> Void) async throws {
        let error = try await avainError(what, body)
        guard case .ScreenLockRequired = error else { return XCTFail("\(what): \(error)") }
        XCTAssertTrue(error.needsScreenLock)
        XCTAssertEqual(error.code, .screenLockRequired)
        XCTAssertTrue(error.userMessage.contains("näytön lukitus"), error.userMessage)
    }

    func testRegistrationNeedsTheLock() async throws {
        let (avain, _) = try await openPhone { SwiftDeviceKeys(store: $0, secureLockScreen: false) }
        let password = try XCTUnwrap(SandboxControl.lines("/customer/\(user)").first { $0.0 == "password" }?.1)
        try await assertLockRequired("registration") {
            _ = try await avain.startRegistration(username: user, password: password)
        }
        let profiles = try await avain.profiles()
        XCTAssertTrue(profiles.isEmpty)
    }

    func testWithoutTheLockNothingIsSignedUntilItIsBack() async throws {
        let (avain, keys) = try await openPhone { SwiftDeviceKeys(store: $0) }
        let profileId = try await SandboxControl.registerAndUnlock(avain, user: user, pin: pin, name: "Annan iPhone")
        _ = try await avain.loginWithPin(profileId: profileId, pin: pin)
        keys.setSecureLockScreen(false)
        try await assertLockRequired("enabling biometrics") {
            try await avain.enableBiometrics(kind: .face, pin: pin)
        }
        try await avain.logout()
        try await assertLockRequired("a login") {
            _ = try await avain.loginWithPin(profileId: profileId, pin: pin)
        }
        let profile = try await avain.profile(profileId: profileId)
        XCTAssertEqual(profile.state, .active)

        keys.setSecureLockScreen(true)
        let login = try await avain.loginWithPin(profileId: profileId, pin: pin)
        XCTAssertEqual(login.profile.id, profileId)
    }
}
