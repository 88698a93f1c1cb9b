// A personal and a company profile on one phone, from Swift: Anna's own codes and
// Malliharjun Puutyö Oy's in one data directory, each with its own PIN and accounts; the
// picker shows which is the company's (ProfileInfo.customerKind); the company moves money
// between its own accounts (no payee, no SMS code, both accounts in the signed text);
// deleting one profile leaves the other working, and reopening the directory shows both.
import Foundation
import XCTest
@testable import Avain

final class CompanyProfileTests: XCTestCase {
    let anna = "50010001"
    let company = "50010005"
    let annaPin = "583927"
    let companyPin = "472916"

    /// The phone's app on `dataDir`; the keystore (`store`, `keys`) outlives the app, as
    /// the Keychain does across restarts.
    func open(_ store: MemorySecretStore, _ keys: SwiftDeviceKeys, _ dataDir: URL) async throws -> Avain {
        try await Avain.open(
            settings: AvainSettings(
                dataDir: dataDir.path, bank: try SandboxControl.settings(), preferredLanguages: ["fi-FI"],
                device: DeviceDetails(platform: .ios, model: "iPhone15,2", osVersion: "17.5.1", appVersion: "1.0.0"),
                pinKdfIterations: 1_000, clock: nil),
            secretStore: store, deviceKeys: keys, biometricKeys: NoBiometrics())
    }

    func testAPersonalAndACompanyProfileOnOnePhone() async throws {
        let store = MemorySecretStore()
        let dataDir = FileManager.default.temporaryDirectory.appendingPathComponent("avain-swift-profiles-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dataDir, withIntermediateDirectories: true)
        let keys = SwiftDeviceKeys(store: store)
        let avain = try await open(store, keys, dataDir)
        let annaId = try await SandboxControl.registerAndUnlock(avain, user: anna, pin: annaPin, name: "Oma")
        let companyId = try await SandboxControl.registerAndUnlock(avain, user: company, pin: companyPin, name: "Yritys")

        // Anna: her own accounts; the company's account is never her "own".
        _ = try await avain.loginWithPin(profileId: annaId, pin: annaPin)
        let annaAccounts = try await avain.payments().accounts().map { $0.accountId }
        XCTAssertEqual(annaAccounts, ["acc_anna_current", "acc_anna_savings", "acc_joint"])
        var error = try await avainError("someone else's account as an own account") {
            _ = try await avain.payments().startTransfer(draft: TransferDraft(
                fromAccountId: "acc_anna_current", toAccountId: "acc_puutyo_business", amount: "10", message: "", dueDate: ""))
        }
        XCTAssertEqual(error.code, .notFound)

        // The company: its own PIN (Anna's is wrong for it), its own accounts.
        error = try await avainError("Anna's PIN on the company's profile") {
            _ = try await avain.loginWithPin(profileId: companyId, pin: annaPin)
        }
        XCTAssertEqual(error.code, .wrongPin)
        let login = try await avain.loginWithPin(profileId: companyId, pin: companyPin)
        XCTAssertEqual(login.profile.customerKind, .business)
        XCTAssertEqual(login.customerName, "Malliharjun Puutyö Oy")
        let companyAccounts = try await avain.payments().accounts().map { $0.accountId }
        XCTAssertEqual(companyAccounts, ["acc_puutyo_business", "acc_puutyo_tax"])
        let invoices = try await avain.payments().eInvoices()
        XCTAssertTrue(invoices.contains { $0.billerName == "Sahatavara Oy" })

        // A transfer between the company's own accounts: checked offline, both accounts in
        // the confirmation, the PIN alone approves it.
        let same = TransferDraft(fromAccountId: "acc_puutyo_business", toAccountId: "acc_puutyo_business",
                                 amount: "250", message: "", dueDate: "")
        let problems = avain.payments().checkTransfer(draft: same)
        XCTAssertEqual(problems.map { $0.field }, [.toAccountId])
        XCTAssertEqual(problems.map { $0.code }, [.transferSameAccount])
        var draft = same
        draft.toAccountId = "acc_puutyo_tax"
        draft.message = "ALV-varaus"
        let pending = try await avain.payments().startTransfer(draft: draft)
        XCTAssertEqual(pending.payment.kind, .ownTransfer)
        XCTAssertFalse(pending.smsCodeRequired)
        XCTAssertTrue(pending.confirmationText.hasPrefix("Vahvista siirto omien tilien välillä"), pending.confirmationText)
        XCTAssertTrue(pending.confirmationText.contains("Tilille: Verovaraustili"), pending.confirmationText)
        let done = try await avain.payments().confirmPayment(paymentId: pending.paymentId, factor: .pin(pin: companyPin), smsCode: nil)
        XCTAssertEqual(done.payment.status, .booked)
        XCTAssertEqual(done.message, "Siirto on tehty.")

        // The picker: both profiles, the company's marked as such.
        let kinds = Dictionary(uniqueKeysWithValues: try await avain.profiles().map { ($0.id, $0.customerKind) })
        XCTAssertEqual(kinds, [annaId: .personal, companyId: .business])
        try await avain.logout()

        // The app restarts on the same data directory: both profiles are there.
        let reopened = try await open(store, keys, dataDir)
        let again = Dictionary(uniqueKeysWithValues: try await reopened.profiles().map { ($0.id, $0.customerKind) })
        XCTAssertEqual(again, kinds)
        // Deleting the company's profile here leaves Anna's working.
        try await reopened.deleteProfileLocally(profileId: companyId)
        let left = try await reopened.profiles().map { $0.id }
        XCTAssertEqual(left, [annaId])
        XCTAssertFalse(store.names.contains { $0.contains(companyId) })
        let annaLogin = try await reopened.loginWithPin(profileId: annaId, pin: annaPin)
        XCTAssertEqual(annaLogin.profile.customerKind, .personal)
        let annaAgain = try await reopened.payments().accounts().map { $0.accountId }
        XCTAssertEqual(annaAgain, annaAccounts)
    }
}
