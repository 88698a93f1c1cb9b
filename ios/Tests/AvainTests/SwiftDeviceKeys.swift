import Foundation
@testable import Avain

/// K_dev implemented in Swift for the Linux tests.
///
/// On Apple platforms the shell's `SecureEnclaveDeviceKeys` does the ECDSA in the Secure
/// Enclave. On Linux there is no P-256 in Foundation and swift-crypto cannot be fetched
/// offline, so this test double implements the `DeviceKeys` protocol in Swift (per-profile
/// key aliases as the Keychain would hold them, call bookkeeping, Swift errors thrown as
/// `PlatformError`) and delegates only the signature math to the core's software key
/// (`softwareDeviceKeys`, in a library built with the test feature `software-keys`), kept
/// in a Swift secret store.
/// The core still sees a Swift object; what it proves is the wiring in both directions,
/// not Swift's cryptography.
final class SwiftDeviceKeys: DeviceKeys, @unchecked Sendable {
    private let lock = NSLock()
    private let math: DeviceKeys
    private var aliases: [String: String] = [:]
    private var lockOn: Bool
    private(set) var calls: [String] = []

    /// `secureLockScreen: false` stands for a phone whose screen lock is off.
    init(store: SecretStore, secureLockScreen: Bool = true) {
        math = softwareDeviceKeys(store: store)
        lockOn = secureLockScreen
    }

    /// The customer turns the screen lock on or off in the settings.
    func setSecureLockScreen(_ on: Bool) {
        lock.lock()
        lockOn = on
        lock.unlock()
    }

    func hasSecureLockScreen() -> Bool {
        lock.lock()
        defer { lock.unlock() }
        return lockOn
    }

    private func record(_ call: String) {
        lock.lock()
        calls.append(call)
        lock.unlock()
    }

    private func alias(_ profileId: String, create: Bool = false) -> String? {
        lock.lock()
        defer { lock.unlock() }
        if create { aliases[profileId] = "fi.avain.kdev.\(profileId)" }
        return aliases[profileId]
    }

    /// Software keys cannot be attested: no chain (an iPhone's evidence is App Attest's).
    func create(profileId: String, attestationChallenge: Data?) throws -> CreatedKey {
        record("create")
        _ = alias(profileId, create: true)
        return try platformCall { try math.create(profileId: profileId, attestationChallenge: nil) }
    }

    func publicKey(profileId: String) throws -> Data? {
        record("publicKey")
        guard alias(profileId) != nil else { return nil }
        return try platformCall { try math.publicKey(profileId: profileId) }
    }

    func sign(profileId: String, message: Data) throws -> Data {
        record("sign")
        guard alias(profileId) != nil else { throw PlatformError.KeyNotFound }
        return try platformCall { try math.sign(profileId: profileId, message: message) }
    }

    func delete(profileId: String) throws {
        record("delete")
        lock.lock()
        aliases[profileId] = nil
        lock.unlock()
        try platformCall { try math.delete(profileId: profileId) }
    }
}

/// No biometric hardware (Linux); availability is all the platform check asks.
final class NoBiometrics: BiometricKeys, @unchecked Sendable {
    func isAvailable() -> Bool { false }
    func create(profileId: String, attestationChallenge: Data?) throws -> CreatedKey {
        throw PlatformError.BiometricsNotAvailable
    }
    func publicKey(profileId: String) throws -> Data? { nil }
    func sign(profileId: String, prompt: String, message: Data) throws -> Data {
        throw PlatformError.BiometricsNotAvailable
    }
    func delete(profileId: String) throws {}
}
