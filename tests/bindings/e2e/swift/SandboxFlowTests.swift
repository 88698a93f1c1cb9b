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

/// The `AvainError` `body` throws; fails the test (and rethrows) when it throws none.
func avainError(_ what: String, _ body: () async throws -> Void) async throws -> AvainError {
    do {
        try await body()
    } catch let error as AvainError {
        return error
    }
    XCTFail("\(what): no error")
    throw URLError(.unknown)
}

final class SandboxFlowTests: XCTestCase {
    /// A phone with the Swift secret store and keys, talking to the sandbox bank.
    func openPhone(languages: [String], model: String, biometrics: BiometricKeys = NoBiometrics())
        async throws -> (Avain, SwiftDeviceKeys)
    {
        let store = MemorySecretStore()
        let keys = SwiftDeviceKeys(store: store)
        let dataDir = FileManager.default.temporaryDirectory.appendingPathComponent("avain-swift-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dataDir, withIntermediateDirectories: true)
        let avain = try await Avain.open(
            settings: AvainSettings(
                dataDir: dataDir.path, bank: try SandboxControl.settings(),
                preferredLanguages: languages,
                device: DeviceDetails(platform: .ios, model: model, osVersion: "17.5.1", appVersion: "1.0.0"),
                // Fast PBKDF2 for tests; apps leave it to the core's default.
                pinKdfIterations: 1_000),
            secretStore: store, deviceKeys: keys, biometricKeys: biometrics)
        return (avain, keys)
    }

    /// Registers `user` with `pin` and has the online bank unlock the profile; its id.
    func registerAndUnlock(_ avain: Avain, user: String, pin: String, name: String) async throws -> String {
        let password = try XCTUnwrap(SandboxControl.lines("/customer/\(user)").first { $0.0 == "password" }?.1)
        let registration = try await avain.startRegistration(username: user, password: password)
        guard case .keyCardCode(let index) = registration.step() else { throw URLError(.unknown) }
        _ = try await registration.submitKeyCardCode(code: try SandboxControl.call("GET", "/key-card/\(user)/\(index)"))
        _ = try await registration.submitSmsCode(code: try SandboxControl.call("GET", "/sms/\(user)/registration_sms_code"))
        _ = try await registration.choosePin(pin: pin)
        guard case .pendingUnlock(let profile, _) = try await registration.finish(profileName: name) else {
            throw URLError(.unknown)
        }
        XCTAssertEqual(try SandboxControl.call("POST", "/unlock/\(user)"), "1")
        return profile.id
    }

    func testRegisterUnlockInTheOnlineBankAndLogIn() async throws {
        XCTAssertFalse(SandboxControl.url.isEmpty, "run through tests/bindings/with-sandbox")
        let user = "50010002" // Mikko, a seeded customer with a phone number and SMS on
        let password = try XCTUnwrap(SandboxControl.lines("/customer/\(user)").first { $0.0 == "password" }?.1)
        let (avain, keys) = try await openPhone(languages: ["fi-FI", "sv-FI"], model: "iPhone15,2")
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

        // PIN change: the new PIN goes through the same rules, the old one stops working.
        var error = try await avainError("an easy new PIN") { try await avain.changePin(currentPin: "583920", newPin: "0000") }
        XCTAssertEqual(error.code, "pin_rejected")
        error = try await avainError("a wrong current PIN") { try await avain.changePin(currentPin: "583921", newPin: "719304") }
        XCTAssertEqual(error.code, "wrong_pin")
        try await avain.changePin(currentPin: "583920", newPin: "719304")
        try await avain.logout()
        XCTAssertNil(avain.loggedInProfile())
        error = try await avainError("the old PIN after the change") { _ = try await avain.loginWithPin(profileId: profile.id, pin: "583920") }
        XCTAssertEqual(error.code, "wrong_pin")
        _ = try await avain.loginWithPin(profileId: profile.id, pin: "719304")

        // A typed payment to a new payee: every field problem at once, then the bank's SMS
        // step-up; without the code the bank refuses and the payment keeps waiting.
        let accounts = try await avain.accounts()
        let account = try XCTUnwrap(accounts.first)
        let reference = try createFinnishReference(base: "2026114", lang: .fi)
        var draft = PaymentDraft(
            fromAccountId: account.accountId, payeeName: "Kuntosali Voima Oy", payeeIban: "FI21 1234 5600 0007 86",
            amount: "12,5x", reference: reference.electronic, message: "", dueDate: "", invoiceId: nil)
        XCTAssertEqual(Set(avain.checkPayment(draft: draft).map(\.field)), ["payee_iban", "amount"])
        draft.payeeIban = "FI21 1234 5600 0007 85"
        draft.amount = "12,50"
        XCTAssertTrue(avain.checkPayment(draft: draft).isEmpty)
        let pending = try await avain.startPayment(draft: draft)
        XCTAssertTrue(pending.smsCodeRequired)
        XCTAssertEqual(pending.payment.amountCents, 1_250)
        XCTAssertEqual(pending.payment.reference?.replacingOccurrences(of: " ", with: ""), reference.electronic)
        XCTAssertTrue(pending.confirmationText.contains("Kuntosali Voima Oy"), pending.confirmationText)
        let smsCode = try SandboxControl.call("GET", "/sms/\(user)/payment_sms_code")
        error = try await avainError("no SMS code") {
            _ = try await avain.confirmPayment(paymentId: pending.paymentId, factor: .pin(pin: "719304"), smsCode: nil)
        }
        XCTAssertEqual(error.code, "sms_code_required")
        let waiting = try await avain.paymentsAwaitingApproval()
        XCTAssertTrue(waiting.contains { $0.paymentId == pending.paymentId })
        let done = try await avain.confirmPayment(paymentId: pending.paymentId, factor: .pin(pin: "719304"), smsCode: smsCode)
        XCTAssertEqual(done.payment.status, "booked")
        XCTAssertFalse(done.message.isEmpty)
        let stillPending = try await avain.pendingPayments(profileId: profile.id)
        XCTAssertTrue(stillPending.isEmpty)
        let receipts = try await avain.receipts(profileId: profile.id, limit: 10)
        let receipt = try XCTUnwrap(receipts.first { $0.receiptId == done.receiptId })
        XCTAssertEqual(receipt.purpose, "payment")
        XCTAssertEqual(receipt.shownText, pending.confirmationText)
        try await avain.logout()

        do {
            _ = try await avain.loginWithPin(profileId: profile.id, pin: "583929")
            XCTFail("a wrong PIN must fail")
        } catch let error as AvainError {
            guard case .WrongPin(_, let attemptsLeft, let message) = error else { return XCTFail("\(error)") }
            XCTAssertNotNil(attemptsLeft)
            XCTAssertFalse(message.isEmpty)
        }
    }

    func testBiometricsOnOffAfterAnEnrolmentChangeAndRemovingThisDevice() async throws {
        XCTAssertFalse(SandboxControl.url.isEmpty, "run through tests/bindings/with-sandbox")
        let user = "50010006" // Sanna, a seeded customer with SMS on
        let sensor = SimulatedBiometricKeys()
        let (avain, _) = try await openPhone(languages: ["en-FI", "fi-FI"], model: "iPhone16,1", biometrics: sensor)
        XCTAssertEqual(avain.language(), .fi)
        let profileId = try await registerAndUnlock(avain, user: user, pin: "605918", name: "Sannan iPhone")

        var error = try await avainError("enabling without a session") {
            try await avain.enableBiometrics(kind: .face, pin: "605918")
        }
        guard case .LoggedOut = error else { return XCTFail("\(error)") }
        _ = try await avain.loginWithPin(profileId: profileId, pin: "605918")
        let offered = try await avain.biometricsOffered(profileId: profileId)
        XCTAssertTrue(offered)
        error = try await avainError("enabling with a wrong PIN") {
            try await avain.enableBiometrics(kind: .face, pin: "605919")
        }
        XCTAssertEqual(error.code, "wrong_pin")
        try await avain.enableBiometrics(kind: .face, pin: "605918")
        var info = try await avain.profile(profileId: profileId)
        XCTAssertTrue(info.biometricsEnabled)
        try await avain.logout()

        // Face ID logs in; the prompt's text comes from the core, in Finnish.
        let login = try await avain.loginWithBiometrics(profileId: profileId)
        XCTAssertEqual(login.profile.state, "active")
        XCTAssertEqual(avain.loggedInProfile(), profileId)
        XCTAssertEqual(sensor.prompts.count, 1)
        XCTAssertFalse(sensor.prompts[0].isEmpty)
        try await avain.logout()

        // The customer cancels the prompt: no login, the app offers the PIN.
        sensor.customerCancels()
        error = try await avainError("a cancelled prompt") { _ = try await avain.loginWithBiometrics(profileId: profileId) }
        guard case .BiometricsUnavailable = error else { return XCTFail("\(error)") }
        XCTAssertNil(avain.loggedInProfile())

        // A new face in the phone's settings: biometrics switch off with a notice.
        sensor.enrolNewFinger()
        error = try await avainError("after an enrolment change") { _ = try await avain.loginWithBiometrics(profileId: profileId) }
        XCTAssertEqual(error.code, "key_biometric_set_changed")
        info = try await avain.profile(profileId: profileId)
        XCTAssertFalse(info.biometricsEnabled)
        XCTAssertNotNil(info.notice)
        try await avain.acknowledgeBiometricNotice(profileId: profileId)
        info = try await avain.profile(profileId: profileId)
        XCTAssertNil(info.notice)

        // The PIN always works; biometrics can be turned on again, and off.
        _ = try await avain.loginWithPin(profileId: profileId, pin: "605918")
        try await avain.enableBiometrics(kind: .face, pin: "605918")
        try await avain.disableBiometrics()
        info = try await avain.profile(profileId: profileId)
        XCTAssertFalse(info.biometricsEnabled)
        XCTAssertNil(try sensor.publicKey(profileId: profileId))

        // Removing this device at the bank deletes the profile here too.
        let devices = try await avain.devices()
        let thisDevice = try XCTUnwrap(devices.first { $0.thisDevice })
        try await avain.removeDevice(deviceId: thisDevice.deviceId, factor: .pin(pin: "605918"))
        let profiles = try await avain.profiles()
        XCTAssertTrue(profiles.isEmpty)
        error = try await avainError("a removed profile") { _ = try await avain.loginWithPin(profileId: profileId, pin: "605918") }
        guard case .ProfileRemoved = error else { return XCTFail("\(error)") }
    }
}
