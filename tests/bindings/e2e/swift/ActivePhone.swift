// A registered profile unlocked in the online bank, for the end-to-end tests; and a
// phone with one, for the tests outside SandboxFlowTests (cancellation, the clock).
import Foundation
import XCTest
@testable import Avain

extension SandboxControl {
    /// A phone on a fresh data directory, talking to `bank` (on `clock` when given), with
    /// `user`'s profile registered with `pin` and unlocked in the online bank; its id.
    static func activePhone(user: String, pin: String, bank: BankSettings, clock: WallClock? = nil) async throws -> (Avain, String) {
        let avain = try await phone(bank: bank, clock: clock)
        return (avain, try await registerAndUnlock(avain, user: user, pin: pin, name: "Puutyön iPhone"))
    }

    /// A phone on a fresh data directory with no profile (before registration); with
    /// `appAttest`, App Attest vouches for its registration and approvals.
    static func phone(bank: BankSettings, clock: WallClock? = nil, appAttest: AppAttest? = nil) async throws -> Avain {
        let store = MemorySecretStore()
        let dataDir = FileManager.default.temporaryDirectory.appendingPathComponent("avain-swift-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dataDir, withIntermediateDirectories: true)
        return try await Avain.open(
            settings: AvainSettings(
                dataDir: dataDir.path, bank: bank, preferredLanguages: ["fi-FI"],
                device: DeviceDetails(platform: .ios, model: "iPhone15,2", osVersion: "17.5.1", appVersion: "1.0.0"),
                pinKdfIterations: 1_000, clock: clock, appAttest: appAttest),
            secretStore: store, deviceKeys: SwiftDeviceKeys(store: store), biometricKeys: NoBiometrics())
    }

    /// Registers `user` on `avain` with `pin` and has the online bank unlock the profile;
    /// its id.
    static func registerAndUnlock(_ avain: Avain, user: String, pin: String, name: String) async throws -> String {
        let password = try XCTUnwrap(lines("/customer/\(user)").first { $0.0 == "password" }?.1)
        let registration = try await avain.startRegistration(username: user, password: password)
        guard case .keyCardCode(let index) = registration.step() else { throw URLError(.unknown) }
        _ = try await registration.submitKeyCardCode(code: try call("GET", "/key-card/\(user)/\(index)"))
        _ = try await registration.submitSmsCode(code: try call("GET", "/sms/\(user)/registration_sms_code"))
        _ = try await registration.choosePin(pin: pin, pinAgain: pin)
        guard case .pendingUnlock(let profile, _) = try await registration.finish(profileName: name) else {
            throw URLError(.unknown)
        }
        XCTAssertEqual(try call("POST", "/unlock/\(user)"), "1")
        return profile.id
    }
}
