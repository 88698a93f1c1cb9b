// K_bio on Linux for the end-to-end tests: what an iPhone's biometric hardware does, in
// software. On Apple platforms the shell's Secure Enclave key with .biometryCurrentSet
// does this behind the Face ID / Touch ID prompt; there is no sensor here.
import Foundation
@testable import Avain

/// One P-256 key per profile, bound to the fingers enrolled when it was made: after
/// `enrolNewFinger()` every older key refuses to sign with `.BiometricSetChanged`, as a
/// `.biometryCurrentSet` key does once the enrolled set changes. With `customerCancels`
/// the next prompt ends with the customer choosing the passcode/PIN instead. The
/// signature math is the core's software key (as in `SwiftDeviceKeys`), kept in a store
/// of its own; the bookkeeping, the errors and the prompts are this Swift object's.
final class SimulatedBiometricKeys: BiometricKeys, @unchecked Sendable {
    private let lock = NSLock()
    private let math = softwareDeviceKeys(store: MemorySecretStore())
    private var boundTo: [String: Int] = [:]
    private var enrolment = 0
    private var cancelNext = false
    private var shown: [String] = []

    /// The prompt texts the core asked the platform to show, in order.
    var prompts: [String] { locked { shown } }

    /// The customer adds a fingerprint in the phone's settings.
    func enrolNewFinger() { locked { enrolment += 1 } }

    /// The next prompt is cancelled by the customer.
    func customerCancels() { locked { cancelNext = true } }

    private func locked<T>(_ body: () -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body()
    }

    func isAvailable() -> Bool { true }

    /// No chain: an iPhone's K_bio is vouched for by the App Attest assertion on the
    /// approval that registers it, where the bank asks.
    func create(profileId: String, attestationChallenge: Data?) throws -> CreatedKey {
        let created = try math.create(profileId: profileId, attestationChallenge: nil)
        locked { boundTo[profileId] = enrolment }
        return created
    }

    func publicKey(profileId: String) throws -> Data? {
        guard locked({ boundTo[profileId] }) != nil else { return nil }
        return try math.publicKey(profileId: profileId)
    }

    func sign(profileId: String, prompt: String, message: Data) throws -> Data {
        let (bound, current, cancel) = locked { () -> (Int?, Int, Bool) in
            let answer = (boundTo[profileId], enrolment, cancelNext)
            cancelNext = false
            return answer
        }
        guard let bound else { throw PlatformError.KeyNotFound }
        guard bound == current else { throw PlatformError.BiometricSetChanged }
        locked { shown.append(prompt) }
        if cancel { throw PlatformError.Cancelled }
        return try math.sign(profileId: profileId, message: message)
    }

    func delete(profileId: String) throws {
        locked { boundTo[profileId] = nil }
        try math.delete(profileId: profileId)
    }
}
