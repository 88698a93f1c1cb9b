// A SecretStore in memory: for tests, SwiftUI previews and tools. Nothing survives the
// process.
import Foundation

/// Secrets kept in a dictionary behind a lock (the core calls from its own threads).
public final class MemorySecretStore: SecretStore, @unchecked Sendable {
    private let lock = NSLock()
    private var values: [String: Data] = [:]

    public init() {}

    public func get(name: String) throws -> Data? {
        lock.lock()
        defer { lock.unlock() }
        return values[name]
    }

    public func put(name: String, value: Data) throws {
        lock.lock()
        defer { lock.unlock() }
        values[name] = value
    }

    public func delete(name: String) throws {
        lock.lock()
        defer { lock.unlock() }
        values[name] = nil
    }

    /// The names stored, sorted (never the values): for tests and diagnostics.
    public var names: [String] {
        lock.lock()
        defer { lock.unlock() }
        return values.keys.sorted()
    }
}
