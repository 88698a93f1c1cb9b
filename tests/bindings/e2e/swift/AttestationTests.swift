// Key attestation from Swift (docs/attestation.md): under a bank policy that requires App
// Attest, an iPhone whose App Attest vouches for its registration (the sandbox's simulated
// service, `SimulatedAppAttest`) registers and sees the bank's verdict in its device list;
// one without App Attest is refused with the typed error and what to do.
import Foundation
import XCTest
@testable import Avain

final class AttestationTests: XCTestCase {
    /// The company: other tests register it too, and it is never locked or blocked.
    let user = "50010005"
    let pin = "620184"

    /// `body` under a policy that requires evidence from both platforms, and App Attest
    /// assertions on an iPhone's approvals.
    func required(_ body: () async throws -> Void) async throws {
        _ = try SandboxControl.values("POST", "/attestation/policy/required/required?assertions=true")
        do {
            try await body()
        } catch {
            _ = try? SandboxControl.values("POST", "/attestation/policy/preferred/preferred")
            throw error
        }
        _ = try SandboxControl.values("POST", "/attestation/policy/preferred/preferred")
    }

    func testAnIPhoneWithAppAttestRegistersAndSeesTheBanksVerdict() async throws {
        try await required {
            let appAttest = SimulatedAppAttest()
            let avain = try await SandboxControl.phone(bank: try SandboxControl.settings(), appAttest: appAttest)
            let profileId = try await SandboxControl.registerAndUnlock(avain, user: user, pin: pin, name: "Attestoitu iPhone")
            _ = try await avain.loginWithPin(profileId: profileId, pin: pin)
            let devices = try await avain.devices().list()
            let mine = try XCTUnwrap(devices.first { $0.thisDevice })
            XCTAssertEqual(mine.keyProtection, .appAttest)
            XCTAssertEqual(mine.keyProtectionLabel, "Laitteistoon suojattu avain, Applen vahvistama")
            // The login was an approval the bank asked an assertion for, over its own bytes.
            XCTAssertEqual(appAttest.assertionsAsked.count, 1)
            XCTAssertEqual(appAttest.assertionsAsked.first?.count, 32)
        }
    }

    func testAnIPhoneWithoutAppAttestIsRefusedWithWhatToDo() async throws {
        try await required {
            let avain = try await SandboxControl.phone(bank: try SandboxControl.settings())
            let error = try await avainError("registration") {
                _ = try await SandboxControl.registerAndUnlock(avain, user: user, pin: pin, name: "Todistamaton iPhone")
            }
            guard case .DeviceNotSupported = error else { return XCTFail("\(error)") }
            XCTAssertEqual(error.code, .attestationRequired)
            XCTAssertTrue(error.userMessage.contains("verkkopankkia"), error.userMessage)
            let profiles = try await avain.profiles()
            XCTAssertTrue(profiles.isEmpty)
        }
    }
}
