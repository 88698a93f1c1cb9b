// A meeting's join window on the injected clocks: the phone's (AvainSettings.clock) and the
// sandbox bank's are moved to the window's edges together, a day ahead, instead of waiting
// for them. The phone computes the window on its clock and the bank checks the join on its
// own, so a join the bank accepts at the window's opening shows that both moved.
import Foundation
import XCTest
@testable import Avain

final class MeetingWindowClockTests: XCTestCase {
    /// The business customer: SandboxFlowTests does not register it (ScreenLockTests does,
    /// on a phone of its own).
    let user = "50010005"
    let pin = "472915"

    /// A phone on the test clock with an active profile of `user`; its id.
    func phone() async throws -> (Avain, String) {
        try await SandboxControl.activePhone(user: user, pin: pin, bank: try SandboxControl.settings(), clock: TestClock.shared)
    }

    func testTheJoinWindowOpensAndClosesOnTheInjectedClocks() async throws {
        let (avain, profileId) = try await phone()
        defer { try? TestClock.shared.real() }
        let now = try TestClock.shared.freeze(Date())
        _ = try await avain.loginWithPin(profileId: profileId, pin: pin)
        // A meeting tomorrow, on a quarter hour.
        let start = Date(timeIntervalSince1970: (floor(now.addingTimeInterval(86_400).timeIntervalSince1970 / 900) + 1) * 900)
        let booked = try await avain.meetings().bookMeeting(startsAt: start, durationMinutes: 30, topic: "Yrityslaina", details: nil)
        XCTAssertEqual(booked.joinWindow, .notYetOpen(opensAt: booked.joinOpensAt))
        func listed() async throws -> MeetingInfo {
            let meetings = try await avain.meetings().list()
            return try XCTUnwrap(meetings.first { $0.bookingCode == booked.bookingCode })
        }

        // A second before the window: closed on the phone. (A day passed: the session is
        // idle on both clocks, so each step logs in again.)
        try TestClock.shared.freeze(booked.joinOpensAt.addingTimeInterval(-1))
        _ = try await avain.loginWithPin(profileId: profileId, pin: pin)
        let early = try await listed()
        XCTAssertEqual(early.joinWindow, .notYetOpen(opensAt: booked.joinOpensAt))
        var error = try await avainError("a second early") { _ = try await avain.meetings().joinMeeting(bookingCode: booked.bookingCode) }
        XCTAssertEqual(error.code, .meetingNotOpen)

        // At the opening: open on the phone, and the bank lets the customer in.
        try TestClock.shared.freeze(booked.joinOpensAt)
        _ = try await avain.loginWithPin(profileId: profileId, pin: pin)
        let opening = try await listed()
        XCTAssertEqual(opening.joinWindow, .open)
        let join = try await avain.meetings().joinMeeting(bookingCode: booked.bookingCode)
        XCTAssertTrue(join.joinUrl.hasPrefix("https://"), join.joinUrl)

        // At the end: over.
        try TestClock.shared.freeze(booked.endsAt)
        _ = try await avain.loginWithPin(profileId: profileId, pin: pin)
        let ended = try await listed()
        XCTAssertEqual(ended.joinWindow, .ended)
        error = try await avainError("after the end") { _ = try await avain.meetings().joinMeeting(bookingCode: booked.bookingCode) }
        XCTAssertEqual(error.code, .meetingClosed)
    }
}
