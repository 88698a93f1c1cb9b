// End to end from Swift: the generated bindings, the shell's Swift secret store and
// device keys, the core's Avain object, and the sandbox bank over HTTPS on loopback
// (started by tests/bindings/with-sandbox, which tests/bindings/swift uses).
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import XCTest
@testable import Avain

/// The customer's other hand: the sandbox's control server (browser, SMS inbox, card).
enum SandboxControl {
    static var url: String {
        ProcessInfo.processInfo.environment["AVAIN_SANDBOX_CONTROL"] ?? ""
    }

    static func call(_ method: String, _ path: String) throws -> String {
        guard let url = URL(string: url + path) else { throw URLError(.badURL) }
        var request = URLRequest(url: url)
        request.httpMethod = method
        let done = DispatchSemaphore(value: 0)
        var result: Result<String, Error> = .failure(URLError(.unknown))
        URLSession.shared.dataTask(with: request) { data, response, error in
            if let error {
                result = .failure(error)
            } else if let http = response as? HTTPURLResponse, http.statusCode == 200, let data {
                result = .success(String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
            } else {
                result = .failure(URLError(.badServerResponse))
            }
            done.signal()
        }.resume()
        done.wait()
        return try result.get()
    }

    static func lines(_ path: String) throws -> [(String, String)] {
        try call("GET", path).split(separator: "\n").map { line in
            let parts = line.split(separator: " ", maxSplits: 1)
            return (String(parts[0]), parts.count > 1 ? String(parts[1]) : "")
        }
    }

    static func settings() throws -> BankSettings {
        let lines = try lines("/bank")
        func value(_ key: String) -> String { lines.first { $0.0 == key }?.1 ?? "" }
        func decode(_ text: String) -> Data { Data(base64Encoded: text) ?? Data() }
        return BankSettings(
            url: value("url"), useSystemRoots: false, extraRoots: [decode(value("root_ca"))],
            pinnedSpkiSha256: [], challengeKey: decode(value("challenge_key")),
            policyKeys: lines.filter { $0.0 == "policy_key" }.map { line in
                let parts = line.1.split(separator: " ")
                return PolicyKey(id: String(parts[0]), publicKey: decode(String(parts[1])))
            })
    }
}

final class SandboxFlowTests: XCTestCase {
    func testRegisterUnlockInTheOnlineBankAndLogIn() async throws {
        XCTAssertFalse(SandboxControl.url.isEmpty, "run through tests/bindings/with-sandbox")
        let user = "50010002" // Mikko, a seeded customer with a phone number and SMS on
        let password = try XCTUnwrap(SandboxControl.lines("/customer/\(user)").first { $0.0 == "password" }?.1)
        let store = MemorySecretStore()
        let keys = SwiftDeviceKeys(store: store)
        let dataDir = FileManager.default.temporaryDirectory.appendingPathComponent("avain-swift-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dataDir, withIntermediateDirectories: true)
        let avain = try await Avain.open(
            settings: AvainSettings(
                dataDir: dataDir.path, bank: try SandboxControl.settings(),
                preferredLanguages: ["fi-FI", "sv-FI"],
                device: DeviceDetails(platform: .ios, model: "iPhone15,2", osVersion: "17.5.1", appVersion: "1.0.0"),
                // Fast PBKDF2 for tests; apps leave it to the core's default.
                pinKdfIterations: 1_000),
            secretStore: store, deviceKeys: keys, biometricKeys: NoBiometrics())
        XCTAssertEqual(avain.language(), .fi)

        let registration = try await avain.startRegistration(username: user, password: password)
        guard case .keyCardCode(let index) = registration.step() else { return XCTFail("\(registration.step())") }
        var step = try await registration.submitKeyCardCode(code: try SandboxControl.call("GET", "/key-card/\(user)/\(index)"))
        guard case .smsCode = step else { return XCTFail("\(step)") }
        step = try await registration.submitSmsCode(code: try SandboxControl.call("GET", "/sms/\(user)/registration_sms_code"))
        guard case .choosePin(let advice) = step else { return XCTFail("\(step)") }
        XCTAssertFalse(advice.isEmpty)

        do {
            _ = try await registration.choosePin(pin: "1111")
            XCTFail("1111 must be refused")
        } catch let error as AvainError {
            guard case .PinRejected(_, let reasons, _) = error else { return XCTFail("\(error)") }
            XCTAssertTrue(reasons.contains { $0.reason == .sequence || $0.reason == .repetition })
            XCTAssertEqual(error.code, "pin_rejected")
        }
        step = try await registration.choosePin(pin: "583920")
        guard case .profileName = step else { return XCTFail("\(step)") }
        step = try await registration.finish(profileName: "Mikon iPhone")
        guard case .pendingUnlock(let profile, let instruction) = step else { return XCTFail("\(step)") }
        XCTAssertEqual(profile.state, "pending_unlock")
        XCTAssertFalse(instruction.isEmpty)
        XCTAssertTrue(keys.calls.contains("create"), "the core made K_dev through the Swift object")

        do {
            _ = try await avain.loginWithPin(profileId: profile.id, pin: "583920")
            XCTFail("the profile is still locked")
        } catch let error as AvainError {
            XCTAssertEqual(error.code, "profile_pending_unlock")
        }
        XCTAssertEqual(try SandboxControl.call("POST", "/unlock/\(user)"), "1")

        let login = try await avain.loginWithPin(profileId: profile.id, pin: "583920")
        XCTAssertEqual(login.profile.state, "active")
        XCTAssertEqual(avain.loggedInProfile(), profile.id)
        XCTAssertTrue(keys.calls.contains("sign"), "the login was signed with the Swift K_dev")
        let devices = try await avain.devices()
        XCTAssertEqual(devices.filter(\.thisDevice).map(\.model), ["iPhone15,2"])
        try await avain.logout()
        XCTAssertNil(avain.loggedInProfile())

        do {
            _ = try await avain.loginWithPin(profileId: profile.id, pin: "583921")
            XCTFail("a wrong PIN must fail")
        } catch let error as AvainError {
            guard case .WrongPin(_, let attemptsLeft, let message) = error else { return XCTFail("\(error)") }
            XCTAssertNotNil(attemptsLeft)
            XCTAssertFalse(message.isEmpty)
        }
    }
}
