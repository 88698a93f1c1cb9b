// A meeting booked without logging in, from a phone with no profile (before registration):
// the bank's free slots, the booking with name, phone and e-mail, and the confirmation
// with the booking code that the control server reads from the bank's outbox.
import Foundation
import XCTest
@testable import Avain

final class MeetingBookingTests: XCTestCase {
    func message(_ address: String, _ kind: String) throws -> [String: String] {
        try SandboxControl.values("GET", "/outbox/\(address)/\(kind)")
    }

    func testAMeetingBookedWithoutLoginIsConfirmedWithItsBookingCode() async throws {
        let avain = try await SandboxControl.phone(bank: try SandboxControl.settings())
        let slots = try await avain.meetings().freeSlots()
        XCTAssertGreaterThan(slots.count, 2)
        let form = GuestBookingForm(
            kind: .phone, startsAt: slots[0].startsAt, topic: "Säästäminen",
            name: "Sanni Swift", phone: "050 777 0011", email: nil)
        let booked = try await avain.meetings().bookWithoutLogin(form: form)
        XCTAssertEqual(booked.kind, .phone)
        XCTAssertEqual(booked.startsAt, slots[0].startsAt)
        XCTAssertTrue(booked.participants.isEmpty, "no names without login")

        let sms = try message("+358507770011", "meeting_booked")
        XCTAssertEqual(sms["channel"], "sms")
        XCTAssertTrue(sms["text"]?.contains(booked.bookingCode) ?? false)

        // The same slot again: taken.
        var again = form
        again.phone = "050 777 0012"
        let taken = try await avainError("the same slot") {
            _ = try await avain.meetings().bookWithoutLogin(form: again)
        }
        guard case .Refused(let code, _) = taken else { return XCTFail("\(taken)") }
        XCTAssertEqual(code, .meetingSlotTaken)

        // With an e-mail address the confirmation is an e-mail.
        var mailed = form
        mailed.kind = .branch
        mailed.startsAt = slots[1].startsAt
        mailed.email = "sanni@example.fi"
        let branch = try await avain.meetings().bookWithoutLogin(form: mailed)
        let mail = try message("sanni@example.fi", "meeting_booked")
        XCTAssertEqual(mail["channel"], "email")
        XCTAssertTrue(mail["text"]?.contains(branch.bookingCode) ?? false)

        // Checked on the phone: a broken address never reaches the bank.
        var broken = form
        broken.startsAt = slots[2].startsAt
        broken.email = "sanni@"
        let invalid = try await avainError("a broken address") {
            _ = try await avain.meetings().bookWithoutLogin(form: broken)
        }
        guard case .InvalidInput(let field, _) = invalid else { return XCTFail("\(invalid)") }
        XCTAssertEqual(field, .emailInvalid)
    }
}
