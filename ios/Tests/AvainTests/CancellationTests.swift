import Foundation
import XCTest
@testable import Avain

/// Cancelling the Swift task of a long-running call stops the core's work and cleans up.
final class CancellationTests: XCTestCase {
    /// A keychain whose first write hangs until released.
    final class SlowStore: SecretStore, @unchecked Sendable {
        let inner = MemorySecretStore()
        let writing = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        let deleted = DispatchSemaphore(value: 0)
        private let lock = NSLock()
        private(set) var calls: [String] = []

        private func record(_ call: String) { lock.lock(); calls.append(call); lock.unlock() }
        func get(name: String) throws -> Data? { record("get"); return try inner.get(name: name) }
        func put(name: String, value: Data) throws {
            record("put")
            writing.signal()
            _ = release.wait(timeout: .now() + 10)
            try inner.put(name: name, value: value)
        }
        func delete(name: String) throws { record("delete"); try inner.delete(name: name); deleted.signal() }
    }

    func testCancellingTheTaskThrowsCancellationErrorAndTheCoreCleansUp() async throws {
        let store = SlowStore()
        let task = Task {
            try await checkPlatform(secretStore: store, deviceKeys: SwiftDeviceKeys(store: MemorySecretStore()),
                                    biometricKeys: NoBiometrics(), lang: .fi)
        }
        XCTAssertEqual(store.writing.wait(timeout: .now() + 10), .success, "the core reached the keychain")
        let started = Date()
        task.cancel()
        do {
            _ = try await task.value
            XCTFail("expected CancellationError")
        } catch is CancellationError {
            // expected, while the keychain call is still hanging
        }
        XCTAssertLessThan(Date().timeIntervalSince(started), 2)
        store.release.signal()
        XCTAssertEqual(store.deleted.wait(timeout: .now() + 10), .success)
        Thread.sleep(forTimeInterval: 0.05)
        XCTAssertEqual(store.calls, ["put", "delete"])
        XCTAssertEqual(store.inner.names, [])
    }

    func testACancellationCanBeFlippedOnlyOnce() {
        let cancellation = Cancellation()
        XCTAssertFalse(cancellation.isCancelled())
        cancellation.cancel()
        cancellation.cancel()
        XCTAssertTrue(cancellation.isCancelled())
    }
}
