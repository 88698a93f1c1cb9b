// The phone's clock in the end-to-end tests, moved together with the sandbox bank's.
import Foundation
@testable import Avain

/// The clock the tests' phones read "now" from (`AvainSettings.clock`): the system's, or an
/// instant at which `freeze` stopped it together with the bank's clock, so that a test that
/// needs a time (a meeting's join window) sets it instead of waiting for it.
final class TestClock: WallClock, @unchecked Sendable {
    static let shared = TestClock()

    private let lock = NSLock()
    private var frozenAtMs: Int64?

    func nowUnixMs() -> Int64 {
        lock.lock()
        defer { lock.unlock() }
        return frozenAtMs ?? Int64((Date().timeIntervalSince1970 * 1000).rounded(.down))
    }

    /// Stops the bank's clock and the phone's at `at` (to the millisecond); returns it.
    @discardableResult
    func freeze(_ at: Date) throws -> Date {
        let ms = Int64((at.timeIntervalSince1970 * 1000).rounded(.down))
        _ = try SandboxControl.call("POST", "/clock/\(ms)")
        lock.lock()
        frozenAtMs = ms
        lock.unlock()
        return Date(timeIntervalSince1970: Double(ms) / 1000)
    }

    /// Both clocks on real time again.
    func real() throws {
        _ = try SandboxControl.call("POST", "/clock/real")
        lock.lock()
        frozenAtMs = nil
        lock.unlock()
    }
}
