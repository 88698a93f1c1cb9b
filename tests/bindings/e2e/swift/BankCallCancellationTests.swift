// Cancelling the Swift task of a bank call (docs/concurrency.md, "Cancellation"). UniFFI
// 0.32's generated Swift awaits the Rust future in `withUnsafeContinuation` and does not
// forward task cancellation to it, so a bank call runs to its end whatever happens to its
// task: these tests pin that behaviour down (the task gets the call's result, the state is
// the completed operation's). The calls that take a `Cancellation` (the platform check,
// through `withAvainCancellation`) do stop: ios/Tests/AvainTests/CancellationTests.swift.
//
// The phone talks to the sandbox bank through the control server's relay, which holds the
// bank's answer while the test cancels the task, then lets it through.
import Foundation
import XCTest
@testable import Avain

final class BankCallCancellationTests: XCTestCase {
    /// The business customer: no other Swift test registers it.
    let user = "50010005"
    let pin = "472915"
    let newPin = "815063"

    /// A relay of the control server between one phone and the bank.
    struct Relay {
        let url: String
        let id: String

        init() throws {
            let started = try SandboxControl.values("POST", "/relay")
            url = started["url"] ?? ""
            id = started["id"] ?? ""
        }

        /// Holds the bank's next answer.
        func holdNext() throws { _ = try SandboxControl.call("POST", "/relay/\(id)/hold") }

        /// Holds the bank's answer once it accepted one more approval of `purpose`.
        func holdOnceApproved(_ purpose: String) throws {
            _ = try SandboxControl.call("POST", "/relay/\(id)/hold/\(purpose)")
        }

        func release() throws { _ = try SandboxControl.call("POST", "/relay/\(id)/release") }

        /// Waits until an answer is held (or has passed).
        func held() async throws {
            try await BankCallCancellationTests.until("a held answer") { try SandboxControl.values("GET", "/relay/\(id)")["held"] == "true" }
        }
    }

    /// Polls `done` every 10 ms for up to 10 s; fails the test after that.
    static func until(_ what: String, _ done: () async throws -> Bool) async throws {
        let deadline = Date().addingTimeInterval(10)
        while try await !done() {
            guard Date() < deadline else {
                XCTFail("waited too long for \(what)")
                throw URLError(.timedOut)
            }
            try await Task.sleep(nanoseconds: 10_000_000)
        }
    }

    /// A phone with an active, logged-in profile of `user`, talking to the bank through a
    /// relay.
    func phone() async throws -> (Avain, String, Relay) {
        let relay = try Relay()
        var bank = try SandboxControl.settings()
        bank.url = relay.url
        let (avain, profileId) = try await SandboxControl.activePhone(user: user, pin: pin, bank: bank)
        _ = try await avain.loginWithPin(profileId: profileId, pin: pin)
        return (avain, profileId, relay)
    }

    func testACancelledTaskStillGetsTheReadsAnswer() async throws {
        let (avain, _, relay) = try await phone()
        let accounts = try await avain.payments().accounts()

        try relay.holdNext()
        let task = Task { try await avain.payments().accounts() }
        try await relay.held()
        task.cancel()
        try relay.release()
        // Not a CancellationError: the call went on and its answer reached the task.
        let read = try await task.value
        XCTAssertEqual(String(describing: read), String(describing: accounts))
    }

    func testAPinChangeWhoseTaskIsCancelledCompletes() async throws {
        let (avain, profileId, relay) = try await phone()

        // The task is cancelled while the bank holds the answer to the committed change.
        try relay.holdOnceApproved("pin_change")
        let task = Task { try await avain.changePin(currentPin: pin, newPin: newPin, newPinAgain: newPin) }
        try await relay.held()
        task.cancel()
        try relay.release()
        try await task.value

        // Committed on both sides: the receipt is written and only the new PIN works.
        let receipts = try await avain.receipts().list(profileId: profileId, limit: 50)
        XCTAssertTrue(receipts.contains { $0.purpose == .pinChange })
        try await avain.logout()
        let error = try await avainError("the old PIN after the change") {
            _ = try await avain.loginWithPin(profileId: profileId, pin: self.pin)
        }
        XCTAssertEqual(error.code, .wrongPin)
        _ = try await avain.loginWithPin(profileId: profileId, pin: newPin)
        XCTAssertEqual(avain.loggedInProfile(), profileId)
    }
}
