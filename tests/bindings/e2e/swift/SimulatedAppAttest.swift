// App Attest on Linux for the end-to-end tests: what `DCAppAttestService` does on an
// iPhone, played by the sandbox (its simulated App Attest, through the control server's
// /attestation/apple routes, under a test root only the sandbox trusts). On Apple
// platforms the shell's `AppleAppAttest` asks Apple.
import Foundation
@testable import Avain

final class SimulatedAppAttest: AppAttest, @unchecked Sendable {
    private let lock = NSLock()
    private var asked: [Data] = []

    /// The client data hashes the core asked assertions over, in order.
    var assertionsAsked: [Data] {
        lock.lock()
        defer { lock.unlock() }
        return asked
    }

    func isSupported() -> Bool { true }

    func generateKey() throws -> String {
        try answer("POST", "/attestation/apple/keys", "key_id")
    }

    func attestKey(keyId: String, clientDataHash: Data) throws -> Data {
        try bytes(try answer("POST", "/attestation/apple/attest/\(try hex(keyId))/\(hex(clientDataHash))",
                             "attestation_object"))
    }

    func generateAssertion(keyId: String, clientDataHash: Data) throws -> Data {
        lock.lock()
        asked.append(clientDataHash)
        lock.unlock()
        return try bytes(try answer("POST", "/attestation/apple/assert/\(try hex(keyId))/\(hex(clientDataHash))",
                                    "assertion"))
    }

    /// The value of `key` in the control server's answer; a failure is the platform's.
    private func answer(_ method: String, _ path: String, _ key: String) throws -> String {
        guard let value = try? SandboxControl.values(method, path)[key] else {
            throw PlatformError.Failure(reason: "DCError.serverUnavailable")
        }
        return value
    }

    private func bytes(_ base64: String) throws -> Data {
        guard let data = Data(base64Encoded: base64) else { throw PlatformError.Failure(reason: "DCError.invalidInput") }
        return data
    }

    /// Apple's key id (base64) as the control server's lower-case hex.
    private func hex(_ keyId: String) throws -> String { hex(try bytes(keyId)) }

    private func hex(_ data: Data) -> String { data.map { String(format: "%02x", $0) }.joined() }
}
