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

    /// `key value` lines as a dictionary (each key once).
    static func values(_ method: String, _ path: String) throws -> [String: String] {
        var values: [String: String] = [:]
        for line in try call(method, path).split(separator: "\n") {
            let parts = line.split(separator: " ", maxSplits: 1)
            values[String(parts[0])] = parts.count > 1 ? String(parts[1]) : ""
        }
        return values
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
            },
            // The sandbox's page links to its own host (avain_protocol::app_link).
            appLinks: .sandbox)
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
                pinKdfIterations: 1_000, clock: TestClock.shared),
            secretStore: store, deviceKeys: keys, biometricKeys: biometrics)
        return (avain, keys)
    }

    func testRegisterUnlockInTheOnlineBankAndLogIn() async throws {
        XCTAssertFalse(SandboxControl.url.isEmpty, "run through tests/bindings/with-sandbox")
        let user = "50010002" // Mikko, a seeded customer with a phone number and SMS on
        let password = try XCTUnwrap(SandboxControl.lines("/customer/\(user)").first { $0.0 == "password" }?.1)
        let (avain, keys) = try await openPhone(languages: ["fi-FI", "sv-FI"], model: "iPhone15,2")
        XCTAssertEqual(avain.language(), .fi)
        // "More" shows the core's version and the app's: the one given in DeviceDetails,
        // which is also what the OS gate compares with the policy's minimum app version.
        let versions = avain.versions()
        XCTAssertEqual(versions.app, "1.0.0")
        XCTAssertEqual(versions.core.split(separator: ".").prefix(3).compactMap { Int($0) }.count, 3, versions.core)
        // The shell hands over the APNs device token; the registration carries it.
        avain.setPushToken(token: "apns-device-token-hex")

        let registration = try await avain.startRegistration(username: user, password: password)
        guard case .keyCardCode(let index) = registration.step() else { return XCTFail("\(registration.step())") }
        var step = try await registration.submitKeyCardCode(code: try SandboxControl.call("GET", "/key-card/\(user)/\(index)"))
        guard case .smsCode = step else { return XCTFail("\(step)") }
        step = try await registration.submitSmsCode(code: try SandboxControl.call("GET", "/sms/\(user)/registration_sms_code"))
        guard case .choosePin(let advice) = step else { return XCTFail("\(step)") }
        XCTAssertFalse(advice.isEmpty)

        do {
            _ = try await registration.choosePin(pin: "1111", pinAgain: "1111")
            XCTFail("1111 must be refused")
        } catch let error as AvainError {
            guard case .PinRejected(_, let reasons, _) = error else { return XCTFail("\(error)") }
            XCTAssertTrue(reasons.contains { $0.reason == .sequence || $0.reason == .repetition })
            XCTAssertEqual(error.code, AvainErrorCode.pinRejected)
        }
        // The PIN is typed twice: a repetition that differs is refused, and the step stays.
        do {
            _ = try await registration.choosePin(pin: "583920", pinAgain: "583902")
            XCTFail("a different repetition must be refused")
        } catch let error as AvainError {
            guard case .InvalidInput(let code, let message) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(code, AvainErrorCode.pinMismatch)
            XCTAssertFalse(message.isEmpty)
        }
        guard case .choosePin = registration.step() else { return XCTFail("\(registration.step())") }
        step = try await registration.choosePin(pin: "583920", pinAgain: "583920")
        guard case .profileName = step else { return XCTFail("\(step)") }
        step = try await registration.finish(profileName: "Mikon iPhone")
        guard case .pendingUnlock(let profile, let instruction) = step else { return XCTFail("\(step)") }
        XCTAssertEqual(profile.state, .pendingUnlock)
        XCTAssertFalse(instruction.isEmpty)
        XCTAssertTrue(keys.calls.contains("create"), "the core made K_dev through the Swift object")

        do {
            _ = try await avain.loginWithPin(profileId: profile.id, pin: "583920")
            XCTFail("the profile is still locked")
        } catch let error as AvainError {
            XCTAssertEqual(error.code, AvainErrorCode.profilePendingUnlock)
        }
        XCTAssertEqual(try SandboxControl.call("POST", "/unlock/\(user)"), "1")
        // The bank tells the phone (a push without text) that the profile was unlocked.
        XCTAssertEqual(try SandboxControl.lines("/pushes/\(user)").map { $0.1 }, ["profile_unlocked"])

        let login = try await avain.loginWithPin(profileId: profile.id, pin: "583920")
        XCTAssertEqual(login.profile.state, .active)
        XCTAssertEqual(avain.loggedInProfile(), profile.id)
        XCTAssertTrue(keys.calls.contains("sign"), "the login was signed with the Swift K_dev")
        let devices = try await avain.devices().list()
        XCTAssertEqual(devices.filter(\.thisDevice).map(\.model), ["iPhone15,2"])
        XCTAssertEqual(devices.filter(\.thisDevice).map(\.platform), [.ios])
        XCTAssertEqual(devices.filter(\.thisDevice).map(\.state), [.active])

        // PIN change: the new PIN goes through the same rules, the old one stops working.
        var error = try await avainError("an easy new PIN") { try await avain.changePin(currentPin: "583920", newPin: "0000", newPinAgain: "0000") }
        XCTAssertEqual(error.code, AvainErrorCode.pinRejected)
        error = try await avainError("a wrong current PIN") { try await avain.changePin(currentPin: "583921", newPin: "719304", newPinAgain: "719304") }
        XCTAssertEqual(error.code, AvainErrorCode.wrongPin)
        error = try await avainError("a different repetition") {
            try await avain.changePin(currentPin: "583920", newPin: "719304", newPinAgain: "719340")
        }
        XCTAssertEqual(error.code, AvainErrorCode.pinMismatch)
        try await avain.changePin(currentPin: "583920", newPin: "719304", newPinAgain: "719304")
        try await avain.logout()
        XCTAssertNil(avain.loggedInProfile())
        error = try await avainError("the old PIN after the change") { _ = try await avain.loginWithPin(profileId: profile.id, pin: "583920") }
        XCTAssertEqual(error.code, AvainErrorCode.wrongPin)
        _ = try await avain.loginWithPin(profileId: profile.id, pin: "719304")

        // A typed payment to a new payee: every field problem at once, then the bank's SMS
        // step-up; without the code the bank refuses and the payment keeps waiting.
        let accounts = try await avain.payments().accounts()
        let account = try XCTUnwrap(accounts.first)
        let reference = try createFinnishReference(base: "2026114", lang: .fi)
        var draft = PaymentDraft(
            fromAccountId: account.accountId, payeeName: "Kuntosali Voima Oy", payeeIban: "FI21 1234 5600 0007 86",
            amount: "12,5x", reference: reference.electronic, message: "", dueDate: "", invoiceId: nil)
        XCTAssertEqual(Set(avain.payments().checkPayment(draft: draft).map(\.field)), [.payeeIban, .amount])
        draft.payeeIban = "FI21 1234 5600 0007 85"
        draft.amount = "12,50"
        XCTAssertTrue(avain.payments().checkPayment(draft: draft).isEmpty)
        // An invoice's EPC QR code fills the form, the payee's name too.
        var qr = try avain.payments().readQr(
            text: "BCD\n002\n1\nSCT\n\nHelsingin Energia Oy\nFI2112345600000785\nEUR145.50\n\nRF18539007547034")
        XCTAssertEqual(qr.draft.payeeName, "Helsingin Energia Oy")
        XCTAssertEqual(qr.version, 2)
        qr.draft.fromAccountId = account.accountId
        XCTAssertTrue(avain.payments().checkPayment(draft: qr.draft).isEmpty)
        let pending = try await avain.payments().startPayment(draft: draft)
        XCTAssertTrue(pending.smsCodeRequired)
        XCTAssertEqual(pending.payment.amountCents, 1_250)
        XCTAssertEqual(pending.payment.reference?.replacingOccurrences(of: " ", with: ""), reference.electronic)
        XCTAssertTrue(pending.confirmationText.contains("Kuntosali Voima Oy"), pending.confirmationText)
        let smsCode = try SandboxControl.call("GET", "/sms/\(user)/payment_sms_code")
        error = try await avainError("no SMS code") {
            _ = try await avain.payments().confirmPayment(paymentId: pending.paymentId, factor: .pin(pin: "719304"), smsCode: nil)
        }
        XCTAssertEqual(error.code, .smsCodeRequired)
        let waiting = try await avain.payments().paymentsAwaitingApproval()
        XCTAssertTrue(waiting.contains { $0.paymentId == pending.paymentId })
        let done = try await avain.payments().confirmPayment(paymentId: pending.paymentId, factor: .pin(pin: "719304"), smsCode: smsCode)
        XCTAssertEqual(done.payment.status, .booked)
        XCTAssertFalse(done.message.isEmpty)
        let stillPending = try await avain.payments().pendingPayments(profileId: profile.id)
        XCTAssertTrue(stillPending.isEmpty)
        let receipts = try await avain.receipts().list(profileId: profile.id, limit: 10)
        let receipt = try XCTUnwrap(receipts.first { $0.receiptId == done.receiptId })
        XCTAssertEqual(receipt.purpose, .payment)
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
        let profileId = try await SandboxControl.registerAndUnlock(avain, user: user, pin: "605918", name: "Sannan iPhone")

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
        XCTAssertEqual(error.code, AvainErrorCode.wrongPin)
        try await avain.enableBiometrics(kind: .face, pin: "605918")
        var info = try await avain.profile(profileId: profileId)
        XCTAssertTrue(info.biometricsEnabled)
        try await avain.logout()

        // Face ID logs in; the prompt's text comes from the core, in Finnish.
        let login = try await avain.loginWithBiometrics(profileId: profileId)
        XCTAssertEqual(login.profile.state, .active)
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
        XCTAssertEqual(error.code, AvainErrorCode.keyBiometricSetChanged)
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
        let devices = try await avain.devices().list()
        let thisDevice = try XCTUnwrap(devices.first { $0.thisDevice })
        try await avain.devices().removeDevice(deviceId: thisDevice.deviceId, factor: .pin(pin: "605918"))
        let profiles = try await avain.profiles()
        XCTAssertTrue(profiles.isEmpty)
        error = try await avainError("a removed profile") { _ = try await avain.loginWithPin(profileId: profileId, pin: "605918") }
        guard case .ProfileRemoved = error else { return XCTFail("\(error)") }
    }

    /// The first quarter hour after `date` (a meeting's start must be on one).
    func nextQuarterHour(after date: Date) -> Date {
        Date(timeIntervalSince1970: (floor(date.timeIntervalSince1970 / 900) + 1) * 900)
    }

    func testIdentificationBrowserLoginMeetingsDocumentsInboxAndBlocking() async throws {
        XCTAssertFalse(SandboxControl.url.isEmpty, "run through tests/bindings/with-sandbox")
        // Anna: a meeting in two days, the loan contract to sign, documents completed 10 and
        // 45 days ago, an unread price notice, two cards.
        let user = "50010001"
        let pin = "728305"
        let sensor = SimulatedBiometricKeys()
        let (avain, _) = try await openPhone(languages: ["fi-FI"], model: "iPhone15,4", biometrics: sensor)
        let profileId = try await SandboxControl.registerAndUnlock(avain, user: user, pin: pin, name: "Annan iPhone")

        // A third party's identification, answered without an app login, in Finnish.
        let requestId = try XCTUnwrap(SandboxControl.values("POST", "/broker/\(user)/Verohallinto")["request_id"])
        var error = try await avainError("approving before opening") {
            try await avain.identification().approveIdentification(requestId: requestId, factor: .pin(pin: pin))
        }
        XCTAssertEqual(error.code, .identificationNotOpened)
        let identification = try await avain.identification().openIdentificationRequest(profileId: profileId, requestId: requestId)
        XCTAssertEqual(identification.requester, "Verohallinto")
        XCTAssertEqual(identification.broker, "Tunnistuspalvelu Oy")
        XCTAssertTrue(identification.shownText.contains("Verohallinto"), identification.shownText)
        XCTAssertTrue(identification.shownText.contains("Tunnistuspalvelu Oy"), identification.shownText)
        XCTAssertEqual(identification.textLanguage, .fi)
        XCTAssertTrue(identification.finnishOnly)
        XCTAssertNil(identification.languageNotice, "a Finnish phone needs no notice")
        XCTAssertEqual(identification.attributes.count, 2)
        XCTAssertGreaterThan(identification.expiresAt, Date())
        // A wrong PIN spends the opened request; opened again, the right PIN identifies.
        error = try await avainError("a wrong PIN") {
            try await avain.identification().approveIdentification(requestId: requestId, factor: .pin(pin: "728309"))
        }
        XCTAssertEqual(error.code, AvainErrorCode.wrongPin)
        XCTAssertEqual(try SandboxControl.values("GET", "/broker/\(requestId)")["status"], "pending")
        _ = try await avain.identification().openIdentificationRequest(profileId: profileId, requestId: requestId)
        try await avain.identification().approveIdentification(requestId: requestId, factor: .pin(pin: pin))
        let broker = try SandboxControl.values("GET", "/broker/\(requestId)")
        XCTAssertEqual(broker["status"], "approved")
        XCTAssertEqual(broker["name"], "Anna Virtanen")
        let kela = try XCTUnwrap(SandboxControl.values("POST", "/broker/\(user)/Kela")["request_id"])
        _ = try await avain.identification().openIdentificationRequest(profileId: profileId, requestId: kela)
        try await avain.identification().rejectIdentification(profileId: profileId, requestId: kela)
        XCTAssertEqual(try SandboxControl.values("GET", "/broker/\(kela)"), ["request_id": kela, "status": "rejected"])
        error = try await avainError("an answered request") {
            _ = try await avain.identification().openIdentificationRequest(profileId: profileId, requestId: kela)
        }
        XCTAssertEqual(error.code, AvainErrorCode.identificationAnswered)

        // Face ID on, then a browser login approved with it: the prompt shows the text with
        // the browser's code. One the customer did not start is refused.
        _ = try await avain.loginWithPin(profileId: profileId, pin: pin)
        try await avain.enableBiometrics(kind: .face, pin: pin)
        try await avain.logout()
        let browser = try SandboxControl.values("POST", "/browser-login/\(user)")
        let loginId = try XCTUnwrap(browser["request_id"])
        XCTAssertEqual(try SandboxControl.call("GET", "/browser-login/\(loginId)"), "pending")
        let appLogin = try await avain.identification().openAppLogin(profileId: profileId, requestId: loginId)
        XCTAssertEqual(appLogin.shortCode, browser["short_code"])
        XCTAssertTrue(appLogin.shownText.contains(appLogin.shortCode), appLogin.shownText)
        XCTAssertEqual(appLogin.textLanguage, .fi)
        try await avain.identification().approveAppLogin(requestId: loginId, factor: .biometric)
        XCTAssertEqual(sensor.prompts.last, appLogin.shownText)
        XCTAssertEqual(try SandboxControl.call("GET", "/browser-login/\(loginId)"), "approved")
        let stranger = try XCTUnwrap(SandboxControl.values("POST", "/browser-login/\(user)")["request_id"])
        try await avain.identification().rejectAppLogin(profileId: profileId, requestId: stranger)
        XCTAssertEqual(try SandboxControl.call("GET", "/browser-login/\(stranger)"), "rejected")
        let receipts = try await avain.receipts().list(profileId: profileId, limit: 20)
        XCTAssertTrue(receipts.contains { $0.purpose == .login && $0.factor == .biometric && $0.shownText == appLogin.shownText })
        XCTAssertTrue(receipts.contains { $0.purpose == .thirdPartyIdentification && $0.shownText == identification.shownText })

        // Video meetings: the loan meeting in two days can be looked up without login but
        // not joined yet.
        let found = try await avain.meetings().lookUpMeeting(bookingCode: "2kmeve6x", phone: "040 123 4567")
        XCTAssertEqual(found.bookingCode, "2KMEVE6X")
        XCTAssertTrue(found.participants.isEmpty, "no names without login")
        error = try await avainError("a wrong phone number") {
            _ = try await avain.meetings().lookUpMeeting(bookingCode: "2KMEVE6X", phone: "040 765 4321")
        }
        XCTAssertEqual(error.code, AvainErrorCode.meetingNotFound)
        _ = try await avain.loginWithPin(profileId: profileId, pin: pin)
        let meetings = try await avain.meetings().list()
        let loan = try XCTUnwrap(meetings.first { $0.bookingCode == "2KMEVE6X" })
        XCTAssertEqual(loan.topic, "Lainat, Asuntolainaneuvottelu")
        XCTAssertEqual(loan.expertName, "Matleena Malliharju")
        XCTAssertEqual(loan.participants.map(\.name), ["Anna Virtanen"])
        XCTAssertEqual(loan.joinOpensAt, loan.startsAt.addingTimeInterval(-15 * 60))
        XCTAssertEqual(loan.joinWindow, .notYetOpen(opensAt: loan.joinOpensAt))
        XCTAssertNotNil(loan.recordingNotice)
        error = try await avainError("joining two days early") { _ = try await avain.meetings().joinMeeting(bookingCode: "2KMEVE6X") }
        guard case .Refused = error else { return XCTFail("\(error)") }
        XCTAssertEqual(error.code, .meetingNotOpen)
        let atOpening = meetingJoinWindow(startsAt: loan.startsAt, endsAt: loan.endsAt, cancelled: false, now: loan.joinOpensAt, language: .fi)
        XCTAssertEqual(atOpening.window, .open)
        XCTAssertEqual(meetingJoinWindow(startsAt: loan.startsAt, endsAt: loan.endsAt, cancelled: true, now: Date(), language: .fi).window, .cancelled)
        XCTAssertEqual(normalizeBookingCode(text: "2kme ve6x"), "2KMEVE6X")
        XCTAssertEqual(normalizePhone(text: "+358 40 123 4567"), "+358401234567")

        // A meeting booked for the next quarter hour is open at once: joined, identified
        // with the expert's identifier, cancelled.
        // The phone's and the bank's clocks stand still meanwhile: no booking across the quarter.
        let start = nextQuarterHour(after: try TestClock.shared.freeze(Date()))
        let booked = try await avain.meetings().bookMeeting(startsAt: start, durationMinutes: 45, topic: "Säästäminen", details: nil)
        XCTAssertEqual(booked.startsAt, start)
        XCTAssertEqual(booked.endsAt, start.addingTimeInterval(45 * 60))
        XCTAssertEqual(booked.joinWindow, .open)
        let edited = try await avain.meetings().editMeeting(bookingCode: booked.bookingCode, edit: MeetingEdit(topic: "Säästäminen ja rahastot"))
        XCTAssertEqual(edited.topic, "Säästäminen ja rahastot")
        XCTAssertEqual(edited.durationMinutes, 45)
        let join = try await avain.meetings().joinMeeting(bookingCode: booked.bookingCode)
        XCTAssertTrue(join.joinUrl.hasPrefix("https://"), join.joinUrl)
        XCTAssertTrue(join.identificationRequired)
        XCTAssertFalse(join.instructions.isEmpty)
        error = try await avainError("letters for an identifier") {
            _ = try await avain.meetings().identifyInMeeting(bookingCode: booked.bookingCode, identifier: "abc")
        }
        XCTAssertEqual(error.code, AvainErrorCode.meetingIdentifierInvalid)
        let identifier = try SandboxControl.call("POST", "/meetings/\(booked.bookingCode)/identifier/\(user)")
        let identified = try await avain.meetings().identifyInMeeting(bookingCode: booked.bookingCode, identifier: identifier)
        XCTAssertEqual(identified.participants.map(\.identified), [true])
        XCTAssertEqual(try SandboxControl.call("GET", "/meetings/\(booked.bookingCode)"), "participant true Anna Virtanen")
        let cancelled = try await avain.meetings().cancelMeeting(bookingCode: booked.bookingCode)
        XCTAssertEqual(cancelled.status, .cancelled)
        XCTAssertEqual(cancelled.joinWindow, .cancelled)
        try TestClock.shared.real()

        // Signing: the loan contract signed (Mikko still to sign), the savings contract
        // downloaded, the account contract's 30 days over.
        let lists = try await avain.documents().list()
        let contract = try XCTUnwrap(lists.waiting.first { $0.title == "Asuntolainasopimus" })
        XCTAssertEqual(lists.pending.map(\.title), ["Valtakirja yhteiseen tiliin"])
        let savings = try XCTUnwrap(lists.completed.first { $0.title == "Säästösopimus" })
        let account = try XCTUnwrap(lists.completed.first { $0.title == "Tilisopimus" })
        XCTAssertTrue(savings.downloadable)
        XCTAssertFalse(account.downloadable)
        XCTAssertTrue(documentDownloadable(downloadUntil: savings.downloadUntil, now: Date()))
        let view = try await avain.documents().openDocument(documentId: contract.documentId)
        XCTAssertTrue(view.content.hasPrefix("ASUNTOLAINASOPIMUS"), view.content)
        let shown = try XCTUnwrap(view.shownText)
        XCTAssertTrue(shown.contains("Asuntolainasopimus"), shown)
        XCTAssertTrue(view.finnishOnly)
        let signed = try await avain.documents().signDocument(documentId: contract.documentId, factor: .pin(pin: pin))
        XCTAssertEqual(signed.status, .pending)
        XCTAssertEqual(signed.parties.map { $0.signedAt != nil }, [true, false])
        let file = try await avain.documents().downloadDocument(documentId: savings.documentId)
        XCTAssertEqual(file.fileName, "Säästösopimus.txt")
        XCTAssertTrue(file.content.contains("Kuukausisäästö: 100,00 €"), file.content)
        error = try await avainError("45 days after completion") { _ = try await avain.documents().downloadDocument(documentId: account.documentId) }
        XCTAssertEqual(error.code, .downloadUnavailable)
        let signingReceipts = try await avain.receipts().list(profileId: profileId, limit: 20)
        XCTAssertTrue(signingReceipts.contains { $0.purpose == .documentSigning && $0.shownText == shown })

        // The secure inbox: the price notice read, a question written to the bank.
        let inbox = try await avain.inbox().list()
        let notice = try XCTUnwrap(inbox.messages.first { $0.subject == "Palveluhinnastomme muuttuu 1.3." })
        XCTAssertTrue(notice.fromBank && notice.important && !notice.read)
        XCTAssertEqual(Int(inbox.unread), inbox.messages.filter { $0.fromBank && !$0.read }.count)
        let opened = try await avain.inbox().openMessage(messageId: notice.messageId)
        XCTAssertTrue(opened.info.read)
        XCTAssertTrue(opened.body.contains("paperisia tiliotteita"), opened.body)
        let afterReading = try await avain.inbox().list()
        XCTAssertEqual(afterReading.unread, inbox.unread - 1)
        error = try await avainError("a text too long") {
            _ = try await avain.inbox().sendMessage(subject: "Tiliotteet", body: String(repeating: "a", count: 4001))
        }
        XCTAssertEqual(error.code, .messageBodyInvalid)
        let sent = try await avain.inbox().sendMessage(subject: "Tiliotteet", body: "Hei,\nvoinko lopettaa paperiset tiliotteet?")
        XCTAssertFalse(sent.fromBank)
        XCTAssertEqual(sent.subject, "Tiliotteet")
        let afterSending = try await avain.inbox().list()
        XCTAssertEqual(afterSending.messages.first?.messageId, sent.messageId)

        // The blocking service: the numbers, then codes and both cards blocked at once.
        let numbers = await avain.blockingService().numbers()
        XCTAssertEqual(numbers.fromFinland, "020 333")
        XCTAssertEqual(numbers.fromAbroad, "+358 20 333")
        let blocked = try await avain.blockingService().block(codes: true, cards: true)
        XCTAssertTrue(blocked.codesBlocked)
        XCTAssertEqual(blocked.cardsBlocked, 2)
        XCTAssertFalse(blocked.message.isEmpty)
        XCTAssertNil(avain.loggedInProfile())
        let profile = try await avain.profile(profileId: profileId)
        XCTAssertEqual(profile.state, .locked(reason: .byBank))
        error = try await avainError("logging in with blocked codes") { _ = try await avain.loginWithPin(profileId: profileId, pin: pin) }
        guard case .Locked(_, let selfService, _) = error else { return XCTFail("\(error)") }
        XCTAssertFalse(selfService)
    }
}
