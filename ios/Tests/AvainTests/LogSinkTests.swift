import Foundation
import XCTest
@testable import Avain

/// The core's log lines reach a Swift LogSink, filtered by level, without personal data.
final class LogSinkTests: XCTestCase {
    final class Collecting: LogSink, @unchecked Sendable {
        private let lock = NSLock()
        private var stored: [(LogLevel, String, String)] = []

        func log(level: LogLevel, target: String, message: String) {
            lock.lock()
            stored.append((level, target, message))
            lock.unlock()
        }

        var lines: [(LogLevel, String, String)] {
            lock.lock()
            defer { lock.unlock() }
            return stored
        }
    }

    private func provokeAnError() {
        XCTAssertThrowsError(try checkOsGate(platform: .android, osVersion: "14-beta", appVersion: nil,
                                             today: CalendarDate(year: 2025, month: 1, day: 1), lang: .fi))
    }

    func testErrorLinesReachTheSinkAndLevelsFilter() {
        let quiet = Collecting()
        installLogSink(sink: quiet, maxLevel: .error)
        let verbose = Collecting()
        installLogSink(sink: verbose, maxLevel: .trace)
        provokeAnError()
        XCTAssertTrue(quiet.lines.isEmpty, "a replaced sink gets nothing")
        let ours = verbose.lines.filter { $0.1 == "avain::error" }
        XCTAssertEqual(ours.count, 1)
        XCTAssertEqual(ours.first?.0, .error)
        XCTAssertTrue(ours.first?.2.contains("code=invalid_os_version") ?? false)
        XCTAssertFalse(ours.first?.2.contains("14-beta") ?? true, "the shell's input is not logged")
    }
}
